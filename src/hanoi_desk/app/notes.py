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

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.notes import HIGHLIGHT, KINDS, STICKY, Anchor, Note, Rect
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import KIND_ANNOTATION_UPSERT
from hanoi_desk.store.cache import Cache, now

# The records live in domain/notes.py; named here too, where the screens find them.
__all__ = [
    "HIGHLIGHT",
    "KINDS",
    "STICKY",
    "Anchor",
    "Note",
    "Notes",
    "Rect",
    "find_anchors",
]

MAX_BODY = 20_000

EMPTY_HIGHLIGHT = N_("Select some text on the page before highlighting it.")
EMPTY_NOTE = N_("A sticky note needs some text.")
NOTE_TOO_LONG = N_("A note can have at most {n} characters.")
NO_NOTE = N_("The note no longer exists (it was deleted, perhaps on another device).")

CHANGED = Changes(notes=True, outbox=True)
"""Every note write: the row and its ``annotation.upsert`` in the outbox."""


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
        repos = self.cache.repos
        with self.cache.transaction():
            repos.notes.save(note)
            repos.outbox.enqueue(KIND_ANNOTATION_UPSERT, _payload(note))
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
        changed = dataclasses.replace(note, body=self._check_body(body), updated_at=now())
        return self._save(changed)

    def delete(self, note_id: str) -> None:
        note = self.get(note_id)
        repos = self.cache.repos
        with self.cache.transaction():
            repos.notes.delete(note_id, now())
            repos.outbox.enqueue(KIND_ANNOTATION_UPSERT, _payload(note, deleted=True))
        self.changes.publish(CHANGED)

    def get(self, note_id: str) -> Note:
        note = self.cache.repos.notes.get(note_id)
        if note is None:
            raise UserError(NO_NOTE)
        return note

    def for_document(self, document_id: str) -> list[Note]:
        return self.cache.repos.notes.for_document(document_id)

    def for_meeting(self, meeting_id: str | None) -> list[Note]:
        """The notes list of one meeting (``None``: documents outside any meeting)."""
        return self.cache.repos.notes.for_meeting(meeting_id)

    def stale(self, doc: DocumentSummary) -> list[Note]:
        """Notes made on an older version of ``doc``: they need re-anchoring."""
        return [n for n in self.for_document(doc.id) if n.version_id != doc.version_id]

    def apply_anchors(self, doc: DocumentSummary, anchors: Sequence[Anchor]) -> list[Note]:
        """Move notes to ``doc``'s current version, all in one transaction."""
        stamp = now()
        moved = []
        repos = self.cache.repos
        with self.cache.transaction():
            for anchor in anchors:
                found = repos.notes.get(anchor.note_id)
                if found is None:
                    continue
                note = dataclasses.replace(
                    found,
                    version_id=doc.version_id,
                    page=anchor.page,
                    rects=anchor.rects,
                    updated_at=stamp,
                )
                repos.notes.move(note)
                repos.outbox.enqueue(KIND_ANNOTATION_UPSERT, _payload(note))
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
