"""Meetings as the client holds them: when, where, who chairs, what is here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.policy import DevicePolicy
from hanoi_desk.domain.states import MeetingStatus

VIETNAM = timezone(timedelta(hours=7))
"""Meetings are stored with their own offset; a naive time is Vietnam's (UTC+7)."""
TODAY, UPCOMING, PAST = "today", "upcoming", "past"


def meeting_time(text: str | None) -> datetime | None:
    """A stored meeting time; a naive one is Vietnam's."""
    if not text:
        return None
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=VIETNAM)


@dataclass(frozen=True)
class Meeting:
    id: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    place: str
    chair: str
    status: MeetingStatus
    organisation: str
    policy: DevicePolicy
    """The meeting's own policy (its ``watermark``), read by the device policy's rules."""
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
        return self.policy.watermark


@dataclass(frozen=True)
class AgendaItem:
    id: str
    position: int
    title: str
    presenter: str
    documents: tuple[DocumentSummary, ...] = ()


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
