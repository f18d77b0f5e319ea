"""Random walks of poll commands and ballots (seeded): whatever the chair,
the secretary and the delegates send in whatever order, each round counts
each member at most once, every answer to a resend is the stored one, every
closed round's published tally recounts from its bulletin, and the fold of the
log is the authority's state."""

from __future__ import annotations

import random

import pytest

from hanoi_desk.domain.live import (
    ROUND_CLOSED,
    BodySettings,
    ReceiptStatus,
    Refused,
    Role,
    Submission,
    TallyMismatch,
    Threshold,
    fold,
    from_json,
    signed_record,
    to_json,
    verify,
)
from hanoi_desk.domain.live.polls import MAX_VOTERS, RoundStatus
from vote_rooms import VoteRoom, council

CHAIR_MOVES = ["poll.open", "poll.closing", "poll.extend", "poll.close", "poll.publish"]


def _chair_move(rng: random.Random, room: VoteRoom) -> None:
    poll_id = rng.choice(["p-1", "p-2"])
    poll = room.state.poll(poll_id)
    assert poll is not None
    kind = rng.choice(CHAIR_MOVES)
    number = len(poll.rounds) + (1 if kind == "poll.open" else 0)
    if rng.random() < 0.1:
        number = max(1, number - 1)  # a screen one round behind
    args: dict[str, object] = {"poll": poll_id, "round": number}
    if kind == "poll.closing":
        args["grace_ms"] = rng.choice([0, 1000, 10_000])
    if kind == "poll.extend":
        args["ms"] = rng.choice([1, 5000])
    before, logged = room.state, len(room.log)
    try:
        room.do(rng.choice(["chair", "sec"]), kind, **args)
    except Refused:
        assert (room.state, len(room.log)) == (before, logged)  # a refusal changes nothing


def _ballot(rng: random.Random, room: VoteRoom, sent: list[tuple[str, Submission]]) -> None:
    if sent and rng.random() < 0.3:
        actor, again = rng.choice(sent)  # a resend after a lost answer
        before = room.receipts.get((actor, signed_record(again).ballot_id))
        receipt = room.cast(actor, again)
        assert before is not None
        assert receipt.status == (
            ReceiptStatus.DUPLICATE if before.status is ReceiptStatus.COUNTED else before.status
        )
        return
    voting = room.state.voting
    poll = voting[0] if voting else room.state.poll(rng.choice(["p-1", "p-2"]))
    if poll is None or poll.current is None:
        return
    actor = rng.choice([u for u in room.roster if u != "admin"] + ["admin"])
    member = actor if rng.random() < 0.9 else rng.choice(sorted(room.roster))
    choice = rng.randrange(3)
    text = "Ý kiến khác" if choice == 2 else ""
    bid = f"b{len(sent)}"
    submission: Submission
    if poll.kind.value == "secret":
        secret = rng.randbytes(32)
        submission = room.secret_submission(
            member, choice, text, ballot_id=bid, poll=poll.id, secret=secret
        )[0]
    else:
        submission = room.named_ballot(member, choice, text, ballot_id=bid, poll=poll.id)
    receipt = room.cast(actor, submission)
    if receipt.status is ReceiptStatus.NOT_COUNTED:
        assert receipt.reason == ROUND_CLOSED
    sent.append((actor, submission))


@pytest.mark.parametrize("seed", range(8))
def test_a_random_session_counts_each_member_once_and_every_tally_recounts(seed: int) -> None:
    rng = random.Random(seed)
    room = VoteRoom(roster=council(9), body=BodySettings(quorum=Threshold.MAJORITY))
    room.checkin()
    room.create("p-1", kind="named")
    room.create("p-2", kind="secret", options=["Có", "Không", "Khác"], text_option=2)
    sent: list[tuple[str, Submission]] = []
    for _ in range(300):
        room.later(rng.choice([0, 10, 2000, 12_000]))
        if rng.random() < 0.25:
            _chair_move(rng, room)
        else:
            _ballot(rng, room, sent)
    state = room.state
    for poll in state.polls:
        for r in poll.rounds:
            cast_events = [
                e
                for e in room.log
                if e.kind == "ballot.cast"
                and (e.data["poll"], e.data["round"]) == (poll.id, r.number)
            ]
            members = [e.data["member"] for e in cast_events]
            assert len(members) == len(set(members)) == r.cast
            assert set(members) <= r.entitlement.ballots
            if r.status is RoundStatus.CLOSED:
                assert r.result is not None
                assert verify(poll, r, room.bulletin(poll.id, r.number)) == r.result
            else:
                with pytest.raises(TallyMismatch):
                    verify(poll, r, room.bulletin(poll.id, r.number))
    assert fold(state.meeting_id, room.log) == state
    assert from_json(to_json(state)) == state
    assert any(r.result for p in state.polls for r in p.rounds)  # the walk closed something


def test_a_body_of_more_members_than_a_round_lists_cannot_vote() -> None:
    roster = {f"m{i:04}": Role.DELEGATE for i in range(MAX_VOTERS + 1)}
    roster["chair"] = Role.CHAIR
    room = VoteRoom(roster=roster)
    room.create()
    refusal = room.refused("chair", "poll.open", poll="p-1", round=1)
    assert (refusal.reason, refusal.field) == ("bad_request", "voters")
