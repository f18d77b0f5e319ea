"""Action items of a meeting's conclusions (kết luận; docs/action-items.md): who
may move an item's status, which moves exist, and when an item is overdue.
Standard library only: the server applies the same rule to every
``action_item.status`` the client queued after checking it with this module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

OPEN = "open"
IN_PROGRESS = "in_progress"
DONE = "done"
CANCELLED = "cancelled"
STATUSES = (OPEN, IN_PROGRESS, DONE, CANCELLED)

MAX_NOTE = 500
"""A status note is a sentence or two ("Đã trình UBND tỉnh ngày 12/3")."""
MAX_TEXT = 2000

# The owner unit moves its own work forward; stopping an item the council
# decided on, or reopening a finished one, is the secretariat's decision.
UNIT_MOVES: Mapping[str, frozenset[str]] = {
    OPEN: frozenset({IN_PROGRESS, DONE}),
    IN_PROGRESS: frozenset({DONE}),
}
SECRETARIAT_MOVES: Mapping[str, frozenset[str]] = {
    OPEN: frozenset({IN_PROGRESS, DONE, CANCELLED}),
    IN_PROGRESS: frozenset({DONE, CANCELLED}),
    DONE: frozenset({IN_PROGRESS}),
    CANCELLED: frozenset({OPEN}),
}


class Refusal(Enum):
    """Why a status change is refused; the values are the protocol's reasons."""

    NOT_ALLOWED = "not_owner_unit"
    BAD_MOVE = "bad_transition"
    NOTE_TOO_LONG = "invalid_payload"


@dataclass(frozen=True)
class Change:
    status: str
    note: str
    by: str
    by_name: str
    at: int


@dataclass(frozen=True)
class ActionItem:
    id: str
    meeting_id: str
    document_version_id: str
    number: int
    text: str
    unit_id: str
    unit_name: str
    due_date: datetime.date
    status: str
    unit_members: frozenset[str]
    secretariat: frozenset[str]
    history: tuple[Change, ...]

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> ActionItem:
        """Raises KeyError, TypeError or ValueError on a damaged record."""
        status = str(data["status"])
        if status not in STATUSES:
            raise ValueError("status")
        history = tuple(
            Change(str(h["status"]), str(h["note"]), str(h["by"]), str(h["by_name"]), int(h["at"]))
            for h in data["history"]
        )
        return cls(
            str(data["id"]),
            str(data["meeting_id"]),
            str(data["document_version_id"]),
            int(data["number"]),
            str(data["text"]),
            str(data["unit_id"]),
            str(data["unit_name"]),
            datetime.date.fromisoformat(str(data["due_date"])),
            status,
            frozenset(str(u) for u in data["unit_members"]),
            frozenset(str(u) for u in data["secretariat"]),
            history,
        )

    def overdue(self, today: datetime.date) -> bool:
        """Past its due date and not finished: derived, never stored (the due day
        itself is still on time)."""
        return self.status in (OPEN, IN_PROGRESS) and today > self.due_date

    def moves_for(self, me: Iterable[str]) -> frozenset[str]:
        """The statuses I may move this item to."""
        return moves(self.status, unit=bool(self.unit_members & set(me)),
                     secretariat=bool(self.secretariat & set(me)))  # fmt: skip


def moves(status: str, *, unit: bool, secretariat: bool) -> frozenset[str]:
    out: set[str] = set()
    if unit:
        out |= UNIT_MOVES.get(status, frozenset())
    if secretariat:
        out |= SECRETARIAT_MOVES.get(status, frozenset())
    return frozenset(out)


def may_change(
    current: str, new: str, note: str, *, unit: bool, secretariat: bool
) -> Refusal | None:
    """The one rule for a status change, on the client before queueing and on the
    server: a member of the owner unit or of the meeting's secretariat (chair,
    secretary), along an allowed move, with a short note."""
    if len(note) > MAX_NOTE:
        return Refusal.NOTE_TOO_LONG
    if not unit and not secretariat:
        return Refusal.NOT_ALLOWED
    if new not in moves(current, unit=unit, secretariat=secretariat):
        return Refusal.BAD_MOVE
    return None


def by_due(items: Iterable[ActionItem]) -> list[ActionItem]:
    """The unfinished by due date (so the overdue come first: their day is past),
    then the finished."""

    def rank(i: ActionItem) -> tuple[int, datetime.date, int, str]:
        return (0 if i.status in (OPEN, IN_PROGRESS) else 1, i.due_date, i.number, i.id)

    return sorted(items, key=rank)
