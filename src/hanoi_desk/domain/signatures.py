"""This profile's own signatures and their completion (issue 12).

A signature made offline is B-B: no trusted time, no revocation data. The sync
raises it to the profile's target level (B-LT unless the body's policy asks
for B-LTA) as an incremental update and uploads the completed file as the new
state of that signature. These are the words the cache stores and the rules
every screen shares.
"""

from __future__ import annotations

import enum
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from hanoi_desk.domain.states import OutboxState
from hanoi_desk.i18n import N_

LEVELS: tuple[str, ...] = ("B-B", "B-T", "B-LT", "B-LTA")
"""PAdES baseline levels, lowest first."""
DEFAULT_TARGET = "B-LT"
"""What a signature is raised to when neither the body nor the profile says more:
B-LT keeps it verifiable after the certificate expires (the revocation data is in
the file); B-LTA adds an archive timestamp, which only long-kept records need."""
TARGETS: tuple[str, ...] = ("B-LT", "B-LTA")


class CompletionState(enum.StrEnum):
    """Where a signature stands on its way to the target level (the
    ``signatures.state`` column holds these words)."""

    WAITING = "waiting_for_timestamp"
    """Below the target; the timestamp authority or the revocation services
    could not be reached yet. Tried again at every sync."""
    COMPLETED = "completed"
    """Raised to the target level by a sync (its file is queued or sent)."""
    REFUSED = "refused"
    """Cannot be completed (a revoked or expired certificate, or the server
    refused the completed file); ``reason`` says why. Not tried again."""
    NOT_NEEDED = "not_needed"
    """Already at the target level when it was made (signed online)."""


STATE_TEXT: dict[CompletionState, str] = {
    CompletionState.WAITING: N_("waiting for a timestamp"),
    CompletionState.COMPLETED: N_("completed"),
    CompletionState.REFUSED: N_("refused"),
    CompletionState.NOT_NEEDED: N_("complete when signed"),
}

REASON_REVOKED = "certificate_revoked"
REASON_EXPIRED = "certificate_expired"
REASON_NOT_SIGNED = "not_signed"
REASON_TSA_NOT_ALLOWED = "tsa_not_allowed"


def policy_tsa_allowed(url: str) -> bool:
    """Whether a timestamp service named by a *server's* policy may be contacted.

    Every waiting signature's hash is POSTed to it at each sync, so a server
    must not be able to point this computer at its own network: only http(s)
    to a host that is not loopback, link-local, private, multicast, reserved or
    unspecified (an IP literal), nor ``localhost`` / ``*.localhost`` /
    ``*.local``. The profile's own ``tsa_url`` setting is the user's choice and
    is not judged here. A host *name* that resolves to a private address is not
    caught (no DNS lookup here: docs/signing-completion.md names the gap).
    """
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        return False
    if parts.scheme.lower() not in ("http", "https"):
        return False
    if not host or host == "localhost" or host.endswith((".localhost", ".local")):
        return False
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return True  # a name: see the gap above
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_loopback or ip.is_link_local or ip.is_private or ip.is_multicast
        or ip.is_reserved or ip.is_unspecified
    )  # fmt: skip


REASON_TEXT: dict[str, str] = {
    REASON_REVOKED: N_("the signer's certificate was revoked"),
    REASON_EXPIRED: N_("the signer's certificate has expired"),
    REASON_NOT_SIGNED: N_("the file holds no readable signature"),
    "not_an_extension": N_("the server refused the completed file: it changes the signed file"),
    "signatures_changed": N_(
        "the server refused the completed file: the earlier signatures are not intact"
    ),
    "tsa_unreachable": N_("the timestamp service could not be reached"),
    "revocation_unreachable": N_("the revocation services (OCSP, CRL) could not be reached"),
    "revocation_incomplete": N_("revocation data is still missing for a certificate"),
    "no_tsa": N_("no timestamp service is set (the body's policy or the tsa_url setting)"),
    REASON_TSA_NOT_ALLOWED: N_(
        "the server's policy names a timestamp service on a local or private address, "
        "or not over HTTP(S): not used (the tsa_url setting may name it)"
    ),
    "not_found": N_("the server does not know this signature"),
    "document_superseded": N_("the server refused the signed file: a newer version replaced it"),
    # The server's check of a signed upload (docs/server-uploads.md).
    "untrusted": N_(
        "the server refused the signature: your certificate is not issued under a root "
        "this body trusts"
    ),
    "wrong_signer": N_(
        "the server refused the signature: it was made with another certificate than the "
        "one registered for you"
    ),
    "no_registered_certificate": N_(
        "the server refused the signature: no signing certificate is registered for you"
    ),
    "unexpected_change": N_(
        "the server refused the signed file: it changes the document beyond your signature"
    ),
    "signature_invalid": N_("the server refused the signed file: its signature does not hold"),
    "certificate_in_use": N_(
        "the server refused the signature: its certificate is registered to another member"
    ),
}
"""Reasons this client or the server gives; any other is shown as it came (escaped)."""

