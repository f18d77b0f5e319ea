"""Live meetings on the real server over HTTP, on SQLite and PostgreSQL
(docs/live-meetings.md, docs/protocol.md "Live meetings").

Commands are applied once under retries with the same op_id; two chair
commands made against one list version apply once; the SSE stream replays what
a dropped subscriber missed, its heartbeats carry the head; on PostgreSQL an
event committed through one server process reaches a subscriber of another;
hostile command bodies are 400s. The demo council already has a live log
(server/demo.py), so every test starts from a head above 0.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from tests.server.api import Api, ServerEvent, Session, server_events
from tests.server.live import LiveServer, running_server_process

from hanoi_desk import protocol as p
from hanoi_desk.domain.live.chain import verify_chain
from hanoi_desk.domain.live.rules import Command
from hanoi_desk.domain.live.state import LiveEvent, LiveState, fold
from hanoi_desk.protocol import live as pl
from hanoi_desk.server import admin
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.live import Authority

CHECKIN = "attendance.checkin"
SET = "attendance.set"


def state_of(s: Session) -> LiveState:
    """The meeting's state folded from its whole log, as a client would (chain checked)."""
    page = s.live_page(COUNCIL_ID)
    assert len(page.events) == page.head.seq  # the demo log fits one page
    return fold(COUNCIL_ID, [LiveEvent(**e.fields()) for e in page.events])


def lives(events: Iterator[ServerEvent], count: int, within: float = 10) -> list[pl.LiveEventWire]:
    """The next ``count`` live events of a stream, heartbeats skipped; they must come
    within ``within`` seconds (heartbeats keep the stream busy, so no read times out)."""
    got: list[pl.LiveEventWire] = []
    deadline = time.monotonic() + within
    for event in events:
        if event.event == pl.SSE_LIVE:
            got.append(event.live())
            if len(got) == count:
                return got
        assert time.monotonic() < deadline, f"{len(got)} of {count} events came in {within} s"
    raise AssertionError(f"the stream ended after {len(got)} of {count} events")


def next_heartbeat(events: Iterator[ServerEvent]) -> pl.Heartbeat:
    for event in events:
        assert event.event != pl.SSE_LIVE, f"an event nobody expected: {event.data}"
        if event.event == pl.SSE_HEARTBEAT:
            return event.heartbeat()
    raise AssertionError("the stream ended")


def toggle(chair: Session, user_id: str, n: int) -> int:
    """One attendance event set by the chair (left / present by turns); its seq."""
    state = "left" if n % 2 == 0 else "present"
    result = chair.live_command(COUNCIL_ID, SET, {"user": user_id, "state": state})
    assert result.status == p.APPLIED and len(result.seqs) == 1, result
    return result.seqs[0]


# --- exactly once ---------------------------------------------------------------------------


