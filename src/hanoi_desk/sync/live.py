"""The live meeting's client: send the live outbox, catch up, follow the stream.

Three operations on one :class:`~hanoi_desk.sync.http.Connection` (so the TLS
rules, the token dance, the answer caps and the deadlines are the sync's):

* :meth:`LiveClient.send` posts each queued live command once, by its
  ``op_id``: the command is marked *sending* before the request goes out, so a
  lost answer (or a killed process) sends it again with the same ``op_id`` and
  the authority answers ``duplicate`` with the outcome it stored. A refusal is
  permanent and stored with its reason.
* :meth:`LiveClient.catch_up` reads ``/live/events?after=<our head>`` page by
  page until it holds the authority's head.
* :meth:`LiveClient.follow` reads the Server-Sent Events stream (httpx-sse)
  with ``Last-Event-ID`` and reconnects with the sync's back-off. A heartbeat
  whose head is ahead of ours (a gap) makes it catch up; one whose hash at our
  head differs (a fork) makes it look for the last event both logs agree on
  and replay from there.

Nothing here decides or folds: the log (store/live.py through :class:`LiveLog`)
folds with ``domain.live`` and refuses an event that does not chain, and this
module never writes a rule of its own. The clock offset (the authority's clock
minus ours) is measured from every answer that carries the authority's time,
corrected by half the round trip where there is one.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import httpx
from httpx_sse import EventSource, ServerSentEvent, SSEError

from hanoi_desk.domain.live.chain import ChainBroken
from hanoi_desk.domain.live.state import LiveEvent
from hanoi_desk.protocol import DUPLICATE, ProtocolError
from hanoi_desk.protocol.live import (
    DEFAULT_LIVE_EVENTS_LIMIT,
    REFUSED,
    SSE_HEARTBEAT,
    SSE_LIVE,
    AuthorityKeyRecord,
    BallotReceipt,
    BulletinRecord,
    Heartbeat,
    LiveCommandRequest,
    LiveCommandResult,
    LiveEventsPage,
    LiveEventWire,
    VotingWatch,
)
from hanoi_desk.sync import faults
from hanoi_desk.sync.backoff import Backoff, CancelToken
from hanoi_desk.sync.http import MAX_JSON, MAX_JSON_VALUES, Connection, json_values
from hanoi_desk.sync.transfer import Retrier

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_EVENT_BYTES = MAX_JSON
"""One Server-Sent Event (all its lines) is cut off past this: a stream that never
ends a line or an event cannot grow our memory."""
MAX_FORKS = 2
"""Forks resolved in one catch-up; a server whose log keeps changing is refused."""
MAX_AHEAD_RECHECKS = 3
"""Pages asked again in one catch-up when our log is ahead of the page's head
but agrees with it (another connection of this profile stored newer events)."""


class Head(Protocol):
    @property
    def seq(self) -> int: ...

    @property
    def hash(self) -> str: ...


class PendingCommand(Protocol):
    @property
    def op_id(self) -> str: ...

    @property
    def meeting_id(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def args(self) -> Mapping[str, Any]: ...


class LiveLog(Protocol):
    """What the live client needs of the local cache (store/live.py's LiveStore
    fits it; ``hanoi_desk.sync`` never imports the store)."""

    def head(self, meeting_id: str) -> Head: ...

    def hash_at(self, meeting_id: str, seq: int) -> str | None: ...

    def append(self, meeting_id: str, events: Sequence[LiveEvent]) -> Head:
        """Fold and store, in one transaction; ``ChainBroken`` stores nothing."""
        ...

    def rewind(self, meeting_id: str, seq: int) -> Head: ...

    def pending(self, meeting_id: str | None = None) -> Sequence[PendingCommand]: ...

    def mark_sending(self, op_id: str) -> None: ...

    def record_outcome(
        self, op_id: str, state: str, reason: str | None, seqs: Sequence[int]
    ) -> object: ...

    def record_contact(self, meeting_id: str, *, role: str, authority: str) -> None: ...

    def ballot_request(self, op_id: str) -> Mapping[str, Any] | None:
        """The ballot request of a pending entry that is a ballot (else None)."""
        ...

    def record_receipt(
        self,
        ballot_id: str,
        *,
        status: str,
        reason: str | None,
        receipt_hash: str | None,
        seq: int | None,
    ) -> object:
        """The authority's receipt, stored once with the entry it answers."""
        ...

    def record_clock(self, meeting_id: str, offset_ms: int, rtt_ms: int | None) -> None: ...


