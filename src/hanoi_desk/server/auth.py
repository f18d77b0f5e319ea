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
FREE_ATTEMPTS = 5
MAX_LOCK_SECONDS = 3600
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


@dataclass(frozen=True)
class PasswordCheck:
    user_id: str | None
    """Set when the password is right."""
    known_user: str | None = None
    """The user a wrong password was tried for (to count failures), None if unknown."""
    locked_for: int = 0
    """Seconds until this user may try again; the password was not even checked."""


def check_password(session: Session, req: p.LoginRequest) -> PasswordCheck:
    """Run in a read transaction: Argon2 is slow on purpose and must not hold the write lock."""
    user = session.scalars(select(User).where(User.username == req.username)).first()
    now = int(time.time())
    if user is not None and user.locked_until > now:
        return PasswordCheck(None, user.id, user.locked_until - now)
    ok = verify_password(user.password_hash if user else None, req.password)
    if user is None or not ok or user.disabled:
        return PasswordCheck(None, user.id if user else None)
    return PasswordCheck(user.id)


def lockout_seconds(failures: int) -> int:
    """Free tries first, then a pause that doubles with each failure, up to an hour.

    Stops online guessing (a few dozen tries a day) while a person who mistypes
    a few times is never locked; the cost is that someone who knows a username
    can delay that user's next login, which an administrator can see.
    """
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(MAX_LOCK_SECONDS, 30 * 2 ** (failures - FREE_ATTEMPTS)))


def record_failure(session: Session, user_id: str) -> int:
    """Count a wrong password; returns the seconds the user must now wait (0 if none)."""
    user = session.get(User, user_id, with_for_update=True)
    if user is None:
        return 0
    user.failed_logins += 1
    wait = lockout_seconds(user.failed_logins)
    user.locked_until = int(time.time()) + wait if wait else 0
    return wait


def login(session: Session, user_id: str, req: p.LoginRequest) -> p.TokenResponse | None:
    """Register the device and issue tokens for a user whose password was checked."""
    user = session.get(User, user_id)
    if user is None or user.disabled:
        return None
    now = int(time.time())
    user.failed_logins, user.locked_until = 0, 0
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
