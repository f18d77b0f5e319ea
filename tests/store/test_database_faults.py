"""SQLite faults are classified by SQLite's result code, never by message text.

Every fault here is real: SQLite itself answers SQLITE_FULL (the database
reached its page limit), SQLITE_BUSY (another connection holds the lock),
SQLITE_NOTADB (a wrong key) and SQLITE_CORRUPT (damaged pages). Nothing is
simulated.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlcipher3

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.settings import Settings
from hanoi_desk.app.unsent import count_unsent
from hanoi_desk.domain.settings import ORGANISATION
from hanoi_desk.errors import EnvironmentFault, IntegrityError
from hanoi_desk.store.database import DB_DAMAGED, open_database
from helpers import PASSPHRASE, FixedPrompt, queue_unsent_work, raw_sql, run_cli, text_pdf

FOREIGN = "does not open with this profile's key"


def test_a_full_database_is_the_disk_full_message(session: Session) -> None:
    conn = raw_sql(session.cache)
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
    raw_sql(session.cache).execute("PRAGMA busy_timeout = 0")  # SQLITE_BUSY at once
    try:
        with (
            pytest.raises(EnvironmentFault, match="another program holds it"),
            session.cache.transaction() as tx,
        ):
            tx.execute("INSERT INTO meta (key, value) VALUES ('held', '1')")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (
        raw_sql(session.cache).execute("SELECT 1 FROM meta WHERE key = 'held'").fetchone() is None
    )


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


DAMAGED = "is damaged: part of it failed its integrity check. Nothing was changed."


def _damage_page(path: Path, page: int) -> None:
    """Overwrite bytes inside one page of the encrypted file, as a bad sector
    would; SQLCipher's per-page HMAC then fails when SQLite reads that page."""
    size = 4096  # SQLCipher 4's page size
    data = bytearray(path.read_bytes())
    start = (page - 1) * size
    assert len(data) >= start + size, "the page lies inside the file"
    data[start + 100 : start + 200] = b"\x55" * 100
    path.write_bytes(bytes(data))


def test_a_page_damaged_under_an_open_session_is_the_damaged_message_and_loses_nothing(
    desk: Desk, tmp_path: Path
) -> None:
    pdf = tmp_path / "nghi-quyet.pdf"
    pdf.write_bytes(text_pdf([["Nghị quyết về ngân sách phường Hàng Bạc"]]))
    desk.create("carol", FixedPrompt())
    with desk.open("carol", FixedPrompt(), "passphrase") as s:
        doc = s.cache.add_pdf(pdf)
        queue_unsent_work(s.cache)
        Settings(s.cache).save(ORGANISATION.to("UBND phường Hàng Bạc"))
        # The page text's table, which the search reads and opening the cache does not.
        (root,) = (
            raw_sql(s.cache)
            .execute("SELECT rootpage FROM sqlite_master WHERE name = 'page_text'")
            .fetchone()
        )
        path = s.profile.path / "cache.db"
    # Closing checkpointed the WAL: every page is in cache.db itself now.
    with desk.open("carol", FixedPrompt(), "passphrase") as session:
        before = session.cache.outbox()
        _damage_page(path, root)  # under the open session, on a page it has not read
        # A read meets the damaged page: the user error, not a raw sqlite3 error.
        with pytest.raises(IntegrityError, match=DAMAGED) as caught:
            session.search("ngân sách")
        assert "Restore the profile from a backup" in caught.value.message()
        assert caught.value.__cause__ is None and caught.value.__suppress_context__
        # SQLCipher stops a connection that met a bad page: what follows on it
        # (a write that would have worked, a read of intact pages) says the same.
        other = tmp_path / "to-trinh.pdf"
        other.write_bytes(text_pdf([["Tờ trình về quy hoạch"]]))
        with pytest.raises(IntegrityError, match=DAMAGED):
            session.cache.add_pdf(other)
        with pytest.raises(IntegrityError, match=DAMAGED):
            session.documents()

    # Unlocked again: everything on the intact pages is there, nothing was written.
    with desk.open("carol", FixedPrompt(), "passphrase") as session:
        assert [d.id for d in session.documents()] == [doc.id]
        assert session.cache.outbox() == before
        assert count_unsent(session.cache).total == 5
        assert Settings(session.cache).load()[ORGANISATION] == "UBND phường Hàng Bạc"
        assert session.cache.read_document(doc) == pdf.read_bytes()
        with pytest.raises(IntegrityError, match=DAMAGED):
            session.search("ngân sách")  # the damaged page stays damaged

    # The command line says the same in one line, and still lists the documents.
    searched = run_cli("cache", "search", "--profile", "carol", "--passphrase-stdin",
                       "ngan sach", stdin=PASSPHRASE + "\n")  # fmt: skip
    assert searched.returncode == 1 and "Traceback" not in searched.stderr
    assert searched.stderr.strip().splitlines() == [
        "hanoi-desk: " + IntegrityError(DB_DAMAGED, name="carol").message("en")
    ]
    listed = run_cli("cache", "list", "--profile", "carol", "--passphrase-stdin",
                     stdin=PASSPHRASE + "\n")  # fmt: skip
    assert listed.returncode == 0 and doc.id in listed.stdout


def test_a_damaged_page_met_while_reading_rows_is_the_damaged_message(desk: Desk) -> None:
    """SQLite reads most pages while the rows are fetched, after ``execute``
    returned the first: the cursor's reads are classified too."""
    desk.create("dan", FixedPrompt())
    with desk.open("dan", FixedPrompt(), "passphrase") as s, s.cache.transaction():
        # Rows appended to a fresh file: the audit log's last leaf is its last page.
        for n in range(400):
            s.cache.repos.audit.record("export", f"doc-{n}", "x" * 500)
    with desk.open("dan", FixedPrompt(), "passphrase") as s:
        path = s.profile.path / "cache.db"
        (pages,) = raw_sql(s.cache).execute("PRAGMA page_count").fetchone()
    _damage_page(path, pages)
    with (
        desk.open("dan", FixedPrompt(), "passphrase") as s,
        pytest.raises(IntegrityError, match=DAMAGED),
    ):
        s.cache.audit_entries()  # fetchall: the first rows came, then the bad page
    with desk.open("dan", FixedPrompt(), "passphrase") as s:
        rows = raw_sql(s.cache).execute("SELECT subject FROM audit_log ORDER BY id")
        seen = []
        with pytest.raises(IntegrityError, match=DAMAGED):
            for (subject,) in rows:  # iterating, as the repositories do
                seen.append(subject)
        assert seen[:2] == ["doc-0", "doc-1"]  # rows before the damage were read
