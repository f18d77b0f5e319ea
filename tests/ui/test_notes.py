"""Private notes: saved with their outbox entry, listed per meeting, and kept
across a new version of the document by re-anchoring on the quoted text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ui_helpers import WAIT, idle, on_db, seed_meeting, unlock

from hanoi_desk.app.notes import Notes
from hanoi_desk.app.reader import Reader
from hanoi_desk.app.session import Session
from hanoi_desk.ui.app import DeskApp
from helpers import NOTE_PAGES_V1 as V1
from helpers import NOTE_PAGES_V2 as V2
from helpers import add_version, text_pdf


def test_new_version_in_the_reader_shows_lost_notes(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    unlock(qtbot, deskapp)
    path = tmp_path / "to-trinh.pdf"
    path.write_bytes(text_pdf(V1))
    meeting = on_db(deskapp, lambda s: seed_meeting(s, "Họp giao ban", datetime.now(UTC), [path]))
    assert deskapp.main is not None
    deskapp.main.refresh_all()
    deskapp.main.open_meeting(meeting)
    idle(qtbot, deskapp)
    doc = deskapp.main.meeting_page.detail.agenda[0].documents[0]  # type: ignore[union-attr]

    def annotate(s: Session) -> None:
        opened = Reader(s.cache).open(doc)
        Notes(s.cache).highlight(doc, 1, "sẽ bị xóa", opened.search_exact(1, "sẽ bị xóa"))
        Notes(s.cache).highlight(doc, 2, "125 tỷ đồng", opened.search_exact(2, "125 tỷ đồng"))
        opened.close()
        add_version(s, doc.id, text_pdf(V2))

    on_db(deskapp, annotate)
    new = on_db(deskapp, lambda s: s.cache.document(doc.id))
    deskapp.main.open_document(new)
    reader = deskapp.main.reader
    qtbot.waitUntil(lambda: reader.notes_panel.list.count() == 2, timeout=WAIT)
    idle(qtbot, deskapp)
    qtbot.waitUntil(
        lambda: any("not found" in reader.notes_panel.list.item(i).text() for i in range(2)),
        timeout=WAIT,
    )
    texts = sorted(reader.notes_panel.list.item(i).text() for i in range(2))
    assert texts[0].startswith("p. 2") and "(not found in the new version)" in texts[0]
    assert texts[1].startswith("p. 5") and "125 tỷ đồng" in texts[1]
    # The meeting's notes list shows both, with the document's title.
    idle(qtbot, deskapp)
    deskapp.main.load_meeting_notes()
    idle(qtbot, deskapp)
    assert deskapp.main.meeting_notes.list.count() == 2
    assert "Tờ trình" in deskapp.main.meeting_notes.list.item(0).text()
