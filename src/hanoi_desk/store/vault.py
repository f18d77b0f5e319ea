"""The profile vault: where profiles live and how their master key is unlocked.

A profile directory holds ``profile.json`` (non-secret metadata and the master
key wrapped once per unlocker), the SQLCipher database and the blob store. The
master key is random and never stored in the clear; each *unlocker* (a
passphrase, the OS keyring, a hardware token) holds one wrapped copy of it.
Deleting ``profile.json`` therefore crypto-shreds the whole profile, which is
what a wipe does first.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from hanoi_desk.errors import EnvironmentFault, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.fsutil import atomic_write
from hanoi_desk.store.keys import DerivedKeys, derive_keys, new_key
from hanoi_desk.store.secmem import zero

PROFILE_FILE = "profile.json"
FORMAT_VERSION = 1
_NAME = re.compile(r"[^\W][\w.-]{0,63}")

BAD_NAME = N_(
    "“{name}” is not a valid profile name: use up to 64 letters, digits, dots, "
    "dashes or underscores, starting with a letter or digit."
)
NO_PROFILE = N_("There is no profile named “{name}”. `hanoi-desk profile list` shows them.")
PROFILE_EXISTS = N_("A profile named “{name}” already exists.")
NO_UNLOCKER = N_("Profile “{name}” cannot be unlocked with {kind}. It has: {available}.")
DAMAGED_PROFILE = N_(
    "The key file of profile “{name}” is damaged ({reason}). Restore it from a backup or "
    "wipe the profile."
)
LAST_UNLOCKER = N_("This is the only way to unlock profile “{name}”: add another one first.")


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


class SecretPrompt(Protocol):
    """How the core asks a person for a secret. The CLI and the UI implement it;
    the core never reads a terminal or opens a dialog itself."""

    def passphrase(self, profile: str, *, new: bool) -> str:
        """The profile's passphrase; with ``new``, a new one (asked twice by the UI)."""
        ...


@dataclass(frozen=True)
class ProfileMeta:
    name: str
    profile_id: str
    created_at: str
    path: Path
    unlockers: tuple[dict[str, Any], ...] = field(default=())

    @property
    def unlocker_kinds(self) -> tuple[str, ...]:
        return tuple(u["kind"] for u in self.unlockers)

    def aad(self, kind: str) -> bytes:
        """Binds a wrapped master key to this profile and unlocker slot."""
        return f"hanoi-desk/master/v1/{self.profile_id}/{kind}".encode()


class Unlocker(Protocol):
    """One way to recover the master key. Implementations: passphrase and keyring
    here; the hardware-token unlocker lives with the signing adapter."""

    kind: str
    label: str

    def wrap(self, master: bytearray, meta: ProfileMeta, prompt: SecretPrompt) -> dict[str, Any]:
        """A JSON-safe record holding ``master`` wrapped for this unlocker."""
        ...

    def unwrap(
        self, record: Mapping[str, Any], meta: ProfileMeta, prompt: SecretPrompt
    ) -> bytes | bytearray:
        """The master key; raises a UserError/EnvironmentFault when it cannot.
        A ``bytearray`` is taken over by the vault (and zeroed on lock); a
        ``bytes`` is copied and stays the unlocker's to drop."""
        ...

    def forget(self, record: Mapping[str, Any], meta: ProfileMeta) -> None:
        """Remove anything stored outside the profile (a keyring entry)."""
        ...


class UnlockedProfile:
    """The master key and its sub-keys while a profile is unlocked.

    :meth:`wipe` zeroes every key buffer (a lock, the end of a command); after
    it the profile opens nothing and :attr:`wiped` says so, instead of failing
    later with a zero key that looks like a damaged database."""

    def __init__(self, meta: ProfileMeta, keys: DerivedKeys, master: bytearray) -> None:
        self.meta = meta
        self.keys = keys
        self.master = master
        self.wiped = False

    @property
    def path(self) -> Path:
        return self.meta.path

    def wipe(self) -> None:
        zero(self.master)
        self.keys.wipe()
        self.wiped = True

    def __repr__(self) -> str:  # never the keys, even in a traceback with locals
        return f"UnlockedProfile({self.meta.name!r}, wiped={self.wiped})"


