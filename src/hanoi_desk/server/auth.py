"""Passwords (Argon2id), the login throttle, devices and bearer tokens.

Tokens are random and opaque; the database keeps only their SHA-256, so every
instance behind a load balancer can check any token and a leaked backup
opens nothing. Every request looks its token up, so revoking one is deleting
its row and takes effect at once. Refresh tokens are single use and belong to
the *family* of the login they descend from; an exchanged one is remembered
(as a SHA-256) until it would have expired, so one presented twice is known
for what it is: someone holds a copy, and the whole family is revoked (see
docs/sync-credentials.md). A string never issued is only refused.

Login throttle: every attempt is counted *before* the password is hashed, in
one write transaction, per user name (whether or not it exists) and per
client address; an attempt that finds its name locked, or its address locked
while it comes from a device unknown to that name, is refused without
hashing. Argon2 checks run at most :attr:`PasswordGate.slots` at a time per
process; the rest wait in the event loop, not in the thread pool that serves
every other request.

Log lines name a user only when the name exists: people type passwords into
the name field, so a name nobody has is shown as a short keyed hash.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import logging
import os
import secrets
import time
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from hanoi_desk import protocol as p
from hanoi_desk.domain.text import printable
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import publish_policy
from hanoi_desk.server.http import ApiError
from hanoi_desk.server.models import Device, LoginThrottle, RotatedToken, Token, User

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
SWEEP_ROWS = 20
"""Throttle rows that count nothing any more, dropped by each login attempt: more
than an attempt can add (two), so a spray of made-up names cannot grow the table,
and few enough that no attempt pays for a large delete."""
LOGGED_CHARS = 100
"""Client text in a log line is cut to this many characters."""

# A hash of nothing in particular: verifying against it when the user does not
# exist costs the same time as a real check, so timing does not reveal usernames.
_hasher = PasswordHasher()
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))
# Keys the hash under which unknown names are logged: repeats from one process
# can be matched in the log, but a guessed list of names cannot be checked against it.
_NAME_KEY = secrets.token_bytes(16)


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


def token_digest(token: str) -> str:
    """How a token is stored (``tokens.token_hash``): what a stream keeps to re-check it."""
    return _digest(token)


def logged(text: str) -> str:
    """Text from a client, safe for a log line (the one escaping rule), and cut."""
    return printable(text, limit=LOGGED_CHARS)


def logged_name(username: str, known: bool) -> str:
    """A user name for the log: as typed when it exists, else a keyed hash of it."""
    if known:
        return f"user {logged(username)}"
    mac = hmac.new(_NAME_KEY, username.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return f"unknown name #{mac.hexdigest()[:8]}"


@dataclass(frozen=True)
class Principal:
    """Who is calling: resolved from the bearer token on every request."""

    user_id: str
    device_id: str
    wipe_ordered: bool = False
    """The device is ordered wiped: it gets no more meeting data or documents,
    only its policy record (which carries the order); it may still send its
    queued actions while its tokens last."""
    wipe_delivered: bool = False
    """A changes page has carried the order to it: its refresh tokens are gone."""


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
    """An IPv6 client is counted by its /64: one host usually holds the whole prefix.

    An IPv4 client of a server bound to ``::`` arrives as ``::ffff:a.b.c.d``; it is
    counted by its IPv4 address (as a /64 every IPv4 client would share one bucket).
    """
    try:
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address)
    except ValueError:
        return throttle_key("address", address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.version == 6:
        return throttle_key("address", str(ipaddress.ip_network(f"{ip}/64", strict=False)))
    return throttle_key("address", str(ip))


@dataclass(frozen=True)
class Account:
    user_id: str
    password_hash: str = field(repr=False)
    disabled: bool


@dataclass(frozen=True)
class Attempt:
    """One login attempt as the throttle counted it."""

    address_key: str
    user_key: str
    account: Account | None = None
    """The named user, looked up with the count (None: no such name)."""
    user_count: int = 0
    """This attempt's number among the name's recent failures (0 when refused)."""
    wait: int = 0
    """Seconds the name or address must now wait, should this password be wrong."""
    locks: tuple[int, int] = (0, 0)
    """The ``locked_until`` this attempt set on the address and the name (0: none)."""
    address_counted: bool = True
    """False when the address was locked and the attempt came from a device of the
    named user: it was counted on the name only."""
    refused: bool = False
    """A lock was already on: nothing was counted and the password must not be checked."""


def _ensure_rows(session: Session, keys: list[str], now: int) -> None:
    """Create missing throttle rows without a race between two first attempts."""
    rows = [{"key": k, "failures": 0, "locked_until": 0, "updated_at": now} for k in keys]
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(insert(LoginThrottle).values(rows).on_conflict_do_nothing())


def _lock(session: Session, keys: list[str]) -> list[LoginThrottle | None]:
    # Always address first, then name: two transactions never wait on each other in a circle.
    return [
        session.get(LoginThrottle, k, with_for_update=True, populate_existing=True) for k in keys
    ]


def _locked_rows(session: Session, keys: list[str], now: int) -> list[LoginThrottle]:
    """The rows of ``keys``, created if missing and locked until commit.

    On PostgreSQL another transaction's sweep can delete an old row between the
    insert (which does not lock a row it finds) and the lock: such a row counts
    nothing any more, so it is created again, fresh.
    """
    for _ in range(3):
        _ensure_rows(session, keys, now)
        rows = _lock(session, keys)
        if all(row is not None for row in rows):
            return [row for row in rows if row is not None]
    # Three sweeps in a row between two statements: not worth more than a retry later.
    raise ApiError(503, p.ERR_INTERNAL, "the login throttle is busy; try again")


def sweep(session: Session, now: int, keep: list[str], rows: int | None = None) -> int:
    """Drop up to ``rows`` (default :data:`SWEEP_ROWS`) rows quiet for a day and unlocked.

    Rows another transaction holds are skipped rather than waited for (``SKIP
    LOCKED`` on PostgreSQL; SQLite has one writer): a login never waits on
    another's sweep, so the two cannot deadlock. ``keep``: this attempt's own rows.
    """
    stale = (
        select(LoginThrottle.key)
        .where(
            LoginThrottle.updated_at < now - FORGET_SECONDS,
            LoginThrottle.locked_until < now,
            LoginThrottle.key.not_in(keep),
        )
        .order_by(LoginThrottle.updated_at)
        .limit(SWEEP_ROWS if rows is None else rows)
        .with_for_update(skip_locked=True)
    )
    keys = list(session.scalars(stale))
    if keys:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(keys)))
    return len(keys)


def _account(session: Session, username: str, device_id: str) -> tuple[Account | None, bool]:
    """The named user, and whether ``device_id`` is one of their devices (one that
    signed in with their password before) with no wipe order."""
    row = session.execute(
        select(User.id, User.password_hash, User.disabled, Device.device_id)
        .outerjoin(
            Device,
            and_(Device.user_id == User.id, Device.device_id == device_id, Device.wipe.is_(False)),
        )
        .where(User.username == username)
    ).first()
    if row is None:
        return None, False
    return Account(row[0], row[1], bool(row[2])), row[3] is not None


def reserve(
    session: Session, username: str, address: str, now: int, device_id: str = ""
) -> Attempt:
    """Count this attempt as a failure before the password is checked (a right one is
    forgiven afterwards), so concurrent attempts cannot all pass an unlocked check.

    A locked name is refused. A locked address is refused too, unless the attempt
    comes from a device that signed in as this user before: a shared office address
    locked by someone's guessing must not keep the office's users out, and a device
    id is not something a guesser on another machine knows. Such an attempt counts
    on the name only (its own limit still holds). A name that does not exist never
    has a device, so known and unknown names are answered alike.
    """
    keys = [client_key(address), throttle_key("user", username)]
    account, own_device = _account(session, username, device_id)
    by_address, by_name = _locked_rows(session, keys, now)
    sweep(session, now, keys)
    blocking = [by_name] if own_device else [by_address, by_name]
    waits = [r.locked_until - now for r in blocking if r.locked_until > now]
    if waits:
        return Attempt(keys[0], keys[1], account, wait=max(waits), refused=True)
    counted = [(by_name, FREE_ATTEMPTS)]
    address_counted = by_address.locked_until <= now
    if address_counted:
        counted.insert(0, (by_address, ADDRESS_FREE_ATTEMPTS))
    for row, free in counted:
        if row.updated_at < now - FORGET_SECONDS:
            row.failures = 0
        row.failures += 1
        row.updated_at = now
        lock = lockout_seconds(row.failures, free)
        row.locked_until = now + lock if lock else 0
    wait = max(0, by_address.locked_until - now, by_name.locked_until - now)
    locks = (by_address.locked_until if address_counted else 0, by_name.locked_until)
    return Attempt(keys[0], keys[1], account, by_name.failures, wait, locks, address_counted)


def forgive(session: Session, attempt: Attempt) -> None:
    """After a right password: the name's failures up to this one are forgiven; the
    address only loses this attempt's count (a valid account cannot launder others)."""
    address, user = _lock(session, [attempt.address_key, attempt.user_key])
    plan = (
        (address, 1 if attempt.address_counted else 0, ADDRESS_FREE_ATTEMPTS, attempt.locks[0]),
        (user, attempt.user_count, FREE_ATTEMPTS, attempt.locks[1]),
    )
    for row, minus, free, mine in plan:
        if row is None:
            continue  # an administrator reset it meanwhile
        row.failures = max(0, row.failures - minus)
        # The lock this attempt set in case it failed is lifted; one set by others stays.
        if (mine and row.locked_until == mine) or lockout_seconds(row.failures, free) == 0:
            row.locked_until = 0


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
        attempt = await run_in_threadpool(self._reserve, req, address)
        account = attempt.account
        who, where = logged_name(req.username, account is not None), logged(address)
        if attempt.refused:
            # Info, not warning: a guesser hammering a lock would otherwise flood the log;
            # the failure that set the lock was logged as a warning.
            log.info("login refused without a check: %s from %s is locked for %d s",
                     who, where, attempt.wait)  # fmt: skip
            raise too_many(attempt.wait)
        right = await self.gate.verify(account.password_hash if account else None, req.password)
        if right and account is not None and not account.disabled:
            answer = await run_in_threadpool(self._finish, account.user_id, req, attempt)
            if answer is not None:
                return answer
        if right and account is not None:
            log.warning("login of disabled %s from %s refused", who, where)
            raise ApiError(403, p.ERR_ACCOUNT_DISABLED,
                           "this account is disabled; ask the server's administrator")  # fmt: skip
        log.warning("failed login for %s from %s", who, where)
        if attempt.wait:
            log.warning("lockout: %s or address %s waits %d s", who, where, attempt.wait)
            raise too_many(attempt.wait)
        raise ApiError(401, p.ERR_INVALID_CREDENTIALS, "wrong username or password")

    def _reserve(self, req: p.LoginRequest, address: str) -> Attempt:
        with self.db.write() as session:
            return reserve(session, req.username, address, int(time.time()), req.device_id)

    def _finish(
        self, user_id: str, req: p.LoginRequest, attempt: Attempt
    ) -> p.TokenResponse | None:
        with self.db.write() as session:
            answer = login(session, user_id, req)
            if answer is not None:
                forgive(session, attempt)
            return answer


