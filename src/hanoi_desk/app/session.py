"""Profiles and the unlocked working session over one profile's cache."""

from __future__ import annotations

import secrets
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.app.machine import MachinePolicy, load_machine_policy
from hanoi_desk.app.unsent import UnsentWork, count_unsent
from hanoi_desk.domain.models import DocumentSummary, SearchHit
from hanoi_desk.errors import Cancelled, EnvironmentFault, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.vault import ProfileMeta, SecretPrompt, UnlockedProfile, Vault

KEYRING_ON_SHARED = N_(
    "This computer is marked as shared ({file}): the system keyring would open profile "
    "“{name}” for anyone who uses this OS account, so it is off here. Use the passphrase."
)
KEYRING_SLOT_ON_SHARED = N_(
    "This computer is marked as shared ({file}): the system keyring would open profile "
    "“{name}” for anyone who uses this OS account, so Hanoi Desk does not use it here. "
    "Unlock with the passphrase. The keyring still holds the profile's key, which other "
    "programs of this account can read: `hanoi-desk profile keyring {name} --disable` "
    "removes it."
)

Progress = Callable[[int, int, str], None]
"""(done, total, item name) after each item of a long operation."""
IsCancelled = Callable[[], bool]


@dataclass(frozen=True)
class ImportResult:
    path: Path
    document: DocumentSummary | None
    error: HanoiDeskError | None
    warnings: tuple[HanoiDeskError, ...] = ()
    """The file went in, but its reader should know (JavaScript, a Launch action)."""


class Session:
    """An unlocked profile. Closing it (a lock, the end of a command) closes the
    connection and zeroes the master key and its sub-keys; what Python cannot
    erase is listed in docs/key-hierarchy.md."""

    def __init__(self, profile: UnlockedProfile, cache: Cache) -> None:
        self.profile = profile
        self.cache = cache
        self.token_scope = secrets.token_hex(16)
        """Owner of the token logins made while this session is unlocked: random
        per unlock (never an ``id()``, which a later session may get again), so
        neither another profile nor this one after a lock can reuse them."""
        self.changes = ChangeBus()
        """What this session's use cases changed, for the screens that show it
        (app/changes.py); it dies with the session, so a lock drops every subscriber."""

    def close(self) -> None:
        try:
            self.cache.close()
        finally:
            self.profile.wipe()
            _drain_pdf_messages()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def import_pdfs(
        self,
        paths: Iterable[Path],
        progress: Progress | None = None,
        cancelled: IsCancelled | None = None,
    ) -> list[ImportResult]:
        """Import each file on its own: one bad file is reported, the others go in."""
        todo = list(paths)
        results: list[ImportResult] = []
        try:
            for done, path in enumerate(todo):
                if cancelled is not None and cancelled():
                    raise Cancelled()
                try:
                    imported = self.cache.import_pdf(path)
                    results.append(ImportResult(path, imported.document, None, imported.warnings))
                except HanoiDeskError as exc:
                    results.append(ImportResult(path, None, exc))
                if progress is not None:
                    progress(done + 1, len(todo), path.name)
        finally:
            # Once for the whole import, even a cancelled one: the files before
            # the cancel are in.
            if any(r.document is not None for r in results):
                self.changes.publish(Changes(documents=True))
        return results

    def documents(self) -> list[DocumentSummary]:
        return self.cache.documents()

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        return self.cache.search(query, limit)

    def export(self, doc_id: str, reason: str) -> tuple[DocumentSummary, Iterator[bytes]]:
        doc = self.cache.document(doc_id)
        return doc, self.cache.export_document(doc, reason)


