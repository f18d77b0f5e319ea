"""``hanoi-desk sync`` as scripts run it: the server password read once per
run, a server's own refusal reason escaped and cut, a light start.

The server here is the stub of tests/sync/sync_hostile.py, on 127.0.0.1: the
reference server refuses a refresh in the middle of a run only after an
administrator's revoke at that very moment, which a test cannot time from
outside the CLI's process, and it never sends a refusal reason with escape
sequences. The CLI runs as its own process, with the real profile.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sync_helpers import meeting, page
from sync_hostile import Answer, Handler, HostileServer, json_answer, tokens

from hanoi_desk.app.session import Desk
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.limits import DEFAULT_REQUEST_TIMEOUT, DEFAULT_RUN_TIMEOUT
from helpers import PASSPHRASE, FixedPrompt, run_cli


def sync_cli(home: Path, server: HostileServer, stdin: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
    return run_cli(
        "sync", "--profile", "an", "--server", server.url, "--user", "an", "--passphrase-stdin",
        stdin=stdin, env=env,
    )  # fmt: skip


def test_the_server_password_is_read_once_per_run(
    hostile: HostileServer, desk: Desk, home: Path
) -> None:
    """Signed in, then the access token is refused mid-run and so is the refresh:
    the second sign-in reuses the password instead of reading a line that is not
    there ("Expected a secret on standard input")."""
    desk.create("an", FixedPrompt())
    passwords: list[str] = []

    def login(h: Handler) -> Answer:
        passwords.append(json.loads(h.body)["password"])
        return tokens()

    def changes(_h: Handler) -> Answer:
        if len(hostile.paths("/v1/changes")) == 1:
            return json_answer({"error": "invalid_token", "message": ""}, 401)
        return json_answer(page([meeting()]))

    hostile.route("POST", "/v1/auth/login", login)
    hostile.route("POST", "/v1/auth/refresh", lambda _h: json_answer({"error": "x"}, 401))
    hostile.route("GET", "/v1/changes", changes)
    done = sync_cli(home, hostile, f"{PASSPHRASE}\nserver password\n")
    assert done.returncode == 0, done.stderr
    assert passwords == ["server password", "server password"]
    assert len(hostile.paths("/v1/auth/refresh")) == 1
    assert "Synced: 1 changes" in done.stdout


def test_an_unknown_refusal_reason_is_printed_escaped_and_cut(
    hostile: HostileServer, desk: Desk, home: Path
) -> None:
    desk.create("an", FixedPrompt())
    with desk.open("an", FixedPrompt(), "passphrase") as session:
        op = Replica(session.cache).enqueue(
            "comment.add", {"comment_id": "k1", "document_version_id": "v1", "text": "Đồng ý"}
        )
    reason = "\x1b[2J\x1b]0;pwned\x07" + "lý do rất dài " * 20

    def mutations(h: Handler) -> Answer:
        sent: list[dict[str, Any]] = json.loads(h.body)["mutations"]
        return json_answer(
            {
                "results": [
                    {"seq": m["seq"], "op_id": m["op_id"], "status": "rejected", "reason": reason}
                    for m in sent
                ]
            }
        )

    hostile.route("GET", "/v1/changes", lambda _h: json_answer(page([])))
    hostile.route("POST", "/v1/mutations", mutations)
    done = sync_cli(home, hostile, f"{PASSPHRASE}\npw\n")
    assert done.returncode == 0, done.stderr
    shown = reason[:64].replace("\x1b", "\\x1b").replace("\x07", "\\x07") + "…"
    refused = [line for line in done.stderr.splitlines() if "refused action" in line]
    assert refused == [f"The server refused action {op[:8]} (comment.add): {shown}"]
    assert "\x1b" not in done.stderr and "\x07" not in done.stderr


# The defaults that `sync --help` shows, and the modules loaded to show them.
START_PROBE = """
import sys
from hanoi_desk.cli.main import main
from hanoi_desk.cli import sync_cmds
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"httpx", "httpcore", "h11"})
print(" ".join(loaded) or "none")
"""


def test_the_sync_command_starts_without_the_network_stack() -> None:
    """httpx costs some 0.7 s to import: the CLI loads it only for a sync itself,
    and the defaults in the command's help come from sync/limits.py, not copies."""
    done = subprocess.run(
        [sys.executable, "-c", START_PROBE], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "none"
    shown = run_cli("sync", "--help", env=dict(os.environ, COLUMNS="200"))
    assert shown.returncode == 0, shown.stderr
    assert f"(default {DEFAULT_REQUEST_TIMEOUT})" in shown.stdout
    assert f"(default {DEFAULT_RUN_TIMEOUT})" in shown.stdout
