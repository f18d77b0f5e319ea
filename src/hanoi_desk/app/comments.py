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
from hanoi_desk.domain.comment_threads import (
    MAX_QUOTE,
    Anchor,
    Located,
    Placement,
    ThreadState,
    Visibility,
    locate,
    may_resolve,
)
from hanoi_desk.domain.comments import MAX_COMMENT, Comment, CommentState, Thread
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.states import MeetingStatus, OutboxState
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol import KIND_COMMENT_ADD
from hanoi_desk.store.cache import Cache, now
from hanoi_desk.store.repos.comments import QueuedComment

__all__ = ["MAX_COMMENT", "Comment", "CommentState", "Comments", "Thread", "refusal_text"]

EMPTY_COMMENT = N_("Write the comment before sending it.")
COMMENT_TOO_LONG = N_("A comment can have at most {n} characters.")
NOT_SHARED = N_(
    "“{title}” was imported on this computer and belongs to no meeting: comments are "
    "shared with a meeting's participants. Use a private note instead."
)
MEETING_CLOSED = N_("Meeting “{title}” is closed: it takes no more comments.")
QUOTE_TOO_LONG = N_("A quote, and the text before or after it, can have at most {n} characters.")
NO_SUCH_COMMENT = N_(
    "There is no comment “{id}” on this computer. Sync first: a comment gets its id on the server."
)
NOT_A_THREAD = N_("Comment “{id}” is a reply; replies go to the thread's first comment.")
NOT_MINE = N_("Only its author edits a comment.")
MAY_NOT_RESOLVE = {
    "not_drafting_unit": N_("Only the drafting unit answers a thread."),
    "not_thread_author": N_("Only its author withdraws a thread."),
    "answer_required": N_("An explanation (giải trình) needs its answer: give --answer."),
    "not_a_thread": N_("Only a thread's first comment takes a state."),
}

# The server's refusal codes as sentences (the CLI's sync command says the same).
REASONS = {
    "document_superseded": N_(
        "the document was replaced by a newer version; both versions are in the cache"
    ),
    "meeting_closed": N_("the meeting is closed"),
    "not_found": N_("the document or meeting is not available to you"),
    "unknown_kind": N_("this server does not support that action"),
    "not_drafting_unit": N_("only the drafting unit answers a thread"),
    "not_thread_author": N_("only its author withdraws a thread"),
    "answer_required": N_("an explanation needs its answer"),
    "not_a_thread": N_("replies go to the thread's first comment"),
    "not_comment_author": N_("only its author edits a comment"),
    "too_many_revisions": N_("the comment has too many revisions"),
}
OTHER_REASON = N_("the server refused it ({code})")

