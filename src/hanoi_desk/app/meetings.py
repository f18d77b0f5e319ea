"""Meetings as the desktop shows them: when, where, who chairs, and whether
everything is on this machine for reading offline.

Read-only queries over the cache; the sync engine is what writes meetings.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.app.settings import Settings
from hanoi_desk.domain import policy
from hanoi_desk.domain.meetings import (
    PAST,
    TODAY,
    UPCOMING,
    VIETNAM,
    AgendaItem,
    Meeting,
    MeetingDetail,
    Participant,
)
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.settings import RETENTION_DAYS
from hanoi_desk.domain.states import UNSENT
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.retention import Purged, purge_expired

# The records live in domain/; named here too, where the screens have always found them.
__all__ = [
    "PAST",
    "TODAY",
    "UPCOMING",
    "VIETNAM",
    "AgendaItem",
    "Meeting",
    "MeetingDetail",
    "Meetings",
    "Participant",
    "retention_days",
]

NO_MEETING = N_("This meeting is no longer in the cache (it was removed or purged).")


def retention_days(cache: Cache) -> int:
    """The shorter of this profile's setting and every server's policy: the
    organisation sets the longest a pack may stay; a person may keep it less."""
    own = Settings(cache).load()[RETENTION_DAYS]
    return policy.retention_days(own, (p.policy for p in cache.repos.accounts.policies()))


class Meetings:
    """Runs on the lane that owns the database."""

    def __init__(self, cache: Cache, changes: ChangeBus | None = None) -> None:
        self.cache = cache
        self.changes = changes if changes is not None else ChangeBus()

    def purge_expired(self, at: datetime | None = None) -> Purged:
        """Apply the retention now (at unlock, after a settings change); publishes
        ``meetings`` and ``documents`` when a pack went or was released."""
        purged = purge_expired(self.cache, retention_days(self.cache), at)
        if purged.meetings or purged.released or purged.blobs or purged.consultations:
            # A purged consultation takes its sent answers off the outbox page too.
            outbox = bool(purged.consultations)
            self.changes.publish(Changes(meetings=True, documents=True, outbox=outbox))
        return purged

    def _queued(self) -> dict[str, int]:
        """Queued outbox entries per meeting, by the document each payload names."""
        docs = self.cache.repos.meetings.meeting_of_documents()
        versions = self.cache.repos.meetings.meeting_of_versions()
        counts: dict[str, int] = {}
        for entry in self.cache.outbox(UNSENT):
            try:
                payload = json.loads(entry.payload)
            except ValueError:
                continue
            if not isinstance(payload, dict):
                continue
            doc_id, version_id = payload.get("document_id"), payload.get("document_version_id")
            meeting = (
                payload.get("meeting_id")
                or (docs.get(doc_id) if isinstance(doc_id, str) else None)
                or (versions.get(version_id) if isinstance(version_id, str) else None)
            )
            if meeting:
                counts[meeting] = counts.get(meeting, 0) + 1
        return counts

    def all(self) -> list[Meeting]:
        queued = self._queued()
        return [
            dataclasses.replace(m, queued=queued.get(m.id, 0))
            for m in self.cache.repos.meetings.all()
        ]

    def between(self, start: datetime, end: datetime) -> list[Meeting]:
        """Meetings starting in [start, end): the calendar's day or week."""
        return [m for m in self.all() if start <= m.starts_at < end]

    def get(self, meeting_id: str) -> Meeting:
        meeting = self.cache.repos.meetings.get(meeting_id)
        if meeting is None:
            raise UserError(NO_MEETING)
        return dataclasses.replace(meeting, queued=self._queued().get(meeting_id, 0))

    def detail(self, meeting_id: str) -> MeetingDetail:
        meeting = self.get(meeting_id)
        repo = self.cache.repos.meetings
        docs = [d for d in self.cache.documents() if d.meeting_id == meeting_id]
        placement = repo.placement(meeting_id)
        items = [
            dataclasses.replace(
                item, documents=tuple(d for d in docs if placement.get(d.id) == item.id)
            )
            for item in repo.agenda(meeting_id)
        ]
        placed = {d.id for item in items for d in item.documents}
        people = tuple(repo.participants(meeting_id))
        others = tuple(d for d in docs if d.id not in placed)
        return MeetingDetail(meeting, tuple(items), people, others)

    def local_documents(self) -> list[DocumentSummary]:
        """Documents imported by hand, outside any meeting."""
        return [d for d in self.cache.documents() if d.meeting_id is None]
