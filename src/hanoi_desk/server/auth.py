"""Passwords (Argon2id), the login throttle, devices and bearer tokens.

Tokens are random and opaque; the database keeps only their SHA-256, so every
instance behind a load balancer can check any token and a leaked backup
opens nothing. Every request looks its token up, so revoking one is deleting
its row and takes effect at once. Refresh tokens are single use and belong to
the *family* of the login they descend from: a refresh token presented twice
means someone holds a copy, and the whole family is revoked (see
docs/sync-credentials.md).

Login throttle: every attempt is counted *before* the password is hashed, in
one write transaction, per user name (whether or not it exists) and per
client address; an attempt that finds either locked is refused without
hashing. Argon2 checks run at most :attr:`PasswordGate.slots` at a time per
process; the rest wait in the event loop, not in the thread pool that serves
every other request.
"""

from __future__ import annotations

import asyncio
import hashlib
import ipaddress
import logging
import os
import re
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from hanoi_desk import protocol as p
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import publish_policy
from hanoi_desk.server.http import ApiError
from hanoi_desk.server.models import Device, LoginThrottle, Token, User

log = logging.getLogger(__name__)

ACCESS_SECONDS = 15 * 60
REFRESH_SECONDS = 30 * 24 * 3600
FREE_ATTEMPTS = 5
"""Wrong passwords per user name before it must wait."""
ADDRESS_FREE_ATTEMPTS = 30
"""Wrong passwords per client address (across names) before it must wait: stops
one machine from trying a few passwords on each of many names."""
MAX_LOCK_SECONDS = 3600
FORGET_SECONDS = 24 * 3600
"""Failures older than this, with none since, no longer count."""

# A hash of nothing in particular: verifying against it when the user does not
# exist costs the same time as a real check, so timing does not reveal usernames.
_hasher = PasswordHasher()
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))
_FAMILY = re.compile(r"[A-Za-z0-9_-]{22}")


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


def shown(text: str) -> str:
    """Text from a client, safe for a log line: quoted, control characters escaped, cut."""
    return repr(text[:100])


@dataclass(frozen=True)
class Principal:
    """Who is calling: resolved from the bearer token on every request."""

    user_id: str
    device_id: str
    wipe_delivered: bool = False
    """The device was sent its wipe order: it may still send its queued actions
    (until its access token expires) but gets no more documents."""


# --- the login throttle ----------------------------------------------------------------------


def lockout_seconds(failures: int, free: int = FREE_ATTEMPTS) -> int:
    """Free tries first, then a pause that doubles with each failure, up to an hour.

    Stops online guessing (a few dozen tries a day) while a person who mistypes
    a few times is never locked; the cost is that someone who knows a username
    can delay that user's next login, which an administrator can see in the log.
    """
    if failures < free:
        return 0
    return int(min(MAX_LOCK_SECONDS, 30 * 2 ** min(failures - free, 12)))


def throttle_key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\0{value}".encode()).hexdigest()


def client_key(address: str) -> str:
    """An IPv6 client is counted by its /64: one host usually holds the whole prefix."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return throttle_key("address", address)
    if ip.version == 6:
        return throttle_key("address", str(ipaddress.ip_network(f"{ip}/64", strict=False)))
    return throttle_key("address", str(ip))


@dataclass(frozen=True)
class Attempt:
    """One login attempt as the throttle counted it."""

    address_key: str
    user_key: str
    user_count: int = 0
    """This attempt's number among the name's recent failures (0 when refused)."""
    wait: int = 0
    """Seconds the name or address must now wait, should this password be wrong."""
    locks: tuple[int, int] = (0, 0)
    """The ``locked_until`` this attempt set on the address and the name (0: none)."""
    refused: bool = False
    """A lock was already on: nothing was counted and the password must not be checked."""


def _ensure_rows(session: Session, keys: list[str], now: int) -> None:
    """Create missing throttle rows without a race between two first attempts."""
    rows = [{"key": k, "failures": 0, "locked_until": 0, "updated_at": now} for k in keys]
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(LoginThrottle).values(rows).on_conflict_do_nothing())


def _locked_rows(session: Session, keys: list[str]) -> list[LoginThrottle | None]:
    # Always address first, then name: two transactions never wait on each other in a circle.
    return [session.get(LoginThrottle, k, with_for_update=True) for k in keys]


def reserve(session: Session, username: str, address: str, now: int) -> Attempt:
    """Count this attempt as a failure before the password is checked (a right one is
    forgiven afterwards), so concurrent attempts cannot all pass an unlocked check."""
    keys = [client_key(address), throttle_key("user", username)]
    _ensure_rows(session, keys, now)
    rows = [r for r in _locked_rows(session, keys) if r is not None]
    waits = [r.locked_until - now for r in rows if r.locked_until > now]
    if waits:
        return Attempt(keys[0], keys[1], wait=max(waits), refused=True)
    locks = []
    for row, free in zip(rows, (ADDRESS_FREE_ATTEMPTS, FREE_ATTEMPTS), strict=True):
        if row.updated_at < now - FORGET_SECONDS:
            row.failures = 0
        row.failures += 1
        row.updated_at = now
        lock = lockout_seconds(row.failures, free)
        row.locked_until = now + lock if lock else 0
        locks.append(row.locked_until)
    wait = max(0, *(until - now for until in locks))
    return Attempt(keys[0], keys[1], rows[1].failures, wait, (locks[0], locks[1]))


def forgive(session: Session, attempt: Attempt) -> None:
    """After a right password: the name's failures up to this one are forgiven; the
    address only loses this attempt's count (a valid account cannot launder others)."""
    address, user = _locked_rows(session, [attempt.address_key, attempt.user_key])
    plan = (
        (address, 1, ADDRESS_FREE_ATTEMPTS, attempt.locks[0]),
        (user, attempt.user_count, FREE_ATTEMPTS, attempt.locks[1]),
    )
    for row, minus, free, mine in plan:
        if row is None:
            continue  # an administrator reset it meanwhile
        row.failures = max(0, row.failures - minus)
        # The lock this attempt set in case it failed is lifted; one set by others stays.
        if (mine and row.locked_until == mine) or lockout_seconds(row.failures, free) == 0:
            row.locked_until = 0


