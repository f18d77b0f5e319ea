"""Opening the SQLCipher cache: raw key, WAL, migrations, and refusing anything
that is not this profile's encrypted database."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

import sqlcipher3

from hanoi_desk.errors import EnvironmentFault, HanoiDeskError, IntegrityError
from hanoi_desk.i18n import N_
from hanoi_desk.store.schema import LATEST, MIGRATIONS

T = TypeVar("T")

PLAINTEXT_DB = N_("{path} is an unencrypted database, not a Hanoi Desk cache. It was not opened.")
FOREIGN_DB = N_(
    "The cache database of profile “{name}” does not open with this profile's key: it was "
    "replaced by a file from another profile or is damaged."
)
NEWER_DB = N_(
    "The cache of profile “{name}” was written by a newer Hanoi Desk (schema {found}, this "
    "version knows {known}). Update Hanoi Desk."
)
DB_FAILED = N_("The cache database of profile “{name}” could not be opened: {reason}.")
DB_MISSING = N_(
    "The cache database of profile “{name}” is missing (deleted or not restored). Restore "
    "it from a backup, or wipe the profile and sync again."
)
DB_BUSY = N_("The cache of profile “{name}” could not be written: {reason}.")
DB_FULL = N_("The cache of profile “{name}” could not be written: the disk is full.")
DB_LOCKED = N_(
    "The cache of profile “{name}” could not be written: another program holds it. Close "
    "other Hanoi Desk windows or commands on this profile and try again."
)
DB_DAMAGED = N_(
    "The cache of profile “{name}” is damaged: part of it failed its integrity check. "
    "Nothing was changed. Restore the profile from a backup, or wipe it and sync again "
    "(work not yet sent would be lost)."
)
DB_IO = N_(
    "The cache of profile “{name}” could not be read or written: the disk reported an error "
    "({reason}). Check the disk, then try again."
)


def sqlite_code(exc: BaseException) -> int | None:
    """SQLite's primary result code of a driver error (SQLITE_IOERR for
    SQLITE_IOERR_WRITE), or None for an error SQLite did not report.

    By code, not by message: the text differs across SQLite versions and is
    not a contract (a path or table name may hold the word "full")."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_fault(exc: BaseException) -> bool:
    """An error of the machine or the file, not of our SQL: a damaged page
    (SQLITE_CORRUPT) comes as a plain DatabaseError, not an OperationalError."""
    return isinstance(exc, sqlcipher3.OperationalError) or sqlite_code(exc) in (
        sqlcipher3.SQLITE_NOTADB,
        sqlcipher3.SQLITE_CORRUPT,
    )


def _reason(exc: BaseException) -> str:
    return getattr(exc, "sqlite_errorname", None) or type(exc).__name__


def database_fault(exc: Exception, name: str) -> HanoiDeskError:
    """A SQLite error (locked, full, damaged, I/O) at open, or one a write
    transaction met, as a message a person can act on."""
    code = sqlite_code(exc)
    if code == sqlcipher3.SQLITE_FULL:
        return EnvironmentFault(DB_FULL, name=name)
    if code in (sqlcipher3.SQLITE_BUSY, sqlcipher3.SQLITE_LOCKED):
        return EnvironmentFault(DB_LOCKED, name=name)
    if code in (sqlcipher3.SQLITE_NOTADB, sqlcipher3.SQLITE_CORRUPT):
        # With SQLCipher a wrong key and a damaged page look alike: both fail
        # the page's HMAC. The message names both causes.
        return IntegrityError(FOREIGN_DB, name=name)
    if code == sqlcipher3.SQLITE_IOERR:
        return EnvironmentFault(DB_IO, name=name, reason=_reason(exc))
    return EnvironmentFault(DB_BUSY, name=name, reason=_reason(exc))


def is_damage(exc: BaseException) -> bool:
    """A page that failed its HMAC (or SQLite's own checks)."""
    return sqlite_code(exc) in (sqlcipher3.SQLITE_NOTADB, sqlcipher3.SQLITE_CORRUPT)


