"""The close survives ``kill -9``, and ballots cross server processes (SQLite and
PostgreSQL; real ``hanoi-desk server`` child processes).

- killed between ``poll.closing`` and the close: the restarted process's
  closer closes the round once;
- killed during the close transaction (PostgreSQL: the test holds the round's
  row so the closer's transaction waits inside, after its events were
  written): nothing of it is kept, the restarted process closes once;
- two processes on one PostgreSQL: a ballot through one is counted once (its
  resend through the other is a duplicate) and its event reaches a subscriber
  of the other by NOTIFY.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from tests.server.api import Api, Session
from tests.server.ballots import Voter, make_signer, named, round_of, send
from tests.server.conftest import _clone
from tests.server.live import running_server_process
from tests.server.test_server_live import lives, next_heartbeat

from hanoi_desk.server import admin
from hanoi_desk.server.db import Database, sqlite_url
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.packs import agenda_item_id

ITEM = agenda_item_id(COUNCIL_ID, 4, "hdnd-dongda-ky12.4")
VOTERS = ("chutich", "demo", "daibieu")


@pytest.fixture
def store(
    request: pytest.FixtureRequest, tmp_path: Path, db_kind: str
) -> Iterator[tuple[Path, str | None]]:
    """A demo server's data (not started) with the voters' certificates registered."""
    data, url = _clone(request, db_kind, tmp_path / "srv")
    yield data, url


def _setup(data: Path, url: str | None) -> dict[str, object]:
    signers = {name: make_signer(name) for name in VOTERS}
    db = Database(url or sqlite_url(data))
    try:
        for name, signer in signers.items():
            admin.set_member_certificate(db, name, signer.cert_der)
    finally:
        db.dispose()
    return dict(signers)


def _open_vote(
    api: Api, signers: dict[str, object]
) -> tuple[Session, dict[str, Voter], str, int, str]:
    chair = api.login("chutich")
    voters = {}
    for name in VOTERS:
        s = chair if name == "chutich" else api.login(name)
        voters[name] = Voter(s, s.tokens.user.id, signers[name])  # type: ignore[arg-type]
    voters["demo"].session.live_command(COUNCIL_ID, "attendance.checkin", {"state": "present"})
    poll = uuid.uuid4().hex
    for kind, args in (("poll.create", {"poll": poll, "item": ITEM, "title": "Dự thảo Nghị quyết",
                                        "kind": "named"}),
                       ("poll.open", {"poll": poll, "round": 1})):  # fmt: skip
        assert chair.live_command(COUNCIL_ID, kind, args).status == "applied"
    number, anchor = round_of(chair, poll)
    for n, name in enumerate(VOTERS):
        v = voters[name]
        assert send(v, named(v, poll, number, anchor, n % 2)).status == "counted"
    return chair, voters, poll, number, anchor


def _closes(s: Session, poll: str) -> list[dict[str, object]]:
    return [dict(e.data) for e in s.live_page(COUNCIL_ID).events
            if e.kind == "poll.closed" and e.data["poll"] == poll]  # fmt: skip


def _wait_closed(url: str, poll: str, within: float = 30) -> list[dict[str, object]]:
    with Api(url) as api:
        s = api.login("thuky")
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            found = _closes(s, poll)
            if found:
                time.sleep(1.5)  # one more closer pass of every process: still one close
                return _closes(s, poll)
            time.sleep(0.1)
    raise AssertionError("the round was not closed")


def _kill(proc: subprocess.Popen[bytes]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)


def test_a_server_killed_between_closing_and_close_closes_once_after_restart(
    store: tuple[Path, str | None],
) -> None:
    data, url = store
    signers = _setup(data, url)
    with running_server_process(data, url, demo=False) as (base, proc), Api(base) as api:
        chair, _voters, poll, number, _anchor = _open_vote(api, signers)
        result = chair.live_command(COUNCIL_ID, "poll.closing",
                                    {"poll": poll, "round": number, "grace_ms": 3000})  # fmt: skip
        assert result.status == "applied"
        _kill(proc)  # well inside the 3 s grace period: this process never closes it
    with running_server_process(data, url, demo=False) as (base, _proc):
        closes = _wait_closed(base, poll)
    assert len(closes) == 1 and closes[0]["cast"] == 3


def test_a_server_killed_inside_the_close_transaction_leaves_nothing_and_closes_once(
    pg_demo: tuple[Path, str],
) -> None:
    data, url = pg_demo
    signers = _setup(data, url)
    engine = create_engine(url)
    try:
        with running_server_process(data, url, demo=False) as (base, proc), Api(base) as api:
            chair, _voters, poll, number, _anchor = _open_vote(api, signers)
            chair.live_command(COUNCIL_ID, "poll.closing",
                               {"poll": poll, "round": number, "grace_ms": 3000})  # fmt: skip
            with engine.connect() as held:
                # Hold the round's row (within the 3 s grace): the closer's transaction
                # then locks the meeting, counts, writes the close event, and waits here
                # to mark the round closed.
                held.execute(text("SELECT 1 FROM live_rounds WHERE poll_id = :p FOR UPDATE"),
                             {"p": poll})  # fmt: skip
                _wait_for_blocked_update(engine)
                _kill(proc)
                held.rollback()
        with engine.connect() as conn:  # the killed transaction kept nothing
            n = conn.execute(text("SELECT count(*) FROM live_events WHERE kind = 'poll.closed'"))
            assert n.scalar_one() == 0
        with running_server_process(data, url, demo=False) as (base, _proc):
            closes = _wait_closed(base, poll)
        assert len(closes) == 1 and closes[0]["cast"] == 3
    finally:
        engine.dispose()


def _wait_for_blocked_update(engine: object, within: float = 20) -> None:
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
        "AND query LIKE 'UPDATE live_rounds%'"
    )
    deadline = time.monotonic() + within
    with engine.connect() as conn:  # type: ignore[attr-defined]
        while time.monotonic() < deadline:
            if conn.execute(query).scalar_one() >= 1:
                return
            conn.rollback()
            time.sleep(0.05)
    raise AssertionError("the closer's transaction never reached the round's row")


def test_a_ballot_through_one_process_counts_once_and_reaches_the_other(
    pg_demo: tuple[Path, str],
) -> None:
    data, url = pg_demo
    signers = _setup(data, url)
    options = ("--live-heartbeat", "60")
    with (
        running_server_process(data, url, demo=False, options=options) as (one, _p1),
        running_server_process(data, url, demo=False, options=options) as (two, _p2),
        Api(one) as api_one,
        Api(two) as api_two,
    ):
        chair = api_one.login("chutich")
        poll = uuid.uuid4().hex
        for kind, args in (("poll.create", {"poll": poll, "item": ITEM, "title": "Nghị quyết",
                                            "kind": "named"}),
                           ("poll.open", {"poll": poll, "round": 1})):  # fmt: skip
            assert chair.live_command(COUNCIL_ID, kind, args).status == "applied"
        number, anchor = round_of(chair, poll)
        voter = Voter(chair, chair.tokens.user.id, signers["chutich"])  # type: ignore[arg-type]
        body = named(voter, poll, number, anchor, 0)
        reader = api_two.login("demo")
        head = reader.live_page(COUNCIL_ID).head
        with reader.live_stream(COUNCIL_ID, last_event_id=head.seq, timeout=10) as events:
            next_heartbeat(events)  # process 2 has the subscriber
            receipt = send(voter, body)  # through process 1
            assert receipt.status == "counted"
            got = lives(events, 1, within=8)  # a minute's heartbeat: only NOTIFY brings it
        assert (got[0].seq, got[0].kind) == (receipt.seq, "ballot.cast")
        chair_two = api_two.login("chutich")
        again = send(Voter(chair_two, voter.user_id, voter.signer), body)  # resent via process 2
        assert (again.status, again.seq) == ("duplicate", receipt.seq)
        casts = [e for e in reader.live_page(COUNCIL_ID).events if e.kind == "ballot.cast"]
        assert len(casts) == 1
