"""Changes pages dense with values sync, and a dense stretch of the feed does
not slow the rest of it down.

The first test runs against this module's own real reference server. The
second needs a feed whose records it sizes one by one, which the real server
cannot be made to send, so it uses the stub server of tests/sync/sync_hostile.py.
"""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import fast_backoff, make_engine, meeting, page, query
from sync_hostile import Answer, Handler, HostileServer, json_answer
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app.notes import Notes
from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync import engine as sync_engine
from helpers import FixedPrompt, raw_sql


def service(session: Session, live: Any) -> SyncService:
    options = SyncOptions(
        server=live.base_url,
        username="demo",
        password=lambda: DEMO_PASSWORD,
        backoff=fast_backoff(),
    )
    return SyncService(session, options)


def lines(n: int) -> list[tuple[float, float, float, float]]:
    """The rectangles of an ``n``-line highlight, one per line, as PyMuPDF gives them."""
    return [(56.6929 + i % 3, 72.0 + 14.2 * i, 538.5827, 83.04 + 14.2 * i) for i in range(n)]


def test_notes_with_long_highlights_sync(live: Any, desk: Desk) -> None:
    """A note carries 5 values per highlighted line. The page cap used to be 64
    values per record asked for: one note of 19 lines or more failed every run
    even in a page of one record, and a page of many shorter ones shrank the
    page size down to that one record."""
    desk.create("laptop", FixedPrompt())
    desk.create("tablet", FixedPrompt())
    with (
        desk.open("laptop", FixedPrompt(), "passphrase") as laptop,
        desk.open("tablet", FixedPrompt(), "passphrase") as tablet,
    ):
        service(laptop, live).run()
        doc = laptop.documents()[0]
        notes = Notes(laptop.cache)
        long = notes.highlight(doc, 0, "Điều 1. Phê duyệt dự toán ngân sách", lines(60))
        many = {
            notes.highlight(doc, i % doc.pages, f"Khoản {i}", lines(25), f"ghi chú {i}").id
            for i in range(300)
        }
        sent = service(laptop, live).run()  # sends them, then pulls them back
        assert sent.pushed == 301
        got = service(tablet, live).run()
        assert got.pulled >= 301
        synced = {n.id: n for n in Notes(tablet.cache).for_document(doc.id)}
    assert set(synced) == many | {long.id}
    assert synced[long.id].rects == long.rects
    assert synced[long.id].quote == "Điều 1. Phê duyệt dự toán ngân sách"


FAT = range(100, 104)
"""The records of the dense stretch: together far over the (test's) page cap."""


def test_the_page_size_grows_back_after_a_dense_stretch(
    hostile: HostileServer, replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_engine, "MAX_PAGE_BYTES", 64 * 1024)
    total = 1000

    def record(i: int) -> dict[str, Any]:
        m = meeting(f"m{i}")
        if i in FAT:
            m["data"]["title"] = "Biên bản " + "x" * 25_000
        return m

    def answer(h: Handler) -> Answer:
        asked = query(h.path)
        limit, at = int(asked["limit"]), int(asked["cursor"] or 0)
        rows = [record(i) for i in range(at, min(at + limit, total))]
        return json_answer(page(rows, cursor=str(at + len(rows)), more=at + len(rows) < total))

    hostile.route("GET", "/v1/changes", answer)
    conn, engine = make_engine(hostile.url, replica, page_limit=100)
    try:
        report = engine.run()
    finally:
        conn.close()
    assert report.pulled == total
    assert raw_sql(replica).execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == total
    limits = [int(query(target)["limit"]) for target in hostile.paths("/v1/changes")]
    assert 1 in limits  # the dense stretch went one record at a time
    assert limits[-3:] == [100, 100, 100]  # and the rest of the feed in full pages again
    assert len(limits) < 30  # not some 900 pages of one record
