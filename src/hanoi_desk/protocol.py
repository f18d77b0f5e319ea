"""The sync protocol's wire models, shared by the client engine and the reference server.

One module, versioned by :data:`PROTOCOL_VERSION`, so the two sides cannot drift:
both build and check every message with the same code. Parsing is strict about
what it needs (types, ranges, hex digests, safe file names) and lenient about
what it does not know (extra keys, unknown change types and mutation kinds), so
a newer server can add fields and record types without breaking older clients.
Anything malformed raises :class:`ProtocolError` naming the offending field,
never quoting its value (values may be document text or secrets).

The format is documented in ``docs/protocol.md`` and ``docs/protocol.openapi.json``.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from hanoi_desk.errors import EnvironmentFault
from hanoi_desk.i18n import N_

PROTOCOL_VERSION: Final = 1
VERSION_HEADER: Final = "Hanoi-Protocol"
BASE_PATH: Final = "/v1"

MAX_CHANGES_LIMIT: Final = 1000
DEFAULT_CHANGES_LIMIT: Final = 500
MAX_MUTATIONS_PER_BATCH: Final = 200
MAX_UPLOAD_SIZE: Final = 2 * 1024**3
MAX_CHUNK_SIZE: Final = 16 * 1024 * 1024
"""The largest body a single ``PATCH /v1/uploads/<id>`` may carry."""

# Change record types. Clients must ignore types they do not know.
MEETING: Final = "meeting"
AGENDA_ITEM: Final = "agenda_item"
PARTICIPANT: Final = "participant"
DOCUMENT_VERSION: Final = "document_version"
TOMBSTONE: Final = "tombstone"
POLICY: Final = "policy"
NOTE: Final = "note"
"""A private note of the requesting user (synced between that user's devices)."""
COMMENT: Final = "comment"
CHANGE_TYPES: Final = frozenset(
    {MEETING, AGENDA_ITEM, PARTICIPANT, DOCUMENT_VERSION, TOMBSTONE, POLICY, NOTE, COMMENT}
)

MEETING_STATUSES: Final = frozenset({"scheduled", "open", "closed", "cancelled"})
ROLES: Final = frozenset({"chair", "secretary", "delegate"})

# Mutation outcomes and the permanent rejection reasons the server gives.
APPLIED: Final = "applied"
DUPLICATE: Final = "duplicate"
REJECTED: Final = "rejected"
MutationStatus = Literal["applied", "duplicate", "rejected"]
REASON_UNKNOWN_KIND: Final = "unknown_kind"
REASON_INVALID_PAYLOAD: Final = "invalid_payload"
REASON_MEETING_CLOSED: Final = "meeting_closed"
REASON_DOCUMENT_SUPERSEDED: Final = "document_superseded"
REASON_NOT_FOUND: Final = "not_found"
"""The target does not exist or this user may not see it (indistinguishable on purpose)."""
REASON_UPLOAD_INCOMPLETE: Final = "upload_incomplete"
REASON_HASH_MISMATCH: Final = "hash_mismatch"
REASON_OP_ID_REUSED: Final = "op_id_reused"
"""The same ``op_id`` arrived before under another seq with another kind or payload."""

# Mutation kinds the reference server applies today; others are rejected with
# ``unknown_kind`` (never a protocol error), so new kinds need no new version.
KIND_ANNOTATION_UPSERT: Final = "annotation.upsert"
KIND_COMMENT_ADD: Final = "comment.add"
KIND_SIGNATURE_SUBMIT: Final = "signature.submit"

# Error codes in ``{"error": code, "message": text}`` bodies.
ERR_BAD_REQUEST: Final = "bad_request"
ERR_UNAUTHORIZED: Final = "unauthorized"
ERR_INVALID_CREDENTIALS: Final = "invalid_credentials"
ERR_FORBIDDEN: Final = "forbidden"
ERR_NOT_FOUND: Final = "not_found"
ERR_OFFSET_MISMATCH: Final = "offset_mismatch"
ERR_RANGE: Final = "range_not_satisfiable"
ERR_HASH_MISMATCH: Final = "hash_mismatch"
ERR_TOO_LARGE: Final = "too_large"
ERR_VERSION: Final = "unsupported_protocol_version"
ERR_TOO_MANY_ATTEMPTS: Final = "too_many_attempts"
"""429 from login after repeated wrong passwords; ``retry_after`` (also the
``Retry-After`` header) says how many seconds to wait. Clients never retry a
password by themselves."""
ERR_INTERNAL: Final = "internal"

MALFORMED = N_("The {what} is malformed: {problem}.")

_HEX64 = re.compile(r"[0-9a-f]{64}")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}")
_MAX_STR = 1_000_000


