"""The authority's clock after a one-off forward jump of the server clock and its
correction (docs/server-live.md, "The authority's clock").

The wall and monotonic clocks are test doubles in the first test: a machine's
clock cannot be stepped from a test. The second runs the real server over HTTP
with a wall clock that reads 30 days ahead for one command.
"""

from __future__ import annotations

import logging

import pytest
from tests.server.api import Api
from tests.server.live import LiveServer
from tests.server.test_server_live import lives, next_heartbeat, state_of

from hanoi_desk import protocol as p
from hanoi_desk.domain.live.roles import Role
from hanoi_desk.domain.live.rules import Command, execute
from hanoi_desk.domain.live.state import LiveState, elapsed_ms
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.live import AuthorityClock, now_ms

DAY = 86_400_000
T = 1_750_000_000_000
ROSTER = {"d1": Role.DELEGATE, "c1": Role.CHAIR}


class Clocks:
    """A wall clock a test can step, and the monotonic clock, which never steps."""

    def __init__(self) -> None:
        self.wall = T
        self.mono = 0

    def advance(self, ms: int) -> None:
        self.wall += ms
        self.mono += ms


def test_a_speech_after_a_forward_jump_and_its_correction_keeps_its_time(
    caplog: pytest.LogCaptureFixture,
) -> None:
    c = Clocks()
    clock = AuthorityClock(wall=lambda: c.wall, monotonic=lambda: c.mono)
    s = LiveState("m")
    stamped: list[int] = []

    def run(actor: str, role: str, kind: str, args: dict[str, object]) -> None:
        nonlocal s
        s, events = execute(s, actor, role, Command(kind, args), clock.now(s.head_at),
                            roster=ROSTER)  # fmt: skip
        stamped.extend(e.at for e in events)

    run("d1", "delegate", "attendance.checkin", {"state": "present"})
    c.wall += 30 * DAY  # the clock jumps ahead (a bad RTC, an NTP step) …
    c.advance(1000)
    run("c1", "chair", "attendance.set", {"user": "d1", "state": "present"})
    c.wall -= 30 * DAY  # … and is put right
    c.advance(1000)
    with caplog.at_level(logging.WARNING, logger="hanoi_desk.server.live"):
        run("d1", "delegate", "speakers.request", {"request_id": "r1", "type": "speak"})
        c.advance(1000)
        run("c1", "chair", "speakers.call", {"request_id": "r1", "list_version": s.list_version})
    assert any("behind the live log" in r.getMessage() for r in caplog.records)
    assert stamped == sorted(stamped)  # the chain's time never goes back
    c.advance(600_000)
    heartbeat = clock.now(s.head_at)  # what the stream and the events page send
    request = s.request("r1")
    assert request is not None
    assert elapsed_ms(request, heartbeat) == 600_000
    run("c1", "chair", "speakers.stop", {"list_version": s.list_version})
    stopped = s.request("r1")
    assert stopped is not None and stopped.spoken_ms == 600_000


def test_heartbeats_after_a_clock_jump_let_a_speech_time_run(live_fast: LiveServer) -> None:
    """Over HTTP: one command stamped 30 days ahead, then the clock is right again;
    the heartbeats and the events page still carry a time a speech can be timed by."""
    ahead = {"ms": 30 * DAY}
    clock = AuthorityClock(wall=lambda: now_ms() + ahead["ms"])
    live_fast.server.authority.clock = clock
    live_fast.server.live.clock = clock
    with Api(live_fast.base_url) as api:
        chair, delegate = api.login("chutich"), api.login("daibieu3")
        me = delegate.tokens.user.id
        done = chair.live_command(COUNCIL_ID, "attendance.set", {"user": me, "state": "present"})
        assert done.status == p.APPLIED
        ahead["ms"] = 0  # put right
        r1 = delegate.live_command(COUNCIL_ID, "speakers.request",
                                   {"request_id": "r-clock", "type": "speak"})  # fmt: skip
        assert r1.status == p.APPLIED
        head = chair.live_page(COUNCIL_ID).head.seq
        with delegate.live_stream(COUNCIL_ID, last_event_id=head) as events:
            next_heartbeat(events)
            state = state_of(chair)
            called = chair.live_command(COUNCIL_ID, "speakers.call",
                                        {"request_id": "r-clock",
                                         "list_version": state.list_version})  # fmt: skip
            assert called.status == p.APPLIED, called
            sent = lives(events, len(called.seqs))
            started = next(e.at for e in sent if e.data.get("state") == "speaking")
            beats = [next_heartbeat(events) for _ in range(2)]
        assert started >= now_ms() + 29 * DAY  # stamped at the jumped log's time
        assert beats[0].now >= started and beats[1].now > beats[0].now
        assert beats[1].now - started > 0  # the speech's time runs
        page = chair.live_page(COUNCIL_ID)
        assert page.now >= beats[1].now
