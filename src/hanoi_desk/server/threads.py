"""Comment threads on the server (docs/comment-threads.md): who receives a
thread, the record the feed serves (the current text and the earlier ones),
the ``comment.edit`` and ``comment.resolve`` mutations, and the drafting unit.

Access is decided when a record is published, as for every feed record: a
participant never has a secretariat-only thread in their feed, so no read of
theirs can return it.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.domain.comment_threads import (
    ThreadState,
    Visibility,
    may_read,
    may_resolve,
)
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol.threads import MAX_REVISIONS, CommentEdit, CommentResolve
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.db import Database
from hanoi_desk.server.models import (
    Comment,
    CommentRevision,
    Document,
    DocumentDrafter,
    DocumentVersion,
    Meeting,
    Participant,
    User,
)

REASON_NOT_COMMENT_AUTHOR = "not_comment_author"
"""Only its author edits a comment."""
REASON_TOO_MANY_REVISIONS = "too_many_revisions"

NO_DOCUMENT = N_("There is no document “{document}” on this server.")


def _iso(seconds: int | None) -> str:
    return "" if seconds is None else datetime.fromtimestamp(seconds, UTC).isoformat()


def drafters(session: Session, document_id: str) -> set[str]:
    return set(
        session.scalars(
            select(DocumentDrafter.user_id).where(DocumentDrafter.document_id == document_id)
        )
    )


def document_of(session: Session, c: Comment) -> Document:
    version = session.get(DocumentVersion, c.document_version_id)
    assert version is not None
    doc = session.get(Document, version.document_id)
    assert doc is not None
    return doc


def root_of(session: Session, c: Comment) -> Comment:
    if c.parent_id is None:
        return c
    root = session.get(Comment, c.parent_id)
    assert root is not None  # a reply's parent is checked when it is added
    return root


def audience(session: Session, root: Comment, meeting_id: str) -> set[str]:
    """The participants who receive a thread: by its root's visibility."""
    doc = document_of(session, root)
    unit = drafters(session, doc.id)
    visibility = Visibility(root.visibility)
    parts = session.execute(
        select(Participant.user_id, Participant.role).where(Participant.meeting_id == meeting_id)
    )
    return {
        user_id
        for user_id, role in parts
        if may_read(
            visibility,
            author=user_id == root.user_id,
            secretary=role == "secretary",
            drafting=user_id in unit,
        )
    }


def thread_fields(session: Session, c: Comment) -> dict[str, Any]:
    """The thread fields of a comment record (protocol/threads.py ThreadData)."""
    root = root_of(session, c)
    answerer = None if root.answered_by is None else session.get(User, root.answered_by)
    revisions = session.scalars(
        select(CommentRevision)
        .where(CommentRevision.comment_id == c.id)
        .order_by(CommentRevision.revision)
    )
    return {
        "parent_id": c.parent_id,
        "quote": root.quote,
        "prefix": root.prefix,
        "suffix": root.suffix,
        "page": root.page,
        "visibility": root.visibility,
        "state": root.state,
        "answer": root.answer,
        "answered_by": "" if answerer is None else answerer.display_name,
        "answered_at": _iso(root.answered_at),
        "revisions": [{"text": r.text, "created_at": _iso(r.created_at)} for r in revisions],
        # The client shows the drafting unit's controls from this (the server decides).
        "drafter_ids": sorted(drafters(session, document_of(session, root).id)),
    }


def publish_thread(session: Session, root: Comment, meeting_id: str) -> None:
    """Put every comment of a thread in the feed of who may read it (after a
    change to the root, each reply carries the new state)."""
    from hanoi_desk.server.feed import comment_data, feed_of

    feed = feed_of(session)
    readers = audience(session, root, meeting_id)
    comments = [root, *session.scalars(select(Comment).where(Comment.parent_id == root.id))]
    for c in comments:
        author = session.get(User, c.user_id)
        assert author is not None
        data = comment_data(c, meeting_id, author, session)
        for user_id in readers:
            feed.put(user_id, p.COMMENT, c.id, data, meeting_id)


