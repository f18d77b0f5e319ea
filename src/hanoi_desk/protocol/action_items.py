"""Action items of a meeting's conclusions on the wire (docs/action-items.md,
docs/protocol.md). A module of its own (imported as
``hanoi_desk.protocol.action_items``) so the part grows without touching the
shared records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from hanoi_desk.protocol.base import ProtocolError, _ident, _str

ACTION_ITEM: Final = "action_item"
"""Change record type: one action item with its unit's members, the meeting's
secretariat and its status history, to the meeting's participants and the owner
unit's members. Older clients ignore it (unknown type)."""

KIND_ACTION_ITEM_STATUS: Final = "action_item.status"
"""A member of the owner unit or of the meeting's secretariat moves the status."""

REASON_NOT_OWNER_UNIT: Final = "not_owner_unit"
"""The sender is neither a member of the item's unit nor of the meeting's secretariat."""
REASON_BAD_TRANSITION: Final = "bad_transition"
"""That status cannot follow the item's current one for this sender (e.g. done twice)."""

STATUSES: Final = ("open", "in_progress", "done", "cancelled")
MAX_NOTE: Final = 500


@dataclass(frozen=True)
class ActionItemStatus:
    """Payload of ``action_item.status``."""

    item_id: str
    status: str
    note: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> ActionItemStatus:
        w = "action_item.status payload"
        status = _str(payload, "status", w)
        if status not in STATUSES:
            raise ProtocolError(w, "“status” must be one of " + ", ".join(STATUSES))
        note = _str(payload, "note", w, empty=True).strip()
        if len(note) > MAX_NOTE:
            raise ProtocolError(w, f"“note” must be at most {MAX_NOTE} characters")
        return cls(_ident(payload, "item_id", w), status, note)

    def to_json(self) -> dict[str, Any]:
        return {"item_id": self.item_id, "status": self.status, "note": self.note}
