"""Change notification without Qt: each use case that writes reports what it
changed, once per call and only after its commit, and a subscriber of the
session's bus hears it; re-anchoring is one use case call. On a real
encrypted profile (real SQLCipher file, real PDFs)."""

from __future__ import annotations

import typing
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from hanoi_desk.app import notes as notes_module
from hanoi_desk.app.changes import KINDS, NOTHING, ChangeBus, Changes, Kind
from hanoi_desk.app.notes import CHANGED, Notes
from hanoi_desk.app.reader import Reader
from hanoi_desk.app.reanchor import Reanchor
from hanoi_desk.app.session import Session
from hanoi_desk.app.sync_service import PULLED, sync_changes
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.domain.settings import IDLE_LOCK_MINUTES, ORGANISATION
from hanoi_desk.errors import UserError
from hanoi_desk.sync.engine import SyncReport
from helpers import NOTE_PAGES_V1 as V1
from helpers import NOTE_PAGES_V2 as V2
from helpers import add_version, text_pdf


def heard(bus: ChangeBus) -> list[Changes]:
    """Every change ``bus`` publishes from now on, in order."""
    seen: list[Changes] = []
    bus.subscribe(seen.append)
    return seen


def test_kinds_name_every_flag_and_changes_merge() -> None:
    assert KINDS == typing.get_args(Kind) == tuple(f.name for f in fields(Changes))
    assert not NOTHING and not Changes()
    merged = Changes(notes=True) | Changes(outbox=True)
    assert merged == CHANGED and merged.kinds == {"notes", "outbox"}
    assert merged.touches(["meetings", "outbox"]) and not merged.touches(["meetings", "settings"])


def test_the_bus_tells_every_subscriber_until_it_unsubscribes() -> None:
    bus = ChangeBus()
    first, second = heard(bus), []
    stop = bus.subscribe(second.append)
    bus.publish(NOTHING)  # nothing changed: nobody is bothered
    bus.publish(CHANGED)
    stop()
    bus.publish(Changes(settings=True))
    assert first == [CHANGED, Changes(settings=True)] and second == [CHANGED]

    # A subscriber that raises is a bug: the later ones still hear, then it surfaces.
    def broken(_changes: Changes) -> None:
        raise RuntimeError("bug")

    bus.subscribe(broken)
    third = heard(bus)
    with pytest.raises(RuntimeError):
        bus.publish(Changes(meetings=True))
    assert third == [Changes(meetings=True)]


def test_note_use_cases_report_notes_and_outbox_once_per_call(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = Workspace(session)  # the desktop's wiring: its use cases publish on the session's bus
    seen = heard(session.changes)
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf(V1))
    (imported,) = ws.session.import_pdfs([path])
    assert imported.document is not None
    assert seen == [Changes(documents=True)]
    doc = imported.document

    seen.clear()
    with pytest.raises(UserError):
        ws.notes.sticky(doc, 0, (1, 1), "   ")
    assert seen == []  # refused: nothing written, nothing reported
    note = ws.notes.sticky(doc, 0, (10, 10), "Hỏi lại")
    ws.notes.edit(note.id, "Hỏi lại chủ tọa")
    ws.notes.delete(note.id)
    assert seen == [CHANGED] * 3

    # A write that rolls back (its outbox payload fails inside the transaction)
    # reports nothing.
    seen.clear()

    def failing(*_a: Any, **_k: Any) -> dict[str, Any]:
        raise OSError("disk gone")

    with monkeypatch.context() as m:
        m.setattr(notes_module, "_payload", failing)
        with pytest.raises(OSError, match="disk gone"):
            ws.notes.sticky(doc, 0, (1, 1), "không lưu")
    assert seen == []

    ws.settings.save(ORGANISATION.to("UBND phường Hàng Bạc"))
    with pytest.raises(UserError):
        ws.settings.save(IDLE_LOCK_MINUTES.to(0))
    assert seen == [Changes(settings=True)]
    # Nothing past its retention: a purge that removes nothing reports nothing.
    ws.meetings.purge_expired()
    assert seen == [Changes(settings=True)]


def test_reanchoring_is_one_call_that_moves_forward_and_reports_once(
    session: Session, tmp_path: Path
) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf(V1))
    doc = session.cache.add_pdf(path)
    notes = Notes(session.cache, session.changes)
    opened = Reader(session.cache).open(doc)
    kept = notes.highlight(doc, 2, "Kinh phí dự kiến", opened.search_exact(2, "Kinh phí dự kiến"))
    gone = notes.highlight(doc, 1, "sẽ bị xóa", opened.search_exact(1, "sẽ bị xóa"), "xem lại")
    add_version(session, doc.id, text_pdf(V2))
    new = session.cache.document(doc.id)
    seen = heard(session.changes)
    reanchor = Reanchor(notes)

    reopened = Reader(session.cache).open(new)
    steps: list[tuple[int, int]] = []
    result = reanchor(reopened, lambda done, total, _item: steps.append((done, total)))
    moved = {n.id: n for n in result.moved}
    assert set(moved) == {kept.id, gone.id} and steps == [(1, 2), (2, 2)]
    assert moved[kept.id].page == 4 and moved[kept.id].rects and not moved[kept.id].lost
    assert result.lost == (moved[gone.id],) and moved[gone.id].body == "xem lại"
    assert {n.version_id for n in notes.for_document(doc.id)} == {new.version_id}
    assert seen == [CHANGED]  # one report for both moves
    assert len(session.cache.outbox()) == 4  # two creations, two moves

    # Opening it again finds nothing stale: nothing moves, nothing is reported.
    assert reanchor(reopened).moved == () and seen == [CHANGED]
    reopened.close()
    # The old version, still open (listed before the new one came): the notes
    # stay on the newest version, they never move back.
    assert reanchor(opened).moved == ()
    opened.close()
    assert {n.version_id for n in notes.for_document(doc.id)} == {new.version_id}
    assert seen == [CHANGED]


def test_a_sync_run_reports_what_its_report_says_it_changed() -> None:
    quiet = sync_changes(SyncReport())
    # The run may purge a pack before it lists downloads, and always reads the policy.
    assert quiet.kinds == {"meetings", "documents", "policy"}
    assert sync_changes(SyncReport(pulled=3)) == PULLED
    assert PULLED.kinds == {"meetings", "documents", "notes", "comments", "outbox", "policy"}
    assert sync_changes(SyncReport(pushed=1)).kinds == quiet.kinds | {"outbox"}
    assert sync_changes(SyncReport(rejected=[("op", "no")])).outbox
