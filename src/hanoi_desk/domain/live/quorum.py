"""Quorum and majority, in exact integer arithmetic.

A poll round (Live meetings II) takes an :class:`Entitlement` snapshot when it
opens: who may vote, who is in the room, whose ballot a proxy holds. Quorum
and the outcome are then computed from that snapshot alone, so a member who
arrives or leaves during the round changes neither. No float is involved:
"at least two thirds of 29" is ``3 * yes >= 2 * 29``, i.e. 20, never 19.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING

from hanoi_desk.domain.live.checks import DELEGATION_CHAIN, FORBIDDEN, NOT_FOUND, Refused
from hanoi_desk.domain.live.roles import ATTENDING_ROLES, Role, role_of

if TYPE_CHECKING:
    from hanoi_desk.domain.live.state import LiveState


class Base(StrEnum):
    """What a share is a share of."""

    MEMBERS = "members"
    """All members entitled to vote (tổng số đại biểu), present or not."""
    PRESENT = "present"
    """The ballots in the room at the snapshot: members present, and members
    whose vote a present proxy holds."""
    CAST = "cast"
    """The ballots actually cast in the round."""


class Threshold(StrEnum):
    MAJORITY = "majority"
    """More than half (quá nửa)."""
    TWO_THIRDS = "two_thirds"
    """At least two thirds (ít nhất hai phần ba)."""


@dataclass(frozen=True)
class BodySettings:
    """A body's rules for its meetings. The defaults are a People's Council's:
    sessions need two thirds of the delegates, resolutions more than half of
    all delegates, nobody votes for another delegate."""

    substitute_may_vote: bool = False
    vote_delegation: bool = False
    quorum: Threshold = Threshold.TWO_THIRDS
    base: Base = Base.MEMBERS
    threshold: Threshold = Threshold.MAJORITY


def check_delegations(voters: frozenset[str], delegations: Mapping[str, str]) -> None:
    """Refuse delegations that are not one step between two members: a proxy
    who has handed on their own vote (a chain), a vote handed to oneself, or
    someone who is no member (``not_found``)."""
    for represented, proxy in delegations.items():
        if represented not in voters or proxy not in voters:
            raise Refused(NOT_FOUND)
        if proxy == represented or proxy in delegations:
            raise Refused(DELEGATION_CHAIN)


@dataclass(frozen=True)
class Entitlement:
    voters: frozenset[str]
    """Every member entitled to a ballot (chair, secretary, delegates)."""
    present: frozenset[str]
    """Of ``voters``, those in the room: in person, or through a substitute
    where the body lets substitutes vote."""
    substitutes_may_vote: bool = False
    delegations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Represented member -> the present member who casts their ballot (one
    step only; each represented member once, as a key)."""

    def __post_init__(self) -> None:
        if not self.present <= self.voters:
            raise ValueError("everyone present must be a voter")
        check_delegations(self.voters, self.delegations)
        for represented, proxy in self.delegations.items():
            if represented in self.present or proxy not in self.present:
                raise ValueError("a delegation needs an absent member and a present proxy")
        object.__setattr__(self, "delegations", MappingProxyType(dict(self.delegations)))

    @property
    def ballots(self) -> frozenset[str]:
        """The members whose ballot can be cast in this round."""
        return self.present | frozenset(self.delegations)

    def ballots_of(self, user: str) -> frozenset[str]:
        """The members whose ballot ``user`` casts: their own if present, and
        those who handed them their vote."""
        own = {user} if user in self.present else set()
        return frozenset(own | {m for m, proxy in self.delegations.items() if proxy == user})


def snapshot(
    state: LiveState,
    roles: Mapping[str, Role | str],
    settings: BodySettings,
    delegations: Mapping[str, str] | None = None,
) -> Entitlement:
    """The entitlement when a poll round opens.

    A member is present when their attendance is ``present``; one marked
    present with a substitute named counts only where substitutes may vote.
    Delegations (only where the body enables them) are checked whole, then
    those that cannot be used now are left out: the represented member is in
    the room (they vote themselves) or the proxy is not (nobody can cast it)."""
    # Imported here: state holds the polls, whose rounds hold an Entitlement,
    # so state imports this module and this one cannot import state first.
    from hanoi_desk.domain.live.state import AttendanceState

    voters = frozenset(u for u, r in roles.items() if role_of(str(r)) in ATTENDING_ROLES)
    present = set()
    for user in voters:
        a = state.attendance_of(user)
        in_person = not a.substitute
        if a.state is AttendanceState.PRESENT and (in_person or settings.substitute_may_vote):
            present.add(user)
    wanted = dict(delegations or {})
    if wanted and not settings.vote_delegation:
        raise Refused(FORBIDDEN)
    check_delegations(voters, wanted)
    usable = {m: p for m, p in wanted.items() if m not in present and p in present}
    return Entitlement(voters, frozenset(present), settings.substitute_may_vote, usable)


def needed(count: int, threshold: Threshold) -> int:
    """The smallest number that meets ``threshold`` of ``count``."""
    if count < 0:
        raise ValueError("a count is never negative")
    if threshold is Threshold.MAJORITY:
        return count // 2 + 1
    return (2 * count + 2) // 3  # ceil(2 * count / 3), in integers


def quorum_met(entitlement: Entitlement, threshold: Threshold) -> bool:
    """Whether the members present meet ``threshold`` of all members (a
    delegated vote is no presence; a body without members has no quorum)."""
    members = len(entitlement.voters)
    return members > 0 and len(entitlement.present) >= needed(members, threshold)


def base_count(entitlement: Entitlement, base: Base, cast: int) -> int:
    if base is Base.MEMBERS:
        return len(entitlement.voters)
    if base is Base.PRESENT:
        return len(entitlement.ballots)
    return cast


def passes(yes: int, cast: int, entitlement: Entitlement, base: Base, threshold: Threshold) -> bool:
    """Whether ``yes`` ballots of ``cast`` carry the motion on ``base`` with
    ``threshold``. Nothing passes on an empty base."""
    if not 0 <= yes <= cast <= len(entitlement.ballots):
        raise ValueError("0 <= yes <= cast <= the ballots of the snapshot")
    count = base_count(entitlement, base, cast)
    return count > 0 and yes >= needed(count, threshold)
