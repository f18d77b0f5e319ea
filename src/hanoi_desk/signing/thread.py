"""The one thread that talks to PKCS#11 modules.

Vendor drivers are often not thread-safe and some hang; every token call goes
through :class:`TokenThread`, and code that touches a session asserts it runs
there (as Electrum's ``runs_in_hwd_thread``). A call that does not return in
time abandons the thread (it is a daemon) and starts a fresh one, so a hung
driver is reported instead of freezing the app.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, TypeVar

from hanoi_desk.errors import EnvironmentFault
from hanoi_desk.i18n import N_

T = TypeVar("T")

TOKEN_HUNG = N_(
    "The token driver did not answer within {seconds} seconds ({what}). Unplug the token, "
    "plug it in again and retry."
)

_Job = tuple[Future[Any], Callable[[], Any]]


class TokenUnavailable(EnvironmentFault):
    """The token cannot be used any more (pulled out, or its driver hung): a
    batch stops on this type, where a bad document only fails itself."""


class TokenHung(TokenUnavailable):
    template = TOKEN_HUNG


class TokenThread:
    """A single daemon worker; calls are serialised in submission order."""

    def __init__(self, name: str = "hanoi-token") -> None:
        self.name = name
        self.closed = False
        """Set by :meth:`close`: a job submitted now would never run."""
        self._lock = threading.Lock()
        self._start()

    def _start(self) -> None:
        self._queue: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(
            target=self._loop, args=(self._queue,), name=self.name, daemon=True
        )
        self._thread.start()

    @staticmethod
    def _loop(jobs: queue.SimpleQueue[_Job | None]) -> None:
        while (job := jobs.get()) is not None:
            fut, fn = job
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn())
            except BaseException as exc:
                fut.set_exception(exc)

    def on_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def assert_on_thread(self) -> None:
        """Guards every function that touches a PKCS#11 object."""
        assert self.on_thread(), f"token call outside {self.name} thread"

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        fut: Future[T] = Future()
        with self._lock:
            self._queue.put((fut, fn))
        return fut

    def call(self, fn: Callable[[], T], timeout: float | None = None, what: str = "") -> T:
        if self.on_thread():
            return fn()
        fut = self.submit(fn)
        try:
            return fut.result(timeout)
        except FutureTimeout:
            self.abandon()
            raise TokenHung(TOKEN_HUNG, seconds=timeout, what=what) from None

    def abandon(self) -> None:
        """Leave a hung worker behind (it is a daemon) and start a fresh one."""
        with self._lock:
            self._start()

    def close(self) -> None:
        with self._lock:
            self.closed = True
            self._queue.put(None)
