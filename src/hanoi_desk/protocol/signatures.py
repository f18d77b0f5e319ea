"""Why the server refuses a signed upload (docs/server-uploads.md).

Every signed PDF a client uploads (``signature.submit``, ``signing_step.sign``,
``consultation.respond``, ``signature.complete``) is judged by one check on the
server (server/signature_check.py); these are its refusal reasons, besides the
ones it shares with the older records (``not_an_extension``,
``signatures_changed``, ``wrong_field``, ``signature_invalid``). Kept in a
module of its own (imported as ``hanoi_desk.protocol.signatures``).
"""

from __future__ import annotations

from typing import Final

SIGNED_COPY: Final = "signed_copy"
"""Change record type: a member's accepted signature of a document version
(``signature.submit``, then its completed file), to the signer and to the
secretariat of the meeting (chair, secretary) — ``{document_version_id,
meeting_id, user_id, name, sha256, size, created_at}``; the secretariat may
download ``sha256``. Older clients ignore it (unknown type)."""

REASON_UNTRUSTED: Final = "untrusted"
"""The signer's certificate does not chain to one of the body's trust roots, or
the body has none configured (``hanoi-desk server trust-root add``)."""
REASON_WRONG_SIGNER: Final = "wrong_signer"
"""The signature is valid but made with another certificate than the uploader's
registered one."""
REASON_NO_REGISTERED_CERTIFICATE: Final = "no_registered_certificate"
"""The uploader has no registered certificate and the body does not take one
from a first signature (``hanoi-desk server member-cert``)."""
REASON_UNEXPECTED_CHANGE: Final = "unexpected_change"
"""The upload changes the document beyond adding or filling the one expected
signature field (pyHanko's difference analysis from the base)."""
REASON_SIGNATURE_INVALID: Final = "signature_invalid"
"""Not one intact signature covering the whole file (or not a readable PDF)."""
REASON_WRONG_FIELD: Final = "wrong_field"
"""Not exactly one new signature, in the field the workflow expects."""
REASON_CERTIFICATE_IN_USE: Final = "certificate_in_use"
"""A first signature's certificate is already registered to another member: it is
not registered to a second one (``hanoi-desk server member-cert`` is the way to
move a certificate between accounts)."""

REASONS: Final = (
    REASON_UNTRUSTED,
    REASON_WRONG_SIGNER,
    REASON_NO_REGISTERED_CERTIFICATE,
    REASON_UNEXPECTED_CHANGE,
    REASON_SIGNATURE_INVALID,
    REASON_WRONG_FIELD,
    REASON_CERTIFICATE_IN_USE,
)