def forget_old_failures(session: Session, now: int) -> None:
    """Rows of names and addresses quiet for a day count nothing: drop them."""
    session.execute(
        delete(LoginThrottle).where(
            LoginThrottle.updated_at < now - FORGET_SECONDS, LoginThrottle.locked_until < now
        )
    )


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class PasswordGate:
    """Argon2 checks, at most ``slots`` at a time in this process (each takes 64 MiB and a
    core); counts them so tests and operators can see how many really ran."""

    def __init__(self, slots: int | None = None) -> None:
        self.slots = slots or _cpus()
        self._semaphore = asyncio.Semaphore(self.slots)
        self.checks = 0

    async def verify(self, stored: str | None, password: str) -> bool:
        async with self._semaphore:
            self.checks += 1
            return await run_in_threadpool(verify_password, stored, password)


@dataclass(frozen=True)
class Account:
    user_id: str
    password_hash: str
    disabled: bool


def find_account(session: Session, username: str) -> Account | None:
    user = session.scalars(select(User).where(User.username == username)).first()
    return Account(user.id, user.password_hash, user.disabled) if user else None


def too_many(wait: int) -> ApiError:
    return ApiError(429, p.ERR_TOO_MANY_ATTEMPTS, "too many wrong passwords; wait",
                    retry_after=wait)  # fmt: skip


class Logins:
    """The login endpoint: throttle, one bounded Argon2 check, then tokens.

    Unknown and known names take the same path (a dummy hash for the unknown) and
    get the same answers, so neither the status, the body nor the time tells them apart.
    """

    def __init__(self, db: Database, gate: PasswordGate | None = None) -> None:
        self.db = db
        self.gate = gate or PasswordGate()

    async def login(self, req: p.LoginRequest, address: str) -> p.TokenResponse:
        attempt = await run_in_threadpool(self._reserve, req.username, address)
        if attempt.refused:
            # Info, not warning: a guesser hammering a lock would otherwise flood the log;
            # the failure that set the lock was logged as a warning.
            log.info("login refused without a check: %s from %s is locked for %d s",
                     shown(req.username), shown(address), attempt.wait)  # fmt: skip
            raise too_many(attempt.wait)
        account = await run_in_threadpool(self._find, req.username)
        right = await self.gate.verify(account.password_hash if account else None, req.password)
        if right and account is not None and not account.disabled:
            answer = await run_in_threadpool(self._finish, account.user_id, req, attempt)
            if answer is not None:
                return answer
        if right and account is not None:
            log.warning("login of disabled user %s from %s refused",
                        shown(req.username), shown(address))  # fmt: skip
            raise ApiError(403, p.ERR_ACCOUNT_DISABLED,
                           "this account is disabled; ask the server's administrator")  # fmt: skip
        log.warning("failed login for %s from %s", shown(req.username), shown(address))
        if attempt.wait:
            log.warning("lockout: %s or %s waits %d s", shown(req.username), shown(address),
                        attempt.wait)  # fmt: skip
            raise too_many(attempt.wait)
        raise ApiError(401, p.ERR_INVALID_CREDENTIALS, "wrong username or password")

    def _reserve(self, username: str, address: str) -> Attempt:
        with self.db.write() as session:
            return reserve(session, username, address, int(time.time()))

    def _find(self, username: str) -> Account | None:
        with self.db.read() as session:
            return find_account(session, username)

    def _finish(
        self, user_id: str, req: p.LoginRequest, attempt: Attempt
    ) -> p.TokenResponse | None:
        with self.db.write() as session:
            answer = login(session, user_id, req)
            if answer is not None:
                forgive(session, attempt)
                # After forgive: this address and name rows first, then others, the
                # order reserve() locks in, so the two never deadlock on PostgreSQL.
                forget_old_failures(session, int(time.time()))
            return answer


