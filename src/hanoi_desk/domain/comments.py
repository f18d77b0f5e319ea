"""Comments on draft documents (góp ý): shared with the meeting's participants,
unlike private notes. The server stores them; this computer holds the ones the
feed brought and the ones it queued itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from hanoi_desk.domain.comment_threads import Anchor, Located, ThreadState, Visibility

MAX_COMMENT = 20_000
"""Characters of one comment: the wire format's own limit (``comment.add``)."""


class CommentState(StrEnum):
    """Where a comment stands, as its author's computer sees it."""

    QUEUED = "queued"
    """Written here, not yet sent (offline, or waiting for the next sync)."""
    SENDING = "sending"
    """Sent at least once, the answer not recorded: it goes again with the same id."""
    SENT = "sent"
    """On the server: every participant's next sync brings it."""
    REFUSED = "refused"
    """The server refused it for good (a closed meeting, a superseded version)."""


@dataclass(frozen=True)
class Comment:
    id: str
    """The server's id, or the client's own while it is not on the server yet."""
    document_id: str
    version_id: str
    version: int
    """The document's version the comment was written on."""
    author: str
    """The author's name as the server gave it ('' for one's own queued comment)."""
    text: str
    created_at: str
    """ISO 8601, as the server or this computer stamped it."""
    state: CommentState
    mine: bool
    reason: str = ""
    """The server's refusal code (``REFUSED`` only)."""
    # Threads (docs/comment-threads.md); a root's fields, repeated on its replies.
    parent_id: str | None = None
    anchor: Anchor | None = None
    visibility: Visibility = Visibility.ALL
    thread_state: ThreadState = ThreadState.OPEN
    answer: str = ""
    answered_by: str = ""
    revisions: tuple[tuple[str, str], ...] = ()
    """Earlier texts as (text, written at), oldest first."""
    drafter_ids: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Thread:
    """A root comment and its replies, placed on the version being read."""

    root: Comment
    replies: tuple[Comment, ...]
    located: Located
    """ON_VERSION, REANCHORED (with its page), or orphaned (listed apart)."""

    @property
    def orphaned(self) -> bool:
        from hanoi_desk.domain.comment_threads import Placement

        return self.located.placement in (
            Placement.ORPHANED_MISSING,
            Placement.ORPHANED_AMBIGUOUS,
        )
