"""Retention of a meeting's signing requests, action items and others' signed
copies (docs/retention.md) on a real encrypted profile (real SQLCipher file,
real blob files): the records arrive through the replica's own apply functions
(as a sync leaves them), answers are queued by the app's own functions; the
meeting's retention runs out and they leave with its pack, audited, with their
head and signed files and the sent answers; a request still waiting for my
signature and an action-item change not yet sent stay, and so does everything
of a recent meeting."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from tests.store.test_retention import _meeting

from hanoi_desk.app.meetings import Meetings
from hanoi_desk.app.session import Session
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.protocol.action_items import ACTION_ITEM, KIND_ACTION_ITEM_STATUS
from hanoi_desk.protocol.feed import Change
from hanoi_desk.protocol.signatures import SIGNED_COPY
from hanoi_desk.protocol.signing_requests import SIGNING_REQUEST
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.replica_apply import _MORE

ME, OTHER = "u-me", "u-other"


def _apply(cache: Cache, kind: str, record_id: str, data: dict[str, Any]) -> None:
    with cache.transaction() as c:
        _MORE[kind](c, Change(kind, record_id, data))


def _file(cache: Cache, folder: Path, words: str) -> bytes:
    """A real PDF put in the encrypted blob store and listed, as the sync does."""
    path = folder / f"{uuid.uuid4().hex}.pdf"
    make_pdf(path, words)
    data = path.read_bytes()
    sha = cache.blobs.put(data)
    with cache.transaction():
        cache.repos.documents.list_blob(sha, len(data))
    return data


def _sha(cache: Cache, data: bytes) -> str:
    return cache.blobs.put(data)  # the same bytes: the same name, nothing new


def _request(
    cache: Cache, folder: Path, meeting_id: str, state: str, my_step: str
) -> tuple[str, str]:
    """A signing request record with my step in ``my_step``; returns (id, head)."""
    rid = uuid.uuid4().hex
    head = _sha(cache, _file(cache, folder, f"Biên bản {rid}"))
    step = {"position": 1, "stage": 1, "user_id": ME, "name": "Lê Văn Cường",
            "role": "Thư ký", "field_name": "Sig1", "decree_kind": "approval",
            "state": my_step, "reason": None}  # fmt: skip
    _apply(cache, SIGNING_REQUEST, rid, {
        "id": rid, "meeting_id": meeting_id, "document_version_id": uuid.uuid4().hex,
        "title": "Biên bản kỳ họp", "state": state, "head_sha256": head,
        "head_size": 10, "steps": [step],
    })  # fmt: skip
    return rid, head


def _item(cache: Cache, meeting_id: str) -> str:
    item_id = uuid.uuid4().hex
    _apply(cache, ACTION_ITEM, item_id, {
        "id": item_id, "meeting_id": meeting_id, "document_version_id": uuid.uuid4().hex,
        "number": 1, "text": "Rà soát bảng giá đất", "unit_id": "unit", "unit_name": "Phòng TN-MT",
        "due_date": "2026-01-15", "status": "open", "unit_members": [ME], "secretariat": [OTHER],
        "history": [],
    })  # fmt: skip
    return item_id


def _copy(cache: Cache, folder: Path, meeting_id: str) -> tuple[str, str]:
    """Another member's accepted signature, its signed file opened here."""
    copy_id = uuid.uuid4().hex
    sha = _sha(cache, _file(cache, folder, f"Bản đã ký {copy_id}"))
    _apply(cache, SIGNED_COPY, copy_id, {
        "document_version_id": uuid.uuid4().hex, "meeting_id": meeting_id, "user_id": OTHER,
        "name": "Trần Thị Bình", "sha256": sha, "size": 10, "created_at": 1_760_000_000,
    })  # fmt: skip
    return copy_id, sha


def _queue(cache: Cache, kind: str, payload: dict[str, Any], *, sent: bool) -> str:
    with cache.transaction():
        op = cache.repos.outbox.enqueue(kind, payload)
        if sent:
            cache.repos.outbox.record_result(op, OutboxState.DONE, {}, None)
    return op


def _ids(cache: Cache, table: str) -> set[str]:
    with cache.transaction() as c:
        return {r[0] for r in c.execute(f"SELECT id FROM {table}").fetchall()}


def test_a_meetings_requests_items_and_signed_copies_leave_with_its_pack(
    session: Session, tmp_path: Path
) -> None:
    from hanoi_desk.app.signing_requests import queue_step

    cache = session.cache
    with cache.transaction() as c:  # this profile is the member ME on its server
        c.execute("INSERT INTO sync_accounts (server, client_id, device_id, username, user_id) "
                  "VALUES ('https://hdnd.example', 'c', 'd', 'thuky', ?)", (ME,))  # fmt: skip
    old = _meeting(cache, "Kỳ họp thứ 12", ended_days_ago=60)
    recent = _meeting(cache, "Kỳ họp thứ 14", ended_days_ago=1)

    done, done_head = _request(cache, tmp_path, old, "completed", "signed")
    request = cache.repos.signing_requests.get(done)
    assert request is not None
    my_signed = _file(cache, tmp_path, "Bản tôi đã ký")
    my_sha = _sha(cache, my_signed)
    op = queue_step(cache, request, request.steps[0], my_signed)  # my step, then sent
    with cache.transaction():
        cache.repos.outbox.record_result(op, OutboxState.DONE, {}, None)
    waiting, waiting_head = _request(cache, tmp_path, old, "in_progress", "active")
    gone_item, queued_item = _item(cache, old), _item(cache, old)
    sent_op = _queue(cache, KIND_ACTION_ITEM_STATUS,
                     {"item_id": gone_item, "status": "in_progress", "note": "x"},
                     sent=True)  # fmt: skip
    _queue(cache, KIND_ACTION_ITEM_STATUS,
           {"item_id": queued_item, "status": "done", "note": "Đã xong"}, sent=False)  # fmt: skip
    copy, copy_sha = _copy(cache, tmp_path, old)
    fresh_request, fresh_head = _request(cache, tmp_path, recent, "completed", "signed")
    fresh_item = _item(cache, recent)
    fresh_copy, fresh_sha = _copy(cache, tmp_path, recent)

    purged = Meetings(cache).purge_expired()

    assert set(purged.records) == {done, gone_item, copy}
    assert _ids(cache, "signing_requests") == {waiting, fresh_request}
    assert _ids(cache, "action_items") == {queued_item, fresh_item}
    assert _ids(cache, "signed_copies") == {fresh_copy}
    listed = cache.repos.documents.listed_blobs()
    for sha in (done_head, my_sha, copy_sha):
        assert not cache.blobs.path_for(sha).exists() and sha not in listed
    for sha in (waiting_head, fresh_head, fresh_sha):
        assert cache.blobs.path_for(sha).exists()
    left = {e.op_id: e for e in cache.outbox(tuple(OutboxState))}
    assert op not in left and sent_op not in left  # the sent answers went with them
    assert [json.loads(e.payload)["item_id"] for e in left.values()] == [queued_item]
    purges = {e.subject: e.detail for e in cache.audit_entries() if e.action == "purge"}
    assert {done, gone_item, copy} <= set(purges)
    assert "signing request" in purges[done] and "signed copy" in purges[copy]

    # A record the feed brings after the purge goes at the next run too.
    late = _item(cache, old)
    again = Meetings(cache).purge_expired()
    assert again.records == (late,) and again.blobs == 0
