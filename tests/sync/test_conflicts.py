"""The named conflict rules, and the server's orders (wipe, lease), end to end.

Each test runs against this module's own real server (the tests change its
data: a superseded version, a closed meeting, a wipe order).
"""

from __future__ import annotations

import itertools
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import cache_bytes, fast_backoff
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app import notes as notes_module
from hanoi_desk.app.notes import Notes
from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.errors import UserError
from hanoi_desk.samples import make_pdf
from hanoi_desk.server import admin, models
from hanoi_desk.server.packs import document_id, import_pack
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.events import Rejected
from helpers import FixedPrompt, raw_sql

COUNCIL = "hdnd-dongda-ky12"


def service(session: Session, live: Any, **kw: Any) -> SyncService:
    options = SyncOptions(
        server=live.base_url,
        username="demo",
        password=lambda: DEMO_PASSWORD,
        backoff=fast_backoff(),
    )
    return SyncService(session, options, **kw)


def test_server_wins_for_meeting_data(live: Any, session: Session, replica: Replica) -> None:
    svc = service(session, live)
    svc.run()
    with replica.cache.transaction() as c:
        c.execute("UPDATE meetings SET title = 'sửa cục bộ', place = 'nơi khác'")
    admin.set_meeting_status(live.server.db, COUNCIL, "open")
    svc.run()
    title, place, status = (
        raw_sql(replica)
        .execute("SELECT title, place, status FROM meetings WHERE id = ?", (COUNCIL,))
        .fetchone()
    )
    with live.server.db.read() as s:
        meeting = s.get(models.Meeting, COUNCIL)
        assert meeting is not None
        assert (title, place, status) == (meeting.title, meeting.place, "open")


