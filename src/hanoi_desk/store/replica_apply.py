"""Applying change records of the feed to the cache (the pull half of the replica).

Every record is checked with the protocol's typed parsers before it is
written; :class:`hanoi_desk.store.replica.Replica` runs these inside the one
transaction that also stores the page's cursor. Conflict rules: see
docs/sync-conflicts.md.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hanoi_desk.protocol import (
    AGENDA_ITEM,
    COMMENT,
    DOCUMENT_VERSION,
    MEETING,
    NOTE,
    PARTICIPANT,
    POLICY,
    TOMBSTONE,
    AgendaItemData,
    Change,
    CommentData,
    DocumentVersionData,
    MeetingData,
    NoteData,
    ParticipantData,
    PolicyData,
    TombstoneData,
)
from hanoi_desk.protocol.action_items import ACTION_ITEM
from hanoi_desk.protocol.consultation import CONSULTATION
from hanoi_desk.protocol.signatures import SIGNED_COPY
from hanoi_desk.protocol.signing_requests import SIGNING_REQUEST
from hanoi_desk.protocol.threads import ThreadData

_DELETE = {
    MEETING: "DELETE FROM meetings WHERE id = ?",
    AGENDA_ITEM: "DELETE FROM agenda_items WHERE id = ?",
    PARTICIPANT: "DELETE FROM participants WHERE record_id = ?",
    DOCUMENT_VERSION: "DELETE FROM document_versions WHERE id = ?",
    NOTE: "UPDATE annotations SET deleted = 1 WHERE id = ?",
    COMMENT: "DELETE FROM comments WHERE id = ?",
    CONSULTATION: "DELETE FROM consultations WHERE id = ?",
    SIGNING_REQUEST: "DELETE FROM signing_requests WHERE id = ?",
    ACTION_ITEM: "DELETE FROM action_items WHERE id = ?",
    SIGNED_COPY: "DELETE FROM signed_copies WHERE id = ?",
}


_VERSIONS_OF = {
    DOCUMENT_VERSION: "SELECT ?",
    MEETING: "SELECT v.id FROM document_versions v JOIN documents d ON d.id = v.document_id "
    "WHERE d.meeting_id = ?",
}


def drop_text(c: Any, versions_sql: str, param: str) -> None:
    """Page text and its FTS rows go together (FTS5 has no foreign keys)."""
    c.execute(
        "DELETE FROM page_fts WHERE rowid IN (SELECT id FROM page_text WHERE version_id IN "  # noqa: S608 - fixed SQL
        f"({versions_sql}))",
        (param,),
    )
    c.execute(f"DELETE FROM page_text WHERE version_id IN ({versions_sql})", (param,))  # noqa: S608


def _millis(stamp: str) -> int:
    try:
        return int(datetime.fromisoformat(stamp).timestamp() * 1000)
    except ValueError:
        return 0


def _text(value: object, default: str) -> str:
    return value[:20_000] if isinstance(value, str) else default


def apply_change(c: Any, server: str, device_id: str | None, change: Change, stamp: str) -> None:
    """Write one checked record; unknown types are skipped (a newer server may send more)."""
    kind = change.type
    # Records of later parts, each with a table of its own (no branch here).
    _MORE.get(kind, _skip)(c, change)
    if kind == MEETING:
        m = MeetingData.parse(change)
        c.execute(
            "INSERT INTO meetings (id, title, starts_at, ends_at, place, chair, status, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "title = excluded.title, starts_at = excluded.starts_at, "
            "ends_at = excluded.ends_at, place = excluded.place, chair = excluded.chair, "
            "status = excluded.status, updated_at = excluded.updated_at",
            (m.id, m.title, m.starts_at, m.ends_at, m.place, m.chair, m.status, stamp),
        )
    elif kind == AGENDA_ITEM:
        a = AgendaItemData.parse(change)
        c.execute(
            "INSERT INTO agenda_items (id, meeting_id, position, title, presenter) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "meeting_id = excluded.meeting_id, position = excluded.position, "
            "title = excluded.title, presenter = excluded.presenter",
            (a.id, a.meeting_id, a.position, a.title, a.presenter),
        )
    elif kind == PARTICIPANT:
        p = ParticipantData.parse(change)
        c.execute("DELETE FROM participants WHERE record_id = ?", (p.id,))
        c.execute(
            "INSERT INTO participants (meeting_id, user_id, display_name, role, record_id) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(meeting_id, user_id) DO UPDATE SET "
            "display_name = excluded.display_name, role = excluded.role, "
            "record_id = excluded.record_id",
            (p.meeting_id, p.user_id, p.display_name, p.role, p.id),
        )
    elif kind == DOCUMENT_VERSION:
        _apply_version(c, DocumentVersionData.parse(change), stamp)
    elif kind == NOTE:
        _apply_note(c, NoteData.parse(change))
    elif kind == COMMENT:
        k = CommentData.parse(change)
        th = ThreadData.parse(change.data)
        c.execute(
            "INSERT OR REPLACE INTO comments (id, document_version_id, meeting_id, "
            "author_id, author_name, text, created_at, parent_id, quote, prefix, suffix, "
            "page, visibility, state, answer, answered_by, answered_at, revisions, "
            "drafter_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                k.id,
                k.document_version_id,
                k.meeting_id,
                k.author_id,
                k.author_name,
                k.text,
                k.created_at,
                th.parent_id,
                th.quote,
                th.prefix,
                th.suffix,
                th.page,
                th.visibility.value,
                th.state.value,
                th.answer,
                th.answered_by,
                th.answered_at,
                json.dumps([[r.text, r.created_at] for r in th.revisions], ensure_ascii=False),
                json.dumps(list(th.drafter_ids)),
            ),
        )
    elif kind == POLICY:
        pol = PolicyData.parse(change)
        if pol.device_id == device_id:
            value = {
                "retention_days": pol.retention_days,
                "offline_lease_hours": pol.offline_lease_hours,
                "wipe": pol.wipe,
                "watermark": pol.watermark,
                "signature_level": pol.signature_level,
                "tsa_url": pol.tsa_url,
                "signature_overdue_days": pol.signature_overdue_days,
            }
            c.execute(
                "UPDATE sync_accounts SET policy = ? WHERE server = ?",
                (json.dumps(value), server),
            )
    elif kind == TOMBSTONE:
        t = TombstoneData.parse(change)
        if t.type in _VERSIONS_OF:
            drop_text(c, _VERSIONS_OF[t.type], t.id)
        sql = _DELETE.get(t.type)
        if sql is not None:
            c.execute(sql, (t.id,))
        if t.type == DOCUMENT_VERSION:
            c.execute(
                "DELETE FROM documents WHERE origin = 'server' AND NOT EXISTS "
                "(SELECT 1 FROM document_versions v WHERE v.document_id = documents.id)"
            )
    # Unknown types are skipped: a newer server may send more than we know.


def _apply_consultation(c: Any, change: Change) -> None:
    """A consultation record, checked by its domain parser (a damaged one is a
    protocol error: the page rolls back, as for any bad record)."""
    from hanoi_desk.domain.consultation import BadAnswers, Consultation
    from hanoi_desk.protocol import ProtocolError

    try:
        k = Consultation.parse(change.data)
    except (BadAnswers, ValueError, KeyError, TypeError) as e:
        raise ProtocolError("consultation record", type(e).__name__) from None
    c.execute(
        "INSERT INTO consultations (id, meeting_id, data) VALUES (?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET meeting_id = excluded.meeting_id, data = excluded.data",
        (k.id, k.meeting_id, json.dumps(dict(change.data), ensure_ascii=False)),
    )


def _skip(c: Any, change: Change) -> None:
    pass


def _apply_signing_request(c: Any, change: Change) -> None:
    """A signing request record, checked by its domain parser (a damaged one is
    a protocol error: the page rolls back, as for any bad record)."""
    from hanoi_desk.domain.signing_requests import SigningRequest
    from hanoi_desk.protocol import ProtocolError

    try:
        r = SigningRequest.parse(change.data)
    except (ValueError, KeyError, TypeError) as e:
        raise ProtocolError("signing request record", type(e).__name__) from None
    c.execute(
        "INSERT INTO signing_requests (id, meeting_id, head_sha256, head_size, data) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET meeting_id = excluded.meeting_id, "
        "head_sha256 = excluded.head_sha256, head_size = excluded.head_size, data = excluded.data",
        (r.id, r.meeting_id, r.head_sha256, r.head_size,
         json.dumps(dict(change.data), ensure_ascii=False)),
    )  # fmt: skip


def _apply_action_item(c: Any, change: Change) -> None:
    """An action item record, checked by its domain parser (docs/action-items.md)."""
    from hanoi_desk.domain.action_items import ActionItem
    from hanoi_desk.protocol import ProtocolError

    try:
        i = ActionItem.parse(change.data)
    except (ValueError, KeyError, TypeError) as e:
        raise ProtocolError("action item record", type(e).__name__) from None
    c.execute(
        "INSERT INTO action_items (id, meeting_id, unit_id, data) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET meeting_id = excluded.meeting_id, "
        "unit_id = excluded.unit_id, data = excluded.data",
        (i.id, i.meeting_id, i.unit_id, json.dumps(dict(change.data), ensure_ascii=False)),
    )


def _apply_signed_copy(c: Any, change: Change) -> None:
    """Another member's accepted signature (docs/server-uploads.md), checked by
    its domain parser (a damaged one is a protocol error, as for any record)."""
    from hanoi_desk.domain.signatures import SignedCopy
    from hanoi_desk.protocol import ProtocolError

    try:
        s = SignedCopy.parse(change.id, dict(change.data))
    except (ValueError, KeyError, TypeError) as e:
        raise ProtocolError("signed copy record", type(e).__name__) from None
    c.execute(
        "INSERT INTO signed_copies (id, meeting_id, document_version_id, data) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET meeting_id = excluded.meeting_id, "
        "document_version_id = excluded.document_version_id, data = excluded.data",
        (s.id, s.meeting_id, s.document_version_id,
         json.dumps(dict(change.data), ensure_ascii=False)),
    )  # fmt: skip


_MORE = {CONSULTATION: _apply_consultation, SIGNING_REQUEST: _apply_signing_request,
         ACTION_ITEM: _apply_action_item, SIGNED_COPY: _apply_signed_copy}  # fmt: skip


def _apply_note(c: Any, n: NoteData) -> None:
    """Last writer wins per note, by the writing device's clock (ms)."""
    row = c.execute("SELECT updated_at FROM annotations WHERE id = ?", (n.id,)).fetchone()
    if row is not None and _millis(row[0]) >= n.updated_at:
        return
    stamp = datetime.fromtimestamp(n.updated_at / 1000, UTC).isoformat(timespec="milliseconds")
    if n.body is None:
        c.execute("UPDATE annotations SET deleted = 1, updated_at = ? WHERE id = ?", (stamp, n.id))
        return
    b = n.body
    doc = b.get("document_id")
    exists = c.execute("SELECT 1 FROM documents WHERE id = ?", (doc,)).fetchone()
    if not isinstance(doc, str) or exists is None:
        return  # a note on a document this device does not hold: nothing to attach to
    geometry = b.get("geometry")
    c.execute(
        "INSERT INTO annotations (id, document_id, version_id, kind, page, quote, body, "
        "geometry, created_at, updated_at, deleted) VALUES (?,?,?,?,?,?,?,?,?,?,0) "
        "ON CONFLICT(id) DO UPDATE SET document_id = excluded.document_id, "
        "version_id = excluded.version_id, kind = excluded.kind, page = excluded.page, "
        "quote = excluded.quote, body = excluded.body, geometry = excluded.geometry, "
        "updated_at = excluded.updated_at, deleted = 0",
        (
            n.id,
            doc,
            n.document_version_id,
            _text(b.get("kind"), "sticky"),
            b.get("page") if isinstance(b.get("page"), int) else 1,
            _text(b.get("quote"), ""),
            _text(b.get("text"), ""),
            json.dumps(geometry if isinstance(geometry, list) else []),
            stamp,
            stamp,
        ),
    )


