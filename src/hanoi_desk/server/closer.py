"""The authority closes each vote when its closing period ends.

One thread per server process. It reads which rounds are closing
(``live_rounds``, every meeting), sleeps until the earliest period ends (at
most :data:`IDLE_SECONDS`, so rounds another process put into closing are seen
too), and closes each due round through ``Authority.close_due``: one write
transaction that counts the stored ballots, appends the signed ``poll.closed``
event and marks the round closed, or nothing at all.

Several processes may try the same close: the meeting's lock orders them and
the later one finds the round closed (applied, no event). A process killed
before its close committed left nothing, and the round is still closing in the
database, so whichever process runs next (a restart, or another instance)
closes it: the close happens once.
"""

from __future__ import annotations

import logging
import threading

from hanoi_desk.server import votes
from hanoi_desk.server.live import Authority

log = logging.getLogger(__name__)

IDLE_SECONDS = 1.0
"""How often the closer looks for rounds another process put into closing."""
ERROR_BACKOFF_SECONDS = 2.0


class Closer:
    def __init__(self, authority: Authority, idle: float = IDLE_SECONDS) -> None:
        self.authority = authority
        self.idle = idle
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.closed = 0
        """How many rounds this process closed (tests and benchmarks read it)."""
        authority.rounds_moved = self.wake

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="hanoi-live-closer",
                                            daemon=True)  # fmt: skip
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                wait = self.pass_once()
            except Exception as exc:  # the database is away: try again shortly
                log.warning("live closer: %s", type(exc).__name__)
                wait = ERROR_BACKOFF_SECONDS
            self._wake.wait(wait)
            self._wake.clear()

    def pass_once(self) -> float:
        """Close what is due; the seconds until the next period ends (at most ``idle``)."""
        with self.authority.db.read() as session:
            closing = votes.closing_rounds(session)
        # The authority's clock: closing periods end in the time events are stamped with.
        now = self.authority.clock.now()
        due = sorted({m for m, until in closing if until <= now})
        for meeting_id in due:
            self.closed += self.authority.close_due(meeting_id)
        later = [until for _, until in closing if until > now]
        if not later:
            return self.idle
        return max(0.0, min(self.idle, (min(later) - self.authority.clock.now()) / 1000))
