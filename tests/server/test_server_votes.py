"""Votes on the real server over HTTP, on SQLite and PostgreSQL
(docs/server-votes.md, docs/live-meetings.md "Votes", docs/protocol.md "Votes").

Ballots are signed here with throwaway EC keys and self-issued certificates
registered as the members' (tests/server/ballots.py); the token path is the
client's tests'. Every answer the authority gives is stored: a resend gets it again.
"""

from __future__ import annotations

import base64
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import inspect, select, text
from tests.server.api import Api, Session
from tests.server.ballots import (
    Voter,
    make_signer,
    named,
    register,
    round_of,
    secret,
    send,
)
from tests.server.live import LiveServer

from hanoi_desk.domain.live.ballots import NamedBallot, Participation, SecretBallot
from hanoi_desk.domain.live.state import LiveEvent, LiveState, fold
from hanoi_desk.domain.live.tally import Bulletin, TallyMismatch, verify, verify_inclusion
from hanoi_desk.protocol import live as pl
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.models import (
    LiveCommand,
    LivePresence,
    NamedBallotRow,
    ParticipationRow,
    SecretBallotRow,
)
from hanoi_desk.server.packs import agenda_item_id

ITEM = agenda_item_id(COUNCIL_ID, 2, "hdnd-dongda-ky12.2")
MEMBERS = ("chutich", "thuky", "demo", "daibieu", "daibieu3")
"""The members present (daibieu2 is excused in the demo log; demo checks in here)."""


@dataclass
class Room:
    srv: LiveServer
    api: Api
    chair: Session
    voters: dict[str, Voter]
    guest: Session

    def command(self, command: str, /, **args: object) -> pl.LiveCommandResult:
        result = self.chair.live_command(COUNCIL_ID, command, dict(args))
        assert result.status == "applied", result
        return result

    def poll(self, kind: str = "named") -> tuple[str, int, str]:
        poll = uuid.uuid4().hex
        self.command("poll.create", poll=poll, item=ITEM, title="Nghị quyết dự toán 2027",
                     kind=kind)  # fmt: skip
        self.command("poll.open", poll=poll, round=1)
        number, anchor = round_of(self.chair, poll)
        return poll, number, anchor

    def close(self, poll: str, number: int) -> pl.LiveEventWire:
        """Start the closing with no grace period; the authority's closer closes it."""
        self.command("poll.closing", poll=poll, round=number, grace_ms=0)
        return wait_closed(self.chair, poll, number)

    def state(self) -> LiveState:
        page = self.chair.live_page(COUNCIL_ID)
        return fold(COUNCIL_ID, [LiveEvent(**e.fields()) for e in page.events])

    def bulletin(self, poll: str, number: int) -> pl.BulletinRecord:
        r = self.chair.get(f"/v1/meetings/{COUNCIL_ID}/live/polls/{poll}/rounds/{number}/bulletin")
        assert r.status_code == 200, r.text
        return pl.BulletinRecord.parse(r.json())


def wait_closed(s: Session, poll: str, number: int, within: float = 20) -> pl.LiveEventWire:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        page = s.live_page(COUNCIL_ID)
        for e in page.events:
            if e.kind == "poll.closed" and (e.data["poll"], e.data["round"]) == (poll, number):
                return e
        time.sleep(0.05)
    raise AssertionError("the authority did not close the round")


@pytest.fixture
def room(live: LiveServer) -> Iterator[Room]:
    with Api(live.base_url) as api:
        chair = api.login("chutich")
        voters = {}
        for name in MEMBERS:
            s = chair if name == "chutich" else api.login(name)
            signer = make_signer(name)
            register(live.server.db, name, signer)
            voters[name] = Voter(s, s.tokens.user.id, signer)
        voters["demo"].session.live_command(COUNCIL_ID, "attendance.checkin", {"state": "present"})
        yield Room(live, api, chair, voters, api.login("khachmoi"))


def stored_outcomes(srv: LiveServer, user_id: str) -> dict[str, str]:
    with srv.server.db.read() as session:
        rows = session.scalars(
            select(LiveCommand).where(LiveCommand.user_id == user_id, LiveCommand.kind == "ballot")
        )
        return {r.op_id: r.outcome for r in rows}


# --- exactly once ----------------------------------------------------------------------------


