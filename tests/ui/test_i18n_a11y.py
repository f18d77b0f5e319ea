"""Vietnamese by default and complete; English complete; every control named
for screen readers and reachable from the keyboard."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import WAIT, idle, unlock

from hanoi_desk.app.session import Desk
from hanoi_desk.resources import resources_dir
from hanoi_desk.ui.app import DeskApp, install_translator, set_language
from hanoi_desk.ui.qt import QtCore, QtWidgets

ROOT = Path(__file__).resolve().parents[2]
TS = resources_dir() / "i18n" / "hanoi_desk_vi.ts"
VIETNAMESE_MARKS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def sources() -> dict[str, str]:
    tree = ET.parse(TS)
    out = {}
    for message in tree.getroot().iter("message"):
        source = message.find("source")
        translation = message.find("translation")
        assert source is not None and translation is not None
        out[source.text or ""] = translation.text or ""
    return out


def test_every_message_is_translated() -> None:
    # That the shipped .qm matches the .ts is tests/test_i18n.py's
    # test_the_shipped_qm_holds_every_translation_of_the_ts (a timestamp proved nothing).
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n_ui.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout
    catalogue = sources()
    assert len(catalogue) > 200
    # Real Vietnamese, with its diacritics (not stripped ASCII).
    with_marks = [t for t in catalogue.values() if VIETNAMESE_MARKS & set(t.lower())]
    assert len(with_marks) > 0.8 * len(catalogue)


@pytest.fixture
def vietnamese(qapp: Any) -> Iterator[None]:
    install_translator(qapp, "vi")
    yield
    set_language(qapp, "en")


def controls(root: QtWidgets.QWidget) -> list[QtWidgets.QWidget]:
    kinds = (
        QtWidgets.QAbstractButton,
        QtWidgets.QLineEdit,
        QtWidgets.QComboBox,
        QtWidgets.QAbstractSpinBox,
        QtWidgets.QAbstractItemView,
        QtWidgets.QPlainTextEdit,
        QtWidgets.QTabWidget,
    )
    found = [w for w in root.findChildren(QtWidgets.QWidget) if isinstance(w, kinds)]
    return [
        w
        for w in found
        if w.isVisibleTo(root)
        and not isinstance(
            w.parent(),
            (QtWidgets.QTabBar, QtWidgets.QAbstractSpinBox, QtWidgets.QAbstractItemView),
        )
        and not isinstance(w, QtWidgets.QHeaderView)
        and w.objectName() != "qt_scrollarea_viewport"
        and not type(w).__name__.startswith("QToolBarExtension")
    ]


def test_vietnamese_screens_with_accessible_names(
    qtbot: Any, vietnamese: None, profile_desk: Desk
) -> None:
    root = DeskApp(profile_desk, "vi")
    root.show()
    try:
        unlock_screen = root.unlock
        assert unlock_screen.unlock_button.text() == "&Mở khóa"
        assert unlock_screen.windowTitle() == "Hanoi Desk — mở khóa"
        unlock(qtbot, root)
        assert root.main is not None
        main = root.main
        nav = [a.text() for a in main.view_menu.actions() if not a.isSeparator()]
        assert nav == [
            "Trang &chủ",
            "Cuộc &họp",
            "Tìm &kiếm",
            "&Tài liệu",
            "Đồng &bộ",
            "Màn hình &trình chiếu…",  # hidden until the chair or secretary opens a live meeting
            "&Ngôn ngữ",
        ]
        assert main.indicator.text() == "Ngoại tuyến — chưa thiết lập máy chủ"
        catalogue = sources()
        english_only = {src for src, vi in catalogue.items() if src != vi}
        pages = [main.meetings, main.room, main.search_view, main.documents, main.sync_panel]
        for page in pages:
            main.show_page(page)
            for key in main.side.pages:  # every page of the side panel too
                main.side.show_page(key)
                idle(qtbot, root)
                unnamed = [
                    f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}"
                    for w in controls(main) + controls(unlock_screen)
                    if not w.accessibleName()
                ]
                assert unnamed == [], f"without an accessible name: {unnamed}"
                for widget in controls(main) + controls(unlock_screen):
                    name = widget.accessibleName()
                    assert name not in english_only, f"untranslated accessible name {name!r}"
                    text = getattr(widget, "text", lambda: "")()
                    assert text not in english_only, f"untranslated text {text!r}"
                    assert widget.focusPolicy() != QtCore.Qt.FocusPolicy.NoFocus or isinstance(
                        widget, QtWidgets.QAbstractButton
                    ), f"{name} cannot take keyboard focus"
    finally:
        root.lock()
        qtbot.waitUntil(lambda: root.runner.pending == 0, timeout=WAIT)
        root.shutdown()


def test_every_page_and_menu_has_a_keyboard_mnemonic(qtbot: Any, deskapp: DeskApp) -> None:
    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    main = deskapp.main
    for menu in (main.file_menu, main.view_menu):
        letters = []
        for action in menu.actions():
            if action.isSeparator():
                continue
            text = action.text()
            assert "&" in text, text
            letters.append(text[text.index("&") + 1].lower())
        if menu is main.view_menu:
            assert len(set(letters)) == len(letters)  # Alt+letter reaches each page once
    menu_actions = [a for m in main.menuBar().actions() for a in m.menu().actions()]
    keys = {a.shortcut().toString() for a in menu_actions}
    assert {"Ctrl+O", "Ctrl+L", "Ctrl+Q", "F5", "Ctrl+1", "Ctrl+2", "Ctrl+K"} <= keys
    # The side panel's pages: Alt+1 … Alt+5, each button named.
    for n, page in enumerate(main.side.pages.values(), start=1):
        assert page.shortcut == f"Alt+{n}" and page.button.accessibleName()


def test_core_messages_of_the_desktop_have_vietnamese() -> None:
    """Every N_() template in the app-layer files and ui/ of this area is in locale/vi."""
    sys.path.insert(0, str(ROOT / "tests"))
    from hanoi_desk.i18n import catalog
    from i18n_templates import templates

    ours = (
        "app/reader",
        "app/notes",
        "app/meetings",
        "app/settings",
        "app/signatures",
        "app/sign_cached",
        "app/workspace",
        "ui/",
    )
    vi = catalog("vi")
    missing = [t for t, where in templates().items() if where.startswith(ours) and t not in vi]
    assert missing == []
