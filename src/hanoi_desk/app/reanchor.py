"""Moving private notes onto a document's new version: one use case.

When a document gets a new version, the notes made on an older one are
re-anchored the first time the new version is opened: a highlight's quote is
searched on its old page, then on the nearest pages (the rule is
``notes.find_anchors``); one that is gone keeps its quote and body with no
rectangles and is shown as "not found in the new version"; a sticky note
keeps its page. The moves are stored in one transaction, each queued, and
published once (``notes.CHANGED``).

It runs where the open document lives (PyMuPDF is not thread-safe: the
desktop's render lane) and asks the thread that owns the connection for the
two steps that need the database, through ``on_db``, as opening a document
does. The caller makes one call and gets the result to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hanoi_desk.app.notes import Note, Notes, find_anchors
from hanoi_desk.app.reader import OpenDocument
from hanoi_desk.errors import Cancelled
from hanoi_desk.store.database import OnOwner, on_this_thread

Progress = Callable[[int, int, str], None]
"""(notes searched, notes to search, "")."""


@dataclass(frozen=True)
class Reanchored:
    """What a re-anchoring did: every note it moved to the open version."""

    moved: tuple[Note, ...] = ()

    @property
    def lost(self) -> tuple[Note, ...]:
        """Highlights whose quoted text the new version no longer has."""
        return tuple(n for n in self.moved if n.lost)


class Reanchor:
    """Re-anchors the notes of one open document onto its version."""

    def __init__(self, notes: Notes, on_db: OnOwner = on_this_thread) -> None:
        self.notes = notes
        self.on_db = on_db

    def _stale(self, opened: OpenDocument) -> list[Note]:
        # Notes only ever move forward: if a newer version arrived since this one
        # was listed, its notes stay where they are (they were made on it, or
        # will be moved when it is opened).
        summary = opened.summary
        if self.notes.cache.document(summary.id).version_id != summary.version_id:
            return []
        return self.notes.stale(summary)

    def __call__(
        self,
        opened: OpenDocument,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Reanchored:
        """Move the notes made on older versions of ``opened``'s document onto
        it. A cancel before the last search stores nothing."""
        stale = self.on_db(lambda: self._stale(opened))
        if not stale:
            return Reanchored()
        anchors = []
        for done, note in enumerate(stale):
            if cancelled is not None and cancelled():
                raise Cancelled()
            anchors.extend(find_anchors([note], opened.page_count, opened.search_exact))
            if progress is not None:
                progress(done + 1, len(stale), "")
        moved = self.on_db(lambda: self.notes.apply_anchors(opened.summary, anchors))
        return Reanchored(tuple(moved))
