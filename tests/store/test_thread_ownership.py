"""Each SQLCipher connection belongs to the thread that opened it (docs/ui-threads.md).

A call from any other thread is a bug, and it fails loudly instead of landing
inside the owner's transaction. Lanes that need data ask the owner
(``store.database.OnOwner``); decrypting a document needs no query once the
owner let it through (``Cache.readable``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
import sqlcipher3

from hanoi_desk.app.reader import Reader
from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.signatures import verify_document
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.database import WrongThread
from helpers import FixedPrompt, raw_sql

T = TypeVar("T")


def elsewhere(work: Callable[[], T]) -> T:
    """``work`` on a new thread; its result, or what it raised, raised here."""
    out: dict[str, Any] = {}

    def body() -> None:
        try:
            out["result"] = work()
        except BaseException as exc:
            out["error"] = exc

    thread = threading.Thread(target=body, name="foreign")
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    result: T = out["result"]
    return result


def test_a_query_from_a_foreign_thread_raises_and_loses_nothing(
    session: Session, tmp_path: Path
) -> None:
    make_pdf(tmp_path / "a.pdf", "Tờ trình ngân sách")
    doc = session.cache.add_pdf(tmp_path / "a.pdf")
    conn = raw_sql(session.cache)
    with pytest.raises(WrongThread, match=r"'foreign'.*'MainThread'"):
        elsewhere(lambda: conn.execute("SELECT COUNT(*) FROM documents"))
    with pytest.raises(WrongThread):
        elsewhere(session.cache.documents)
    with pytest.raises(WrongThread):
        elsewhere(lambda: session.cache.document(doc.id))

    def write_elsewhere() -> None:
        with session.cache.transaction() as c:
            c.execute("DELETE FROM documents")

    with pytest.raises(WrongThread):
        elsewhere(write_elsewhere)
    with pytest.raises(WrongThread):
        elsewhere(conn.close)
    # A cursor made on the owner cannot be read elsewhere either (SQLite's own check).
    cursor = conn.execute("SELECT id FROM documents")
    with pytest.raises(sqlcipher3.ProgrammingError, match="thread"):
        elsewhere(cursor.fetchall)
    # Nothing was written, closed or left in a transaction by the refused calls.
    assert not conn.in_transaction
    assert [d.id for d in session.cache.documents()] == [doc.id]
    conn.close()
    with pytest.raises(sqlcipher3.ProgrammingError, match="closed"):
        elsewhere(lambda: conn.execute("SELECT 1"))  # closed says so on every thread


def test_a_connection_belongs_to_the_thread_that_opened_it(desk: Desk, tmp_path: Path) -> None:
    pdf = tmp_path / "b.pdf"
    make_pdf(pdf, "Báo cáo quý")
    desk.create("work", FixedPrompt())
    with ThreadPoolExecutor(1, thread_name_prefix="owner") as db:
        session = db.submit(desk.open, "work", FixedPrompt()).result()
        try:
            with pytest.raises(WrongThread):
                session.cache.add_pdf(pdf)  # the test's own thread is the foreign one
            assert db.submit(session.cache.documents).result() == []
            db.submit(session.cache.add_pdf, pdf).result()
            assert len(db.submit(session.cache.documents).result()) == 1
        finally:
            db.submit(session.close).result()


def test_other_lanes_read_documents_through_the_owner(desk: Desk, tmp_path: Path) -> None:
    """The desktop's render and net lanes: one query on the owner, the bytes decrypted
    where they are needed (the reader, the signatures panel)."""
    pdf = tmp_path / "c.pdf"
    make_pdf(pdf, "Nghị quyết", pages=3)
    desk.create("work", FixedPrompt())
    with ThreadPoolExecutor(1, thread_name_prefix="owner") as db:

        def on_db(work: Callable[[], T]) -> T:
            return db.submit(work).result()

        session = on_db(lambda: desk.open("work", FixedPrompt()))
        try:
            doc = on_db(lambda: session.cache.add_pdf(pdf))
            with pytest.raises(WrongThread):
                Reader(session.cache).open(doc)  # a query on the wrong thread
            opened = Reader(session.cache, on_db=on_db).open(doc)
            try:
                assert opened.page_count == 3
            finally:
                opened.close()
            with pytest.raises(WrongThread):
                verify_document(session.cache, doc, [])
            report = verify_document(session.cache, doc, [], on_db=on_db)
            assert report.error is None and report.signatures == ()
            readable = on_db(lambda: session.cache.readable(doc))
            assert bytes(session.cache.read_readable(readable)) == pdf.read_bytes()
        finally:
            on_db(session.close)
