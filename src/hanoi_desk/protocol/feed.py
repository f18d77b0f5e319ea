"""The changes feed: pages, the opaque cursor, and typed views of each record type."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hanoi_desk.protocol.base import (
    MAX_CHANGES_LIMIT,
    MAX_UPLOAD_SIZE,
    MEETING_STATUSES,
    ROLES,
    ProtocolError,
    _bool,
    _ident,
    _int,
    _obj,
    _opt_ident,
    _opt_str,
    _str,
    check_filename,
    check_sha256,
)

# --- pull: the changes feed ------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    type: str
    id: str
    data: Mapping[str, Any]

    @classmethod
    def parse(cls, item: object) -> Change:
        w = "change record"
        d = _obj(item, w)
        kind = _str(d, "type", w)
        return cls(kind, _ident(d, "id", w), _obj(d.get("data"), w, "“data”"))

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "id": self.id, "data": dict(self.data)}


@dataclass(frozen=True)
class ChangesPage:
    changes: tuple[Change, ...]
    cursor: str
    """Opaque to the client: store it and send it back, never interpret it."""
    has_more: bool

    @classmethod
    def parse(cls, body: object) -> ChangesPage:
        w = "changes page"
        d = _obj(body, w)
        items = d.get("changes")
        if not isinstance(items, list):
            raise ProtocolError(w, "“changes” must be a list")
        if len(items) > MAX_CHANGES_LIMIT:
            raise ProtocolError(w, "more changes than any limit allows")
        return cls(
            tuple(Change.parse(i) for i in items),
            _str(d, "cursor", w, empty=True),
            _bool(d, "has_more", w),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "changes": [c.to_json() for c in self.changes],
            "cursor": self.cursor,
            "has_more": self.has_more,
        }


def encode_cursor(watermark: int) -> str:
    """Servers' helper: the cursor is opaque to clients, so its format may change."""
    return base64.urlsafe_b64encode(f"v1:{watermark}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
        prefix, _, number = raw.partition(":")
        value = int(number)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ProtocolError("cursor", "it was not issued by this server") from None
    if prefix != "v1" or value < 0:
        raise ProtocolError("cursor", "it was not issued by this server")
    return value


# Typed views of the data of each change type, for the client to check before storing.


@dataclass(frozen=True)
class MeetingData:
    id: str
    title: str
    starts_at: str
    """ISO 8601 with offset, e.g. ``2027-05-12T08:00:00+07:00``."""
    ends_at: str | None
    place: str
    chair: str
    """The chair's display name (empty when none is named yet)."""
    status: str

    @classmethod
    def parse(cls, change: Change) -> MeetingData:
        w, d = "meeting record", change.data
        status = _str(d, "status", w)
        if status not in MEETING_STATUSES:
            raise ProtocolError(w, "“status” is not a known meeting status")
        return cls(
            change.id,
            _str(d, "title", w),
            _str(d, "starts_at", w),
            _opt_str(d, "ends_at", w),
            _str(d, "place", w, empty=True),
            _str(d, "chair", w, empty=True),
            status,
        )


@dataclass(frozen=True)
class AgendaItemData:
    id: str
    meeting_id: str
    position: int
    title: str
    presenter: str

    @classmethod
    def parse(cls, change: Change) -> AgendaItemData:
        w, d = "agenda item record", change.data
        return cls(
            change.id,
            _ident(d, "meeting_id", w),
            _int(d, "position", w),
            _str(d, "title", w),
            _str(d, "presenter", w, empty=True),
        )


@dataclass(frozen=True)
class ParticipantData:
    id: str
    meeting_id: str
    user_id: str
    display_name: str
    role: str

    @classmethod
    def parse(cls, change: Change) -> ParticipantData:
        w, d = "participant record", change.data
        role = _str(d, "role", w)
        if role not in ROLES:
            raise ProtocolError(w, "“role” must be chair, secretary, delegate or guest")
        return cls(
            change.id,
            _ident(d, "meeting_id", w),
            _ident(d, "user_id", w),
            _str(d, "display_name", w),
            role,
        )


@dataclass(frozen=True)
class DocumentVersionData:
    id: str
    document_id: str
    meeting_id: str
    agenda_item_id: str | None
    title: str
    version: int
    sha256: str
    size: int
    filename: str
    superseded_by: str | None
    """The id of the version that replaced this one, or None while it is current."""

    @classmethod
    def parse(cls, change: Change) -> DocumentVersionData:
        w, d = "document version record", change.data
        return cls(
            change.id,
            _ident(d, "document_id", w),
            _ident(d, "meeting_id", w),
            _opt_ident(d, "agenda_item_id", w),
            _str(d, "title", w),
            _int(d, "version", w, low=1),
            check_sha256(_str(d, "sha256", w), w),
            _int(d, "size", w, high=MAX_UPLOAD_SIZE),
            check_filename(_str(d, "filename", w), w),
            _opt_ident(d, "superseded_by", w),
        )


@dataclass(frozen=True)
class TombstoneData:
    type: str
    id: str

    @classmethod
    def parse(cls, change: Change) -> TombstoneData:
        w, d = "tombstone record", change.data
        return cls(_str(d, "type", w), _ident(d, "id", w))


@dataclass(frozen=True)
class PolicyData:
    """Per-device policy: the record's id is the device id it applies to."""

    device_id: str
    retention_days: int
    offline_lease_hours: int
    """After this long without reaching the server, the client locks the cache."""
    wipe: bool
    """Flush the outbox, then delete the profile."""
    watermark: bool
    signature_level: str | None = None
    """The body's signature policy (docs/signing-completion.md): optional, so an
    older server's record still parses; a level this client does not know reads
    as unset (domain.signatures.target_level)."""
    tsa_url: str | None = None
    signature_overdue_days: int | None = None

    @classmethod
    def parse(cls, change: Change) -> PolicyData:
        w, d = "policy record", change.data
        days = d.get("signature_overdue_days")
        return cls(
            change.id,
            _int(d, "retention_days", w, high=36500),
            _int(d, "offline_lease_hours", w, high=24 * 3650),
            _bool(d, "wipe", w),
            _bool(d, "watermark", w),
            _opt_str(d, "signature_level", w),
            _opt_str(d, "tsa_url", w),
            None if days is None else _int(d, "signature_overdue_days", w, high=3650),
        )


@dataclass(frozen=True)
class NoteData:
    id: str
    document_version_id: str
    updated_at: int
    """Milliseconds since the epoch, as stamped by the writing client: the last writer wins."""
    body: Mapping[str, Any] | None
    """None when the note was deleted."""

    @classmethod
    def parse(cls, change: Change) -> NoteData:
        w, d = "note record", change.data
        body = d.get("body")
        return cls(
            change.id,
            _ident(d, "document_version_id", w),
            _int(d, "updated_at", w),
            None if body is None else _obj(body, w, "“body”"),
        )


@dataclass(frozen=True)
class CommentData:
    id: str
    document_version_id: str
    meeting_id: str
    author_id: str
    author_name: str
    text: str
    created_at: str

    @classmethod
    def parse(cls, change: Change) -> CommentData:
        w, d = "comment record", change.data
        return cls(
            change.id,
            _ident(d, "document_version_id", w),
            _ident(d, "meeting_id", w),
            _ident(d, "author_id", w),
            _str(d, "author_name", w),
            _str(d, "text", w),
            _str(d, "created_at", w),
        )
