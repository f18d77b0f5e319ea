"""Retention: meeting packs leave the device after the retention period, on a
real encrypted profile (real SQLCipher file, real blob files)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hanoi_desk.app.meetings import Meetings, retention_days
from hanoi_desk.app.session import Session
from hanoi_desk.app.settings import Settings
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.settings import RETENTION_DAYS
from hanoi_desk.errors import UserError
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.cache import Cache, now
from hanoi_desk.store.replica import Replica
from hanoi_desk.store.retention import purge_expired

NOW = datetime.now(UTC)


def _meeting(cache: Cache, title: str, ended_days_ago: float) -> str:
    meeting_id = uuid.uuid4().hex
    ends = NOW - timedelta(days=ended_days_ago)
    with cache.transaction() as c:
        c.execute(
            "INSERT INTO meetings (id, title, starts_at, ends_at, updated_at) VALUES (?,?,?,?,?)",
            (meeting_id, title, (ends - timedelta(hours=2)).isoformat(), ends.isoformat(), now()),
        )
    return meeting_id


def _server_doc(cache: Cache, folder: Path, meeting_id: str | None, words: str) -> DocumentSummary:
    """A document as the sync leaves it: bytes in the blob store, text indexed,
    origin ``server`` (imported for real, then re-labelled)."""
    path = folder / f"{uuid.uuid4().hex}.pdf"
    make_pdf(path, words, pages=2)
    doc = cache.add_pdf(path)
    with cache.transaction() as c:
        c.execute(
            "UPDATE documents SET origin = 'server', meeting_id = ? WHERE id = ?",
            (meeting_id, doc.id),
        )
    return cache.document(doc.id)


def _hits(cache: Cache, query: str) -> set[str]:
    return {h.document_id for h in cache.search(query)}


def test_a_pack_past_retention_is_purged_and_everything_else_kept(
    session: Session, tmp_path: Path
) -> None:
    cache = session.cache
    old = _meeting(cache, "Họp quý I", ended_days_ago=40)
    recent = _meeting(cache, "Họp tuần trước", ended_days_ago=3)
    gone = _server_doc(cache, tmp_path, old, "Báo cáo quyết toán Đông Anh")
    waiting = _server_doc(cache, tmp_path, old, "Tờ trình đã ký Sóc Sơn")
    kept = _server_doc(cache, tmp_path, recent, "Kế hoạch Mê Linh")
    make_pdf(tmp_path / "local.pdf", "Ghi chép riêng Ba Vì")
    local = cache.add_pdf(tmp_path / "local.pdf")
    # A signed copy of `waiting` is still in the outbox: its bytes must stay.
    with cache.transaction() as c:
        Cache.enqueue(c, "signature.submit", {"sha256": waiting.sha256, "size": waiting.size})

    purged = Meetings(cache).purge_expired()

    assert purged.meetings == (old,)
    assert purged.blobs == 1
    assert not cache.blobs.path_for(gone.sha256).exists()
    assert cache.blobs.path_for(waiting.sha256).exists()
    for doc in (kept, local):
        assert cache.blobs.path_for(doc.sha256).exists()
        assert cache.document(doc.id).available
    after = cache.document(gone.id)
    assert not after.available and after.title == gone.title  # the record stays
    assert _hits(cache, "dong anh") == set()
    assert _hits(cache, "me linh") == {kept.id}
    assert _hits(cache, "ba vi") == {local.id}
    with pytest.raises(UserError, match="retention period"):
        cache.read_document(after)
    listed = {m.id: m for m in Meetings(cache).all()}
    assert listed[old].purged and listed[old].available == 0
    assert not listed[recent].purged and listed[recent].offline_ready
    assert [e.subject for e in cache.audit_entries() if e.action == "purge"] == [old]
    # The sync does not fetch the pack again, and a second run changes nothing.
    wanted = {w.sha256 for w in Replica(cache, 30).wanted_blobs()}
    assert gone.sha256 not in wanted and waiting.sha256 not in wanted
    again = Meetings(cache).purge_expired()
    assert again.meetings == () and again.blobs == 0 and again.released == ()


def test_a_longer_retention_releases_the_pack_for_the_next_sync(
    session: Session, tmp_path: Path
) -> None:
    cache = session.cache
    old = _meeting(cache, "Họp quý I", ended_days_ago=40)
    doc = _server_doc(cache, tmp_path, old, "Báo cáo quyết toán")
    assert Meetings(cache).purge_expired().meetings == (old,)
    Settings(cache).save(RETENTION_DAYS.to(60))
    released = Meetings(cache).purge_expired()
    assert released.released == (old,) and released.meetings == ()
    assert doc.sha256 in {w.sha256 for w in Replica(cache, 60).wanted_blobs()}
    assert not next(m for m in Meetings(cache).all() if m.id == old).purged


def test_the_sync_never_downloads_a_pack_already_past_retention(session: Session) -> None:
    """An old meeting seen for the first time: its documents are listed by the
    feed but not here yet; the replica marks it purged instead of fetching it."""
    cache = session.cache
    old = _meeting(cache, "Họp năm ngoái", ended_days_ago=400)
    fresh = _meeting(cache, "Họp sắp tới", ended_days_ago=-2)
    with cache.transaction() as c:
        for meeting_id, sha in ((old, "a" * 64), (fresh, "b" * 64)):
            doc_id = uuid.uuid4().hex
            c.execute(
                "INSERT INTO documents (id, meeting_id, title, origin, created_at) "
                "VALUES (?, ?, 'Tài liệu', 'server', ?)",
                (doc_id, meeting_id, now()),
            )
            c.execute(
                "INSERT INTO document_versions (id, document_id, version, sha256, size, "
                "filename, created_at) VALUES (?, ?, 1, ?, 10, 'x.pdf', ?)",
                (uuid.uuid4().hex, doc_id, sha, now()),
            )
    assert [w.sha256 for w in Replica(cache, 30).wanted_blobs()] == ["b" * 64]
    assert next(m for m in Meetings(cache).all() if m.id == old).purged


def test_the_organisation_sets_the_longest_period_a_person_may_keep_less(
    session: Session,
) -> None:
    cache = session.cache
    assert retention_days(cache) == 30  # the default setting, no server yet
    with cache.transaction() as c:
        c.execute(
            "INSERT INTO sync_accounts (server, client_id, device_id, username, policy) "
            "VALUES ('https://tailieu.example.vn', 'c', 'd', 'u', ?)",
            (json.dumps({"retention_days": 7}),),
        )
    assert retention_days(cache) == 7
    Settings(cache).save(RETENTION_DAYS.to(2))
    assert retention_days(cache) == 2
    # A malformed policy from the server does not unlock a longer period or crash.
    with cache.transaction() as c:
        c.execute('UPDATE sync_accounts SET policy = \'{"retention_days": "forever"}\'')
    assert retention_days(cache) == 2


def test_a_meeting_with_a_malformed_date_is_kept(session: Session, tmp_path: Path) -> None:
    cache = session.cache
    meeting_id = uuid.uuid4().hex
    with cache.transaction() as c:
        c.execute(
            "INSERT INTO meetings (id, title, starts_at, updated_at) VALUES (?, 'X', 'soon', ?)",
            (meeting_id, now()),
        )
    doc = _server_doc(cache, tmp_path, meeting_id, "Tài liệu")
    assert purge_expired(cache, 1).meetings == ()
    assert cache.document(doc.id).available
