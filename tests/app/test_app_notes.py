"""Private notes as a use case, without Qt: saved with their outbox entry in
one transaction, and kept across a new version of the document by
re-anchoring on the quoted text (moved from tests/ui/test_notes.py, whose
remaining test drives the same rules through the reader's widgets)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hanoi_desk.app.notes import Notes, find_anchors
from hanoi_desk.app.reader import Reader
from hanoi_desk.app.session import Session
from hanoi_desk.errors import UserError
from hanoi_desk.store.repos.outbox import OutboxRepository
from helpers import NOTE_PAGES_V1 as V1
from helpers import NOTE_PAGES_V2 as V2
from helpers import add_version, text_pdf


def test_note_and_outbox_entry_commit_together(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf(V1))
    doc = session.cache.add_pdf(path)
    notes = Notes(session.cache)
    with pytest.raises(UserError):
        notes.highlight(doc, 0, "   ", [(0, 0, 1, 1)])
    with pytest.raises(UserError):
        notes.sticky(doc, 0, (10, 10), "")
    assert session.cache.outbox() == []  # refused input wrote nothing
    note = notes.sticky(doc, 1, (50, 60), "Hỏi lại")
    (entry,) = session.cache.outbox()
    payload = json.loads(entry.payload)
    assert entry.kind == "annotation.upsert"
    assert payload["note_id"] == note.id and payload["body"]["text"] == "Hỏi lại"
    assert payload["document_version_id"] == doc.version_id

    # A failure inside the transaction leaves neither the note nor its entry.
    class Boom(Exception):
        pass

    def failing(*a: Any, **k: Any) -> str:
        raise Boom()

    with monkeypatch.context() as m:
        m.setattr(OutboxRepository, "enqueue", failing)
        with pytest.raises(Boom):
            Notes(session.cache).sticky(doc, 0, (1, 1), "không lưu")
    assert [n.body for n in notes.for_document(doc.id)] == ["Hỏi lại"]
    assert len(session.cache.outbox()) == 1


def test_reanchoring_finds_moved_text_and_flags_lost_text(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf(V1))
    doc = session.cache.add_pdf(path)
    opened = Reader(session.cache).open(doc)
    notes = Notes(session.cache)
    kept = notes.highlight(doc, 2, "Kinh phí dự kiến", opened.search_exact(2, "Kinh phí dự kiến"))
    gone = notes.highlight(doc, 1, "sẽ bị xóa", opened.search_exact(1, "sẽ bị xóa"), "xem lại")
    opened.close()
    add_version(session, doc.id, text_pdf(V2))
    new = session.cache.document(doc.id)
    assert new.version == 2
    stale = notes.stale(new)
    assert {n.id for n in stale} == {kept.id, gone.id}
    reopened = Reader(session.cache).open(new)
    anchors = find_anchors(stale, reopened.page_count, reopened.search_exact)
    moved = {n.id: n for n in notes.apply_anchors(new, anchors)}
    assert moved[kept.id].page == 4 and moved[kept.id].rects and not moved[kept.id].lost
    assert moved[gone.id].lost and moved[gone.id].body == "xem lại"  # kept, flagged
    assert notes.stale(new) == []
    assert len(session.cache.outbox()) == 4  # two creations, two moves
