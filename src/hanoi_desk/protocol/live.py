"""The live meeting's wire records (docs/protocol.md, "Live meetings").

Commands go up as ``POST /v1/meetings/{id}/live/commands``; events come down
as pages (``GET …/live/events``) and as Server-Sent Events (``GET …/live``)
with heartbeats. Parsing is as strict as the rest of the protocol about types
and bounds; what the events *mean* is ``hanoi_desk.domain.live``'s business
(an event's fields here are exactly ``domain.live.LiveEvent``'s, so
``LiveEvent(**wire.fields())`` builds one).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from hanoi_desk.protocol.base import (
    APPLIED,
    DUPLICATE,
    ProtocolError,
    _ident,
    _int,
    _obj,
    _str,
    check_sha256,
)

REFUSED: Final = "refused"
LiveCommandStatus = Literal["applied", "duplicate", "refused"]

MAX_LIVE_EVENTS_LIMIT: Final = 1000
DEFAULT_LIVE_EVENTS_LIMIT: Final = 500
MAX_LIVE_ARGS_CHARS: Final = 4096
"""A command's ``args`` as compact JSON: a few ids, a state and texts of at most 200 characters."""
MAX_LIVE_DATA_CHARS: Final = 16_384
"""An event's ``data`` as compact JSON."""
MAX_LIVE_SEQS: Final = 64
"""Event seqs one command may answer with (today at most three: stop, called, speaking)."""
SSE_LIVE: Final = "live"
"""The SSE ``event:`` name of a live event (its ``id:`` is the seq)."""
SSE_HEARTBEAT: Final = "heartbeat"

MAX_MS: Final = 2**53 - 1
"""Times are milliseconds since the epoch; kept where every JSON reader is exact."""

_KIND = re.compile(r"[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31}){0,3}")
_REASON = re.compile(r"[a-z][a-z0-9_]{0,63}")
_ROLE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_MAX_DEPTH = 8


def _kind(d: Mapping[str, Any], key: str, what: str) -> str:
    value = _str(d, key, what)
    if not _KIND.fullmatch(value):
        raise ProtocolError(what, f"“{key}” must be dotted lowercase words")
    return value


def _compact_size(value: object) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def _json_value(value: object, what: str, key: str, depth: int = 0) -> None:
    """Only what the live log can hash: no floats (two writers may spell one
    float two ways), string keys, bounded nesting."""
    if depth > _MAX_DEPTH:
        raise ProtocolError(what, f"“{key}” is nested too deeply")
    if value is None or isinstance(value, bool | str):
        return
    if isinstance(value, int):
        if not -MAX_MS <= value <= MAX_MS:
            raise ProtocolError(what, f"“{key}” holds an integer out of range")
        return
    if isinstance(value, Mapping):
        for k, v in value.items():
            if not isinstance(k, str):
                raise ProtocolError(what, f"“{key}” has a key that is not a string")
            _json_value(v, what, key, depth + 1)
        return
    if isinstance(value, list):
        for v in value:
            _json_value(v, what, key, depth + 1)
        return
    raise ProtocolError(
        what, f"“{key}” holds a value other than text, integers, true/false or null"
    )


# --- commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveCommandRequest:
    op_id: str
    """The client's idempotency key (a UUID): the same op_id is applied once per user."""
    kind: str
    args: Mapping[str, Any]

    @classmethod
    def parse(cls, body: object) -> LiveCommandRequest:
        w = "live command"
        d = _obj(body, w)
        args = _obj(d.get("args"), w, "“args”")
        for key, value in args.items():
            if not isinstance(key, str):
                raise ProtocolError(w, "“args” has a key that is not a string")
            if value is not None and not isinstance(value, bool | int | str):
                raise ProtocolError(w, "“args” values must be text, integers, true/false or null")
            _json_value(value, w, "args")
        if _compact_size(args) > MAX_LIVE_ARGS_CHARS:
            raise ProtocolError(w, f"“args” is longer than {MAX_LIVE_ARGS_CHARS} characters")
        return cls(_ident(d, "op_id", w), _kind(d, "kind", w), dict(args))

    def to_json(self) -> dict[str, Any]:
        return {"op_id": self.op_id, "kind": self.kind, "args": dict(self.args)}