class Desk:
    """Entry to every profile on this machine."""

    def __init__(self, vault: Vault, machine: MachinePolicy | None = None) -> None:
        self.vault = vault
        self.machine = machine if machine is not None else load_machine_policy()

    def profiles(self) -> list[ProfileMeta]:
        return self.vault.list()

    @property
    def keyring_allowed(self) -> bool:
        """Whether the keyring may be offered and used unasked (not on a shared account)."""
        return not self.machine.shared_account

    def _refuse_keyring_if_shared(self, name: str) -> None:
        if not self.keyring_allowed:
            source = self.machine.source
            raise UserError(KEYRING_ON_SHARED, name=name, file=str(source) if source else "-")

    def keyring_slot_refused(self, name: str) -> UserError | None:
        """Why the keyring slot of ``name`` is not used on this machine (None: it may be)."""
        if self.keyring_allowed:
            return None
        source = self.machine.source
        return UserError(KEYRING_SLOT_ON_SHARED, name=name, file=str(source) if source else "-")

    def _unlock_kind(self, name: str, kind: str | None) -> str | None:
        """``kind``, or the refusal of this machine. On a shared account a keyring
        slot made before the marking is never used, asked for by name or not: the
        co-user the marking is for could otherwise ask for it too. The passphrase
        slot always exists, so nobody is locked out."""
        refused = self.keyring_slot_refused(name)
        if refused is None:
            return kind
        if kind == "keyring" and "keyring" in self.vault.meta(name).unlocker_kinds:
            raise refused
        # Without a keyring slot, asking for it gets the vault's own "cannot be
        # unlocked with"; nothing asked for: the passphrase, never the keyring.
        return kind or "passphrase"

    def create(self, name: str, prompt: SecretPrompt, also_keyring: bool = False) -> ProfileMeta:
        if also_keyring:  # refuse before anything is written, not half-way
            self._refuse_keyring_if_shared(name)
            self.vault.check_available("keyring")
        profile = self.vault.create(name, "passphrase", prompt)
        try:
            # Create the encrypted database now so the profile is complete on disk.
            Cache.open(profile, create=True).close()
            if also_keyring:
                return self.vault.add_unlocker(profile, "keyring", prompt)
            return profile.meta
        finally:
            profile.wipe()

    def enable_keyring(self, name: str, prompt: SecretPrompt) -> ProfileMeta:
        """Let the keyring unlock ``name`` too (the passphrase proves the right to)."""
        self._refuse_keyring_if_shared(name)
        self.vault.check_available("keyring")
        profile = self.vault.unlock(name, prompt, "passphrase")
        try:
            return self.vault.add_unlocker(profile, "keyring", prompt)
        finally:
            profile.wipe()

    def open(self, name: str, prompt: SecretPrompt, kind: str | None = None) -> Session:
        kind = self._unlock_kind(name, kind)
        profile = self.vault.unlock(name, prompt, kind, auto_keyring=self.keyring_allowed)
        try:
            return Session(profile, Cache.open(profile))
        except BaseException:
            profile.wipe()
            raise

    def unsent_work(self, name: str, prompt: SecretPrompt, kind: str | None = None) -> UnsentWork:
        """What wiping ``name`` would lose; needs the profile unlocked (a wrong
        passphrase is an error, never retried)."""
        with self.open(name, prompt, kind) as session:
            return count_unsent(session.cache)

    def unsent_work_without_typing(self, name: str) -> UnsentWork | None:
        """The same through the keyring where it may be used unasked; None when
        nobody can know without the passphrase."""
        meta = self.vault.meta(name)
        if not self.keyring_allowed or "keyring" not in meta.unlocker_kinds:
            return None
        try:
            return self.unsent_work(name, _NobodyTyping(), "keyring")
        except (EnvironmentFault, UserError):
            return None  # no keyring here now, or its entry is gone

    def wipe(self, name: str) -> None:
        self.vault.wipe(name)


def _drain_pdf_messages() -> None:
    """Empty PyMuPDF's list of MuPDF messages, which quote the files read while
    the profile was unlocked (hanoi_desk/mupdf.py), so a lock leaves none behind.

    Only when a PDF was read in this process: importing PyMuPDF just to find
    the list empty would cost a CLI command a second."""
    mupdf = sys.modules.get("hanoi_desk.mupdf")
    if mupdf is not None:
        mupdf.drain_messages()


class _NobodyTyping:
    """For an unlock that must not ask anybody anything."""

    def passphrase(self, profile: str, *, new: bool) -> str:
        raise Cancelled()
