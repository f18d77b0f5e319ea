"""Meetings, their agenda and participants, as the sync stored them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hanoi_desk.domain.meetings import AgendaItem, Meeting, Participant, meeting_time
from hanoi_desk.domain.policy import DevicePolicy
from hanoi_desk.domain.states import MeetingStatus
from hanoi_desk.store.repos.base import Repository

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


@dataclass(frozen=True)
class Schedule:
    """When a meeting is, as stored (retention counts from it)."""

    id: str
    starts_at: str
    ends_at: str | None


def _meeting(row: Sequence[Any]) -> Meeting:
    starts = meeting_time(row[2])
    assert starts is not None  # NOT NULL in the schema
    return Meeting(
        row[0],
        row[1],
        starts,
        meeting_time(row[3]),
        row[4],
        row[5],
        MeetingStatus.parse(row[6]),
        row[7],
        DevicePolicy.from_json(row[8]),
        row[9],
        row[10],
        0,
        bool(row[11]),
    )


class MeetingRepository(Repository):
    """Meetings with ``queued`` 0: counting the outbox per meeting is the use case's."""

    __slots__ = ()

    def all(self) -> list[Meeting]:
        rows = self._conn.execute(_MEETINGS + " ORDER BY m.starts_at").fetchall()
        return [_meeting(r) for r in rows]

    def get(self, meeting_id: str) -> Meeting | None:
        row = self._conn.execute(_MEETINGS + " WHERE m.id = ?", (meeting_id,)).fetchone()
        return None if row is None else _meeting(row)

    def agenda(self, meeting_id: str) -> list[AgendaItem]:
        """The agenda in order, without documents (see :meth:`placement`)."""
        rows = self._conn.execute(
            "SELECT id, position, title, presenter FROM agenda_items WHERE meeting_id = ? "
            "ORDER BY position",
            (meeting_id,),
        ).fetchall()
        return [AgendaItem(*r) for r in rows]

    def placement(self, meeting_id: str) -> dict[str, str | None]:
        """Document id -> the agenda item it is attached to (None: to none)."""
        return dict(
            self._conn.execute(
                "SELECT id, agenda_item_id FROM documents WHERE meeting_id = ?", (meeting_id,)
            ).fetchall()
        )

    def participants(self, meeting_id: str) -> list[Participant]:
        """Chair first, then the secretary, then everyone by name."""
        rows = self._conn.execute(
            "SELECT user_id, display_name, role FROM participants WHERE meeting_id = ? "
            "ORDER BY CASE role WHEN 'chair' THEN 0 WHEN 'secretary' THEN 1 ELSE 2 END, "
            "display_name",
            (meeting_id,),
        ).fetchall()
        return [Participant(*r) for r in rows]

    def meeting_of_documents(self) -> dict[str, str | None]:
        """Document id -> its meeting."""
        return dict(self._conn.execute("SELECT id, meeting_id FROM documents").fetchall())

    def meeting_of_versions(self) -> dict[str, str | None]:
        """Document version id -> its document's meeting."""
        return dict(
            self._conn.execute(
                "SELECT v.id, d.meeting_id FROM document_versions v "
                "JOIN documents d ON d.id = v.document_id"
            ).fetchall()
        )

    def schedules(self) -> list[Schedule]:
        rows = self._conn.execute("SELECT id, starts_at, ends_at FROM meetings").fetchall()
        return [Schedule(*r) for r in rows]

    def my_roles(self) -> dict[str, str]:
        """Meeting id -> this profile's role in it (chair, secretary, delegate,
        guest), for the meetings whose participants name its user."""
        rows = self._conn.execute(
            "SELECT p.meeting_id, p.role FROM participants p WHERE p.user_id IN "
            "(SELECT user_id FROM sync_accounts WHERE user_id != '')"
        ).fetchall()
        return {str(r[0]): str(r[1]) for r in rows}