def runtime_fault(exc: BaseException, name: str, *, damaged: bool = False) -> HanoiDeskError | None:
    """A fault of the file or the machine met by a query of an open cache, as
    the message a person can act on; None for an error of the statement itself
    (a constraint its caller handles, or a bug), which stays as it is.

    Once the cache has opened, the key is known to be right, so a page that
    fails its HMAC (SQLITE_CORRUPT, or NOTADB) is damage, not a foreign file.
    SQLCipher then stops the connection (later reads fail as CORRUPT, writes as
    READONLY): with ``damaged`` every error is that damage."""
    code = sqlite_code(exc)
    if damaged or is_damage(exc):
        return IntegrityError(DB_DAMAGED, name=name)
    if code == sqlcipher3.SQLITE_FULL:
        return EnvironmentFault(DB_FULL, name=name)
    if code == sqlcipher3.SQLITE_IOERR:
        return EnvironmentFault(DB_IO, name=name, reason=_reason(exc))
    if code in (sqlcipher3.SQLITE_BUSY, sqlcipher3.SQLITE_LOCKED):
        return EnvironmentFault(DB_LOCKED, name=name)
    return None


SQLITE_HEADER = b"SQLite format 3\x00"


def open_database(
    path: Path, key: bytearray, profile_id: str, name: str, *, create: bool = False
) -> OwnedConnection:
    """An open, migrated connection, owned by the calling thread (every call from
    another raises). ``profile_id`` is stored inside the encrypted file and
    checked on every open, as a second line after the key itself.

    Only profile creation may create the file: a database that vanished later
    must be an error, not a silently empty cache that lost the outbox."""
    try:
        if not path.exists():
            if not create:
                raise IntegrityError(DB_MISSING, name=name)
        else:
            with open(path, "rb") as f:
                if f.read(16) == SQLITE_HEADER:
                    raise IntegrityError(PLAINTEXT_DB, path=path.name)
        # SQLite's own same-thread check stays on (the default) under the
        # wrapper's: a cursor iterated on a foreign thread is refused too.
        conn = sqlcipher3.connect(str(path), isolation_level=None)
    except (OSError, sqlcipher3.Error) as exc:
        raise EnvironmentFault(DB_FAILED, name=name, reason=type(exc).__name__) from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        # SQLCipher's memory security (zero every buffer SQLite frees) stays off:
        # once on it cannot be turned off for the process, and it made a bulk
        # sync 16 times slower (sync.pull10k 0.24 s -> 3.9 s). The key never
        # passes through SQL text (_key), and SQLCipher wipes its own key copy;
        # decrypted page text in freed heap is a documented limit
        # (docs/key-hierarchy.md).
        _key(conn, key)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlcipher3.DatabaseError as exc:
            raise database_fault(exc, name) from None
        if version > LATEST:
            raise EnvironmentFault(NEWER_DB, name=name, found=version, known=LATEST)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        _migrate(conn, version)
        _check_owner(conn, profile_id, name)
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        if not is_fault(exc):
            raise
        raise database_fault(exc, name) from None
    except BaseException:
        conn.close()
        raise
    return OwnedConnection(conn, name)


class WrongThread(AssertionError):
    """A database call from a thread that does not own the connection: a bug.

    An ``AssertionError`` because it is one (like the token thread's assert),
    but raised explicitly, so that ``python -O`` cannot strip it."""


_CLOSED = "Cannot operate on a closed database."


class OwnedConnection:
    """A SQLCipher connection owned by the one thread that opened it.

    One connection must be used by one thread: a second thread's statements
    would land inside the first one's ``BEGIN IMMEDIATE`` and commit or roll
    back with it. So every call checks that it runs on the owner, as the token
    thread does for PKCS#11 (signing/thread.py), and a call from anywhere else
    raises :class:`WrongThread` naming both threads. Other lanes ask the owner
    (the desktop's ``db`` lane, see docs/ui-threads.md) or open a connection
    of their own with the session's keys, as the desktop's sync does.

    There is no hand-over: every connection is opened on the thread that uses
    it (the desktop unlocks on its ``db`` lane, a sync run opens its own on the
    ``net`` lane), so none needs one.

    It is also the one place queries run, so the one place a fault of the file
    or the machine met at runtime (a damaged page, a full disk, an I/O error)
    becomes the user error that says what to do (:func:`runtime_fault`), on
    ``execute`` and while a cursor's rows are read.
    """

    __slots__ = ("_closed", "_conn", "_damaged", "_name", "_owner")

    def __init__(self, conn: Any, name: str) -> None:
        self._conn = conn
        self._name = name
        """The profile's name, for the messages."""
        self._owner = threading.current_thread()
        self._closed = False
        self._damaged = False
        """A page failed its check on this connection: SQLCipher refuses it from then on."""

    @property
    def owner(self) -> threading.Thread:
        return self._owner

    def assert_owner(self) -> None:
        """Guards every call; a closed connection says so first, from any thread
        (it has no owner left to ask, and "closed" is what the caller must learn)."""
        if self._closed:
            raise sqlcipher3.ProgrammingError(_CLOSED)
        current = threading.current_thread()
        if current is not self._owner:
            raise WrongThread(
                f"database call on thread {current.name!r}; the connection belongs to "
                f"{self._owner.name!r}"
            )

    def fault(self, exc: sqlcipher3.DatabaseError) -> BaseException:
        """What to raise for ``exc``: its user error, or ``exc`` itself."""
        self._damaged = self._damaged or is_damage(exc)
        return runtime_fault(exc, self._name, damaged=self._damaged) or exc

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = ()) -> Cursor:
        self.assert_owner()
        try:
            return Cursor(self._conn.execute(sql, parameters), self)
        except sqlcipher3.DatabaseError as exc:
            raise self.fault(exc) from None

    def executemany(
        self, sql: str, parameters: Iterable[Sequence[Any] | Mapping[str, Any]]
    ) -> Cursor:
        self.assert_owner()
        try:
            return Cursor(self._conn.executemany(sql, parameters), self)
        except sqlcipher3.DatabaseError as exc:
            raise self.fault(exc) from None

    def executescript(self, script: str) -> Cursor:
        self.assert_owner()
        try:
            return Cursor(self._conn.executescript(script), self)
        except sqlcipher3.DatabaseError as exc:
            raise self.fault(exc) from None

    @property
    def in_transaction(self) -> bool:
        self.assert_owner()
        return bool(self._conn.in_transaction)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        """Only the owner closes (SQLite checks the thread on close too); twice is fine."""
        if self._closed:
            return
        self.assert_owner()
        self._conn.close()
        self._closed = True


