"""The live state of one meeting as a fold of its events.

``apply`` is the only way state changes: the authority applies the events it
just decided, a client applies the events it receives, and both arrive at the
same state (the tests check it). Records are immutable; ``apply`` returns a new
state and never reads a clock: time comes from each event's ``at``, the
authority's clock in milliseconds since the epoch.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final, TypeVar

from hanoi_desk.domain.live.chain import GENESIS, check_link
from hanoi_desk.errors import IntegrityError
from hanoi_desk.i18n import N_


class AttendanceState(StrEnum):
    EXPECTED = "expected"
    """Nobody said anything yet (everyone's state before the first event)."""
    PRESENT = "present"
    LEFT = "left"
    EXCUSED = "excused"
    """Absent with a reason (vắng có lý do)."""
    ABSENT = "absent"


class RequestType(StrEnum):
    SPEAK = "speak"
    INTERPELLATION = "interpellation"
    """Chất vấn: addressed to an official (``to``) on a ``topic``."""
    POINT_OF_ORDER = "point_of_order"


class RequestState(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    CALLED = "called"
    SPEAKING = "speaking"
    PAUSED = "paused"
    DONE = "done"


WAITING: Final = frozenset({RequestState.REQUESTED, RequestState.APPROVED})
"""A request in the queue: it may still be withdrawn, approved, reordered, called."""
ON_THE_FLOOR: Final = frozenset({RequestState.CALLED, RequestState.SPEAKING, RequestState.PAUSED})
"""The current speaker's request (at most one at a time)."""


class EventKind(StrEnum):
    """Event kinds this version folds. A newer authority may add kinds (an older
    client skips them); it never adds values to an existing kind's fields."""

    ATTENDANCE = "attendance"
    SUBSTITUTE = "substitute"
    SPEAKER_REQUESTED = "speaker.requested"
    SPEAKER_STATE = "speaker.state"
    SPEAKER_ORDER = "speaker.order"


SPEAKER_EVENTS: Final = frozenset(
    {EventKind.SPEAKER_REQUESTED, EventKind.SPEAKER_STATE, EventKind.SPEAKER_ORDER}
)
"""Each of these increments ``list_version``."""

BAD_LIVE_DATA = N_("The meeting's live data is not readable: {problem}.")


class BadLiveData(IntegrityError):
    """An event of a known kind, or a stored state, lacks a field or has a wrong
    one. ``problem`` names the field and the rule, never the value."""

    template = BAD_LIVE_DATA

    def __init__(self, problem: str, seq: int | None = None) -> None:
        super().__init__(BAD_LIVE_DATA, problem=problem)
        self.problem = problem
        self.seq = seq


@dataclass(frozen=True)
class LiveEvent:
    seq: int
    """1, 2, 3… per meeting, given by the authority; no gaps."""
    meeting_id: str
    kind: str
    actor: str
    """The user whose command produced the event."""
    at: int
    """The authority's clock, milliseconds since the epoch (never runs backwards in a log)."""
    data: Mapping[str, Any]
    prev_hash: str
    hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "meeting_id": self.meeting_id,
            "kind": self.kind,
            "actor": self.actor,
            "at": self.at,
            "data": dict(self.data),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class Attendance:
    user: str
    state: AttendanceState = AttendanceState.EXPECTED
    reason: str = ""
    """Why the member is excused (empty in every other state)."""
    substitute: str = ""
    """The display name of who attends in the member's place (empty: nobody).
    A member marked present with a substitute named is in the room through
    that substitute."""


@dataclass(frozen=True)
class SpeakerRequest:
    id: str
    """Made by the requesting client (a UUID), so a request queued offline and
    sent twice is one request."""
    user: str
    type: RequestType
    to: str
    """Interpellations: the official addressed (display name); empty otherwise."""
    topic: str
    state: RequestState
    requested_seq: int
    started_at: int | None = None
    """When it last went to ``speaking`` (authority clock, ms)."""
    spoken_ms: int = 0
    """Time spoken before the last pause or stop."""


def elapsed_ms(request: SpeakerRequest, now_ms: int) -> int:
    """How long ``request``'s speaker has spoken at ``now_ms`` (authority clock:
    a client passes its own clock corrected by the offset it measured)."""
    if request.state is RequestState.SPEAKING and request.started_at is not None:
        # A client's corrected clock may still lag the event by a few ms: never negative.
        return request.spoken_ms + max(0, now_ms - request.started_at)
    return request.spoken_ms


def _frozen(attendance: Mapping[str, Attendance]) -> Mapping[str, Attendance]:
    return MappingProxyType(dict(attendance))


@dataclass(frozen=True)
class LiveState:
    meeting_id: str
    head_seq: int = 0
    head_hash: str = GENESIS
    head_at: int = 0
    """The ``at`` of the last event: the authority stamps no event earlier."""
    attendance: Mapping[str, Attendance] = field(default_factory=lambda: _frozen({}))
    """Members with an attendance event so far; everyone else is ``expected``."""
    requests: tuple[SpeakerRequest, ...] = ()
    """Every request of the meeting in list order, finished ones where they stood."""
    list_version: int = 0
    """Incremented by every speaker event; the chair's commands must name it."""

    def attendance_of(self, user: str) -> Attendance:
        return self.attendance.get(user) or Attendance(user)

    def request(self, request_id: str) -> SpeakerRequest | None:
        for r in self.requests:
            if r.id == request_id:
                return r
        return None

    @property
    def queue(self) -> tuple[SpeakerRequest, ...]:
        """The waiting requests (requested or approved), in list order."""
        return tuple(r for r in self.requests if r.state in WAITING)

    @property
    def current(self) -> SpeakerRequest | None:
        """The request that has the floor (called, speaking or paused), if any."""
        for r in self.requests:
            if r.state in ON_THE_FLOOR:
                return r
        return None


# --- the fold --------------------------------------------------------------------------------

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}")
_E = TypeVar("_E", bound=StrEnum)


def _str(d: Mapping[str, Any], key: str, seq: int | None, *, ident: bool = False) -> str:
    value = d.get(key)
    if not isinstance(value, str) or len(value) > 1000:
        raise BadLiveData(f"“{key}” must be a string", seq)
    if ident and not _ID.fullmatch(value):
        raise BadLiveData(f"“{key}” must be an identifier", seq)
    return value


def _int(d: Mapping[str, Any], key: str, seq: int | None, *, low: int = 0) -> int:
    value = d.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value < 2**63:
        raise BadLiveData(f"“{key}” must be an integer from {low}", seq)
    return value


def _opt_int(d: Mapping[str, Any], key: str, seq: int | None) -> int | None:
    return None if d.get(key) is None else _int(d, key, seq)


def _enum(kind: type[_E], d: Mapping[str, Any], key: str, seq: int | None) -> _E:
    try:
        return kind(_str(d, key, seq))
    except ValueError:
        raise BadLiveData(f"“{key}” is not a known value", seq) from None


def _obj(value: object, what: str, seq: int | None) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise BadLiveData(f"{what} must be an object", seq)
    return value


def place(
    requests: tuple[SpeakerRequest, ...], request: SpeakerRequest, position: int
) -> tuple[SpeakerRequest, ...]:
    """``requests`` with ``request`` (taken out first if there) put at
    ``position`` of the waiting queue: before the waiting request now at that
    position, or at the end when there is none."""
    others = [r for r in requests if r.id != request.id]
    waiting = [i for i, r in enumerate(others) if r.state in WAITING]
    at = waiting[position] if position < len(waiting) else len(others)
    return (*others[:at], request, *others[at:])


def _attendance(state: LiveState, event: LiveEvent) -> LiveState:
    d = event.data
    user = _str(d, "user", event.seq, ident=True)
    old = state.attendance_of(user)
    new = replace(
        old,
        state=_enum(AttendanceState, d, "state", event.seq),
        reason=_str(d, "reason", event.seq),
    )
    return replace(state, attendance=_frozen({**state.attendance, user: new}))


def _substitute(state: LiveState, event: LiveEvent) -> LiveState:
    d = event.data
    user = _str(d, "user", event.seq, ident=True)
    new = replace(state.attendance_of(user), substitute=_str(d, "substitute", event.seq))
    return replace(state, attendance=_frozen({**state.attendance, user: new}))


def _requested(state: LiveState, event: LiveEvent) -> LiveState:
    d, seq = event.data, event.seq
    request = SpeakerRequest(
        id=_str(d, "request_id", seq, ident=True),
        user=_str(d, "user", seq, ident=True),
        type=_enum(RequestType, d, "type", seq),
        to=_str(d, "to", seq),
        topic=_str(d, "topic", seq),
        state=RequestState.REQUESTED,
        requested_seq=seq,
    )
    if state.request(request.id) is not None:
        raise BadLiveData("“request_id” is already in the list", seq)
    requests = place(state.requests, request, _int(d, "position", seq))
    return replace(state, requests=requests)


def _request_for(state: LiveState, event: LiveEvent) -> SpeakerRequest:
    request = state.request(_str(event.data, "request_id", event.seq, ident=True))
    if request is None:
        raise BadLiveData("“request_id” names no request in the list", event.seq)
    return request


def _speaker_state(state: LiveState, event: LiveEvent) -> LiveState:
    old = _request_for(state, event)
    to = _enum(RequestState, event.data, "state", event.seq)
    spoken, started = old.spoken_ms, old.started_at
    if (
        old.state is RequestState.SPEAKING
        and to is not RequestState.SPEAKING
        and started is not None
    ):
        spoken += max(0, event.at - started)
    if to is RequestState.SPEAKING and old.state is not RequestState.SPEAKING:
        started = event.at
    new = replace(old, state=to, spoken_ms=spoken, started_at=started)
    return replace(state, requests=tuple(new if r.id == old.id else r for r in state.requests))


def _speaker_order(state: LiveState, event: LiveEvent) -> LiveState:
    request = _request_for(state, event)
    position = _int(event.data, "position", event.seq)
    return replace(state, requests=place(state.requests, request, position))


_FOLDS: Final[Mapping[str, Callable[[LiveState, LiveEvent], LiveState]]] = {
    EventKind.ATTENDANCE.value: _attendance,
    EventKind.SUBSTITUTE.value: _substitute,
    EventKind.SPEAKER_REQUESTED.value: _requested,
    EventKind.SPEAKER_STATE.value: _speaker_state,
    EventKind.SPEAKER_ORDER.value: _speaker_order,
}


def apply(state: LiveState, event: LiveEvent) -> LiveState:
    """``state`` after ``event``.

    The event must chain onto ``state``'s head (seq, prev_hash, hash, meeting):
    otherwise :class:`~hanoi_desk.domain.live.chain.ChainBroken`. A known kind
    with a malformed field raises :class:`BadLiveData`; an unknown kind only
    moves the head (an older client keeps up with a newer authority)."""
    check_link(state.head_seq, state.head_hash, state.meeting_id, event)
    _obj(event.data, "“data”", event.seq)
    fold_one = _FOLDS.get(event.kind)
    new = fold_one(state, event) if fold_one is not None else state
    bump = 1 if event.kind in SPEAKER_EVENTS else 0
    return replace(
        new,
        head_seq=event.seq,
        head_hash=event.hash,
        head_at=max(state.head_at, event.at),
        list_version=new.list_version + bump,
    )


def fold(meeting_id: str, events: Iterable[LiveEvent], state: LiveState | None = None) -> LiveState:
    """The state after ``events``, from the meeting's start or from ``state``."""
    current = state if state is not None else LiveState(meeting_id)
    for event in events:
        current = apply(current, event)
    return current


# --- JSON, for the client's cache ------------------------------------------------------------

STATE_FORMAT: Final = 1
"""Bumped when the stored form changes; a cache holding another one refolds its events."""


def to_json(state: LiveState) -> dict[str, Any]:
    return {
        "format": STATE_FORMAT,
        "meeting_id": state.meeting_id,
        "head_seq": state.head_seq,
        "head_hash": state.head_hash,
        "head_at": state.head_at,
        "list_version": state.list_version,
        "attendance": [
            {"user": a.user, "state": a.state.value, "reason": a.reason, "substitute": a.substitute}
            for a in sorted(state.attendance.values(), key=lambda a: a.user)
        ],
        "requests": [
            {
                "id": r.id,
                "user": r.user,
                "type": r.type.value,
                "to": r.to,
                "topic": r.topic,
                "state": r.state.value,
                "requested_seq": r.requested_seq,
                "started_at": r.started_at,
                "spoken_ms": r.spoken_ms,
            }
            for r in state.requests
        ],
    }


def from_json(value: object) -> LiveState:
    """The state :func:`to_json` wrote; :class:`BadLiveData` for anything else
    (another format included: the caller refolds the stored events then)."""
    d = _obj(value, "the stored live state", None)
    if d.get("format") != STATE_FORMAT:
        raise BadLiveData("the stored live state has another format")
    head_hash = _str(d, "head_hash", None)
    if not re.fullmatch(r"[0-9a-f]{64}", head_hash):
        raise BadLiveData("“head_hash” must be 64 hex digits")
    attendance: dict[str, Attendance] = {}
    for item in _list(d, "attendance"):
        a = _obj(item, "an attendance entry", None)
        user = _str(a, "user", None, ident=True)
        attendance[user] = Attendance(
            user,
            _enum(AttendanceState, a, "state", None),
            _str(a, "reason", None),
            _str(a, "substitute", None),
        )
    requests = []
    for item in _list(d, "requests"):
        r = _obj(item, "a speaker request", None)
        requests.append(
            SpeakerRequest(
                id=_str(r, "id", None, ident=True),
                user=_str(r, "user", None, ident=True),
                type=_enum(RequestType, r, "type", None),
                to=_str(r, "to", None),
                topic=_str(r, "topic", None),
                state=_enum(RequestState, r, "state", None),
                requested_seq=_int(r, "requested_seq", None, low=1),
                started_at=_opt_int(r, "started_at", None),
                spoken_ms=_int(r, "spoken_ms", None),
            )
        )
    if len({r.id for r in requests}) != len(requests):
        raise BadLiveData("a request id appears twice")
    return LiveState(
        meeting_id=_str(d, "meeting_id", None, ident=True),
        head_seq=_int(d, "head_seq", None),
        head_hash=head_hash,
        head_at=_int(d, "head_at", None),
        attendance=_frozen(attendance),
        requests=tuple(requests),
        list_version=_int(d, "list_version", None),
    )


def _list(d: Mapping[str, Any], key: str) -> list[Any]:
    value = d.get(key)
    if not isinstance(value, list):
        raise BadLiveData(f"“{key}” must be a list")
    return value