Names = list[str]  # spelled once here: inside Vault, ``list`` is a method


class Vault:
    """All profiles under one home directory."""

    def __init__(self, home: Path, unlockers: Mapping[str, Unlocker]) -> None:
        self.home = home
        self.unlockers = dict(unlockers)

    @property
    def profiles_dir(self) -> Path:
        return self.home / "profiles"

    def _dir(self, name: str) -> Path:
        if not _NAME.fullmatch(name):
            raise UserError(BAD_NAME, name=name)
        return self.profiles_dir / name

    def list(self) -> list[ProfileMeta]:
        """Readable profiles; also finishes wipes that a crash interrupted."""
        if not self.profiles_dir.is_dir():
            return []
        for leftover in self.profiles_dir.glob(".wiping-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        found = []
        for child in sorted(self.profiles_dir.iterdir()):
            if (child / PROFILE_FILE).is_file():
                with contextlib.suppress(UserError):
                    found.append(self.meta(child.name))
        return found

    def exists(self, name: str) -> bool:
        return self._dir(name).is_dir()

    def damaged(self) -> Names:
        """Profile folders whose key file cannot be read: shown so they can be wiped."""
        if not self.profiles_dir.is_dir():
            return []
        names = []
        for child in sorted(self.profiles_dir.iterdir()):
            if child.is_dir() and not child.name.startswith("."):
                try:
                    self.meta(child.name)
                except UserError:
                    names.append(child.name)
        return names

    def meta(self, name: str) -> ProfileMeta:
        path = self._dir(name)
        file = path / PROFILE_FILE
        try:
            raw = json.loads(file.read_text("utf-8"))
            if raw.get("format") != FORMAT_VERSION:
                raise ValueError(f"unknown format {raw.get('format')!r}")
            records = raw["unlockers"]
            if not records or not all(
                isinstance(r, dict) and isinstance(r.get("kind"), str) for r in records
            ):
                raise ValueError("no usable unlocker record")
            return ProfileMeta(
                name=name,
                profile_id=str(uuid.UUID(raw["profile_id"])),
                created_at=str(raw["created_at"]),
                path=path,
                unlockers=tuple(raw["unlockers"]),
            )
        except FileNotFoundError:
            raise UserError(NO_PROFILE, name=name) from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UserError(DAMAGED_PROFILE, name=name, reason=type(exc).__name__) from None

    def _save(self, meta: ProfileMeta) -> None:
        body = {
            "format": FORMAT_VERSION,
            "profile_id": meta.profile_id,
            "created_at": meta.created_at,
            "unlockers": list(meta.unlockers),
        }
        atomic_write(meta.path / PROFILE_FILE, json.dumps(body, indent=2).encode())

    def create(self, name: str, kind: str, prompt: SecretPrompt) -> UnlockedProfile:
        path = self._dir(name)
        if (path / PROFILE_FILE).exists():
            raise UserError(PROFILE_EXISTS, name=name)
        unlocker = self._unlocker(kind, name, available=tuple(self.unlockers))
        if path.exists():
            # Without profile.json nothing in there can be decrypted: leftovers of an
            # interrupted create or wipe. Reusing them would mix two profiles' files.
            shutil.rmtree(path)
        try:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise EnvironmentFault(
                N_("Cannot create {path}: {reason}."), path=str(path), reason=exc.strerror or ""
            ) from None
        meta = ProfileMeta(
            name=name,
            profile_id=str(uuid.uuid4()),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            path=path,
        )
        master = new_key()
        try:
            record = unlocker.wrap(master, meta, prompt)
        except BaseException:
            zero(master)
            raise
        meta = ProfileMeta(meta.name, meta.profile_id, meta.created_at, path, (record,))
        self._save(meta)
        return UnlockedProfile(meta, derive_keys(master, meta.profile_id), master)

    def _unlocker(self, kind: str, name: str, available: tuple[str, ...]) -> Unlocker:
        try:
            return self.unlockers[kind]
        except KeyError:
            raise UserError(
                NO_UNLOCKER, name=name, kind=kind, available=", ".join(available) or "-"
            ) from None

    def unlock(
        self,
        name: str,
        prompt: SecretPrompt,
        kind: str | None = None,
        *,
        auto_keyring: bool = True,
    ) -> UnlockedProfile:
        """Unlock with ``kind``, or with the first unlocker that needs nobody typing
        (the keyring, unless ``auto_keyring`` is off). A machine whose OS account
        is shared never uses the keyring: ``app.session.Desk`` refuses it by name
        too and passes the passphrase here."""
        meta = self.meta(name)
        kinds = meta.unlocker_kinds
        if kind is None and auto_keyring and "keyring" in kinds and "keyring" in self.unlockers:
            try:
                return self._unlock_with(meta, "keyring", prompt)
            except (EnvironmentFault, UserError):
                # The keyring went away or lost the entry: fall back to the passphrase.
                if "passphrase" not in kinds:
                    raise
                kind = "passphrase"
        if kind is None:
            kind = "passphrase" if "passphrase" in kinds else kinds[0]
        return self._unlock_with(meta, kind, prompt)

    def _unlock_with(self, meta: ProfileMeta, kind: str, prompt: SecretPrompt) -> UnlockedProfile:
        kinds = meta.unlocker_kinds
        record = next((u for u in meta.unlockers if u["kind"] == kind), None)
        if record is None:
            raise UserError(NO_UNLOCKER, name=meta.name, kind=kind, available=", ".join(kinds))
        unwrapped = self._unlocker(kind, meta.name, kinds).unwrap(record, meta, prompt)
        master = unwrapped if isinstance(unwrapped, bytearray) else bytearray(unwrapped)
        return UnlockedProfile(meta, derive_keys(master, meta.profile_id), master)

    def check_available(self, kind: str) -> None:
        """Raise the unlocker's own clear error when it cannot work on this machine."""
        unlocker = self._unlocker(kind, "-", tuple(self.unlockers))
        check = getattr(unlocker, "backend", None)
        if callable(check):
            check()

    def add_unlocker(
        self, profile: UnlockedProfile, kind: str, prompt: SecretPrompt
    ) -> ProfileMeta:
        """Add or replace the ``kind`` slot; the data and the master key stay as they are."""
        meta = self.meta(profile.meta.name)
        record = self._unlocker(kind, meta.name, tuple(self.unlockers)).wrap(
            profile.master, meta, prompt
        )
        others = tuple(u for u in meta.unlockers if u["kind"] != kind)
        meta = ProfileMeta(
            meta.name, meta.profile_id, meta.created_at, meta.path, (*others, record)
        )
        self._save(meta)
        return meta

    def remove_unlocker(self, name: str, kind: str) -> ProfileMeta:
        meta = self.meta(name)
        if meta.unlocker_kinds == (kind,):
            raise UserError(LAST_UNLOCKER, name=name)
        record = next((u for u in meta.unlockers if u["kind"] == kind), None)
        if record is None:
            raise UserError(
                NO_UNLOCKER, name=name, kind=kind, available=", ".join(meta.unlocker_kinds)
            )
        remaining = tuple(u for u in meta.unlockers if u["kind"] != kind)
        meta = ProfileMeta(meta.name, meta.profile_id, meta.created_at, meta.path, remaining)
        self._save(meta)
        if kind in self.unlockers:
            self.unlockers[kind].forget(record, meta)
        return meta

    def wipe(self, name: str) -> None:
        """Crypto-shred first (the wrapped keys), then delete the ciphertext.

        The directory is first renamed aside in one atomic step, so a wipe that
        is killed half-way leaves no half profile under the name; ``list()``
        finishes such wipes. A damaged profile can still be wiped.
        """
        path = self._dir(name)
        if not path.exists():
            raise UserError(NO_PROFILE, name=name)
        try:
            meta: ProfileMeta | None = self.meta(name)
        except UserError:
            meta = None
        doomed = self.profiles_dir / f".wiping-{uuid.uuid4().hex}"
        os.replace(path, doomed)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(doomed / PROFILE_FILE)
        if meta is not None:
            for record in meta.unlockers:
                unlocker = self.unlockers.get(record["kind"])
                if unlocker is not None:
                    with contextlib.suppress(Exception):  # a missing keyring must not stop a wipe
                        unlocker.forget(record, meta)
        shutil.rmtree(doomed)
