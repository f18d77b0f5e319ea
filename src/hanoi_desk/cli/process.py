"""What the program asks of the operating system for its whole process, once,
at the entry point (``hanoi-desk``, which also starts the desktop app).

It lives with the entry point, not with the store: it is not about a profile or
a key but about the process that will hold them, and only the program's start
decides that (a library or a test importing the store must not change it).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None


def make_undumpable() -> bool:
    """Linux: no core dump, and other processes of this account can no longer
    attach to this one or read ``/proc/<pid>/mem`` (only root can).

    Other systems: nothing to do here (Windows and macOS keep processes of
    other users out; a debugger of the same user is outside what an app can
    refuse). Returns whether the process is now protected this way.
    """
    libc = _libc()
    if libc is None:
        return False
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        log.warning("prctl(PR_SET_DUMPABLE) failed: errno %d", ctypes.get_errno())
        return False
    return True


def is_dumpable() -> bool | None:
    """The Linux dumpable flag of this process; None where there is none."""
    libc = _libc()
    if libc is None:
        return None
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))
