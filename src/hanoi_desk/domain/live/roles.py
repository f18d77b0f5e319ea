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


ATTENDING_ROLES: Final = frozenset({Role.CHAIR, Role.SECRETARY, Role.DELEGATE})
"""Roles that attend (have an attendance state) and vote. The council's
secretary (thư ký kỳ họp) is elected from the delegates, so they count too;
guests follow the meeting and the body's admin configures it, neither votes."""

_DELEGATE: Final = frozenset(
    {CommandKind.CHECKIN, CommandKind.SUBSTITUTE, CommandKind.REQUEST, CommandKind.WITHDRAW}
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

_CHAIR: Final = _DELEGATE | RUNS_THE_LIST | {CommandKind.SET_ATTENDANCE}

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
    {CommandKind.CHECKIN, CommandKind.SUBSTITUTE, CommandKind.REQUEST, CommandKind.WITHDRAW}
)


def may(role: Role | str, kind: CommandKind | str) -> bool:
    """Whether ``role`` may send a command of ``kind``; unknown roles and kinds may nothing."""
    try:
        return CommandKind(kind) in PERMISSIONS[Role(role)]
    except ValueError:
        return False


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
