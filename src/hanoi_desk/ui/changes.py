"""The session's changes on the GUI thread, for the screens that show them.

Use cases publish a ``Changes`` on the session's ``ChangeBus`` from whichever
lane they run on (app/changes.py). :class:`ChangeFeed` is the bus's one
desktop subscriber: it posts each change to the GUI thread through the task
runner, in the order the lanes published them, and there hands it to every
screen that subscribed to one of its kinds. A change published by a job is
posted before that job's own result, so a screen is already reloading when
the action that changed it reports back.

Changes published before the GUI thread delivers the last one are merged into
it (their kinds added up): a burst of live events, one ``Changes.live`` each,
reloads each screen once per turn of the event loop rather than once per
event, which froze the window for seconds (``./run bench ui``: ui.live_stall).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from hanoi_desk.app.changes import ChangeBus, Changes, Kind
from hanoi_desk.ui.qt import QObject, Signal, isValid
from hanoi_desk.ui.tasks import TaskRunner


class ChangeFeed(QObject):
    """One per unlocked window: subscribes to the bus until :meth:`close`."""

    changed = Signal(object)  # Changes, on the GUI thread

    def __init__(self, bus: ChangeBus, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._closed = False
        self._lock = threading.Lock()
        self._pending: Changes | None = None
        """Published, not delivered yet: one post to the GUI thread carries them all."""
        self._unsubscribe = bus.subscribe(self._published)

    def _published(self, changes: Changes) -> None:
        # On the publishing lane: only hand it over, merged into a delivery still
        # waiting (it was posted earlier, so it still arrives before the result of
        # the job that published this one).
        with self._lock:
            if self._pending is not None:
                self._pending |= changes
                return
            self._pending = changes
        self.runner.post(self._deliver)

    def _deliver(self) -> None:
        with self._lock:
            changes, self._pending = self._pending, None
        # A change posted just before a lock finds the window gone: dropped.
        if changes is not None and not self._closed and isValid(self):
            self.changed.emit(changes)

    def subscribe(self, kinds: Iterable[Kind], refresh: Callable[[], None]) -> None:
        """Call ``refresh`` once per published change that touches one of ``kinds``."""
        wanted = tuple(kinds)

        def on_change(changes: Changes) -> None:
            if changes.touches(wanted):
                refresh()

        self.changed.connect(on_change)

    def close(self) -> None:
        """Stop hearing the bus (the window is locking): later changes reach no screen."""
        self._closed = True
        self._unsubscribe()
