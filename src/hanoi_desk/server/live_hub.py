"""Fan-out of the live log to this process's stream subscribers, and the wake-up
between processes (docs/live-meetings.md, "The wire").

A wake-up only says "meeting M's log may have grown": it carries no event. Each
meeting with subscribers in this process has one :class:`Channel`; woken, it
reads the rows after its head from the database, once for all its subscribers,
and every subscriber then sends the ones it has not sent. So a subscriber only
ever sends committed rows, read by seq, whichever process appended them.

Who wakes a channel:

- the append in this process, right after its commit (:meth:`LiveHub.committed`);
- on PostgreSQL, ``LISTEN hanoi_live`` on one dedicated connection per process
  (an asyncio task, started with the first subscriber and stopped with the
  last): the appending transaction runs ``pg_notify('hanoi_live', meeting_id)``,
  which PostgreSQL delivers to every listening process at commit. After the
  listener (re)connects every channel is woken, for what committed meanwhile;
- the channel's heartbeat tick (every ``heartbeat`` seconds): one query per
  meeting per process for the head and for which subscribers may still read
  (token not revoked or expired, user enabled, still a participant, device not
  ordered wiped). A head that moved without a wake-up (a lost notification, or
  SQLite served by several worker processes, which have no other path) wakes
  the channel, so nothing waits longer than one heartbeat.

There is no polling loop per subscriber: 500 subscribers of one meeting cost
one query per event and one per heartbeat.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import make_url
from sse_starlette import ServerSentEvent
from starlette.concurrency import run_in_threadpool

from hanoi_desk.protocol import live as pl
from hanoi_desk.server import live, votes
from hanoi_desk.server.db import Database
from hanoi_desk.server.limits import Limits, StreamCount

log = logging.getLogger(__name__)

CHANNEL = "hanoi_live"
"""The PostgreSQL notification channel; the payload is the meeting id."""
WINDOW = 512
"""Rows a channel keeps of what it read last, so subscribers a little behind need no query."""
PAGE = 500
"""Rows a subscriber reads at once while it replays."""
LISTEN_BACKOFF = (0.5, 1.0, 2.0, 5.0)


@dataclass(eq=False)
class Subscriber:
    """One open stream: whose token, and whether it must end."""

    token_digest: str
    user_id: str = ""
    closed: bool = False
    held: bool = False
    """True while this stream holds a place in :class:`StreamCount`."""


@dataclass(eq=False)
class Channel:
    """One meeting's live log as this process's subscribers see it."""

    meeting_id: str
    subscribers: set[Subscriber] = field(default_factory=set)
    head: tuple[int, str] | None = None
    """(seq, hash) of the newest row read from the database; None before the first read."""
    head_at: int = 0
    """The ``at`` of that row: heartbeats never carry an earlier time."""
    recent: list[live.StoredEvent] = field(default_factory=list)
    """The rows read since the channel opened, the newest :data:`WINDOW` of them."""
    frames: dict[int, bytes] = field(default_factory=dict)
    """Each recent event's SSE frame, encoded once for all subscribers (by seq)."""
    stale: bool = True
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    fetch_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    ticker: asyncio.Task[None] | None = None

    def wake(self) -> None:
        self.stale = True
        # A new event per wake-up: a subscriber that captured the old one before
        # reading sees it set, so no wake-up between its read and its wait is lost.
        self.changed.set()
        self.changed = asyncio.Event()

    def frame(self, event: live.StoredEvent) -> bytes:
        """The event as an SSE frame; 500 subscribers of one meeting encode it once."""
        cached = self.frames.get(event.seq)
        if cached is None:
            cached = ServerSentEvent(_dumps(event.to_json()), event=pl.SSE_LIVE,
                                     id=str(event.seq)).encode()  # fmt: skip
            if len(self.frames) >= WINDOW:
                self.frames.pop(next(iter(self.frames)))  # the oldest: dicts keep order
            self.frames[event.seq] = cached
        return cached

    def rows_after(self, seq: int) -> list[live.StoredEvent] | None:
        """The rows after ``seq`` this channel holds; None if it does not hold them all."""
        if self.head is None or seq >= self.head[0]:
            return []
        if not self.recent or self.recent[0].seq > seq + 1:
            return None
        return [e for e in self.recent if e.seq > seq]