class Cursor:
    """A driver cursor whose row reads classify faults as ``execute`` does: SQLite
    reads most pages while it steps through the rows, after ``execute`` returned."""

    __slots__ = ("_cursor", "_owner")

    def __init__(self, cursor: Any, owner: OwnedConnection) -> None:
        self._cursor = cursor
        self._owner = owner

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid  # type: ignore[no-any-return]

    def fetchone(self) -> Any:
        try:
            return self._cursor.fetchone()
        except sqlcipher3.DatabaseError as exc:
            raise self._owner.fault(exc) from None

    def fetchall(self) -> list[Any]:
        try:
            return self._cursor.fetchall()  # type: ignore[no-any-return]
        except sqlcipher3.DatabaseError as exc:
            raise self._owner.fault(exc) from None

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cursor
        except sqlcipher3.DatabaseError as exc:
            raise self._owner.fault(exc) from None


class OnOwner(Protocol):
    """Runs ``work`` on the thread that owns the connection and returns its result:
    how a lane without the connection asks the owner (the desktop passes its
    ``db`` lane, ``TaskRunner.call_db``)."""

    def __call__(self, work: Callable[[], T], /) -> T: ...


def on_this_thread(work: Callable[[], T], /) -> T:
    """The CLI's and the tests' :class:`OnOwner`: one thread does everything."""
    return work()


_HEX = b"0123456789abcdef"


def _key(conn: Any, key: bytearray) -> None:
    """Keys the connection through sqlite3_key (the driver's ``set_key``) with
    SQLCipher's raw-key form ``x'<hex>'`` held in a bytearray we zero at once:
    no SQL text carries the key, so no statement SQLite frees later (unzeroed,
    since memory security is off) can leave it in the heap. SQLCipher keeps its
    own copy and wipes it when the connection closes."""
    spelled = bytearray(len(key) * 2 + 3)
    try:
        spelled[:2] = b"x'"
        for i, byte in enumerate(key):  # digit by digit: no hex string is ever made
            spelled[2 + 2 * i] = _HEX[byte >> 4]
            spelled[3 + 2 * i] = _HEX[byte & 15]
        spelled[-1:] = b"'"
        conn.set_key(spelled)
    finally:
        spelled[:] = bytes(len(spelled))


def _migrate(conn: Any, version: int) -> None:
    for target in range(version, LATEST):
        step = MIGRATIONS[target]
        try:
            if isinstance(step, str):
                conn.executescript(
                    f"BEGIN IMMEDIATE;\n{step}\nPRAGMA user_version = {target + 1};\nCOMMIT;"
                )
            else:
                conn.execute("BEGIN IMMEDIATE")
                step(conn)
                conn.execute(f"PRAGMA user_version = {target + 1}")
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def _check_owner(conn: Any, profile_id: str, name: str) -> None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'profile_id'").fetchone()
    if row is None:
        conn.execute("INSERT INTO meta (key, value) VALUES ('profile_id', ?)", (profile_id,))
    elif row[0] != profile_id:
        raise IntegrityError(FOREIGN_DB, name=name)
