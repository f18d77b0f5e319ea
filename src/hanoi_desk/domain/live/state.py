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

from hanoi_desk.domain.live.chain import GENESIS, check_link, link_hash
from hanoi_desk.domain.live.checks import Refused
from hanoi_desk.domain.live.polls import (
    MAX_VOTERS,
    Option,
    Poll,
    PollKind,
    Round,
    RoundStatus,
    Tally,
)
from hanoi_desk.domain.live.quorum import Base, Entitlement, Threshold
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
    DELEGATION = "delegation"
    """``user`` hands their vote to ``proxy`` (``""``: takes it back)."""
    SPEAKER_REQUESTED = "speaker.requested"
    SPEAKER_STATE = "speaker.state"
    SPEAKER_ORDER = "speaker.order"
    POLL_CREATED = "poll.created"
    POLL_OPENED = "poll.opened"
    POLL_CLOSING = "poll.closing"
    POLL_EXTENDED = "poll.extended"
    BALLOT_CAST = "ballot.cast"
    POLL_CLOSED = "poll.closed"
    POLL_PUBLISHED = "poll.published"
    PRESENTER_SHOWN = "presenter.shown"
    """The page the chair or secretary presents (follow the presenter)."""
    AGENDA_CURRENT = "agenda.current"
    """The agenda item under discussion (``item``: its id)."""


POLL_EVENTS: Final = frozenset(
    {
        EventKind.POLL_CREATED,
        EventKind.POLL_OPENED,
        EventKind.POLL_CLOSING,
        EventKind.POLL_EXTENDED,
        EventKind.BALLOT_CAST,
        EventKind.POLL_CLOSED,
        EventKind.POLL_PUBLISHED,
    }
)
"""Events of votes (docs/live-meetings.md, "Votes"); they leave ``list_version`` alone."""

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
class EventBody:
    """An event before the authority gives it a seq, a time and its hashes."""

    kind: EventKind
    data: Mapping[str, Any]


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


