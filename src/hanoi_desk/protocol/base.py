"""Constants, the protocol error and the strict field readers every message uses.

Readers name the field and the rule when they refuse, never the value (it may
be a secret or document text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
ROLES: Final = frozenset({"chair", "secretary", "delegate", "guest"})
"""A participant's role in a meeting (docs/live-meetings.md); a guest reads and follows."""

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
KIND_SIGNATURE_COMPLETE: Final = "signature.complete"
"""A signed file raised to B-LT/B-LTA at sync replaces the file of a signature
the server holds, only if it extends it (docs/signing-completion.md)."""
REASON_NOT_AN_EXTENSION: Final = "not_an_extension"
"""The completed file does not start with the signed file's bytes."""
REASON_SIGNATURES_CHANGED: Final = "signatures_changed"
"""The completed file does not keep every earlier signature as it was."""
MAX_SIGNED_UPLOADS_PER_BATCH: Final = 20
"""At most this many actions carrying a signed file (``signature.submit``,
``signature.complete``, ``consultation.respond``, ``signing_step.sign``) of one
batch are judged: each reads files of up to 64 MB and runs pyHanko's checks, so
a batch must not hold a server worker for long. The first over the cap and every
action after it in the batch are answered ``send_again`` (docs/protocol.md)."""
REASON_SEND_AGAIN: Final = "send_again"
"""Not judged and not stored (the batch was full): the client keeps the action
queued and sends it again, with the same seq and op_id, at its next sync. The
only refusal that is not for good."""

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
ERR_TOO_MANY_STREAMS: Final = "too_many_streams"
"""429 from a live stream when the token (2) or the user (8) already holds as
many open streams as the server allows: close one first."""
ERR_TOO_MANY_COMMANDS: Final = "too_many_commands"
"""429 from live commands when a user sends more than the server allows (10 a
second, 20 at once); ``retry_after`` (also ``Retry-After``) says when to resend."""
ERR_ACCOUNT_DISABLED: Final = "account_disabled"
"""403 from login when the password is right but an administrator disabled the
account: the person is told to ask them, not to retype the password."""
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
