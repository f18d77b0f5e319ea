"""The process's token manager and the vault's token unlocker, without the
PAdES stack: the unlock screen needs these before anything is signed, and
importing pyHanko's signers costs seconds at start-up."""

from __future__ import annotations

from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.signing.unlocker import TokenUnlocker

__all__ = ["TokenManager", "token_unlocker"]


def token_unlocker(manager: TokenManager) -> TokenUnlocker:
    """The vault's hardware-token unlocker sharing the app's token manager, so
    unlocking and signing with the same token use one login (PKCS#11 allows one
    logged-in session per token per process)."""
    return TokenUnlocker(manager)
