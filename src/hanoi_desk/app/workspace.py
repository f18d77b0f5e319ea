"""Everything the desktop needs over one unlocked session, built in one place.

The UI gets one object instead of reaching into the store; the signing and
sync services join here when they exist, so the UI can tell "not part of this
build" from "not configured".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hanoi_desk.app.changes import ChangeBus
from hanoi_desk.app.comments import Comments
from hanoi_desk.app.home import Home
from hanoi_desk.app.meetings import Meetings
from hanoi_desk.app.notes import Notes
from hanoi_desk.app.reader import Reader
from hanoi_desk.app.reanchor import Reanchor
from hanoi_desk.app.session import Session
from hanoi_desk.app.settings import Settings
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.policy import DevicePolicy
from hanoi_desk.store.database import OnOwner, on_this_thread
from hanoi_desk.store.retention import Purged
from hanoi_desk.sync.backoff import Backoff, CancelToken
from hanoi_desk.sync.engine import SyncReport
from hanoi_desk.sync.events import (
    BlobFailed,
    BlobProgress,
    Listener,
    QueueChanged,
    Rejected,
    StateChanged,
    Synced,
    SyncEvent,
)

# What the UI needs of the sync and store adapters, so it depends on the app layer only.
__all__ = [
    "Backoff",
    "BlobFailed",
    "BlobProgress",
    "CancelToken",
    "Purged",
    "QueueChanged",
    "Rejected",
    "StateChanged",
    "SyncEvent",
    "SyncReport",
    "Synced",
    "Workspace",
]


@dataclass
class Workspace:
    session: Session
    notes: Notes = field(init=False)
    comments: Comments = field(init=False)
    meetings: Meetings = field(init=False)
    home: Home = field(init=False)
    settings: Settings = field(init=False)
    reader: Reader = field(init=False)
    reanchor: Reanchor = field(init=False)
    extras: dict[str, Any] = field(default_factory=dict)
    """Optional services (``signing``, ``sync``) added by the composition root."""
    on_db: OnOwner = on_this_thread
    """Runs a step on the thread that owns the session's connection, for work on
    another lane that needs one query (the desktop's ``db`` lane; the caller's
    own thread elsewhere). Every other use of ``session.cache`` must already run
    on that thread: the connection raises otherwise."""

    def __post_init__(self) -> None:
        cache = self.session.cache
        self.notes = Notes(cache, self.changes)
        self.comments = Comments(cache, self.changes)
        self.meetings = Meetings(cache, self.changes)
        self.home = Home(self.session, self.meetings)
        self.settings = Settings(cache, self.changes)
        self.reader = Reader(cache, on_db=self.on_db)
        self.reanchor = Reanchor(self.notes, on_db=self.on_db)

    @property
    def changes(self) -> ChangeBus:
        """The session's change bus: every use case here publishes on it."""
        return self.session.changes

    @property
    def profile_name(self) -> str:
        return self.session.profile.meta.name

    def sync_service(
        self,
        options: SyncOptions,
        listener: Listener,
        cancel: CancelToken,
        wipe: Callable[[], None],
    ) -> SyncService:
        """A sync run of this session over a connection of its own, so it runs on a
        network thread and never waits behind (or holds up) the reading connection."""
        return SyncService(
            self.session, options, listener=listener, cancel=cancel, wipe=wipe, own_connection=True
        )

    def device_policy(self) -> DevicePolicy:
        """The first server's policy for this device (watermark, retention, offline
        lease); the defaults before any sync."""
        accounts = self.session.cache.repos.accounts
        servers = accounts.servers()
        return accounts.policy(servers[0]) if servers else DevicePolicy()

    def close(self) -> None:
        self.session.close()
