"""Run a sync of one unlocked profile: the use case behind ``hanoi-desk sync``
and the desktop app's background sync.

It joins the sync adapter (HTTP, transfers) to the store's replica of the
cache, keeps the tokens inside the encrypted profile (the password is never
stored), and carries out what the server orders: after a wipe order the outbox
has already been flushed by the engine, then the profile is destroyed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hanoi_desk.app.changes import Changes
from hanoi_desk.app.meetings import retention_days
from hanoi_desk.app.session import Session
from hanoi_desk.app.signature_completion import completion_for
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.backoff import Backoff, CancelToken
from hanoi_desk.sync.engine import SyncEngine, SyncReport
from hanoi_desk.sync.events import BlobProgress, Listener, SyncEvent, ignore
from hanoi_desk.sync.http import Connection, PasswordSource, normalise_server
from hanoi_desk.sync.limits import DEFAULT_REQUEST_TIMEOUT, DEFAULT_RUN_TIMEOUT

NO_SERVER = N_("Name the server with --server the first time this profile syncs.")
WHICH_SERVER = N_("This profile syncs with several servers; name one with --server.")

PULLED = Changes(meetings=True, documents=True, notes=True, comments=True, outbox=True, policy=True)
"""What a pull may write (records, notes merged, comments, outbox states, the device's
policy); also what a run that stopped part-way reports, since what arrived is kept."""


def sync_changes(report: SyncReport) -> Changes:
    """What a finished run changed. Meetings and documents always: the run
    applies the retention before it lists what to download, which may purge a
    pack even when nothing was pulled; the policy always: it was read again."""
    changes = Changes(meetings=True, documents=True, policy=True)
    if report.pulled:
        changes |= PULLED
    if report.pushed or report.rejected or report.uploaded:
        changes |= Changes(outbox=True)
    done = report.signatures
    if done.completed or done.refused or done.waiting:
        changes |= Changes(outbox=True, signatures=True)
    return changes


@dataclass(frozen=True)
class SyncOptions:
    server: str | None = None
    username: str | None = None
    password: PasswordSource | None = None
    ca_file: Path | None = None
    page_limit: int = 500
    upload_chunk: int = 1024 * 1024
    backoff: Backoff | None = None
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    """Seconds for one request, to its answer's last byte."""
    run_timeout: float = DEFAULT_RUN_TIMEOUT
    """Seconds for the whole run; what arrived is kept when it ends it."""


class SyncService:
    """One sync run.

    With ``own_connection`` (the desktop) the run opens a second connection to
    the profile's database and closes it at the end, so it can work on a
    network thread while the reading connection stays free: a slow download
    never holds up opening a document, and WAL lets both see each other's
    commits. Without it (the CLI, tests) it uses the session's connection.
    """

    def __init__(
        self,
        session: Session,
        options: SyncOptions,
        *,
        listener: Listener = ignore,
        cancel: CancelToken | None = None,
        wipe: Callable[[], None] | None = None,
        own_connection: bool = False,
    ) -> None:
        self.session = session
        self.options = options
        self.listener = listener
        self.cancel = cancel or CancelToken()
        self._wipe = wipe
        self._own = own_connection

    def server(self, cache: Cache | None = None) -> str:
        if self.options.server:
            return normalise_server(self.options.server)
        known = (cache or self.session.cache).repos.accounts.servers()
        if not known:
            raise UserError(NO_SERVER)
        if len(known) > 1:
            raise UserError(WHICH_SERVER)
        return str(known[0])

    def run(self) -> SyncReport:
        """Sync, then carry out a wipe order: ``wipe`` is called once this run's
        own connection is closed, and must close the session and delete the profile.

        What the run changed is published on the session's bus once its
        connection is closed (``sync_changes``; :data:`PULLED` for a run that
        failed or was cancelled part-way), and once more when its first download
        starts, so the screens list what the pull brought while it downloads.
        A wiped profile publishes nothing: its screens are going."""
        cache = Cache.open(self.session.profile) if self._own else self.session.cache
        report: SyncReport | None = None
        try:
            report = self._run(cache)
        finally:
            if self._own:
                cache.close()
            if report is None:
                self.session.changes.publish(PULLED)
            elif not report.wipe:
                self.session.changes.publish(sync_changes(report))
        if report.wipe and self._wipe is not None:
            self._wipe()
        return report

    def _listener(self) -> Listener:
        """The caller's listener, behind one publish of :data:`PULLED` at the
        run's first download: the pull before it has committed."""
        pulled = False

        def listener(event: SyncEvent) -> None:
            nonlocal pulled
            if not pulled and isinstance(event, BlobProgress) and event.direction == "down":
                pulled = True
                self.session.changes.publish(PULLED)
            self.listener(event)

        return listener

    def _run(self, cache: Cache) -> SyncReport:
        # The replica applies the retention just before it lists what to download,
        # after this run's pull: a period the server shortened counts at once.
        replica = Replica(cache, retention_days(cache))
        conn = Connection(
            self.server(cache),
            replica,
            username=self.options.username,
            password=self.options.password,
            ca_file=self.options.ca_file,
            request_timeout=self.options.request_timeout,
        )
        try:
            engine = SyncEngine(
                conn,
                replica,
                listener=self._listener(),
                cancel=self.cancel,
                backoff=self.options.backoff,
                page_limit=self.options.page_limit,
                upload_chunk=self.options.upload_chunk,
                run_timeout=self.options.run_timeout,
                completion=completion_for(
                    cache,
                    replica,
                    self.session.profile.path.parent.parent,
                    self.options.request_timeout,
                    server=conn.server,
                ),
            )
            report = engine.run()
        finally:
            conn.close()
        return report

    def lease_until(self) -> datetime | None:
        """When this profile must reach the server again, or None without a lease."""
        return self.session.cache.lease_until()

    def check_lease(self, at: datetime | None = None) -> None:
        """Refuse to open documents once the offline lease has run out."""
        self.session.cache.check_lease(at)
