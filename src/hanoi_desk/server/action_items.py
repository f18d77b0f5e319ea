"""Action items of a meeting's conclusions on the server (docs/action-items.md).

The secretariat's side (units and their members, adding items) runs on the
server's host (CLI, demo, tests), as for signing requests and consultations; a
status change is the ``action_item.status`` mutation, judged by the same domain
rule the client checks before queueing it (``domain.action_items.may_change``).
"""

from __future__ import annotations

import datetime
import time
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.domain import action_items as da
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import action_items as pa
from hanoi_desk.server.admin import user_by_name
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import feed_of
from hanoi_desk.server.models import (
    ActionItem,
    ActionItemChange,
    Document,
    DocumentVersion,
    FeedEntry,
    Meeting,
    Organisation,
    Participant,
    Unit,
    UnitMember,
    User,
)

SECRETARIAT = ("chair", "secretary")
"""The meeting's secretariat (as for consultations): they may move any item."""

NO_ORG = N_("There is no body “{org}” on this server.")
NO_UNIT = N_("There is no unit “{unit}” in this body.")
NO_VERSION = N_("There is no document version “{version}” on this server.")
NO_ITEM = N_("There is no action item “{item}” on this server.")
BAD_UNIT = N_("A unit's name is 1 to 400 characters.")
UNIT_EXISTS = N_("The body already has a unit named “{name}”.")
BAD_ITEM = N_("The action item cannot be added: {problem}.")
BAD_DUE = N_("“{value}” is not a date; write it as YYYY-MM-DD.")
SUPERSEDED = N_("That document version is superseded: add items to the newest version.")


# --- units ---------------------------------------------------------------------------------------


def add_unit(db: Database, org_id: str, name: str, unit_id: str | None = None) -> str:
    name = " ".join(name.split())
    if not 1 <= len(name) <= 400:
        raise UserError(BAD_UNIT)
    with db.write() as session:
        org = (
            session.get(Organisation, org_id)
            or session.scalars(select(Organisation).where(Organisation.name == org_id)).first()
        )  # the body's id, or its name as in meeting.toml
        if org is None:
            raise UserError(NO_ORG, org=org_id)
        org_id = org.id
        if session.scalars(
            select(Unit.id).where(Unit.organisation_id == org_id, Unit.name == name)
        ).first():
            raise UserError(UNIT_EXISTS, name=name)
        row = Unit(id=unit_id or uuid.uuid4().hex, organisation_id=org_id, name=name)
        session.add(row)
        return row.id


def add_member(db: Database, unit: str, username: str) -> None:
    """The user joins the unit and receives its items (the others' records name them)."""
    with db.write() as session:
        row = _unit(session, unit, None)
        # Any user of the server: a unit's staff need not sit in the body's
        # meetings, and a user's own body here is only where they were added.
        user = user_by_name(session, username)
        if session.get(UnitMember, (row.id, user.id)) is None:
            session.add(UnitMember(unit_id=row.id, user_id=user.id))
            session.flush()
        for item in session.scalars(select(ActionItem).where(ActionItem.unit_id == row.id)):
            publish(session, item)


def units(db: Database, org_id: str) -> list[dict[str, Any]]:
    with db.read() as session:
        out = []
        for u in session.scalars(
            select(Unit).where(Unit.organisation_id == org_id).order_by(Unit.name)
        ):
            members = session.scalars(
                select(User.username)
                .join(UnitMember, UnitMember.user_id == User.id)
                .where(UnitMember.unit_id == u.id)
                .order_by(User.username)
            )
            out.append({"id": u.id, "name": u.name, "members": list(members)})
        return out


def _unit(session: Session, unit: str, org_id: str | None) -> Unit:
    """By id, or by exact name within ``org_id`` (names are unique per body)."""
    row = session.get(Unit, unit)
    if row is None:
        query = select(Unit).where(Unit.name == " ".join(unit.split()))
        if org_id is not None:
            query = query.where(Unit.organisation_id == org_id)
        found = list(session.scalars(query.limit(2)))
        row = found[0] if len(found) == 1 else None
    if row is None or (org_id is not None and row.organisation_id != org_id):
        raise UserError(NO_UNIT, unit=unit)
    return row


