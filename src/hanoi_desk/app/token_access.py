"""The process's token manager and the vault's token unlocker, without the
PAdES stack: the unlock screen needs these before anything is signed, and
importing pyHanko's signers costs seconds at start-up."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from hanoi_desk.signing.modules import candidates
from hanoi_desk.signing.tokens import ModuleReport, TokenManager
from hanoi_desk.signing.unlocker import TokenUnlocker

__all__ = ["TokenManager", "list_tokens", "token_unlocker"]


def token_unlocker(manager: TokenManager) -> TokenUnlocker:
    """The vault's hardware-token unlocker sharing the app's token manager, so
    unlocking and signing with the same token use one login (PKCS#11 allows one
    logged-in session per token per process)."""
    return TokenUnlocker(manager)


def list_tokens(
    manager: TokenManager, modules: Sequence[str] = (), software_keys: Sequence[str] = ()
) -> list[ModuleReport]:
    """Tokens of the modules found (``modules`` first, then the usual places),
    then only the software keys named here: a key file is never found by
    searching, only opted into (the demo profile's ``software_keys``,
    ``--software-key``)."""
    reports = manager.scan(candidates(modules))
    if not software_keys:
        return reports
    from hanoi_desk.signing.softkey import describe  # pyHanko's signers: only when asked

    return reports + [describe(Path(p)) for p in software_keys]
