"""The profile's settings, kept as one JSON value in the encrypted ``meta`` table
(the server address, the organisation and the signer's images say who the
person is). The table they are checked against is ``domain.settings``."""

from __future__ import annotations

import json

from hanoi_desk.domain.settings import SettingValues
from hanoi_desk.store.repos.base import Repository

_KEY = "settings"


class SettingsRepository(Repository):
    __slots__ = ()

    def load(self) -> SettingValues:
        """The stored values; unreadable JSON reads as the defaults."""
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
        try:
            stored = json.loads(row[0]) if row is not None else {}
        except ValueError:
            stored = {}
        return SettingValues.parse(stored)

    def save(self, values: SettingValues) -> None:
        self._writing().execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_KEY, json.dumps(values.stored(), ensure_ascii=False, sort_keys=True)),
        )
