"""The session's changes on the GUI thread, for the screens that show them.

Use cases publish a ``Changes`` on the session's ``ChangeBus`` from whichever
lane they run on (app/changes.py). :class:`ChangeFeed` is the bus's one
desktop subscriber: it posts each change to the GUI thread through the task
runner, in the order the lanes published them, and there hands it to every
screen that subscribed to one of its kinds. A change published by a job is
posted before that job's own result, so a screen is already reloading when
the action that changed it reports back.
"""

from __future__ import annotations

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
        self._unsubscribe = bus.subscribe(self._published)

    def _published(self, changes: Changes) -> None:
        # On the publishing lane: only hand it over.
        self.runner.post(lambda: self._deliver(changes))

    def _deliver(self, changes: Changes) -> None:
        # A change posted just before a lock finds the window gone: dropped.
        if not self._closed and isValid(self):
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
