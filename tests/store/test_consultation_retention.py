"""Retention of written consultations (docs/retention.md, docs/consultation.md)
on a real encrypted profile (real SQLCipher file, real blob files): a closed or
summarised consultation whose period has run from the later of its meeting's
end and its deadline loses its record, my signed opinion PDFs and the sent
answers in the outbox; an open one, one whose deadline is recent, and an
opinion still waiting to be sent stay."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.store.test_retention import NOW, _meeting

from hanoi_desk.app.consultation import queue_opinion
from hanoi_desk.app.meetings import Meetings
from hanoi_desk.app.session import Session
from hanoi_desk.domain import consultation as dc
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.cache import Cache


def _consultation(cache: Cache, meeting_id: str, state: str, deadline_days_ago: float) -> str:
    """A consultation record as the feed leaves it (I am a respondent)."""
    consultation_id = uuid.uuid4().hex
    data: dict[str, Any] = {
        "id": consultation_id, "meeting_id": meeting_id, "reference": f"LYK-{state}",
        "title": "Lấy ý kiến về bảng giá đất",
        "deadline": int((NOW - timedelta(days=deadline_days_ago)).timestamp()),
        "state": state, "questions": [{"id": "q1", "text": "Tán thành bảng giá đất?"}],
        "documents": [], "respondent": True, "secretariat": False, "my_responses": [],
    }  # fmt: skip
    with cache.transaction() as c:
        c.execute("INSERT INTO consultations (id, meeting_id, data) VALUES (?, ?, ?)",
                  (consultation_id, meeting_id, json.dumps(data)))  # fmt: skip
    return consultation_id


def _opinion(cache: Cache, folder: Path, consultation_id: str, *, sent: bool) -> str:
    """My opinion PDF queued by the app's own function; ``sent``: the server took it."""
    k = cache.repos.consultations.get(consultation_id)
    assert k is not None
    path = folder / f"{uuid.uuid4().hex}.pdf"
    make_pdf(path, f"Phiếu lấy ý kiến {consultation_id}")
    replies = {"q1": dc.Reply(dc.Answer.OTHER, "Đề nghị giảm 5% ở xã Ba Vì")}
    op_id = queue_opinion(cache, k, replies, path.read_bytes())
    sha = str(json.loads(next(e.payload for e in cache.outbox() if e.op_id == op_id))["sha256"])
    if sent:
        with cache.transaction():
            cache.repos.outbox.record_result(op_id, OutboxState.DONE, {"late": False}, None)
    return sha


def _outbox_kinds(cache: Cache) -> list[str]:
    return [json.loads(e.payload)["consultation_id"] for e in cache.outbox(tuple(OutboxState))]


def test_a_finished_consultation_past_retention_leaves_with_my_opinions(
    session: Session, tmp_path: Path
) -> None:
    cache = session.cache
    old = _meeting(cache, "Kỳ họp thứ 12", ended_days_ago=60)
    gone = _consultation(cache, old, "summarised", deadline_days_ago=40)
    closed_late = _consultation(cache, old, "closed", deadline_days_ago=35)
    recent = _consultation(cache, old, "closed", deadline_days_ago=5)  # deadline counts
    still_open = _consultation(cache, old, "open", deadline_days_ago=40)  # never closed
    gone_sha = _opinion(cache, tmp_path, gone, sent=True)
    waiting_sha = _opinion(cache, tmp_path, closed_late, sent=False)  # not sent yet
    kept = {k: _opinion(cache, tmp_path, k, sent=True) for k in (recent, still_open)}

    purged = Meetings(cache).purge_expired()

    assert purged.consultations == tuple(sorted((gone, closed_late)))
    left = {k.id for k in cache.repos.consultations.all()}
    assert left == {recent, still_open}
    assert not cache.blobs.path_for(gone_sha).exists()
    assert gone_sha not in cache.repos.documents.listed_blobs()
    # The opinion waiting in the outbox stays with its file: the sync still sends it.
    assert cache.blobs.path_for(waiting_sha).exists()
    for sha in kept.values():
        assert cache.blobs.path_for(sha).exists()
    assert sorted(_outbox_kinds(cache)) == sorted([closed_late, recent, still_open])
    purges = [e.subject for e in cache.audit_entries() if e.action == "purge"]
    assert {gone, closed_late} <= set(purges)
    again = Meetings(cache).purge_expired()
    assert again.consultations == () and again.blobs == 0
