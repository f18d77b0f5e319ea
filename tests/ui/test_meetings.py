"""Meetings, one meeting, the calendar and the settings, on a real profile."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import WAIT, idle, on_db, seed_meeting, unlock

from hanoi_desk.app.meetings import VIETNAM
from hanoi_desk.app.settings import Settings
from hanoi_desk.domain.settings import ORGANISATION, PKCS11_MODULES
from hanoi_desk.samples import make_pdf
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.settings_dialog import SettingsDialog


@pytest.fixture
def with_meetings(qtbot: Any, deskapp: DeskApp, tmp_path: Path) -> dict[str, str]:
    unlock(qtbot, deskapp)
    files = []
    for n in range(3):
        path = tmp_path / f"tai-lieu-{n}.pdf"
        make_pdf(path, f"Tài liệu số {n + 1}", pages=2)
        files.append(path)
    now = datetime.now(VIETNAM).replace(hour=8, minute=0, second=0, microsecond=0)
    ids = on_db(
        deskapp,
        lambda s: {
            "today": seed_meeting(s, "Họp giao ban tuần", now, files[:2]),
            "upcoming": seed_meeting(
                s, "Kỳ họp thứ 12 HĐND quận", now + timedelta(days=3), [files[2]], missing=2
            ),
            "past": seed_meeting(
                s, "Họp tổng kết năm", now - timedelta(days=20), [], policy={"watermark": False}
            ),
        },
    )
    assert deskapp.main is not None
    deskapp.main.refresh_all()
    idle(qtbot, deskapp)
    return ids


def test_meetings_are_grouped_with_offline_state(
    qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]
) -> None:
    assert deskapp.main is not None
    tree = deskapp.main.meetings
    groups = {tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(3)}
    assert set(groups) == {"Today", "Upcoming", "Past"}
    today = groups["Today"].child(0)
    assert today.text(1) == "Họp giao ban tuần"
    assert today.text(2) == "Phòng họp số 2" and today.text(3) == "Nguyễn Văn An"
    assert today.text(4) == "Scheduled" and today.text(5) == "Available offline"
    upcoming = groups["Upcoming"].child(0)
    assert upcoming.text(5) == "1 of 3 documents here"
    assert groups["Past"].child(0).text(1) == "Họp tổng kết năm"


def test_meeting_view_lists_agenda_documents_and_people(
    qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]
) -> None:
    assert deskapp.main is not None
    main = deskapp.main
    item = main.meetings.topLevelItem(1).child(0)
    main.meetings.itemActivated.emit(item, 0)
    idle(qtbot, deskapp)
    page = main.meeting_page
    assert "Kỳ họp thứ 12 HĐND quận" in page.details.text()
    assert "Chair: Nguyễn Văn An" in page.details.text()
    agenda = page.agenda
    assert agenda.topLevelItem(0).text(0) == "1. Báo cáo kinh tế - xã hội"
    titles = [
        agenda.topLevelItem(0).child(i).text(0) for i in range(agenda.topLevelItem(0).childCount())
    ]
    assert "Tài liệu số 3" in titles and "Phụ lục 1" in titles
    states = {
        agenda.topLevelItem(0).child(i).text(0): agenda.topLevelItem(0).child(i).text(2)
        for i in range(agenda.topLevelItem(0).childCount())
    }
    assert states["Tài liệu số 3"] == "yes" and states["Phụ lục 1"] == "not yet"
    people = [page.people.item(i).text() for i in range(page.people.count())]
    assert people == ["Nguyễn Văn An — Chair", "Lê Thị Cúc — Secretary", "Phạm Đức Dũng — Delegate"]
    # Opening a document from the agenda goes to the reader, with the watermark policy.
    doc_item = next(
        agenda.topLevelItem(0).child(i)
        for i in range(agenda.topLevelItem(0).childCount())
        if agenda.topLevelItem(0).child(i).text(0) == "Tài liệu số 3"
    )
    agenda.itemActivated.emit(doc_item, 0)
    qtbot.waitUntil(lambda: main.reader.doc is not None, timeout=WAIT)
    assert main.tabs.currentWidget() is main.reader
    assert main.reader.view.watermark.startswith("alice · ")
    # A document not yet downloaded does not open.
    missing = next(
        agenda.topLevelItem(0).child(i)
        for i in range(agenda.topLevelItem(0).childCount())
        if agenda.topLevelItem(0).child(i).text(0) == "Phụ lục 1"
    )
    with qtbot.assertNotEmitted(page.documentChosen):
        agenda.itemActivated.emit(missing, 0)


def test_calendar_day_and_week(qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]) -> None:
    assert deskapp.main is not None
    cal = deskapp.main.calendar
    cal.span.setCurrentIndex(0)  # day
    idle(qtbot, deskapp)
    assert cal.list.topLevelItemCount() == 1
    assert cal.list.topLevelItem(0).text(2) == "Họp giao ban tuần"
    cal.day.setDate(cal.day.date().addDays(3))
    idle(qtbot, deskapp)
    assert cal.list.topLevelItem(0).text(2) == "Kỳ họp thứ 12 HĐND quận"
    cal.span.setCurrentIndex(1)  # week containing that day
    cal.next.click()
    cal.prev.click()
    idle(qtbot, deskapp)
    start, end = cal.period()
    assert (end - start).days == 7 and start.weekday() == 0


def test_settings_dialog_saves_and_applies_idle_minutes(
    qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]
) -> None:
    assert deskapp.main is not None

    def fill() -> None:
        dialog = next(
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, SettingsDialog) and w.isVisible()
        )
        dialog.organisation.setText("UBND quận Hoàn Kiếm")
        dialog.idle.setValue(7)
        dialog.modules.setPlainText("/usr/lib/softhsm/libsofthsm2.so\n")
        dialog.accept()

    QtCore.QTimer.singleShot(50, fill)
    deskapp.main.edit_settings()
    idle(qtbot, deskapp)
    values = on_db(deskapp, lambda s: Settings(s.cache).load())
    assert values[ORGANISATION] == "UBND quận Hoàn Kiếm"
    assert values[PKCS11_MODULES] == ("/usr/lib/softhsm/libsofthsm2.so",)
    assert deskapp.idle is not None and deskapp.idle.timer.interval() == 7 * 60_000


def test_download_progress_shows_on_the_meeting(
    qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]
) -> None:
    """The engine's BlobProgress event is fed to the controller as the listener
    delivers it; the real download path is covered by test_end_to_end."""
    from hanoi_desk.app.workspace import BlobProgress

    assert deskapp.main is not None
    main = deskapp.main
    missing = [d for d in main.missing.values() if d.meeting_id == with_meetings["upcoming"]]
    assert len(missing) == 2
    main.sync._event(BlobProgress(missing[0].sha256, missing[0].size, missing[0].size, "down"))
    row = main.meetings.topLevelItem(1).child(0)
    assert row.text(5) == "1 of 3 documents here · downloading 50 %"
    assert main.sync_panel.downloads.topLevelItemCount() == 2
