"""The meeting's side panel: pages beside the reader, one shown at a time,
chosen by a column of icon buttons (each with a tooltip, an accessible name
and a shortcut) under the shown page's title.

It is the place the live screens join (docs/ui-window.md): a page is added
with :meth:`SidePanel.add_page` — a key, a title (a callable, so a language
change re-reads it), an icon name from ``ui/icons.py``, the widget and an
optional shortcut — and brought forward with :meth:`SidePanel.show_page`
(a vote opening does that; never a modal dialog over the reader).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal


@dataclass
class SidePage:
    key: str
    title: Callable[[], str]
    icon: str
    widget: QtWidgets.QWidget
    button: QtWidgets.QToolButton
    shortcut: str


class SidePanel(QtWidgets.QWidget):
    pageShown = Signal(str)  # key

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidePanel")
        self.pages: dict[str, SidePage] = {}
        self.title = QtWidgets.QLabel("")
        self.title.setObjectName("sideTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.stack = QtWidgets.QStackedWidget()
        self.stack.setObjectName("sideStack")
        self.rail = QtWidgets.QVBoxLayout()
        self.rail.setContentsMargins(0, 0, 0, 0)
        self.rail.setSpacing(2)
        self.rail.addStretch(1)
        self.group = QtWidgets.QButtonGroup(self)
        self.group.setExclusive(True)
        body = QtWidgets.QVBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.title)
        body.addWidget(self.stack, 1)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        layout.addLayout(body, 1)
        layout.addLayout(self.rail)

    def add_page(
        self,
        key: str,
        title: Callable[[], str],
        icon_name: str,
        widget: QtWidgets.QWidget,
        *,
        shortcut: str = "",
    ) -> SidePage:
        """Add a page (at the end of the rail); the first one added is shown."""
        if key in self.pages:
            raise ValueError(f"side page {key!r} exists")  # a programming error
        button = QtWidgets.QToolButton()
        button.setObjectName(f"side-{key}")
        button.setCheckable(True)
        button.setAutoRaise(True)
        button.setIconSize(QtCore.QSize(22, 22))
        button.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        button.clicked.connect(lambda: self.show_page(key))
        self.group.addButton(button)
        self.rail.insertWidget(self.rail.count() - 1, button)
        self.stack.addWidget(widget)
        page = SidePage(key, title, icon_name, widget, button, shortcut)
        self.pages[key] = page
        if shortcut:
            QtGui.QShortcut(QtGui.QKeySequence(shortcut), self, lambda: self.show_page(key))
        self._label(page)
        if len(self.pages) == 1:
            self.show_page(key)
        return page

    def show_page(self, key: str) -> None:
        page = self.pages[key]
        self.stack.setCurrentWidget(page.widget)
        page.button.setChecked(True)
        self.title.setText(page.title())
        self.pageShown.emit(key)

    def current(self) -> str:
        widget = self.stack.currentWidget()
        return next((k for k, p in self.pages.items() if p.widget is widget), "")

    def _label(self, page: SidePage) -> None:
        title = page.title()
        page.button.setIcon(icon(page.icon))
        page.button.setAccessibleName(title)
        keys = QtGui.QKeySequence(page.shortcut).toString(
            QtGui.QKeySequence.SequenceFormat.NativeText
        )
        page.button.setToolTip(f"{title} ({keys})" if keys else title)

    def retranslate(self) -> None:
        for page in self.pages.values():
            self._label(page)
        current = self.current()
        if current:
            self.title.setText(self.pages[current].title())

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() in (
            QtCore.QEvent.Type.LanguageChange,
            QtCore.QEvent.Type.PaletteChange,
        ):
            self.retranslate()
        super().changeEvent(event)
