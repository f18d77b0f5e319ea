"""Helpers of the live meeting client tests (``from live_client_helpers import ...``):
chained events as an authority would write them, and a meeting in a real cache."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from hanoi_desk.domain.live.chain import GENESIS, link_hash
from hanoi_desk.domain.live.state import LiveEvent
from hanoi_desk.protocol import Change
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.replica_apply import apply_change

AT = 1_800_000_000_000
"""An authority time (ms) the made-up logs start at."""


def chained(
    meeting_id: str,
    bodies: Sequence[tuple[str, str, Mapping[str, Any]]],
    *,
    after: tuple[int, str] = (0, GENESIS),
    at: int = AT,
    step_ms: int = 1000,
) -> list[LiveEvent]:
    """Events (kind, actor, data) chained after ``after`` (seq, hash), one a second."""
    seq, prev = after
    out = []
    for i, (kind, actor, data) in enumerate(bodies):
        unsigned = LiveEvent(seq + 1, meeting_id, kind, actor, at + i * step_ms, data, prev, "")
        digest = link_hash(prev, unsigned)
        event = LiveEvent(seq + 1, meeting_id, kind, actor, unsigned.at, data, prev, digest)
        out.append(event)
        seq, prev = seq + 1, digest
    return out


def add_meeting(cache: Cache, meeting_id: str, people: Sequence[tuple[str, str, str]] = ()) -> None:
    """A meeting as a sync would have stored it, with (user_id, name, role) participants."""
    with cache.transaction() as c:
        c.execute("PRAGMA defer_foreign_keys = ON")
        apply_change(
            c,
            "http://127.0.0.1:1",
            None,
            Change(
                "meeting",
                meeting_id,
                {
                    "title": "Kỳ họp thứ 12",
                    "starts_at": "2027-05-12T08:00:00+07:00",
                    "ends_at": None,
                    "place": "Hội trường",
                    "chair": "Trần Thị Bình",
                    "status": "open",
                },
            ),
            "2027-05-12T00:00:00+00:00",
        )
        for user_id, name, role in people:
            apply_change(
                c,
                "http://127.0.0.1:1",
                None,
                Change(
                    "participant",
                    f"{meeting_id}:{user_id}",
                    {
                        "meeting_id": meeting_id,
                        "user_id": user_id,
                        "display_name": name,
                        "role": role,
                    },
                ),
                "2027-05-12T00:00:00+00:00",
            )
