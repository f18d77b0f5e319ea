"""Durable file writes.

A crash (or SIGKILL) at any point must leave either the old file or the new
one, never a mix: write a sibling temp file in the same directory, fsync it,
rename over the target, fsync the directory. Temp files live inside the
profile, never in the system temp directory, and only ever hold ciphertext or
non-secret metadata.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path

from hanoi_desk.errors import EnvironmentFault
from hanoi_desk.i18n import N_

DISK_FULL = N_("The disk is full: {path} could not be written. Free some space and try again.")
WRITE_FAILED = N_("{path} could not be written: {reason}.")


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def environment_fault(path: Path, exc: OSError) -> EnvironmentFault:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return EnvironmentFault(DISK_FULL, path=str(path))
    return EnvironmentFault(WRITE_FAILED, path=str(path), reason=exc.strerror or type(exc).__name__)


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise environment_fault(path, exc) from None


def remove_stale_temp_files(directory: Path) -> None:
    """Temp files left by a killed process: they hold only ciphertext, so just drop them."""
    for tmp in directory.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


class ProfileLock:
    """Coordinates processes that open the same profile (the app and a scripted CLI).

    Every open session holds a shared lock. Housekeeping that deletes files
    (abandoned imports, temp files, unlisted blobs) runs only when the
    exclusive lock can be taken, i.e. when no other session is open: otherwise
    it could delete the partial blob another process is writing. On Windows
    (no ``fcntl``) sessions are not coordinated and housekeeping is skipped.
    """

    def __init__(self, path: Path) -> None:
        self._fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def try_exclusive(self) -> bool:
        try:
            import fcntl
        except ImportError:  # Windows
            return False
        assert self._fd is not None
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def share(self) -> None:
        try:
            import fcntl
        except ImportError:  # Windows
            return
        assert self._fd is not None
        fcntl.flock(self._fd, fcntl.LOCK_SH)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
