"""Machine-wide settings an administrator writes, read before any profile is open.

One setting so far: whether the computer's OS account is shared by several
people (a meeting-room laptop, a secretariat PC with one login). The system
keyring opens a profile for anyone logged in to the account, so on such a
machine it is not offered for new profiles and a keyring slot made before is
never used, even when asked for (docs/key-hierarchy.md, "Shared OS account").

The file is TOML, one per machine, writable by administrators only:

- Linux: ``/etc/xdg/HanoiDesk/machine.toml`` (the first ``$XDG_CONFIG_DIRS`` entry)
- Windows: ``C:\\ProgramData\\HanoiDesk\\machine.toml``
- macOS: ``/Library/Application Support/HanoiDesk/machine.toml``

``HANOI_DESK_MACHINE_CONFIG`` names another file (tests, unusual layouts).
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

log = logging.getLogger(__name__)
ENV = "HANOI_DESK_MACHINE_CONFIG"
FILE_NAME = "machine.toml"


def machine_file() -> Path:
    override = os.environ.get(ENV)
    if override:
        return Path(override).expanduser()
    return platformdirs.site_config_path("HanoiDesk", appauthor=False) / FILE_NAME


@dataclass(frozen=True)
class MachinePolicy:
    shared_account: bool = False
    """Several people use this OS account: the keyring unlocker is never used."""
    source: Path | None = None
    """The file that said so (named in messages, so people know where it comes from)."""


def load_machine_policy(path: Path | None = None) -> MachinePolicy:
    """The policy in ``path`` (default: :func:`machine_file`); none when there is no file.

    A file that exists but cannot be read or understood counts as "shared": an
    administrator wrote it to restrict something, so failing open would undo
    that; the log says why.
    """
    file = path or machine_file()
    try:
        raw = tomllib.loads(file.read_text("utf-8"))
    except FileNotFoundError:
        return MachinePolicy()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning(
            "machine settings %s unreadable (%s): treated as shared", file, type(exc).__name__
        )
        return MachinePolicy(shared_account=True, source=file)
    shared = raw.get("shared_account", False)
    if not isinstance(shared, bool):
        log.warning(
            "machine settings %s: shared_account is not true/false: treated as shared", file
        )
        shared = True
    return MachinePolicy(shared_account=shared, source=file)
