"""Fetch one document version now: the presenter shows a version this computer
does not hold yet (docs/ui-live.md).

It goes the sync's own way, not a path of its own: the engine's pull brings the
version's record when it is not known here yet (added on the server after the
last sync), then the engine's download fetches that one blob (checked against
its hash, stored encrypted, listed with its page text), ahead of the other
missing documents the next full sync brings. It opens its own connection to the
profile's database, so the desktop runs it on the ``net`` lane.
"""

from __future__ import annotations

from hanoi_desk.app.changes import Changes
from hanoi_desk.app.meetings import retention_days
from hanoi_desk.app.session import Session
from hanoi_desk.app.sync_service import PULLED, SyncOptions, SyncService
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.replica import Replica
from hanoi_desk.store.repos.documents import Wanted
from hanoi_desk.sync.backoff import CancelToken
from hanoi_desk.sync.engine import SyncEngine, SyncReport
from hanoi_desk.sync.http import Connection


class _OneBlob(Replica):
    """The cache's replica, with only the blob asked for listed as wanted: the
    engine's download then fetches that one and leaves the rest to the sync."""

    def __init__(self, cache: Cache, retention: int | None, sha256: str) -> None:
        super().__init__(cache, retention)
        self.sha256 = sha256

    def wanted_blobs(self) -> list[Wanted]:
        return [w for w in super().wanted_blobs() if w.sha256 == self.sha256]


def fetch_version(
    session: Session,
    version_id: str,
    options: SyncOptions | None = None,
    *,
    cancel: CancelToken | None = None,
) -> DocumentSummary | None:
    """The version, downloaded when it was missing; None when the server does
    not list it for this profile. Raises the sync's errors (offline, a refused
    sign-in, a deadline): nothing of a half-done download is kept as available."""
    options = options or SyncOptions()
    cache = Cache.open(session.profile)
    report = SyncReport()
    try:
        found = cache.versions([version_id]).get(version_id)
        if found is not None and found.available:
            return found
        conn = Connection(
            SyncService(session, options).server(cache),
            Replica(cache),
            username=options.username,
            password=options.password,
            ca_file=options.ca_file,
            request_timeout=options.request_timeout,
        )
        try:
            conn.deadlines.begin_run(options.run_timeout)
            try:
                conn.ensure_account()
                if found is None:
                    # Not known here: the record comes with the pull, as in a sync.
                    engine = SyncEngine(conn, Replica(cache, retention_days(cache)),
                                        cancel=cancel, backoff=options.backoff)  # fmt: skip
                    engine.pull(report)
                    found = cache.versions([version_id]).get(version_id)
                if found is None or found.available:
                    return found
                one = _OneBlob(cache, retention_days(cache), found.sha256)
                SyncEngine(conn, one, cancel=cancel, backoff=options.backoff).fetch_blobs(report)
            finally:
                conn.deadlines.end_run()
        finally:
            conn.close()
        return cache.versions([version_id]).get(version_id)
    finally:
        cache.close()
        # What the screens list changed: the pull's records, the document now here.
        if report.pulled:
            session.changes.publish(PULLED)
        elif report.downloaded:
            session.changes.publish(Changes(documents=True))
