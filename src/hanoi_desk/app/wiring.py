"""Composition root helpers: the one place that picks concrete adapters."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from hanoi_desk.store.unlockers import KeyringUnlocker, PassphraseUnlocker
from hanoi_desk.store.vault import Unlocker, Vault


def default_home() -> Path:
    """HANOI_DESK_HOME, else the platform's per-user data directory."""
    override = os.environ.get("HANOI_DESK_HOME")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("HanoiDesk", appauthor=False, roaming=False))


def default_vault(home: Path | None = None, extra: dict[str, Unlocker] | None = None) -> Vault:
    # The token stack (python-pkcs11, pyHanko) costs ~0.4 s to import: only when a vault is built.
    from hanoi_desk.signing.unlocker import TokenUnlocker

    unlockers: dict[str, Unlocker] = {
        "passphrase": PassphraseUnlocker(),
        "keyring": KeyringUnlocker(),
        "token": TokenUnlocker(),
    }
    unlockers.update(extra or {})
    return Vault(home or default_home(), unlockers)
