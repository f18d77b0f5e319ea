"""What a use case changed, and who hears about it.

A use case that writes reports what it wrote as a :class:`Changes` (in the
spirit of Anki's ``OpChanges``): one flag per kind of data a screen shows.
It publishes that on the session's :class:`ChangeBus` once its transaction
has committed, once per call, never once per row. Screens subscribe to the
kinds they show and refresh themselves; no screen refreshes another.

The bus is plain Python and calls its subscribers on the publishing thread
(the ``db`` lane, a sync's ``net`` thread, the render lane, or the CLI's one
thread). The desktop's subscriber (``ui/changes.py``) only hands the change
to the GUI thread; nothing else subscribes on a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Literal, get_args

Kind = Literal[
    "meetings",
    "documents",
    "notes",
    "comments",
    "outbox",
    "settings",
    "signatures",
    "policy",
    "live",
]
"""The name of one flag of :class:`Changes`."""
KINDS: tuple[Kind, ...] = get_args(Kind)


@dataclass(frozen=True)
class Changes:
    """What one use case call changed. Every flag off: nothing to refresh."""

    meetings: bool = False
    """Meetings, their agenda and people, their offline state or retention."""
    documents: bool = False
    """Documents or versions: added, imported, downloaded, purged."""
    notes: bool = False
    """Private notes (highlights, sticky notes), including a re-anchoring."""
    comments: bool = False
    """Comments on documents (góp ý): queued here, or brought by a pull."""
    outbox: bool = False
    """Queued actions: added, sent, acknowledged or refused."""
    settings: bool = False
    """The profile's settings."""
    signatures: bool = False
    """Signed copies this profile made (queued for the server)."""
    policy: bool = False
    """The server's policy for this device (watermark, retention, lease)."""
    live: bool = False
    """Live meetings (issue 14): kept here so their screens join the same way."""

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        )

    def touches(self, kinds: Iterable[Kind]) -> bool:
        """Whether any of ``kinds`` changed: a screen's test for "refresh me"."""
        return any(getattr(self, kind) for kind in kinds)

    @property
    def kinds(self) -> frozenset[Kind]:
        return frozenset(kind for kind in KINDS if getattr(self, kind))


NOTHING = Changes()

Subscriber = Callable[[Changes], None]


class ChangeBus:
    """The changes of one unlocked session, handed to whoever subscribed.

    Thread-safe: subscribing happens on the GUI thread while use cases publish
    from their lanes. A publish with nothing changed reaches nobody.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Hear every later change; returns the call that stops it."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, changes: Changes) -> None:
        """Tell every subscriber, in the order they subscribed. A subscriber that
        raises is a bug: the others still hear the change, then the first error
        propagates (the data itself is already committed)."""
        if not changes:
            return
        with self._lock:
            subscribers = list(self._subscribers)
        error: BaseException | None = None
        for subscriber in subscribers:
            try:
                subscriber(changes)
            except BaseException as exc:  # re-raised below, after the others heard it
                error = error or exc
        if error is not None:
            raise error