def test_a_command_retried_with_its_op_id_is_applied_once(live_fast: LiveServer) -> None:
    with Api(live_fast.base_url) as api:
        demo, laptop = api.login("demo"), api.login("demo")
        head = demo.live_page(COUNCIL_ID).head.seq
        op_id = uuid.uuid4().hex
        first = demo.live_command(COUNCIL_ID, CHECKIN, {"state": "present"}, op_id)
        assert (first.status, first.seqs) == (p.APPLIED, (head + 1,))
        # The answer was lost: the same command again, from both of the user's devices at once.
        with ThreadPoolExecutor(4) as pool:
            again = list(pool.map(
                lambda s: s.live_command(COUNCIL_ID, CHECKIN, {"state": "present"}, op_id),
                [demo, laptop, demo, laptop],
            ))  # fmt: skip
        assert {(a.status, a.seqs) for a in again} == {(p.DUPLICATE, first.seqs)}

        # A first send racing its own retry: one applies, the others get its outcome.
        op_id = uuid.uuid4().hex
        barrier = threading.Barrier(4)

        def racing(s: Session) -> pl.LiveCommandResult:
            barrier.wait()
            return s.live_command(COUNCIL_ID, CHECKIN, {"state": "left"}, op_id)

        with ThreadPoolExecutor(4) as pool:
            raced = list(pool.map(racing, [demo, laptop, demo, laptop]))
        assert sorted(r.status for r in raced) == [p.APPLIED] + [p.DUPLICATE] * 3
        assert {r.seqs for r in raced} == {(head + 2,)}

        page = demo.live_page(COUNCIL_ID, after=head)
        assert [(e.seq, e.kind, e.data["state"]) for e in page.events] == [
            (head + 1, "attendance", "present"), (head + 2, "attendance", "left"),
        ]  # fmt: skip
        assert page.head.seq == head + 2

        # A new op_id asking for the state already there: applied, nothing appended.
        same = demo.live_command(COUNCIL_ID, CHECKIN, {"state": "left"})
        assert (same.status, same.seqs) == (p.APPLIED, ())
        # A refusal is stored as well: its retry is refused alike, even once it would pass.
        guest = api.login("khachmoi")
        op_id = uuid.uuid4().hex
        refused = guest.live_command(COUNCIL_ID, CHECKIN, {"state": "present"}, op_id)
        assert (refused.status, refused.reason) == (pl.REFUSED, "forbidden")
        admin.set_participant(live_fast.server.db, COUNCIL_ID, "khachmoi", "delegate")
        retried = guest.live_command(COUNCIL_ID, CHECKIN, {"state": "present"}, op_id)
        assert (retried.status, retried.reason, retried.seqs) == (p.DUPLICATE, "forbidden", ())
        assert demo.live_page(COUNCIL_ID).head.seq == head + 2


def test_two_next_clicks_from_two_laptops_apply_once(live_fast: LiveServer) -> None:
    """The chair and the secretary both press “next” on the list they see: one
    applies, the other is refused as stale, round after round."""
    with Api(live_fast.base_url) as one, Api(live_fast.base_url) as two:
        chair, secretary = one.login("chutich"), two.login("thuky")
        # Each round a delegate raises a hand; “next” gives the floor to the first approved.
        delegates = [one.login(name) for name in ("daibieu3", "daibieu", "demo")]
        for round_ in range(6):
            request_id = f"r{round_}-{uuid.uuid4().hex[:8]}"
            asked = delegates[round_ % 3].live_command(
                COUNCIL_ID, "speakers.request", {"request_id": request_id, "type": "speak"}
            )
            assert asked.status == p.APPLIED, asked
            version = state_of(chair).list_version
            approve = {"request_id": request_id, "list_version": version}
            assert chair.live_command(COUNCIL_ID, "speakers.approve", approve).status == p.APPLIED
            version = state_of(secretary).list_version
            barrier = threading.Barrier(2)

            def click(
                s: Session, v: int = version, b: threading.Barrier = barrier
            ) -> pl.LiveCommandResult:
                b.wait()
                return s.live_command(COUNCIL_ID, "speakers.next", {"list_version": v})

            with ThreadPoolExecutor(2) as pool:
                outcomes = list(pool.map(click, [chair, secretary]))
            assert sorted((o.status, o.reason) for o in outcomes) == [
                (p.APPLIED, None), (pl.REFUSED, "stale"),
            ], outcomes  # fmt: skip
            state = state_of(chair)
            assert state.list_version > version
            assert state.current is not None and state.current.state.value == "speaking"


def test_a_command_does_not_refold_the_log(live_fast: LiveServer) -> None:
    """The authority folds a meeting's log once per process, then brings its cached
    state forward, also over events another process appended."""
    authority = live_fast.server.authority
    with Api(live_fast.base_url) as api:
        chair, delegate = api.login("chutich"), api.login("daibieu")
        target = delegate.tokens.user.id
        toggle(chair, target, 0)
        folded = authority.cache.refolds
        for n in range(1, 6):
            toggle(chair, target, n)
        assert authority.cache.refolds == folded
        # Another process (its own cache) appends: this one reads the rows after its
        # cached head and still decides on the whole state.
        elsewhere = Authority(live_fast.server.db, committed=lambda _m: None)
        who = Principal(chair.tokens.user.id, "another-process")
        done = elsewhere.run(who, COUNCIL_ID, op_id=uuid.uuid4().hex,
                             command=Command(SET, {"user": target, "state": "absent"}))  # fmt: skip
        assert done.status == p.APPLIED
        again = chair.live_command(COUNCIL_ID, SET, {"user": target, "state": "absent"})
        assert (again.status, again.seqs) == (p.APPLIED, ())  # it knows: already absent
        assert authority.cache.refolds == folded


