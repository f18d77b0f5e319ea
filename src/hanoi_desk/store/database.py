"""Opening the SQLCipher cache: raw key, WAL, migrations, and refusing anything
that is not this profile's encrypted database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3

from hanoi_desk.errors import EnvironmentFault, IntegrityError
from hanoi_desk.i18n import N_
from hanoi_desk.store.schema import LATEST, MIGRATIONS

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

SQLITE_HEADER = b"SQLite format 3\x00"


def open_database(path: Path, key: bytes, profile_id: str, name: str) -> Any:
    """An open, migrated connection. ``profile_id`` is stored inside the encrypted
    file and checked on every open, as a second line after the key itself."""
    if path.exists():
        with open(path, "rb") as f:
            if f.read(16) == SQLITE_HEADER:
                raise IntegrityError(PLAINTEXT_DB, path=path.name)
    try:
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise EnvironmentFault(DB_FAILED, name=name, reason=type(exc).__name__) from None
    try:
        # PRAGMA key takes no bound parameters; the key is hex of random bytes we made.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlcipher3.DatabaseError:
            raise IntegrityError(FOREIGN_DB, name=name) from None
        if version > LATEST:
            raise EnvironmentFault(NEWER_DB, name=name, found=version, known=LATEST)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        _migrate(conn, version)
        _check_owner(conn, profile_id, name)
    except BaseException:
        conn.close()
        raise
    return conn


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
