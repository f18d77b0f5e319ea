"""``hanoi-desk live`` as a person or a script runs it, against the real server
on 127.0.0.1 with real profiles: each command, offline queueing, ``--json``,
the exit codes, and a client killed with SIGKILL between the server's commit
and the moment it records the answer."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sync_proxy import Fault, FaultProxy
from test_live_client import M, new_delegate, server_events, server_state, sign_in
from tests.server.live import DEMO_PASSWORD, LiveServer

from hanoi_desk.app.session import Desk
from hanoi_desk.domain.live.state import SpeakerRequest, to_json
from hanoi_desk.server import admin
from hanoi_desk.store.live import CommandState, LiveStore
from helpers import PASSPHRASE, FixedPrompt, raw_controls, run_cli


def live_cli(home: Path, profile: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
    return run_cli(
        "live", *args, "--profile", profile, "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n{DEMO_PASSWORD}\n", env=env,
    )  # fmt: skip


def as_json(done: subprocess.CompletedProcess[str]) -> Any:
    assert done.stdout, done.stderr
    return json.loads(done.stdout)


def user_id(srv: LiveServer, username: str) -> str:
    with srv.server.db.read() as s:
        return str(admin.user_by_name(s, username).id)


def request_on_server(srv: LiveServer, request_id: str) -> SpeakerRequest:
    found = server_state(srv).request(request_id)
    assert found is not None, request_id
    return found


@pytest.fixture(scope="module")
def srv(live: LiveServer) -> LiveServer:
    live.server.live.heartbeat = 0.3
    return live


def test_a_check_in_queued_offline_is_sent_by_the_next_command(
    srv: LiveServer, desk: Desk, home: Path
) -> None:
    me = sign_in(desk, srv.base_url, new_delegate(srv, "cli-checkin"))
    done = live_cli(home, me, "checkin", M, "--offline", "--json")
    assert done.returncode == 0, done.stderr
    queued = as_json(done)
    assert queued["command"]["state"] == "queued"
    assert queued["command"]["kind"] == "attendance.checkin"
    assert [c["op_id"] for c in queued["status"]["queued"]] == [queued["command"]["op_id"]]
    assert queued["status"]["online"] is False

    done = live_cli(home, me, "status", M, "--json")
    assert done.returncode == 0, done.stderr
    status = as_json(done)
    assert status["online"] is True and status["queued"] == []
    mine = next(p for p in status["attendance"] if p["user"] == status["me"])
    assert (mine["state"], mine["role"]) == ("present", "delegate")
    assert status["head_seq"] == server_state(srv).head_seq

    done = live_cli(home, me, "status", M)
    assert done.returncode == 0, done.stderr
    assert "Meeting: " in done.stdout and "Đại biểu cli-checkin (delegate): present" in done.stdout


def test_absent_with_a_reason(srv: LiveServer, desk: Desk, home: Path) -> None:
    me = sign_in(desk, srv.base_url, new_delegate(srv, "cli-absent"))
    done = live_cli(home, me, "checkin", M, "--reason", "Ốm")
    assert done.returncode == 1 and "--reason goes with --absent only" in done.stderr
    done = live_cli(home, me, "checkin", M, "--absent", "--reason", "Ốm đột xuất")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("check-in [") and done.stdout.rstrip().endswith(": applied")
    truth = server_state(srv).attendance_of(user_id(srv, "cli-absent"))
    assert (truth.state.value, truth.reason) == ("excused", "Ốm đột xuất")


def test_speak_withdraw_and_interpellate(srv: LiveServer, desk: Desk, home: Path) -> None:
    me = sign_in(desk, srv.base_url, new_delegate(srv, "cli-speak"))
    asked = as_json(live_cli(home, me, "speak", M, "--json"))
    assert asked["command"]["state"] == "applied"
    request_id = asked["command"]["args"]["request_id"]
    done = live_cli(home, me, "speak", M, "--withdraw", "--json")
    assert done.returncode == 0, done.stderr
    assert as_json(done)["command"]["args"] == {"request_id": request_id}
    assert request_on_server(srv, request_id).state.value == "withdrawn"

    done = live_cli(home, me, "speak", M, "--interpellation", "--to", "Chủ tịch UBND")
    assert done.returncode == 1 and "needs --to NAME and --topic TEXT" in done.stderr
    done = live_cli(
        home, me, "speak", M, "--interpellation", "--to", "Chủ tịch UBND quận",
        "--topic", "Tiến độ xây trường", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    speakers = as_json(done)["status"]["speakers"]
    mine = [s for s in speakers if s["user"] == as_json(done)["status"]["me"]]
    assert [(s["type"], s["to"], s["topic"], s["state"]) for s in mine][-1] == (
        "interpellation", "Chủ tịch UBND quận", "Tiến độ xây trường", "requested",
    )  # fmt: skip
    # Text that hides or reorders what the chair reads is refused before it is queued.
    done = live_cli(
        home, me, "speak", M, "--interpellation", "--to", "A\u202eB", "--topic", "x"
    )  # fmt: skip
    assert done.returncode == 1 and "not valid" in done.stderr
    assert "\u202e" not in done.stderr


def test_the_chair_sets_attendance_and_runs_the_list(
    srv: LiveServer, desk: Desk, home: Path
) -> None:
    speaker = sign_in(desk, srv.base_url, new_delegate(srv, "cli-floor"))
    other = sign_in(desk, srv.base_url, new_delegate(srv, "cli-other"))
    chair = sign_in(desk, srv.base_url, "chutich", "cli-chair")  # synced with both in the list
    done = live_cli(home, chair, "attendance", M, "đại biểu cli-floor", "excused")
    assert done.returncode == 1 and "reason" in done.stderr  # excused needs a reason
    done = live_cli(
        home, chair, "attendance", M, "Đại biểu cli-floor", "excused", "--reason", "Công tác"
    )
    assert done.returncode == 0, done.stderr
    assert server_state(srv).attendance_of(user_id(srv, "cli-floor")).reason == "Công tác"
    done = live_cli(home, chair, "attendance", M, "Nobody Here", "present")
    assert done.returncode == 1 and "Nobody called" in done.stderr

    request = as_json(live_cli(home, speaker, "speak", M, "--json"))["command"]["args"]
    rejected = as_json(live_cli(home, other, "speak", M, "--json"))["command"]["args"]
    short = request["request_id"][:8]
    for action in ("approve", "call", "pause", "resume", "stop"):
        args = [action, short] if action in ("approve", "call") else [action]
        done = live_cli(home, chair, "speakers", M, *args, "--json")
        assert done.returncode == 0, (action, done.stderr)
        assert as_json(done)["command"]["state"] == "applied", action
    done = live_cli(home, chair, "speakers", M, "reject", rejected["request_id"])
    assert done.returncode == 0, done.stderr
    assert request_on_server(srv, request["request_id"]).state.value == "done"
    assert request_on_server(srv, rejected["request_id"]).state.value == "rejected"
    # A list version the list has moved past is refused here, before it is queued.
    done = live_cli(home, chair, "speakers", M, "next", "--list-version", "0", "--json")
    assert done.returncode == 1 and "changed before this command arrived" in done.stderr
    status = as_json(live_cli(home, chair, "status", M, "--json", "--offline"))
    assert status["queued"] == [] and status["role"] == "chair"


def test_a_guest_is_told_at_once_and_nothing_is_queued(
    srv: LiveServer, desk: Desk, home: Path
) -> None:
    guest = sign_in(desk, srv.base_url, "khachmoi", "cli-guest")
    for args in (["checkin", M], ["speak", M], ["speakers", M, "next"]):
        done = live_cli(home, guest, *args)
        assert done.returncode == 1, args
        assert "Your role in this meeting does not allow this." in done.stderr
    status = as_json(live_cli(home, guest, "status", M, "--json"))
    assert status["role"] == "guest" and status["queued"] == []
    assert status["head_seq"] == server_state(srv).head_seq  # a guest follows the room


def test_a_client_killed_between_the_commit_and_the_answer_loses_and_doubles_nothing(
    srv: LiveServer, desk: Desk, home: Path
) -> None:
    slow = threading.Event()

    def plan(_n: int) -> Fault:
        # Each piece waits: the server commits the command, then its answer is
        # still on the way when the client dies.
        return Fault(delay=1.5) if slow.is_set() else Fault()

    username = new_delegate(srv, "cli-killed")
    with FaultProxy(int(srv.base_url.rsplit(":", 1)[1]), plan) as proxy:
        me = sign_in(desk, proxy.url, username)
        queued = as_json(live_cli(home, me, "speak", M, "--offline", "--json"))["command"]
        slow.set()
        env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
        child = subprocess.Popen(
            [sys.executable, "-m", "hanoi_desk", "live", "status", M, "--profile", me,
             "--passphrase-stdin", "--json"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, text=True,
        )  # fmt: skip
        assert child.stdin is not None
        child.stdin.write(f"{PASSPHRASE}\n")
        child.stdin.close()
        author = user_id(srv, username)

        def committed() -> list[Any]:
            return [e for e in server_events(srv) if e.kind == "speaker.requested"
                    and e.actor == author]  # fmt: skip

        deadline = time.monotonic() + 60
        while not committed() and time.monotonic() < deadline:
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
        assert len(committed()) == 1
        with desk.open(me, FixedPrompt(), "passphrase") as session:
            held = LiveStore(session.cache).command(queued["op_id"])
        assert held.state is CommandState.SENDING  # the answer never reached the profile
        slow.clear()
        done = live_cli(home, me, "status", M, "--json")
    assert done.returncode == 0, done.stderr
    assert as_json(done)["queued"] == []
    events = committed()
    assert len(events) == 1  # sent again with the same op id: the stored outcome, no double
    with desk.open(me, FixedPrompt(), "passphrase") as session:
        store = LiveStore(session.cache)
        again = store.command(queued["op_id"])
        assert again.state is CommandState.APPLIED and again.seqs == (events[0].seq,)
        assert to_json(store.meeting(M).state) == to_json(server_state(srv))


def test_names_from_the_server_reach_the_terminal_escaped(
    srv: LiveServer, desk: Desk, home: Path
) -> None:
    hostile = "Kẻ\x1b[2J\x1b]0;pwned\x07 giả\u202emạo"
    admin.add_user(srv.server.db, "cli-hostile", DEMO_PASSWORD, hostile, cheap_hash=True)
    admin.set_participant(srv.server.db, M, "cli-hostile", "delegate")
    me = sign_in(desk, srv.base_url, "cli-hostile")
    done = live_cli(home, me, "checkin", M)
    assert done.returncode == 0, done.stderr
    done = live_cli(home, me, "status", M)
    assert done.returncode == 0, done.stderr
    assert "Kẻ\\x1b[2J\\x1b]0;pwned\\x07 giả\\u202emạo (delegate): present" in done.stdout
    assert not raw_controls(done.stdout + done.stderr)
    as_text = live_cli(home, me, "status", M, "--json")
    assert not raw_controls(as_text.stdout)
    mine = next(p for p in as_json(as_text)["attendance"] if p["user"] == user_id(srv, me))
    assert mine["name"] == hostile  # a script still reads the exact name


def test_someone_no_longer_in_the_meeting_sees_no_live_state(
    srv: LiveServer, desk: Desk, home: Path
) -> None:
    me = sign_in(desk, srv.base_url, new_delegate(srv, "cli-removed"))
    admin.set_participant(srv.server.db, M, "cli-removed", None)  # removed after their sync
    done = live_cli(home, me, "status", M)
    assert done.returncode == 1
    assert "You are not a participant of meeting" in done.stderr
    done = live_cli(home, me, "checkin", M)
    assert done.returncode == 1 and "not a participant" in done.stderr


def test_a_delegate_checks_in_through_a_substitute_and_clears_it(
    srv: LiveServer, desk: Desk, home: Path
) -> None:
    me = sign_in(desk, srv.base_url, new_delegate(srv, "cli-substitute"))
    done = live_cli(home, me, "checkin", M, "--absent", "--substitute", "Lê Văn Thay")
    assert done.returncode == 1 and "--substitute" in done.stderr
    done = live_cli(home, me, "checkin", M, "--substitute", "Lê Văn Thay", "--json")
    assert done.returncode == 0, done.stderr
    answer = as_json(done)
    assert [c["kind"] for c in answer["earlier"]] == ["attendance.substitute"]
    assert answer["earlier"][0]["args"] == {"substitute": "Lê Văn Thay"}
    assert answer["earlier"][0]["state"] == answer["command"]["state"] == "applied"
    truth = server_state(srv).attendance_of(user_id(srv, "cli-substitute"))
    assert (truth.state.value, truth.substitute) == ("present", "Lê Văn Thay")
    # The substitute was named before the check-in, in the authority's log too.
    mine = [e.kind for e in server_events(srv) if e.actor == user_id(srv, "cli-substitute")]
    assert mine == ["substitute", "attendance"]
    done = live_cli(home, me, "status", M)
    assert "present — substitute: Lê Văn Thay" in done.stdout

    done = live_cli(home, me, "checkin", M, "--substitute", "")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("substitute [") and lines[0].endswith(": applied")
    assert lines[1].startswith("check-in [")
    truth = server_state(srv).attendance_of(user_id(srv, "cli-substitute"))
    assert (truth.state.value, truth.substitute) == ("present", "")
    # A name that hides or reorders text is refused before anything is queued.
    done = live_cli(home, me, "checkin", M, "--substitute", "A\u202eB", "--json")
    assert done.returncode == 1 and "\u202e" not in done.stderr
    assert as_json(live_cli(home, me, "status", M, "--json", "--offline"))["queued"] == []


def test_the_chair_reorders_the_waiting_queue(srv: LiveServer, desk: Desk, home: Path) -> None:
    speakers = [sign_in(desk, srv.base_url, new_delegate(srv, f"cli-order-{i}")) for i in range(3)]
    chair = sign_in(desk, srv.base_url, "thuky", "cli-secretary")
    ids = [
        as_json(live_cli(home, who, "speak", M, "--json"))["command"]["args"]["request_id"]
        for who in speakers
    ]

    def waiting() -> list[str]:
        return [r.id for r in server_state(srv).queue if r.id in ids]

    assert waiting() == ids
    done = live_cli(home, chair, "speakers", M, "reorder", ids[2][:8])
    assert done.returncode == 1 and "POSITION" in done.stderr
    done = live_cli(home, chair, "speakers", M, "reorder", ids[2][:8], "0")
    assert done.returncode == 1 and "counts from 1" in done.stderr
    done = live_cli(home, chair, "speakers", M, "next", ids[2][:8], "1")
    assert done.returncode == 1 and "reorder only" in done.stderr
    status = as_json(live_cli(home, chair, "status", M, "--json"))
    place = {s["request_id"]: s["waiting"] for s in status["speakers"]}
    first = place[ids[0]]
    assert [place[i] for i in ids] == [first, first + 1, first + 2]

    done = live_cli(home, chair, "speakers", M, "reorder", ids[2][:8], str(first), "--json")
    assert done.returncode == 0, done.stderr
    answer = as_json(done)["command"]
    assert answer["state"] == "applied" and answer["args"]["position"] == first - 1
    assert waiting() == [ids[2], ids[0], ids[1]]
    text = live_cli(home, chair, "status", M).stdout
    assert f"[{ids[2][:8]}]" in text and f"(waiting, #{first})" in text
    # A list version the list has moved past is refused here, nothing queued.
    done = live_cli(
        home, chair, "speakers", M, "reorder", ids[0][:8], "1", "--list-version", "0"
    )  # fmt: skip
    assert done.returncode == 1 and "changed before this command arrived" in done.stderr
    assert waiting() == [ids[2], ids[0], ids[1]]