def test_private_notes_merge_per_note_last_writer_wins(
    live: Any, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A controllable clock for the notes use case, so "later" is certain.
    ticks = itertools.count(1)
    base = datetime(2027, 5, 1, tzinfo=UTC)

    def clock() -> str:
        return (base + timedelta(seconds=next(ticks))).isoformat()

    monkeypatch.setattr(notes_module, "now", clock)
    desk.create("laptop", FixedPrompt())
    desk.create("tablet", FixedPrompt())
    with (
        desk.open("laptop", FixedPrompt(), "passphrase") as a,
        desk.open("tablet", FixedPrompt(), "passphrase") as b,
    ):
        sa, sb = service(a, live), service(b, live)
        sa.run()
        sb.run()
        doc = a.documents()[0]
        na, nb = Notes(a.cache), Notes(b.cache)
        n1 = na.sticky(doc, 1, (10, 10), "ghi chú 1 - laptop")
        n2 = na.sticky(doc, 2, (10, 10), "ghi chú 2 - laptop")
        sa.run()
        sb.run()
        assert {n.id for n in nb.for_document(doc.id)} == {n1.id, n2.id}
        # Offline on both: the tablet edits note 1 and adds note 3; the laptop,
        # later, edits note 2. Neither device's pack-wide state may win wholesale.
        nb.edit(n1.id, "ghi chú 1 - tablet")
        n3 = nb.sticky(doc, 3, (5, 5), "ghi chú 3 - tablet")
        na.edit(n2.id, "ghi chú 2 - laptop, sửa sau")
        sb.run()
        sa.run()
        sb.run()
        for notes in (na, nb):
            got = {n.id: n.body for n in notes.for_document(doc.id)}
            assert got == {
                n1.id: "ghi chú 1 - tablet",
                n2.id: "ghi chú 2 - laptop, sửa sau",
                n3.id: "ghi chú 3 - tablet",
            }
        # An older write arriving late does not overwrite a newer one.
        stale = notes_module._payload(na.get(n1.id))
        stale["updated_at"] -= 60_000
        stale["body"] = dict(stale["body"], text="bản cũ")
        Replica(a.cache).enqueue("annotation.upsert", stale)
        sa.run()
        sb.run()
        assert nb.get(n1.id).body == "ghi chú 1 - tablet"


def test_a_signature_or_comment_on_a_superseded_version_is_refused_and_both_versions_stay(
    live: Any, session: Session, replica: Replica
) -> None:
    svc = service(session, live)
    svc.run()
    doc_id = document_id(COUNCIL, "to-trinh-ngan-sach")  # the pack's id, scoped
    (old_version, old_sha) = (
        raw_sql(replica)
        .execute("SELECT id, sha256 FROM document_versions WHERE document_id = ?", (doc_id,))
        .fetchone()
    )
    # Offline: sign and comment on the version in the cache.
    sig_op = replica.queue_signature(old_version, b"%PDF-1.7 signed " + os.urandom(40_000))
    comment_op = replica.enqueue(
        "comment.add",
        {"comment_id": "k-" + os.urandom(6).hex(), "document_version_id": old_version,
         "text": "Đồng ý"},
    )  # fmt: skip
    later_op = replica.enqueue(
        "annotation.upsert",
        {"note_id": "n-" + os.urandom(6).hex(), "document_version_id": old_version,
         "updated_at": 1, "body": None},
    )  # fmt: skip
    # Meanwhile the secretary replaces the document on the server.
    pack = live.demo.pack_dirs[0]
    make_pdf(pack / "03-to-trinh.pdf", "TỜ TRÌNH Dự toán ngân sách (bản sửa)", pages=19)
    import_pack(live.server.db, live.server.blobs, pack)
    events: list[Any] = []
    svc.listener = events.append
    report = svc.run()
    assert sorted(report.rejected) == sorted(
        [(sig_op, "document_superseded"), (comment_op, "document_superseded")]
    )
    assert {(e.op_id, e.reason) for e in events if isinstance(e, Rejected)} == set(report.rejected)
    states = {e.op_id: (e.state, e.last_error) for e in replica.cache.outbox(("done", "rejected"))}
    assert states[sig_op] == ("rejected", "document_superseded")
    assert states[later_op][0] == "done"  # the refusal did not block the queue
    rows = (
        raw_sql(replica)
        .execute(
            "SELECT id, sha256, available, superseded_by FROM document_versions "
            "WHERE document_id = ? ORDER BY version",
            (doc_id,),
        )
        .fetchall()
    )
    assert len(rows) == 2
    (v1, sha1, avail1, sup1), (v2, sha2, avail2, sup2) = rows
    assert (v1, sha1, sup1, sup2) == (old_version, old_sha, v2, None)
    assert avail1 == avail2 == 1
    assert cache_bytes(replica, sha1) != cache_bytes(replica, sha2)
    with live.server.db.read() as s:
        sigs = s.scalars(select(models.Signature).where(models.Signature.document_version_id == v1))
        assert list(sigs) == []


def test_a_closed_meeting_refuses_comments_without_blocking_the_queue(
    live: Any, session: Session, replica: Replica
) -> None:
    svc = service(session, live)
    svc.run()
    version = (
        raw_sql(replica)
        .execute("SELECT id FROM document_versions WHERE superseded_by IS NULL LIMIT 1")
        .fetchone()[0]
    )
    admin.set_meeting_status(live.server.db, COUNCIL, "closed")
    try:
        refused = replica.enqueue(
            "comment.add", {"comment_id": "late-1", "document_version_id": version, "text": "x"}
        )
        after = replica.enqueue(
            "annotation.upsert",
            {"note_id": "late-n", "document_version_id": version, "updated_at": 5, "body": None},
        )
        report = svc.run()
    finally:
        admin.set_meeting_status(live.server.db, COUNCIL, "open")
    assert report.rejected == [(refused, "meeting_closed")]
    assert {e.op_id: e.state for e in replica.cache.outbox(("done", "rejected"))}[after] == "done"


def test_the_offline_lease_locks_after_the_server_set_period(live: Any, session: Session) -> None:
    svc = service(session, live)
    svc.run()
    admin.set_policy(live.server.db, None, offline_lease_hours=2)
    svc.run()
    until = svc.lease_until()
    assert until is not None
    svc.check_lease(datetime.now(UTC))  # within the lease: fine
    with pytest.raises(UserError, match="offline period"):
        svc.check_lease(until + timedelta(minutes=1))


def test_a_remote_wipe_flushes_the_outbox_then_deletes_the_profile(
    live: Any, desk: Desk, home: Path
) -> None:
    desk.create("shared-laptop", FixedPrompt())
    session = desk.open("shared-laptop", FixedPrompt(), "passphrase")

    def wipe() -> None:
        session.close()
        desk.wipe("shared-laptop")

    svc = service(session, live, wipe=wipe)
    svc.run()
    replica = Replica(session.cache)
    account = replica.account(svc.server())
    assert account is not None
    version = raw_sql(replica).execute("SELECT id FROM document_versions LIMIT 1").fetchone()[0]
    op = replica.enqueue(
        "annotation.upsert",
        {"note_id": "before-wipe", "document_version_id": version, "updated_at": 9, "body": None},
    )
    admin.wipe_device(live.server.db, "demo", account.device_id)
    report = svc.run()
    assert report.wipe
    assert not (home / "profiles" / "shared-laptop").exists()
    assert "shared-laptop" not in [p.name for p in desk.profiles()]
    with live.server.db.read() as s:
        record = s.scalars(
            select(models.MutationRecord).where(models.MutationRecord.op_id == op)
        ).one()
        assert record.status == "applied"
