"""``hanoi-desk live checkin MEETING --delegate-to USER`` against the real server:
refused while the body forbids delegation, recorded once it allows it, and
taken back with ``--delegate-to ""`` (docs/live-meetings.md)."""

from __future__ import annotations

from pathlib import Path

from test_live_cli import as_json, live_cli, user_id
from test_live_client import M, new_delegate, server_state, sign_in
from tests.server.live import LiveServer

from hanoi_desk.app.session import Desk
from hanoi_desk.server import admin

BODY = "HĐND quận Đống Đa"


def test_a_delegate_hands_on_their_vote_and_takes_it_back(
    live: LiveServer, desk: Desk, home: Path
) -> None:
    me = sign_in(desk, live.base_url, new_delegate(live, "cli-delegating"))
    mine, proxy = user_id(live, "cli-delegating"), user_id(live, "daibieu")
    done = live_cli(home, me, "checkin", M, "--delegate-to", proxy, "--absent")
    assert done.returncode == 1 and "--delegate-to" in done.stderr
    assert as_json(live_cli(home, me, "status", M, "--json", "--offline"))["queued"] == []

    done = live_cli(home, me, "checkin", M, "--delegate-to", proxy, "--json")
    assert done.returncode == 1  # the body's rules: nobody votes for another
    assert as_json(done)["command"]["state"] == "refused"
    assert as_json(done)["command"]["reason"] == "delegation_off"
    assert dict(server_state(live).delegations) == {}

    admin.set_body_setting(live.server.db, BODY, "vote-delegation", True)
    done = live_cli(home, me, "checkin", M, "--delegate-to", proxy, "--json")
    assert done.returncode == 0, done.stderr
    answer = as_json(done)
    assert answer["command"]["kind"] == "attendance.delegate"
    assert answer["command"]["args"] == {"proxy": proxy}
    assert answer["command"]["state"] == "applied"
    assert dict(server_state(live).delegations) == {mine: proxy}
    assert server_state(live).attendance_of(mine).state.value == "expected"  # no check-in

    done = live_cli(home, me, "checkin", M, "--delegate-to", "")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("vote delegation [") and ": applied" in done.stdout
    assert dict(server_state(live).delegations) == {}
