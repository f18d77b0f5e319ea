"""The server's data folder, SQLite files and blobs are for its own account only.

Folders are made 0700 and files 0600 when they are created; the umask can only
take bits away, so they stay private whatever it is. A folder or database left
readable by others (every data folder made before this, with the usual umask
022) is tightened when the server opens it, and the log says so once. On
Windows the modes mean nothing (the profile's ACLs decide), so nothing is changed there.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_OTHERS = 0o077
_POSIX = os.name == "posix"


def private_dir(path: Path) -> None:
    """Create the folder (and missing parents) if needed, readable by this account only."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    tighten(path)


def private_file(path: Path) -> None:
    """Create an empty file if there is none, readable by this account only."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        tighten(path)
    else:
        os.close(fd)


def tighten(path: Path) -> None:
    """Take away every permission of group and others (kept as is for the owner)."""
    if not _POSIX:
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if not mode & _OTHERS:
        return
    try:
        os.chmod(path, mode & ~_OTHERS)
    except PermissionError:
        log.warning("%s is readable by other accounts and cannot be made private", path)
    else:
        log.warning("%s was readable by other accounts; it is now private", path)