# --- items ---------------------------------------------------------------------------------------


def parse_due(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise UserError(BAD_DUE, value=value) from None


def add(
    db: Database,
    version_id: str,
    unit: str,
    due: datetime.date,
    text: str,
    *,
    item_id: str | None = None,
    now: int | None = None,
) -> str:
    """An item of the conclusions document ``version_id``, numbered after the
    version's last, owned by ``unit`` (its id or name in the meeting's body),
    open; published to the meeting's participants and the unit's members."""
    text = text.strip()
    if not 1 <= len(text) <= da.MAX_TEXT:
        raise UserError(BAD_ITEM, problem=f"a text of 1 to {da.MAX_TEXT} characters")
    at = now if now is not None else int(time.time())
    with db.write() as session:
        version = session.get(DocumentVersion, version_id)
        document = None if version is None else session.get(Document, version.document_id)
        meeting = None if document is None else session.get(Meeting, document.meeting_id)
        if version is None or meeting is None:
            raise UserError(NO_VERSION, version=version_id)
        if version.superseded_by is not None:
            raise UserError(SUPERSEDED)
        owner = _unit(session, unit, meeting.organisation_id)
        last = session.scalar(
            select(func.max(ActionItem.number)).where(ActionItem.document_version_id == version.id)
        )
        row = ActionItem(id=item_id or uuid.uuid4().hex, meeting_id=meeting.id,
                         document_version_id=version.id, number=(last or 0) + 1, text=text,
                         unit_id=owner.id, due_date=due.isoformat(), status=da.OPEN,
                         created_at=at)  # fmt: skip
        session.add(row)
        session.add(ActionItemChange(item_id=row.id, seq=1, status=da.OPEN, note="", user_id=None,
                                     at=at))  # fmt: skip
        session.flush()
        publish(session, row)
        return row.id


def show(db: Database, item_id: str) -> dict[str, Any]:
    with db.read() as session:
        row = session.get(ActionItem, item_id)
        if row is None:
            raise UserError(NO_ITEM, item=item_id)
        return item_json(session, row)


def change_status(
    session: Session, who: Any, payload: Mapping[str, Any], *, now: Any = None
) -> dict[str, Any]:
    """``action_item.status``: a member of the owner unit or of the meeting's
    secretariat, along a move the domain rule allows; the change and its note
    are appended to the item's history."""
    from hanoi_desk.server.mutations import Rejected

    s = pa.ActionItemStatus.parse(payload)
    row = session.scalars(
        select(ActionItem).where(ActionItem.id == s.item_id).with_for_update()
    ).first()
    if row is None:
        raise Rejected(p.REASON_NOT_FOUND)
    unit = session.get(UnitMember, (row.unit_id, who.user_id)) is not None
    part = session.get(Participant, (row.meeting_id, who.user_id))
    if part is None and not unit:
        raise Rejected(p.REASON_NOT_FOUND)  # another meeting's item is as unknown
    secretariat = part is not None and part.role in SECRETARIAT
    refusal = da.may_change(row.status, s.status, s.note, unit=unit, secretariat=secretariat)
    if refusal is not None:
        raise Rejected(refusal.value)
    seq = session.scalar(
        select(func.max(ActionItemChange.seq)).where(ActionItemChange.item_id == row.id)
    )
    at = int(now()) if now is not None else int(time.time())
    session.add(ActionItemChange(item_id=row.id, seq=(seq or 0) + 1, status=s.status, note=s.note,
                                 user_id=who.user_id, at=at))  # fmt: skip
    row.status = s.status
    session.flush()
    publish(session, row)
    return {"item_id": row.id, "status": row.status}


# --- the feed ------------------------------------------------------------------------------------


def item_json(session: Session, row: ActionItem) -> dict[str, Any]:
    unit = session.get(Unit, row.unit_id)
    members = list(
        session.scalars(select(UnitMember.user_id).where(UnitMember.unit_id == row.unit_id))
    )
    secretariat = list(
        session.scalars(
            select(Participant.user_id).where(
                Participant.meeting_id == row.meeting_id, Participant.role.in_(SECRETARIAT)
            )
        )
    )
    changes = list(
        session.scalars(
            select(ActionItemChange)
            .where(ActionItemChange.item_id == row.id)
            .order_by(ActionItemChange.seq)
        )
    )
    ids = {c.user_id for c in changes if c.user_id}
    names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())
    return {"id": row.id, "meeting_id": row.meeting_id,
            "document_version_id": row.document_version_id, "number": row.number,
            "text": row.text, "unit_id": row.unit_id, "unit_name": unit.name if unit else "",
            "due_date": row.due_date, "status": row.status, "created_at": row.created_at,
            "unit_members": sorted(members), "secretariat": sorted(secretariat),
            "history": [{"status": c.status, "note": c.note, "by": c.user_id or "",
                         "by_name": names.get(c.user_id or "", ""), "at": c.at}
                        for c in changes]}  # fmt: skip