KIND_COMMENT_EDIT = "comment.edit"
KIND_COMMENT_RESOLVE = "comment.resolve"
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
        parent_id=q.parent_id,
        anchor=q.anchor,
        visibility=q.visibility,
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

    def add(
        self,
        doc: DocumentSummary,
        text: str,
        *,
        anchor: Anchor | None = None,
        visibility: Visibility = Visibility.ALL,
        reply_to: str | None = None,
    ) -> Comment:
        """Queue a comment on the version of ``doc`` that is open: a new thread
        (anchored to ``anchor``, read by ``visibility``), or a reply to the
        thread whose first comment is ``reply_to`` (its anchor and visibility)."""
        body = text.strip()
        if not body:
            raise UserError(EMPTY_COMMENT)
        if len(body) > MAX_COMMENT:
            raise UserError(COMMENT_TOO_LONG, n=MAX_COMMENT)
        if (
            anchor is not None
            and max(len(anchor.quote), len(anchor.prefix), len(anchor.suffix)) > MAX_QUOTE
        ):
            raise UserError(QUOTE_TOO_LONG, n=MAX_QUOTE)
        if doc.meeting_id is None:
            raise UserError(NOT_SHARED, title=doc.title)
        meeting = self.cache.repos.meetings.get(doc.meeting_id)
        if meeting is not None and meeting.status in (
            MeetingStatus.CLOSED,
            MeetingStatus.CANCELLED,
        ):
            # The server refuses it too; said now, nothing is queued that would only bounce.
            raise UserError(MEETING_CLOSED, title=meeting.title)
        if reply_to is not None:
            root = self._stored(doc.id, reply_to)
            if root.parent_id is not None:
                raise UserError(NOT_A_THREAD, id=reply_to)
            anchor, visibility = root.anchor, root.visibility
        comment_id = uuid.uuid4().hex
        payload: dict[str, object] = {
            "comment_id": comment_id,
            "document_version_id": doc.version_id,
            "text": body,
            "visibility": visibility.value,
        }
        if reply_to is not None:
            payload["parent_id"] = reply_to
        elif anchor is not None:
            payload.update(quote=anchor.quote, prefix=anchor.prefix, suffix=anchor.suffix,
                           page=anchor.page)  # fmt: skip
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
            parent_id=reply_to,
            anchor=anchor,
            visibility=visibility,
        )

    def _stored(self, document_id: str | None, comment_id: str) -> Comment:
        """A comment the server sent (on ``document_id``, or on any document)."""
        found = self.cache.repos.comments.stored_by_id(comment_id)
        if found is None or (document_id is not None and found.document_id != document_id):
            raise UserError(NO_SUCH_COMMENT, id=printable(comment_id, limit=80))
        return found

    def edit(self, comment_id: str, text: str) -> None:
        """Queue a new revision of one of my comments (the server keeps the old text)."""
        body = text.strip()
        if not body:
            raise UserError(EMPTY_COMMENT)
        if len(body) > MAX_COMMENT:
            raise UserError(COMMENT_TOO_LONG, n=MAX_COMMENT)
        comment = self._stored(None, comment_id)
        if not comment.mine:
            raise UserError(NOT_MINE)
        with self.cache.transaction():
            self.cache.repos.outbox.enqueue(
                KIND_COMMENT_EDIT, {"comment_id": comment.id, "text": body}
            )
        self.changes.publish(CHANGED)

    def resolve(
        self, thread_id: str, state: ThreadState, answer: str = "", *, my_user_ids: frozenset[str]
    ) -> None:
        """Queue the drafting unit's answer to a thread, or my withdrawal of it.

        Checked here with the rule the server applies (domain/comment_threads.py),
        so a mark that could only bounce is said at once; the server decides."""
        root = self._stored(None, thread_id)
        problem = may_resolve(
            state,
            answer,
            drafting=bool(root.drafter_ids & my_user_ids),
            author=root.mine,
            is_root=root.parent_id is None,
        )
        if problem is not None:
            raise UserError(MAY_NOT_RESOLVE[problem.value])
        with self.cache.transaction():
            self.cache.repos.outbox.enqueue(
                KIND_COMMENT_RESOLVE,
                {"thread_id": root.id, "state": state.value, "answer": answer.strip()},
            )
        self.changes.publish(CHANGED)

    def my_user_ids(self) -> frozenset[str]:
        """This profile's user id on each server it signed in to."""
        return self.cache.repos.comments.my_user_ids()

    def threads(self, doc: DocumentSummary) -> list[Thread]:
        """Every thread on any version of the document, placed on ``doc``'s version:
        on it, re-anchored to it (exactly one match of quote with prefix and suffix
        in its text), or orphaned (listed apart by the caller, never moved)."""
        comments = self.for_document(doc.id)
        replies: dict[str, list[Comment]] = {}
        roots: list[Comment] = []
        for c in comments:
            if c.parent_id is None:
                roots.append(c)
            else:
                replies.setdefault(c.parent_id, []).append(c)
        texts: list[str] | None = None
        out = []
        for root in roots:
            if root.version_id == doc.version_id or root.anchor is None:
                located = Located(
                    Placement.ON_VERSION, 0 if root.anchor is None else root.anchor.page
                )
            else:
                if texts is None:
                    texts = self.cache.repos.comments.page_texts(doc.version_id)
                located = locate(root.anchor, texts)
            out.append(Thread(root, tuple(replies.get(root.id, ())), located))
        return out
