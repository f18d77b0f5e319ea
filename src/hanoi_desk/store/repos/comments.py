"""Comments on documents (góp ý): those the server's feed brought (``comments``)
and those this profile queued (``comment.add`` entries of the outbox)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from hanoi_desk.domain.comment_threads import Anchor, ThreadState, Visibility
from hanoi_desk.domain.comments import Comment, CommentState
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.protocol import KIND_COMMENT_ADD
from hanoi_desk.store.repos.base import Repository


@dataclass(frozen=True)
class QueuedComment:
    """A ``comment.add`` of this profile, in whatever state the outbox holds it."""

    op_id: str
    comment_id: str
    """The id this computer chose (the server scopes it to its author)."""
    document_id: str
    version_id: str
    version: int
    text: str
    created_at: str
    state: OutboxState
    reason: str
    server_id: str
    """The server's id of the comment, from its answer ('' before one)."""
    parent_id: str | None = None
    anchor: Anchor | None = None
    visibility: Visibility = Visibility.ALL


class CommentRepository(Repository):
    __slots__ = ()

    def my_user_ids(self) -> frozenset[str]:
        """This profile's user id on each server it signed in to."""
        rows = self._conn.execute("SELECT user_id FROM sync_accounts WHERE user_id != ''")
        return frozenset(str(r[0]) for r in rows)

    def stored(self, document_id: str) -> list[Comment]:
        """The comments on every version of ``document_id`` the server sent, oldest first."""
        mine = self.my_user_ids()
        rows = self._conn.execute(
            "SELECT c.id, v.document_id, c.document_version_id, v.version, c.author_id, "
            "c.author_name, c.text, c.created_at, c.parent_id, c.quote, c.prefix, c.suffix, "
            "c.page, c.visibility, c.state, c.answer, c.answered_by, c.revisions, "
            "c.drafter_ids FROM comments c "
            "JOIN document_versions v ON v.id = c.document_version_id "
            "WHERE v.document_id = ? ORDER BY c.created_at, c.id",
            (document_id,),
        ).fetchall()
        return [
            Comment(
                id=str(r[0]),
                document_id=str(r[1]),
                version_id=str(r[2]),
                version=int(r[3]),
                author=str(r[5]),
                text=str(r[6]),
                created_at=str(r[7]),
                state=CommentState.SENT,
                mine=str(r[4]) in mine,
                parent_id=None if r[8] is None else str(r[8]),
                anchor=Anchor(str(r[9]), str(r[10]), str(r[11]), int(r[12])) if r[9] else None,
                visibility=Visibility(r[13]),
                thread_state=ThreadState(r[14]),
                answer=str(r[15]),
                answered_by=str(r[16]),
                revisions=tuple((str(t), str(at)) for t, at in json.loads(r[17])),
                drafter_ids=frozenset(str(u) for u in json.loads(r[18])),
            )
            for r in rows
        ]

    def stored_by_id(self, comment_id: str) -> Comment | None:
        row = self._conn.execute(
            "SELECT v.document_id FROM comments c "
            "JOIN document_versions v ON v.id = c.document_version_id WHERE c.id = ?",
            (comment_id,),
        ).fetchone()
        if row is None:
            return None
        return next((c for c in self.stored(str(row[0])) if c.id == comment_id), None)

    def page_texts(self, version_id: str) -> list[str]:
        """A cached version's page texts, page 1 first ([] if its text is not here)."""
        rows = self._conn.execute(
            "SELECT body FROM page_text WHERE version_id = ? ORDER BY page", (version_id,)
        )
        return [str(r[0]) for r in rows]

    def queued(self, document_id: str) -> list[QueuedComment]:
        """This profile's ``comment.add`` actions on ``document_id``, oldest first."""
        rows = self._conn.execute(
            "SELECT o.op_id, o.payload, o.state, o.last_error, o.result, o.created_at, "
            "v.document_id, v.id, v.version FROM outbox o "
            "JOIN document_versions v ON v.id = json_extract(o.payload, '$.document_version_id') "
            "WHERE o.kind = ? AND v.document_id = ? ORDER BY o.seq",
            (KIND_COMMENT_ADD, document_id),
        ).fetchall()
        found = []
        for op_id, payload, state, error, result, created, doc_id, version_id, version in rows:
            body = json.loads(payload)
            answer = json.loads(result) if result else {}
            server_id = answer.get("comment_id") if isinstance(answer, dict) else None
            found.append(
                QueuedComment(
                    op_id=str(op_id),
                    comment_id=str(body.get("comment_id", "")),
                    document_id=str(doc_id),
                    version_id=str(version_id),
                    version=int(version),
                    text=str(body.get("text", "")),
                    created_at=str(created),
                    state=OutboxState(state),
                    reason=str(error or ""),
                    server_id=str(server_id or ""),
                    parent_id=body.get("parent_id"),
                    anchor=Anchor(
                        str(body.get("quote", "")),
                        str(body.get("prefix", "")),
                        str(body.get("suffix", "")),
                        int(body.get("page") or 0),
                    )
                    if body.get("quote")
                    else None,
                    visibility=Visibility(body.get("visibility", "all")),
                )
            )
        return found
