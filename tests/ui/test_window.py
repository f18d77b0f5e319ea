"""The meeting-centric window (issue 16) on real parts: a real encrypted
profile, real widgets (offscreen), the real reference server on 127.0.0.1
where a sync is involved, and Qt's own scaling for a 1366×768 laptop at 100 %
and 125 % (a child process each: the scale is fixed when Qt starts)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import LEFT, WAIT, idle, on_db, seed_meeting, unlock

from hanoi_desk.app.comments import Comments
from hanoi_desk.app.meetings import VIETNAM
from hanoi_desk.app.session import Desk
from hanoi_desk.app.settings import Settings
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.settings import LANGUAGE
from hanoi_desk.samples import make_pdf
from hanoi_desk.ui.app import DeskApp, install_translator, set_language
from hanoi_desk.ui.common import desktop_settings
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.main_window import MainWindow
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets
from helpers import FixedPrompt as CorePrompt

PROBE = Path(__file__).with_name("window_probe.py")
SYNC_WAIT = 120_000
VIETNAMESE = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


def _password() -> str:
    from tests.server.live import DEMO_PASSWORD

    return DEMO_PASSWORD


def seeded(qtbot: Any, root: DeskApp, tmp_path: Path) -> tuple[MainWindow, str]:
    """Unlocked, with a meeting of today holding one real document and one not here."""
    unlock(qtbot, root)
    pdf = tmp_path / "to-trinh.pdf"
    make_pdf(pdf, "Tờ trình dự toán ngân sách", pages=3)
    now = datetime.now(VIETNAM).replace(hour=8, minute=0, second=0, microsecond=0)
    meeting = on_db(
        root, lambda s: seed_meeting(s, "Kỳ họp thứ 12 HĐND quận", now, [pdf], missing=1)
    )
    assert root.main is not None
    root.main.refresh_all()
    idle(qtbot, root)
    return root.main, meeting


def open_document(qtbot: Any, root: DeskApp, main: MainWindow, meeting: str) -> None:
    main.meetings.card(meeting).click()
    idle(qtbot, root)
    doc = next(d for _text, d in main.meeting_page.document_items() if d.available)
    main.open_document(doc)
    qtbot.waitUntil(lambda: main.reader.doc is not None, timeout=WAIT)
    idle(qtbot, root)


# -- the window on a laptop's screen ------------------------------------------------------


@pytest.mark.parametrize("scale", ["1", "1.25"])
def test_the_window_fits_a_1366x768_laptop_at_100_and_125_percent(
    scale: str, tmp_path: Path
) -> None:
    screens = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768}]}
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(screens))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
    }
    out = subprocess.run(
        [sys.executable, str(PROBE), "vi"],
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    found = json.loads(out.stdout.strip().splitlines()[-1])
    sx, sy, sw, sh = found["screen"]
    assert (sw, sh) == (round(1366 / float(scale)), round(768 / float(scale)))

    def inside(r: list[int]) -> bool:
        x, y, w, h = r
        return x >= sx and y >= sy and x + w <= sx + sw and y + h <= sy + sh

    # Home, and the meeting with each side page (live ones too, the consultation last).
    assert len(found["pages"]) == 10 and "meeting/consult" in found["pages"]
    for name, page in found["pages"].items():
        assert page["windows"], name
        for window, frame in page["windows"].items():
            assert inside(frame), f"{name}: {window} {frame} leaves the screen {found['screen']}"
        assert page["status_visible"] and inside(page["status_bar"]), name
        assert page["indicator_visible"] and inside(page["indicator"]), name
        assert page["minimum"][0] <= sw and page["minimum"][1] <= sh, name
    room = found["room"]
    # The reader gets the most room, the agenda and the side panel stay usable.
    assert room["reader"] > room["side"] and room["reader"] > room["agenda"]
    assert room["agenda"] >= 150 and room["side"] >= 240


def test_the_meeting_shows_agenda_documents_reader_and_side_panel(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    main, meeting = seeded(qtbot, deskapp, tmp_path)
    main.show()
    # Home lists today's meeting first; one click opens it.
    assert main.meetings.cards()[0].meeting.id == meeting
    qtbot.mouseClick(main.meetings.cards()[0], LEFT)
    idle(qtbot, deskapp)
    assert main.pages.currentWidget() is main.room
    doc = next(d for _text, d in main.meeting_page.document_items() if d.available)
    main.open_document(doc)
    qtbot.waitUntil(lambda: main.reader.doc is not None, timeout=WAIT)
    parts = [main.room.widget(i) for i in range(main.room.count())]
    # The reader sits under the presenter bar (ui/presenter.py).
    assert parts == [main.meeting_page, main.reader.parentWidget(), main.side]
    x = [w.mapTo(main, QtCore.QPoint(0, 0)).x() for w in parts]
    assert x == sorted(x) and all(w.isVisible() and w.width() > 0 for w in parts)
    assert main.meeting_page.agenda.isVisible() and main.meeting_page.documents.isVisible()
    assert main.reader.view.isVisible()
    assert main.side.current() == "room" and main.room_now.isVisible()
    assert "not live" in main.room_now.text.text()
    # The side panel's pages, each reachable by its button and its shortcut.
    assert list(main.side.pages) == [
        "room", "notes", "comments", "signatures", "people", "console", "votes", "requests",
        "consult",
    ]  # fmt: skip
    main.side.pages["comments"].button.click()
    assert main.side.current() == "comments" and main.comments.isVisible()
    assert main.comments.heading.text() == "Comments on “Tờ trình dự toán ngân sách”"
    main.activateWindow()
    main.side.pages["notes"].button.setFocus()
    qtbot.keyClick(main.side, QtCore.Qt.Key.Key_5, QtCore.Qt.KeyboardModifier.AltModifier)
    assert main.side.current() == "people" and main.meeting_page.people.isVisible()
    # Search is one keystroke away from any page.
    main.show_page(main.meetings)
    qtbot.keyClick(main, QtCore.Qt.Key.Key_K, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert main.cache_search.hasFocus()


def test_the_window_geometry_is_restored_and_kept_on_the_screen(
    qtbot: Any, deskapp: DeskApp
) -> None:
    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    main.show()
    area = main.screen().availableGeometry()
    assert area.contains(main.frameGeometry())  # the first size fits the screen
    main.setGeometry(40, 50, 700, 560)
    qtbot.waitUntil(lambda: main.geometry().size() == QtCore.QSize(700, 560), timeout=WAIT)
    kept = main.geometry()
    deskapp.lock()  # saved in desktop.ini, outside the encrypted profile: it is no secret
    idle(qtbot, deskapp)
    unlock(qtbot, deskapp)
    again = deskapp.main
    assert again is not None and again is not main
    again.show()
    assert again.geometry() == kept
    # A geometry saved on a larger screen is fitted to this one.
    big = QtWidgets.QWidget()
    big.setGeometry(0, 0, area.width() + 900, area.height() + 700)
    too_big = big.saveGeometry()
    big.deleteLater()
    deskapp.lock()
    idle(qtbot, deskapp)
    desktop_settings().setValue("window/geometry", too_big)
    unlock(qtbot, deskapp)
    third = deskapp.main
    assert third is not None
    third.show()
    assert area.contains(third.frameGeometry())


# -- the sync's state says why ----------------------------------------------------------------


def test_a_sync_error_says_why_in_the_status_bar(qtbot: Any, deskapp: DeskApp, live: Any) -> None:
    from tests.server.live import free_port
    from tests.sync.sync_helpers import fast_backoff

    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    main.sync.backoff = fast_backoff(attempts=2)
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start(live.base_url, "demo", lambda: "not the password")
    assert main.indicator.state == "error"
    assert main.indicator.text() == "Sync error: login refused"
    assert "did not accept the user name or password" in main.indicator.toolTip()
    # Nobody listens on that port: the server cannot be reached.
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start(f"http://127.0.0.1:{free_port()}", "demo", _password)
    assert main.indicator.text() == "Sync error: server unreachable"
    # A server elsewhere without TLS is refused before anything is sent.
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start("http://council.example:8080", "demo", _password)
    assert main.indicator.text() == "Sync error: plain HTTP refused"
    # And a good sync clears it; the status bar names the server.
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start(live.base_url, "demo", _password)
    idle(qtbot, deskapp)
    assert main.indicator.text() == "Up to date"
    host = live.base_url.removeprefix("http://")
    assert main.connection.text() == f"{host} · demo"


# -- comments on drafts -----------------------------------------------------------------------


def test_a_comment_is_queued_offline_sent_by_the_sync_and_seen_by_another_participant(
    qtbot: Any, deskapp: DeskApp, profile_desk: Desk, live: Any
) -> None:
    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start(live.base_url, "demo", _password)
    idle(qtbot, deskapp)
    card = main.meetings.cards()[0]
    qtbot.mouseClick(card, LEFT)
    idle(qtbot, deskapp)
    doc = next(d for _text, d in main.meeting_page.document_items() if d.available)
    main.open_document(doc)
    qtbot.waitUntil(lambda: main.reader.doc is not None, timeout=WAIT)
    idle(qtbot, deskapp)
    main.side.show_page("comments")
    panel = main.comments
    assert panel.list.item(0).text() == "No comments on this document yet."
    assert not panel.send_button.isEnabled()
    panel.editor.setPlainText("Đề nghị bổ sung số liệu quý III\nvà nguồn vốn")
    qtbot.mouseClick(panel.send_button, LEFT)
    qtbot.waitUntil(lambda: "queued" in panel.list.item(0).text(), timeout=WAIT)
    idle(qtbot, deskapp)
    first = panel.list.item(0).text()
    assert first.startswith("Me · ") and "queued, sent at the next sync" in first
    assert first.endswith("Đề nghị bổ sung số liệu quý III\nvà nguồn vốn")
    assert panel.editor.toPlainText() == ""  # queued: the box is free again
    assert main.indicator.queued == 1
    assert main.sync_panel.outbox.topLevelItem(0).text(0).startswith("Comment: Đề nghị")

    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start(live.base_url, "demo", _password)
    qtbot.waitUntil(lambda: "· sent" in panel.list.item(0).text(), timeout=WAIT)
    idle(qtbot, deskapp)
    sent = panel.list.item(0).text()
    assert sent.startswith("Nguyễn Văn An · ") and panel.list.count() == 1
    assert main.indicator.queued == 0

    profile_desk.create("daibieu", CorePrompt())
    with profile_desk.open("daibieu", CorePrompt(), "passphrase") as other:
        options = SyncOptions(server=live.base_url, username="daibieu", password=_password)
        SyncService(other, options).run()
        (seen,) = Comments(other.cache).for_document(doc.id)
    assert seen.text == "Đề nghị bổ sung số liệu quý III\nvà nguồn vốn"
    assert seen.author == "Nguyễn Văn An" and not seen.mine


# -- language, palette ------------------------------------------------------------------------


def test_the_language_changes_without_a_restart(
    qtbot: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    main, meeting = seeded(qtbot, deskapp, tmp_path)
    open_document(qtbot, deskapp, main, meeting)
    assert main.go_home.text() == "&Home" and main.comments.send_button.text() == "&Send"
    card_when = main.meetings.card(meeting).when.text()
    main.language_actions["vi"].trigger()
    qtbot.waitUntil(lambda: main.go_home.text() == "Trang &chủ", timeout=WAIT)
    idle(qtbot, deskapp)
    assert main.comments.send_button.text() == "&Gửi"
    assert main.indicator.text() == "Ngoại tuyến — chưa thiết lập máy chủ"
    assert main.reader.zoom_box.itemText(0) == "Vừa chiều rộng"
    assert main.side.title.text() == "Phòng họp lúc này"
    assert main.meetings.today_title.text().startswith("Hôm nay · Thứ ")
    assert main.meetings.card(meeting).when.text() != card_when
    assert main.meeting_page.documents_title.text() == "&Tài liệu của nội dung này"
    assert main.reader.signatures.online.text() == "Kiểm tra &thu hồi trực tuyến"
    # The core's messages follow, and the choice is kept for the next start.
    assert main.language == deskapp.language == "vi" and main.sync.language == "vi"
    assert desktop_settings().value("language") == "vi"
    values = on_db(deskapp, lambda s: Settings(s.cache).load())
    assert values[LANGUAGE] == "vi"
    main.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: main.go_home.text() == "&Home", timeout=WAIT)
    assert main.comments.send_button.text() == "&Send"


@pytest.fixture
def vietnamese(qapp: Any) -> Iterator[None]:
    install_translator(qapp, "vi")
    yield
    set_language(qapp, "en")


TEXTUAL = (QtWidgets.QLabel, QtWidgets.QAbstractButton, QtWidgets.QLineEdit, QtWidgets.QGroupBox)


def shown_texts(root: QtWidgets.QWidget) -> list[tuple[str, str]]:
    """(where, text) of what a visible widget shows or tells a screen reader."""
    found: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QtWidgets.QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        where = f"{type(w).__name__} {w.objectName()!r}"
        texts = [w.toolTip(), w.accessibleName(), w.accessibleDescription(), w.windowTitle()]
        for attribute in ("text", "placeholderText", "title"):
            value = getattr(w, attribute, None)
            if callable(value) and isinstance(w, TEXTUAL):
                texts.append(str(value()))
        if isinstance(w, QtWidgets.QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QtWidgets.QListWidget):
            for i in range(w.count()):
                texts += [w.item(i).text(), w.item(i).toolTip()]
        if isinstance(w, QtWidgets.QTreeWidget):
            header = w.headerItem()
            texts += [header.text(c) for c in range(header.columnCount())]
            iterator = QtWidgets.QTreeWidgetItemIterator(w)
            while (item := iterator.value()) is not None:
                texts += [item.text(c) for c in range(item.columnCount())]
                iterator += 1
        if isinstance(w, QtWidgets.QMenuBar | QtWidgets.QMenu | QtWidgets.QToolBar):
            for action in w.actions():
                texts += [action.text(), action.toolTip()]
                if action.menu() is not None:
                    texts += [a.text() for a in action.menu().actions()]
        found += [(where, t) for t in texts if t]
    return found


# What a Vietnamese window may show without a Vietnamese letter: names, data, units,
# and the few Vietnamese words written without one ("Xem", "Sau").
DATA = re.compile(
    r"^(Hanoi Desk — alice|alice · .*|English|\d+ (%|KiB)|/ \d+|[\d/:–\- ·]+|&?Xem|Sau)$"
)


def english_in(texts: list[tuple[str, str]]) -> list[str]:
    return sorted(
        {
            f"{where}: {text!r}"
            for where, text in texts
            if re.search(r"[A-Za-z]{2}", text)
            and not VIETNAMESE & set(text.lower())
            and not DATA.match(text)
        }
    )


def test_no_english_is_left_in_the_vietnamese_window(
    qtbot: Any, vietnamese: None, profile_desk: Desk, tmp_path: Path
) -> None:
    root = DeskApp(profile_desk, "vi")
    root.show()
    try:
        main, meeting = seeded(qtbot, root, tmp_path)
        main.show()
        left = english_in(shown_texts(main))  # Home
        open_document(qtbot, root, main, meeting)
        for page in (main.room, main.search_view, main.documents, main.sync_panel):
            main.show_page(page)
            for key in main.side.pages:
                main.side.show_page(key)
                idle(qtbot, root)
                left += english_in(shown_texts(main))
        assert sorted(set(left)) == [], "\n".join(sorted(set(left)))
        # Qt's own strings: a question's buttons, a text box's menu, day and month names.
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Question,
            "Hanoi Desk",
            "?",
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
        )
        texts = {b.text() for b in box.buttons()}
        assert texts == {"&Có", "&Không"}
        box.deleteLater()
        menu = main.cache_search.createStandardContextMenu()
        assert menu is not None
        shown = {a.text().split("\t")[0] for a in menu.actions()}  # without the shortcut
        assert {"&Hoàn tác", "Sao &chép", "&Dán", "Chọn tất cả"} <= shown
        menu.deleteLater()
        calendar = main.calendar.day
        assert calendar.locale().name() == "vi_VN"
        assert calendar.locale().toString(QtCore.QDate(2027, 5, 12), "dddd dd/MM") == "Thứ Tư 12/05"
        assert calendar.locale().standaloneMonthName(5) == "Tháng 5"
    finally:
        root.lock()
        qtbot.waitUntil(lambda: root.runner.pending == 0, timeout=WAIT)
        root.shutdown()


def dark_palette() -> QtGui.QPalette:
    palette = QtGui.QPalette()
    role = QtGui.QPalette.ColorRole
    for r, colour in (
        (role.Window, "#202124"),
        (role.WindowText, "#e8eaed"),
        (role.Base, "#2b2c2f"),
        (role.AlternateBase, "#35363a"),
        (role.Text, "#e8eaed"),
        (role.Button, "#303134"),
        (role.ButtonText, "#e8eaed"),
        (role.Mid, "#5f6368"),
        (role.Highlight, "#8ab4f8"),
        (role.HighlightedText, "#202124"),
    ):
        palette.setColor(r, QtGui.QColor(colour))
    return palette


def ink(pixmap: QtGui.QPixmap) -> QtGui.QColor:
    """The colour of an icon's most opaque pixel (its stroke)."""
    image = pixmap.toImage()
    best = max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda c: c.alpha(),
    )
    return best


def test_the_window_follows_a_light_and_a_dark_palette(
    qtbot: Any, qapp: Any, deskapp: DeskApp, tmp_path: Path
) -> None:
    main, meeting = seeded(qtbot, deskapp, tmp_path)
    open_document(qtbot, deskapp, main, meeting)
    light = qapp.palette()
    try:
        for palette in (light, dark_palette()):
            qapp.setPalette(palette)
            idle(qtbot, deskapp)
            text = palette.color(QtGui.QPalette.ColorRole.WindowText)
            for page in (main.meetings, main.room):
                main.show_page(page)
                assert not main.grab().isNull()  # painted; a Qt warning would fail the test
            # The icons are drawn again in the new palette's text colour.
            qtbot.waitUntil(
                lambda: ink(main.go_home.icon().pixmap(24, 24)).name() == text.name(),  # noqa: B023
                timeout=WAIT,
            )
            assert ink(icon("house").pixmap(24, 24)).name() == text.name()
            card = main.meetings.card(meeting)
            assert card.palette().color(QtGui.QPalette.ColorRole.Base) == palette.color(
                QtGui.QPalette.ColorRole.Base
            )
    finally:
        qapp.setPalette(light)