@dataclass
class LiveReport:
    sent: int = 0
    """Commands the authority answered (applied, duplicate or refused)."""
    duplicates: int = 0
    """Answers that were the stored outcome of an earlier try (its answer was lost)."""
    refused: list[tuple[str, str]] = field(default_factory=list)
    """(op_id, reason) of commands refused for good."""
    received: int = 0
    """Events stored."""
    rewound: int = 0
    """Forks resolved (events dropped back to the last agreed one, then replayed)."""
    reconnects: int = 0
    """Stream connections opened after the first."""
    ballots: int = 0
    """Ballots the authority answered with a receipt (counted, duplicate, refused, not counted)."""
    watch: dict[str, VotingWatch | None] = field(default_factory=dict)
    """Per meeting, what the chair and the secretary last saw of the round taking
    ballots (who has not voted, whose laptop is silent); None for anyone else."""


def wall_ms() -> int:
    """This computer's clock, milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


class _Fork(Exception):
    """The authority's log and ours differ at or before ``seq``."""

    def __init__(self, seq: int) -> None:
        super().__init__(seq)
        self.seq = seq


class _BoundedStream(httpx.SyncByteStream):
    """The stream's bytes, refused once one event (the bytes up to a blank line)
    grows past :data:`MAX_EVENT_BYTES`."""

    def __init__(self, raw: Iterator[bytes], too_big: Callable[[], Exception]) -> None:
        self._raw = raw
        self._too_big = too_big
        self._event = 0
        self._line = 0
        self._cr = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._raw:
            self._count(chunk)
            yield chunk

    def _count(self, chunk: bytes) -> None:
        for byte in chunk:
            if byte in (10, 13):  # LF, CR; CRLF is one line end
                if byte == 10 and self._cr:
                    self._cr = False
                    continue
                self._cr = byte == 13
                if self._line == 0:
                    self._event = 0  # a blank line ends the event
                self._line = 0
                continue
            self._cr = False
            self._line += 1
            self._event += 1
            if self._event > MAX_EVENT_BYTES:
                raise self._too_big()