def publish(session: Session, row: ActionItem) -> None:
    """To the meeting's participants (the conclusions are theirs) and the owner
    unit's members (who carry the item out, present at the meeting or not)."""
    data = item_json(session, row)
    readers = set(
        session.scalars(select(Participant.user_id).where(Participant.meeting_id == row.meeting_id))
    ) | set(data["unit_members"])
    feed = feed_of(session)
    for user_id in sorted(readers):
        # Not filed under the meeting (as signing requests): republishing a meeting
        # recomputes its own records and would tombstone this one.
        feed.put(user_id, pa.ACTION_ITEM, row.id, data, None)
    # Who no longer reads it (removed from the meeting, and not of the owner unit)
    # gets a tombstone, as for the meeting's own records (docs/action-items.md).
    had = session.scalars(
        select(FeedEntry.user_id).where(
            FeedEntry.kind == pa.ACTION_ITEM,
            FeedEntry.entity_id == row.id,
            FeedEntry.deleted.is_(False),
        )
    )
    for user_id in set(had) - readers:
        feed.drop(user_id, pa.ACTION_ITEM, row.id)


def republish_meeting_items(session: Session, meeting_id: str) -> None:
    """The meeting's items again after its participants changed (feed.republish_meeting):
    a participant added receives them, one removed keeps only their unit's, and
    the records name the secretariat as it now is."""
    for row in session.scalars(select(ActionItem).where(ActionItem.meeting_id == meeting_id)):
        publish(session, row)


# --- the demo ------------------------------------------------------------------------------------


def demo(db: Database, meeting_id: str, today: datetime.date | None = None) -> None:
    """Two units and three items on the demo meeting's resolution (its newest
    version: the demo pack has no separate conclusions notice), one overdue; once:
    building the demo again leaves them alone."""
    today = today or datetime.date.today()
    with db.read() as session:
        meeting = session.get(Meeting, meeting_id)
        version_id = session.scalars(
            select(DocumentVersion.id)
            .join(Document, Document.id == DocumentVersion.document_id)
            .where(Document.meeting_id == meeting_id, Document.title == "Dự thảo Nghị quyết",
                   DocumentVersion.superseded_by.is_(None))
        ).first()  # fmt: skip
        if (
            meeting is None
            or version_id is None
            or session.scalars(
                select(ActionItem.id).where(ActionItem.meeting_id == meeting_id)
            ).first()
        ):
            return
        org = meeting.organisation_id
    finance = add_unit(db, org, "Phòng Tài chính – Kế hoạch", unit_id=f"{meeting_id}-unit-tckh")
    works = add_unit(db, org, "Phòng Quản lý đô thị", unit_id=f"{meeting_id}-unit-qldt")
    add_member(db, finance, "daibieu")
    add_member(db, works, "daibieu2")
    day = datetime.timedelta(days=1)
    for n, (unit, due, text) in enumerate(
        (
            (finance, today - 5 * day,
             "Rà soát, báo cáo tình hình giải ngân vốn đầu tư công 6 tháng đầu năm."),
            (works, today + 30 * day,
             "Hoàn thiện phương án chỉnh trang vỉa hè tuyến phố Tôn Đức Thắng."),
            (finance, today + 60 * day,
             "Tổng hợp ý kiến cử tri về phí, lệ phí, trình kỳ họp sau."),
        ),
        1,
    ):  # fmt: skip
        add(db, version_id, unit, due, text, item_id=f"{meeting_id}-ai-{n}")