# --- tokens ----------------------------------------------------------------------------------


def _issue(session: Session, user: User, device_id: str, family: str) -> p.TokenResponse:
    now = int(time.time())
    access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
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
    publish_policy(session, device)
    session.execute(delete(Token).where(Token.expires_at < now))
    session.execute(delete(RotatedToken).where(RotatedToken.expires_at < now))
    return _issue(session, user, req.device_id, secrets.token_urlsafe(16))


def wipe_stops_refresh(device: Device, now: int) -> bool:
    """A device ordered wiped refreshes no more once the order reached it, or once the
    order is older than an access token's life: a client that never pulls (it may
    ignore the order) cannot keep its session going. Until then a client whose access
    token ran out can still fetch the order and send its queued work."""
    if not device.wipe:
        return False
    ordered = device.wipe_ordered_at
    return device.wipe_delivered_at is not None or ordered is None or now - ordered > ACCESS_SECONDS


def refresh(session: Session, token: str) -> p.TokenResponse | None:
    now = int(time.time())
    digest = _digest(token)
    row = session.get(Token, digest, with_for_update=True)
    if row is None:
        _revoke_reused_family(session, digest, now)
        return None
    if row.kind != "refresh" or row.expires_at < now:
        return None
    session.delete(row)
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    device = session.get(Device, (row.user_id, row.device_id))
    if device is not None and wipe_stops_refresh(device, now):
        return None
    family = row.family or secrets.token_urlsafe(16)
    session.add(RotatedToken(token_hash=digest, family=family, user_id=row.user_id,
                             device_id=row.device_id, expires_at=row.expires_at))  # fmt: skip
    return _issue(session, user, row.device_id, family)


