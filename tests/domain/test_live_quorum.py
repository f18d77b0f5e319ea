"""Quorum and majority (domain.live.quorum), in exact integers: each base and
threshold at its edges, the snapshot's rules for substitutes and delegations."""

from __future__ import annotations

from fractions import Fraction

import pytest

from hanoi_desk.domain.live import (
    DELEGATION_CHAIN,
    FORBIDDEN,
    NOT_FOUND,
    Base,
    BodySettings,
    Entitlement,
    Refused,
    Role,
    Threshold,
    needed,
    passes,
    quorum_met,
    snapshot,
)
from live_rooms import Room


def _members(n: int) -> frozenset[str]:
    return frozenset(f"m{i:02}" for i in range(n))


def _entitled(members: int, present: int, delegations: dict[str, str] | None = None) -> Entitlement:
    voters = sorted(_members(members))
    return Entitlement(frozenset(voters), frozenset(voters[:present]), False, delegations or {})


@pytest.mark.parametrize("n", range(0, 100))
def test_needed_is_the_exact_fraction(n: int) -> None:
    # Fractions are exact: the definition itself, independent of the integer formula.
    if n == 0:
        assert (needed(0, Threshold.MAJORITY), needed(0, Threshold.TWO_THIRDS)) == (1, 0)
        return
    majority = min(y for y in range(n + 1) if Fraction(y, n) > Fraction(1, 2))
    two_thirds = min(y for y in range(n + 1) if Fraction(y, n) >= Fraction(2, 3))
    assert needed(n, Threshold.MAJORITY) == majority
    assert needed(n, Threshold.TWO_THIRDS) == two_thirds


def test_the_counts_a_council_knows() -> None:
    assert needed(29, Threshold.TWO_THIRDS) == 20  # 19.33… rounds up, never down
    assert needed(30, Threshold.TWO_THIRDS) == 20  # exactly two thirds is enough
    assert needed(30, Threshold.MAJORITY) == 16  # exactly half is not more than half
    assert needed(29, Threshold.MAJORITY) == 15
    assert needed(95, Threshold.TWO_THIRDS) == 64  # Hà Nội's People's Council: 95 delegates


@pytest.mark.parametrize(
    ("members", "present", "threshold", "met"),
    [
        (30, 20, Threshold.TWO_THIRDS, True),  # exactly two thirds
        (30, 19, Threshold.TWO_THIRDS, False),
        (29, 20, Threshold.TWO_THIRDS, True),
        (29, 19, Threshold.TWO_THIRDS, False),
        (30, 15, Threshold.MAJORITY, False),  # exactly half
        (30, 16, Threshold.MAJORITY, True),
        (30, 0, Threshold.MAJORITY, False),  # nobody came
        (30, 0, Threshold.TWO_THIRDS, False),
        (0, 0, Threshold.TWO_THIRDS, False),  # no members, no quorum
        (1, 1, Threshold.TWO_THIRDS, True),
    ],
)
def test_quorum(members: int, present: int, threshold: Threshold, met: bool) -> None:
    assert quorum_met(_entitled(members, present), threshold) is met


def test_a_delegated_vote_is_no_presence() -> None:
    voters = sorted(_members(30))
    delegations = {voters[29]: voters[0], voters[28]: voters[1]}
    entitlement = _entitled(30, 19, delegations)
    assert len(entitlement.ballots) == 21
    assert not quorum_met(entitlement, Threshold.TWO_THIRDS)


# (members, present, delegations, cast, base, threshold, the least yes that passes)
EDGES = [
    (30, 25, 0, 24, Base.MEMBERS, Threshold.MAJORITY, 16),  # of 30: 15 is exactly half
    (29, 25, 0, 24, Base.MEMBERS, Threshold.MAJORITY, 15),
    (30, 25, 0, 24, Base.MEMBERS, Threshold.TWO_THIRDS, 20),  # exactly two thirds of 30
    (29, 25, 0, 24, Base.MEMBERS, Threshold.TWO_THIRDS, 20),  # 19 is below 2/3 of 29
    (30, 20, 0, 18, Base.PRESENT, Threshold.MAJORITY, 11),  # of 20 present: 10 is half
    (30, 21, 0, 18, Base.PRESENT, Threshold.TWO_THIRDS, 14),  # of 21: 14 is exactly 2/3
    (30, 19, 2, 18, Base.PRESENT, Threshold.TWO_THIRDS, 14),  # 19 present + 2 proxies = 21
    (30, 20, 0, 18, Base.CAST, Threshold.MAJORITY, 10),  # of 18 cast: 9 is half
    (30, 20, 0, 18, Base.CAST, Threshold.TWO_THIRDS, 12),  # of 18: 12 is exactly 2/3
    (30, 20, 0, 17, Base.CAST, Threshold.TWO_THIRDS, 12),  # of 17: 11.33… → 12
]