# --- the stream -----------------------------------------------------------------------------


def test_a_reconnect_with_last_event_id_replays_exactly_what_was_missed(
    live_fast: LiveServer,
) -> None:
    with Api(live_fast.base_url) as api:
        reader, chair = api.login("demo"), api.login("chutich")
        target = api.login("daibieu").tokens.user.id
        head = reader.live_page(COUNCIL_ID).head
        with reader.live_stream(COUNCIL_ID, last_event_id=head.seq) as events:
            beat = next_heartbeat(events)  # right after the (empty) replay
            assert (beat.seq, beat.hash) == (head.seq, head.hash)
            sent = [toggle(chair, target, n) for n in range(2)]
            seen = lives(events, 2)
        assert [e.seq for e in seen] == sent
        # The connection dropped; the meeting goes on.
        missed = [toggle(chair, target, n) for n in range(2, 5)]
        with reader.live_stream(COUNCIL_ID, last_event_id=seen[-1].seq) as events:
            replayed = lives(events, 3)
            beat = next_heartbeat(events)  # nothing more than the missed ones
        assert [e.seq for e in replayed] == missed
        verify_chain(seen[-1].hash, [LiveEvent(**e.fields()) for e in replayed],
                     prev_seq=seen[-1].seq, meeting_id=COUNCIL_ID)  # fmt: skip
        assert (beat.seq, beat.hash) == (missed[-1], replayed[-1].hash)
        # ``?after=`` does the same for clients that cannot set the header.
        r = reader.get(f"/v1/meetings/{COUNCIL_ID}/live/events", params={"after": 0})
        assert len(r.json()["events"]) == missed[-1]
        path, after = f"/v1/meetings/{COUNCIL_ID}/live", {"after": str(missed[1])}
        with reader.http.stream("GET", path, params=after, headers=reader.auth) as r:
            assert [e.seq for e in lives(server_events(r), 1)] == [missed[2]]


def test_heartbeats_carry_the_authority_clock_and_the_head(live_fast: LiveServer) -> None:
    with Api(live_fast.base_url) as api:
        reader, chair = api.login("khachmoi"), api.login("chutich")  # a guest may follow
        target = api.login("daibieu").tokens.user.id
        page = reader.live_page(COUNCIL_ID)
        assert page.role == "guest" and page.authority == "central"
        with reader.live_stream(COUNCIL_ID, last_event_id=page.head.seq) as events:
            first = next_heartbeat(events)
            assert (first.seq, first.hash) == (page.head.seq, page.head.hash)
            assert abs(first.now - time.time() * 1000) < 60_000  # the server's clock, in ms
            seq = toggle(chair, target, 0)
            event = lives(events, 1)[0]
            assert event.seq == seq
            beats = [next_heartbeat(events) for _ in range(3)]  # every 0.3 s, nothing new
        assert {(b.seq, b.hash) for b in beats} == {(event.seq, event.hash)}
        assert beats[0].now <= beats[1].now <= beats[2].now
        assert beats[0].now >= event.at


def test_an_event_nobody_announced_arrives_with_the_next_heartbeat(
    live_fast: LiveServer,
) -> None:
    """An append this process was not told of (SQLite served by another worker, a lost
    notification) is found by the heartbeat's head check, not lost."""
    quiet = Authority(live_fast.server.db, committed=lambda _m: None)
    with Api(live_fast.base_url) as api:
        reader, chair = api.login("demo"), api.login("chutich")
        target = api.login("daibieu").tokens.user.id
        head = reader.live_page(COUNCIL_ID).head
        with reader.live_stream(COUNCIL_ID, last_event_id=head.seq) as events:
            next_heartbeat(events)
            who = Principal(chair.tokens.user.id, "another-worker")
            done = quiet.run(who, COUNCIL_ID, op_id=uuid.uuid4().hex,
                             command=Command(SET, {"user": target, "state": "left"}))  # fmt: skip
            assert [e.seq for e in lives(events, 1)] == list(done.seqs)


