"""Private notes (the ``annotations`` table); a deleted note keeps its row,
marked, so that its deletion syncs and a late copy cannot bring it back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from hanoi_desk.domain.notes import Note, Rect
from hanoi_desk.store.repos.base import Repository

_SELECT = (
    "SELECT a.id, a.document_id, a.version_id, a.kind, a.page, a.quote, a.body, a.geometry, "
    "a.created_at, a.updated_at, d.title, d.meeting_id "
    "FROM annotations a JOIN documents d ON d.id = a.document_id WHERE a.deleted = 0 "
)


def _geometry(rects: Sequence[Rect]) -> str:
    return json.dumps([list(r) for r in rects])


def _note(row: Sequence[Any]) -> Note:
    rects: tuple[Rect, ...] = tuple((r[0], r[1], r[2], r[3]) for r in json.loads(row[7]))
    return Note(
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        row[6],
        rects,
        row[8],
        row[9],
        row[10],
        row[11],
    )


class NoteRepository(Repository):
    __slots__ = ()

    def save(self, note: Note) -> None:
        """A new note, or a note's new body, place or version."""
        self._writing().execute(
            "INSERT INTO annotations (id, document_id, version_id, kind, page, quote, body, "
            "geometry, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,0) "
            "ON CONFLICT(id) DO UPDATE SET version_id=excluded.version_id, "
            "page=excluded.page, body=excluded.body, geometry=excluded.geometry, "
            "updated_at=excluded.updated_at",
            (
                note.id,
                note.document_id,
                note.version_id,
                note.kind,
                note.page,
                note.quote,
                note.body,
                _geometry(note.rects),
                note.created_at,
                note.updated_at,
            ),
        )

    def move(self, note: Note) -> None:
        """``note`` to its (new) version, page and rectangles."""
        self._writing().execute(
            "UPDATE annotations SET version_id = ?, page = ?, geometry = ?, "
            "updated_at = ? WHERE id = ?",
            (note.version_id, note.page, _geometry(note.rects), note.updated_at, note.id),
        )

    def delete(self, note_id: str, stamp: str) -> None:
        self._writing().execute(
            "UPDATE annotations SET deleted = 1, updated_at = ? WHERE id = ?", (stamp, note_id)
        )

    def get(self, note_id: str) -> Note | None:
        row = self._conn.execute(_SELECT + "AND a.id = ?", (note_id,)).fetchone()
        return None if row is None else _note(row)

    def for_document(self, document_id: str) -> list[Note]:
        rows = self._conn.execute(
            _SELECT + "AND a.document_id = ? ORDER BY a.page, a.created_at", (document_id,)
        ).fetchall()
        return [_note(r) for r in rows]

    def for_meeting(self, meeting_id: str | None) -> list[Note]:
        """Notes on the documents of one meeting (None: of documents outside any)."""
        rows = self._conn.execute(
            _SELECT + "AND d.meeting_id IS ? ORDER BY d.title, a.page, a.created_at",
            (meeting_id,),
        ).fetchall()
        return [_note(r) for r in rows]
