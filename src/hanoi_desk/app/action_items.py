"""Conclusions' action items for the CLI and the desktop (docs/action-items.md):
the list per meeting or per unit, and a status change queued offline like a
comment, checked first with the rule the server applies."""

from __future__ import annotations

import contextlib
import datetime
import json

from hanoi_desk.domain import action_items as da
from hanoi_desk.domain.states import UNSENT
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol.action_items import KIND_ACTION_ITEM_STATUS
from hanoi_desk.store.cache import Cache

NO_ITEM = N_("There is no action item “{id}” on this computer (sync first).")
ALREADY_QUEUED = N_("A status change of this item is already queued: sync to send it first.")
REFUSALS = {
    da.Refusal.NOT_ALLOWED.value: N_(
        "Only a member of the owner unit ({unit}) or the meeting's chair or secretary "
        "may change this item's status."
    ),
    da.Refusal.BAD_MOVE.value: N_("An item that is {current} cannot be marked {new} by you."),
    da.Refusal.NOTE_TOO_LONG.value: N_("The note is too long (at most 500 characters)."),
}
STATUS_WORDS = {
    da.OPEN: N_("open"),
    da.IN_PROGRESS: N_("under way"),
    da.DONE: N_("done"),
    da.CANCELLED: N_("cancelled"),
}


def today() -> datetime.date:
    """The local calendar day: a due date is a day where the council sits."""
    return datetime.date.today()


def me(cache: Cache) -> frozenset[str]:
    return cache.repos.comments.my_user_ids()


def items(
    cache: Cache, *, meeting: str | None = None, unit: str | None = None
) -> list[da.ActionItem]:
    """Overdue first, then by due date; ``unit`` matches the unit's id or name."""
    found = [
        i
        for i in cache.repos.action_items.all()
        if (meeting is None or i.meeting_id == meeting)
        and (unit is None or unit in (i.unit_id, i.unit_name))
    ]
    return da.by_due(found)


def find(cache: Cache, item_id: str) -> da.ActionItem:
    """By id or a unique start of it."""
    found = cache.repos.action_items.get(item_id)
    if found is None and item_id:
        starts = [i for i in cache.repos.action_items.all() if i.id.startswith(item_id)]
        found = starts[0] if len(starts) == 1 else None
    if found is None:
        raise UserError(NO_ITEM, id=item_id)
    return found


def queued_items(cache: Cache) -> set[str]:
    """Items with a status change waiting in the outbox."""
    out: set[str] = set()
    for e in cache.repos.outbox.entries(tuple(UNSENT)):
        if e.kind == KIND_ACTION_ITEM_STATUS:
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                out.add(str(json.loads(e.payload)["item_id"]))
    return out


def queue_status(cache: Cache, item: da.ActionItem, status: str, note: str = "") -> str:
    """Queue ``action_item.status`` after the domain rule allows it (the server
    applies the same rule); one change per item waits at a time, so the rule is
    checked against the status the server last sent."""
    mine = me(cache)
    note = note.strip()
    refusal = da.may_change(item.status, status, note, unit=bool(item.unit_members & mine),
                            secretariat=bool(item.secretariat & mine))  # fmt: skip
    if refusal is not None:
        raise UserError(REFUSALS[refusal.value], unit=item.unit_name,
                        current=status_word(item.status), new=status_word(status))  # fmt: skip
    if item.id in queued_items(cache):
        raise UserError(ALREADY_QUEUED)
    with cache.transaction():
        return cache.repos.outbox.enqueue(
            KIND_ACTION_ITEM_STATUS, {"item_id": item.id, "status": status, "note": note}
        )


def status_word(status: str) -> str:
    from hanoi_desk.i18n import translate

    return translate(STATUS_WORDS[status]) if status in STATUS_WORDS else status
