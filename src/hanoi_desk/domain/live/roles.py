"""Who may do what in a live meeting: the roles, the command kinds and the one
permission table (docs/live-meetings.md).

Both sides read this table: the authority refuses what it forbids, the client
hides or greys out what it forbids. No other module decides permissions.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final


class Role(StrEnum):
    """A person's role in one meeting (a person may hold another in the next)."""

    CHAIR = "chair"
    SECRETARY = "secretary"
    DELEGATE = "delegate"
    GUEST = "guest"
    ADMIN = "admin"


class CommandKind(StrEnum):
    """The live commands a client may send (the ``kind`` of a live command)."""

    CHECKIN = "attendance.checkin"
    SET_ATTENDANCE = "attendance.set"
    SUBSTITUTE = "attendance.substitute"
    DELEGATE = "attendance.delegate"
    """A member hands their vote to another member (or withdraws it, proxy ``""``),
    only where the body enables vote delegation."""
    REQUEST = "speakers.request"
    WITHDRAW = "speakers.withdraw"
    APPROVE = "speakers.approve"
    REJECT = "speakers.reject"
    CALL = "speakers.call"
    REORDER = "speakers.reorder"
    PAUSE = "speakers.pause"
    RESUME = "speakers.resume"
    STOP = "speakers.stop"
    NEXT = "speakers.next"
    POLL_CREATE = "poll.create"
    POLL_OPEN = "poll.open"
    POLL_CLOSING = "poll.closing"
    POLL_EXTEND = "poll.extend"
    POLL_CLOSE = "poll.close"
    POLL_PUBLISH = "poll.publish"
    PRESENTER_SHOW = "presenter.show"
    """The chair or secretary shows a page of a document version to the room."""
    AGENDA_CURRENT = "agenda.current"
    """The chair or secretary makes an agenda item the one under discussion."""


ATTENDING_ROLES: Final = frozenset({Role.CHAIR, Role.SECRETARY, Role.DELEGATE})
"""Roles that attend (have an attendance state) and vote. The council's
secretary (thư ký kỳ họp) is elected from the delegates, so they count too;
guests follow the meeting and the body's admin configures it, neither votes."""

_DELEGATE: Final = frozenset(
    {
        CommandKind.CHECKIN,
        CommandKind.SUBSTITUTE,
        CommandKind.DELEGATE,
        CommandKind.REQUEST,
        CommandKind.WITHDRAW,
    }
)
RUNS_THE_LIST: Final = frozenset(
    {
        CommandKind.APPROVE,
        CommandKind.REJECT,
        CommandKind.CALL,
        CommandKind.REORDER,
        CommandKind.PAUSE,
        CommandKind.RESUME,
        CommandKind.STOP,
        CommandKind.NEXT,
    }
)
"""The chair's and secretary's speakers commands: each carries ``list_version``."""

RUNS_POLLS: Final = frozenset(
    {
        CommandKind.POLL_CREATE,
        CommandKind.POLL_OPEN,
        CommandKind.POLL_CLOSING,
        CommandKind.POLL_EXTEND,
        CommandKind.POLL_CLOSE,
        CommandKind.POLL_PUBLISH,
    }
)
"""The chair's and secretary's poll commands (docs/live-meetings.md, "Votes")."""

_CHAIR: Final = (
    _DELEGATE
    | RUNS_THE_LIST
    | RUNS_POLLS
    | {CommandKind.SET_ATTENDANCE, CommandKind.PRESENTER_SHOW, CommandKind.AGENDA_CURRENT}
)

PERMISSIONS: Final[Mapping[Role, frozenset[CommandKind]]] = MappingProxyType(
    {
        Role.CHAIR: _CHAIR,
        Role.SECRETARY: _CHAIR,
        Role.DELEGATE: _DELEGATE,
        Role.GUEST: frozenset(),
        Role.ADMIN: frozenset(),
    }
)

_SELF_ONLY: Final = frozenset(
    {
        CommandKind.CHECKIN,
        CommandKind.SUBSTITUTE,
        CommandKind.DELEGATE,
        CommandKind.REQUEST,
        CommandKind.WITHDRAW,
    }
)


def may(role: Role | str, kind: CommandKind | str) -> bool:
    """Whether ``role`` may send a command of ``kind``; unknown roles and kinds may nothing."""
    try:
        return CommandKind(kind) in PERMISSIONS[Role(role)]
    except ValueError:
        return False


def may_vote(role: Role | str) -> bool:
    """Whether ``role`` casts ballots: the members (chair, secretary, delegates);
    guests and the body's admin never. Whether a member votes in a given round
    is the round's entitlement snapshot's business (present, or a vote handed
    to them)."""
    return role_of(str(role)) in ATTENDING_ROLES


def acts_on_self_only(kind: CommandKind | str) -> bool:
    """Whether a command of ``kind`` only ever touches its sender's own attendance
    or requests, whatever the sender's role (a chair withdraws nobody else's
    request: they reject it; nobody checks in for someone else: the chair or
    secretary *sets* their attendance)."""
    try:
        return CommandKind(kind) in _SELF_ONLY
    except ValueError:
        return False


def role_of(text: str) -> Role | None:
    """The role named ``text``, or None for a name this version does not know."""
    try:
        return Role(text)
    except ValueError:
        return None
