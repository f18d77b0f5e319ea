"""Conclusions' action items (docs/action-items.md) as the feed brought them."""

from __future__ import annotations

import json

from hanoi_desk.domain.action_items import ActionItem
from hanoi_desk.store.repos.base import Repository


class ActionItemRepository(Repository):
    __slots__ = ()

    def all(self) -> list[ActionItem]:
        rows = self._conn.execute("SELECT data FROM action_items").fetchall()
        return [ActionItem.parse(json.loads(r[0])) for r in rows]

    def get(self, item_id: str) -> ActionItem | None:
        row = self._conn.execute(
            "SELECT data FROM action_items WHERE id = ?", (item_id,)
        ).fetchone()
        return None if row is None else ActionItem.parse(json.loads(row[0]))
