"""Administrative operations, shared by the CLI, the demo and the tests.

Each runs in one write transaction and republishes what it touched to the
feeds, so a client sees the change on its next pull and nothing else moves.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.server import auth
from hanoi_desk.server.auth import hash_password
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import publish_policy, republish_meeting
from hanoi_desk.server.models import (
    Device,
    LoginThrottle,
    Meeting,
    MemberCertificate,
    Organisation,
    Participant,
    TrustRoot,
    User,
)

USER_EXISTS = N_("A user named “{username}” already exists on this server.")
NO_USER = N_("There is no user named “{username}” on this server.")
NO_DEVICE = N_("User “{username}” has no device “{device}”. Devices appear after a first login.")
NO_MEETING = N_("There is no meeting “{meeting}” on this server.")
BAD_USERNAME = N_(
    "“{username}” cannot be a user name: use 1 to 64 letters, digits, dots, dashes or underscores."
)
BAD_STATUS = N_("“{status}” is not a meeting status; use one of: {allowed}.")
BAD_ROLE = N_("“{role}” is not a role; use chair, secretary, delegate or guest.")
EMPTY_PASSWORD = N_("The password must not be empty.")
TOO_LONG = N_("The {what} must have at most {n} characters.")
NO_BODY = N_("There is no body (organisation) named “{body}” on this server.")
BAD_CERTIFICATE = N_("The file is not an X.509 certificate (PEM or DER).")
BAD_BODY_SETTING = N_("“{setting}” is not a body setting; use one of: {allowed}.")
NO_TRUST_ROOT = N_("Body “{body}” has no trust root {fingerprint}.")

log = logging.getLogger(__name__)

DEFAULT_ORGANISATION = "default"
_USERNAME = re.compile(r"[A-Za-z0-9._\-]{1,64}")


def organisation(session: Session, name: str | None) -> Organisation:
    """The organisation of that name, created on first use."""
    label = name or DEFAULT_ORGANISATION
    org_id = uuid.uuid5(uuid.NAMESPACE_URL, f"hanoi-desk:org:{label}").hex
    org = session.get(Organisation, org_id)
    if org is None:
        org = Organisation(id=org_id, name=label, retention_days=30, offline_lease_hours=72,
                           watermark=True)  # fmt: skip
        session.add(org)
        session.flush()
    return org


def user_by_name(session: Session, username: str) -> User:
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        raise UserError(NO_USER, username=username)
    return user


def add_user(
    db: Database,
    username: str,
    password: str,
    display_name: str | None = None,
    organisation_name: str | None = None,
    *,
    cheap_hash: bool = False,
) -> str:
    """Create a user; ``cheap_hash`` only for tests and benchmarks that create many."""
    if not _USERNAME.fullmatch(username):
        raise UserError(BAD_USERNAME, username=username)
    if not password:
        raise UserError(EMPTY_PASSWORD)
    if len(display_name or "") > 200:
        raise UserError(TOO_LONG, what="display name", n=200)
    if len(organisation_name or "") > 400:
        raise UserError(TOO_LONG, what="organisation name", n=400)
    hashed = hash_password(password, cheap=cheap_hash)
    with db.write() as session:
        if session.scalars(select(User.id).where(User.username == username)).first():
            raise UserError(USER_EXISTS, username=username)
        org = organisation(session, organisation_name)
        user = User(id=uuid.uuid4().hex, username=username, display_name=display_name or username,
                    password_hash=hashed, organisation_id=org.id, disabled=False)  # fmt: skip
        session.add(user)
        return user.id


def wipe_device(db: Database, username: str, device_id: str, *, wipe: bool = True) -> None:
    """Order (or cancel) a remote wipe: the device learns it from its policy record."""
    with db.write() as session:
        user = user_by_name(session, username)
        device = session.get(Device, (user.id, device_id))
        if device is None:
            raise UserError(NO_DEVICE, username=username, device=device_id)
        if wipe and not device.wipe:
            # Repeating an order keeps its first time: that is what ends the refreshes.
            device.wipe_ordered_at = int(time.time())
        device.wipe = wipe
        if not wipe:
            # Its refresh tokens stay revoked if the order had reached it: it signs in again.
            device.wipe_ordered_at = None
            device.wipe_delivered_at = None
        publish_policy(session, device)


def set_disabled(db: Database, username: str, disabled: bool = True) -> int:
    """Disable a user (every session ends, sign-in is refused) or enable them again.

    Enabling does not bring the old sessions back: the user signs in again.
    Returns how many devices were signed out.
    """
    with db.write() as session:
        user = user_by_name(session, username)
        user.disabled = disabled
        return auth.revoke(session, user.id) if disabled else 0


def revoke(db: Database, username: str, device_id: str | None = None) -> int:
    """End the sessions of a user, or of one of their devices; they sign in again."""
    with db.write() as session:
        user = user_by_name(session, username)
        if device_id is not None and session.get(Device, (user.id, device_id)) is None:
            raise UserError(NO_DEVICE, username=username, device=device_id)
        return auth.revoke(session, user.id, device_id)


def reset_password(db: Database, username: str, password: str, *, cheap_hash: bool = False) -> int:
    """Set a new password, end every session and lift the name's login lock."""
    if not password:
        raise UserError(EMPTY_PASSWORD)
    hashed = hash_password(password, cheap=cheap_hash)
    with db.write() as session:
        user = user_by_name(session, username)
        user.password_hash = hashed
        session.execute(
            delete(LoginThrottle).where(LoginThrottle.key == auth.throttle_key("user", username))
        )
        return auth.revoke(session, user.id)


