"""SQLite faults are classified by SQLite's result code, never by message text.

Every fault here is real: SQLite itself answers SQLITE_FULL (the database
reached its page limit), SQLITE_BUSY (another connection holds the lock),
SQLITE_NOTADB (a wrong key) and SQLITE_CORRUPT (damaged pages). Nothing is
simulated.
"""

from __future__ import annotations

import pytest
import sqlcipher3

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.errors import EnvironmentFault, IntegrityError
from hanoi_desk.store.database import open_database
from helpers import FixedPrompt

FOREIGN = "does not open with this profile's key"


def test_a_full_database_is_the_disk_full_message(session: Session) -> None:
    conn = session.cache.conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    # SQLite answers SQLITE_FULL ("database or disk is full") once the file
    # would grow past max_page_count: the code a full disk gives.
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with (
        pytest.raises(EnvironmentFault, match="the disk is full"),
        session.cache.transaction() as tx,
    ):
        tx.execute("INSERT INTO meta (key, value) VALUES ('filler', ?)", ("x" * 200_000,))


def test_an_error_that_merely_says_full_is_not_a_full_disk(session: Session) -> None:
    # SQLITE_ERROR whose text holds "full" (the table's name): a message
    # substring would call it a full disk and send the user to free space.
    with pytest.raises(EnvironmentFault) as caught, session.cache.transaction() as tx:
        tx.execute("SELECT * FROM full_backup")
    text = str(caught.value)
    assert "disk is full" not in text and "another program" not in text
    assert "SQLITE_ERROR" in text


def test_a_locked_database_is_the_locked_message(session: Session) -> None:
    holder = sqlcipher3.connect(str(session.profile.path / "cache.db"), isolation_level=None)
    holder.execute(f"PRAGMA key = \"x'{session.profile.keys.database.hex()}'\"")
    holder.execute("BEGIN EXCLUSIVE")
    session.cache.conn.execute("PRAGMA busy_timeout = 0")  # SQLITE_BUSY at once
    try:
        with (
            pytest.raises(EnvironmentFault, match="another program holds it"),
            session.cache.transaction() as tx,
        ):
            tx.execute("INSERT INTO meta (key, value) VALUES ('held', '1')")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert session.cache.conn.execute("SELECT 1 FROM meta WHERE key = 'held'").fetchone() is None


def test_a_wrong_key_is_a_foreign_database(session: Session) -> None:
    path = session.profile.path / "cache.db"
    with pytest.raises(IntegrityError, match=FOREIGN):
        open_database(path, bytearray(32), session.profile.meta.profile_id, "alice")


def test_a_damaged_file_is_a_foreign_database_not_a_crash(desk: Desk) -> None:
    desk.create("bob", FixedPrompt())
    with desk.open("bob", FixedPrompt(), "passphrase") as s:
        path = s.profile.path / "cache.db"
    data = bytearray(path.read_bytes())
    for page in range(4096, len(data), 4096):  # page 1 intact: the key still checks out
        data[page + 100 : page + 200] = b"\x55" * 100
    path.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match=FOREIGN):
        desk.open("bob", FixedPrompt(), "passphrase")
