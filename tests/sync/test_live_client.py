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
import time
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
from hanoi_desk.sync.backoff import Backoff
from hanoi_desk.sync.engine import SyncReport
from hanoi_desk.sync.live import wall_ms
from helpers import FixedPrompt
from live_client_helpers import chained

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


def new_delegate(srv: LiveServer, username: str) -> str:
    admin.add_user(srv.server.db, username, DEMO_PASSWORD, f"Đại biểu {username}", cheap_hash=True)
    admin.set_participant(srv.server.db, M, username, "delegate")
    return username


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


# -- the chair's list version ---------------------------------------------------------------------


def test_two_next_clicks_from_two_laptops_apply_once(srv: LiveServer, desk: Desk) -> None:
    chair = sign_in(desk, srv.base_url, "chutich", "chair-laptop")
    secretary = sign_in(desk, srv.base_url, "thuky", "secretary-laptop")
    delegate = sign_in(desk, srv.base_url, new_delegate(srv, "next1"))
    asked = use(desk, delegate, lambda s: s.speak(M))
    request = asked.view.speakers[-1].request_id
    use(desk, chair, lambda s: s.speakers(M, "approve", request))
    seen = [use(desk, p, lambda s: s.status(M).list_version) for p in (chair, secretary)]
    assert seen[0] == seen[1]
    # Both clicked on the list they showed (queued here: had one laptop caught up
    # with the other's click first, its own rules would refuse it before sending).
    ops = {
        p: use(desk, p, lambda s: s.speakers(M, "next", list_version=seen[0]), offline=True)
        for p in (chair, secretary)
    }
    assert {str(o.command.state) for o in ops.values()} == {"queued"}
    start = threading.Barrier(2)
    outcomes: dict[str, Any] = {}

    def click(profile: str) -> None:
        for svc in service(desk, profile):
            start.wait()
            svc.status(M)  # sends what is queued
            outcomes[profile] = svc.store.command(ops[profile].command.op_id)

    threads = [threading.Thread(target=click, args=(p,)) for p in (chair, secretary)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    states = sorted(str(c.state) for c in outcomes.values())
    assert states == ["applied", "refused"]
    refused = next(c for c in outcomes.values() if c.state is CommandState.REFUSED)
    assert refused.reason == "stale"
    truth = server_state(srv)
    assert truth.list_version == seen[0] + len(next(
        c for c in outcomes.values() if c.state is CommandState.APPLIED
    ).seqs)  # fmt: skip


# -- the stream -----------------------------------------------------------------------------------


def test_a_dropped_subscriber_replays_what_it_missed(srv: LiveServer, desk: Desk) -> None:
    writer = sign_in(desk, srv.base_url, "thuky", "writer")
    blocked = threading.Event()

    def plan(_n: int) -> Fault:
        return Fault(up_after=1) if blocked.is_set() else Fault()

    with FaultProxy(int(srv.base_url.rsplit(":", 1)[1]), plan) as proxy:
        follower = sign_in(desk, proxy.url, "daibieu", "follower")
        target: dict[str, int] = {}
        result: dict[str, Any] = {}

        def follow() -> None:
            slow = Backoff(base=0.2, cap=0.4, attempts=30)
            for svc in service(desk, follower, backoff=slow):
                store = svc.store

                def caught_up(store: LiveStore = store) -> bool:
                    return "seq" in target and store.head(M).seq >= target["seq"]

                result["report"] = svc.follow(M, until=caught_up)
                result["state"] = store.meeting(M).state

        thread = threading.Thread(target=follow)
        thread.start()
        time.sleep(1.0)  # the stream is open and has had its heartbeats
        assert proxy.stats.connections >= 1
        blocked.set()
        proxy.cut_all()  # the Wi-Fi drops: the stream is gone and cannot come back yet
        use(desk, writer, lambda s: s.set_attendance(M, "Phạm Thu Dung", "left"))
        use(desk, writer, lambda s: s.set_attendance(M, "pham thu dung", "present"))
        target["seq"] = server_state(srv).head_seq
        time.sleep(0.5)
        blocked.clear()
        thread.join(30)
        assert not thread.is_alive()
    report = result["report"]
    assert report.reconnects >= 1
    assert report.received >= 2  # the two events written while it was away
    assert to_json(result["state"]) == to_json(server_state(srv))


def test_a_heartbeat_ahead_of_our_head_fills_the_gap(srv: LiveServer, desk: Desk) -> None:
    """The stream's events are lost on the way (renamed by the path, so the
    client skips them as a kind it does not know) but its heartbeats arrive:
    a heartbeat's head ahead of ours makes the client catch up by pages."""

    def lose_events(data: bytes) -> bytes:
        return data.replace(b"event: live", b"event: lost")

    gappy = new_delegate(srv, "gappy")
    writer = sign_in(desk, srv.base_url, "thuky", "gap-writer")  # it knows gappy
    port = int(srv.base_url.rsplit(":", 1)[1])
    with FaultProxy(port, lambda _n: Fault(rewrite=lose_events)) as proxy:
        follower = sign_in(desk, proxy.url, gappy)
        result: dict[str, Any] = {}
        opened = threading.Event()

        def follow() -> None:
            for svc in service(desk, follower):
                store = svc.store

                def in_step(store: LiveStore = store) -> bool:
                    opened.set()
                    return "seq" in result and store.head(M).seq >= result["seq"]

                result["report"] = svc.follow(M, until=in_step)
                result["state"] = store.meeting(M).state

        thread = threading.Thread(target=follow)
        thread.start()
        assert opened.wait(20)
        use(desk, writer, lambda s: s.set_attendance(M, "Đại biểu gappy", "present"))
        use(desk, writer, lambda s: s.set_attendance(M, "Đại biểu gappy", "left"))
        result["seq"] = server_state(srv).head_seq
        thread.join(30)
        assert not thread.is_alive()
    assert result["report"].received >= 2
    assert to_json(result["state"]) == to_json(server_state(srv))


def test_a_forged_event_is_refused_and_nothing_is_stored(srv: LiveServer, desk: Desk) -> None:
    """A forger on the path turns a check-in into an excused absence in the
    bytes the server sent: the event's hash no longer chains, the page is refused."""
    writer = sign_in(desk, srv.base_url, "demo", "forged-writer")
    use(desk, writer, lambda s: s.absent(M, "Họp tổ đại biểu"))
    use(desk, writer, lambda s: s.checkin(M))  # the newest event: demo present

    def forge(data: bytes) -> bytes:
        return data.replace(b'"state":"present"', b'"state":"excused"')

    with FaultProxy(int(srv.base_url.rsplit(":", 1)[1]), lambda _n: Fault(rewrite=forge)) as proxy:
        reader = sign_in(desk, proxy.url, "daibieu", "forged-reader")
        view = use(desk, reader, lambda s: s.status(M), backoff=fast_backoff(attempts=2))
    assert not view.online and not view.offline_only
    assert "does not add up" in view.problem
    assert view.head_seq == 0
    with desk.open(reader, FixedPrompt(), "passphrase") as session:
        assert LiveStore(session.cache).events(M) == []
    # The same reader through the honest link gets the whole log.
    assert use(desk, writer, lambda s: s.status(M)).head_seq == server_state(srv).head_seq


def test_a_log_that_parted_from_the_servers_is_replayed_from_the_last_agreed_event(
    srv: LiveServer, desk: Desk
) -> None:
    """This computer holds an event the authority never wrote (the server was
    restored from a backup, say): when the authority's own event with that
    number arrives on the stream, the client finds the last event both logs
    share, drops its own after it, and replays the authority's."""
    follower = sign_in(desk, srv.base_url, new_delegate(srv, "forked"))
    writer = sign_in(desk, srv.base_url, "thuky", "fork-writer")
    result: dict[str, Any] = {}
    opened = threading.Event()

    def follow() -> None:
        for svc in service(desk, follower):
            store = svc.store

            def in_step(store: LiveStore = store) -> bool:
                held, truth = store.head(M), server_state(srv)
                same = (held.seq, held.hash) == (truth.head_seq, truth.head_hash)
                if same:
                    opened.set()  # caught up: the test may now part the logs
                return "go" in result and same

            result["report"] = svc.follow(M, until=in_step)
            result["state"] = store.meeting(M).state

    thread = threading.Thread(target=follow)
    thread.start()
    assert opened.wait(20)
    agreed = server_state(srv)
    with desk.open(follower, FixedPrompt(), "passphrase") as session:  # a second connection
        own = LiveStore(session.cache)
        body = {"user": "someone", "state": "present", "reason": ""}
        own.append(M, chained(M, [("attendance", "someone", body)],
                              after=(agreed.head_seq, agreed.head_hash)))  # fmt: skip
    use(desk, writer, lambda s: s.set_attendance(M, "Đại biểu forked", "present"))
    result["go"] = True
    thread.join(30)
    assert not thread.is_alive()
    assert result["report"].rewound >= 1
    assert to_json(result["state"]) == to_json(server_state(srv))
    with desk.open(follower, FixedPrompt(), "passphrase") as session:
        audit = [e for e in session.cache.audit_entries() if e.action == "live-rewind"]
    assert [(e.subject, e.detail) for e in audit] == [(M, f"after {agreed.head_seq}")]


# -- clocks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("skew_minutes", [-5, 5])
def test_speaking_time_agrees_within_a_second_under_a_skewed_clock(
    srv: LiveServer, desk: Desk, skew_minutes: int
) -> None:
    chair = sign_in(desk, srv.base_url, "chutich", f"chair-clock{skew_minutes}")
    viewer = sign_in(desk, srv.base_url, new_delegate(srv, f"clock{skew_minutes + 5}"))
    skew = skew_minutes * 60_000

    def skewed() -> int:
        return wall_ms() + skew

    asked = use(desk, viewer, lambda s: s.speak(M), clock=skewed)
    request = asked.view.speakers[-1].request_id
    use(desk, chair, lambda s: s.speakers(M, "call", request))
    time.sleep(1.5)
    # Offsets from a page (round trip) and from the stream's heartbeats.
    view = use(desk, viewer, lambda s: s.status(M), clock=skewed)
    truth_state = server_state(srv)
    speaking = truth_state.current
    assert speaking is not None and speaking.id == request
    truth = speaking.spoken_ms + (wall_ms() - (speaking.started_at or 0))
    assert view.current is not None and view.current.request_id == request
    assert abs(view.current.elapsed_ms - truth) < 1000
    assert view.clock_offset_ms is not None and abs(view.clock_offset_ms + skew) < 1000

    beats: dict[str, Any] = {}
    contacts: list[float] = []
    started = time.monotonic()
    for svc in service(desk, viewer, clock=skewed):
        svc.follow(
            M,
            until=lambda: time.monotonic() - started > 3 * HEARTBEAT,
            on_contact=lambda: contacts.append(time.monotonic()),
        )
        beats["elapsed"] = svc._view(M, True, "", False).current
        beats["truth"] = speaking.spoken_ms + (wall_ms() - (speaking.started_at or 0))
    assert abs(beats["elapsed"].elapsed_ms - beats["truth"]) < 1000
    # Every heartbeat told the follower the room is in reach (the desktop's "online").
    assert len(contacts) >= 2
    use(desk, chair, lambda s: s.speakers(M, "stop"))
