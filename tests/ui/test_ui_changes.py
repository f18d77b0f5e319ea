"""Screens follow the session's changes: an action on one screen reloads every
other screen that shows what it changed, once, with no screen calling
another's refresh; re-anchoring notes is one use case call. Real widgets
(offscreen), a real encrypted profile, real PDFs."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ui_helpers import WAIT, idle, on_db, seed_meeting, unlock

from hanoi_desk.app.changes import Changes
from hanoi_desk.app.notes import CHANGED, Notes
from hanoi_desk.app.reader import OpenDocument, Reader
from hanoi_desk.app.reanchor import Reanchored
from hanoi_desk.app.session import Session
from hanoi_desk.domain.settings import RETENTION_DAYS
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.main_window import MainWindow
from helpers import NOTE_PAGES_V1 as V1
from helpers import NOTE_PAGES_V2 as V2
from helpers import add_version, text_pdf


def count_calls(obj: Any, name: str) -> list[Any]:
    """The first argument of each call of ``obj.name`` from now on (screens look
    their show_* up at call time)."""
    calls: list[Any] = []
    real = getattr(obj, name)

    def counted(*args: Any) -> Any:
        calls.append(args[0] if args else None)
        return real(*args)

    setattr(obj, name, counted)
    return calls


def heard(main: MainWindow) -> list[Changes]:
    seen: list[Changes] = []
    main.changes.changed.connect(seen.append)
    return seen


def meeting_with_a_document(qtbot: Any, deskapp: DeskApp, tmp_path: Path, starts: datetime) -> Any:
    """A meeting with one text document, opened in the meeting page."""
    unlock(qtbot, deskapp)
    path = tmp_path / "to-trinh.pdf"
    path.write_bytes(text_pdf(V1))
    meeting = on_db(deskapp, lambda s: seed_meeting(s, "Họp giao ban", starts, [path]))
    assert deskapp.main is not None
    main = deskapp.main
    main.refresh_all()
    main.open_meeting(meeting)
    idle(qtbot, deskapp)
    return main.meeting_page.detail.agenda[0].documents[0]  # type: ignore[union-attr]


def test_a_note_saved_in_the_reader_reloads_the_other_screens_once(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    doc = meeting_with_a_document(qtbot, deskapp, tmp_path, datetime.now(UTC))
    assert deskapp.main is not None
    main, reader = deskapp.main, deskapp.main.reader
    main.open_document(doc)
    qtbot.waitUntil(lambda: reader.doc is not None, timeout=WAIT)
    idle(qtbot, deskapp)
    ((_id, offline),) = main.meetings.rows()
    assert "queued" not in offline and main.meeting_notes.list.count() == 0
    seen = heard(main)
    shown = {
        "meetings": count_calls(main.meetings, "show_meetings"),
        "meeting notes": count_calls(main.meeting_notes, "show_notes"),
        "outbox": count_calls(main.sync_panel, "show_outbox"),
        "reader notes": count_calls(reader.notes_panel, "show_notes"),
        "calendar": count_calls(main.calendar, "show_meetings"),
    }

    quote = "Kinh phí dự kiến"
    opened = reader.doc
    assert opened is not None
    rects = deskapp.runner.call("render", lambda: opened.search_exact(2, quote))
    reader.view.selection = (2, quote, rects)
    reader.highlight_selection()  # the reader's action; nobody is told to refresh
    qtbot.waitUntil(lambda: main.meeting_notes.list.count() == 1, timeout=WAIT)
    idle(qtbot, deskapp)

    assert seen == [CHANGED]
    ((_id, offline),) = main.meetings.rows()
    assert offline.endswith("· 1 queued")
    assert "Kinh phí dự kiến" in main.meeting_notes.list.item(0).text()
    assert main.sync_panel.outbox.topLevelItemCount() == 1
    assert reader.notes_panel.list.count() == 1
    # One reload per screen that shows notes or the outbox; the calendar shows neither.
    assert {name: len(calls) for name, calls in shown.items()} == {
        "meetings": 1,
        "meeting notes": 1,
        "outbox": 1,
        "reader notes": 1,
        "calendar": 0,
    }


def test_opening_a_new_version_reanchors_the_notes_in_one_use_case_call(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    doc = meeting_with_a_document(qtbot, deskapp, tmp_path, datetime.now(UTC))
    assert deskapp.main is not None and deskapp.workspace is not None
    main, reader, ws = deskapp.main, deskapp.main.reader, deskapp.workspace

    def annotate(s: Session) -> None:
        opened = Reader(s.cache).open(doc)
        Notes(s.cache).highlight(doc, 1, "sẽ bị xóa", opened.search_exact(1, "sẽ bị xóa"))
        Notes(s.cache).highlight(doc, 2, "125 tỷ đồng", opened.search_exact(2, "125 tỷ đồng"))
        opened.close()
        add_version(s, doc.id, text_pdf(V2))

    on_db(deskapp, annotate)
    new = on_db(deskapp, lambda s: s.cache.document(doc.id))
    calls: list[str] = []
    real: Callable[..., Reanchored] = ws.reanchor

    def reanchor(opened: OpenDocument, *args: Any) -> Reanchored:
        calls.append(threading.current_thread().name)
        return real(opened, *args)

    ws.reanchor = reanchor  # type: ignore[assignment]
    seen = heard(main)
    shown = count_calls(reader.notes_panel, "show_notes")

    main.open_document(new)
    qtbot.waitUntil(lambda: reader.notes_panel.list.count() == 2, timeout=WAIT)
    idle(qtbot, deskapp)

    assert len(calls) == 1 and calls[0].startswith("hd-render")  # one call, where PyMuPDF lives
    assert seen == [CHANGED]
    assert reader.notes_panel.status.text() == (
        "2 notes moved to the new version; 1 of them not found in it."
    )
    texts = sorted(reader.notes_panel.list.item(i).text() for i in range(2))
    assert texts[0].startswith("p. 2") and "(not found in the new version)" in texts[0]
    assert texts[1].startswith("p. 5") and "125 tỷ đồng" in texts[1]
    # The notes load once, after they moved (opening first empties the list).
    assert [len(notes) for notes in shown] == [0, 2]
    # The meeting's notes list followed the move without being asked.
    assert main.meeting_notes.list.count() == 2
    assert any(
        "(not found in the new version)" in main.meeting_notes.list.item(i).text() for i in range(2)
    )


def test_a_retention_purge_reloads_the_open_meeting_and_the_list(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    doc = meeting_with_a_document(qtbot, deskapp, tmp_path, datetime.now(UTC) - timedelta(days=20))
    assert deskapp.main is not None and deskapp.workspace is not None
    main, ws = deskapp.main, deskapp.workspace
    page = main.meeting_page
    assert page.documents.item(0).text().endswith("on this computer")

    def from_the_server(s: Session) -> None:
        # The sync's documents are the ones retention removes (a local import stays).
        with s.cache.transaction() as c:
            c.execute("UPDATE documents SET origin = 'server' WHERE id = ?", (doc.id,))
        ws.settings.save(RETENTION_DAYS.to(5))

    seen = heard(main)
    on_db(deskapp, from_the_server)
    purged = on_db(deskapp, lambda _s: ws.meetings.purge_expired())  # as after a settings change
    assert purged.blobs == 1
    qtbot.waitUntil(
        lambda: page.documents.item(0).text().endswith("not on this computer yet"), timeout=WAIT
    )
    idle(qtbot, deskapp)
    # Both changes, the settings first; published before the GUI thread's next
    # turn, they may arrive merged into one (ui/changes.py).
    merged = Changes()
    for changes in seen:
        merged |= changes
    assert merged == Changes(settings=True, meetings=True, documents=True) and seen[0].settings
    ((_id, offline),) = main.meetings.rows()
    assert offline == "Removed from this computer (retention period over)"
    assert main.pages.currentWidget() is main.room and page.detail is not None  # in place