def list_devices(db: Database, username: str) -> list[tuple[str, str, int, bool, int | None]]:
    """(id, name, last seen, wipe ordered, when the order reached it or None)."""
    with db.read() as session:
        user = user_by_name(session, username)
        rows = session.scalars(select(Device).where(Device.user_id == user.id))
        return [(d.device_id, d.name, d.last_seen_at, d.wipe, d.wipe_delivered_at) for d in rows]


def set_policy(
    db: Database,
    organisation_name: str | None,
    *,
    retention_days: int | None = None,
    offline_lease_hours: int | None = None,
    watermark: bool | None = None,
    signature_level: str | None = None,
    tsa_url: str | None = None,
    signature_overdue_days: int | None = None,
) -> None:
    """Change what is given; ``""`` (or 0 days) clears a signature setting."""
    with db.write() as session:
        org = organisation(session, organisation_name)
        if signature_level is not None:
            org.signature_level = signature_level or None
        if tsa_url is not None:
            org.tsa_url = tsa_url or None
        if signature_overdue_days is not None:
            org.signature_overdue_days = signature_overdue_days or None
        if retention_days is not None:
            org.retention_days = retention_days
        if offline_lease_hours is not None:
            org.offline_lease_hours = offline_lease_hours
        if watermark is not None:
            org.watermark = watermark
        devices = session.scalars(
            select(Device)
            .join(User, User.id == Device.user_id)
            .where(User.organisation_id == org.id)
        )
        for device in devices:
            publish_policy(session, device)


def set_meeting_status(db: Database, meeting_id: str, status: str) -> None:
    if status not in p.MEETING_STATUSES:
        raise UserError(BAD_STATUS, status=status, allowed=", ".join(sorted(p.MEETING_STATUSES)))
    with db.write() as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None:
            raise UserError(NO_MEETING, meeting=meeting_id)
        meeting.status = status
        session.flush()
        republish_meeting(session, meeting_id)


def set_participant(db: Database, meeting_id: str, username: str, role: str | None) -> str | None:
    """Add a participant or change their role; ``role=None`` removes them (and their access).

    Returns the role they had before (None: they were not a participant). Role
    changes are logged: a chair or secretary runs the meeting's live commands.
    """
    if role is not None and role not in p.ROLES:
        raise UserError(BAD_ROLE, role=role)
    with db.write() as session:
        if session.get(Meeting, meeting_id) is None:
            raise UserError(NO_MEETING, meeting=meeting_id)
        user = user_by_name(session, username)
        part = session.get(Participant, (meeting_id, user.id))
        before = None if part is None else part.role
        if role is None and part is not None:
            session.delete(part)
        elif role is not None and part is None:
            session.add(Participant(meeting_id=meeting_id, user_id=user.id, role=role))
        elif role is not None and part is not None:
            part.role = role
        session.flush()
        republish_meeting(session, meeting_id)
    if before != role:
        log.info("meeting %s: user %s role %s -> %s", meeting_id, user.id, before or "-",
                 role or "-")  # fmt: skip
    return before


# --- votes (issue 15): members' certificates and the body's vote settings -----------------------

CERT_ADMIN = "admin"
CERT_FIRST_SIGNATURE = "first-signature"
BODY_SETTINGS = {
    "substitute-may-vote": "substitute_may_vote",
    "vote-delegation": "vote_delegation",
    "certificate-from-first-signature": "certificate_from_first_signature",
}
"""The command line's names of the body's vote settings -> their columns."""


