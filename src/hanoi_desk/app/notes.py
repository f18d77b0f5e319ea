"""Private notes: highlights on quoted text and sticky notes on a page.

Each change is written to the ``annotations`` table and queued in the outbox
in the same transaction, so a note is never saved without being queued for
sync (or queued without being saved). Notes are private data: the payload
carries the owner's note only, and the server keeps it per user.

When a new version of a document arrives, highlights are re-anchored on their
quoted text: first on the page they were on, then on the nearest pages. A
highlight whose text is gone keeps its quote and body, moves to the new
version with no rectangles, and is shown as "not found in the new version".
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import KIND_ANNOTATION_UPSERT
from hanoi_desk.store.cache import Cache, now

Rect = tuple[float, float, float, float]
HIGHLIGHT = "highlight"
STICKY = "sticky"
KINDS = (HIGHLIGHT, STICKY)
MAX_BODY = 20_000

EMPTY_HIGHLIGHT = N_("Select some text on the page before highlighting it.")
EMPTY_NOTE = N_("A sticky note needs some text.")
NOTE_TOO_LONG = N_("A note can have at most {n} characters.")
NO_NOTE = N_("The note no longer exists (it was deleted, perhaps on another device).")

CHANGED = Changes(notes=True, outbox=True)
"""Every note write: the row and its ``annotation.upsert`` in the outbox."""

_COLUMNS = (
    "a.id, a.document_id, a.version_id, a.kind, a.page, a.quote, a.body, a.geometry, "
    "a.created_at, a.updated_at, d.title, d.meeting_id"
)


@dataclass(frozen=True)
class Note:
    id: str
    document_id: str
    version_id: str
    kind: str
    page: int
    """0-based page in ``version_id``."""
    quote: str
    body: str
    rects: tuple[Rect, ...]
    created_at: str
    updated_at: str
    document_title: str = ""
    meeting_id: str | None = None

    @property
    def lost(self) -> bool:
        """A highlight whose quoted text was not found in the current version."""
        return self.kind == HIGHLIGHT and not self.rects


@dataclass(frozen=True)
class Anchor:
    """Where a note lands in a new version (``rects`` empty: not found)."""

    note_id: str
    page: int
    rects: tuple[Rect, ...]


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


def _millis(stamp: str) -> int:
    return int(datetime.fromisoformat(stamp).timestamp() * 1000)


def _payload(note: Note, deleted: bool = False) -> dict[str, Any]:
    """An ``annotation.upsert`` (protocol v1); a deletion sends ``body`` None."""
    body = {
        "document_id": note.document_id,
        "kind": note.kind,
        "page": note.page,
        "quote": note.quote,
        "text": note.body,
        "geometry": [list(r) for r in note.rects],
    }
    return {
        "note_id": note.id,
        "document_version_id": note.version_id,
        "updated_at": _millis(note.updated_at),
        "body": None if deleted else body,
    }


class Notes:
    """Use cases on one profile's notes. Runs on the lane that owns the database.

    Each write publishes :data:`CHANGED` on ``changes`` once it has committed
    (a re-anchoring once for all the notes it moves)."""

    def __init__(self, cache: Cache, changes: ChangeBus | None = None) -> None:
        self.cache = cache
        self.changes = changes if changes is not None else ChangeBus()

    def _check_body(self, body: str) -> str:
        if len(body) > MAX_BODY:
            raise UserError(NOTE_TOO_LONG, n=MAX_BODY)
        return body

    def _save(self, note: Note) -> Note:
        with self.cache.transaction() as c:
            c.execute(
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
                    json.dumps([list(r) for r in note.rects]),
                    note.created_at,
                    note.updated_at,
                ),
            )
            Cache.enqueue(c, KIND_ANNOTATION_UPSERT, _payload(note))
        self.changes.publish(CHANGED)
        return self.get(note.id)

    def highlight(
        self, doc: DocumentSummary, page: int, quote: str, rects: Sequence[Rect], body: str = ""
    ) -> Note:
        if not quote.strip() or not rects:
            raise UserError(EMPTY_HIGHLIGHT)
        stamp = now()
        note = Note(
            uuid.uuid4().hex,
            doc.id,
            doc.version_id,
            HIGHLIGHT,
            page,
            quote.strip(),
            self._check_body(body),
            tuple(tuple(r) for r in rects),  # type: ignore[misc]
            stamp,
            stamp,
        )
        return self._save(note)

    def sticky(self, doc: DocumentSummary, page: int, at: tuple[float, float], body: str) -> Note:
        if not body.strip():
            raise UserError(EMPTY_NOTE)
        stamp = now()
        rect = (at[0], at[1], at[0] + 20, at[1] + 20)
        note = Note(
            uuid.uuid4().hex,
            doc.id,
            doc.version_id,
            STICKY,
            page,
            "",
            self._check_body(body.strip()),
            (rect,),
            stamp,
            stamp,
        )
        return self._save(note)

    def edit(self, note_id: str, body: str) -> Note:
        note = self.get(note_id)
        if note.kind == STICKY and not body.strip():
            raise UserError(EMPTY_NOTE)
        changed = Note(**{**note.__dict__, "body": self._check_body(body), "updated_at": now()})
        return self._save(changed)

    def delete(self, note_id: str) -> None:
        note = self.get(note_id)
        with self.cache.transaction() as c:
            c.execute(
                "UPDATE annotations SET deleted = 1, updated_at = ? WHERE id = ?", (now(), note_id)
            )
            Cache.enqueue(c, KIND_ANNOTATION_UPSERT, _payload(note, deleted=True))
        self.changes.publish(CHANGED)

    def get(self, note_id: str) -> Note:
        row = self.cache.conn.execute(
            f"SELECT {_COLUMNS} FROM annotations a JOIN documents d ON d.id = a.document_id "  # noqa: S608 - constant columns
            "WHERE a.id = ? AND a.deleted = 0",
            (note_id,),
        ).fetchone()
        if row is None:
            raise UserError(NO_NOTE)
        return _note(row)

    def for_document(self, document_id: str) -> list[Note]:
        rows = self.cache.conn.execute(
            f"SELECT {_COLUMNS} FROM annotations a JOIN documents d ON d.id = a.document_id "  # noqa: S608 - constant columns
            "WHERE a.document_id = ? AND a.deleted = 0 ORDER BY a.page, a.created_at",
            (document_id,),
        ).fetchall()
        return [_note(r) for r in rows]

    def for_meeting(self, meeting_id: str | None) -> list[Note]:
        """The notes list of one meeting (``None``: documents outside any meeting)."""
        rows = self.cache.conn.execute(
            f"SELECT {_COLUMNS} FROM annotations a JOIN documents d ON d.id = a.document_id "  # noqa: S608 - constant columns
            "WHERE d.meeting_id IS ? AND a.deleted = 0 ORDER BY d.title, a.page, a.created_at",
            (meeting_id,),
        ).fetchall()
        return [_note(r) for r in rows]

    def stale(self, doc: DocumentSummary) -> list[Note]:
        """Notes made on an older version of ``doc``: they need re-anchoring."""
        return [n for n in self.for_document(doc.id) if n.version_id != doc.version_id]

    def apply_anchors(self, doc: DocumentSummary, anchors: Sequence[Anchor]) -> list[Note]:
        """Move notes to ``doc``'s current version, all in one transaction."""
        stamp = now()
        moved = []
        with self.cache.transaction() as c:
            for anchor in anchors:
                row = c.execute(
                    f"SELECT {_COLUMNS} FROM annotations a JOIN documents d "  # noqa: S608 - constant columns
                    "ON d.id = a.document_id WHERE a.id = ? AND a.deleted = 0",
                    (anchor.note_id,),
                ).fetchone()
                if row is None:
                    continue
                note = Note(
                    **{
                        **_note(row).__dict__,
                        "version_id": doc.version_id,
                        "page": anchor.page,
                        "rects": anchor.rects,
                        "updated_at": stamp,
                    }
                )
                c.execute(
                    "UPDATE annotations SET version_id = ?, page = ?, geometry = ?, "
                    "updated_at = ? WHERE id = ?",
                    (
                        note.version_id,
                        note.page,
                        json.dumps([list(r) for r in note.rects]),
                        stamp,
                        note.id,
                    ),
                )
                Cache.enqueue(c, KIND_ANNOTATION_UPSERT, _payload(note))
                moved.append(note)
        if moved:
            self.changes.publish(CHANGED)
        return moved


def find_anchors(
    notes: Sequence[Note], page_count: int, search: Callable[[int, str], tuple[Rect, ...]]
) -> list[Anchor]:
    """Where each note lands in a new version; ``search(page, quote)`` looks on one page.

    Pure apart from ``search``, so the UI runs it on the render lane (PyMuPDF)
    and hands the result to :meth:`Notes.apply_anchors` on the database lane.
    """
    anchors = []
    for note in notes:
        if note.kind == STICKY or not note.quote:
            anchors.append(Anchor(note.id, min(note.page, page_count - 1), note.rects))
            continue
        order = sorted(range(page_count), key=lambda p: (abs(p - note.page), p))
        for page in order:
            rects = search(page, note.quote)
            if rects:
                anchors.append(Anchor(note.id, page, rects))
                break
        else:
            anchors.append(Anchor(note.id, min(note.page, page_count - 1), ()))
    return anchors
