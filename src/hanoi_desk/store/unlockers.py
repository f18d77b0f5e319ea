"""The passphrase and OS-keyring unlockers of the vault."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from hanoi_desk.errors import EnvironmentFault, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.keys import Argon2Params, new_key, open_sealed, seal
from hanoi_desk.store.secmem import zero
from hanoi_desk.store.vault import ProfileMeta, SecretPrompt, b64d, b64e

MIN_PASSPHRASE = 8
WRONG_PASSPHRASE = N_("Wrong passphrase for profile “{name}”. Nothing was changed.")
SHORT_PASSPHRASE = N_("The passphrase must have at least {n} characters.")
NO_KEYRING = N_(
    "No secure system keyring is available here ({backend}). Use the passphrase instead; "
    "Hanoi Desk never keeps keys in a plain file."
)
KEYRING_FAILED = N_("The system keyring did not answer: {reason}. Use the passphrase instead.")
KEYRING_MISSING_ENTRY = N_(
    "The system keyring has no key for profile “{name}” (it was removed or this is another "
    "user account). Unlock with the passphrase."
)
KEYRING_MISMATCH = N_("The key in the system keyring does not open profile “{name}”.")


def _normalized(passphrase: str) -> str:
    """NFC, so "ộ" typed precomposed (Windows, Telex) or decomposed (macOS, some
    Unikey modes) is the same passphrase."""
    return unicodedata.normalize("NFC", passphrase)


class PassphraseUnlocker:
    kind = "passphrase"
    label = "passphrase"

    def __init__(self, params: Argon2Params | None = None) -> None:
        self.params = params or Argon2Params()

    def wrap(self, master: bytearray, meta: ProfileMeta, prompt: SecretPrompt) -> dict[str, Any]:
        passphrase = _normalized(prompt.passphrase(meta.name, new=True))
        if len(passphrase) < MIN_PASSPHRASE:
            raise UserError(SHORT_PASSPHRASE, n=MIN_PASSPHRASE)
        salt = os.urandom(16)
        kek = self.params.derive(passphrase, salt)
        try:
            nonce, wrapped = seal(kek, master, meta.aad(self.kind))
        finally:
            zero(kek)
        return {
            "kind": self.kind,
            "kdf": {
                "name": "argon2id",
                "salt": b64e(salt),
                "memory_kib": self.params.memory_kib,
                "iterations": self.params.iterations,
                "lanes": self.params.lanes,
            },
            "nonce": b64e(nonce),
            "wrapped": b64e(wrapped),
        }

    def unwrap(
        self, record: Mapping[str, Any], meta: ProfileMeta, prompt: SecretPrompt
    ) -> bytearray:
        kdf = record["kdf"]
        params = Argon2Params(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
        passphrase = _normalized(prompt.passphrase(meta.name, new=False))
        kek = params.derive(passphrase, b64d(kdf["salt"]))
        try:
            master = open_sealed(
                kek, b64d(record["nonce"]), b64d(record["wrapped"]), meta.aad(self.kind)
            )
        finally:
            zero(kek)
        if master is None:
            raise UserError(WRONG_PASSPHRASE, name=meta.name)
        return master

    def forget(self, record: Mapping[str, Any], meta: ProfileMeta) -> None:
        return None


# Backends that keep secrets in an OS-protected store. Anything else (the
# ``fail`` backend, ``null``, or the plaintext/"encrypted file" stores of
# keyrings.alt) is refused: a key next to the data protects nothing.
SECURE_KEYRING_MODULES = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.kwallet",
    "keyring.backends.Windows",
    "keyring.backends.macOS",
)

KeyringFactory = Callable[[], Any]


def _default_keyring() -> Any:
    import keyring

    return keyring.get_keyring()


class KeyringUnlocker:
    """A random key in the OS keyring wraps the master key, so a person logged in
    to their own OS account can open their profile without typing."""

    kind = "keyring"
    label = "system keyring"
    service = "hanoi-desk"

    def __init__(self, backend: KeyringFactory = _default_keyring) -> None:
        self._backend_factory = backend

    def backend(self) -> Any:
        kr = self._backend_factory()
        candidates = list(getattr(kr, "backends", None) or [kr])
        for candidate in candidates:
            if type(candidate).__module__ in SECURE_KEYRING_MODULES:
                return candidate
        names = ", ".join(f"{type(c).__module__}.{type(c).__name__}" for c in candidates)
        raise EnvironmentFault(NO_KEYRING, backend=names)

    def available(self) -> bool:
        try:
            self.backend()
        except EnvironmentFault:
            return False
        return True

    @staticmethod
    def _account(meta: ProfileMeta) -> str:
        return f"profile:{meta.profile_id}"

    def _call(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except EnvironmentFault:
            raise
        except Exception as exc:  # keyring raises many backend-specific types
            raise EnvironmentFault(KEYRING_FAILED, reason=type(exc).__name__) from None

    def wrap(self, master: bytearray, meta: ProfileMeta, prompt: SecretPrompt) -> dict[str, Any]:
        backend = self.backend()
        secret = new_key()
        try:
            self._call(
                lambda: backend.set_password(self.service, self._account(meta), secret.hex())
            )
            nonce, wrapped = seal(secret, master, meta.aad(self.kind))
        finally:
            zero(secret)
        return {
            "kind": self.kind,
            "service": self.service,
            "nonce": b64e(nonce),
            "wrapped": b64e(wrapped),
        }

    def unwrap(
        self, record: Mapping[str, Any], meta: ProfileMeta, prompt: SecretPrompt
    ) -> bytearray:
        backend = self.backend()
        stored = self._call(lambda: backend.get_password(self.service, self._account(meta)))
        if not stored:
            raise UserError(KEYRING_MISSING_ENTRY, name=meta.name)
        try:
            secret = bytearray.fromhex(stored)
        except ValueError:
            raise UserError(KEYRING_MISMATCH, name=meta.name) from None
        try:
            master = open_sealed(
                secret, b64d(record["nonce"]), b64d(record["wrapped"]), meta.aad(self.kind)
            )
        finally:
            zero(secret)
        if master is None:
            raise UserError(KEYRING_MISMATCH, name=meta.name)
        return master

    def forget(self, record: Mapping[str, Any], meta: ProfileMeta) -> None:
        backend = self.backend()
        self._call(lambda: backend.delete_password(self.service, self._account(meta)))