def _readable_comment(
    session: Session, who: Principal, comment_id: str
) -> tuple[Comment, Comment, Meeting]:
    """The comment, its thread's root and the meeting, if this user receives the
    thread; ``not_found`` otherwise (the same answer as for no such comment)."""
    from hanoi_desk.server.mutations import Rejected, visible_version

    c = session.get(Comment, comment_id)
    if c is None:
        raise Rejected(p.REASON_NOT_FOUND)
    _version, meeting = visible_version(session, who.user_id, c.document_version_id)
    root = root_of(session, c)
    if who.user_id not in audience(session, root, meeting.id):
        raise Rejected(p.REASON_NOT_FOUND)
    return c, root, meeting


def comment_edit(session: Session, who: Principal, payload: Mapping[str, Any]) -> dict[str, Any]:
    """A new revision of one's own comment; the old text is kept, never overwritten."""
    from hanoi_desk.server.mutations import Rejected

    e = CommentEdit.parse(payload)
    c, root, meeting = _readable_comment(session, who, e.comment_id)
    if c.user_id != who.user_id:
        raise Rejected(REASON_NOT_COMMENT_AUTHOR)
    if meeting.status in ("closed", "cancelled"):
        raise Rejected(p.REASON_MEETING_CLOSED)
    count = len(
        session.scalars(
            select(CommentRevision.revision).where(CommentRevision.comment_id == c.id)
        ).all()
    )
    if count >= MAX_REVISIONS:
        raise Rejected(REASON_TOO_MANY_REVISIONS)
    session.add(CommentRevision(comment_id=c.id, revision=count + 1, text=c.text,
                                created_at=c.created_at))  # fmt: skip
    c.text, c.created_at = e.text, int(time.time())
    session.flush()
    publish_thread(session, root, meeting.id)
    return {"comment_id": c.id, "revision": count + 2}


def comment_resolve(session: Session, who: Principal, payload: Mapping[str, Any]) -> dict[str, Any]:
    """The drafting unit's answer to a thread, or its author's withdrawal
    (domain/comment_threads.py may_resolve). Allowed after the meeting too: the
    summary of answers is often written after the session."""
    from hanoi_desk.server.mutations import Rejected

    r = CommentResolve.parse(payload)
    c, root, meeting = _readable_comment(session, who, r.thread_id)
    problem = may_resolve(
        r.state,
        r.answer,
        drafting=who.user_id in drafters(session, document_of(session, root).id),
        author=who.user_id == root.user_id,
        is_root=c.parent_id is None,
    )
    if problem is not None:
        raise Rejected(problem.value)
    root.state, root.answer = r.state.value, r.answer.strip()
    if r.state is ThreadState.OPEN:
        root.answered_by, root.answered_at = None, None
    else:
        root.answered_by, root.answered_at = who.user_id, int(time.time())
    session.flush()
    publish_thread(session, root, meeting.id)
    return {"thread_id": root.id, "state": root.state}


def set_drafter(db: Database, document_id: str, username: str, member: bool) -> bool:
    """Add (or remove) a user to a document's drafting unit; returns whether they
    were in it. The document's threads are published again: a drafting-unit
    thread reaches its new reader (or leaves the one removed)."""
    from hanoi_desk.server.admin import user_by_name
    from hanoi_desk.server.feed import republish_meeting

    with db.write() as session:
        doc = session.get(Document, document_id)
        if doc is None:
            raise UserError(NO_DOCUMENT, document=document_id)
        user = user_by_name(session, username)
        row = session.get(DocumentDrafter, (document_id, user.id))
        before = row is not None
        if member and row is None:
            session.add(DocumentDrafter(document_id=document_id, user_id=user.id))
        elif not member and row is not None:
            session.delete(row)
        session.flush()
        republish_meeting(session, doc.meeting_id)
    return before


def comment_readers(session: Session, meeting_id: str) -> dict[str, set[str]]:
    """Comment id -> who receives it, for every comment of the meeting's documents."""
    rows = session.scalars(
        select(Comment)
        .join(DocumentVersion, DocumentVersion.id == Comment.document_version_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(Document.meeting_id == meeting_id)
    ).all()
    by_id = {c.id: c for c in rows}
    per_root: dict[str, set[str]] = {}
    readers: dict[str, set[str]] = {}
    for c in rows:
        root = by_id.get(c.parent_id, c) if c.parent_id else c
        if root.id not in per_root:
            per_root[root.id] = audience(session, root, meeting_id)
        readers[c.id] = per_root[root.id]
    return readers


REASON_NOT_A_THREAD = "not_a_thread"
"""A reply names a comment that is itself a reply: threads are one level deep."""
