"""The tally (domain.live.tally): exact counts, pass or fail at each base and
threshold edge over the round's snapshot, the published result recounted from
the bulletin, every change to the bulletin caught, and a voter finding their
own ballot and its inclusion proof."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from hanoi_desk.domain.live import (
    BodySettings,
    Bulletin,
    Tally,
    TallyMismatch,
    Threshold,
    count,
    inclusion_proof,
    merkle_root,
    recount,
    secret_receipt,
    verify,
    verify_inclusion,
)
from vote_rooms import VoteRoom, council


def _voted(members: int, present: int, yes: int, no: int, other: int = 0, **poll: str) -> VoteRoom:
    """A council of ``members``, ``present`` of them in the room, voting
    ``yes``/``no``/``other`` in a named poll that is then closed."""
    room = VoteRoom(roster=council(members), body=BodySettings(quorum=Threshold.MAJORITY))
    voters = sorted(
        u for u, r in room.roster.items() if r.value in {"chair", "secretary", "delegate"}
    )
    room.checkin(*voters[:present])
    room.create(**poll)
    room.open()
    choices = [0] * yes + [1] * no + [2] * other
    for member, choice in zip(voters[:present], choices, strict=False):
        room.vote(member, choice, "Ý kiến khác" if choice == 2 else "")
    room.close()
    return room


def _result(room: VoteRoom) -> Tally:
    result = room.round().result
    assert result is not None
    return result


# (members, present, yes, no, base, threshold, passes): the edges, by hand.
EDGES = [
    # Base members, more than half: 30 members need 16, whoever came.
    (30, 20, 16, 4, "members", "majority", True),
    (30, 20, 15, 5, "members", "majority", False),
    (29, 20, 15, 5, "members", "majority", True),
    (29, 20, 14, 6, "members", "majority", False),
    # Base members, two thirds: 30 need 20, 29 need 20 (19.33 rounds up).
    (30, 25, 20, 5, "members", "two_thirds", True),
    (30, 25, 19, 6, "members", "two_thirds", False),
    (29, 25, 20, 5, "members", "two_thirds", True),
    (29, 25, 19, 6, "members", "two_thirds", False),
    # Base present (the ballots in the room at the snapshot): 21 present need 11 / 14.
    (30, 21, 11, 0, "present", "majority", True),
    (30, 21, 10, 11, "present", "majority", False),
    (30, 21, 14, 0, "present", "two_thirds", True),
    (30, 21, 13, 8, "present", "two_thirds", False),
    # Base cast: abstainers do not count; 10 cast need 6 / 7.
    (30, 20, 6, 4, "cast", "majority", True),
    (30, 20, 5, 5, "cast", "majority", False),
    (30, 20, 7, 3, "cast", "two_thirds", True),
    (30, 20, 6, 4, "cast", "two_thirds", False),
    # Nothing passes on an empty base.
    (30, 20, 0, 0, "cast", "majority", False),
]


@pytest.mark.parametrize("edge", EDGES)
def test_pass_or_fail_at_each_edge(edge: tuple[int, int, int, int, str, str, bool]) -> None:
    members, present, yes, no, base, threshold, passes = edge
    room = _voted(members, present, yes, no, base=base, threshold=threshold)
    result = _result(room)
    size = {"members": members, "present": present, "cast": yes + no}[base]
    share = Fraction(2, 3) if threshold == "two_thirds" else Fraction(1, 2)
    # The definition, in exact fractions: > half, or >= two thirds, of a non-empty base.
    expected = size > 0 and (
        Fraction(yes, size) >= share if threshold == "two_thirds" else Fraction(yes, size) > share
    )
    assert expected is passes
    assert (result.passed, result.base_count, result.cast) == (passes, size, yes + no)
    assert result.counts == (yes, no, 0)
    wins = [
        n
        for n in range(size + 2)
        if Fraction(n) > size * share or (threshold == "two_thirds" and Fraction(n) >= size * share)
    ]
    assert result.needed == wins[0]


def test_other_opinions_count_as_cast_but_not_for_the_motion() -> None:
    result = _result(_voted(10, 10, 5, 2, 3, base="cast", threshold="majority"))
    assert (result.counts, result.cast, result.needed, result.passed) == ((5, 2, 3), 10, 6, False)


def test_the_recount_equals_the_published_result() -> None:
    room = _voted(12, 11, 6, 3, 2)
    poll = room.state.poll("p-1")
    assert poll is not None
    bulletin = room.bulletin("p-1", 1)
    assert (
        recount(poll, room.round(), bulletin)
        == _result(room)
        == verify(poll, room.round(), bulletin)
    )
    assert _result(room).root == merkle_root([b.signed_bytes() for b in bulletin.named])
    assert [b.member for b in bulletin.named] == sorted(b.member for b in bulletin.named)


def _bulletin_changes(bulletin: Bulletin) -> list[tuple[str, Bulletin]]:
    named = list(bulletin.named)
    first = named[0]
    return [
        ("a changed choice", replace(bulletin, named=(replace(first, choice=1), *named[1:]))),
        ("a dropped ballot", replace(bulletin, named=tuple(named[1:]))),
        ("a ballot twice", replace(bulletin, named=(first, *named))),
        ("another order", replace(bulletin, named=tuple(reversed(named)))),
        ("another round", replace(bulletin, round=2)),
        ("a changed text", replace(bulletin, named=(replace(first, text="x"), *named[1:]))),
        ("another member", replace(bulletin, named=(replace(first, member="d999"), *named[1:]))),
    ]


@pytest.mark.parametrize("index", range(7))
def test_every_change_to_the_bulletin_fails_the_check(index: int) -> None:
    room = _voted(8, 8, 4, 3, 1)
    poll = room.state.poll("p-1")
    assert poll is not None
    bulletin = room.bulletin("p-1", 1)
    what, changed = _bulletin_changes(bulletin)[index]
    with pytest.raises(TallyMismatch):
        verify(poll, room.round(), changed)
        pytest.fail(f"{what} passed the check")
    verify(poll, room.round(), bulletin)  # the real one still passes


def test_a_published_result_that_differs_from_the_recount_fails() -> None:
    room = _voted(8, 8, 4, 3, 1)
    poll = room.state.poll("p-1")
    assert poll is not None
    bulletin = room.bulletin("p-1", 1)
    published = _result(room)
    for wrong in (
        replace(published, counts=(5, 2, 1)),
        replace(published, passed=not published.passed),
        replace(published, root="0" * 64),
        replace(published, needed=published.needed - 1),
    ):
        with pytest.raises(TallyMismatch):
            verify(poll, replace(room.round(), result=wrong), bulletin)
    with pytest.raises(TallyMismatch):
        verify(poll, replace(room.round(), result=None), bulletin)


def test_a_voter_finds_their_ballot_and_its_proof() -> None:
    room = _voted(9, 9, 5, 4)
    bulletin = room.bulletin("p-1", 1)
    leaves = bulletin.leaves()
    root = _result(room).root
    for mine in bulletin.named:
        index = bulletin.index_of(mine.signed_hash)
        assert index is not None and leaves[index] == mine.signed_bytes()
        proof = inclusion_proof(leaves, index)
        assert verify_inclusion(mine.signed_bytes(), index, len(leaves), proof, root)
        changed = replace(mine, choice=1 - mine.choice)
        assert not verify_inclusion(changed.signed_bytes(), index, len(leaves), proof, root)
    assert bulletin.index_of("0" * 64) is None


def _secret_room(votes: list[int]) -> tuple[VoteRoom, dict[str, bytes]]:
    room = VoteRoom(roster=council(len(votes)))
    room.checkin()
    room.create(kind="secret")
    room.open()
    members = sorted(room.round().entitlement.ballots)
    secrets: dict[str, bytes] = {}
    for member, choice in zip(members, votes, strict=True):
        submission, secret = room.secret_submission(member, choice, "Khác" if choice == 2 else "")
        assert room.cast(member, submission).counted
        secrets[member] = secret
    room.close()
    return room, secrets


def test_a_secret_bulletin_names_nobody_and_each_voter_finds_their_receipt() -> None:
    room, secrets = _secret_room([0, 1, 0, 2, 0, 1, 0])
    poll = room.state.poll("p-1")
    assert poll is not None
    bulletin = room.bulletin("p-1", 1)
    result = verify(poll, room.round(), bulletin)
    assert result.counts == (4, 2, 1) and result.participation_root is not None
    assert len(bulletin.secret) == len(bulletin.participations) == result.cast == 7
    receipts = [b.receipt_hash for b in bulletin.secret]
    assert receipts == sorted(receipts)  # bulletin order: by receipt, not by member or time
    assert result.participation_root == merkle_root(bulletin.participation_leaves())
    leaves = bulletin.leaves()
    for secret in secrets.values():
        index = bulletin.index_of(secret_receipt(secret))
        assert index is not None
        proof = inclusion_proof(leaves, index)
        assert verify_inclusion(leaves[index], index, len(leaves), proof, result.root)


@pytest.mark.parametrize("change", ["drop ballot", "drop participation", "choice", "reorder"])
def test_a_changed_secret_bulletin_fails(change: str) -> None:
    """Caught by the comparison with the published result, and, but for a
    changed choice, already by the recount's check against the log."""
    room, _ = _secret_room([0, 1, 0, 1, 2])
    poll = room.state.poll("p-1")
    assert poll is not None
    b = room.bulletin("p-1", 1)
    changed = {
        "drop ballot": replace(b, secret=b.secret[1:]),
        "drop participation": replace(b, participations=b.participations[1:]),
        "choice": replace(
            b, secret=(replace(b.secret[0], choice=(b.secret[0].choice + 1) % 3), *b.secret[1:])
        ),
        "reorder": replace(b, secret=tuple(reversed(b.secret))),
    }[change]
    with pytest.raises(TallyMismatch):
        verify(poll, room.round(), changed)
    if change != "choice":
        with pytest.raises(TallyMismatch):
            recount(poll, room.round(), changed)


def test_the_count_refuses_a_ballot_for_no_option() -> None:
    room = _voted(5, 5, 2, 2)
    poll = room.state.poll("p-1")
    assert poll is not None
    b = room.bulletin("p-1", 1)
    with pytest.raises(TallyMismatch):
        count(replace(poll, options=poll.options[:1]), room.round(), b)


def test_an_empty_round_has_the_empty_trees_root() -> None:
    room = _voted(5, 5, 0, 0)
    result = _result(room)
    assert (result.cast, result.passed, result.root) == (0, False, merkle_root([]))
    assert (result.base_count, result.needed) == (5, 3)