def _apply_version(c: Any, v: DocumentVersionData, stamp: str) -> None:
    c.execute(
        "INSERT INTO documents (id, meeting_id, agenda_item_id, title, origin, created_at) "
        "VALUES (?, ?, ?, ?, 'server', ?) ON CONFLICT(id) DO UPDATE SET "
        "meeting_id = excluded.meeting_id, agenda_item_id = excluded.agenda_item_id, "
        "title = excluded.title WHERE documents.origin = 'server'",
        (v.document_id, v.meeting_id, v.agenda_item_id, v.title, stamp),
    )
    # A version number reused under a new id means the server rebuilt it: theirs wins.
    c.execute(
        "DELETE FROM document_versions WHERE document_id = ? AND version = ? AND id != ?",
        (v.document_id, v.version, v.id),
    )
    c.execute(
        "INSERT INTO document_versions (id, document_id, version, sha256, size, filename, "
        "created_at, available, superseded_by) VALUES (?, ?, ?, ?, ?, ?, ?, "
        "EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?4), ?8) "
        "ON CONFLICT(id) DO UPDATE SET document_id = excluded.document_id, "
        "version = excluded.version, sha256 = excluded.sha256, size = excluded.size, "
        "filename = excluded.filename, available = excluded.available, "
        "superseded_by = excluded.superseded_by",
        (
            v.id,
            v.document_id,
            v.version,
            v.sha256,
            v.size,
            v.filename,
            stamp,
            v.superseded_by,
        ),
    )


# -- outbox ----------------------------------------------------------------
