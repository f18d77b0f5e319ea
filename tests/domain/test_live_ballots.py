"""Ballots (domain.live.votes.decide_ballot/execute_ballot): counted once per
(round, member) whatever is resent, a stored answer for every ballot, each
refusal in its order, "not counted" after the close, and what is stored for
a secret ballot (the ballot apart from the participation)."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

import pytest

from hanoi_desk.domain.live import (
    ALREADY_VOTED,
    BAD_REQUEST,
    BAD_SIGNATURE,
    BALLOT_ID_REUSED,
    FORBIDDEN,
    NO_CERTIFICATE,
    NO_SUCH_POLL,
    NOT_ENTITLED,
    RECEIPT_REUSED,
    ROUND_CLOSED,
    STALE_ROUND,
    WRONG_CERTIFICATE,
    BodySettings,
    Command,
    ReceiptStatus,
    SecretSubmission,
    SignatureCheck,
    Threshold,
    decide_ballot,
    execute,
)
from hanoi_desk.domain.live.quorum import snapshot
from vote_rooms import VoteRoom, council


def _room(kind: str = "named", members: int = 6, **more: Any) -> VoteRoom:
    room = VoteRoom(roster=council(members), body=more.pop("body", None))
    room.checkin(*[u for u in room.roster if u not in {"d004", "guest0", "admin"}])
    room.create(kind=kind, **more)
    room.open()
    return room


def test_a_named_ballot_is_counted_once_and_its_resend_gets_the_stored_receipt() -> None:
    room = _room()
    ballot = room.named_ballot("d001", 1)
    first = room.cast("d001", ballot)
    assert first.status is ReceiptStatus.COUNTED and first.counted
    assert (first.reason, first.receipt_hash, first.signed_hash) == (
        None,
        ballot.signed_hash,
        ballot.signed_hash,
    )
    event = room.log[-1]
    assert (event.kind, event.seq, event.actor) == ("ballot.cast", first.seq, "d001")
    assert event.data == {
        "poll": "p-1",
        "round": 1,
        "member": "d001",
        "receipt": ballot.signed_hash,
    }
    assert "choice" not in event.data  # the log says who voted, never what
    r = room.round()
    assert (r.cast, dict(r.voted)) == (1, {"d001": ballot.signed_hash})
    assert "d001" not in r.not_voted
    # The answer was lost: the same ballot again is the same receipt, nothing appended.
    logged = len(room.log)
    again = room.cast("d001", ballot)
    assert again == replace(first, status=ReceiptStatus.DUPLICATE) and again.counted
    assert len(room.log) == logged and room.round().cast == 1


def test_another_ballot_for_the_member_is_refused_with_the_counted_receipt() -> None:
    room = _room()
    first = room.cast("d001", room.named_ballot("d001", 0, ballot_id="b-1"))
    second = room.cast("d001", room.named_ballot("d001", 1, ballot_id="b-2"))
    assert (second.status, second.reason) == (ReceiptStatus.REFUSED, ALREADY_VOTED)
    assert second.receipt_hash == first.signed_hash != second.signed_hash
    assert room.round().cast == 1
    # Stored: the refused second ballot sent again is refused the same way.
    assert room.cast("d001", room.named_ballot("d001", 1, ballot_id="b-2")) == second


def test_another_ballot_under_a_used_id_is_refused_and_the_first_stays() -> None:
    room = _room()
    first = room.cast("d001", room.named_ballot("d001", 0, ballot_id="b-1"))
    other = room.cast("d001", room.named_ballot("d001", 1, ballot_id="b-1"))
    assert (other.status, other.reason, other.receipt_hash) == (
        ReceiptStatus.REFUSED,
        BALLOT_ID_REUSED,
        None,
    )
    assert room.receipts[("d001", "b-1")] == first


def test_after_the_close_a_ballot_is_not_counted_for_good() -> None:
    room = _room()
    queued = room.named_ballot("d002", 0)  # made while open, sent after the close
    room.vote("d001", 0)
    room.close()
    late = room.cast("d002", queued)
    assert (late.status, late.reason, late.receipt_hash, late.seq) == (
        ReceiptStatus.NOT_COUNTED,
        ROUND_CLOSED,
        None,
        None,
    )
    assert not late.counted and room.round().cast == 1
    assert room.cast("d002", queued) == late  # permanent: the same answer again
    # Even once a new round opened: the ballot names round 1.
    room.open()
    assert room.cast("d002", queued) == late


def test_a_ballot_counts_while_the_round_is_closing() -> None:
    room = _room()
    room.do("chair", "poll.closing", poll="p-1", round=1, grace_ms=10_000)
    room.later(60_000)  # past the period: only the close event ends the round
    assert room.vote("d001", 2, "Đề nghị làm rõ nguồn vốn").status is ReceiptStatus.COUNTED
    room.do("chair", "poll.close", poll="p-1", round=1)
    assert room.round().result is not None and room.round().result.counts == (0, 0, 1)  # type: ignore[union-attr]


def test_guests_and_the_admin_never_vote() -> None:
    room = _room()
    for actor in ("guest0", "admin"):
        receipt = room.cast(actor, room.named_ballot(actor, 0))
        assert (receipt.status, receipt.reason) == (ReceiptStatus.REFUSED, FORBIDDEN)
    assert room.round().cast == 0


def test_not_entitled_absent_at_the_snapshot_or_someone_elses_ballot() -> None:
    room = _room()
    assert "d004" not in room.round().entitlement.present
    room.do("d004", "attendance.checkin", state="present")  # arrives after the round opened
    late = room.cast("d004", room.named_ballot("d004", 0))
    assert (late.status, late.reason) == (ReceiptStatus.REFUSED, NOT_ENTITLED)
    for_other = room.cast("d001", room.named_ballot("d002", 0))
    assert (for_other.status, for_other.reason) == (ReceiptStatus.REFUSED, NOT_ENTITLED)


def test_a_proxy_casts_the_handed_ballot_and_each_member_counts_once() -> None:
    body = BodySettings(vote_delegation=True, quorum=Threshold.MAJORITY)
    room = VoteRoom(roster=council(6), body=body)
    room.checkin("chair", "sec", "d001", "d002")
    room.create()
    # The authority passes the meeting's delegations to the round's opening.
    entitled = snapshot(room.state, room.roster, body, {"d004": "d001"})
    room.state, events = execute(
        room.state,
        "chair",
        "chair",
        Command("poll.open", {"poll": "p-1", "round": 1}),
        room.now,
        roster=room.roster,
        body=body,
        delegations={"d004": "d001"},
    )
    room.log.extend(events)
    assert room.round().entitlement == entitled
    assert room.vote("d001", 0).counted
    assert room.vote("d004", 1, actor="d001").counted
    again = room.cast("d001", room.named_ballot("d004", 0))
    assert again.reason == ALREADY_VOTED
    assert room.vote("d004", 0, actor="d002").reason == NOT_ENTITLED
    assert dict(room.round().voted).keys() == {"d001", "d004"}


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"meeting": "m-2"}, BAD_REQUEST),
        ({"poll": "p 1"}, BAD_REQUEST),
        ({"member": ""}, BAD_REQUEST),
        ({"round": 0}, BAD_REQUEST),
        ({"round_open_hash": "AB" * 32}, BAD_REQUEST),
        ({"poll": "p-9"}, NO_SUCH_POLL),
        ({"round": 2}, STALE_ROUND),
        ({"round_open_hash": "0" * 64}, STALE_ROUND),
        ({"choice": 3}, BAD_REQUEST),
        ({"choice": -1}, BAD_REQUEST),
        ({"choice": True}, BAD_REQUEST),
        ({"text": "Tôi đồng ý"}, BAD_REQUEST),
        ({"choice": 2, "text": ""}, BAD_REQUEST),
        ({"choice": 2, "text": " Ý kiến "}, BAD_REQUEST),
        ({"choice": 2, "text": "Ý kiến\u202e"}, BAD_REQUEST),
        ({"choice": 2, "text": "x" * 1001}, BAD_REQUEST),
        ({"choice": 2, "text": "Cafe\u0301"}, BAD_REQUEST),  # not NFC: not as signed
    ],
)
def test_each_refusal_of_a_named_ballot_is_stored(change: dict[str, Any], reason: str) -> None:
    room = _room()
    ballot = replace(room.named_ballot("d001", 0), **change)
    decision = decide_ballot(room.state, "d001", "delegate", ballot, signature=SignatureCheck.VALID)
    assert (decision.receipt.status, decision.receipt.reason) == (ReceiptStatus.REFUSED, reason)
    assert decision.store and decision.events == ()
    assert room.cast("d001", ballot) == decision.receipt
    assert room.cast("d001", ballot) == decision.receipt  # the stored answer, again
    assert room.round().cast == 0


@pytest.mark.parametrize(
    ("check", "reason"),
    [
        (SignatureCheck.INVALID, BAD_SIGNATURE),
        (SignatureCheck.WRONG_CERTIFICATE, WRONG_CERTIFICATE),
        (SignatureCheck.NO_CERTIFICATE, NO_CERTIFICATE),
    ],
)
def test_a_forged_or_wrongly_signed_ballot_is_refused(check: SignatureCheck, reason: str) -> None:
    room = _room()
    receipt = room.cast("d001", room.named_ballot("d001", 0), signature=check)
    assert (receipt.status, receipt.reason) == (ReceiptStatus.REFUSED, reason)
    assert room.round().cast == 0


def test_the_order_of_the_checks() -> None:
    room = _room()
    room.vote("d001", 0)
    bad_choice = room.named_ballot("d001", 7)
    # A wrong field is reported before a bad signature, and a bad signature before
    # the member's counted ballot; a guest is refused before anything else.
    first = decide_ballot(
        room.state, "guest0", "guest", bad_choice, signature=SignatureCheck.INVALID
    ).receipt
    assert first.reason == FORBIDDEN
    second = decide_ballot(
        room.state, "d001", "delegate", bad_choice, signature=SignatureCheck.INVALID
    ).receipt
    assert second.reason == BAD_REQUEST
    third = decide_ballot(
        room.state,
        "d001",
        "delegate",
        room.named_ballot("d001", 1),
        signature=SignatureCheck.INVALID,
    ).receipt
    assert third.reason == BAD_SIGNATURE
    room.close()
    fourth = decide_ballot(
        room.state, "d001", "delegate", room.named_ballot("d001", 1), signature=SignatureCheck.VALID
    ).receipt
    assert fourth.reason == ALREADY_VOTED  # after the close too: the client recognises its vote


def test_a_named_ballot_to_a_secret_poll_and_the_reverse_are_refused() -> None:
    named = _room("named")
    submission, _ = named.secret_submission("d001", 0)
    assert named.cast("d001", submission).reason == BAD_REQUEST
    secret = _room("secret")
    assert secret.cast("d001", secret.named_ballot("d001", 0)).reason == BAD_REQUEST


def test_a_secret_ballot_is_stored_apart_from_its_participation() -> None:
    room = _room("secret")
    submission, secret = room.secret_submission("d001", 2, "Cần thêm thời gian")
    receipt = room.cast("d001", submission)
    assert receipt.counted
    assert receipt.receipt_hash == receipt.signed_hash == submission.participation.signed_hash
    assert submission.ballot.receipt_hash == hashlib.sha256(secret).hexdigest()
    # What the authority keeps: the participation (names the member, no choice)
    # and the ballot (the choice, nobody's name), in two lists, unlinked.
    (participation,) = room.participations[("p-1", 1)]
    (ballot,) = room.secret[("p-1", 1)]
    assert participation == submission.participation and ballot == submission.ballot
    assert "member" not in ballot.fields() and "ballot_id" not in ballot.fields()
    assert "choice" not in participation.fields()
    assert "choice" not in room.log[-1].data and secret.hex() not in str(room.log[-1].data)
    # Resent: same receipt.
    assert room.cast("d001", submission) == replace(receipt, status=ReceiptStatus.DUPLICATE)
    assert len(room.secret[("p-1", 1)]) == 1


def test_a_secret_receipt_is_used_once_per_round() -> None:
    room = _room("secret")
    secret = bytes(32)
    first, _ = room.secret_submission("d001", 0, secret=secret)
    assert room.cast("d001", first).counted
    clash, _ = room.secret_submission("d002", 1, secret=secret)
    receipt = room.cast("d002", clash)
    assert (receipt.status, receipt.reason) == (ReceiptStatus.REFUSED, RECEIPT_REUSED)
    fresh, _ = room.secret_submission("d002", 1, ballot_id="s-d002-new", secret=bytes([1]) * 32)
    assert room.cast("d002", fresh).counted


def test_a_secret_ballot_must_name_its_participations_round() -> None:
    room = _room("secret")
    submission, _ = room.secret_submission("d001", 0)
    other = SecretSubmission(submission.participation, replace(submission.ballot, round=2))
    assert room.cast("d001", other).reason == BAD_REQUEST
    bad_hash = SecretSubmission(
        submission.participation, replace(submission.ballot, receipt_hash="x" * 64)
    )
    assert room.cast("d001", replace(bad_hash)).reason == BAD_REQUEST


def test_no_member_is_counted_twice_whatever_arrives() -> None:
    """Every member sends three ballots under two ids, twice each, in rounds 1
    and 2 with a close in between: each round counts each member at most once,
    and every resend gets the answer its first sending got."""
    room = _room(members=12)
    members = sorted(room.round().entitlement.ballots)
    answers: dict[tuple[str, str], Any] = {}
    for number in (1, 2):
        for i, member in enumerate(members):
            for bid, choice in ((f"{number}-a", i % 3), (f"{number}-b", (i + 1) % 3)):
                text = "Ý kiến" if choice == 2 else ""
                ballot = room.named_ballot(member, choice, text, ballot_id=f"{member}-{bid}")
                for _ in range(2):
                    receipt = room.cast(member, ballot)
                    key = (member, ballot.ballot_id)
                    expected = answers.setdefault(key, receipt)
                    if expected.status is ReceiptStatus.COUNTED:
                        expected = replace(expected, status=ReceiptStatus.DUPLICATE)
                    assert receipt in (answers[key], expected)
        assert dict(room.round().voted).keys() == set(members)
        room.close()
        result = room.round().result
        assert result is not None and result.cast == len(members) == sum(result.counts)
        if number == 1:
            room.open()


def test_a_ballot_never_counts_for_a_round_that_is_not_its_own() -> None:
    room = _room()
    old = room.named_ballot("d001", 0)
    room.close()
    room.open()
    receipt = room.cast("d001", old)
    assert receipt.status is ReceiptStatus.NOT_COUNTED and room.round().cast == 0
    moved = replace(old, round=2, ballot_id="b-moved")  # the old anchor with the new number
    assert room.cast("d001", moved).reason == STALE_ROUND
