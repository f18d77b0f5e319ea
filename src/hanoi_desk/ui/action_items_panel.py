"""The open meeting's action items (kết luận; docs/action-items.md), under its
documents on the meeting page: number, text, owner unit, due date and status,
an overdue item marked in words *and* red (never colour alone); for a member of
the owner unit or the meeting's secretariat, the moves the domain rule allows,
with a short note, queued like a comment (the next sync sends it).

Cache work runs on the ``db`` lane: the window never waits for it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from hanoi_desk.app.changes import Changes
from hanoi_desk.domain import action_items as da
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import error_text, named, plain_tip
from hanoi_desk.ui.live_room import named_button, plain_label
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets

if TYPE_CHECKING:
    from hanoi_desk.app.workspace import Workspace
    from hanoi_desk.ui.tasks import TaskRunner

ITEM_ROLE = QtCore.Qt.ItemDataRole.UserRole + 41
OVERDUE_RED = QtGui.QColor("#b00020")
SHOWN = 300
"""Characters of an item's text shown in the list (the whole text in its tooltip)."""


class ActionItemsPanel(QtWidgets.QWidget):
    def __init__(
        self,
        runner: TaskRunner,
        ws: Callable[[], Workspace],
        meeting: Callable[[], str | None],
        language: Callable[[], str],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actionItemsPanel")
        self.runner, self.ws, self.meeting, self.language = runner, ws, meeting, language
        self.items: list[da.ActionItem] = []
        self.me: frozenset[str] = frozenset()
        self.today = datetime.date.today()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QtWidgets.QLabel("")
        layout.addWidget(self.title)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("actionItems")
        self.list.setWordWrap(True)
        self.title.setBuddy(self.list)
        layout.addWidget(self.list, 1)
        self.status_box = QtWidgets.QComboBox()
        self.status_box.setObjectName("actionMove")
        self.note = QtWidgets.QLineEdit()
        self.note.setObjectName("actionNote")
        self.note.setMaxLength(da.MAX_NOTE)
        self.change = named_button("actionChange")
        self.message = plain_label("actionMessage")
        for w in (self.status_box, self.note, self.change, self.message):
            layout.addWidget(w)
        self.list.currentRowChanged.connect(lambda _row: self._chosen())
        self.change.clicked.connect(self._change)
        self.retranslate()
        self.hide()  # until the meeting has items

    def retranslate(self) -> None:
        self.title.setText(self.tr("Action &items of the conclusions"))
        named(self.list, self.tr("Action items of the meeting's conclusions"))
        named(self.status_box, self.tr("New status"))
        named(self.note, self.tr("Note for this change"))
        self.note.setPlaceholderText(self.tr("Note (optional)"))
        self.change.setText(self.tr("Change status"))
        self._fill()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def status_text(self, status: str) -> str:
        return {
            da.OPEN: self.tr("open"),
            da.IN_PROGRESS: self.tr("under way"),
            da.DONE: self.tr("done"),
            da.CANCELLED: self.tr("cancelled"),
        }.get(status, status)

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        meeting_id = self.meeting()
        if meeting_id is None:
            self.show_items([], frozenset())
            return
        ws = self.ws()

        def work(_job: object) -> tuple[list[da.ActionItem], frozenset[str]]:
            from hanoi_desk.app import action_items as app

            cache = ws.session.cache
            return app.items(cache, meeting=meeting_id), app.me(cache)

        def done(found: tuple[list[da.ActionItem], frozenset[str]]) -> None:
            if meeting_id == self.meeting():
                self.show_items(*found)

        self.runner.run("db", work, done, failed=self._failed, owner=self)

    def show_items(self, items: list[da.ActionItem], me: frozenset[str]) -> None:
        self.items, self.me, self.today = items, me, datetime.date.today()
        self.setVisible(bool(items))
        self._fill()

    def _fill(self) -> None:
        keep = self.chosen()
        self.list.blockSignals(True)
        self.list.clear()
        for item in self.items:
            entry = QtWidgets.QListWidgetItem(self.item_text(item))
            entry.setData(ITEM_ROLE, item.id)
            entry.setToolTip(plain_tip(printable(item.text)))
            if item.overdue(self.today):
                # Red *and* the word: colour alone says nothing to some readers.
                entry.setForeground(OVERDUE_RED)
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.list.addItem(entry)
            if keep is not None and item.id == keep.id:
                self.list.setCurrentItem(entry)
        self.list.blockSignals(False)
        self._chosen()

    def item_text(self, item: da.ActionItem) -> str:
        status = self.status_text(item.status)
        if item.overdue(self.today):
            status = self.tr("OVERDUE — %1").replace("%1", status)
        due = self.tr("due %1").replace("%1", item.due_date.strftime("%d/%m/%Y"))
        # Status and due date first: the meeting page's column is narrow and the
        # text may be long, so what the reader scans for stays in view.
        head = f"{item.number}. {status} · {due}"
        return (
            f"{head}\n{printable(item.unit_name, limit=120)}\n{printable(item.text, limit=SHOWN)}"
        )

    def chosen(self) -> da.ActionItem | None:
        entry = self.list.currentItem()
        wanted = entry.data(ITEM_ROLE) if entry is not None else None
        return next((i for i in self.items if i.id == wanted), None)

    def _chosen(self) -> None:
        item = self.chosen()
        moves = sorted(item.moves_for(self.me), key=da.STATUSES.index) if item else []
        self.status_box.clear()
        for status in moves:
            self.status_box.addItem(self.status_text(status), status)
        for w in (self.status_box, self.note, self.change):
            w.setVisible(bool(moves))  # shown to those the rule lets move this item

    # -- a status change ----------------------------------------------------------------------

    def _change(self) -> None:
        item, status = self.chosen(), self.status_box.currentData()
        if item is None or not isinstance(status, str):
            return
        note, ws = self.note.text(), self.ws()
        self.change.setEnabled(False)

        def work(_job: object) -> str:
            from hanoi_desk.app import action_items as app

            op = app.queue_status(ws.session.cache, item, status, note)
            ws.changes.publish(Changes(outbox=True))  # the unsent count, this list
            return op

        def done(_op: str) -> None:
            self.change.setEnabled(True)
            self.note.clear()
            self.message.setText(self.tr("Queued: the next sync sends it."))

        def failed(exc: BaseException) -> None:
            self.change.setEnabled(True)
            self._failed(exc)

        self.runner.run("db", work, done, failed=failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc, self.language()))
