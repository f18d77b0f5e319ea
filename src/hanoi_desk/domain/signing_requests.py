"""Signing requests as the client reads them (docs/signing-requests.md): the
record the feed sends, and which steps wait for me. Standard library only.

The server decides who may sign when; the client only shows it and refuses
early (before any PIN) what the server would refuse anyway.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Step:
    position: int
    stage: int
    user_id: str
    name: str
    role: str
    field_name: str
    decree_kind: str
    state: str
    reason: str | None


@dataclass(frozen=True)
class SigningRequest:
    id: str
    meeting_id: str
    document_version_id: str
    title: str
    state: str
    head_sha256: str
    head_size: int
    steps: tuple[Step, ...]
    expires_at: int | None = None
    """Epoch seconds; after it the server refuses every signature (``request_expired``)."""

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> SigningRequest:
        """Raises KeyError, TypeError or ValueError on a damaged record."""
        steps = tuple(
            Step(
                int(s["position"]),
                int(s["stage"]),
                str(s["user_id"]),
                str(s["name"]),
                str(s["role"]),
                str(s["field_name"]),
                str(s["decree_kind"]),
                str(s["state"]),
                None if s.get("reason") is None else str(s["reason"]),
            )
            for s in data["steps"]
        )
        head = str(data["head_sha256"])
        if len(head) != 64 or int(data["head_size"]) < 0:
            raise ValueError("head")
        expires = data.get("expires_at")  # absent from a server before expiry existed
        return cls(str(data["id"]), str(data["meeting_id"]), str(data["document_version_id"]),
                   str(data["title"]), str(data["state"]), head, int(data["head_size"]),
                   steps, None if expires is None else int(expires))  # fmt: skip

    def state_at(self, now: float) -> str:
        """The state to show at ``now``: a request in progress past its expiry is
        ``expired`` even before a sync brings the server's word (the server's clock
        decides; this only keeps a signer from a PIN entry the server would refuse).
        A draft past its expiry can no longer be started: ``expired`` too."""
        open_ = self.state in ("in_progress", "draft")
        if open_ and self.expires_at is not None and now >= self.expires_at:
            return "expired"
        return self.state

    def my_active_steps(self, me: Iterable[str], now: float | None = None) -> list[Step]:
        """My steps I may sign now: the request in progress (and, given ``now``, not
        past its expiry), the step active. A draft asks nobody."""
        mine = set(me)
        if (self.state if now is None else self.state_at(now)) != "in_progress":
            return []
        return [s for s in self.steps if s.user_id in mine and s.state == "active"]


def waiting_first(requests: Iterable[SigningRequest], me: Iterable[str]) -> list[SigningRequest]:
    """Requests waiting for my signature first, then the others in progress, then
    the finished ones; by title within each."""
    mine = frozenset(me)

    def rank(r: SigningRequest) -> tuple[int, str, str]:
        group = 0 if r.my_active_steps(mine) else 1 if r.state == "in_progress" else 2
        return (group, r.title, r.id)

    return sorted(requests, key=rank)