class ProtocolError(EnvironmentFault):
    """A message does not follow the protocol (a bad server answer or a bad request).

    ``problem`` names the field and the rule, never the value received.
    """

    template = MALFORMED

    def __init__(self, what: str, problem: str) -> None:
        super().__init__(MALFORMED, what=what, problem=problem)
        self.what = what
        self.problem = problem


# --- field readers ---------------------------------------------------------------------------


def _obj(value: object, what: str, where: str = "body") -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ProtocolError(what, f"{where} must be a JSON object")
    return value


def _str(d: Mapping[str, Any], key: str, what: str, *, empty: bool = False) -> str:
    value = d.get(key)
    if not isinstance(value, str):
        raise ProtocolError(what, f"“{key}” must be a string")
    if not empty and not value:
        raise ProtocolError(what, f"“{key}” must not be empty")
    if len(value) > _MAX_STR:
        raise ProtocolError(what, f"“{key}” is too long")
    return value


def _opt_str(d: Mapping[str, Any], key: str, what: str) -> str | None:
    return None if d.get(key) is None else _str(d, key, what, empty=True)


def _int(d: Mapping[str, Any], key: str, what: str, *, low: int = 0, high: int = 2**63 - 1) -> int:
    value = d.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ProtocolError(what, f"“{key}” must be an integer")
    if not low <= value <= high:
        raise ProtocolError(what, f"“{key}” must be between {low} and {high}")
    return value


def _bool(d: Mapping[str, Any], key: str, what: str) -> bool:
    value = d.get(key)
    if not isinstance(value, bool):
        raise ProtocolError(what, f"“{key}” must be true or false")
    return value


def _ident(d: Mapping[str, Any], key: str, what: str) -> str:
    value = _str(d, key, what)
    if not _ID.fullmatch(value):
        raise ProtocolError(what, f"“{key}” is not a valid identifier")
    return value


def _opt_ident(d: Mapping[str, Any], key: str, what: str) -> str | None:
    return None if d.get(key) is None else _ident(d, key, what)


