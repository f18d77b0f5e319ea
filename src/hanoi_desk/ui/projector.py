"""The projector view (docs/ui-live.md): a full-screen window on the screen the
chair or secretary chooses, readable from the back of the room — the meeting,
the current speaker with a big timer, or the result of the last closed poll.
Esc closes it. It shows the same LiveRoom as the panels; it decides nothing."""

from __future__ import annotations

from hanoi_desk.app.live import LiveView
from hanoi_desk.domain.live.polls import Poll, Round
from hanoi_desk.domain.live.state import elapsed_ms
from hanoi_desk.domain.text import printable
from hanoi_desk.sync.live import wall_ms
from hanoi_desk.ui.live_room import LiveRoom, clock_text
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets


def screen_names() -> list[str]:
    return [s.name() for s in QtGui.QGuiApplication.screens()]


class ProjectorWindow(QtWidgets.QWidget):
    def __init__(self, room: LiveRoom, screen: int = -1) -> None:
        super().__init__(None, QtCore.Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.room = room
        self.view: LiveView | None = None
        self.heading = QtWidgets.QLabel("")
        self.heading.setObjectName("projectorHeading")
        self.item = QtWidgets.QLabel("")
        self.item.setObjectName("projectorItem")
        self.big = QtWidgets.QLabel("")
        self.big.setObjectName("projectorMain")
        self.timer = QtWidgets.QLabel("")
        self.timer.setObjectName("projectorTimer")
        self.detail = QtWidgets.QLabel("")
        self.detail.setObjectName("projectorDetail")
        for label in (self.heading, self.item, self.big, self.timer, self.detail):
            # Poll and item titles, speakers' names and topics come from the server
            # and other members: the room's screen shows them literally, never as
            # Qt rich text (a topic "<h1>KẾT QUẢ…" must not paint a fake result).
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        for label, scale in ((self.heading, 2.0), (self.big, 3.2), (self.timer, 6.0),
                             (self.detail, 2.2)):  # fmt: skip
            label.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            font = label.font()
            font.setPointSizeF(font.pointSizeF() * scale)
            font.setBold(label is not self.detail)
            label.setFont(font)
        self.item.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.item.setWordWrap(True)
        font = self.item.font()
        font.setPointSizeF(font.pointSizeF() * 2.4)
        self.item.setFont(font)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.item)
        layout.addStretch(1)
        layout.addWidget(self.big)
        layout.addWidget(self.timer)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        QtGui.QShortcut(QtGui.QKeySequence(QtCore.Qt.Key.Key_Escape), self, self.close)
        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)
        self._tick.start()
        room.viewChanged.connect(self.show_view)
        screens = QtGui.QGuiApplication.screens()
        if 0 <= screen < len(screens):
            self.setScreen(screens[screen])
            self.setGeometry(screens[screen].geometry())
        self.setWindowTitle(self.tr("Projector"))
        if room.view is not None:
            self.show_view(room.view)

    def show_full(self) -> None:
        self.showFullScreen()

    def _closed_round(self, view: LiveView) -> tuple[Poll, Round] | None:
        """The last poll whose round has a result (closed), newest first."""
        for poll in reversed(view.state.polls):
            current = poll.current
            if current is not None and current.result is not None:
                return poll, current
        return None

    def show_view(self, view: LiveView) -> None:
        self.view = view
        self.heading.setText(printable(view.title, limit=120))
        self.item.setText(self.item_text(view))
        current = view.current
        if current is not None:
            self.big.setText(printable(current.name, limit=80))
            what = current.topic if current.topic else ""
            self.detail.setText(printable(what, limit=160))
            self._show_time()
            return
        closed = self._closed_round(view)
        self.timer.setText("")
        if closed is not None:
            poll, rnd = closed
            result = rnd.result
            assert result is not None
            pairs = zip(poll.options, result.counts, strict=True)
            counts = " · ".join(f"{printable(o.label, limit=40)}: {n}" for o, n in pairs)
            verdict = self.tr("Passed") if result.passed else self.tr("Not passed")
            # The room must tell an announced result from one the chair has not
            # announced yet (a re-vote may still follow a closed round).
            final = poll.published_round == rnd.number
            status = self.tr("Final result") if final else self.tr("Result not announced yet")
            self.big.setText(f"{printable(poll.title, limit=100)}\n{verdict}")
            self.detail.setText(f"{status}\n{counts}")
            return
        self.big.setText(self.tr("Nobody has the floor."))
        self.detail.setText("")

    def item_text(self, view: LiveView) -> str:
        """The agenda item under discussion, as the room reads it ('' before one is current)."""
        item = view.current_item
        if item is None:
            return ""
        if item.position is None:  # made current before this computer synced the agenda
            return self.tr("Agenda item under discussion")
        return (
            self.tr("Item %1: %2")
            .replace("%1", str(item.position))
            .replace("%2", printable(item.title, limit=160))
        )

    def _show_time(self) -> None:
        view = self.view
        current = view.state.current if view is not None else None
        if view is None or current is None:
            self.timer.setText("")
            return
        now = wall_ms() + (view.clock_offset_ms or 0)
        self.timer.setText(clock_text(elapsed_ms(current, now)))
