"""The action items' rule (domain/action_items.py), the one the client checks
before queueing and the server applies: who may move which status, overdue
derived from the due day, the list's order, a damaged record refused."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from hanoi_desk.domain import action_items as da

DAY = datetime.date(2027, 3, 31)


def _record(**over: Any) -> dict[str, Any]:
    return {"id": "a", "meeting_id": "m", "document_version_id": "v", "number": 1,
            "text": "Báo cáo", "unit_id": "u", "unit_name": "Phòng TC-KH",
            "due_date": DAY.isoformat(), "status": "open", "unit_members": ["member"],
            "secretariat": ["chair"],
            "history": [{"status": "open", "note": "", "by": "", "by_name": "", "at": 1}],
            **over}  # fmt: skip


def test_who_may_move_what() -> None:
    unit = {"unit": True, "secretariat": False}
    chair = {"unit": False, "secretariat": True}
    assert da.may_change("open", "in_progress", "", **unit) is None
    assert da.may_change("in_progress", "done", "Đã xong", **unit) is None
    assert da.may_change("open", "cancelled", "", **unit) is da.Refusal.BAD_MOVE
    assert da.may_change("done", "in_progress", "", **unit) is da.Refusal.BAD_MOVE
    assert da.may_change("done", "done", "", **unit) is da.Refusal.BAD_MOVE
    assert da.may_change("open", "cancelled", "", **chair) is None
    assert da.may_change("done", "in_progress", "Mở lại", **chair) is None
    assert da.may_change("cancelled", "open", "", **chair) is None
    nobody = {"unit": False, "secretariat": False}
    assert da.may_change("open", "done", "", **nobody) is da.Refusal.NOT_ALLOWED
    assert da.may_change("open", "done", "x" * 501, **unit) is da.Refusal.NOTE_TOO_LONG


def test_overdue_is_derived_from_the_due_day() -> None:
    item = da.ActionItem.parse(_record())
    assert not item.overdue(DAY)  # the due day itself is on time
    assert item.overdue(DAY + datetime.timedelta(days=1))
    done = da.ActionItem.parse(_record(status="done"))
    assert not done.overdue(DAY + datetime.timedelta(days=30))
    assert item.moves_for(["member"]) == {"in_progress", "done"}
    assert item.moves_for(["someone"]) == frozenset()


def test_the_list_puts_overdue_first_then_by_due_date() -> None:
    late = da.ActionItem.parse(_record(id="late", number=3))
    soon = da.ActionItem.parse(_record(id="soon", number=1, due_date="2027-04-02"))
    later = da.ActionItem.parse(_record(id="later", number=2, due_date="2027-05-01"))
    finished = da.ActionItem.parse(_record(id="fin", status="done", due_date="2027-01-01"))
    order = da.by_due([finished, later, soon, late])
    assert [i.id for i in order] == ["late", "soon", "later", "fin"]


@pytest.mark.parametrize(
    "damage", [{"status": "overdue"}, {"due_date": "31/03/2027"}, {"history": None}]
)
def test_a_damaged_record_is_refused(damage: dict[str, Any]) -> None:
    with pytest.raises((ValueError, TypeError, KeyError)):
        da.ActionItem.parse(_record(**damage))
