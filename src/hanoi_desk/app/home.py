"""What the desktop's Home shows: the meetings (today's and the next first),
this profile's role in each, and for today's meetings a one-line summary of
the live state this computer last received (no network: the live log cached
by ``hanoi-desk live`` or the room's stream, folded by ``app/live.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from hanoi_desk.app.meetings import TODAY, VIETNAM, Meeting, Meetings
from hanoi_desk.app.session import Session
from hanoi_desk.domain.live.state import AttendanceState
from hanoi_desk.errors import HanoiDeskError


@dataclass(frozen=True)
class LiveSummary:
    """The cached live state of one meeting, in a few numbers."""

    present: int
    members: int
    speaker: str
    """The current speaker's name ('' when nobody has the floor)."""
    queued: int
    """My live actions waiting to be sent."""


@dataclass(frozen=True)
class HomeData:
    meetings: list[Meeting]
    roles: dict[str, str] = field(default_factory=dict)
    """Meeting id -> my role in it."""
    live: dict[str, LiveSummary] = field(default_factory=dict)
    """Today's meetings with a live log on this computer."""


class Home:
    """Runs on the lane that owns the database; reads only."""

    def __init__(self, session: Session, meetings: Meetings) -> None:
        self.session = session
        self.meetings = meetings

    def load(self, today: date | None = None) -> HomeData:
        today = today or datetime.now(VIETNAM).date()
        meetings = self.meetings.all()
        roles = self.session.cache.repos.meetings.my_roles()
        live = {}
        for m in meetings:
            if m.bucket(today) == TODAY:
                summary = self._live(m.id)
                if summary is not None:
                    live[m.id] = summary
        return HomeData(meetings, roles, live)

    def _live(self, meeting_id: str) -> LiveSummary | None:
        # Imported here: the live client pulls in its HTTP stack, which a Home
        # without today's meetings never needs.
        from hanoi_desk.app.live import LiveOptions, LiveService

        try:
            with LiveService(self.session, LiveOptions(offline=True)) as service:
                view = service.status(meeting_id)
        except HanoiDeskError:
            return None  # never signed in, or not a participant: nothing live to say
        if view.head_seq == 0 and not view.queued:
            return None
        present = sum(1 for p in view.people if p.attendance is AttendanceState.PRESENT)
        speaker = view.current.name if view.current is not None else ""
        return LiveSummary(present, len(view.people), speaker, len(view.queued))
