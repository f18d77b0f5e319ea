"""Small helpers every screen uses: error text, accessible names, the UI language."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from hanoi_desk.app.wiring import default_home
from hanoi_desk.errors import Cancelled, HanoiDeskError, Translated
from hanoi_desk.i18n import DEFAULT_LANGUAGE, SUPPORTED
from hanoi_desk.ui.qt import QCoreApplication, QtCore, QtGui, QtWidgets
from hanoi_desk.ui.tasks import describe_bug

W = QtWidgets.QWidget


def desktop_settings() -> QtCore.QSettings:
    """Non-secret per-machine settings (language, window geometry): a plain file
    next to the profiles, readable before any profile is unlocked."""
    path = Path(default_home()) / "desktop.ini"
    return QtCore.QSettings(str(path), QtCore.QSettings.Format.IniFormat)


def ui_language() -> str:
    override = os.environ.get("HANOI_DESK_LANG", "")
    if override in SUPPORTED:
        return override
    value = str(desktop_settings().value("language", DEFAULT_LANGUAGE))
    return value if value in SUPPORTED else DEFAULT_LANGUAGE


def set_ui_language(language: str) -> None:
    if language in SUPPORTED:
        desktop_settings().setValue("language", language)


def error_text(exc: BaseException, language: str) -> str:
    # Translated, not HanoiDeskError: a batch labels what a cancel left unstarted.
    if isinstance(exc, Translated):
        return exc.message(language)
    return QCoreApplication.translate(
        "Common", "Unexpected error (%1). Nothing secret was recorded; please report it."
    ).replace("%1", type(exc).__name__)


def show_error(parent: W | None, exc: BaseException, language: str) -> None:
    if isinstance(exc, Cancelled):
        return  # the user stopped it: nothing to report
    if not isinstance(exc, HanoiDeskError):
        import logging

        logging.getLogger(__name__).error("bug: %s", describe_bug(exc))
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Common", "Hanoi Desk"))
    box.setText(error_text(exc, language))
    box.setAccessibleName(QCoreApplication.translate("Common", "Error"))
    box.setObjectName("errorBox")
    box.open()


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as it is. Qt takes a tooltip that looks like
    HTML (``Qt.mightBeRichText``) for rich text, and words from the server, a
    token or another member must not become markup or load an image."""
    if not text:
        return ""  # no tooltip rather than an empty paragraph
    return QtGui.Qt.convertFromPlainText(text, QtCore.Qt.WhiteSpaceMode.WhiteSpaceNormal)


def follow_choice_tip(box: QtWidgets.QComboBox) -> None:
    """``box``'s tooltip says its current choice whole (as plain text): a cut
    name (a token's label, a member's name, a vote's title) can be read."""
    box.currentIndexChanged.connect(lambda _i: box.setToolTip(plain_tip(box.currentText())))


def named(widget: W, name: str, tip: str = "") -> W:
    """Give a control its accessible name (and tooltip): screen readers say it."""
    widget.setAccessibleName(name)
    if tip:
        widget.setToolTip(tip)
    return widget


def button(text: str, name: str | None = None, tip: str = "") -> QtWidgets.QPushButton:
    b = QtWidgets.QPushButton(text)
    named(b, name or text.replace("&", ""), tip)
    return b


def dialog_buttons(
    dialog: QtWidgets.QDialog, accept_text: str, cancel_text: str
) -> QtWidgets.QDialogButtonBox:
    """An accept/cancel pair wired to ``dialog``; texts come translated by the caller,
    so each dialog keeps its own translation context."""
    buttons = QtWidgets.QDialogButtonBox()
    role = QtWidgets.QDialogButtonBox.ButtonRole
    buttons.addButton(accept_text, role.AcceptRole).setAccessibleName(accept_text)
    buttons.addButton(cancel_text, role.RejectRole).setAccessibleName(cancel_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def on_choose(view: QtWidgets.QAbstractItemView, handler: Callable[..., None]) -> None:
    """Call ``handler`` once when an item of ``view`` is chosen: by one click, or
    by Enter from the keyboard. (A double click or a style that activates on a
    single click would otherwise report one choice twice: its activation comes
    with a mouse button down, or in the same event as the click.)"""
    busy = [False]

    def clicked(*args: object) -> None:
        busy[0] = True
        QtCore.QTimer.singleShot(0, lambda: busy.__setitem__(0, False))
        handler(*args)

    def activated(*args: object) -> None:
        mouse = QtWidgets.QApplication.mouseButtons() != QtCore.Qt.MouseButton.NoButton
        if not busy[0] and not mouse:
            handler(*args)

    if isinstance(view, (QtWidgets.QListWidget, QtWidgets.QTreeWidget)):
        view.itemClicked.connect(clicked)
        view.itemActivated.connect(activated)