@dataclass(frozen=True)
class Presented:
    """The position the room is shown: a document version and a page (1-based).
    Only the position travels; each client shows it from its own cache."""

    document_version: str
    page: int
    seq: int
    """The event that presented it (a client that detached and returns compares it)."""


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
    polls: tuple[Poll, ...] = ()
    """Every poll of the meeting in the order they were created."""
    presented: Presented | None = None
    """The last page presented, if anyone presented one."""
    delegations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Represented member -> the member who holds their vote (recorded by
    ``attendance.delegate``; a round's snapshot takes those usable when it opens)."""
    current_item: str | None = None
    """The agenda item under discussion (its id), once the chair or secretary
    made one current; it stays until another one is made current."""

    def attendance_of(self, user: str) -> Attendance:
        return self.attendance.get(user) or Attendance(user)

    def request(self, request_id: str) -> SpeakerRequest | None:
        for r in self.requests:
            if r.id == request_id:
                return r
        return None

    def requests_of(self, user: str) -> int:
        """How many requests ``user`` has made in this meeting, waiting or finished."""
        return sum(1 for r in self.requests if r.user == user)

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

    def poll(self, poll_id: str) -> Poll | None:
        for p in self.polls:
            if p.id == poll_id:
                return p
        return None

    @property
    def voting(self) -> tuple[Poll, Round] | None:
        """The poll whose round is open or closing (at most one at a time)."""
        for p in self.polls:
            current = p.current
            if current is not None and current.accepts_ballots:
                return p, current
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


def _delegation(state: LiveState, event: LiveEvent) -> LiveState:
    d = event.data
    user = _str(d, "user", event.seq, ident=True)
    proxy = _str(d, "proxy", event.seq, ident=bool(d.get("proxy")))
    kept = {m: p for m, p in state.delegations.items() if m != user}
    if proxy:
        kept[user] = proxy
    return replace(state, delegations=MappingProxyType(kept))


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


# --- polls (docs/live-meetings.md, "Votes") ---------------------------------------------------
# The fold checks that each poll event fits the poll's state (a round opens
# after the last one closed, a ballot counts in a round not closed, a result
# adds up to the ballots counted in the log): the rules never write anything
# else, so a log that does was not written by them.

_HEX64 = re.compile(r"[0-9a-f]{64}")


def _hex(d: Mapping[str, Any], key: str, seq: int | None) -> str:
    value = _str(d, key, seq)
    if not _HEX64.fullmatch(value):
        raise BadLiveData(f"“{key}” must be 64 hex digits", seq)
    return value


def _opt_hex(d: Mapping[str, Any], key: str, seq: int | None) -> str | None:
    return None if d.get(key) is None else _hex(d, key, seq)


def _bool(d: Mapping[str, Any], key: str, seq: int | None) -> bool:
    value = d.get(key)
    if not isinstance(value, bool):
        raise BadLiveData(f"“{key}” must be true or false", seq)
    return value


def _idents(d: Mapping[str, Any], key: str, seq: int | None) -> frozenset[str]:
    items = d.get(key)
    if not isinstance(items, list) or len(items) > MAX_VOTERS:
        raise BadLiveData(f"“{key}” must be a list of at most {MAX_VOTERS}", seq)
    found = frozenset(_str({key: i}, key, seq, ident=True) for i in items)
    if len(found) != len(items):
        raise BadLiveData(f"“{key}” names someone twice", seq)
    return found


def _ident_map(d: Mapping[str, Any], key: str, seq: int | None) -> dict[str, str]:
    items = _obj(d.get(key), f"“{key}”", seq)
    out: dict[str, str] = {}
    for k in items:
        _str({key: k}, key, seq, ident=True)
        out[k] = _str(items, k, seq, ident=True)
    return out


def _entitlement(d: Mapping[str, Any], seq: int | None) -> Entitlement:
    try:
        return Entitlement(
            voters=_idents(d, "voters", seq),
            present=_idents(d, "present", seq),
            substitutes_may_vote=_bool(d, "substitutes_may_vote", seq),
            delegations=_ident_map(d, "delegations", seq),
        )
    except (ValueError, Refused):
        raise BadLiveData("the round's entitlement does not hold together", seq) from None


def _options(d: Mapping[str, Any], seq: int | None) -> tuple[Option, ...]:
    items = d.get("options")
    if not isinstance(items, list) or not 2 <= len(items) <= 16:
        raise BadLiveData("“options” must be a list of 2 to 16", seq)
    options = []
    for item in items:
        o = _obj(item, "an option", seq)
        options.append(Option(_str(o, "label", seq), _bool(o, "text", seq)))
    return tuple(options)


def _tally(d: Mapping[str, Any], seq: int | None, options: int) -> Tally:
    items = d.get("counts")
    if not isinstance(items, list) or len(items) != options:
        raise BadLiveData("“counts” must give one count per option", seq)
    counts = tuple(_int({"counts": c}, "counts", seq) for c in items)
    tally = Tally(
        counts=counts,
        cast=_int(d, "cast", seq),
        base_count=_int(d, "base_count", seq),
        needed=_int(d, "needed", seq),
        passed=_bool(d, "passed", seq),
        root=_hex(d, "root", seq),
        participation_root=_opt_hex(d, "participation_root", seq),
    )
    if sum(counts) != tally.cast:
        raise BadLiveData("the counts do not add up to the ballots cast", seq)
    return tally


def _put_poll(state: LiveState, poll: Poll) -> LiveState:
    return replace(state, polls=tuple(poll if p.id == poll.id else p for p in state.polls))


def _poll_of(state: LiveState, event: LiveEvent) -> Poll:
    poll = state.poll(_str(event.data, "poll", event.seq, ident=True))
    if poll is None:
        raise BadLiveData("“poll” names no poll of the meeting", event.seq)
    return poll


def _current_round(
    state: LiveState, event: LiveEvent, *statuses: RoundStatus
) -> tuple[Poll, Round]:
    """The poll and its latest round, which the event must name and which must
    be in one of ``statuses`` (events only ever touch a poll's latest round)."""
    poll = _poll_of(state, event)
    number = _int(event.data, "round", event.seq, low=1)
    current = poll.current
    if current is None or current.number != number or current.status not in statuses:
        raise BadLiveData("“round” is not the poll's round in a state that allows this", event.seq)
    return poll, current


def _with_round(state: LiveState, poll: Poll, new: Round) -> LiveState:
    return _put_poll(state, replace(poll, rounds=(*poll.rounds[:-1], new)))


def _poll_created(state: LiveState, event: LiveEvent) -> LiveState:
    d, seq = event.data, event.seq
    poll_id = _str(d, "poll", seq, ident=True)
    if state.poll(poll_id) is not None:
        raise BadLiveData("“poll” is already a poll of the meeting", seq)
    poll = Poll(
        id=poll_id,
        item=_str(d, "item", seq, ident=True),
        title=_str(d, "title", seq),
        kind=_enum(PollKind, d, "kind", seq),
        options=_options(d, seq),
        base=_enum(Base, d, "base", seq),
        threshold=_enum(Threshold, d, "threshold", seq),
        created_seq=seq,
    )
    return replace(state, polls=(*state.polls, poll))


def _poll_opened(state: LiveState, event: LiveEvent) -> LiveState:
    d, seq = event.data, event.seq
    poll = _poll_of(state, event)
    number = _int(d, "round", seq, low=1)
    if number != len(poll.rounds) + 1 or poll.published_round is not None:
        raise BadLiveData("“round” is not the poll's next round", seq)
    if state.voting is not None:
        raise BadLiveData("a round opens while another is open", seq)
    new = Round(number, seq, event.hash, event.at, _entitlement(d, seq))
    return _put_poll(state, replace(poll, rounds=(*poll.rounds, new)))


def _poll_closing(state: LiveState, event: LiveEvent) -> LiveState:
    poll, current = _current_round(state, event, RoundStatus.OPEN)
    until = _int(event.data, "until", event.seq)
    new = replace(current, status=RoundStatus.CLOSING, until=until, closing_by=event.actor)
    return _with_round(state, poll, new)


def _poll_extended(state: LiveState, event: LiveEvent) -> LiveState:
    poll, current = _current_round(state, event, RoundStatus.CLOSING)
    return _with_round(state, poll, replace(current, until=_int(event.data, "until", event.seq)))


def _ballot_cast(state: LiveState, event: LiveEvent) -> LiveState:
    d, seq = event.data, event.seq
    poll, current = _current_round(state, event, RoundStatus.OPEN, RoundStatus.CLOSING)
    member = _str(d, "member", seq, ident=True)
    if member in current.voted or member not in current.entitlement.ballots:
        raise BadLiveData("“member” has no ballot left in this round", seq)
    voted = MappingProxyType({**current.voted, member: _hex(d, "receipt", seq)})
    return _with_round(state, poll, replace(current, voted=voted))


def _poll_closed(state: LiveState, event: LiveEvent) -> LiveState:
    poll, current = _current_round(state, event, RoundStatus.CLOSING)
    tally = _tally(event.data, event.seq, len(poll.options))
    if tally.cast != current.cast:
        raise BadLiveData("the result counts other ballots than the log", event.seq)
    new = replace(
        current,
        status=RoundStatus.CLOSED,
        result=tally,
        closed_seq=event.seq,
        closed_hash=event.hash,
    )
    return _with_round(state, poll, new)


def _poll_published(state: LiveState, event: LiveEvent) -> LiveState:
    poll, current = _current_round(state, event, RoundStatus.CLOSED)
    if poll.published_round is not None:
        raise BadLiveData("the poll is already published", event.seq)
    return _put_poll(state, replace(poll, published_round=current.number))


def _presenter_shown(state: LiveState, event: LiveEvent) -> LiveState:
    d = event.data
    shown = Presented(
        _str(d, "document_version", event.seq, ident=True),
        _int(d, "page", event.seq, low=1),
        event.seq,
    )
    return replace(state, presented=shown)


def _agenda_current(state: LiveState, event: LiveEvent) -> LiveState:
    return replace(state, current_item=_str(event.data, "item", event.seq, ident=True))


_FOLDS: Final[Mapping[str, Callable[[LiveState, LiveEvent], LiveState]]] = {
    EventKind.ATTENDANCE.value: _attendance,
    EventKind.SUBSTITUTE.value: _substitute,
    EventKind.DELEGATION.value: _delegation,
    EventKind.SPEAKER_REQUESTED.value: _requested,
    EventKind.SPEAKER_STATE.value: _speaker_state,
    EventKind.SPEAKER_ORDER.value: _speaker_order,
    EventKind.POLL_CREATED.value: _poll_created,
    EventKind.POLL_OPENED.value: _poll_opened,
    EventKind.POLL_CLOSING.value: _poll_closing,
    EventKind.POLL_EXTENDED.value: _poll_extended,
    EventKind.BALLOT_CAST.value: _ballot_cast,
    EventKind.POLL_CLOSED.value: _poll_closed,
    EventKind.POLL_PUBLISHED.value: _poll_published,
    EventKind.PRESENTER_SHOWN.value: _presenter_shown,
    EventKind.AGENDA_CURRENT.value: _agenda_current,
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
    bump = 1 if event.kind in SPEAKER_EVENTS else 0  # poll events leave the list alone
    return replace(
        new,
        head_seq=event.seq,
        head_hash=event.hash,
        head_at=max(state.head_at, event.at),
        list_version=new.list_version + bump,
    )


def seal(state: LiveState, actor: str, body: EventBody, now_ms: int) -> LiveEvent:
    """``body`` as the event after ``state``'s head: the next seq, the
    authority's time (never earlier than the head's, so a clock stepped back
    cannot make a speaking time negative) and its place in the chain."""
    unsigned = LiveEvent(
        seq=state.head_seq + 1,
        meeting_id=state.meeting_id,
        kind=body.kind.value,
        actor=actor,
        at=max(now_ms, state.head_at),
        data=dict(body.data),
        prev_hash=state.head_hash,
        hash="",
    )
    return replace(unsigned, hash=link_hash(state.head_hash, unsigned))


def fold(meeting_id: str, events: Iterable[LiveEvent], state: LiveState | None = None) -> LiveState:
    """The state after ``events``, from the meeting's start or from ``state``."""
    current = state if state is not None else LiveState(meeting_id)
    for event in events:
        current = apply(current, event)
    return current


# --- JSON, for the client's cache ------------------------------------------------------------

STATE_FORMAT: Final = 5
"""Bumped when the stored form changes; a cache holding another one refolds its events.
(2: polls and their rounds; 3: the presented page; 4: recorded vote delegations;
5: the current agenda item.)"""


def _round_json(r: Round) -> dict[str, Any]:
    e = r.entitlement
    return {
        "number": r.number,
        "open_seq": r.open_seq,
        "open_hash": r.open_hash,
        "opened_at": r.opened_at,
        "voters": sorted(e.voters),
        "present": sorted(e.present),
        "delegations": dict(sorted(e.delegations.items())),
        "substitutes_may_vote": e.substitutes_may_vote,
        "status": r.status.value,
        "until": r.until,
        "closing_by": r.closing_by,
        "voted": dict(sorted(r.voted.items())),
        "result": None if r.result is None else r.result.to_data(),
        "closed_seq": r.closed_seq,
        "closed_hash": r.closed_hash,
    }


def _poll_json(p: Poll) -> dict[str, Any]:
    return {
        "id": p.id,
        "item": p.item,
        "title": p.title,
        "kind": p.kind.value,
        "options": [{"label": o.label, "text": o.text} for o in p.options],
        "base": p.base.value,
        "threshold": p.threshold.value,
        "created_seq": p.created_seq,
        "rounds": [_round_json(r) for r in p.rounds],
        "published_round": p.published_round,
    }


def _round_from_json(value: object, options: int) -> Round:
    r = _obj(value, "a poll round", None)
    voted = _ident_map(r, "voted", None)
    if any(not _HEX64.fullmatch(h) for h in voted.values()):
        raise BadLiveData("“voted” must map members to 64 hex digits")
    closing_by = r.get("closing_by")
    result = r.get("result")
    return Round(
        number=_int(r, "number", None, low=1),
        open_seq=_int(r, "open_seq", None, low=1),
        open_hash=_hex(r, "open_hash", None),
        opened_at=_int(r, "opened_at", None),
        entitlement=_entitlement(r, None),
        status=_enum(RoundStatus, r, "status", None),
        until=_opt_int(r, "until", None),
        closing_by=None if closing_by is None else _str(r, "closing_by", None, ident=True),
        voted=MappingProxyType(voted),
        result=None if result is None else _tally(_obj(result, "a result", None), None, options),
        closed_seq=_opt_int(r, "closed_seq", None),
        closed_hash=_opt_hex(r, "closed_hash", None),
    )


def _poll_from_json(value: object) -> Poll:
    p = _obj(value, "a poll", None)
    options = _options(p, None)
    return Poll(
        id=_str(p, "id", None, ident=True),
        item=_str(p, "item", None, ident=True),
        title=_str(p, "title", None),
        kind=_enum(PollKind, p, "kind", None),
        options=options,
        base=_enum(Base, p, "base", None),
        threshold=_enum(Threshold, p, "threshold", None),
        created_seq=_int(p, "created_seq", None, low=1),
        rounds=tuple(_round_from_json(r, len(options)) for r in _list(p, "rounds")),
        published_round=_opt_int(p, "published_round", None),
    )


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
        "polls": [_poll_json(p) for p in state.polls],
        "presented": None
        if state.presented is None
        else {
            "document_version": state.presented.document_version,
            "page": state.presented.page,
            "seq": state.presented.seq,
        },
        "delegations": dict(sorted(state.delegations.items())),
        "current_item": state.current_item,
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
    polls = tuple(_poll_from_json(p) for p in _list(d, "polls"))
    if len({p.id for p in polls}) != len(polls):
        raise BadLiveData("a poll id appears twice")
    raw_presented = d.get("presented")
    presented = None
    if raw_presented is not None:
        p = _obj(raw_presented, "the presented page", None)
        presented = Presented(
            _str(p, "document_version", None, ident=True),
            _int(p, "page", None, low=1),
            _int(p, "seq", None, low=1),
        )
    if "current_item" not in d:
        raise BadLiveData("“current_item” is missing")
    raw_item = d["current_item"]
    return LiveState(
        meeting_id=_str(d, "meeting_id", None, ident=True),
        head_seq=_int(d, "head_seq", None),
        head_hash=head_hash,
        head_at=_int(d, "head_at", None),
        attendance=_frozen(attendance),
        requests=tuple(requests),
        list_version=_int(d, "list_version", None),
        polls=polls,
        presented=presented,
        delegations=MappingProxyType(_ident_map(d, "delegations", None)),
        current_item=None if raw_item is None else _str(d, "current_item", None, ident=True),
    )


def _list(d: Mapping[str, Any], key: str) -> list[Any]:
    value = d.get(key)
    if not isinstance(value, list):
        raise BadLiveData(f"“{key}” must be a list")
    return value
