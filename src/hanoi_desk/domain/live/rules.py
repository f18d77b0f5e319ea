"""Deciding live commands: ``decide(state, actor, role, command, now_ms)``.

The authority calls :func:`decide` (or :func:`execute`, which also seals and
folds the events) for every command; a client calls it to know in advance
whether a button would be refused. The same argument checks run on both sides,
so the server and the client refuse the same things for the same reason.

A refusal is :class:`Refused` with a stable machine ``reason`` (it travels on
the wire) and a translated message. No refusal quotes what was sent.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any, Final

from hanoi_desk.domain.live.checks import (
    ALREADY_REQUESTED,
    ALREADY_VOTED,
    BAD_REQUEST,
    BAD_SIGNATURE,
    BAD_STATE,
    BALLOT_ID_REUSED,
    DELEGATION_CHAIN,
    DELEGATION_OFF,
    FORBIDDEN,
    GRACE_RUNNING,
    MAX_TEXT,
    MEETING_CLOSED,
    NO_CERTIFICATE,
    NO_QUORUM,
    NO_SUCH_POLL,
    NOT_ENTITLED,
    NOT_FOUND,
    NOT_YET_CALLED,
    NOTHING_TO_CALL,
    POLL_RUNNING,
    POLL_STATE,
    RECEIPT_REUSED,
    ROUND_CLOSED,
    STALE,
    STALE_ROUND,
    TOO_MANY_REQUESTS,
    UNKNOWN_KIND,
    WRONG_CERTIFICATE,
    Command,
    Refused,
    check_args,
    clean_text,
    ident,
    integer,
)
from hanoi_desk.domain.live.quorum import BodySettings
from hanoi_desk.domain.live.roles import ATTENDING_ROLES, RUNS_POLLS, CommandKind, Role, may
from hanoi_desk.domain.live.state import (
    WAITING,
    AttendanceState,
    EventBody,
    EventKind,
    LiveEvent,
    LiveState,
    RequestState,
    RequestType,
    SpeakerRequest,
    apply,
    seal,
)
from hanoi_desk.domain.live.tally import Bulletin
from hanoi_desk.domain.live.votes import PollContext, decide_poll
from hanoi_desk.domain.states import MeetingStatus

__all__ = [
    "ALREADY_REQUESTED",
    "ALREADY_VOTED",
    "BAD_REQUEST",
    "BAD_SIGNATURE",
    "BAD_STATE",
    "BALLOT_ID_REUSED",
    "DELEGATION_CHAIN",
    "DELEGATION_OFF",
    "FORBIDDEN",
    "GRACE_RUNNING",
    "MAX_TEXT",
    "MEETING_CLOSED",
    "NOTHING_TO_CALL",
    "NOT_ENTITLED",
    "NOT_FOUND",
    "NOT_YET_CALLED",
    "NO_CERTIFICATE",
    "NO_QUORUM",
    "NO_SUCH_POLL",
    "POLL_RUNNING",
    "POLL_STATE",
    "RECEIPT_REUSED",
    "ROUND_CLOSED",
    "STALE",
    "STALE_ROUND",
    "TOO_MANY_REQUESTS",
    "UNKNOWN_KIND",
    "WRONG_CERTIFICATE",
    "Command",
    "EventBody",
    "Refused",
    "check_meeting_open",
    "clean_text",
    "decide",
    "execute",
    "seal",
]

Roster = Mapping[str, Role]
"""Every participant of the meeting and their role."""

# The shared checks under the names the speakers' rules below were written with.
_args = check_args
_ident = ident


def _int(value: object, name: str) -> int:
    return integer(value, name)


def _check_version(state: LiveState, command: Command) -> None:
    if _int(command.args.get("list_version"), "list_version") != state.list_version:
        raise Refused(STALE)


# --- the rules -------------------------------------------------------------------------------

MAX_REQUESTS_PER_USER: Final = 50
"""Requests to speak one member may make in one meeting, waiting and finished
together: far above a day's session (a member rarely speaks ten times), low
enough that a loop of requests and withdrawals stops soon (docs/live-meetings.md)."""

_CHECKIN_STATES: Final = frozenset(
    {AttendanceState.PRESENT, AttendanceState.LEFT, AttendanceState.EXCUSED, AttendanceState.ABSENT}
)


def _attendance_state(
    args: Mapping[str, Any], allowed: frozenset[AttendanceState]
) -> tuple[AttendanceState, str]:
    raw = args.get("state")
    try:
        state = AttendanceState(raw) if isinstance(raw, str) else None
    except ValueError:
        state = None
    if state is None or state not in allowed:
        raise Refused(BAD_REQUEST, "state")
    excused = state is AttendanceState.EXCUSED
    reason = clean_text(args.get("reason"), "reason", required=excused)
    if reason and not excused:
        raise Refused(BAD_REQUEST, "reason")  # only an excused absence has a reason
    return state, reason


def _attendance_events(
    state: LiveState, user: str, new: AttendanceState, reason: str
) -> list[EventBody]:
    old = state.attendance_of(user)
    if old.state is new and old.reason == reason:
        return []  # absolute states: a retried check-in changes nothing
    return [EventBody(EventKind.ATTENDANCE, {"user": user, "state": new.value, "reason": reason})]


def _checkin(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    _args(command, {"state"}, {"reason"})
    new, reason = _attendance_state(command.args, _CHECKIN_STATES)
    return _attendance_events(state, actor, new, reason)


def _set_attendance(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    _args(command, {"user", "state"}, {"reason"})
    user = _ident(command.args["user"], "user")
    if roster is not None and roster.get(user) not in ATTENDING_ROLES:
        raise Refused(NOT_FOUND)  # not in the meeting, or a guest or admin (they do not attend)
    new, reason = _attendance_state(command.args, frozenset(AttendanceState))
    return _attendance_events(state, user, new, reason)


def _substitute(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    _args(command, {"substitute"})
    name = clean_text(command.args["substitute"], "substitute", required=False)
    if state.attendance_of(actor).substitute == name:
        return []
    return [EventBody(EventKind.SUBSTITUTE, {"user": actor, "substitute": name})]


def _delegate(
    state: LiveState, actor: str, command: Command, roster: Roster | None, body: BodySettings
) -> list[EventBody]:
    """Hand my vote to ``proxy`` (``""``: take it back). One step only: a
    member who has handed on their vote holds nobody's, and nobody holds
    their own (``delegation_chain``); the proxy is a member who votes."""
    _args(command, {"proxy"})
    raw = command.args["proxy"]
    proxy = "" if raw == "" else _ident(raw, "proxy")
    if not body.vote_delegation:
        raise Refused(DELEGATION_OFF)  # the body's rules: nobody votes for another (the default)
    held = state.delegations
    if held.get(actor, "") == proxy:
        return []  # the same delegation (or withdrawal) sent again
    if proxy:
        if proxy == actor:
            raise Refused(DELEGATION_CHAIN)
        if roster is not None and roster.get(proxy) not in ATTENDING_ROLES:
            raise Refused(NOT_FOUND)  # not in the meeting, or a guest or admin (they never vote)
        if proxy in held or actor in held.values():
            raise Refused(DELEGATION_CHAIN)
    return [EventBody(EventKind.DELEGATION, {"user": actor, "proxy": proxy})]


def _request(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    _args(command, {"request_id", "type"}, {"to", "topic"})
    args = command.args
    request_id = _ident(args["request_id"], "request_id")
    try:
        kind = RequestType(args["type"]) if isinstance(args["type"], str) else None
    except ValueError:
        kind = None
    if kind is None:
        raise Refused(BAD_REQUEST, "type")
    asks = kind is RequestType.INTERPELLATION
    to = clean_text(args.get("to"), "to", required=asks)
    if to and not asks:
        raise Refused(BAD_REQUEST, "to")  # only an interpellation is addressed to someone
    topic = clean_text(args.get("topic"), "topic", required=asks)
    existing = state.request(request_id)
    if existing is not None:
        if (existing.user, existing.type, existing.to, existing.topic) == (actor, kind, to, topic):
            return []  # the same request sent again (a queued retry): it is already in the list
        raise Refused(BAD_REQUEST, "request_id")
    # A member's requests of the whole meeting, waiting and finished: a script
    # looping request/withdraw must not grow the log (and every fold) without end.
    if state.requests_of(actor) >= MAX_REQUESTS_PER_USER:
        raise Refused(TOO_MANY_REQUESTS)
    # One waiting request per kind and person (per official addressed, for
    # interpellations): a second raised hand would only make the chair skip it.
    for r in state.queue:
        if r.user == actor and r.type is kind and (not asks or r.to.casefold() == to.casefold()):
            raise Refused(ALREADY_REQUESTED)
    queue = state.queue
    if kind is RequestType.POINT_OF_ORDER:
        # A point of order goes before every waiting speech, after earlier points of order.
        position = next((i for i, r in enumerate(queue) if r.type is not kind), len(queue))
    else:
        position = len(queue)
    data = {
        "request_id": request_id,
        "user": actor,
        "type": kind.value,
        "to": to,
        "topic": topic,
        "position": position,
    }
    return [EventBody(EventKind.SPEAKER_REQUESTED, data)]


def _target(state: LiveState, command: Command) -> SpeakerRequest:
    request = state.request(_ident(command.args["request_id"], "request_id"))
    if request is None:
        raise Refused(NOT_FOUND)
    return request


def _to(request: SpeakerRequest, new: RequestState) -> EventBody:
    return EventBody(EventKind.SPEAKER_STATE, {"request_id": request.id, "state": new.value})


def _withdraw(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    _args(command, {"request_id"})
    request = _target(state, command)
    if request.user != actor:
        raise Refused(FORBIDDEN)  # the chair rejects; nobody withdraws another's request
    if request.state is RequestState.WITHDRAWN:
        return []  # a queued withdrawal sent again
    if request.state not in WAITING:
        raise Refused(BAD_STATE)  # called already (or rejected, or done)
    return [_to(request, RequestState.WITHDRAWN)]


def _list_command(
    state: LiveState, command: Command, *, request: bool, extra: Collection[str] = ()
) -> SpeakerRequest | None:
    _args(command, {"list_version", *(["request_id"] if request else []), *extra})
    _check_version(state, command)
    return _target(state, command) if request else None


def _stop_current(state: LiveState) -> list[EventBody]:
    current = state.current
    return [] if current is None else [_to(current, RequestState.DONE)]


def _call(request: SpeakerRequest) -> list[EventBody]:
    # Calling someone gives them the floor: the clock starts at once.
    return [_to(request, RequestState.CALLED), _to(request, RequestState.SPEAKING)]


def _approve(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    request = _list_command(state, command, request=True)
    assert request is not None
    if request.state is not RequestState.REQUESTED:
        raise Refused(BAD_STATE)
    return [_to(request, RequestState.APPROVED)]


def _reject(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    request = _list_command(state, command, request=True)
    assert request is not None
    if request.state not in WAITING:
        raise Refused(BAD_STATE)
    return [_to(request, RequestState.REJECTED)]


def _call_one(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    request = _list_command(state, command, request=True)
    assert request is not None
    if request.state not in WAITING:
        raise Refused(BAD_STATE)
    # Calling a request still waiting for approval approves it: the chair's
    # call is the approval. Whoever had the floor is done.
    return _stop_current(state) + _call(request)


def _reorder(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    request = _list_command(state, command, request=True, extra={"position"})
    assert request is not None
    position = _int(command.args["position"], "position")
    queue = state.queue
    if request.state not in WAITING:
        raise Refused(BAD_STATE)
    if position >= len(queue):
        raise Refused(BAD_REQUEST, "position")
    if queue[position].id == request.id:
        return []
    # ``position`` is where the request stands in the waiting queue afterwards.
    data = {"request_id": request.id, "position": position}
    return [EventBody(EventKind.SPEAKER_ORDER, data)]


def _pause(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    _list_command(state, command, request=False)
    current = state.current
    if current is None:
        raise Refused(NOT_YET_CALLED)
    if current.state is not RequestState.SPEAKING:
        raise Refused(BAD_STATE)
    return [_to(current, RequestState.PAUSED)]


def _resume(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    _list_command(state, command, request=False)
    current = state.current
    if current is None:
        raise Refused(NOT_YET_CALLED)
    if current.state is not RequestState.PAUSED:
        raise Refused(BAD_STATE)
    return [_to(current, RequestState.SPEAKING)]


def _stop(state: LiveState, actor: str, command: Command, roster: Roster | None) -> list[EventBody]:
    _list_command(state, command, request=False)
    if state.current is None:
        raise Refused(NOT_YET_CALLED)
    return _stop_current(state)


def _next(state: LiveState, actor: str, command: Command, roster: Roster | None) -> list[EventBody]:
    _list_command(state, command, request=False)
    following = next((r for r in state.queue if r.state is RequestState.APPROVED), None)
    if state.current is None and following is None:
        raise Refused(NOTHING_TO_CALL)
    return _stop_current(state) + ([] if following is None else _call(following))


def _presenter_show(
    state: LiveState, actor: str, command: Command, roster: Roster | None
) -> list[EventBody]:
    # Only the position: each client shows the page from its own encrypted cache
    # (or fetches that version through the ordinary download path).
    _args(command, {"document_version", "page"})
    version = _ident(command.args["document_version"], "document_version")
    page = integer(command.args["page"], "page", low=1, high=100_000)
    shown = state.presented
    if shown is not None and (shown.document_version, shown.page) == (version, page):
        return []  # the same page presented again (a retried command): nothing moves
    return [EventBody(EventKind.PRESENTER_SHOWN, {"document_version": version, "page": page})]


def _agenda_current(
    state: LiveState, command: Command, items: Collection[str] | None
) -> list[EventBody]:
    """Make ``item`` the agenda item under discussion. The item must be one of
    the meeting's (``items``: the authority always passes the agenda; a client
    without it checks the arguments only). The item already current is applied
    and appends nothing: a chair's retried or double-clicked command is not an
    error, and the log records only moves (docs/live-meetings.md)."""
    _args(command, {"item"})
    item = _ident(command.args["item"], "item")
    if items is not None and item not in items:
        raise Refused(NOT_FOUND)
    if state.current_item == item:
        return []
    return [EventBody(EventKind.AGENDA_CURRENT, {"item": item})]


_Rule = Callable[[LiveState, str, Command, Roster | None], list[EventBody]]

_RULES: Final[Mapping[CommandKind, _Rule]] = {
    CommandKind.CHECKIN: _checkin,
    CommandKind.SET_ATTENDANCE: _set_attendance,
    CommandKind.SUBSTITUTE: _substitute,
    CommandKind.REQUEST: _request,
    CommandKind.WITHDRAW: _withdraw,
    CommandKind.APPROVE: _approve,
    CommandKind.REJECT: _reject,
    CommandKind.CALL: _call_one,
    CommandKind.REORDER: _reorder,
    CommandKind.PAUSE: _pause,
    CommandKind.RESUME: _resume,
    CommandKind.STOP: _stop,
    CommandKind.NEXT: _next,
    CommandKind.PRESENTER_SHOW: _presenter_show,
}
# The poll commands: votes.POLL_RULES; attendance.delegate reads the body's rules and
# agenda.current the meeting's agenda (decide).
_OWN_CONTEXT: Final = {CommandKind.DELEGATE, CommandKind.AGENDA_CURRENT}
assert set(_RULES) | RUNS_POLLS | _OWN_CONTEXT == set(CommandKind)


_ENDED: Final = frozenset({MeetingStatus.CLOSED, MeetingStatus.CANCELLED})


def check_meeting_open(status: str) -> None:
    """Refuse (``meeting_closed``) every live command and ballot of a meeting the
    body has closed or cancelled: its record is final, nothing is appended to it.
    A scheduled meeting takes them (a session often starts before its status is set)."""
    if MeetingStatus.parse(status) in _ENDED:
        raise Refused(MEETING_CLOSED)


def decide(
    state: LiveState,
    actor: str,
    role: Role | str,
    command: Command,
    now_ms: int,
    *,
    roster: Roster | None = None,
    body: BodySettings | None = None,
    delegations: Mapping[str, str] | None = None,
    items: Collection[str] | None = None,
    bulletin: Bulletin | None = None,
) -> list[EventBody]:
    """The events ``command`` from ``actor`` (holding ``role`` in the meeting)
    appends to ``state``, or :class:`Refused`.

    An empty list means the command is applied and changes nothing (a retried
    check-in, a withdrawal sent twice). ``now_ms`` is the authority's clock; no
    rule of this issue reads it (time enters the state through each event's
    ``at``), it is part of the signature so that time limits need no new one.
    ``roster`` (every participant's role) lets the authority refuse attendance
    set for someone outside the meeting; the authority always passes it.

    ``attendance.delegate`` reads ``body`` too (refused unless it enables
    vote delegation); ``agenda.current`` reads ``items`` (the meeting's agenda
    items: refused ``not_found`` outside it; the authority always passes them).
    The poll commands (``votes``) also read ``body`` (the body's rules;
    defaults when None), ``delegations``, ``items`` (the meeting's agenda
    items) and, for ``poll.close`` only, ``bulletin`` (the round's stored
    ballots); ``poll.open`` needs ``roster`` and ``poll.close`` ``bulletin``
    (ValueError without them, once every other check passed)."""
    _int(now_ms, "now_ms")
    try:
        kind = CommandKind(command.kind)
    except ValueError:
        raise Refused(UNKNOWN_KIND) from None
    if not may(role, kind):
        raise Refused(FORBIDDEN)
    _ident(actor, "actor")
    if kind in RUNS_POLLS:
        ctx = PollContext(roster, body or BodySettings(), delegations, items, bulletin)
        return decide_poll(state, kind, command, now_ms, ctx)
    if kind is CommandKind.DELEGATE:
        return _delegate(state, actor, command, roster, body or BodySettings())
    if kind is CommandKind.AGENDA_CURRENT:
        return _agenda_current(state, command, items)
    return _RULES[kind](state, actor, command, roster)


def execute(
    state: LiveState,
    actor: str,
    role: Role | str,
    command: Command,
    now_ms: int,
    *,
    roster: Roster | None = None,
    body: BodySettings | None = None,
    delegations: Mapping[str, str] | None = None,
    items: Collection[str] | None = None,
    bulletin: Bulletin | None = None,
) -> tuple[LiveState, tuple[LiveEvent, ...]]:
    """What the authority does with a command: decide, seal each event, fold it.
    Returns the new state and the events to store (none when nothing changes)."""
    events: list[LiveEvent] = []
    decided = decide(state, actor, role, command, now_ms, roster=roster, body=body,
                     delegations=delegations, items=items, bulletin=bulletin)  # fmt: skip
    for body_ in decided:
        event = seal(state, actor, body_, now_ms)
        state = apply(state, event)
        events.append(event)
    return state, tuple(events)