def check_ident(value: str, what: str = "identifier") -> str:
    """An id as the protocol allows them: letters, digits, ``._:-``, at most 128."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ProtocolError(what, "an identifier uses only letters, digits and ._:-")
    return value


def check_sha256(value: str, what: str = "digest") -> str:
    """A lowercase hex SHA-256, as every blob is named."""
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise ProtocolError(what, "a SHA-256 must be 64 lowercase hex digits")
    return value


def check_filename(value: str, what: str = "file name") -> str:
    """A bare file name: no folders, no parent references, no control characters.

    Clients use it only as a label or a suggested save name, but a hostile
    server must never be able to point it anywhere.
    """
    bad = (
        not value
        or len(value) > 255
        or value in {".", ".."}
        or any(c in value for c in "/\\\x00")
        or any(ord(c) < 32 for c in value)
        or value != value.strip()
        or (len(value) > 1 and value[1] == ":")
    )
    if bad:
        raise ProtocolError(what, "the file name must be a bare name without folders")
    return value


# --- authentication --------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginRequest:
    username: str
    password: str
    device_id: str
    device_name: str

    @classmethod
    def parse(cls, body: object) -> LoginRequest:
        d = _obj(body, "login request")
        w = "login request"
        return cls(
            _str(d, "username", w),
            _str(d, "password", w),
            _ident(d, "device_id", w),
            _str(d, "device_name", w),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "password": self.password,
            "device_id": self.device_id,
            "device_name": self.device_name,
        }


@dataclass(frozen=True)
class RefreshRequest:
    refresh_token: str

    @classmethod
    def parse(cls, body: object) -> RefreshRequest:
        return cls(_str(_obj(body, "refresh request"), "refresh_token", "refresh request"))

    def to_json(self) -> dict[str, Any]:
        return {"refresh_token": self.refresh_token}


@dataclass(frozen=True)
class UserInfo:
    id: str
    display_name: str


@dataclass(frozen=True)
class TokenResponse:
    access_token: str
    refresh_token: str
    expires_in: int
    """Seconds the access token stays valid."""
    user: UserInfo

    @classmethod
    def parse(cls, body: object) -> TokenResponse:
        w = "token answer"
        d = _obj(body, w)
        u = _obj(d.get("user"), w, "“user”")
        return cls(
            _str(d, "access_token", w),
            _str(d, "refresh_token", w),
            _int(d, "expires_in", w, low=1),
            UserInfo(_ident(u, "id", w), _str(u, "display_name", w)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "expires_in": self.expires_in,
            "user": {"id": self.user.id, "display_name": self.user.display_name},
        }


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
            raise ProtocolError(w, "“role” must be chair, secretary or delegate")
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

    @classmethod
    def parse(cls, change: Change) -> PolicyData:
        w, d = "policy record", change.data
        return cls(
            change.id,
            _int(d, "retention_days", w, high=36500),
            _int(d, "offline_lease_hours", w, high=24 * 3650),
            _bool(d, "wipe", w),
            _bool(d, "watermark", w),
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


# --- push: mutations -------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutation:
    seq: int
    """Strictly increasing per client; the server applies each seq once."""
    op_id: str
    """The outbox operation's idempotency key."""
    kind: str
    payload: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, item: object) -> Mutation:
        w = "mutation"
        d = _obj(item, w)
        return cls(
            _int(d, "seq", w, low=1),
            _ident(d, "op_id", w),
            _str(d, "kind", w),
            _obj(d.get("payload"), w, "“payload”"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "op_id": self.op_id,
            "kind": self.kind,
            "payload": dict(self.payload),
        }


@dataclass(frozen=True)
class MutationBatch:
    client_id: str
    mutations: tuple[Mutation, ...]

    @classmethod
    def parse(cls, body: object) -> MutationBatch:
        w = "mutation batch"
        d = _obj(body, w)
        items = d.get("mutations")
        if not isinstance(items, list):
            raise ProtocolError(w, "“mutations” must be a list")
        if len(items) > MAX_MUTATIONS_PER_BATCH:
            raise ProtocolError(w, f"at most {MAX_MUTATIONS_PER_BATCH} mutations per batch")
        muts = tuple(Mutation.parse(i) for i in items)
        seqs = [m.seq for m in muts]
        if seqs != sorted(set(seqs)):
            raise ProtocolError(w, "“seq” values must be strictly increasing")
        return cls(_ident(d, "client_id", w), muts)

    def to_json(self) -> dict[str, Any]:
        return {"client_id": self.client_id, "mutations": [m.to_json() for m in self.mutations]}


@dataclass(frozen=True)
class MutationResult:
    seq: int
    op_id: str
    status: MutationStatus
    result: Mapping[str, Any] | None
    reason: str | None
    """Set when ``status`` is ``rejected``: a permanent refusal (never retry it)."""

    @classmethod
    def parse(cls, item: object) -> MutationResult:
        w = "mutation result"
        d = _obj(item, w)
        status = _str(d, "status", w)
        if status not in (APPLIED, DUPLICATE, REJECTED):
            raise ProtocolError(w, "“status” must be applied, duplicate or rejected")
        result = d.get("result")
        reason = _opt_str(d, "reason", w)
        if status == REJECTED and not reason:
            raise ProtocolError(w, "a rejection must give a “reason”")
        return cls(
            _int(d, "seq", w, low=1),
            _ident(d, "op_id", w),
            status,  # type: ignore[arg-type]
            None if result is None else _obj(result, w, "“result”"),
            reason,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "op_id": self.op_id,
            "status": self.status,
            "result": None if self.result is None else dict(self.result),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class MutationResults:
    results: tuple[MutationResult, ...]

    @classmethod
    def parse(cls, body: object) -> MutationResults:
        w = "mutation results"
        items = _obj(body, w).get("results")
        if not isinstance(items, list):
            raise ProtocolError(w, "“results” must be a list")
        return cls(tuple(MutationResult.parse(i) for i in items))

    def to_json(self) -> dict[str, Any]:
        return {"results": [r.to_json() for r in self.results]}


@dataclass(frozen=True)
class SignatureSubmit:
    """Payload of ``signature.submit``: a completed upload recorded against a version."""

    document_version_id: str
    upload_id: str
    sha256: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> SignatureSubmit:
        w = "signature.submit payload"
        return cls(
            _ident(payload, "document_version_id", w),
            _ident(payload, "upload_id", w),
            check_sha256(_str(payload, "sha256", w), w),
        )


@dataclass(frozen=True)
class CommentAdd:
    """Payload of ``comment.add``; ``comment_id`` is chosen by the client."""

    comment_id: str
    document_version_id: str
    text: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> CommentAdd:
        w = "comment.add payload"
        text = _str(payload, "text", w)
        if len(text) > 20_000:
            raise ProtocolError(w, "“text” is longer than 20,000 characters")
        return cls(
            _ident(payload, "comment_id", w), _ident(payload, "document_version_id", w), text
        )


@dataclass(frozen=True)
class AnnotationUpsert:
    """Payload of ``annotation.upsert``: one private note; ``body`` None deletes it."""

    note_id: str
    document_version_id: str
    updated_at: int
    body: Mapping[str, Any] | None

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> AnnotationUpsert:
        w = "annotation.upsert payload"
        body = payload.get("body")
        return cls(
            _ident(payload, "note_id", w),
            _ident(payload, "document_version_id", w),
            _int(payload, "updated_at", w),
            None if body is None else _obj(body, w, "“body”"),
        )


# --- uploads ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadCreate:
    op_id: str
    """The outbox operation's key: the same op_id always names the same upload."""
    size: int
    sha256: str

    @classmethod
    def parse(cls, body: object) -> UploadCreate:
        w = "upload request"
        d = _obj(body, w)
        return cls(
            _ident(d, "op_id", w),
            _int(d, "size", w, low=1, high=MAX_UPLOAD_SIZE),
            check_sha256(_str(d, "sha256", w), w),
        )

    def to_json(self) -> dict[str, Any]:
        return {"op_id": self.op_id, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class UploadState:
    upload_id: str
    offset: int

    @classmethod
    def parse(cls, body: object) -> UploadState:
        w = "upload answer"
        d = _obj(body, w)
        return cls(_ident(d, "upload_id", w), _int(d, "offset", w, high=MAX_UPLOAD_SIZE))

    def to_json(self) -> dict[str, Any]:
        return {"upload_id": self.upload_id, "offset": self.offset}


def parse_offset(body: object) -> int:
    """The ``{"offset": n}`` of a PATCH answer or of a 409 conflict."""
    return _int(_obj(body, "upload offset"), "offset", "upload offset", high=MAX_UPLOAD_SIZE)


# --- errors ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErrorBody:
    error: str
    message: str

    @classmethod
    def parse(cls, body: object) -> ErrorBody:
        w = "error answer"
        d = _obj(body, w)
        return cls(_str(d, "error", w), _str(d, "message", w, empty=True))

    def to_json(self) -> dict[str, Any]:
        return {"error": self.error, "message": self.message}


# --- blobs -----------------------------------------------------------------------------------


def etag(sha256: str) -> str:
    """The strong ETag of a blob: its quoted digest."""
    return f'"{check_sha256(sha256)}"'


_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")


def parse_content_range(value: str | None) -> tuple[int, int, int]:
    """``Content-Range: bytes a-b/total`` -> ``(a, b, total)``; b is inclusive."""
    m = _CONTENT_RANGE.fullmatch((value or "").strip())
    if not m:
        raise ProtocolError("Content-Range header", "it must read “bytes a-b/total”")
    a, b, total = (int(g) for g in m.groups())
    if not a <= b < total:
        raise ProtocolError("Content-Range header", "the range lies outside the blob")
    return a, b, total