def test_a_stream_ends_when_its_reader_leaves_the_meeting(live_fast: LiveServer) -> None:
    """… or is signed out, or their device is ordered wiped: checked at every heartbeat."""
    db = live_fast.server.db
    cut_off = {
        "khachmoi": lambda: admin.set_participant(db, COUNCIL_ID, "khachmoi", None),
        "daibieu": lambda: admin.revoke(db, "daibieu"),
        "daibieu2": lambda: admin.wipe_device(db, "daibieu2", "may-daibieu2"),
    }
    with Api(live_fast.base_url) as api:
        for name, cut in cut_off.items():
            reader = api.login(name, device_id=f"may-{name}")
            head = reader.live_page(COUNCIL_ID).head.seq
            with reader.live_stream(COUNCIL_ID, last_event_id=head, timeout=10) as events:
                next_heartbeat(events)
                cut()
                deadline = time.monotonic() + 8
                for _event in events:  # heartbeats until the next check ends it
                    assert time.monotonic() < deadline, f"{name}'s stream outlived its access"
            assert reader.get(f"/v1/meetings/{COUNCIL_ID}/live").status_code in (401, 403, 404)


@pytest.fixture
def two_processes(pg_demo: tuple[Path, str]) -> Iterator[tuple[str, str]]:
    """Two ``hanoi-desk server`` processes on one PostgreSQL database. Their heartbeat
    is a minute, so only LISTEN/NOTIFY can bring an event over within the test's wait."""
    data, url = pg_demo
    options = ("--live-heartbeat", "60")
    with (
        running_server_process(data, url, demo=False, options=options) as (one, _p1),
        running_server_process(data, url, demo=False, options=options) as (two, _p2),
    ):
        yield one, two


def test_an_event_committed_through_one_process_reaches_a_subscriber_of_another(
    two_processes: tuple[str, str],
) -> None:
    one, two = two_processes
    with Api(one) as api_one, Api(two) as api_two:
        chair = api_one.login("chutich")
        target = api_one.login("daibieu").tokens.user.id
        reader = api_two.login("demo")
        head = reader.live_page(COUNCIL_ID).head
        with reader.live_stream(COUNCIL_ID, last_event_id=head.seq, timeout=5) as events:
            next_heartbeat(events)  # process 2 has the subscriber (and starts listening)
            for n in range(3):
                seq = toggle(chair, target, n)  # through process 1
                # Well within the minute's heartbeat: only a notification can bring it.
                assert [e.seq for e in lives(events, 1, within=5)] == [seq]


# --- hostile input --------------------------------------------------------------------------

HOSTILE: list[tuple[str, object]] = [
    ("not JSON", b"{op_id"),
    ("a list", [1, 2]),
    ("no op_id", {"kind": CHECKIN, "args": {}}),
    ("op_id a number", {"op_id": 7, "kind": CHECKIN, "args": {}}),
    ("op_id with a slash", {"op_id": "../x", "kind": CHECKIN, "args": {}}),
    ("kind not a word", {"op_id": "a", "kind": "DROP TABLE", "args": {}}),
    ("args a list", {"op_id": "a", "kind": CHECKIN, "args": ["present"]}),
    ("args nested", {"op_id": "a", "kind": CHECKIN, "args": {"state": {"x": [[["present"]]]}}}),
    ("deep brackets", b'{"op_id":"a","kind":"k","args":' + b"[" * 5000 + b"]" * 5000 + b"}"),
    ("a float", {"op_id": "a", "kind": CHECKIN, "args": {"list_version": 1.5}}),
    ("a huge integer", {"op_id": "a", "kind": CHECKIN, "args": {"list_version": 10**40}}),
    ("NaN", b'{"op_id":"a","kind":"attendance.checkin","args":{"list_version":NaN}}'),
    ("long text", {"op_id": "a", "kind": CHECKIN, "args": {"reason": "x" * 5000}}),
]  # fmt: skip


