"""What one participant may hold of a server process: live streams and live commands
(docs/server-live.md, "Limits").

Both are counted in the process that serves the request. With several worker
processes a token could hold its cap in each of them; the uvicorn
``limit_concurrency`` of every process still bounds the whole.
"""

from __future__ import annotations

import math
import resource
import threading
import time
from collections import Counter
from dataclasses import dataclass

STREAMS_PER_TOKEN = 2
"""Live streams one access token may hold at once: the window and one reconnecting."""
STREAMS_PER_USER = 8
"""Live streams one user may hold at once, over all their laptops and tokens."""
COMMAND_RATE = 10.0
"""Live commands and ballots per second one user may send, on average."""
COMMAND_BURST = 20
"""How many of them may come at once (an outbox flushing after a reconnect)."""
FD_RESERVE = 256
"""Open files kept back from ``limit_concurrency`` for the database, blobs and logs."""


@dataclass(frozen=True)
class Limits:
    """The per-participant limits of one server process (``hanoi-desk server`` options)."""

    streams_per_token: int = STREAMS_PER_TOKEN
    streams_per_user: int = STREAMS_PER_USER
    command_rate: float = COMMAND_RATE
    command_burst: int = COMMAND_BURST


def default_concurrency() -> int:
    """uvicorn's ``limit_concurrency`` when none is given: the process's open-file
    limit less a reserve, so a flood of connections is answered 503 before
    ``accept`` fails for everyone (systemd's default soft limit 1024 gives 768)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        soft = 65536
    return max(64, soft - FD_RESERVE)


class TooManyStreams(Exception):
    """The token or the user already holds as many live streams as allowed."""

    def __init__(self, held: int, allowed: int, per: str) -> None:
        super().__init__(f"{held} live streams are open for this {per}; at most {allowed}")


class StreamCount:
    """Open live streams per token digest and per user, in this process.

    A place is taken before the response starts (so the refusal can be a 429)
    and given back exactly once, whichever of the stream's end or the
    response's end comes first."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._tokens: Counter[str] = Counter()
        self._users: Counter[str] = Counter()
        # Taken on the event loop, given back from the loop or a finaliser: a lock, cheap.
        self._lock = threading.Lock()

    def take(self, token_digest: str, user_id: str) -> None:
        with self._lock:
            held = self._tokens[token_digest]
            if held >= self.limits.streams_per_token:
                raise TooManyStreams(held, self.limits.streams_per_token, "token")
            held = self._users[user_id]
            if held >= self.limits.streams_per_user:
                raise TooManyStreams(held, self.limits.streams_per_user, "user")
            self._tokens[token_digest] += 1
            self._users[user_id] += 1

    def give_back(self, token_digest: str, user_id: str) -> None:
        with self._lock:
            for counter, key in ((self._tokens, token_digest), (self._users, user_id)):
                counter[key] -= 1
                if counter[key] <= 0:
                    del counter[key]  # no entry kept per token that ever streamed

    def held(self, token_digest: str) -> int:
        with self._lock:
            return self._tokens[token_digest]


class CommandRate:
    """A token bucket per user: ``rate`` commands a second, ``burst`` at once.

    Hand-written rather than a rate-limit library: it is two floats per user in
    memory, needs no storage backend, and must answer how long to wait."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = float(burst)
        self._buckets: dict[str, tuple[float, float]] = {}
        """user -> (tokens left, monotonic time they were counted)."""
        self._lock = threading.Lock()

    def take(self, user_id: str, now: float | None = None) -> int:
        """0 if the user may send one more command now (and it is counted), else
        the whole seconds to wait before the next one."""
        at = time.monotonic() if now is None else now
        with self._lock:
            tokens, then = self._buckets.get(user_id, (self.burst, at))
            tokens = min(self.burst, tokens + (at - then) * self.rate)
            if tokens >= 1.0:
                self._buckets[user_id] = (tokens - 1.0, at)
                if len(self._buckets) > 10_000:
                    self._forget_full(at)
                return 0
            self._buckets[user_id] = (tokens, at)
            return max(1, math.ceil((1.0 - tokens) / self.rate))

    def _forget_full(self, now: float) -> None:
        """Drop the buckets that have refilled: they are as good as new ones."""
        full = [u for u, (t, then) in self._buckets.items()
                if t + (now - then) * self.rate >= self.burst]  # fmt: skip
        for user in full:
            del self._buckets[user]