UPLOAD_TEXT: dict[str, str] = {
    "queued": N_("not sent yet"),
    "sending": N_("sending"),
    "done": N_("sent"),
    "rejected": N_("refused by the server"),
}


def reason_template(reason: str | None) -> str | None:
    """The message for a stored reason (``tsa_unreachable:ClientConnectorError``
    reads as ``tsa_unreachable``); None for a reason this client does not know."""
    if not reason:
        return None
    return REASON_TEXT.get(reason) or REASON_TEXT.get(reason.split(":", 1)[0])


OVERDUE = N_(
    "{count} signature(s) made more than {days} days ago still have no trusted time: "
    "sync while the timestamp service can be reached."
)


def target_level(policy_level: str | None, override: str) -> str:
    """The level signatures are raised to: this profile's setting, else the
    body's policy, else :data:`DEFAULT_TARGET`. Unknown words count as unset."""
    for level in (override, policy_level):
        if level in TARGETS:
            return str(level)
    return DEFAULT_TARGET


def below(level: str, target: str) -> bool:
    """Whether ``level`` is lower than ``target`` (an unknown level is lowest)."""
    rank = LEVELS.index(level) if level in LEVELS else -1
    return rank < LEVELS.index(target)


@dataclass(frozen=True)
class SignedCopy:
    """Another member's signature of a version that the server accepted and shows
    this user (the meeting's secretariat; docs/server-uploads.md)."""

    id: str
    document_version_id: str
    meeting_id: str
    user_id: str
    name: str
    sha256: str
    size: int
    created_at: int

    @classmethod
    def parse(cls, record_id: str, data: dict[str, object]) -> SignedCopy:
        """The feed's ``signed_copy`` record; ValueError/TypeError when damaged."""

        def text(key: str) -> str:
            value = data[key]
            if not isinstance(value, str) or not value or len(value) > 1000:
                raise ValueError(key)
            return value

        def number(key: str) -> int:
            value = data[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(key)
            return value

        sha = text("sha256")
        if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
            raise ValueError("sha256")
        return cls(record_id, text("document_version_id"), text("meeting_id"), text("user_id"),
                   text("name"), sha, number("size"), number("created_at"))  # fmt: skip


@dataclass(frozen=True)
class SignatureRecord:
    """One signature this profile made, as the cache keeps it."""

    id: str
    """The op id of the ``signature.submit`` that carries it."""
    document_version_id: str
    title: str
    """The document's title (untrusted text from the server: escape before printing)."""
    version: int | None
    level: str
    """The file's level now (``B-B`` … ``B-LTA``)."""
    state: CompletionState
    reason: str | None
    sha256: str
    """The newest file of this signature (the completed one once completed)."""
    signed_sha256: str
    """The file as signed."""
    created_at: str
    upload: OutboxState | None
    """The state of the submit, then of the completed file's upload."""
    upload_reason: str | None = None

    def overdue(self, now: datetime, limit_days: int) -> bool:
        """Still waiting for a trusted time ``limit_days`` after it was made.

        A refused signature is not overdue: nothing will complete it (revoked,
        expired, refused by the server), it is reported as refused with its
        reason, and an "overdue, connect to complete it" warning that never
        goes away would only teach signers to ignore warnings."""
        if self.state is not CompletionState.WAITING:
            return False
        return unstamped_too_long(self.level, self.created_at, now, limit_days)


def unstamped_too_long(level: str, made: str | None, now: datetime, limit_days: int) -> bool:
    """A B-B signature made (ISO time) more than ``limit_days`` before ``now``:
    the later a trusted time is added, the less it proves about when it was made."""
    if level != "B-B" or not made:
        return False
    try:
        at = datetime.fromisoformat(made)
    except ValueError:
        return False
    if at.tzinfo is None or now.tzinfo is None:
        return False  # a time without its zone cannot be compared honestly
    return now - at > timedelta(days=limit_days)


OVERDUE_FILE = N_(
    "Signature “{field}” by {signer} was made on {date} and still has no trusted time "
    "(more than {days} days): sync the profile that made it, or run augment."
)


DEFAULT_OVERDUE_DAYS = 7
"""A signature still without a trusted time a week after it was made is
reported, unless the body's policy sets another limit: a week covers a
commune's usual gap between syncs, and a timestamp added later proves less."""