# --- tokens ----------------------------------------------------------------------------------


def _issue(session: Session, user: User, device_id: str, family: str) -> p.TokenResponse:
    now = int(time.time())
    # The refresh token names its family so that a copy used after it was rotated
    # away (its own row is gone) still leads to the family.
    access, refresh = secrets.token_urlsafe(32), f"{family}.{secrets.token_urlsafe(32)}"
    for token, kind, lifetime in ((access, "access", ACCESS_SECONDS),
                                  (refresh, "refresh", REFRESH_SECONDS)):  # fmt: skip
        row = Token(token_hash=_digest(token), kind=kind, user_id=user.id, device_id=device_id,
                    expires_at=now + lifetime, family=family)  # fmt: skip
        session.add(row)
    return p.TokenResponse(access, refresh, ACCESS_SECONDS, p.UserInfo(user.id, user.display_name))


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
    # A device with a wipe order gets it again with this login's first pull.
    publish_policy(session, device)
    session.execute(delete(Token).where(Token.expires_at < now))
    return _issue(session, user, req.device_id, secrets.token_urlsafe(16))


def refresh(session: Session, token: str) -> p.TokenResponse | None:
    now = int(time.time())
    row = session.get(Token, _digest(token), with_for_update=True)
    if row is None:
        _revoke_reused_family(session, token)
        return None
    if row.kind != "refresh" or row.expires_at < now:
        return None
    session.delete(row)
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    device = session.get(Device, (row.user_id, row.device_id))
    if device is not None and device.wipe and device.wipe_delivered_at is not None:
        return None
    return _issue(session, user, row.device_id, row.family or secrets.token_urlsafe(16))


def _revoke_reused_family(session: Session, token: str) -> None:
    """An unknown refresh token whose family still has a refresh token was rotated away:
    it is being used a second time, so someone has a copy (or the answer to the first
    use was lost). Nobody can tell which holder is the owner, so every token of the
    family goes; the owner signs in again with the password. A family without a refresh
    token was revoked on purpose (see :func:`wipe_delivered`): nothing more to do."""
    family, dot, _ = token.partition(".")
    if not dot or not _FAMILY.fullmatch(family):
        return
    live = select(Token.user_id, Token.device_id).where(
        Token.family == family, Token.kind == "refresh"
    )
    gone = session.execute(live).all()
    if not gone:
        return
    session.execute(delete(Token).where(Token.family == family))
    log.warning("a refresh token was used twice: revoked its family (user %s, device %s)",
                gone[0].user_id, shown(gone[0].device_id))  # fmt: skip


def authenticate(session: Session, token: str) -> Principal | None:
    row = session.get(Token, _digest(token))
    if row is None or row.kind != "access" or row.expires_at < time.time():
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    device = session.get(Device, (row.user_id, row.device_id))
    delivered = device is not None and device.wipe and device.wipe_delivered_at is not None
    return Principal(row.user_id, row.device_id, wipe_delivered=delivered)


def delivers_wipe(page: p.ChangesPage, device_id: str) -> bool:
    """Whether this changes page carries a wipe order to the device reading it."""
    return any(
        c.type == p.POLICY and c.id == device_id and c.data.get("wipe") is True
        for c in page.changes
    )


def wipe_delivered(session: Session, user_id: str, device_id: str) -> None:
    """The device has its wipe order: it can no longer refresh, and gets no more documents.

    Its current access token still pulls and pushes until it expires (at most
    ``ACCESS_SECONDS``), so the actions queued on it are sent before it wipes itself.
    """
    device = session.get(Device, (user_id, device_id), with_for_update=True)
    if device is None or not device.wipe:
        return  # cancelled meanwhile
    if device.wipe_delivered_at is None:
        device.wipe_delivered_at = int(time.time())
        log.warning("wipe order delivered to device %s of user %s", shown(device_id), user_id)
    session.execute(
        delete(Token).where(
            Token.user_id == user_id, Token.device_id == device_id, Token.kind == "refresh"
        )
    )


def revoke(session: Session, user_id: str, device_id: str | None = None) -> int:
    """End every session of a user (or of one of their devices); returns how many devices."""
    where = [Token.user_id == user_id]
    if device_id is not None:
        where.append(Token.device_id == device_id)
    live = select(Token.device_id).where(*where, Token.expires_at >= int(time.time()))
    devices = set(session.scalars(live.distinct()))
    session.execute(delete(Token).where(*where))
    return len(devices)
