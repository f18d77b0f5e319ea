"""One full sync: pull metadata, push the outbox, then fetch documents.

Order and why: metadata first (small, and it tells what to fetch and whether
the device must be wiped); then the outbox, so queued signatures and votes
reach the server as early as possible; then blobs, nearest meeting first, so a
short connection window is spent on what the user needs next.

Every step retries transient failures with backoff and jitter; a bad answer
ends the run with an error and writes nothing from that answer, except a bad
document: it is skipped, reported, and asked for again by the next run. The
whole run has a deadline (every request has its own too, see
sync/deadlines.py), and a feed that says more follow but hands back a cursor
it already gave, or no change at all, is refused, so no server can keep a run
going for ever. The engine holds no
state between runs: the replica (the encrypted cache) holds the cursor, the
outbox and the partial blobs, so a killed process resumes.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from hanoi_desk.errors import Cancelled, HanoiDeskError, IntegrityError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol import (
    DEFAULT_CHANGES_LIMIT,
    KIND_SIGNATURE_COMPLETE,
    KIND_SIGNATURE_SUBMIT,
    MAX_MUTATIONS_PER_BATCH,
    REASON_SEND_AGAIN,
    REJECTED,
    ChangesPage,
    Mutation,
    MutationBatch,
    MutationResults,
    ProtocolError,
)
from hanoi_desk.protocol.consultation import KIND_CONSULTATION_RESPOND
from hanoi_desk.protocol.signing_requests import KIND_SIGNING_STEP_SIGN
from hanoi_desk.sync import faults
from hanoi_desk.sync.backoff import Backoff, CancelToken
from hanoi_desk.sync.completion import CompletionReport, SignatureCompletion
from hanoi_desk.sync.events import (
    BlobFailed,
    Listener,
    QueueChanged,
    Rejected,
    StateChanged,
    Synced,
    SyncState,
    ignore,
)
from hanoi_desk.sync.http import Connection
from hanoi_desk.sync.limits import DEFAULT_RUN_TIMEOUT
from hanoi_desk.sync.ports import LocalReplica, PendingMutation
from hanoi_desk.sync.transfer import Retrier, TransferStats, download, upload

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_PAGE_BYTES = 4 * 1024 * 1024
"""A changes page larger than this is not read. A real page this big (many long
comments) is asked for again in smaller pages, down to one record."""
VALUE_BYTES = 16
"""Bytes of page allowed per value (see :func:`page_values`)."""
SHRINK = 4
"""An oversized page is asked for again with a quarter of the records; each page
that fits lets the next one hold four times more again, up to the limit asked."""


def page_values(max_bytes: int) -> int:
    """The values a changes page may hold, whatever its number of records.

    Memory is bounded by the page's bytes: the densest answer (empty objects,
    some 70 bytes each once parsed) then builds at most ~20 MB from a 4 MiB
    page. A cap per record asked for would wedge a real feed: a note carries
    5 values per highlighted line, so one long highlight outgrows any small
    per-record share even in a page of one record.
    """
    return max_bytes // VALUE_BYTES


_FILES = (KIND_SIGNATURE_SUBMIT, KIND_SIGNATURE_COMPLETE, KIND_CONSULTATION_RESPOND,
          KIND_SIGNING_STEP_SIGN)  # fmt: skip
"""Actions that carry a file, uploaded before the action is sent."""

SOME_NOT_DOWNLOADED = N_(
    "Documents not downloaded: {count}; each is asked for again at the next sync."
)


@dataclass
class SyncReport:
    pulled: int = 0
    """Change records applied."""
    pages: int = 0
    pushed: int = 0
    """Outgoing actions the server acknowledged (applied or duplicate)."""
    rejected: list[tuple[str, str]] = field(default_factory=list)
    """(op_id, reason) of actions the server refused for good."""
    deferred: int = 0
    """Actions the server asked to be sent again (``send_again``); still queued."""
    downloaded: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    """(sha256, reason) of documents skipped this run; the next run asks again."""
    uploaded: int = 0
    transfer: TransferStats = field(default_factory=TransferStats)
    wipe: bool = False
    """The server ordered this device wiped (the outbox was flushed first)."""
    signatures: CompletionReport = field(default_factory=CompletionReport)
    """What the completion step did with this profile's signatures made offline."""


