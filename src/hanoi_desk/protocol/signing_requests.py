"""Signing requests on the wire (docs/signing-requests.md, docs/protocol.md).

A signing request asks several people to sign one document version in order
(minutes, conclusions). Kept in a module of its own (imported as
``hanoi_desk.protocol.signing_requests``) so the part grows without touching
the shared records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from hanoi_desk.protocol.base import ProtocolError, _ident, _int, _str, check_sha256

SIGNING_REQUEST: Final = "signing_request"
"""Change record type: a signing request with its steps and current head, to every
participant of its meeting. Older clients ignore it (unknown type)."""

KIND_SIGNING_STEP_SIGN: Final = "signing_step.sign"
"""The active step's person sends the head they signed (an upload extending it)."""
KIND_SIGNING_STEP_DECLINE: Final = "signing_step.decline"
"""The active step's person declines to sign, with a reason."""

REASON_STALE_HEAD: Final = "stale_head"
"""The file was signed on a head that is no longer the request's head (someone
signed first): sign the new head (one more PIN entry)."""
REASON_NOT_YOUR_STEP: Final = "not_your_step"
"""The step is not active (out of order, already signed) or is someone else's."""
REASON_REQUEST_CLOSED: Final = "request_closed"
"""The request is a draft (nobody asked yet), completed or cancelled."""
REASON_REQUEST_EXPIRED: Final = "request_expired"
"""The request's expiry time has passed by the server's clock: nobody signs it now."""
REASON_WRONG_FIELD: Final = "wrong_field"
"""The upload does not fill exactly the step's prepared signature field."""
REASON_SIGNATURE_INVALID: Final = "signature_invalid"
"""The new signature does not hold or is not made with the signer's registered certificate."""

MAX_REASON = 1000
"""A decline reason is a sentence or two."""


class RequestState:
    DRAFT: Final = "draft"
    IN_PROGRESS: Final = "in_progress"
    COMPLETED: Final = "completed"
    CANCELLED: Final = "cancelled"
    EXPIRED: Final = "expired"


class StepState:
    PENDING: Final = "pending"
    ACTIVE: Final = "active"
    SIGNED: Final = "signed"
    DECLINED: Final = "declined"


DECREE_KINDS: Final = ("approval", "issuing", "copy")
"""Decree 30/2020 kinds of signature: the approver's, the issuing one with the
body's seal, a certified copy's."""


@dataclass(frozen=True)
class SigningStepSign:
    """Payload of ``signing_step.sign``: ``base_sha256`` is the head the client signed."""

    request_id: str
    step: int
    base_sha256: str
    upload_id: str
    sha256: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> SigningStepSign:
        w = "signing_step.sign payload"
        return cls(
            _ident(payload, "request_id", w),
            _int(payload, "step", w, low=1, high=100),
            check_sha256(_str(payload, "base_sha256", w), w),
            _ident(payload, "upload_id", w),
            check_sha256(_str(payload, "sha256", w), w),
        )

    def to_json(self) -> dict[str, Any]:
        return {"request_id": self.request_id, "step": self.step,
                "base_sha256": self.base_sha256, "upload_id": self.upload_id,
                "sha256": self.sha256}  # fmt: skip


@dataclass(frozen=True)
class SigningStepDecline:
    """Payload of ``signing_step.decline``."""

    request_id: str
    step: int
    reason: str

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> SigningStepDecline:
        w = "signing_step.decline payload"
        reason = _str(payload, "reason", w).strip()
        if not reason or len(reason) > MAX_REASON:
            raise ProtocolError(w, f"“reason” must be 1 to {MAX_REASON} characters")
        return cls(_ident(payload, "request_id", w), _int(payload, "step", w, low=1, high=100),
                   reason)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {"request_id": self.request_id, "step": self.step, "reason": self.reason}
