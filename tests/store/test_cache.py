"""The encrypted cache of one profile: documents, search, tampering, foreign files."""

from __future__ import annotations

import itertools
import shutil
import sqlite3
import uuid
from pathlib import Path

import pymupdf
import pytest

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.errors import IntegrityError, UserError
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.blobs import CHUNK_OVERHEAD, DEFAULT_CHUNK, HEADER_BYTES
from hanoi_desk.store.cache import AMBIGUOUS, Cache
from helpers import FixedPrompt, raw_sql

TITLES = [
    "Báo cáo kinh tế - xã hội quận Đống Đa",
    "Tờ trình ngân sách thành phố Hà Nội",
    "Nghị quyết Hội đồng nhân dân phường Láng Thượng",
    "Kế hoạch chuyển đổi số xã Đông Anh",
]


def _pdfs(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"doc-{i}.pdf"
        # Sizes from a few KiB to over 2 MiB so that blobs span several chunks.
        make_pdf(
            path, TITLES[i % len(TITLES)] + f" số {i}", pages=1 + i % 7, filler_kib=(i % 3) * 1100
        )
        paths.append(path)
    return paths


def test_many_pdfs_round_trip_byte_identical(session: Session, tmp_path: Path) -> None:
    paths = _pdfs(tmp_path / "in", 24)
    results = session.import_pdfs(paths)
    assert all(r.error is None for r in results)
    assert max(p.stat().st_size for p in paths) > 2 * DEFAULT_CHUNK
    listed = {d.id: d for d in session.documents()}
    assert len(listed) == len(paths)
    for result in results:
        assert result.document is not None
        doc = listed[result.document.id]
        assert session.cache.read_document(doc) == result.path.read_bytes()
        assert doc.pages == pymupdf.open(result.path).page_count


@pytest.mark.parametrize(
    ("query", "expected_title"),
    [
        ("Hà Nội", "Tờ trình ngân sách thành phố Hà Nội số 1"),
        ("ha noi", "Tờ trình ngân sách thành phố Hà Nội số 1"),
        ("HA NOI", "Tờ trình ngân sách thành phố Hà Nội số 1"),
        ("Đống Đa", "Báo cáo kinh tế - xã hội quận Đống Đa số 0"),
        ("dong da", "Báo cáo kinh tế - xã hội quận Đống Đa số 0"),
        ("lang thuong", "Nghị quyết Hội đồng nhân dân phường Láng Thượng số 2"),
        ("chuyển đổi số", "Kế hoạch chuyển đổi số xã Đông Anh số 3"),
        ("chuyen doi so", "Kế hoạch chuyển đổi số xã Đông Anh số 3"),
    ],
)
def test_search_with_and_without_diacritics(
    session: Session, tmp_path: Path, query: str, expected_title: str
) -> None:
    session.import_pdfs(_pdfs(tmp_path / "in", 4))
    hits = session.search(query)
    assert hits, query
    titles = {h.title for h in hits}
    assert expected_title in titles
    hit = next(h for h in hits if h.title == expected_title)
    assert "[" in hit.snippet and "]" in hit.snippet
    assert hit.page >= 1


def test_search_finds_nothing_for_absent_words(session: Session, tmp_path: Path) -> None:
    session.import_pdfs(_pdfs(tmp_path / "in", 2))
    assert session.search("Đà Nẵng") == []
    assert session.search("   ") == []
    assert session.search('"; DROP TABLE documents; --') == []


def _import_one(session: Session, tmp_path: Path, pages: int = 3, filler_kib: int = 2500):
    pdf = tmp_path / "big.pdf"
    make_pdf(pdf, "Báo cáo Hà Nội", pages=pages, filler_kib=filler_kib)
    doc = session.import_pdfs([pdf])[0].document
    assert doc is not None
    return doc, session.cache.blobs.path_for(doc.sha256)


def test_flipped_byte_names_the_document(session: Session, tmp_path: Path) -> None:
    doc, path = _import_one(session, tmp_path)
    raw = bytearray(path.read_bytes())
    raw[HEADER_BYTES + DEFAULT_CHUNK + CHUNK_OVERHEAD + 1234] ^= 0x80
    path.write_bytes(bytes(raw))
    with pytest.raises(IntegrityError) as info:
        session.cache.read_document(doc)
    assert "Báo cáo Hà Nội" in str(info.value)
    assert "chunk 1" in str(info.value)
    problems = session.cache.verify_all()
    assert len(problems) == 1 and "Báo cáo Hà Nội" in str(problems[0])


def test_truncated_blob_names_the_document(session: Session, tmp_path: Path) -> None:
    doc, path = _import_one(session, tmp_path)
    raw = path.read_bytes()
    path.write_bytes(raw[: HEADER_BYTES + DEFAULT_CHUNK + CHUNK_OVERHEAD])
    with pytest.raises(IntegrityError, match=r"Báo cáo Hà Nội.*truncated"):
        session.cache.read_document(doc)


def test_swapped_chunks_name_the_document(session: Session, tmp_path: Path) -> None:
    doc, path = _import_one(session, tmp_path)
    raw = path.read_bytes()
    step = DEFAULT_CHUNK + CHUNK_OVERHEAD
    a, b = (
        raw[HEADER_BYTES : HEADER_BYTES + step],
        raw[HEADER_BYTES + step : HEADER_BYTES + 2 * step],
    )
    path.write_bytes(raw[:HEADER_BYTES] + b + a + raw[HEADER_BYTES + 2 * step :])
    with pytest.raises(IntegrityError, match=r"Báo cáo Hà Nội.*altered, swapped"):
        session.cache.read_document(doc)


def test_blob_from_another_profile_is_refused(desk: Desk, session: Session, tmp_path: Path) -> None:
    doc, path = _import_one(session, tmp_path, filler_kib=10)
    desk.create("bob", FixedPrompt())
    with desk.open("bob", FixedPrompt()) as bob:
        bob_doc = bob.import_pdfs([tmp_path / "big.pdf"])[0].document
        assert bob_doc is not None and bob_doc.sha256 == doc.sha256
        foreign = bob.cache.blobs.path_for(doc.sha256).read_bytes()
    path.write_bytes(foreign)
    with pytest.raises(IntegrityError, match=r"Báo cáo Hà Nội.*another profile"):
        session.cache.read_document(doc)


def test_database_from_another_profile_is_refused(desk: Desk, fast_kdf: None) -> None:
    desk.create("alice", FixedPrompt())
    desk.create("bob", FixedPrompt())
    alice_dir, bob_dir = desk.vault.meta("alice").path, desk.vault.meta("bob").path
    shutil.copy(bob_dir / "cache.db", alice_dir / "cache.db")
    with pytest.raises(IntegrityError, match="another profile"):
        desk.open("alice", FixedPrompt())


def test_plain_sqlite_file_is_refused(desk: Desk, fast_kdf: None) -> None:
    desk.create("alice", FixedPrompt())
    db = desk.vault.meta("alice").path / "cache.db"
    db.unlink()
    plain = sqlite3.connect(db)
    plain.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    plain.commit()
    plain.close()
    with pytest.raises(IntegrityError, match="unencrypted database"):
        desk.open("alice", FixedPrompt())


def test_database_file_is_encrypted(session: Session, tmp_path: Path) -> None:
    _import_one(session, tmp_path, filler_kib=0)
    raw_sql(session.cache).execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = (session.profile.path / "cache.db").read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert "Báo cáo".encode() not in raw and b"Bao cao" not in raw


def test_bad_files_are_refused_and_nothing_is_listed(session: Session, tmp_path: Path) -> None:
    not_pdf = tmp_path / "note.pdf"
    not_pdf.write_bytes(b"this is not a pdf at all")
    encrypted = tmp_path / "locked.pdf"
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "secret", fontname="helv")
    doc.save(encrypted, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    missing = tmp_path / "missing.pdf"
    good = tmp_path / "good.pdf"
    make_pdf(good, "Tài liệu tốt", pages=1)
    results = session.import_pdfs([not_pdf, encrypted, missing, good])
    errors = [str(r.error) for r in results if r.error is not None]
    assert len(errors) == 3
    assert "note.pdf is not a readable PDF" in errors[0]
    assert "locked.pdf is password-protected" in errors[1]
    assert "missing.pdf cannot be read" in errors[2]
    assert [d.title for d in session.documents()] == ["Tài liệu tốt"]
    assert session.cache.blobs.stored() == {session.documents()[0].sha256}


def test_export_is_audited(session: Session, tmp_path: Path) -> None:
    doc, _ = _import_one(session, tmp_path, filler_kib=0)
    found, chunks = session.export(doc.id[:8], reason="print")
    assert found.id == doc.id
    assert b"".join(chunks) == (tmp_path / "big.pdf").read_bytes()
    actions = [(e.action, e.subject, e.detail) for e in session.cache.audit_entries()]
    assert ("import", doc.id, "big.pdf") in actions
    assert ("export", doc.id, "print") in actions


def test_unknown_and_ambiguous_ids(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UserError, match="No document matches"):
        session.cache.document("abcdef")
    with pytest.raises(UserError, match="No document matches"):
        session.cache.document("%")
    # Random ids almost never share a prefix, so uuid4 counts up from a fixed one
    # while two documents are imported (unique, as the store needs).
    counter = itertools.count(1)
    monkeypatch.setattr(uuid, "uuid4", lambda: uuid.UUID(f"abcd12{next(counter):026x}"))
    imported = session.import_pdfs(_pdfs(tmp_path / "shared-prefix", 2))
    monkeypatch.undo()
    first, second = (r.document for r in imported)
    other = session.import_pdfs(_pdfs(tmp_path / "other", 1))[0].document
    assert first is not None and second is not None and other is not None
    assert first.id.startswith("abcd12") and second.id.startswith("abcd12")
    assert not other.id.startswith("abcd12")

    with pytest.raises(UserError) as err:
        session.cache.document("abcd12")
    assert err.value.template == AMBIGUOUS
    for language in ("en", "vi"):
        text = err.value.message(language)
        for doc in (first, second):  # both candidates, by id and title
            assert doc.id in text and f"“{doc.title}”" in text
        assert other.id not in text
    assert "type more of the id" in err.value.message("en").lower()
    assert "gõ thêm" in err.value.message("vi")
    assert session.cache.document(first.id).id == first.id  # the whole id is never ambiguous
    assert session.cache.document(second.id).id == second.id


def test_action_and_outbox_entry_commit_together(session: Session) -> None:
    cache = session.cache
    with pytest.raises(RuntimeError), cache.transaction() as c:
        c.execute(
            "INSERT INTO documents (id, title, origin, created_at) "
            "VALUES ('d1', 'x', 'local', 'now')"
        )
        Cache.enqueue(c, "comment.add", {"text": "ý kiến"})
        raise RuntimeError("crash between the two")
    assert cache.outbox() == []
    assert raw_sql(cache).execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    with cache.transaction() as c:
        op = Cache.enqueue(c, "comment.add", {"text": "ý kiến"})
    [entry] = cache.outbox()
    assert entry.op_id == op and entry.kind == "comment.add" and "ý kiến" in entry.payload


def test_unlisted_blobs_are_collected(session: Session, tmp_path: Path) -> None:
    doc, _ = _import_one(session, tmp_path, filler_kib=0)
    orphan = session.cache.blobs.put(b"left behind by a crash")
    assert session.cache.collect_garbage() == 1
    assert session.cache.blobs.stored() == {doc.sha256}
    assert orphan not in session.cache.blobs.stored()


def test_reimport_repairs_a_damaged_blob(session: Session, tmp_path: Path) -> None:
    doc, path = _import_one(session, tmp_path, filler_kib=100)
    raw = bytearray(path.read_bytes())
    raw[HEADER_BYTES + 10] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(IntegrityError):
        session.cache.read_document(doc)
    again = session.import_pdfs([tmp_path / "big.pdf"])[0].document  # as the message advises
    assert again is not None
    assert session.cache.read_document(doc) == (tmp_path / "big.pdf").read_bytes()
    assert session.cache.verify_all() == []


def test_missing_database_is_an_error_not_an_empty_cache(desk: Desk, fast_kdf: None) -> None:
    desk.create("alice", FixedPrompt())
    (desk.vault.meta("alice").path / "cache.db").unlink()
    with pytest.raises(IntegrityError, match="is missing"):
        desk.open("alice", FixedPrompt())
    assert not (desk.vault.meta("alice").path / "cache.db").exists()


def test_a_second_session_leaves_the_first_ones_partial_blob_alone(
    desk: Desk, session: Session
) -> None:
    writer = session.cache.blobs.writer(3 * DEFAULT_CHUNK)  # an import in progress
    writer.write(b"x" * DEFAULT_CHUNK * 2)
    writer.flush()
    with desk.open("alice", FixedPrompt(), "passphrase") as other:  # e.g. a CLI next to the app
        assert other.documents() == []
    assert writer.path.exists()
    writer.write(b"x" * DEFAULT_CHUNK)
    sha = writer.commit()
    assert sha in session.cache.blobs.stored()


def test_locked_database_is_an_environment_fault(session: Session, tmp_path: Path) -> None:
    import sqlcipher3

    holder = sqlcipher3.connect(str(session.profile.path / "cache.db"), isolation_level=None)
    holder.execute(f"PRAGMA key = \"x'{session.profile.keys.database.hex()}'\"")
    holder.execute("PRAGMA busy_timeout = 0")
    holder.execute("BEGIN EXCLUSIVE")
    raw_sql(session.cache).execute("PRAGMA busy_timeout = 200")
    try:
        pdf = tmp_path / "a.pdf"
        make_pdf(pdf, "Khóa", pages=1)
        [result] = session.import_pdfs([pdf])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.document is None
    assert "another program holds it" in str(result.error)
    assert session.documents() == []


def test_expired_offline_lease_locks_documents_until_a_sync(
    session: Session, tmp_path: Path
) -> None:
    from datetime import UTC, datetime, timedelta

    doc, _ = _import_one(session, tmp_path, filler_kib=0)
    long_ago = (datetime.now(UTC) - timedelta(hours=3)).isoformat()
    with session.cache.transaction() as c:  # what a sync stores: the policy and its time
        c.execute(
            "INSERT INTO sync_accounts (server, client_id, device_id, username, policy, "
            "last_success) VALUES ('https://s', 'c', 'd', 'u', ?, ?)",
            ('{"offline_lease_hours": 2}', long_ago),
        )
    for attempt in (
        lambda: session.cache.read_document(doc),
        lambda: session.search("ha noi"),
        lambda: session.export(doc.id, "print"),
    ):
        with pytest.raises(UserError, match="offline period allowed"):
            attempt()
    with session.cache.transaction() as c:  # the next successful sync renews it
        c.execute("UPDATE sync_accounts SET last_success = ?", (datetime.now(UTC).isoformat(),))
    assert session.cache.read_document(doc).startswith(b"%PDF")