@pytest.mark.parametrize(("case", "body"), HOSTILE, ids=[c for c, _ in HOSTILE])
def test_a_hostile_command_body_is_a_400(module_live: LiveServer, case: str, body: object) -> None:
    with Api(module_live.base_url) as api:
        s = api.login("chutich")
        before = s.live_page(COUNCIL_ID).head
        path = f"/v1/meetings/{COUNCIL_ID}/live/commands"
        if isinstance(body, bytes):
            r = s.request("POST", path, content=body, headers={"Content-Type": "application/json"})
        else:
            r = s.request("POST", path, json=body)
        assert r.status_code == 400, (case, r.status_code, r.text)
        assert r.json()["error"] == p.ERR_BAD_REQUEST
        assert s.live_page(COUNCIL_ID).head == before


def test_oversized_bodies_and_bad_positions_are_refused(module_live: LiveServer) -> None:
    with Api(module_live.base_url) as api:
        s = api.login("demo")
        path = f"/v1/meetings/{COUNCIL_ID}/live"
        big = {"op_id": "a", "kind": CHECKIN, "args": {"reason": "x" * 70_000}}
        r = s.request("POST", f"{path}/commands", json=big)
        assert r.status_code == 413 and r.json()["error"] == p.ERR_TOO_LARGE
        for params, headers in (
            ({"after": "-1"}, {}), ({"after": "1e3"}, {}), ({"after": str(2**64)}, {}),
            ({"limit": "0"}, {}), ({"limit": "1001"}, {}),
        ):  # fmt: skip
            r = s.get(f"{path}/events", params=params, headers=headers)
            assert r.status_code == 400, params
        for bad in (b"abc", b"-5", "²".encode(), str(2**64).encode()):
            r = s.get(path, headers={"Last-Event-ID": bad})
            assert r.status_code == 400 and r.json()["error"] == p.ERR_BAD_REQUEST, bad
        # A meeting id that cannot be one is answered as a meeting that does not exist.
        assert s.get("/v1/meetings/..%2Fx/live/events").status_code == 404
        r = s.live_post("khong-co-cuoc-hop-nay", CHECKIN, {"state": "present"})
        assert r.status_code == 404 and r.json()["error"] == p.ERR_NOT_FOUND


def test_a_client_speaking_another_protocol_is_refused(module_live: LiveServer) -> None:
    with Api(module_live.base_url) as api:
        s = api.login("demo")
        headers = {**s.auth, p.VERSION_HEADER: "2"}
        with s.http.stream("GET", f"/v1/meetings/{COUNCIL_ID}/live", headers=headers) as r:
            assert r.status_code == 400  # before any stream starts
            assert r.read() and r.json()["error"] == p.ERR_VERSION
        with httpx.Client(base_url=module_live.base_url) as raw:
            r = raw.get(f"/v1/meetings/{COUNCIL_ID}/live")
            assert r.status_code == 401


def test_a_secretarys_presented_page_reaches_a_delegates_stream(live_fast: LiveServer) -> None:
    """Follow the presenter: ``presenter.show`` goes through the generic rules path
    (no server code of its own) and only the position reaches the room."""
    with Api(live_fast.base_url) as api:
        secretary, delegate = api.login("thuky"), api.login("daibieu")
        head = delegate.live_page(COUNCIL_ID).head
        with delegate.live_stream(COUNCIL_ID, last_event_id=head.seq) as events:
            next_heartbeat(events)
            args = {"document_version": "ver-presented-1", "page": 7}
            result = secretary.live_command(COUNCIL_ID, "presenter.show", args)
            assert result.status == p.APPLIED and len(result.seqs) == 1, result
            (event,) = lives(events, 1)
        assert (event.kind, event.actor) == ("presenter.shown", secretary.tokens.user.id)
        assert dict(event.data) == args
        folded = state_of(delegate).presented
        assert folded is not None
        assert (folded.document_version, folded.page) == ("ver-presented-1", 7)
        # A delegate may not present.
        refused = delegate.live_command(COUNCIL_ID, "presenter.show", args | {"page": 8})
        assert refused.status != p.APPLIED and refused.reason == "forbidden"
