"""A failed sync's reason, sorted from the sync's and the store's typed errors
(the status bar says "Sync error: login refused", not "error")."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from hanoi_desk.app.sync_problem import SyncProblem, classify
from hanoi_desk.errors import EnvironmentFault, UserError
from hanoi_desk.protocol import ProtocolError
from hanoi_desk.store import database
from hanoi_desk.store.fsutil import environment_fault
from hanoi_desk.sync import faults

S = "council.example"


@pytest.mark.parametrize(
    ("error", "problem"),
    [
        (faults.Transient(faults.NETWORK, server=S, reason="refused"), SyncProblem.UNREACHABLE),
        (faults.ServerFailing(faults.BUSY, server=S, status=503), SyncProblem.BUSY),
        (faults.RunTimeout(faults.RUN_TIMEOUT, server=S, seconds=3600), SyncProblem.TIMEOUT),
        (faults.AuthFailed(faults.LOGIN_FAILED, server=S), SyncProblem.LOGIN_REFUSED),
        (faults.AuthFailed(faults.NEEDS_LOGIN, server=S), SyncProblem.LOGIN_REFUSED),
        (faults.AuthFailed(faults.THROTTLED, server=S, seconds=60), SyncProblem.SIGN_IN_BLOCKED),
        (faults.AuthFailed(faults.ACCOUNT_DISABLED, server=S), SyncProblem.ACCOUNT_DISABLED),
        (UserError(faults.UNTRUSTED, server=S), SyncProblem.TLS),
        (UserError(faults.BAD_CA, path="ca.pem", reason="ValueError"), SyncProblem.TLS),
        (UserError(faults.INSECURE, server=S), SyncProblem.PLAIN_HTTP),
        (UserError(faults.BAD_URL, url="ftp://x"), SyncProblem.BAD_ADDRESS),
        (
            faults.Refused(faults.REDIRECT, server=S, status=301, location="https://x"),
            SyncProblem.BAD_ADDRESS,
        ),
        (
            faults.Refused(faults.REFUSED, server=S, status=403, code="forbidden"),
            SyncProblem.REFUSED,
        ),
        (faults.BadAnswer(faults.BAD_ANSWER, server=S, reason="bad JSON"), SyncProblem.BAD_ANSWER),
        (faults.FeedStuck(faults.FEED_STUCK, server=S, pages=3), SyncProblem.BAD_ANSWER),
        (ProtocolError("changes page", "“cursor” is missing"), SyncProblem.BAD_ANSWER),
        (EnvironmentFault(database.DB_FULL, name="alice"), SyncProblem.DISK_FULL),
        (EnvironmentFault(database.DB_IO, name="alice", reason="I/O"), SyncProblem.DISK_ERROR),
        (
            database.IntegrityError(database.DB_DAMAGED, name="alice"),
            SyncProblem.CACHE_DAMAGED,
        ),
        (RuntimeError("a bug"), SyncProblem.OTHER),
    ],
)
def test_each_typed_failure_has_its_reason(error: BaseException, problem: SyncProblem) -> None:
    assert classify(error) is problem


def test_a_full_disk_while_writing_a_file_reads_as_disk_full(tmp_path: Path) -> None:
    full = environment_fault(tmp_path / "blob", OSError(errno.ENOSPC, "No space left on device"))
    other = environment_fault(tmp_path / "blob", OSError(errno.EIO, "Input/output error"))
    assert classify(full) is SyncProblem.DISK_FULL
    assert classify(other) is SyncProblem.DISK_ERROR
