"""A pre-loaded parent that forks sync clients for the SIGKILL trials.

Starting Python and importing the client takes seconds on a busy machine; a
kill trial needs a real client process, not a warm-up. This process imports
the client once (and has no threads), then for every request on stdin forks
a child that runs one real ``SyncService.run()`` on a real profile and exits.
It prints the child's pid so the test can SIGKILL it at a random moment, and
then the child's exit status.

Protocol, one JSON line each way: ``{"home", "profile", "server", "page_limit",
"password"}`` -> ``{"pid"}``; then ``{"status"}`` when the child has ended.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from hanoi_desk.app.session import Desk
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.store.keys import Argon2Params
from hanoi_desk.store.unlockers import PassphraseUnlocker
from hanoi_desk.sync.backoff import Backoff


class _Prompt:
    def __init__(self, value: str) -> None:
        self.value = value

    def passphrase(self, profile: str, *, new: bool) -> str:
        return self.value


def _child(job: dict[str, str | int]) -> int:
    vault = default_vault(
        Path(str(job["home"])), {"passphrase": PassphraseUnlocker(Argon2Params(8 * 1024, 1, 1))}
    )
    session = Desk(vault).open(str(job["profile"]), _Prompt(str(job["passphrase"])), "passphrase")
    password = str(job["password"])
    options = SyncOptions(
        server=str(job["server"]),
        username=str(job["user"]),
        password=lambda: password,
        page_limit=int(job["page_limit"]),
        upload_chunk=int(job.get("upload_chunk", 1024 * 1024)),
        backoff=Backoff(base=0.01, cap=0.1, attempts=5),
    )
    try:
        SyncService(session, options).run()
    finally:
        session.close()
    return 0


def main() -> None:
    for line in sys.stdin:
        job = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _child(job)
            except BaseException as exc:  # report, never fall back into the parent's loop
                print(f"child error: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
            os._exit(code)
        print(json.dumps({"pid": pid}), flush=True)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"status": status}), flush=True)


if __name__ == "__main__":
    main()
