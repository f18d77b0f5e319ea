"""Profiles and the unlocked working session over one profile's cache."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hanoi_desk.domain.models import DocumentSummary, SearchHit
from hanoi_desk.errors import Cancelled, HanoiDeskError
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.vault import ProfileMeta, SecretPrompt, UnlockedProfile, Vault

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

    def close(self) -> None:
        try:
            self.cache.close()
        finally:
            self.profile.wipe()

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
        results = []
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

    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    def profiles(self) -> list[ProfileMeta]:
        return self.vault.list()

    def create(self, name: str, prompt: SecretPrompt, also_keyring: bool = False) -> ProfileMeta:
        if also_keyring:  # refuse before anything is written, not half-way
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

    def open(self, name: str, prompt: SecretPrompt, kind: str | None = None) -> Session:
        profile = self.vault.unlock(name, prompt, kind)
        try:
            return Session(profile, Cache.open(profile))
        except BaseException:
            profile.wipe()
            raise

    def wipe(self, name: str) -> None:
        self.vault.wipe(name)
