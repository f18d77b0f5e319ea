"""Comment threads on the wire (docs/comment-threads.md): the thread fields of
``comment.add``, the ``comment.edit`` and ``comment.resolve`` kinds, and the
thread fields of a ``comment`` record.

Every field is optional on a comment record, so a client reads a server that
predates threads (a plain comment: visible to all, open, no anchor).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from hanoi_desk.domain.comment_threads import MAX_QUOTE, ThreadState, Visibility
from hanoi_desk.protocol.base import (
    ProtocolError,
    _ident,
    _int,
    _opt_ident,
    _str,
    check_ident,
)

KIND_COMMENT_EDIT: Final = "comment.edit"
KIND_COMMENT_RESOLVE: Final = "comment.resolve"
MAX_TEXT: Final = 20_000
MAX_REVISIONS: Final = 200
"""Revisions of one comment the server keeps (older edits past this are refused)."""


def _opt_text(d: Mapping[str, Any], key: str, what: str, limit: int) -> str:
    if d.get(key) is None:
        return ""
    value = _str(d, key, what, empty=True)
    if len(value) > limit:
        raise ProtocolError(what, f"“{key}” is longer than {limit:,} characters")
    return value


def _visibility(d: Mapping[str, Any], what: str) -> Visibility:
    value = d.get("visibility", "all")
    try:
        return Visibility(value)
    except ValueError:
        raise ProtocolError(what, "“visibility” must be all, secretariat or drafting") from None


def _state(d: Mapping[str, Any], what: str) -> ThreadState:
    value = d.get("state", "open")
    try:
        return ThreadState(value)
    except ValueError:
        raise ProtocolError(what, "“state” is not a thread state") from None


def _ids(d: Mapping[str, Any], key: str, what: str) -> tuple[str, ...]:
    raw = d.get(key) or []
    if not isinstance(raw, list) or len(raw) > 1000:
        raise ProtocolError(what, f"“{key}” must be a list of at most 1,000 ids")
    return tuple(check_ident(v, what) for v in raw)


@dataclass(frozen=True)
class ThreadFields:
    """The thread fields of a ``comment.add`` payload (all optional)."""

    parent_id: str | None
    """The server's id of the thread's root comment, for a reply."""
    quote: str
    prefix: str
    suffix: str
    page: int
    visibility: Visibility

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> ThreadFields:
        w = "comment.add payload"
        page = 0 if payload.get("page") is None else _int(payload, "page", w, high=100_000)
        return cls(
            _opt_ident(payload, "parent_id", w),
            _opt_text(payload, "quote", w, MAX_QUOTE),
            _opt_text(payload, "prefix", w, MAX_QUOTE),
            _opt_text(payload, "suffix", w, MAX_QUOTE),
            page,
            _visibility(payload, w),
        )


@dataclass(frozen=True)
class CommentEdit:
    """Payload of ``comment.edit``: a new revision of one's own comment."""

    comment_id: str
    """The server's id of the comment."""
    text: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> CommentEdit:
        w = "comment.edit payload"
        text = _str(payload, "text", w)
        if len(text) > MAX_TEXT:
            raise ProtocolError(w, "“text” is longer than 20,000 characters")
        return cls(_ident(payload, "comment_id", w), text)


@dataclass(frozen=True)
class CommentResolve:
    """Payload of ``comment.resolve``: the state of a thread and the answer."""

    thread_id: str
    state: ThreadState
    answer: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> CommentResolve:
        w = "comment.resolve payload"
        return cls(
            _ident(payload, "thread_id", w),
            _state(payload, w),
            _opt_text(payload, "answer", w, MAX_TEXT),
        )


@dataclass(frozen=True)
class Revision:
    text: str
    created_at: str


@dataclass(frozen=True)
class ThreadData:
    """The thread fields of a ``comment`` record (defaults for an older server)."""

    parent_id: str | None
    quote: str
    prefix: str
    suffix: str
    page: int
    visibility: Visibility
    state: ThreadState
    answer: str
    answered_by: str
    """The name of who set the state ('' while open)."""
    answered_at: str
    revisions: tuple[Revision, ...]
    """Earlier texts, oldest first (the record's ``text`` is the current one)."""
    drafter_ids: tuple[str, ...]
    """The user ids of the document's drafting unit (who may answer the thread)."""

    @classmethod
    def parse(cls, d: Mapping[str, Any]) -> ThreadData:
        w = "comment record"
        page = 0 if d.get("page") is None else _int(d, "page", w, high=100_000)
        raw = d.get("revisions") or []
        if not isinstance(raw, list) or len(raw) > MAX_REVISIONS:
            raise ProtocolError(w, "“revisions” must be a list of at most 200")
        revisions = []
        for item in raw:
            if not isinstance(item, Mapping):
                raise ProtocolError(w, "a revision must be a JSON object")
            revisions.append(
                Revision(_str(item, "text", w, empty=True), _str(item, "created_at", w))
            )
        return cls(
            _opt_ident(d, "parent_id", w),
            _opt_text(d, "quote", w, MAX_QUOTE),
            _opt_text(d, "prefix", w, MAX_QUOTE),
            _opt_text(d, "suffix", w, MAX_QUOTE),
            page,
            _visibility(d, w),
            _state(d, w),
            _opt_text(d, "answer", w, MAX_TEXT),
            _opt_text(d, "answered_by", w, 500),
            _opt_text(d, "answered_at", w, 100),
            tuple(revisions),
            _ids(d, "drafter_ids", w),
        )