def test_a_ballot_resent_with_its_id_is_counted_once(room: Room) -> None:
    poll, number, anchor = room.poll()
    demo = room.voters["demo"]
    body = named(demo, poll, number, anchor, 0)
    first = send(demo, body)
    assert first.status == "counted" and first.seq is not None
    assert first.receipt_hash == first.signed_hash == NamedBallot(**body["ballot"]).signed_hash
    for _ in range(3):  # the answer was lost: the client sends it again
        again = send(demo, body)
        assert again.status == "duplicate"
        assert (again.seq, again.receipt_hash) == (first.seq, first.receipt_hash)
    casts = [e for e in room.chair.live_page(COUNCIL_ID).events if e.kind == "ballot.cast"]
    assert [(e.data["member"], e.data["receipt"]) for e in casts] == [
        (demo.user_id, first.signed_hash)
    ]
    with room.srv.server.db.read() as session:
        assert session.scalars(select(NamedBallotRow.ballot_id)).all() == [
            body["ballot"]["ballot_id"]
        ]


def test_a_second_ballot_is_refused_with_the_counted_receipt(room: Room) -> None:
    poll, number, anchor = room.poll()
    demo = room.voters["demo"]
    counted = send(demo, named(demo, poll, number, anchor, 0))
    other = named(demo, poll, number, anchor, 1)
    refused = send(demo, other)
    assert (refused.status, refused.reason) == ("refused", "already_voted")
    assert refused.receipt_hash == counted.signed_hash  # the client recognises its own vote
    assert send(demo, other) == refused  # stored: the same answer again
    # Another ballot under a counted ballot's id: refused, the first stays.
    reused = named(demo, poll, number, anchor, 1, ballot_id=counted.ballot_id)
    assert send(demo, reused).reason == "ballot_id_reused"
    assert send(demo, named(demo, poll, number, anchor, 0, ballot_id=counted.ballot_id)) == (
        pl.BallotReceipt(
            counted.ballot_id,
            poll,
            number,
            "duplicate",
            None,
            counted.signed_hash,
            counted.signed_hash,
            counted.seq,
        )
    )


def test_each_refusal_is_stored_with_its_reason(room: Room) -> None:
    poll, number, anchor = room.poll()
    demo, daibieu, thuky = room.voters["demo"], room.voters["daibieu"], room.voters["thuky"]
    stranger = make_signer("someone else")
    forged = named(demo, poll, number, anchor, 0, signed_over=b"other bytes")
    wrong_cert = named(daibieu, poll, number, anchor, 0, signer=stranger)
    stale = named(thuky, poll, number, "ab" * 32, 0)
    cases = [(demo, forged, "bad_signature"), (daibieu, wrong_cert, "wrong_certificate"),
             (thuky, stale, "stale_round")]  # fmt: skip
    guest_id = room.guest.tokens.user.id
    guest = Voter(room.guest, guest_id, make_signer("khach"))
    register(room.srv.server.db, "khachmoi", guest.signer)
    cases.append((guest, named(guest, poll, number, anchor, 0), "forbidden"))
    # daibieu2 is excused (not present when the round opened) and has no certificate yet.
    with Api(room.srv.base_url) as api:
        s = api.login("daibieu2")
        absent = Voter(s, s.tokens.user.id, make_signer("daibieu2"))
        cases.append((absent, named(absent, poll, number, anchor, 0), "no_certificate"))
        cases.append((absent, named(absent, poll, number, anchor, 0), "not_entitled"))
        for voter, body, reason in cases:
            receipt = send(voter, body)
            assert (receipt.status, receipt.reason, receipt.seq) == ("refused", reason, None)
            assert send(voter, body) == receipt, reason  # stored: a resend, the same answer
            stored = stored_outcomes(room.srv, voter.user_id)
            assert reason in stored[body["ballot"]["ballot_id"]]
            if reason == "no_certificate":
                register(room.srv.server.db, "daibieu2", absent.signer)
    # None of them counted: the honest ballots still do.
    assert send(demo, named(demo, poll, number, anchor, 0)).status == "counted"
    assert send(daibieu, named(daibieu, poll, number, anchor, 1)).status == "counted"
    assert not [e for e in room.chair.live_page(COUNCIL_ID).events
                if e.kind == "ballot.cast" and e.data["member"] == guest_id]  # fmt: skip


def test_a_ballot_after_the_close_is_not_counted_for_good(room: Room) -> None:
    poll, number, anchor = room.poll()
    demo, daibieu = room.voters["demo"], room.voters["daibieu"]
    send(demo, named(demo, poll, number, anchor, 0))
    late = named(daibieu, poll, number, anchor, 0)  # queued offline, sent after the close
    closed = room.close(poll, number)
    assert closed.data["cast"] == 1
    receipt = send(daibieu, late)
    assert (receipt.status, receipt.reason) == ("not_counted", "round_closed")
    assert send(daibieu, late) == receipt
    assert room.bulletin(poll, number).named[0].ballot.member == demo.user_id


