"""Per-profile settings, declared once: name, type, default and why it exists.

They live inside the encrypted database (the ``meta`` table), because the
server address, the organisation and the images of a signer's signature and
seal say who the person is. The display language is also kept outside the
profile by the UI, since the unlock screen must speak it before any key is
known.
"""

from __future__ import annotations

from typing import Any

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.domain.settings import SETTINGS, Assignment, Setting, SettingValues
from hanoi_desk.store.cache import Cache

# The table is the domain's (domain/settings.py); named here for the screens.
__all__ = ["SETTINGS", "Assignment", "Setting", "SettingValues", "Settings"]


class Settings:
    """Runs on the lane that owns the database; a save publishes ``settings``."""

    def __init__(self, cache: Cache, changes: ChangeBus | None = None) -> None:
        self.cache = cache
        self.changes = changes if changes is not None else ChangeBus()

    def load(self) -> SettingValues:
        return self.cache.repos.settings.load()

    def save(self, *assignments: Assignment[Any]) -> SettingValues:
        """Check every assignment first: one bad value changes nothing."""
        values = self.load().with_(assignments)
        with self.cache.transaction():
            self.cache.repos.settings.save(values)
        self.changes.publish(Changes(settings=True))
        return values
