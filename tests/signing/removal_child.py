"""Run as a child process by test_signing_batch: signs a batch on HANOI-REMOVE and
deletes that token's directory after the second document, as a user pulling the
token out. A child process, because SoftHSM in the test process would keep the
missing token and disturb later tests. Prints the batch report as JSON."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from hanoi_desk.signing.batch import sign_batch
from hanoi_desk.signing.pades import SignOptions, make_context
from hanoi_desk.signing.pin import PinState
from hanoi_desk.signing.tokens import TokenManager


class Pin:
    def pin(self, token: str, state: PinState) -> str:
        return sys.argv[3]


def main() -> None:
    module, token_dir = sys.argv[1], Path(sys.argv[2])
    out, files = Path(sys.argv[4]), [Path(p) for p in sys.argv[5:]]
    m = TokenManager()
    ts = m.login(module, "HANOI-REMOVE", Pin())
    key = m.signing_key(ts)

    def progress(done: int, total: int, name: str) -> None:
        if done == 2:
            shutil.rmtree(token_dir)

    report = sign_batch(make_context(m, key, SignOptions(), None), files, out, progress=progress)
    print(
        json.dumps(
            {
                "statuses": [r.status.value for r in report.results],
                "errors": [r.error.template if r.error else None for r in report.results],
                "stopped_by": report.stopped_by.template if report.stopped_by else None,
            }
        )
    )


if __name__ == "__main__":
    main()
