"""Opening the SQLCipher cache: raw key, WAL, migrations, and refusing anything
that is not this profile's encrypted database."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
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


def database_fault(exc: Exception, name: str) -> HanoiDeskError:
    """A SQLite error (locked, full, damaged, I/O) as a message a person can act on."""
    code = sqlite_code(exc)
    if code == sqlcipher3.SQLITE_FULL:
        return EnvironmentFault(DB_FULL, name=name)
    if code in (sqlcipher3.SQLITE_BUSY, sqlcipher3.SQLITE_LOCKED):
        return EnvironmentFault(DB_LOCKED, name=name)
    if code in (sqlcipher3.SQLITE_NOTADB, sqlcipher3.SQLITE_CORRUPT):
        # With SQLCipher a wrong key and a damaged page look alike: both fail
        # the page's HMAC. The message names both causes.
        return IntegrityError(FOREIGN_DB, name=name)
    reason = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
    return EnvironmentFault(DB_BUSY, name=name, reason=reason)


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
    return OwnedConnection(conn)


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
    """

    __slots__ = ("_closed", "_conn", "_owner")

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._owner = threading.current_thread()
        self._closed = False

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

    def execute(self, sql: str, parameters: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        self.assert_owner()
        return self._conn.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any] | Mapping[str, Any]]) -> Any:
        self.assert_owner()
        return self._conn.executemany(sql, parameters)

    def executescript(self, script: str) -> Any:
        self.assert_owner()
        return self._conn.executescript(script)

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
