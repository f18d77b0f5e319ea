"""Meetings as the desktop shows them: when, where, who chairs, and whether
everything is on this machine for reading offline.

Read-only queries over the cache; the sync engine is what writes meetings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.app.settings import Settings
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.retention import Purged, purge_expired

NO_MEETING = N_("This meeting is no longer in the cache (it was removed or purged).")
VIETNAM = timezone(timedelta(hours=7))
TODAY, UPCOMING, PAST = "today", "upcoming", "past"


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    chair: str
    status: str
    organisation: str
    policy: dict[str, Any]
    documents: int
    available: int
    queued: int
    """Outgoing actions on this meeting's documents not yet acknowledged."""
    purged: bool = False
    """Its pack left this device when the retention period ran out."""

    @property
    def offline_ready(self) -> bool:
        return self.available == self.documents

    def bucket(self, today: date) -> str:
        day = self.starts_at.astimezone(VIETNAM).date()
        if day == today:
            return TODAY
        return UPCOMING if day > today else PAST

    @property
    def watermark(self) -> bool:
        """Server policy; on unless the meeting's policy turns it off."""
        return bool(self.policy.get("watermark", True))


@dataclass(frozen=True)
class AgendaItem:
    id: str
    position: int
    title: str
    presenter: str
    documents: tuple[DocumentSummary, ...]


@dataclass(frozen=True)
class Participant:
    user_id: str
    name: str
    role: str


@dataclass(frozen=True)
class MeetingDetail:
    meeting: Meeting
    agenda: tuple[AgendaItem, ...]
    participants: tuple[Participant, ...]
    other_documents: tuple[DocumentSummary, ...]
    """Documents of the meeting attached to no agenda item."""


def _time(text: str | None) -> datetime | None:
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=VIETNAM)


_MEETINGS = """
SELECT m.id, m.title, m.starts_at, m.ends_at, m.place, m.chair, m.status, m.organisation,
       m.policy,
       (SELECT COUNT(*) FROM documents d WHERE d.meeting_id = m.id),
       (SELECT COUNT(*) FROM documents d JOIN document_versions v ON v.document_id = d.id
         WHERE d.meeting_id = m.id AND v.available = 1 AND v.version =
           (SELECT MAX(version) FROM document_versions WHERE document_id = d.id)),
       m.retention_until IS NOT NULL
FROM meetings m
"""


def retention_days(cache: Cache) -> int:
    """The shorter of this profile's setting and every server's policy: the
    organisation sets the longest a pack may stay; a person may keep it less."""
    days = int(Settings(cache).load()["retention_days"])
    for (policy,) in cache.conn.execute("SELECT policy FROM sync_accounts"):
        try:
            value = json.loads(policy).get("retention_days")
        except (ValueError, AttributeError):
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            days = min(days, value)
    return days


class Meetings:
    """Runs on the lane that owns the database."""

    def __init__(self, cache: Cache, changes: ChangeBus | None = None) -> None:
        self.cache = cache
        self.changes = changes if changes is not None else ChangeBus()

    def purge_expired(self, at: datetime | None = None) -> Purged:
        """Apply the retention now (at unlock, after a settings change); publishes
        ``meetings`` and ``documents`` when a pack went or was released."""
        purged = purge_expired(self.cache, retention_days(self.cache), at)
        if purged.meetings or purged.released or purged.blobs:
            self.changes.publish(Changes(meetings=True, documents=True))
        return purged

    def _queued(self) -> dict[str, int]:
        """Queued outbox entries per meeting, by the document each payload names."""
        docs = dict(self.cache.conn.execute("SELECT id, meeting_id FROM documents").fetchall())
        versions = dict(
            self.cache.conn.execute(
                "SELECT v.id, d.meeting_id FROM document_versions v "
                "JOIN documents d ON d.id = v.document_id"
            ).fetchall()
        )
        counts: dict[str, int] = {}
        for entry in self.cache.outbox(("queued", "sending")):
            try:
                payload = json.loads(entry.payload)
            except ValueError:
                continue
            if not isinstance(payload, dict):
                continue
            meeting = (
                payload.get("meeting_id")
                or docs.get(payload.get("document_id"))
                or versions.get(payload.get("document_version_id"))
            )
            if meeting:
                counts[meeting] = counts.get(meeting, 0) + 1
        return counts

    def _meeting(self, row: tuple[Any, ...], queued: dict[str, int]) -> Meeting:
        try:
            policy = json.loads(row[8] or "{}")
        except ValueError:
            policy = {}
        starts = _time(row[2])
        assert starts is not None
        return Meeting(
            row[0],
            row[1],
            starts,
            _time(row[3]),
            row[4],
            row[5],
            row[6],
            row[7],
            policy if isinstance(policy, dict) else {},
            row[9],
            row[10],
            queued.get(row[0], 0),
            bool(row[11]),
        )

    def all(self) -> list[Meeting]:
        rows = self.cache.conn.execute(_MEETINGS + " ORDER BY m.starts_at").fetchall()
        queued = self._queued()
        return [self._meeting(r, queued) for r in rows]

    def between(self, start: datetime, end: datetime) -> list[Meeting]:
        """Meetings starting in [start, end): the calendar's day or week."""
        return [m for m in self.all() if start <= m.starts_at < end]

    def get(self, meeting_id: str) -> Meeting:
        row = self.cache.conn.execute(_MEETINGS + " WHERE m.id = ?", (meeting_id,)).fetchone()
        if row is None:
            raise UserError(NO_MEETING)
        return self._meeting(row, self._queued())

    def detail(self, meeting_id: str) -> MeetingDetail:
        meeting = self.get(meeting_id)
        conn = self.cache.conn
        docs = [d for d in self.cache.documents() if d.meeting_id == meeting_id]
        placement = dict(
            conn.execute(
                "SELECT id, agenda_item_id FROM documents WHERE meeting_id = ?", (meeting_id,)
            ).fetchall()
        )
        items = []
        for row in conn.execute(
            "SELECT id, position, title, presenter FROM agenda_items WHERE meeting_id = ? "
            "ORDER BY position",
            (meeting_id,),
        ).fetchall():
            attached = tuple(d for d in docs if placement.get(d.id) == row[0])
            items.append(AgendaItem(row[0], row[1], row[2], row[3], attached))
        placed = {d.id for item in items for d in item.documents}
        people = tuple(
            Participant(*r)
            for r in conn.execute(
                "SELECT user_id, display_name, role FROM participants WHERE meeting_id = ? "
                "ORDER BY CASE role WHEN 'chair' THEN 0 WHEN 'secretary' THEN 1 ELSE 2 END, "
                "display_name",
                (meeting_id,),
            ).fetchall()
        )
        others = tuple(d for d in docs if d.id not in placed)
        return MeetingDetail(meeting, tuple(items), people, others)

    def local_documents(self) -> list[DocumentSummary]:
        """Documents imported by hand, outside any meeting."""
        return [d for d in self.cache.documents() if d.meeting_id is None]
