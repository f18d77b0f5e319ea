"""The live meeting client against the real server on 127.0.0.1 (issue 14).

Real SQLCipher profiles, the real reference server (SQLite, and PostgreSQL for
the load test), and the fault proxy of tests/sync/sync_proxy.py between them:
it drops answers after the server committed, resets connections, delays, and
(for one test) rewrites the bytes the server sent, as a forger on the path
would. Nothing here is mocked; a client's clock is injected where the test is
about clocks.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import fast_backoff, make_engine
from sync_proxy import Fault, FaultProxy
from tests.server.live import DEMO_PASSWORD, LiveServer, running_server

from hanoi_desk.app.live import LiveOptions, LiveService
from hanoi_desk.app.session import Desk
from hanoi_desk.domain.live.state import LiveState, fold, to_json
from hanoi_desk.server import admin
from hanoi_desk.server import live as server_live
from hanoi_desk.store.live import CommandState, LiveStore
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.engine import SyncReport
from helpers import FixedPrompt

M = "hdnd-dongda-ky12"
"""The demo's People's Council session: chutich chairs, thuky is secretary."""
HEARTBEAT = 0.3
CLIENTS = 30


def server_state(srv: LiveServer) -> LiveState:
    """The authority's own log, folded by the same domain code."""
    with srv.server.db.read() as s:
        events = server_live.events_after(s, M, 0, 1_000_000)
    return fold(M, events)


def server_events(srv: LiveServer) -> list[Any]:
    with srv.server.db.read() as s:
        return server_live.events_after(s, M, 0, 1_000_000)


def sign_in(desk: Desk, url: str, username: str, profile: str | None = None) -> str:
    """A profile that signed in as ``username`` and pulled the meeting list."""
    name = profile or username
    desk.create(name, FixedPrompt())
    with desk.open(name, FixedPrompt(), "passphrase") as session:
        conn, engine = make_engine(
            url, Replica(session.cache), username=username, password=lambda: DEMO_PASSWORD
        )
        try:
            conn.ensure_account()
            engine.pull(SyncReport())
        finally:
            conn.close()
    return name


def service(desk: Desk, profile: str, **options: Any) -> Iterator[LiveService]:
    options.setdefault("backoff", fast_backoff(attempts=10))
    options.setdefault("run_timeout", 30.0)
    with (
        desk.open(profile, FixedPrompt(), "passphrase") as session,
        LiveService(session, LiveOptions(**options)) as svc,
    ):
        yield svc


def use(desk: Desk, profile: str, act: Callable[[LiveService], Any], **options: Any) -> Any:
    for svc in service(desk, profile, **options):
        return act(svc)
    raise AssertionError("unreachable")


def local_state(desk: Desk, profile: str) -> LiveState:
    with desk.open(profile, FixedPrompt(), "passphrase") as session:
        return LiveStore(session.cache).meeting(M).state


@pytest.fixture(scope="module")
def srv(live: LiveServer) -> LiveServer:
    live.server.live.heartbeat = HEARTBEAT  # short beats: the stream tests end sooner
    return live


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_srv(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveServer]:
    """A demo server of its own on each database kind."""
    url = None
    if request.param == "postgresql":
        from tests.server.pg import PostgresCluster, unavailable_reason

        reason = unavailable_reason()
        if reason is not None:
            pytest.fail(f"the PostgreSQL half of the live tests cannot run: {reason}")
        cluster = PostgresCluster().start()
        request.addfinalizer(cluster.stop)
        url = cluster.new_database()
    with running_server(tmp_path / "srv", url) as server:
        server.server.live.heartbeat = HEARTBEAT
        yield server


# -- exactly once through a hostile link ----------------------------------------------------------


def test_thirty_clients_check_in_and_ask_to_speak_exactly_once_through_a_faulty_link(
    fresh_srv: LiveServer, desk: Desk
) -> None:
    srv = fresh_srv
    rng = random.Random(14)
    faulty = threading.Event()

    def plan(_n: int) -> Fault:
        if not faulty.is_set():
            return Fault()
        roll = rng.random()
        if roll < 0.25:  # a command's answer is lost after the server committed it
            return Fault(drop_answer_to=b"/live/commands")
        if roll < 0.45:  # a link reset or a truncation anywhere (an answer, a page)
            return Fault(down_after=rng.randint(1, 12_000), reset=rng.random() < 0.7)
        if roll < 0.55:  # the request is cut on its way up
            return Fault(up_after=rng.randint(1, 2_000))
        return Fault(delay=rng.choice([0.0, 0.002, 0.01]))

    users = [f"dbtest{i:02d}" for i in range(CLIENTS)]
    for user in users:
        admin.add_user(srv.server.db, user, DEMO_PASSWORD, f"Đại biểu {user}", cheap_hash=True)
        admin.set_participant(srv.server.db, M, user, "delegate")
    with FaultProxy(int(srv.base_url.rsplit(":", 1)[1]), plan, seed=14) as proxy:
        for user in users:
            sign_in(desk, proxy.url, user)
        faulty.set()
        answers: dict[str, list[Any]] = {}
        duplicates: list[int] = []
        errors: list[BaseException] = []

        def client(user: str) -> None:
            try:
                for svc in service(desk, user, backoff=fast_backoff(attempts=12, seed=len(user))):
                    outcomes = [svc.checkin(M), svc.speak(M)]
                    # Whatever a run left queued or unanswered goes at the next call.
                    for _ in range(20):
                        if not svc.store.pending():
                            break
                        svc.status(M)
                    answers[user] = [svc.store.command(o.command.op_id) for o in outcomes]
                    duplicates.append(svc.totals.duplicates)
            except BaseException as exc:  # reported below, not lost in a thread
                errors.append(exc)

        threads = [threading.Thread(target=client, args=(u,)) for u in users]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert not errors, errors[:3]
        cuts = proxy.stats.cuts
        faulty.clear()
        # One clean catch-up each, then every client holds the server's state.
        truth = to_json(server_state(srv))
        for user in users:
            assert to_json(use(desk, user, lambda s: s.status(M).state)) == truth
    assert cuts >= CLIENTS  # the link really was hostile
    assert sum(duplicates) > 0  # some answers were lost after the server had committed
    events = server_events(srv)
    ids = {}
    with srv.server.db.read() as s:
        for user in users:
            ids[user] = admin.user_by_name(s, user).id
    for user in users:
        checkins = [e for e in events if e.kind == "attendance" and e.data["user"] == ids[user]]
        requests = [e for e in events if e.kind == "speaker.requested" and e.actor == ids[user]]
        assert len(checkins) == 1 and len(requests) == 1, user
        checkin, request = answers[user]
        assert checkin.state is CommandState.APPLIED and request.state is CommandState.APPLIED
        assert checkin.seqs == (checkins[0].seq,) and request.seqs == (requests[0].seq,)
