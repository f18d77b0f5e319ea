"""Comments on draft documents (góp ý), shared with the meeting's participants.

Adding one writes a ``comment.add`` to the outbox (one transaction) and
publishes ``comments`` and ``outbox``; the next sync sends it, the server
hands it to every participant through their feed, and the pull brings it back
here with its author's name. Until then it is listed from the outbox with
its state: queued, sending, sent, or refused with the server's reason.
Nothing is lost offline: the entry waits in the outbox like a private note's.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.domain.comments import MAX_COMMENT, Comment, CommentState
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.states import MeetingStatus, OutboxState
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol import KIND_COMMENT_ADD
from hanoi_desk.store.cache import Cache, now
from hanoi_desk.store.repos.comments import QueuedComment

__all__ = ["MAX_COMMENT", "Comment", "CommentState", "Comments", "refusal_text"]

EMPTY_COMMENT = N_("Write the comment before sending it.")
COMMENT_TOO_LONG = N_("A comment can have at most {n} characters.")
NOT_SHARED = N_(
    "“{title}” was imported on this computer and belongs to no meeting: comments are "
    "shared with a meeting's participants. Use a private note instead."
)
MEETING_CLOSED = N_("Meeting “{title}” is closed: it takes no more comments.")

# The server's refusal codes as sentences (the CLI's sync command says the same).
REASONS = {
    "document_superseded": N_(
        "the document was replaced by a newer version; both versions are in the cache"
    ),
    "meeting_closed": N_("the meeting is closed"),
    "not_found": N_("the document or meeting is not available to you"),
    "unknown_kind": N_("this server does not support that action"),
}
OTHER_REASON = N_("the server refused it ({code})")

CHANGED = Changes(comments=True, outbox=True)
"""A comment queued: its row in the outbox, and the document's comments."""

_STATES = {
    OutboxState.QUEUED: CommentState.QUEUED,
    OutboxState.SENDING: CommentState.SENDING,
    OutboxState.DONE: CommentState.SENT,
    OutboxState.REJECTED: CommentState.REFUSED,
}


def refusal_text(reason: str, language: str | None = None) -> str:
    """A refusal code as a sentence; an unknown code is named, cut to 40 characters."""
    from hanoi_desk.domain.text import printable

    template = REASONS.get(reason)
    if template is not None:
        return translate(template, language)
    return translate(OTHER_REASON, language, code=printable(reason, limit=40))


def _from_outbox(q: QueuedComment) -> Comment:
    return Comment(
        id=q.server_id or q.comment_id,
        document_id=q.document_id,
        version_id=q.version_id,
        version=q.version,
        author="",
        text=q.text,
        created_at=q.created_at,
        state=_STATES[q.state],
        mine=True,
        reason=q.reason if q.state is OutboxState.REJECTED else "",
    )


class Comments:
    """Use cases on comments. Runs on the lane that owns the database."""

    def __init__(self, cache: Cache, changes: ChangeBus | None = None) -> None:
        self.cache = cache
        self.changes = changes if changes is not None else ChangeBus()

    def for_document(self, document_id: str) -> list[Comment]:
        """Every comment on any version of the document: the server's, then mine
        not on this computer from the server yet (queued, sending, sent but not
        pulled back, refused), oldest first in each part."""
        repo = self.cache.repos.comments
        stored = repo.stored(document_id)
        known = {c.id for c in stored}
        mine_sent: set[str] = set()
        waiting = []
        for q in repo.queued(document_id):
            if q.server_id and q.server_id in known:
                mine_sent.add(q.server_id)  # came back through the feed
            else:
                waiting.append(_from_outbox(q))
        # Mine by the outbox's answer too (the account's user id may be unknown here).
        shown = [replace(c, mine=True) if c.id in mine_sent else c for c in stored]
        return shown + waiting

    def add(self, doc: DocumentSummary, text: str) -> Comment:
        """Queue a comment on the version of ``doc`` that is open."""
        body = text.strip()
        if not body:
            raise UserError(EMPTY_COMMENT)
        if len(body) > MAX_COMMENT:
            raise UserError(COMMENT_TOO_LONG, n=MAX_COMMENT)
        if doc.meeting_id is None:
            raise UserError(NOT_SHARED, title=doc.title)
        meeting = self.cache.repos.meetings.get(doc.meeting_id)
        if meeting is not None and meeting.status in (
            MeetingStatus.CLOSED,
            MeetingStatus.CANCELLED,
        ):
            # The server refuses it too; said now, nothing is queued that would only bounce.
            raise UserError(MEETING_CLOSED, title=meeting.title)
        comment_id = uuid.uuid4().hex
        payload = {"comment_id": comment_id, "document_version_id": doc.version_id, "text": body}
        with self.cache.transaction():
            self.cache.repos.outbox.enqueue(KIND_COMMENT_ADD, payload)
        self.changes.publish(CHANGED)
        return Comment(
            id=comment_id,
            document_id=doc.id,
            version_id=doc.version_id,
            version=doc.version,
            author="",
            text=body,
            created_at=now(),
            state=CommentState.QUEUED,
            mine=True,
        )