def test_a_ballot_on_a_closed_meeting_and_a_command_are_refused(room: Room) -> None:
    poll, number, anchor = room.poll()
    demo = room.voters["demo"]
    from hanoi_desk.server import admin

    admin.set_meeting_status(room.srv.server.db, COUNCIL_ID, "closed")
    receipt = send(demo, named(demo, poll, number, anchor, 0))
    assert (receipt.status, receipt.reason) == ("refused", "meeting_closed")
    result = room.chair.live_command(COUNCIL_ID, "poll.closing", {"poll": poll, "round": number})
    assert (result.status, result.reason) == ("refused", "meeting_closed")
    admin.set_meeting_status(room.srv.server.db, COUNCIL_ID, "open")
    assert send(demo, named(demo, poll, number, anchor, 0)).status == "counted"


# --- the close, the bulletin and the proofs --------------------------------------------------


def _check_signature(room: Room, bulletin: pl.BulletinRecord) -> None:
    r = room.chair.get(f"/v1/meetings/{COUNCIL_ID}/live/authority")
    assert r.status_code == 200, r.text
    key = pl.AuthorityKeyRecord.parse(r.json())
    assert bulletin.signature is not None and bulletin.signature.key_id == key.key_id
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(key.public_key))
    public.verify(base64.b64decode(bulletin.signature.signature),
                  pl.close_signed_bytes(bulletin.close.hash))  # fmt: skip


def test_a_named_bulletin_recounts_to_the_signed_close_and_every_proof_holds(room: Room) -> None:
    poll, number, anchor = room.poll()
    choices = {"chutich": 0, "thuky": 0, "demo": 0, "daibieu": 2, "daibieu3": 1}
    receipts = {}
    for name, choice in choices.items():
        voter = room.voters[name]
        text = "Đề nghị bổ sung kinh phí cho trường học" if choice == 2 else ""
        receipts[name] = send(voter, named(voter, poll, number, anchor, choice, text=text))
    closed = room.close(poll, number)
    # Four of the council's six members: more than half of all members (the base).
    assert closed.data["counts"] == [3, 1, 1] and closed.data["passed"] is False
    bulletin = room.bulletin(poll, number)
    assert (bulletin.close.seq, bulletin.close.hash) == (closed.seq, closed.hash)
    _check_signature(room, bulletin)
    state = room.state()
    p_, r_ = state.poll(poll), state.poll(poll).round(number)  # type: ignore[union-attr]
    assert p_ is not None and r_ is not None
    mine = Bulletin(poll, number, named=tuple(NamedBallot(**b.ballot.fields())
                                              for b in bulletin.named))  # fmt: skip
    assert verify(p_, r_, mine) == r_.result
    leaves = mine.leaves()
    for receipt in receipts.values():
        r = room.chair.get(f"/v1/meetings/{COUNCIL_ID}/live/polls/{poll}/rounds/{number}/proof",
                           params={"receipt": receipt.signed_hash})  # fmt: skip
        proof = pl.InclusionProof.parse(r.json())
        assert proof.root == bulletin.root
        assert mine.named[proof.index].signed_hash == receipt.signed_hash  # my ballot's leaf
        assert verify_inclusion(leaves[proof.index], proof.index, proof.size, proof.path,
                                proof.root)  # fmt: skip
    # A changed choice in the bulletin fails the recount.
    changed = list(mine.named)
    changed[0] = NamedBallot(
        **{**changed[0].fields(), "choice": 1 if changed[0].choice == 0 else 0}
    )
    with pytest.raises(TallyMismatch):
        verify(p_, r_, Bulletin(poll, number, named=tuple(changed)))


