"""Private notes: a highlight on quoted text or a sticky note on a page."""

from __future__ import annotations

from dataclasses import dataclass

Rect = tuple[float, float, float, float]
HIGHLIGHT = "highlight"
STICKY = "sticky"
KINDS = (HIGHLIGHT, STICKY)


@dataclass(frozen=True)
class Note:
    id: str
    document_id: str
    version_id: str
    kind: str
    page: int
    """0-based page in ``version_id``."""
    quote: str
    body: str
    rects: tuple[Rect, ...]
    created_at: str
    updated_at: str
    document_title: str = ""
    meeting_id: str | None = None

    @property
    def lost(self) -> bool:
        """A highlight whose quoted text was not found in the current version."""
        return self.kind == HIGHLIGHT and not self.rects


@dataclass(frozen=True)
class Anchor:
    """Where a note lands in a new version (``rects`` empty: not found)."""

    note_id: str
    page: int
    rects: tuple[Rect, ...]
