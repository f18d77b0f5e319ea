"""The vote wire records (protocol/live.py): ballots, receipts, bulletins and
inclusion proofs round-trip into the domain's records and back, and every
malformed one is refused with the protocol's error, naming no value."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from hanoi_desk.domain.live import (
    Bulletin,
    NamedBallot,
    Participation,
    Receipt,
    ReceiptStatus,
    SecretBallot,
    TallyMismatch,
    inclusion_proof,
    verify,
    verify_inclusion,
)
from hanoi_desk.protocol import (
    BallotReceipt,
    BallotRequest,
    BulletinRecord,
    InclusionProof,
    LiveCommandRequest,
    LiveHead,
    NamedBallotRecord,
    ParticipationRecord,
    ProtocolError,
    SecretBallotRecord,
    SignedNamedBallot,
    SignedParticipation,
)
from vote_rooms import VoteRoom, council

SIG = base64.b64encode(b"0\x82\x05 not really CMS, only the wire's shape").decode()
HASH = "ab" * 32


def _named() -> dict[str, Any]:
    ballot = NamedBallot("m-1", "p-1", 1, HASH, "b-1", "d001", 2, "Cần làm rõ")
    return {"kind": "named", "ballot": ballot.fields(), "signature": SIG}


def _secret() -> dict[str, Any]:
    p = Participation("m-1", "p-1", 1, HASH, "b-2", "d002")
    b = SecretBallot("p-1", 1, 0, "", "cd" * 32)
    return {"kind": "secret", "participation": p.fields(), "signature": SIG, "ballot": b.fields()}


def test_ballot_requests_round_trip_into_the_domains_records() -> None:
    named = BallotRequest.parse(json.loads(json.dumps(_named())))
    assert named.to_json() == _named() and named.ballot_id == "b-1"
    assert isinstance(named.ballot, NamedBallotRecord)
    assert (
        NamedBallot(**named.ballot.fields()).signed_bytes()
        == NamedBallot("m-1", "p-1", 1, HASH, "b-1", "d001", 2, "Cần làm rõ").signed_bytes()
    )
    assert named.signature_bytes().startswith(b"0\x82")
    secret = BallotRequest.parse(_secret())
    assert secret.to_json() == _secret() and secret.ballot_id == "b-2"
    assert secret.participation is not None
    assert Participation(**secret.participation.fields()).member == "d002"
    assert SecretBallot(**secret.ballot.fields()).receipt_hash == "cd" * 32


_DROP = object()


def _with(body: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(body))
    target = out
    for key in path[:-1]:
        target = target[key]
    if value is _DROP:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


@pytest.mark.parametrize(
    ("make", "path", "value"),
    [
        (_named, ("kind",), "public"),
        (_named, ("signature",), "not base64!"),
        (_named, ("signature",), "A" * 65_540),
        (_named, ("signature",), _DROP),
        (_named, ("ballot", "choice"), 1.0),
        (_named, ("ballot", "choice"), 64),
        (_named, ("ballot", "choice"), "0"),
        (_named, ("ballot", "round"), 0),
        (_named, ("ballot", "round"), 2**31),
        (_named, ("ballot", "member"), "d 1"),
        (_named, ("ballot", "round_open_hash"), HASH.upper()),
        (_named, ("ballot", "text"), "x" * 4001),
        (_named, ("ballot", "text"), _DROP),
        (_named, ("ballot", "extra"), "unsigned"),
        (_named, ("participation",), {}),
        (_secret, ("participation",), _DROP),
        (_secret, ("participation", "ballot_id"), ""),
        (_secret, ("participation", "choice"), 0),
        (_secret, ("ballot", "receipt_hash"), "0" * 63),
        (_secret, ("ballot", "member"), "d002"),
        (_secret, ("ballot", "round"), 2),
        (_secret, ("ballot", "poll"), "p-2"),
    ],
)
def test_malformed_ballots_are_refused(make: Any, path: tuple[str, ...], value: Any) -> None:
    with pytest.raises(ProtocolError):
        BallotRequest.parse(_with(make(), path, value))


def test_errors_name_the_field_never_the_value() -> None:
    secret = "Nội dung mật\x1b[2J"
    for body in (
        _with(_named(), ("ballot", "member"), secret),
        _with(_named(), ("ballot", secret), 1),
        _with(_secret(), ("ballot", "receipt_hash"), secret),
    ):
        with pytest.raises(ProtocolError) as caught:
            BallotRequest.parse(body)
        assert "mật" not in str(caught.value)


def _receipt(**change: Any) -> dict[str, Any]:
    """A counted receipt as the domain makes it, on the wire, changed."""
    r = Receipt("b-1", "p-1", 1, ReceiptStatus.COUNTED, None, HASH, HASH, 12)
    wire = {
        "ballot_id": r.ballot_id,
        "poll": r.poll,
        "round": r.round,
        "status": r.status.value,
        "reason": r.reason,
        "signed_hash": r.signed_hash,
        "receipt_hash": r.receipt_hash,
        "seq": r.seq,
    }
    return {**wire, **change}


def test_receipts_round_trip() -> None:
    for body in (
        _receipt(),
        _receipt(status="duplicate"),
        _receipt(status="refused", reason="already_voted", receipt_hash="cd" * 32, seq=None),
        _receipt(status="refused", reason="bad_signature", receipt_hash=None, seq=None),
        _receipt(status="not_counted", reason="round_closed", receipt_hash=None, seq=None),
    ):
        assert BallotReceipt.parse(body).to_json() == body
    parsed = BallotReceipt.parse(
        _receipt(status="not_counted", reason="round_closed", receipt_hash=None, seq=None)
    )
    assert ReceiptStatus(parsed.status) is ReceiptStatus.NOT_COUNTED


@pytest.mark.parametrize(
    "body",
    [
        _receipt(status="lost"),
        _receipt(reason="stale_round"),
        _receipt(status="refused", seq=None),
        _receipt(status="refused", reason="Bad!", seq=None),
        _receipt(receipt_hash="cd" * 32),
        _receipt(seq=None),
        _receipt(status="not_counted", reason="round_closed", receipt_hash=None),
        _receipt(signed_hash="x"),
        _receipt(ballot_id=""),
        _receipt(round=0),
    ],
)
def test_malformed_receipts_are_refused(body: dict[str, Any]) -> None:
    with pytest.raises(ProtocolError):
        BallotReceipt.parse(body)


def _closed_room(kind: str) -> VoteRoom:
    room = VoteRoom(roster=council(6))
    room.checkin()
    room.create(kind=kind)
    room.open()
    for i, member in enumerate(sorted(room.round().entitlement.ballots)):
        room.vote(member, i % 2)
    room.close()
    return room


def _wire(room: VoteRoom) -> dict[str, Any]:
    """The bulletin as the authority sends it (signatures made up: not checked here)."""
    r = room.round()
    b = room.bulletin("p-1", r.number)
    assert r.result is not None and r.closed_seq is not None and r.closed_hash is not None
    poll = room.state.poll("p-1")
    assert poll is not None
    record = BulletinRecord(
        room.state.meeting_id,
        "p-1",
        r.number,
        poll.kind.value,
        r.open_hash,
        tuple(SignedNamedBallot(NamedBallotRecord(**x.fields()), SIG) for x in b.named),
        tuple(SecretBallotRecord(**x.fields()) for x in b.secret),
        tuple(
            SignedParticipation(ParticipationRecord(**x.fields()), SIG) for x in b.participations
        ),
        r.result.root,
        r.result.participation_root,
        LiveHead(r.closed_seq, r.closed_hash),
    )
    wire: dict[str, Any] = json.loads(json.dumps(record.to_json()))
    return wire


def _domain(record: BulletinRecord) -> Bulletin:
    return Bulletin(
        record.poll,
        record.round,
        tuple(NamedBallot(**s.ballot.fields()) for s in record.named),
        tuple(SecretBallot(**s.fields()) for s in record.secret),
        tuple(Participation(**s.participation.fields()) for s in record.participations),
    )


@pytest.mark.parametrize("kind", ["named", "secret"])
def test_a_bulletin_from_the_wire_recounts_to_the_published_result(kind: str) -> None:
    room = _closed_room(kind)
    parsed = BulletinRecord.parse(_wire(room))
    assert parsed.to_json() == _wire(room)
    poll = room.state.poll("p-1")
    assert poll is not None
    assert verify(poll, room.round(), _domain(parsed)) == room.round().result
    assert (parsed.close.seq, parsed.close.hash) == (
        room.round().closed_seq,
        room.round().closed_hash,
    )
    # The changed choice a hostile server would publish: the recount catches it.
    body = _wire(room)
    entry = body["named"][0]["ballot"] if kind == "named" else body["secret"][0]
    entry["choice"] = 1 - entry["choice"]
    with pytest.raises(TallyMismatch):
        verify(poll, room.round(), _domain(BulletinRecord.parse(body)))


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "open"},
        {"root": "0" * 63},
        {"close": {"seq": 1}},
        {"named": "all"},
        {"participation_root": "0" * 64},
        {"secret": [{"poll": "p-1", "round": 1, "choice": 0, "text": "", "receipt_hash": HASH}]},
        {"named": [{"ballot": {}, "signature": SIG}] * 1001},
    ],
)
def test_malformed_named_bulletins_are_refused(change: dict[str, Any]) -> None:
    with pytest.raises(ProtocolError):
        BulletinRecord.parse({**_wire(_closed_room("named")), **change})


def test_malformed_secret_bulletins_are_refused() -> None:
    body = _wire(_closed_room("secret"))
    for bad in (
        {**body, "participations": body["participations"][1:]},
        {**body, "participation_root": None},
        {**body, "named": [{"ballot": _named()["ballot"], "signature": SIG}]},
    ):
        with pytest.raises(ProtocolError):
            BulletinRecord.parse(bad)


def test_inclusion_proofs_round_trip_and_verify() -> None:
    room = _closed_room("named")
    leaves = room.bulletin("p-1", 1).leaves()
    result = room.round().result
    assert result is not None
    proof = InclusionProof(3, len(leaves), inclusion_proof(leaves, 3), result.root)
    parsed = InclusionProof.parse(json.loads(json.dumps(proof.to_json())))
    assert parsed == proof
    assert verify_inclusion(leaves[3], parsed.index, parsed.size, parsed.path, parsed.root)
    for bad in (
        {**proof.to_json(), "index": len(leaves)},
        {**proof.to_json(), "size": 0},
        {**proof.to_json(), "path": ["xy"]},
        {**proof.to_json(), "path": [HASH] * 65},
        {**proof.to_json(), "root": None},
    ):
        with pytest.raises(ProtocolError):
            InclusionProof.parse(bad)


def test_a_poll_command_carries_its_options_as_a_list() -> None:
    body = {
        "op_id": "op-1",
        "kind": "poll.create",
        "args": {
            "poll": "p-1",
            "item": "i",
            "title": "T",
            "kind": "named",
            "options": ["Tán thành", "Không tán thành"],
        },
    }
    assert LiveCommandRequest.parse(body).to_json() == body
    for bad in (["x"] * 17, [1, 2], [["nested"]]):
        with pytest.raises(ProtocolError):
            LiveCommandRequest.parse({**body, "args": {"options": bad}})
