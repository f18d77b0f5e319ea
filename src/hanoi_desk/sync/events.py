"""What the sync engine tells the UI: its state, per-blob progress, the queue.

The engine calls one listener with small frozen events; the desktop app turns
them into Qt signals on its side and the CLI prints them. Events carry ids,
sizes and counts, never document text.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass


class SyncState(enum.Enum):
    OFFLINE = "offline"
    CONNECTING = "connecting"
    SYNCING = "syncing"
    UP_TO_DATE = "up_to_date"
    ERROR = "error"


@dataclass(frozen=True)
class StateChanged:
    state: SyncState
    reason: str = ""
    """For OFFLINE and ERROR: a readable (translated) sentence."""


@dataclass(frozen=True)
class BlobProgress:
    sha256: str
    done: int
    total: int
    direction: str
    """``down`` or ``up``."""


@dataclass(frozen=True)
class QueueChanged:
    queued: int
    """Outgoing actions not yet acknowledged by the server."""


@dataclass(frozen=True)
class Rejected:
    op_id: str
    kind: str
    reason: str
    """The server's permanent reason code, e.g. ``document_superseded``."""


@dataclass(frozen=True)
class BlobFailed:
    sha256: str
    reason: str
    """A readable (translated) sentence; the document is asked for again next run."""


@dataclass(frozen=True)
class Synced:
    at: str
    """ISO 8601 UTC time of the last complete sync (documents skipped or not)."""


SyncEvent = StateChanged | BlobProgress | BlobFailed | QueueChanged | Rejected | Synced
Listener = Callable[[SyncEvent], None]


def ignore(_event: SyncEvent) -> None:
    return None