class LiveHub:
    """The channels of one server process (one per meeting with subscribers)."""

    def __init__(self, db: Database, heartbeat: float, limits: Limits | None = None) -> None:
        self.db = db
        self.heartbeat = heartbeat
        self.clock = live.CLOCK
        """The authority's time for heartbeats (the same clock events are stamped with)."""
        self.streams = StreamCount(limits or Limits())
        """Open streams per token and per user: a guest must not exhaust the process's
        file descriptors (docs/server-live.md, "Limits")."""
        self._channels: dict[str, Channel] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._listener: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()
        """Set while the PostgreSQL listener is connected (tests wait on it)."""

    # --- waking -------------------------------------------------------------------------

    def committed(self, meeting_id: str) -> None:
        """Called by an append after its commit, from any thread."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._wake, meeting_id)

    def _wake(self, meeting_id: str) -> None:
        channel = self._channels.get(meeting_id)
        if channel is not None:
            channel.wake()

    def _wake_all(self) -> None:
        for channel in self._channels.values():
            channel.wake()

    # --- joining and leaving ------------------------------------------------------------

    def _join(self, meeting_id: str, sub: Subscriber) -> Channel:
        self._loop = asyncio.get_running_loop()
        channel = self._channels.get(meeting_id)
        if channel is None:
            channel = self._channels[meeting_id] = Channel(meeting_id)
            channel.ticker = asyncio.create_task(self._tick(channel))
        channel.subscribers.add(sub)
        if not self.db.is_sqlite and (self._listener is None or self._listener.done()):
            self._listener = asyncio.create_task(self._listen())
        return channel

    def _leave(self, channel: Channel, sub: Subscriber) -> None:
        channel.subscribers.discard(sub)
        if channel.subscribers:
            return
        if self._channels.get(channel.meeting_id) is channel:
            del self._channels[channel.meeting_id]
        if channel.ticker is not None:
            channel.ticker.cancel()
        if not self._channels and self._listener is not None:
            self._listener.cancel()
            self._listener = None

    # --- reading ------------------------------------------------------------------------

    async def _catch_up(self, channel: Channel) -> None:
        """Read what the log gained since the channel's head, once per wake-up."""
        async with channel.fetch_lock:
            if not channel.stale:
                return
            # Cleared before the read: a wake-up during the read makes it stale again.
            channel.stale = False
            known = channel.head
            try:
                read = await run_in_threadpool(self._read_new, channel.meeting_id, known)
                rows, head, head_at = read
            except BaseException:
                channel.stale = True  # not read: the next subscriber tries again
                raise
            if rows is None:
                channel.recent = []  # too far behind to keep: subscribers read for themselves
            else:
                channel.recent = (channel.recent + rows)[-WINDOW:]
            channel.head, channel.head_at = head, head_at

    def _read_new(
        self, meeting_id: str, known: tuple[int, str] | None
    ) -> tuple[list[live.StoredEvent] | None, tuple[int, str], int]:
        with self.db.read() as session:
            head, at = live.head_and_at(session, meeting_id)
            if known is None or head[0] <= known[0]:
                return [], head, at
            if head[0] - known[0] > WINDOW:
                return None, head, at
            return live.events_after(session, meeting_id, known[0], WINDOW), head, at

    def _read_page(self, meeting_id: str, after: int) -> list[live.StoredEvent]:
        with self.db.read() as session:
            return live.events_after(session, meeting_id, after, PAGE)

    # --- the heartbeat tick -------------------------------------------------------------

    async def _tick(self, channel: Channel) -> None:
        while True:
            await asyncio.sleep(self.heartbeat)
            subs = list(channel.subscribers)
            try:
                head, allowed = await run_in_threadpool(self._check, channel.meeting_id, subs)
            except Exception as exc:  # the database is away: keep the streams, try next tick
                log.warning("live heartbeat check failed: %s", type(exc).__name__)
                continue
            ended = [s for s in subs if s.token_digest not in allowed]
            for s in ended:
                s.closed = True
            if ended or head != channel.head:
                channel.wake()

    def _check(self, meeting_id: str, subs: list[Subscriber]) -> tuple[tuple[int, str], set[str]]:
        with self.db.read() as session:
            head = live.head_of(session, meeting_id)
            allowed = live.still_allowed(session, meeting_id, [s.token_digest for s in subs])
        # The laptops holding a stream are heard from: one write per meeting per tick
        # (the chair's watch shows members whose laptops are silent).
        users = [s.user_id for s in subs if s.user_id and s.token_digest in allowed]
        if users:
            with self.db.write() as session:
                votes.touch(session, meeting_id, users, live.now_ms())
        return head, allowed

    # --- PostgreSQL LISTEN ----------------------------------------------------------------

    async def _listen(self) -> None:
        import psycopg

        conninfo = make_url(self.db.url).set(drivername="postgresql")
        dsn = conninfo.render_as_string(hide_password=False)
        attempt = 0
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(dsn, autocommit=True)
            except (psycopg.Error, OSError) as exc:
                log.warning("live: cannot LISTEN (%s); retrying", type(exc).__name__)
                await asyncio.sleep(LISTEN_BACKOFF[min(attempt, len(LISTEN_BACKOFF) - 1)])
                attempt += 1
                continue
            try:
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    attempt = 0
                    self.listening.set()
                    self._wake_all()  # what committed while nobody listened
                    async for note in conn.notifies():
                        self._wake(note.payload)
            except (psycopg.Error, OSError) as exc:
                log.warning("live: LISTEN connection lost (%s); reconnecting", type(exc).__name__)
            finally:
                self.listening.clear()
            await asyncio.sleep(LISTEN_BACKOFF[0])

    # --- one stream ---------------------------------------------------------------------

    def reserve(self, token_digest: str, user_id: str) -> Subscriber:
        """A place for one more stream of this token and user, taken before the
        response starts; raises :class:`~hanoi_desk.server.limits.TooManyStreams`."""
        self.streams.take(token_digest, user_id)
        return Subscriber(token_digest, user_id, held=True)

    def release(self, sub: Subscriber) -> None:
        """Give the stream's place back; only the first call counts (the stream's end
        and the response's end both call it: a HEAD request never starts the stream)."""
        if sub.held:
            sub.held = False
            self.streams.give_back(sub.token_digest, sub.user_id)

    async def stream(self, meeting_id: str, sub: Subscriber, after: int) -> AsyncIterator[bytes]:
        """The events after ``after``, then each new one, with heartbeats between,
        as encoded SSE frames (``event: live``, ``id:`` the seq; ``event: heartbeat``).
        ``sub`` is a place from :meth:`reserve`, given back when the stream ends."""
        channel = self._join(meeting_id, sub)
        try:
            last = after
            next_beat = 0.0  # the first heartbeat right after the replay: the head, at once
            while not sub.closed:
                changed = channel.changed
                await self._catch_up(channel)
                rows = channel.rows_after(last)
                if rows is None:
                    rows = await run_in_threadpool(self._read_page, meeting_id, last)
                for event in rows:
                    yield channel.frame(event)
                    last = event.seq
                assert channel.head is not None
                if last < channel.head[0] and rows:
                    continue  # more to replay
                now = time.monotonic()
                if now >= next_beat:
                    beat = _dumps(_beat(channel.head, self.clock.now(channel.head_at)))
                    yield ServerSentEvent(beat, event=pl.SSE_HEARTBEAT).encode()
                    next_beat = now + self.heartbeat
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), max(0.0, next_beat - now))
        except Exception as exc:
            # The database went away mid-stream: end this stream cleanly (the client
            # reconnects with Last-Event-ID) rather than leave a traceback in the log.
            log.warning("live stream ended: %s", type(exc).__name__)
        finally:
            self._leave(channel, sub)
            self.release(sub)


def _beat(head: tuple[int, str], now: int) -> dict[str, Any]:
    return pl.Heartbeat(now, head[0], head[1]).to_json()


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