def test_a_secret_round_stores_nothing_that_links_member_and_choice(room: Room) -> None:
    poll, number, anchor = room.poll("secret")
    receipts = {}
    for n, name in enumerate(MEMBERS):
        voter = room.voters[name]
        body, receipts[name] = secret(voter, poll, number, anchor, n % 2)
        answer = send(voter, body)
        assert answer.status == "counted"
        assert send(voter, body).status == "duplicate"
    closed = room.close(poll, number)
    assert closed.data["counts"] == [3, 2, 0]
    db = room.srv.server.db
    with db.read() as session:
        columns = {c["name"] for c in inspect(session.get_bind()).get_columns(
            "live_secret_ballots")}  # fmt: skip
        assert columns == {"id", "meeting_id", "poll_id", "round", "choice", "text",
                           "receipt_hash"}  # fmt: skip
        parts = session.scalars(select(ParticipationRow)).all()
        ballots = session.scalars(select(SecretBallotRow)).all()
        assert len(parts) == len(ballots) == len(MEMBERS)
        part_values = {v for r in parts for v in (r.member, r.sender, r.ballot_id,
                                                  r.signed_hash, str(r.seq))}  # fmt: skip
        for b in ballots:
            assert not {b.id, b.receipt_hash} & part_values
        # The stored receipts (under the voter and ballot id) name the participation only.
        outcomes = [o for r in parts for o in stored_outcomes(room.srv, r.sender).values()]
        assert not [o for o in outcomes for b in ballots if b.receipt_hash in o]
        if db.is_sqlite:
            # No rowid numbering the secret ballots in the order they arrived.
            with pytest.raises(Exception, match="rowid"):
                session.execute(text("SELECT rowid FROM live_secret_ballots"))
    bulletin = room.bulletin(poll, number)
    assert len(bulletin.secret) == len(bulletin.participations) == len(MEMBERS)
    _check_signature(room, bulletin)
    state = room.state()
    p_ = state.poll(poll)
    assert p_ is not None
    r_ = p_.round(number)
    assert r_ is not None
    mine = Bulletin(
        poll, number,
        secret=tuple(SecretBallot(**b.fields()) for b in bulletin.secret),
        participations=tuple(Participation(**x.participation.fields())
                             for x in bulletin.participations),
    )  # fmt: skip
    assert verify(p_, r_, mine) == r_.result
    leaves = mine.leaves()
    for receipt in receipts.values():  # each voter finds their ballot by their secret's hash
        r = room.chair.get(f"/v1/meetings/{COUNCIL_ID}/live/polls/{poll}/rounds/{number}/proof",
                           params={"receipt": receipt})  # fmt: skip
        proof = pl.InclusionProof.parse(r.json())
        assert mine.secret[proof.index].receipt_hash == receipt  # my ballot's leaf
        assert verify_inclusion(leaves[proof.index], proof.index, proof.size, proof.path,
                                proof.root)  # fmt: skip
    changed = list(mine.secret)
    changed[0] = SecretBallot(**{**changed[0].fields(), "choice": 2})
    with pytest.raises(TallyMismatch):
        verify(p_, r_, Bulletin(poll, number, secret=tuple(changed),
                                participations=mine.participations))  # fmt: skip


def test_the_bulletin_waits_for_the_close_and_outsiders_see_nothing(room: Room) -> None:
    poll, number, _anchor = room.poll()
    path = f"/v1/meetings/{COUNCIL_ID}/live/polls/{poll}/rounds/{number}/bulletin"
    assert room.chair.get(path).status_code == 404  # open: no bulletin yet
    room.close(poll, number)
    assert room.guest.get(path).status_code == 200  # a guest reads the published bulletin
    outsider = room.api.login("khach")  # not in the council session
    assert outsider.get(path).status_code == 404
    assert outsider.get(f"/v1/meetings/{COUNCIL_ID}/live/authority").status_code == 404


def test_the_chair_sees_who_has_not_voted_and_whose_laptop_is_silent(room: Room) -> None:
    poll, number, anchor = room.poll()
    demo = room.voters["demo"]
    send(demo, named(demo, poll, number, anchor, 0))
    ids = {name: v.user_id for name, v in room.voters.items()}
    for name in ("thuky", "daibieu"):
        room.voters[name].session.live_page(COUNCIL_ID)  # their laptops follow the meeting
    with room.srv.server.db.write() as session:  # daibieu3's laptop last spoke 20 s ago
        session.merge(LivePresence(meeting_id=COUNCIL_ID, user_id=ids["daibieu3"],
                                   last_seen=int(time.time() * 1000) - 20_000))  # fmt: skip
    watch = room.chair.live_page(COUNCIL_ID).watch
    assert watch is not None and (watch.poll, watch.round) == (poll, number)
    assert set(watch.not_voted) == {ids[n] for n in MEMBERS if n != "demo"}
    # The chair's page just spoke for the chair; daibieu3's laptop is silent.
    assert watch.silent == (ids["daibieu3"],)
    assert room.voters["daibieu"].session.live_page(COUNCIL_ID).watch is None  # delegates: no
    assert room.guest.live_page(COUNCIL_ID).watch is None