@dataclass(frozen=True)
class LiveCommandResult:
    status: LiveCommandStatus
    """``applied`` now; ``duplicate``: this op_id was decided before, its stored
    outcome is repeated (``reason`` set if it was refused, else its ``seqs``);
    ``refused``: nothing changed, never retry the same command."""
    reason: str | None
    """Why it was refused (``domain.live.rules``' reasons, e.g. ``stale``)."""
    seqs: tuple[int, ...]
    """The events the command appended (none when it changed nothing)."""

    @classmethod
    def parse(cls, body: object) -> LiveCommandResult:
        w = "live command result"
        d = _obj(body, w)
        status = _str(d, "status", w)
        if status not in (APPLIED, DUPLICATE, REFUSED):
            raise ProtocolError(w, "“status” must be applied, duplicate or refused")
        reason = d.get("reason")
        if reason is not None and (not isinstance(reason, str) or not _REASON.fullmatch(reason)):
            raise ProtocolError(w, "“reason” must be a lowercase word")
        if (status == REFUSED) != (reason is not None) and status != DUPLICATE:
            raise ProtocolError(w, "a refusal, and only a refusal, gives a “reason”")
        items = d.get("seqs")
        if not isinstance(items, list) or len(items) > MAX_LIVE_SEQS:
            raise ProtocolError(w, f"“seqs” must be a list of at most {MAX_LIVE_SEQS}")
        seqs = tuple(_int({"seq": s}, "seq", w, low=1) for s in items)
        if list(seqs) != sorted(set(seqs)):
            raise ProtocolError(w, "“seqs” must be strictly increasing")
        if reason is not None and seqs:
            raise ProtocolError(w, "a refused command appended no event")
        return cls(status, reason, seqs)  # type: ignore[arg-type]

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "seqs": list(self.seqs)}


# --- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveEventWire:
    seq: int
    meeting_id: str
    kind: str
    actor: str
    at: int
    data: Mapping[str, Any]
    prev_hash: str
    hash: str

    @classmethod
    def parse(cls, body: object) -> LiveEventWire:
        w = "live event"
        d = _obj(body, w)
        data = _obj(d.get("data"), w, "“data”")
        _json_value(data, w, "data")
        if _compact_size(data) > MAX_LIVE_DATA_CHARS:
            raise ProtocolError(w, f"“data” is longer than {MAX_LIVE_DATA_CHARS} characters")
        return cls(
            _int(d, "seq", w, low=1),
            _ident(d, "meeting_id", w),
            _kind(d, "kind", w),
            _ident(d, "actor", w),
            _int(d, "at", w, high=MAX_MS),
            data,
            check_sha256(_str(d, "prev_hash", w), f"{w} “prev_hash”"),
            check_sha256(_str(d, "hash", w), f"{w} “hash”"),
        )

    def fields(self) -> dict[str, Any]:
        """The fields by name (those of ``domain.live.LiveEvent``)."""
        return {
            "seq": self.seq,
            "meeting_id": self.meeting_id,
            "kind": self.kind,
            "actor": self.actor,
            "at": self.at,
            "data": self.data,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.fields(), "data": dict(self.data)}


@dataclass(frozen=True)
class LiveHead:
    seq: int
    """The last event's seq (0: no event yet)."""
    hash: str
    """The last event's hash (64 zeros when there is none)."""

    @classmethod
    def parse(cls, body: object, what: str = "live head") -> LiveHead:
        d = _obj(body, what)
        return cls(_int(d, "seq", what), check_sha256(_str(d, "hash", what), f"{what} “hash”"))

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash}


@dataclass(frozen=True)
class LiveEventsPage:
    events: tuple[LiveEventWire, ...]
    """Consecutive events after the requested seq (fewer than asked at the head)."""
    head: LiveHead
    now: int
    """The authority's clock when answering (ms), for the client's clock offset."""
    role: str
    """The caller's role in the meeting; a role this client does not know may do nothing."""
    authority: str
    """Who decides this meeting's commands (``central`` today)."""

    @classmethod
    def parse(cls, body: object) -> LiveEventsPage:
        w = "live events page"
        d = _obj(body, w)
        items = d.get("events")
        if not isinstance(items, list):
            raise ProtocolError(w, "“events” must be a list")
        if len(items) > MAX_LIVE_EVENTS_LIMIT:
            raise ProtocolError(w, "more events than any limit allows")
        events = tuple(LiveEventWire.parse(i) for i in items)
        for before, after in itertools.pairwise(events):
            if after.seq != before.seq + 1:
                raise ProtocolError(w, "“events” must have consecutive seqs")
        head = LiveHead.parse(d.get("head"), w)
        if events and events[-1].seq > head.seq:
            raise ProtocolError(w, "an event lies past the “head”")
        role = _str(d, "role", w)
        if not _ROLE.fullmatch(role):
            raise ProtocolError(w, "“role” must be a lowercase word")
        return cls(events, head, _int(d, "now", w, high=MAX_MS), role, _ident(d, "authority", w))

    def to_json(self) -> dict[str, Any]:
        return {
            "events": [e.to_json() for e in self.events],
            "head": self.head.to_json(),
            "now": self.now,
            "role": self.role,
            "authority": self.authority,
        }


@dataclass(frozen=True)
class Heartbeat:
    """Sent on the stream every few seconds: the authority's time and head, so a
    client measures its clock offset and notices a gap or a fork."""

    now: int
    seq: int
    hash: str

    @classmethod
    def parse(cls, body: object) -> Heartbeat:
        w = "live heartbeat"
        d = _obj(body, w)
        return cls(
            _int(d, "now", w, high=MAX_MS),
            _int(d, "seq", w),
            check_sha256(_str(d, "hash", w), f"{w} “hash”"),
        )

    def to_json(self) -> dict[str, Any]:
        return {"now": self.now, "seq": self.seq, "hash": self.hash}
