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
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets
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
    """Home: today's meeting first, then the next ones, as cards; past ones in a list."""
    assert deskapp.main is not None
    home = deskapp.main.meetings
    cards = home.cards()
    assert [c.meeting.id for c in cards] == [with_meetings["today"], with_meetings["upcoming"]]
    today = cards[0]
    assert today.title.text() == "Họp giao ban tuần"
    assert today.place.text() == "Phòng họp số 2"  # no account here: no role to show
    assert today.when.text().endswith("08:00–10:00 · Scheduled")
    assert today.offline.text() == "Available offline"
    assert cards[1].offline.text() == "1 of 3 documents here"
    assert home.past.count() == 1 and home.past.item(0).text().endswith("Họp tổng kết năm")
    assert home.today_title.text().startswith("Today · ")
    # One click opens a meeting.
    with qtbot.waitSignal(home.meetingChosen) as chosen:
        qtbot.mouseClick(cards[1], QtCore.Qt.MouseButton.LeftButton)
    assert chosen.args == [with_meetings["upcoming"]]


def test_meeting_view_lists_agenda_documents_and_people(
    qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]
) -> None:
    assert deskapp.main is not None
    main = deskapp.main
    main.meetings.card(with_meetings["upcoming"]).click()
    idle(qtbot, deskapp)
    assert main.pages.currentWidget() is main.room
    page = main.meeting_page
    assert "Kỳ họp thứ 12 HĐND quận" in page.details.text()
    assert "Chair: Nguyễn Văn An" in page.details.text()
    agenda = page.agenda
    assert agenda.item(0).text() == "1. Báo cáo kinh tế - xã hội"
    assert agenda.currentRow() == 0  # the first item's documents are listed
    states = {doc.title: text.split("\n")[1] for text, doc in page.document_items()}
    assert states == {
        "Tài liệu số 3": "2 pages · on this computer",
        "Phụ lục 1": "not on this computer yet",
        "Phụ lục 2": "not on this computer yet",
    }
    people = [page.people.item(i).text() for i in range(page.people.count())]
    assert people == ["Nguyễn Văn An — Chair", "Lê Thị Cúc — Secretary", "Phạm Đức Dũng — Delegate"]
    # The people are a page of the side panel, beside the reader.
    assert main.side.pages["people"].widget is page.people
    # Opening a document from the item's list shows it in the reader, with the watermark policy.
    row = next(
        i for i in range(page.documents.count()) if page.documents.item(i).text().startswith("Tài")
    )
    page.documents.itemClicked.emit(page.documents.item(row))
    qtbot.waitUntil(lambda: main.reader.doc is not None, timeout=WAIT)
    assert main.pages.currentWidget() is main.room and main.reader.isVisible()
    assert main.reader.view.watermark.startswith("alice · ")
    # A document not yet downloaded does not open.
    missing = next(
        page.documents.item(i)
        for i in range(page.documents.count())
        if page.documents.item(i).text().startswith("Phụ lục 1")
    )
    with qtbot.assertNotEmitted(page.documentChosen):
        page.documents.itemClicked.emit(missing)


def test_the_current_agenda_item_is_marked(
    qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]
) -> None:
    """The live screens say which item is under discussion; the agenda marks it."""
    assert deskapp.main is not None
    main = deskapp.main
    main.open_meeting(with_meetings["today"])
    idle(qtbot, deskapp)
    page = main.meeting_page
    assert page.detail is not None
    second = page.detail.agenda[1]
    page.mark_current(second.id)
    assert page.agenda.item(1).text() == "2. Dự toán ngân sách — now"
    assert page.agenda.item(1).font().bold() and not page.agenda.item(0).font().bold()
    main._reload_meeting()  # a reload keeps the mark
    idle(qtbot, deskapp)
    assert page.agenda.item(1).text().endswith("— now")
    page.mark_current(None)
    assert page.agenda.item(1).text() == "2. Dự toán ngân sách"


def test_calendar_day_and_week(qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]) -> None:
    assert deskapp.main is not None
    cal = deskapp.main.calendar
    cal.span.setCurrentIndex(0)  # day
    idle(qtbot, deskapp)
    assert cal.list.topLevelItemCount() == 1
    assert cal.list.topLevelItem(0).text(2) == "Họp giao ban tuần"
    cal.day.setSelectedDate(cal.day.selectedDate().addDays(3))
    idle(qtbot, deskapp)
    assert cal.list.topLevelItem(0).text(2) == "Kỳ họp thứ 12 HĐND quận"
    cal.span.setCurrentIndex(1)  # week containing that day
    cal.next.click()
    cal.prev.click()
    idle(qtbot, deskapp)
    start, end = cal.period()
    assert (end - start).days == 7 and start.weekday() == 0
    # Meeting days are bold in the month grid; one click on a listed meeting opens it.
    today = datetime.now(VIETNAM).date()
    day = QtCore.QDate(today.year, today.month, today.day)
    assert cal.day.dateTextFormat(day).fontWeight() == QtGui.QFont.Weight.Bold
    cal.day.setSelectedDate(day)
    idle(qtbot, deskapp)
    item = next(
        cal.list.topLevelItem(i)
        for i in range(cal.list.topLevelItemCount())
        if cal.list.topLevelItem(i).text(2) == "Họp giao ban tuần"
    )
    with qtbot.waitSignal(cal.meetingChosen) as chosen:
        cal.list.itemClicked.emit(item, 0)
    assert chosen.args == [with_meetings["today"]]


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
    card = main.meetings.card(with_meetings["upcoming"])
    assert card.offline.text() == "1 of 3 documents here · downloading 50 %"
    assert main.sync_panel.downloads.topLevelItemCount() == 2


def test_a_card_shows_my_role_and_the_room_and_opens_from_the_keyboard(
    qtbot: Any, deskapp: DeskApp, with_meetings: dict[str, str]
) -> None:
    """What app/home.py gives (tests/app/test_app_home.py) as a card shows it."""
    from hanoi_desk.app.home import HomeData, LiveSummary

    assert deskapp.main is not None
    home = deskapp.main.meetings
    data = home.data
    today = with_meetings["today"]
    live = {today: LiveSummary(present=4, members=7, speaker="Lê Thị Cúc", queued=1)}
    home.show_meetings(HomeData(data.meetings, {today: "chair"}, live))
    card = home.card(today)
    assert card.place.text() == "Phòng họp số 2 · My role: Chair"
    assert card.live_line.isVisibleTo(card)
    assert (
        card.live_line.text()
        == "Live: 4 of 7 present · speaking: Lê Thị Cúc · 1 of my actions queued"
    )
    assert "My role: Chair" in card.accessibleDescription()
    other = home.card(with_meetings["upcoming"])
    assert not other.live_line.isVisibleTo(other)  # not live: no line at all
    card.setFocus()
    with qtbot.waitSignal(home.meetingChosen) as chosen:
        qtbot.keyClick(card, QtCore.Qt.Key.Key_Return)
    assert chosen.args == [today]