class SyncEngine:
    def __init__(
        self,
        link: Connection,
        replica: LocalReplica,
        *,
        listener: Listener = ignore,
        cancel: CancelToken | None = None,
        backoff: Backoff | None = None,
        page_limit: int = DEFAULT_CHANGES_LIMIT,
        upload_chunk: int = 1024 * 1024,
        run_timeout: float | None = DEFAULT_RUN_TIMEOUT,
        completion: SignatureCompletion | None = None,
    ) -> None:
        self.link = link
        """The HTTP connection to the server (``self.replica`` is the local side)."""
        self.replica = replica
        self.listener = listener
        self.cancel = cancel or CancelToken()
        self.backoff = backoff or Backoff()
        self.page_limit = page_limit
        self.upload_chunk = upload_chunk
        self.run_timeout = run_timeout
        self.completion = completion
        """Raises signatures made offline before the push (sync/completion.py)."""

    def _state(self, state: SyncState, reason: str = "") -> None:
        self.listener(StateChanged(state, reason))

    def run(self) -> SyncReport:
        """One full sync. Raises after reporting OFFLINE/ERROR; Cancelled is silent."""
        report = SyncReport()
        self.listener(QueueChanged(self.replica.queued_count()))
        self.link.deadlines.begin_run(self.run_timeout)
        try:
            self._state(SyncState.CONNECTING)
            self._retry(self.link.ensure_account)
            self._state(SyncState.SYNCING)
            self.pull(report)
            # The whole feed was read, so this device holds the server's current
            # policy (a wipe order, a shorter lease): that renews the offline lease,
            # whatever happens to the uploads and downloads after it.
            self._contact()
            if self.completion is not None and not self.replica.policy(self.link.server).wipe:
                report.signatures = self.completion.run(self._step)
            if self.push(report):
                self.pull(report)  # what our own actions changed, so the next run is a no-op
            report.wipe = self.replica.policy(self.link.server).wipe
            if not report.wipe:
                self.fetch_blobs(report)
            at = self._contact()
        except Cancelled:
            self._state(SyncState.OFFLINE)
            raise
        except (faults.Transient, faults.RunTimeout) as exc:
            self._state(SyncState.OFFLINE, exc.message())
            raise
        except HanoiDeskError as exc:
            self._state(SyncState.ERROR, exc.message())
            raise
        finally:
            self.link.deadlines.end_run()
        self.listener(Synced(at))
        if report.failed:
            self._state(SyncState.ERROR, translate(SOME_NOT_DOWNLOADED, count=len(report.failed)))
        else:
            self._state(SyncState.UP_TO_DATE)
        return report

    def _contact(self) -> str:
        at = datetime.now(UTC).isoformat(timespec="seconds")
        self.replica.record_success(self.link.server, at)
        return at

    def _retry(self, step: Callable[[], T]) -> T:
        return Retrier(self.backoff, self.cancel, self.link).run(step)

    def _step(self) -> None:
        self.cancel.check()
        self.link.check_run()

    # -- pull ------------------------------------------------------------------

    def _page(self, cursor: str, limit: int) -> ChangesPage:
        _, body = self.link.call(
            "GET",
            "/changes",
            params={"cursor": cursor, "limit": limit},
            max_bytes=MAX_PAGE_BYTES,
            max_values=page_values(MAX_PAGE_BYTES),
        )
        page = self.link.parse(ChangesPage.parse, body)
        if len(page.changes) > limit:
            raise self.link.bad("more changes than asked for")
        return page

    def pull(self, report: SyncReport) -> None:
        server = self.link.server
        limit = self.page_limit
        # Cursors sent or received in this pull: a page that claims more and hands
        # one of them back would make the loop endless (the server's fault).
        seen: set[str] = set()
        pages = 0
        while True:
            self._step()
            cursor = self.replica.cursor(server)
            seen.add(cursor)
            try:
                page = self._retry(functools.partial(self._page, cursor, limit))
            except faults.Oversized:
                if limit == 1:
                    raise
                limit = max(1, limit // SHRINK)  # maybe a page of long comments: ask for fewer
                log.info("changes page too large; asking for %d records", limit)
                continue
            # A page that says more follow must move the feed on: with no change
            # (the reference server never sends that) or a cursor seen before, the
            # loop would only end at the run's deadline.
            if page.has_more and not page.changes:
                raise faults.FeedStuck(faults.FEED_EMPTY, server=self.link.host, pages=pages + 1)
            if page.has_more and page.cursor in seen:
                raise faults.FeedStuck(server=self.link.host, pages=pages + 1)
            try:
                self.replica.apply_page(server, page.changes, page.cursor)
            except ProtocolError as exc:
                raise self.link.bad(exc.message()) from None
            pages += 1
            report.pulled += len(page.changes)
            report.pages += 1
            if not page.has_more:
                return
            # One dense stretch of the feed must not slow the rest of it down.
            limit = min(self.page_limit, limit * SHRINK)

    # -- push ------------------------------------------------------------------

    def push(self, report: SyncReport) -> bool:
        """Send the outbox in order; True when anything was sent."""
        account = self.link.ensure_account()
        sent_any = False
        while True:
            self._step()
            batch = list(self.replica.pending(MAX_MUTATIONS_PER_BATCH))
            if not batch:
                return sent_any
            sent_any = True
            # A signature goes up as a file first; the mutations behind it wait,
            # because the server applies each client's seqs in order.
            ready: list[Mutation] = []
            for entry in batch:
                if entry.kind in _FILES and "upload_id" not in entry.payload:
                    if ready:
                        break
                    ready.append(self._with_upload(entry, report))
                    break
                ready.append(Mutation(entry.seq, entry.op_id, entry.kind, dict(entry.payload)))
            body = MutationBatch(account.client_id, tuple(ready)).to_json()

            def send(body: Mapping[str, Any] = body) -> MutationResults:
                _, answer = self.link.call("POST", "/mutations", json=body)
                return self.link.parse(MutationResults.parse, answer)

            results: MutationResults = self._retry(send)
            sent = {m.op_id: m for m in ready}
            for result in results.results:
                mutation = sent.get(result.op_id)
                if mutation is None or mutation.seq != result.seq:
                    raise self.link.bad("a mutation result names an action that was not sent")
            answered = {r.op_id for r in results.results}
            if answered != set(sent):
                raise self.link.bad("the server did not answer every action sent")
            if not self._record(results, sent, report):
                # Sending it again now would meet the same full batch: this run stops here.
                return sent_any

    def _record(
        self, results: MutationResults, sent: Mapping[str, Mutation], report: SyncReport
    ) -> bool:
        """Keep the server's answers; False when it asked for some to be sent again."""
        complete = True
        for result in results.results:
            if result.status == REJECTED and result.reason == REASON_SEND_AGAIN:
                # The server's batch was full (MAX_SIGNED_UPLOADS_PER_BATCH): not judged,
                # not stored; it stays queued and goes again at the next sync.
                complete = False
                report.deferred += 1
                continue
            self.replica.record_result(result.op_id, result.status, result.result, result.reason)
            if result.status == REJECTED:
                reason = result.reason or ""
                report.rejected.append((result.op_id, reason))
                self.listener(Rejected(result.op_id, sent[result.op_id].kind, reason))
            else:
                report.pushed += 1
        self.listener(QueueChanged(self.replica.queued_count()))
        return complete

    def _with_upload(self, entry: PendingMutation, report: SyncReport) -> Mutation:
        sha = str(entry.payload.get("sha256", ""))
        source = self.replica.upload_source(sha)
        try:
            upload_id = upload(
                self.link,
                entry.op_id,
                sha,
                source,
                backoff=self.backoff,
                cancel=self.cancel,
                listener=self.listener,
                chunk_size=self.upload_chunk,
                stats=report.transfer,
            )
        finally:
            source.close()
        report.uploaded += 1
        # What the server reads: the local blob's size stays here.
        payload = {k: v for k, v in entry.payload.items() if k != "size"}
        payload["upload_id"] = upload_id
        return Mutation(entry.seq, entry.op_id, entry.kind, payload)

    # -- blobs -----------------------------------------------------------------

    def fetch_blobs(self, report: SyncReport) -> None:
        """Every missing document; one the server sends wrong (a bad hash or
        headers), refuses, or fails on is skipped and reported, and the others
        still come. A lost link, a refused login or the run's deadline end the run."""
        for want in self.replica.wanted_blobs():
            self._step()
            sink = self.replica.blob_sink(want.sha256, want.size)
            try:
                download(
                    self.link,
                    want.sha256,
                    want.size,
                    sink,
                    backoff=self.backoff,
                    cancel=self.cancel,
                    listener=self.listener,
                    stats=report.transfer,
                )
            except (IntegrityError, faults.Refused, faults.ServerFailing) as exc:
                # Still listed as missing, so the next run asks for it again.
                reason = exc.message()
                log.info("document %s skipped: %s", want.sha256[:12], reason)
                report.failed.append((want.sha256, reason))
                self.listener(BlobFailed(want.sha256, reason))
                continue
            self.replica.blob_arrived(want.sha256, want.size)
            report.downloaded += 1
