"""The one helper for background work: lanes, progress, cancel, error classes.

Work runs on named lanes (threads), results come back on the GUI thread:

- ``db``: the single thread that owns the SQLCipher connection. Every query
  and every transaction of the session goes through it, in order.
- ``render``: PyMuPDF, which is not thread-safe, on one thread of its own.
- ``token``: calls into the signing engine (which talks to PKCS#11 on its own
  token thread); kept apart so a slow token never holds up reading.
- ``net``: a small pool for network transfers.

A failing job reports through classes (STYLE.md): ``Cancelled`` is silent, a
``HanoiDeskError`` becomes a clear message, anything else is a bug whose
report carries the exception type and stack, never its message (which may
quote data).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Generic, TypeVar

from hanoi_desk.errors import Cancelled, HanoiDeskError
from hanoi_desk.ui.qt import QObject, Signal, isValid

T = TypeVar("T")
log = logging.getLogger(__name__)

LANES = {"db": 1, "render": 1, "token": 1, "net": 4}

ErrorHandler = Callable[[BaseException], None]


class Job(Generic[T]):
    """Handed to the work function: it reports progress and asks whether to stop."""

    def __init__(self, runner: TaskRunner, lane: str, label: str) -> None:
        self.runner = runner
        self.lane = lane
        self.label = label
        self._cancel = threading.Event()
        self.on_progress: Callable[[int, int, str], None] | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Call between steps: raises ``Cancelled`` once the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int, item: str = "") -> None:
        callback = self.on_progress
        if callback is not None:
            self.runner.post(lambda: callback(done, total, item))


def describe_bug(exc: BaseException) -> str:
    """Type and stack only: an exception's text can quote document contents."""
    stack = "".join(traceback.format_tb(exc.__traceback__))
    return f"{type(exc).__module__}.{type(exc).__qualname__}\n{stack}"


class TaskRunner(QObject):
    """Owns the lanes. Create one per application window set, on the GUI thread."""

    _call = Signal(object)
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools = {
            lane: ThreadPoolExecutor(max_workers=n, thread_name_prefix=f"hd-{lane}")
            for lane, n in LANES.items()
        }
        self._pending = 0
        self._closed = False
        self.on_error: ErrorHandler = self._log_error
        self._call.connect(self._on_call)

    @staticmethod
    def _log_error(exc: BaseException) -> None:
        if isinstance(exc, HanoiDeskError):
            log.warning("%s", exc.message("en"))
        else:
            log.error("bug in background job: %s", describe_bug(exc))

    @staticmethod
    def on_lane(lane: str) -> bool:
        return threading.current_thread().name.startswith(f"hd-{lane}")

    @property
    def pending(self) -> int:
        return self._pending

    def post(self, fn: Callable[[], None]) -> None:
        """Run ``fn`` on the GUI thread (soon, in order)."""
        self._call.emit(fn)

    def _on_call(self, fn: Callable[[], None]) -> None:
        fn()

    def run(
        self,
        lane: str,
        work: Callable[[Job[T]], T],
        done: Callable[[T], None] | None = None,
        *,
        failed: ErrorHandler | None = None,
        progress: Callable[[int, int, str], None] | None = None,
        cancelled: Callable[[], None] | None = None,
        owner: QObject | None = None,
        label: str = "",
    ) -> Job[T]:
        """Run ``work(job)`` on ``lane``; ``done``/``failed`` run on the GUI thread.

        With ``owner``, callbacks are dropped once that widget is gone, so a
        late result never reaches a closed window.
        """
        job: Job[T] = Job(self, lane, label)
        job.on_progress = progress
        if self._closed:
            return job
        self._pending += 1
        self.busy_changed.emit(self._pending)

        def alive() -> bool:
            return owner is None or isValid(owner)

        def finish(callback: Callable[[], None]) -> None:
            self._pending -= 1
            self.busy_changed.emit(self._pending)
            if alive():
                callback()

        def body() -> None:
            try:
                result = work(job)
            except Cancelled:
                self.post(lambda: finish(cancelled or (lambda: None)))
            except BaseException as exc:
                error = exc
                handler = failed or self.on_error
                self.post(lambda: finish(lambda: handler(error)))
            else:
                self.post(lambda: finish(lambda: done(result) if done is not None else None))

        self._pools[lane].submit(body)
        return job

    def call(self, lane: str, work: Callable[[], T]) -> T:
        """Run ``work`` on ``lane`` and wait: for short steps outside the GUI thread
        (e.g. a render job that needs one query) and for shutdown."""
        if self.on_lane(lane):
            return work()
        return self._pools[lane].submit(work).result()

    def call_db(self, work: Callable[[], T]) -> T:
        """:meth:`call` on the ``db`` lane: how another lane asks the thread that
        owns the session's connection (``store.database.OnOwner``)."""
        return self.call("db", work)

    def shutdown(self) -> None:
        self._closed = True
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