def certificate_der(data: bytes) -> bytes:
    """A certificate file's DER (PEM or DER given); UserError if it is none."""
    from cryptography import x509

    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            cert = x509.load_pem_x509_certificate(data)
        else:
            cert = x509.load_der_x509_certificate(data)
    except ValueError:
        raise UserError(BAD_CERTIFICATE) from None
    from cryptography.hazmat.primitives.serialization import Encoding

    return cert.public_bytes(Encoding.DER)


def store_certificate(session: Session, user_id: str, der: bytes, source: str) -> str | None:
    """Register (or replace) a member's signing certificate; returns the
    fingerprint it replaced, if any. Logged: who signs whose ballots is audited."""
    fingerprint = hashlib.sha256(der).hexdigest()
    row = session.get(MemberCertificate, user_id)
    before = None if row is None else row.sha256
    if row is None:
        session.add(MemberCertificate(user_id=user_id, der=der, sha256=fingerprint,
                                      registered_at=int(time.time()), source=source))  # fmt: skip
    else:
        row.der, row.sha256, row.registered_at, row.source = (
            der, fingerprint, int(time.time()), source,
        )  # fmt: skip
    log.warning("member certificate of user %s: %s -> %s (%s)", user_id, before or "-",
                fingerprint, source)  # fmt: skip
    return before


def set_member_certificate(db: Database, username: str, data: bytes) -> tuple[str, str | None]:
    """``server member-cert``: (new fingerprint, the one it replaced or None)."""
    der = certificate_der(data)
    with db.write() as session:
        user = user_by_name(session, username)
        before = store_certificate(session, user.id, der, CERT_ADMIN)
    return hashlib.sha256(der).hexdigest(), before


def _body(session: Session, name: str) -> Organisation:
    org = session.scalars(select(Organisation).where(Organisation.name == name)).first()
    if org is None:
        raise UserError(NO_BODY, body=name)
    return org


def set_body_setting(db: Database, body: str, setting: str, value: bool) -> bool:
    """Set one of the body's vote settings (:data:`BODY_SETTINGS`); returns the
    value it had. Logged. A round already open keeps the snapshot it took."""
    column = BODY_SETTINGS.get(setting)
    if column is None:
        raise UserError(BAD_BODY_SETTING, setting=setting, allowed=", ".join(BODY_SETTINGS))
    with db.write() as session:
        org = _body(session, body)
        before = bool(getattr(org, column))
        setattr(org, column, value)
    log.warning("body %s: %s %s -> %s", org.id, setting, before, value)
    return before


# --- trust roots (issue 13): what a signed upload's certificate must chain to -----------------


def add_trust_root(db: Database, body: str, data: bytes) -> tuple[str, str, bool]:
    """``server trust-root add``: (fingerprint, subject, whether it is new).
    Adding a root twice changes nothing. Logged: what a body trusts is audited."""
    from cryptography import x509

    der = certificate_der(data)
    fingerprint = hashlib.sha256(der).hexdigest()
    subject = x509.load_der_x509_certificate(der).subject.rfc4514_string()[:1000]
    with db.write() as session:
        org = _body(session, body)
        new = session.get(TrustRoot, (org.id, fingerprint)) is None
        if new:
            session.add(TrustRoot(organisation_id=org.id, sha256=fingerprint, der=der,
                                  subject=subject, added_at=int(time.time())))  # fmt: skip
    log.warning("body %s: trust root %s added (%s)", org.id, fingerprint, "new" if new else "kept")
    return fingerprint, subject, new


def list_trust_roots(db: Database, body: str) -> list[tuple[str, str, int]]:
    """The body's roots: (fingerprint, subject, added at), oldest first."""
    with db.read() as session:
        org = _body(session, body)
        rows = session.scalars(
            select(TrustRoot)
            .where(TrustRoot.organisation_id == org.id)
            .order_by(TrustRoot.added_at, TrustRoot.sha256)
        )
        return [(r.sha256, r.subject, r.added_at) for r in rows]


def remove_trust_root(db: Database, body: str, fingerprint: str) -> None:
    """``server trust-root remove``: signatures accepted before stay accepted;
    later uploads chaining only to this root are refused ``untrusted``."""
    wanted = fingerprint.strip().lower().replace(":", "")
    with db.write() as session:
        org = _body(session, body)
        row = session.get(TrustRoot, (org.id, wanted))
        if row is None:
            raise UserError(NO_TRUST_ROOT, body=body, fingerprint=fingerprint)
        session.delete(row)
    log.warning("body %s: trust root %s removed", org.id, wanted)


def trust_roots_of(session: Session, organisation_id: str) -> list[bytes]:
    """The DER certificates of a body's trust roots (none: every signed upload is refused)."""
    rows = session.scalars(
        select(TrustRoot.der).where(TrustRoot.organisation_id == organisation_id)
    )
    return [bytes(der) for der in rows]
