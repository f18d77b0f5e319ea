"""When to lock: after idle minutes without input, and when the desktop session
locks (the freedesktop/GNOME screensaver says so on the session bus)."""

from __future__ import annotations

import logging
from typing import Any

from hanoi_desk.ui.qt import QObject, QtCore, QtDBus, Signal, Slot

log = logging.getLogger(__name__)
INPUT_EVENTS = frozenset(
    {
        QtCore.QEvent.Type.KeyPress,
        QtCore.QEvent.Type.MouseButtonPress,
        QtCore.QEvent.Type.MouseMove,
        QtCore.QEvent.Type.Wheel,
        QtCore.QEvent.Type.TouchBegin,
    }
)
SCREENSAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver"),
)


class IdleLock(QObject):
    """Emits ``lockNow`` once per idle period or session lock."""

    lockNow = Signal(str)  # reason: "idle" or "session"

    def __init__(
        self,
        minutes: float,
        parent: QObject | None = None,
        bus: QtDBus.QDBusConnection | None = None,
    ) -> None:
        super().__init__(parent)
        self.timer = QtCore.QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.lockNow.emit("idle"))
        self.set_minutes(minutes)
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.listening = self._listen_to_session(bus or QtDBus.QDBusConnection.sessionBus())

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QtCore.QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QtCore.QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.timer.start()
        return False

    def _listen_to_session(self, bus: QtDBus.QDBusConnection) -> bool:
        if not bus.isConnected():
            log.info("no session bus: only the idle timer locks")
            return False
        ok = False
        for interface, path in SCREENSAVERS:
            # PySide6 wants the SLOT() string here, though its stubs say bytes.
            connect: Any = bus.connect
            ok = connect("", path, interface, "ActiveChanged", self, "1_screensaver(bool)") or ok
        return ok

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self.lockNow.emit("session")