@pytest.mark.parametrize("edge", EDGES)
def test_passes_at_each_base_and_threshold(
    edge: tuple[int, int, int, int, Base, Threshold, int],
) -> None:
    members, present, proxies, cast, base, threshold, least = edge
    voters = sorted(_members(members))
    delegations = {voters[-1 - i]: voters[i] for i in range(proxies)}
    entitlement = _entitled(members, present, delegations)
    assert passes(least, cast, entitlement, base, threshold)
    assert not passes(least - 1, cast, entitlement, base, threshold)
    assert passes(cast, cast, entitlement, base, threshold) is (cast >= least)


def test_nothing_passes_on_an_empty_base_and_counts_must_add_up() -> None:
    entitlement = _entitled(30, 0)
    for base in Base:
        for threshold in Threshold:
            assert not passes(0, 0, entitlement, base, threshold)
    empty = _entitled(0, 0)
    assert not passes(0, 0, empty, Base.MEMBERS, Threshold.TWO_THIRDS)
    ten = _entitled(30, 10)
    for yes, cast in ((5, 4), (-1, 3), (3, 11)):  # more yes than cast; negative; more than ballots
        with pytest.raises(ValueError):
            passes(yes, cast, ten, Base.CAST, Threshold.MAJORITY)


def _room() -> Room:
    room = Room()
    for user in ("chair", "sec", "d1", "d2"):
        room.do(user, "attendance.checkin", state="present")
    room.do("d3", "attendance.checkin", state="excused", reason="Ốm")
    return room


def test_the_snapshot_counts_members_present_in_person() -> None:
    room = _room()
    room.do("d2", "attendance.substitute", substitute="Phó phòng Nguyễn Văn Bình")
    entitlement = snapshot(room.state, room.roster, BodySettings())
    # Guests and the admin are no members; a substitute does not vote by default.
    assert entitlement.voters == {"chair", "sec", "d1", "d2", "d3"}
    assert entitlement.present == {"chair", "sec", "d1"}
    assert not quorum_met(entitlement, Threshold.TWO_THIRDS)  # 3 of 5 is below 2/3
    allowed = snapshot(room.state, room.roster, BodySettings(substitute_may_vote=True))
    assert allowed.present == {"chair", "sec", "d1", "d2"}
    assert allowed.substitutes_may_vote
    assert quorum_met(allowed, Threshold.TWO_THIRDS)


def test_left_absent_and_expected_are_not_present() -> None:
    room = _room()
    room.do("d1", "attendance.checkin", state="left")
    room.do("sec", "attendance.set", user="chair", state="absent")
    roster = {**room.roster, "d4": Role.DELEGATE}  # never said anything: expected
    entitlement = snapshot(room.state, roster, BodySettings())
    assert entitlement.present == {"sec", "d2"}
    assert len(entitlement.voters) == 6


def test_delegations_need_the_body_to_allow_them() -> None:
    room = _room()
    with pytest.raises(Refused) as caught:
        snapshot(room.state, room.roster, BodySettings(), {"d3": "d1"})
    assert caught.value.reason == FORBIDDEN


@pytest.mark.parametrize(
    ("delegations", "reason"),
    [
        ({"d3": "d1", "d1": "d2"}, DELEGATION_CHAIN),  # d1 holds d3's vote and hands on their own
        ({"d3": "d2", "d2": "d1", "d1": "chair"}, DELEGATION_CHAIN),
        ({"d3": "d3"}, DELEGATION_CHAIN),
        ({"d3": "guest"}, NOT_FOUND),
        ({"nobody": "d1"}, NOT_FOUND),
    ],
)
def test_delegation_chains_and_strangers_are_refused(
    delegations: dict[str, str], reason: str
) -> None:
    room = _room()
    settings = BodySettings(vote_delegation=True)
    with pytest.raises(Refused) as caught:
        snapshot(room.state, room.roster, settings, delegations)
    assert caught.value.reason == reason


def test_one_ballot_per_represented_member_cast_by_a_present_proxy() -> None:
    room = _room()
    room.do("d2", "attendance.checkin", state="absent")
    settings = BodySettings(vote_delegation=True)
    # d3 and d2 are absent and hand their votes to d1; chair's to sec is void
    # (the chair is present and votes); nobody can cast a vote handed to an absent member.
    roster = {**room.roster, "d4": Role.DELEGATE, "d5": Role.DELEGATE}
    delegations = {"d3": "d1", "d2": "d1", "chair": "sec", "d4": "d5"}
    entitlement = snapshot(room.state, roster, settings, delegations)
    assert dict(entitlement.delegations) == {"d3": "d1", "d2": "d1"}
    assert entitlement.ballots_of("d1") == {"d1", "d2", "d3"}
    assert entitlement.ballots_of("sec") == {"sec"}
    assert entitlement.ballots_of("d5") == frozenset()
    assert entitlement.ballots == {"chair", "sec", "d1", "d2", "d3"}
    with pytest.raises(ValueError):  # a present member's vote is nobody else's
        Entitlement(frozenset({"a", "b"}), frozenset({"a", "b"}), False, {"a": "b"})