def _revoke_reused_family(session: Session, digest: str, now: int) -> None:
    """A refresh token this server exchanged before, presented again: two holders have
    it (or the answer to the first use was lost). Nobody can tell which holder is the
    owner, so every token of its family goes; the owner signs in again with the
    password. Anything else (never issued, or expired) is only refused."""
    used = session.get(RotatedToken, digest)
    if used is None or used.expires_at < now:
        return
    session.execute(delete(Token).where(Token.family == used.family))
    session.execute(delete(RotatedToken).where(RotatedToken.family == used.family))
    log.warning("a refresh token was used twice: revoked its family (user %s, device %s)",
                used.user_id, logged(used.device_id))  # fmt: skip


def authenticate(session: Session, token: str) -> Principal | None:
    row = session.get(Token, _digest(token))
    if row is None or row.kind != "access" or row.expires_at < time.time():
        return None
    user = session.get(User, row.user_id)
    if user is None or user.disabled:
        return None
    device = session.get(Device, (row.user_id, row.device_id))
    ordered = device is not None and device.wipe
    delivered = ordered and device is not None and device.wipe_delivered_at is not None
    return Principal(row.user_id, row.device_id, wipe_ordered=ordered, wipe_delivered=delivered)


def wipe_delivered(session: Session, user_id: str, device_id: str) -> None:
    """The device has its wipe order: it can no longer refresh.

    Its current access token still pushes until it expires (at most
    ``ACCESS_SECONDS``), so the actions queued on it are sent before it wipes itself.
    """
    device = session.get(Device, (user_id, device_id), with_for_update=True)
    if device is None or not device.wipe:
        return  # cancelled meanwhile
    if device.wipe_delivered_at is None:
        device.wipe_delivered_at = int(time.time())
        log.warning("wipe order delivered to device %s of user %s", logged(device_id), user_id)
    session.execute(
        delete(Token).where(
            Token.user_id == user_id, Token.device_id == device_id, Token.kind == "refresh"
        )
    )


def revoke(session: Session, user_id: str, device_id: str | None = None) -> int:
    """End every session of a user (or of one of their devices); returns how many devices."""
    where = [Token.user_id == user_id]
    rotated = [RotatedToken.user_id == user_id]
    if device_id is not None:
        where.append(Token.device_id == device_id)
        rotated.append(RotatedToken.device_id == device_id)
    live = select(Token.device_id).where(*where, Token.expires_at >= int(time.time()))
    devices = set(session.scalars(live.distinct()))
    session.execute(delete(Token).where(*where))
    # Their families are gone: an old token coming back has nothing left to revoke.
    session.execute(delete(RotatedToken).where(*rotated))
    return len(devices)
