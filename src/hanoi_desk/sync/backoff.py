"""Retry pacing and cancellation.

Exponential backoff with *full jitter* (a random wait between zero and the
exponential cap) keeps many clients that lost the same Wi-Fi from returning to
the server in step. The wait is on a cancellation token, so a cancel ends a
long wait at once instead of after it.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field

from hanoi_desk.errors import Cancelled


class CancelToken:
    """Set from any thread; checked by the engine between steps and in waits."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled()

    def sleep(self, seconds: float) -> None:
        """Wait, but raise :class:`Cancelled` as soon as the token is set."""
        if self._event.wait(max(0.0, seconds)):
            raise Cancelled()


@dataclass
class Backoff:
    base: float = 0.5
    """First cap in seconds."""
    cap: float = 60.0
    """No wait is ever longer than this."""
    attempts: int = 8
    """Tries per step before the engine gives up for this run and reports offline."""
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(cap, base * 2**attempt)]."""
        return self.rng.uniform(0.0, min(self.cap, self.base * (2 ** min(attempt, 30))))
