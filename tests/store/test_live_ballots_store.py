"""My ballots in the encrypted cache (store/live.py, issue 15): a ballot and its
live outbox entry commit together or not at all, the authority's receipt is
stored once, the secret poll's secret stays out of every repr, and a queued
ballot counts as an unsent vote."""

from __future__ import annotations

import secrets
from typing import Any

import pytest
import sqlcipher3

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.unsent import count_unsent
from hanoi_desk.store.live import BALLOT_KIND, BallotState, CommandState, LiveStore
from helpers import FixedPrompt, raw_sql
from live_client_helpers import add_meeting

M = "hdnd-ky12"


@pytest.fixture
def live(session: Session) -> LiveStore:
    add_meeting(session.cache, M, [("u1", "Phạm Thu Dung", "delegate")])
    return LiveStore(session.cache)


def _queue(live: LiveStore, ballot_id: str, *, secret: bytes | None = None, **extra: Any) -> Any:
    fields: dict[str, Any] = {
        "meeting_id": M,
        "ballot_id": ballot_id,
        "poll": "p1",
        "round": 1,
        "kind": "named" if secret is None else "secret",
        "member": "u1",
        "choice": 0,
        "text": "",
        "request": {"kind": "named", "signature": "AAAA"},
        "signed_hash": "a" * 64,
        "receipt_hash": "a" * 64 if secret is None else "b" * 64,
        "secret": secret,
    }
    fields.update(extra)
    return live.queue_ballot(**fields)


def test_a_ballot_and_its_outbox_entry_commit_together(live: LiveStore) -> None:
    ballot = _queue(live, "b1")
    assert ballot.state is BallotState.QUEUED
    entry = live.command("b1")
    assert (entry.kind, entry.args, entry.state) == (BALLOT_KIND, {"poll": "p1", "round": 1},
                                                     CommandState.QUEUED)  # fmt: skip
    assert live.ballot_request("b1") == {"kind": "named", "signature": "AAAA"}
    assert live.ballot_request("not-a-ballot") is None
    # A ballot whose record cannot be written leaves no outbox entry behind: its
    # outbox row is inserted first, then the ballot's row fails (a kind the table
    # refuses), and the one transaction takes both back.
    with pytest.raises(sqlcipher3.IntegrityError):
        _queue(live, "b2", kind="bogus")
    db = raw_sql(live._cache)
    assert db.execute("SELECT count(*) FROM live_outbox").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM live_ballots").fetchone()[0] == 1


def test_the_receipt_is_stored_once_and_moves_the_outbox(live: LiveStore) -> None:
    _queue(live, "b1")
    live.mark_sending("b1")
    assert live.ballot("b1").state is BallotState.SENT
    counted = live.record_receipt("b1", status="counted", reason=None, receipt_hash="a" * 64, seq=7)
    assert (counted.state, counted.event_seq, counted.counted_receipt) == (
        BallotState.COUNTED, 7, "a" * 64,
    )  # fmt: skip
    assert live.command("b1").state is CommandState.APPLIED and live.command("b1").seqs == (7,)
    # A later answer to the same ballot id (a resend's duplicate, or a wrong one)
    # changes nothing: the first receipt stands.
    again = live.record_receipt(
        "b1", status="refused", reason="ballot_id_reused", receipt_hash=None, seq=None
    )
    assert again.state is BallotState.COUNTED and again.reason is None
    assert live.pending() == []


def test_not_counted_and_refused_keep_their_reason_and_an_audit_line(live: LiveStore) -> None:
    _queue(live, "late")
    late = live.record_receipt(
        "late", status="not_counted", reason="round_closed", receipt_hash=None, seq=None
    )
    assert (late.state, late.reason) == (BallotState.NOT_COUNTED, "round_closed")
    assert live.command("late").state is CommandState.REFUSED
    _queue(live, "http", member="u2")
    live.record_outcome("http", "refused", "http_403", ())
    refused = live.ballot("http")
    assert (refused.state, refused.reason) == (BallotState.REFUSED, "http_403")
    audit = (
        raw_sql(live._cache)
        .execute(
            "SELECT action, subject, detail FROM audit_log WHERE subject IN ('late', 'http') "
            "ORDER BY id"
        )
        .fetchall()
    )
    assert [tuple(a) for a in audit] == [
        ("ballot-not-counted", "late", "round_closed"),
        ("live-refused", "http", "http_403"),
    ]


def test_the_secret_stays_in_the_encrypted_file_and_out_of_reprs(
    desk: Desk, live: LiveStore
) -> None:
    secret = secrets.token_bytes(32)
    ballot = _queue(live, "s1", secret=secret)
    assert ballot.secret == secret
    assert secret.hex() not in repr(ballot) and repr(secret) not in repr(ballot)
    live._cache.close()
    with desk.open("alice", FixedPrompt(), "passphrase") as again:
        assert LiveStore(again.cache).ballot("s1").secret == secret  # survives a restart
        on_disk = b"".join(f.read_bytes() for f in again.profile.path.glob("cache.db*"))
        assert on_disk and secret not in on_disk  # only encrypted on disk (and the WAL)


def test_a_queued_ballot_is_an_unsent_vote(live: LiveStore, session: Session) -> None:
    _queue(live, "b1")
    live.enqueue(M, "attendance.checkin", {"state": "present"})
    unsent = count_unsent(session.cache)
    assert unsent.describe("en") == (
        "votes: 1, live meeting commands (check-ins, requests to speak): 1"
    )
    live.record_receipt("b1", status="counted", reason=None, receipt_hash="a" * 64, seq=3)
    assert count_unsent(session.cache).describe("en") == (
        "live meeting commands (check-ins, requests to speak): 1"
    )