class LiveClient:
    """Live commands and events of one profile on one server connection.

    One thread at a time (the connection's deadlines and the log's database
    connection are that thread's); a follower on another thread has its own
    :class:`Connection` and log."""

    def __init__(
        self,
        link: Connection,
        log_: LiveLog,
        *,
        backoff: Backoff | None = None,
        cancel: CancelToken | None = None,
        clock: Callable[[], int] = wall_ms,
        page_limit: int = DEFAULT_LIVE_EVENTS_LIMIT,
    ) -> None:
        self.link = link
        self.log = log_
        self.backoff = backoff or Backoff()
        self.cancel = cancel or CancelToken()
        self.clock = clock
        """This computer's clock in ms (tests inject a skewed one)."""
        self.page_limit = page_limit
        self._rtt_ms: int | None = None
        self._delivered = False

    # -- helpers ---------------------------------------------------------------

    def _retry(self, step: Callable[[], T]) -> T:
        return Retrier(self.backoff, self.cancel, self.link).run(step)

    def _step(self) -> None:
        self.cancel.check()
        self.link.check_run()

    @staticmethod
    def _path(meeting_id: str, tail: str = "") -> str:
        return f"/meetings/{meeting_id}/live{tail}"

    def _event(self, wire: LiveEventWire) -> LiveEvent:
        return LiveEvent(**wire.fields())

    # -- sending ---------------------------------------------------------------

    def send(self, meeting_id: str | None = None, report: LiveReport | None = None) -> LiveReport:
        """Send every queued command (of one meeting, or all), oldest first.

        A transient failure after the retries ends the run with the command
        still *sending*: later commands wait, since the authority orders them
        as they arrive and a delegate's withdrawal must not overtake their request."""
        report = report or LiveReport()
        for command in self.log.pending(meeting_id):
            self._step()
            ballot = self.log.ballot_request(command.op_id)
            self.log.mark_sending(command.op_id)
            try:
                if ballot is not None:
                    self._send_ballot(command, ballot, report)
                    continue
                body = LiveCommandRequest(command.op_id, command.kind, dict(command.args)).to_json()
                result = self._retry(functools.partial(self._post, command.meeting_id, body))
            except faults.Refused as exc:
                # 4xx other than 401: the meeting is not ours to act in (403/404) or the
                # command is malformed (400): sending it again cannot help.
                reason = str(exc.params.get("code") or "refused")
                reason = reason if reason != "-" else f"http_{exc.params.get('status')}"
                self.log.record_outcome(command.op_id, REFUSED, reason, ())
                report.sent += 1
                report.refused.append((command.op_id, reason))
                continue
            if result.status == DUPLICATE:
                report.duplicates += 1
            state = REFUSED if result.reason is not None else "applied"
            self.log.record_outcome(command.op_id, state, result.reason, result.seqs)
            report.sent += 1
            if result.reason is not None:
                report.refused.append((command.op_id, result.reason))
        return report

    def _post(self, meeting_id: str, body: Mapping[str, Any]) -> LiveCommandResult:
        _, answer = self.link.call("POST", self._path(meeting_id, "/commands"), json=body)
        return self.link.parse(LiveCommandResult.parse, answer)

    def _send_ballot(
        self, command: PendingCommand, request: Mapping[str, Any], report: LiveReport
    ) -> None:
        """One ballot, exactly once by its ballot id: the authority stores its
        receipt under that id in the transaction that counts it, so a resend after
        a lost answer (or a killed process) gets the stored receipt as
        ``duplicate``, and a ballot that arrives after the close a stored
        ``not_counted``. The receipt must answer this ballot, else the answer is bad."""
        receipt = self._retry(functools.partial(self._post_ballot, command.meeting_id, request))
        # The outbox entry of a ballot is {poll, round} under op id = ballot id.
        asked = (command.op_id, command.args.get("poll"), command.args.get("round"))
        if (receipt.ballot_id, receipt.poll, receipt.round) != asked:
            raise self.link.bad("the ballot receipt answers another ballot")
        if receipt.status == DUPLICATE:
            report.duplicates += 1
        self.log.record_receipt(
            command.op_id,
            status=receipt.status,
            reason=receipt.reason,
            receipt_hash=receipt.receipt_hash,
            seq=receipt.seq,
        )
        report.sent += 1
        report.ballots += 1
        if receipt.reason is not None:
            report.refused.append((command.op_id, receipt.reason))

    def _post_ballot(self, meeting_id: str, body: Mapping[str, Any]) -> BallotReceipt:
        _, answer = self.link.call("POST", self._path(meeting_id, "/ballots"), json=body)
        return self.link.parse(BallotReceipt.parse, answer)

    # -- the bulletin ----------------------------------------------------------

    def bulletin(self, meeting_id: str, poll: str, round_: int) -> BulletinRecord:
        """A closed round's bulletin as the authority publishes it."""

        def fetch() -> BulletinRecord:
            _, body = self.link.call(
                "GET",
                self._path(meeting_id, f"/polls/{poll}/rounds/{round_}/bulletin"),
                max_bytes=MAX_JSON * 16,
                max_values=MAX_JSON_VALUES * 16,
            )
            return self.link.parse(BulletinRecord.parse, body)

        return self._retry(fetch)

    def authority_key(self, meeting_id: str) -> AuthorityKeyRecord:
        """The public key the authority signs its close events with."""

        def fetch() -> AuthorityKeyRecord:
            _, body = self.link.call("GET", self._path(meeting_id, "/authority"))
            return self.link.parse(AuthorityKeyRecord.parse, body)

        return self._retry(fetch)

    # -- catching up -----------------------------------------------------------

    def _page(self, meeting_id: str, after: int, limit: int) -> tuple[LiveEventsPage, int, int]:
        """A page, with our clock when it was asked for and the round trip (ms)."""
        sent_at, started = self.clock(), time.monotonic()
        _, body = self.link.call(
            "GET",
            self._path(meeting_id, "/events"),
            params={"after": after, "limit": limit},
            max_bytes=MAX_JSON * 4,
            max_values=MAX_JSON_VALUES * 8,
        )
        rtt = int((time.monotonic() - started) * 1000)
        page = self.link.parse(LiveEventsPage.parse, body)
        if len(page.events) > limit or (page.events and page.events[0].seq != after + 1):
            raise self.link.bad("the live events do not start where they were asked for")
        return page, sent_at, rtt

    def catch_up(self, meeting_id: str, report: LiveReport | None = None) -> Head:
        """Read the authority's events after our head until we hold its head."""
        report = report or LiveReport()
        forks = ahead = 0
        while True:
            self._step()
            head = self.log.head(meeting_id)
            page, sent_at, rtt = self._retry(
                functools.partial(self._page, meeting_id, head.seq, self.page_limit)
            )
            self._rtt_ms = rtt
            report.watch[meeting_id] = page.watch
            self.log.record_contact(meeting_id, role=page.role, authority=page.authority)
            self.log.record_clock(meeting_id, page.now - (sent_at + rtt // 2), rtt)
            try:
                if page.events:
                    self._store(meeting_id, [self._event(e) for e in page.events], report)
                ours = self.log.head(meeting_id)
                if (
                    ours.seq > page.head.seq
                    and ahead < MAX_AHEAD_RECHECKS
                    and self.log.hash_at(meeting_id, page.head.seq) == page.head.hash
                ):
                    # Another connection of this profile (the desktop's follower, an
                    # action) stored newer events after this page was served: ask again
                    # after our head before calling it a fork. Rewinding here dropped
                    # events the authority holds, and readers saw the room go back.
                    ahead += 1
                    continue
                if ours.seq > page.head.seq or (
                    ours.seq == page.head.seq and ours.hash != page.head.hash
                ):
                    raise _Fork(min(ours.seq, page.head.seq))
            except _Fork as fork:
                forks += 1
                if forks > MAX_FORKS:
                    raise self.link.bad("the meeting's live log keeps changing") from None
                self._resolve_fork(meeting_id, fork.seq, report)
                continue
            if ours.seq == page.head.seq:
                return ours
            if not page.events:
                raise self.link.bad("the live log's head is ahead but no event was sent")

    def _store(self, meeting_id: str, events: Sequence[LiveEvent], report: LiveReport) -> None:
        """Append events after checking any we already hold; a fork raises _Fork."""
        head = self.log.head(meeting_id)
        for event in events:
            if event.seq <= head.seq and self.log.hash_at(meeting_id, event.seq) != event.hash:
                raise _Fork(event.seq)
        try:
            after = self.log.append(meeting_id, events)
        except ChainBroken as exc:
            # Our head and the event's predecessor differ: a fork if the authority's
            # own event at our head differs from ours; else the event was forged.
            if exc.problem == "prev_hash" and exc.seq == head.seq + 1 and head.seq > 0:
                theirs = self._server_hash(meeting_id, head.seq)
                if theirs != head.hash:
                    raise _Fork(head.seq) from None
            raise
        report.received += max(0, after.seq - head.seq)

    def _server_hash(self, meeting_id: str, seq: int) -> str | None:
        """The authority's hash of event ``seq`` (None: it has no such event)."""
        page, _, _ = self._retry(functools.partial(self._page, meeting_id, seq - 1, 1))
        return page.events[0].hash if page.events else None

    def _resolve_fork(self, meeting_id: str, upto: int, report: LiveReport) -> None:
        """Find the last event (at most ``upto``) both logs hold alike, by halving
        (a bounded number of one-event requests), and drop ours after it."""

        def agree(seq: int) -> bool:
            return seq == 0 or self._server_hash(meeting_id, seq) == self.log.hash_at(
                meeting_id, seq
            )

        low, high = 0, upto
        if not agree(high):
            high -= 1
            while low < high:  # invariant: agree(low); the answer lies in [low, high]
                middle = (low + high + 1) // 2
                if agree(middle):
                    low = middle
                else:
                    high = middle - 1
        else:
            low = high
        log.warning("live log of %s parted from the server's after event %d", meeting_id, low)
        self.log.rewind(meeting_id, low)
        report.rewound += 1

    # -- following the stream --------------------------------------------------

    def follow(
        self,
        meeting_id: str,
        *,
        until: Callable[[], bool] | None = None,
        report: LiveReport | None = None,
        on_change: Callable[[], None] | None = None,
        on_contact: Callable[[], None] | None = None,
    ) -> LiveReport:
        """Catch up, then follow the stream until ``until()`` says so (checked
        after every event and heartbeat) or the token is cancelled (seen at the
        next heartbeat). ``on_contact()`` is told of every message the stream
        delivers (event or heartbeat): the room is in reach. A dropped stream
        reconnects with ``Last-Event-ID`` (the authority replays what we missed)
        and the sync's back-off; the attempt counter resets whenever the stream
        delivered something."""
        report = report or LiveReport()
        retry = Retrier(self.backoff, self.cancel, self.link)
        connections = 0
        while until is None or not until():
            self._step()
            before = self.log.head(meeting_id).seq
            self._delivered = False
            try:
                if connections:
                    report.reconnects += 1
                else:
                    # Once, for the role and a clock measured over a round trip; after
                    # a drop the stream's own replay (Last-Event-ID) brings what was missed.
                    self.catch_up(meeting_id, report)
                    if on_change is not None and self.log.head(meeting_id).seq != before:
                        on_change()
                connections += 1
                self._stream(meeting_id, until, report, on_change, on_contact)
                if until is not None and until():
                    break
                # The server ended the stream (a restart, a token that ran out):
                # connect again, after a pause unless it had delivered something.
                raise self.link.transient("the stream ended")
            except faults.Transient as exc:
                retry.failed(exc, progressed=self._delivered)
        return report

    def _stream(
        self,
        meeting_id: str,
        until: Callable[[], bool] | None,
        report: LiveReport,
        on_change: Callable[[], None] | None,
        on_contact: Callable[[], None] | None = None,
    ) -> None:
        """One stream connection (``_delivered`` once it brought a message)."""
        head = self.log.head(meeting_id)
        headers = {
            "Accept": "text/event-stream",
            "Cache-Control": "no-store",
            "Last-Event-ID": str(head.seq),
        }
        with self.link.open("GET", self._path(meeting_id), headers=headers) as response:
            if response.status_code != 200:
                raise self.link.status_error(response)
            if response.headers.get("Content-Encoding", "identity").lower() != "identity":
                raise self.link.bad("the stream was sent with a content coding")
            bounded = httpx.Response(
                200,
                headers=response.headers,
                stream=_BoundedStream(
                    response.iter_raw(),
                    lambda: faults.Oversized(server=self.link.host, limit="1 MiB"),
                ),
            )
            try:
                for sse in EventSource(bounded).iter_sse():
                    received_at = self.clock()
                    self.cancel.check()
                    self._delivered = True
                    if self._on_sse(meeting_id, sse, received_at, report) and on_change:
                        on_change()
                    if on_contact is not None:
                        on_contact()
                    if until is not None and until():
                        return
            except SSEError:
                raise self.link.bad("the stream is not a Server-Sent Events stream") from None

    def _json(self, sse: ServerSentEvent) -> Any:
        data = sse.data.encode("utf-8", "surrogatepass")
        if json_values(data) > MAX_JSON_VALUES:
            raise faults.Oversized(
                faults.TOO_MANY_VALUES, server=self.link.host, count=MAX_JSON_VALUES
            )
        try:
            return json.loads(data)
        except (ValueError, RecursionError):
            raise self.link.bad("a stream event is not JSON") from None

    def _on_sse(
        self, meeting_id: str, sse: ServerSentEvent, received_at: int, report: LiveReport
    ) -> bool:
        """Handle one message; True when our log moved."""
        if sse.event not in (SSE_LIVE, SSE_HEARTBEAT):
            return False  # a newer server's message kind: not ours to read
        try:
            if sse.event == SSE_HEARTBEAT:
                beat = Heartbeat.parse(self._json(sse))
                return self._on_heartbeat(meeting_id, beat, received_at, report)
            event = self._event(LiveEventWire.parse(self._json(sse)))
        except ProtocolError as exc:
            raise self.link.bad(exc.message()) from None
        if event.meeting_id != meeting_id:
            raise self.link.bad("the stream sent another meeting's event")
        head = self.log.head(meeting_id)
        if event.seq > head.seq + 1:
            self.catch_up(meeting_id, report)  # a gap: the page fills it
            return True
        try:
            self._store(meeting_id, [event], report)
        except _Fork as fork:
            self._replay_after_fork(meeting_id, fork.seq, report)
        return self.log.head(meeting_id).seq != head.seq

    def _on_heartbeat(
        self, meeting_id: str, beat: Heartbeat, received_at: int, report: LiveReport
    ) -> bool:
        # One way only: the beat left the authority about half a round trip ago.
        late = (self._rtt_ms or 0) // 2
        self.log.record_clock(meeting_id, beat.now - received_at + late, None)
        head = self.log.head(meeting_id)
        if beat.seq > head.seq:
            self.catch_up(meeting_id, report)  # a gap (the catch-up also sees a fork)
            return True
        if self.log.hash_at(meeting_id, beat.seq) == beat.hash:
            return False  # in step, or a beat written just before our latest event
        self._replay_after_fork(meeting_id, beat.seq, report)
        return True

    def _replay_after_fork(self, meeting_id: str, upto: int, report: LiveReport) -> None:
        self._resolve_fork(meeting_id, upto, report)
        self.catch_up(meeting_id, report)


@contextlib.contextmanager
def run_deadline(conn: Connection, seconds: float | None) -> Iterator[None]:
    """Bound a group of live requests by one deadline, like a sync run."""
    conn.deadlines.begin_run(seconds)
    try:
        yield
    finally:
        conn.deadlines.end_run()
