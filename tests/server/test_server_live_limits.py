"""What one participant may hold of the server, over real HTTP (docs/server-live.md,
"Limits"): live streams per token and per user, live commands per user.

A guest opening stream after stream, or a delegate sending commands in a loop,
is refused with ``429`` and the protocol's error body while everyone else is
served. The limits are counted in the process, so these run on SQLite only.
"""

from __future__ import annotations

import time
from contextlib import ExitStack

import httpx
import pytest
from tests.server.api import HEADERS, Api, Session
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.limits import Limits

PER_TOKEN, PER_USER, BURST = 2, 3, 5


@pytest.fixture
def live_limits() -> Limits:
    # A rate so slow that nothing refills during the test: the burst is all a user has.
    return Limits(streams_per_token=PER_TOKEN, streams_per_user=PER_USER,
                  command_rate=0.001, command_burst=BURST)  # fmt: skip


def open_stream(s: Session) -> httpx.Response:
    """Start a stream request; the caller closes the response."""
    request = s.http.build_request("GET", f"/v1/meetings/{COUNCIL_ID}/live",
                                   headers={**s.auth, "Accept": "text/event-stream"})  # fmt: skip
    return s.http.send(request, stream=True)


def refused(r: httpx.Response, code: str) -> dict[str, object]:
    if r.status_code != 429:
        r.close()  # a stream that opened would be read forever
        raise AssertionError(f"answered {r.status_code}, not 429 {code}")
    r.read()
    body: dict[str, object] = r.json()
    assert body["error"] == code and isinstance(body["message"], str), body
    assert r.headers[p.VERSION_HEADER] == str(p.PROTOCOL_VERSION)
    return body


def test_a_token_holds_at_most_its_streams_and_others_are_still_served(
    live_limited: LiveServer,
) -> None:
    with Api(live_limited.base_url) as api, ExitStack() as held:
        guest, chair = api.login("khachmoi"), api.login("chutich")
        streams = []
        for _ in range(PER_TOKEN):
            r = _hold(held, open_stream(guest))
            assert r.status_code == 200
            streams.append(r)
        extra = open_stream(guest)
        refused(extra, p.ERR_TOO_MANY_STREAMS)
        extra.close()
        # Everyone else is served meanwhile.
        target = api.login("daibieu").tokens.user.id
        done = chair.live_command(COUNCIL_ID, "attendance.set", {"user": target, "state": "left"})
        assert done.status == p.APPLIED and done.seqs
        assert api.http.get("/v1/health", headers=HEADERS).status_code == 200
        assert chair.live_page(COUNCIL_ID).head.seq > 0
        # Closing one stream gives its place back (once the server sees it gone).
        streams[0].close()
        deadline = time.monotonic() + 10  # a hang guard, not a timing claim
        while True:
            again = open_stream(guest)
            if again.status_code == 200:
                _hold(held, again)
                break
            refused(again, p.ERR_TOO_MANY_STREAMS)
            again.close()
            assert time.monotonic() < deadline, "the closed stream's place never came back"
            time.sleep(0.05)


def test_a_user_holds_at_most_their_streams_over_all_their_tokens(
    live_limited: LiveServer,
) -> None:
    with Api(live_limited.base_url) as api, ExitStack() as held:
        first, second = api.login("khachmoi"), api.login("khachmoi")
        opened = [open_stream(s) for s in (first, first, second)]
        for r in opened:
            _hold(held, r)
            assert r.status_code == 200
        extra = open_stream(second)  # the token holds one, the user three
        refused(extra, p.ERR_TOO_MANY_STREAMS)
        extra.close()
        # Another user is not counted with them.
        other = _hold(held, open_stream(api.login("daibieu")))
        assert other.status_code == 200


def test_a_delegate_sending_commands_in_a_loop_is_told_to_wait(
    live_limited: LiveServer,
) -> None:
    with Api(live_limited.base_url) as api:
        delegate, chair = api.login("daibieu"), api.login("chutich")
        kinds = ["speakers.request", "speakers.withdraw"]
        for n in range(BURST):
            assert delegate.live_post(COUNCIL_ID, kinds[n % 2], {}).status_code == 200
        head = chair.live_page(COUNCIL_ID).head
        r = delegate.live_post(COUNCIL_ID, kinds[BURST % 2], {})
        body = refused(r, p.ERR_TOO_MANY_COMMANDS)
        wait = int(r.headers["Retry-After"])
        assert wait >= 1 and body["retry_after"] == wait
        assert chair.live_page(COUNCIL_ID).head == head  # refused unread: nothing appended
        # Another user's commands, and the server, go on.
        done = chair.live_command(COUNCIL_ID, "attendance.checkin", {"state": "present"})
        assert done.status == p.APPLIED
        assert api.http.get("/v1/health", headers=HEADERS).status_code == 200


def _hold(stack: ExitStack, r: httpx.Response) -> httpx.Response:
    stack.callback(r.close)
    return r
