"""Passwords (Argon2id), devices and bearer tokens.

Tokens are random and opaque; the database keeps only their SHA-256, so every
instance behind a load balancer can check any token and a leaked backup
opens nothing. Refresh tokens are single use: a refresh consumes the old pair.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.server.feed import publish_policy
from hanoi_desk.server.models import Device, Token, User

ACCESS_SECONDS = 15 * 60
REFRESH_SECONDS = 30 * 24 * 3600

# A hash of nothing in particular: verifying against it when the user does not
# exist costs the same time as a real check, so timing does not reveal usernames.
_hasher = PasswordHasher()
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))


def hasher(cheap: bool = False) -> PasswordHasher:
    """Argon2id with the library's defaults, or a cheap one for tests and benchmarks."""
    if cheap:
        return PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    return _hasher


def hash_password(password: str, *, cheap: bool = False) -> str:
    return hasher(cheap).hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Principal:
    """Who is calling: resolved from the bearer token on every request."""

    user_id: str
    device_id: str


def _issue(session: Session, user: User, device_id: str) -> p.TokenResponse:
    now = int(time.time())
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(Token(token_hash=_digest(access), kind="access", user_id=user.id,
                      device_id=device_id, expires_at=now + ACCESS_SECONDS))  # fmt: skip
    session.add(Token(token_hash=_digest(refresh), kind="refresh", user_id=user.id,
                      device_id=device_id, expires_at=now + REFRESH_SECONDS))  # fmt: skip
    return p.TokenResponse(access, refresh, ACCESS_SECONDS, p.UserInfo(user.id, user.display_name))


def check_password(session: Session, req: p.LoginRequest) -> str | None:
    """The user id when the password is right (run in a read transaction: Argon2 is slow
    on purpose and must not hold the write lock)."""
    user = session.scalars(select(User).where(User.username == req.username)).first()
    ok = verify_password(user.password_hash if user else None, req.password)
    if user is None or not ok or user.disabled:
        return None
    return user.id


def login(session: Session, user_id: str, req: p.LoginRequest) -> p.TokenResponse | None:
    """Register the device and issue tokens for a user whose password was checked."""
    user = session.get(User, user_id)
    if user is None or user.disabled:
        return None
    now = int(time.time())
    device = session.get(Device, (user.id, req.device_id))
    if device is None:
        device = Device(user_id=user.id, device_id=req.device_id, name=req.device_name,
                        created_at=now, last_seen_at=now, wipe=False)  # fmt: skip
        session.add(device)
        session.flush()
    device.name = req.device_name
    device.last_seen_at = now
    publish_policy(session, device)
    session.execute(delete(Token).where(Token.expires_at < now))
    return _issue(session, user, req.device_id)


def refresh(session: Session, token: str) -> p.TokenResponse | None:
    row = session.get(Token, _digest(token))
    if row is None or row.kind != "refresh" or row.expires_at < time.time():
        return None
    session.delete(row)
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    return _issue(session, user, row.device_id)


def authenticate(session: Session, token: str) -> Principal | None:
    row = session.get(Token, _digest(token))
    if row is None or row.kind != "access" or row.expires_at < time.time():
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    return Principal(row.user_id, row.device_id)
