"""Deciding live commands: ``decide(state, actor, role, command, now_ms)``.

The authority calls :func:`decide` (or :func:`execute`, which also seals and
folds the events) for every command; a client calls it to know in advance
whether a button would be refused. The same argument checks run on both sides,
so the server and the client refuse the same things for the same reason.

A refusal is :class:`Refused` with a stable machine ``reason`` (it travels on
the wire) and a translated message. No refusal quotes what was sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

from hanoi_desk.domain.live.chain import link_hash
from hanoi_desk.domain.live.roles import ATTENDING_ROLES, CommandKind, Role, may
from hanoi_desk.domain.live.state import (
    WAITING,
    AttendanceState,
    EventKind,
    LiveEvent,
    LiveState,
    RequestState,
    RequestType,
    SpeakerRequest,
    apply,
)
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_

# Stable refusal reasons (they travel in ``LiveCommandResult.reason``).
FORBIDDEN: Final = "forbidden"
STALE: Final = "stale"
NOT_FOUND: Final = "not_found"
BAD_STATE: Final = "bad_state"
BAD_REQUEST: Final = "bad_request"
NOT_YET_CALLED: Final = "not_yet_called"
ALREADY_REQUESTED: Final = "already_requested"
NOTHING_TO_CALL: Final = "nothing_to_call"
UNKNOWN_KIND: Final = "unknown_kind"
DELEGATION_CHAIN: Final = "delegation_chain"

Roster = Mapping[str, Role]
"""Every participant of the meeting and their role."""

_MESSAGES: Final = {
    FORBIDDEN: N_("Your role in this meeting does not allow this."),
    STALE: N_(
        "The speakers' list changed before this command arrived. Look at the list "
        "again and repeat the command if it still applies."
    ),
    NOT_FOUND: N_("There is no such speaker request or participant in this meeting."),
    BAD_STATE: N_("The speaker request is no longer in a state that allows this."),
    BAD_REQUEST: N_("The live command is not valid: {field} is missing or wrong."),
    NOT_YET_CALLED: N_("Nobody has the floor at the moment."),
    ALREADY_REQUESTED: N_("You already have a request of this kind waiting in the speakers' list."),
    NOTHING_TO_CALL: N_("Nobody is speaking and no approved request is waiting."),
    UNKNOWN_KIND: N_("The meeting's server does not know this live command yet."),
    DELEGATION_CHAIN: N_(
        "A member who hands their vote to someone cannot hold another member's vote, "
        "and nobody can hand their vote to themselves."
    ),
}
_OTHER = N_("The meeting's server refused the live command ({reason}).")
_REASON = re.compile(r"[a-z][a-z0-9_]{0,63}")

MAX_TEXT: Final = 200
"""Longest name, topic, reason or substitute (characters, after NFC and trimming)."""
# Control, format (bidi overrides, zero-width), surrogate, private-use and
# line/paragraph separator characters: they reorder or hide what a chair reads
# on screen. Unassigned code points are allowed: whether one is assigned depends
# on the Unicode version of each side's Python, and both sides must agree.
_BAD_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}")


class Refused(UserError):
    """The authority does not apply the command; nothing changed.

    ``reason`` is one of the module's constants, or, from a newer server, a
    reason this version does not know (shown with a general message)."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        if not isinstance(reason, str) or not _REASON.fullmatch(reason):
            reason = "unknown"
        template = _MESSAGES.get(reason, _OTHER)
        super().__init__(template, reason=reason, field=f"“{field or 'args'}”")
        self.reason = reason
        self.field = field


@dataclass(frozen=True)
class Command:
    kind: str
    args: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EventBody:
    """An event before the authority gives it a seq, a time and its hashes."""

    kind: EventKind
    data: Mapping[str, Any]


# --- argument checks -------------------------------------------------------------------------


def clean_text(value: object, name: str, *, required: bool) -> str:
    """Text a person typed (a name, a topic, a reason): NFC, trimmed, at most
    :data:`MAX_TEXT` characters, none that hides or reorders text on screen."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise Refused(BAD_REQUEST, name)
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise Refused(BAD_REQUEST, name)
    if len(text) > MAX_TEXT or any(unicodedata.category(c) in _BAD_CATEGORIES for c in text):
        raise Refused(BAD_REQUEST, name)
    return text


def _ident(value: object, name: str) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise Refused(BAD_REQUEST, name)
    return value


def _int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**63:
        raise Refused(BAD_REQUEST, name)
    return value


def _args(command: Command, required: Collection[str], optional: Collection[str] = ()) -> None:
    args = command.args
    if not isinstance(args, Mapping) or any(not isinstance(k, str) for k in args):
        raise Refused(BAD_REQUEST, "args")
    # Unknown arguments are refused, not ignored: a newer client's argument
    # that an older authority silently dropped would do something else than asked.
    if set(args) - set(required) - set(optional):
        raise Refused(BAD_REQUEST, "args")
    for key in sorted(required):
        if key not in args:
            raise Refused(BAD_REQUEST, key)


def _check_version(state: LiveState, command: Command) -> None:
    if _int(command.args.get("list_version"), "list_version") != state.list_version:
        raise Refused(STALE)


# --- the rules -------------------------------------------------------------------------------

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
}
assert set(_RULES) == set(CommandKind)


def decide(
    state: LiveState,
    actor: str,
    role: Role | str,
    command: Command,
    now_ms: int,
    *,
    roster: Roster | None = None,
) -> list[EventBody]:
    """The events ``command`` from ``actor`` (holding ``role`` in the meeting)
    appends to ``state``, or :class:`Refused`.

    An empty list means the command is applied and changes nothing (a retried
    check-in, a withdrawal sent twice). ``now_ms`` is the authority's clock; no
    rule of this issue reads it (time enters the state through each event's
    ``at``), it is part of the signature so that time limits need no new one.
    ``roster`` (every participant's role) lets the authority refuse attendance
    set for someone outside the meeting; the authority always passes it."""
    _int(now_ms, "now_ms")
    try:
        kind = CommandKind(command.kind)
    except ValueError:
        raise Refused(UNKNOWN_KIND) from None
    if not may(role, kind):
        raise Refused(FORBIDDEN)
    _ident(actor, "actor")
    return _RULES[kind](state, actor, command, roster)


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


def execute(
    state: LiveState,
    actor: str,
    role: Role | str,
    command: Command,
    now_ms: int,
    *,
    roster: Roster | None = None,
) -> tuple[LiveState, tuple[LiveEvent, ...]]:
    """What the authority does with a command: decide, seal each event, fold it.
    Returns the new state and the events to store (none when nothing changes)."""
    events: list[LiveEvent] = []
    for body in decide(state, actor, role, command, now_ms, roster=roster):
        event = seal(state, actor, body, now_ms)
        state = apply(state, event)
        events.append(event)
    return state, tuple(events)
