"""Pushed mutations: exactly once, stored results for repeats, permanent rejections."""

from __future__ import annotations

import threading
import uuid

from sqlalchemy import func, select
from tests.server.api import Api, Session, mutation
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.server import admin
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.models import Comment, Note


def comment(version_id: str, text: str = "Đề nghị bổ sung số liệu.") -> dict[str, str]:
    return {"comment_id": uuid.uuid4().hex, "document_version_id": version_id, "text": text}


def comments_in_db(live: LiveServer) -> int:
    with live.server.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Comment)) or 0)


def test_a_repeated_batch_is_applied_once_and_answered_the_same(api: Api, live: LiveServer) -> None:
    s = api.login("demo")
    v = s.current_version()
    batch = [mutation(1, p.KIND_COMMENT_ADD, comment(v.id)),
             mutation(2, p.KIND_COMMENT_ADD, comment(v.id))]  # fmt: skip
    first = s.push(*batch)
    assert [r.status for r in first.results] == [p.APPLIED, p.APPLIED]
    again = s.push(*batch)
    assert [r.status for r in again.results] == [p.DUPLICATE, p.DUPLICATE]
    assert [r.result for r in again.results] == [r.result for r in first.results]
    assert comments_in_db(live) == 2
    # The same op_id under a new seq (e.g. after a client restored a backup) is a duplicate too.
    moved = s.push(p.Mutation(3, batch[0].op_id, batch[0].kind, batch[0].payload))
    assert moved.results[0].status == p.DUPLICATE
    assert moved.results[0].result == first.results[0].result
    # A seq reused for another operation is refused, and changes nothing.
    reused = s.push(mutation(2, p.KIND_COMMENT_ADD, comment(v.id)))
    assert (reused.results[0].status, reused.results[0].reason) == (
        p.REJECTED, p.REASON_OP_ID_REUSED,
    )  # fmt: skip
    assert comments_in_db(live) == 2


def test_rejections_are_permanent_and_do_not_block_the_queue(api: Api, live: LiveServer) -> None:
    s = api.login("demo")
    versions = s.versions().values()
    old = next(v for v in versions if v.superseded_by is not None)
    current = next(v for v in versions if v.superseded_by is None)
    results = s.push(
        mutation(1, "vote.cast", {"motion": "m1", "choice": "yes"}),
        mutation(2, p.KIND_COMMENT_ADD, comment(old.id)),
        mutation(3, p.KIND_COMMENT_ADD, {"text": "thiếu mã tài liệu"}),
        mutation(4, p.KIND_COMMENT_ADD, comment(current.id)),
    ).results
    assert [(r.status, r.reason) for r in results] == [
        (p.REJECTED, p.REASON_UNKNOWN_KIND),
        (p.REJECTED, p.REASON_DOCUMENT_SUPERSEDED),
        (p.REJECTED, p.REASON_INVALID_PAYLOAD),
        (p.APPLIED, None),
    ]
    assert comments_in_db(live) == 1
    # Repeats return the stored rejection: it is final.
    repeat = s.push(mutation(2, p.KIND_COMMENT_ADD, comment(current.id), results[1].op_id))
    assert (repeat.results[0].status, repeat.results[0].reason) == (
        p.DUPLICATE, p.REASON_DOCUMENT_SUPERSEDED,
    )  # fmt: skip

    admin.set_meeting_status(live.server.db, COUNCIL_ID, "closed")
    closed = s.push(mutation(5, p.KIND_COMMENT_ADD, comment(current.id))).results[0]
    assert (closed.status, closed.reason) == (p.REJECTED, p.REASON_MEETING_CLOSED)
    assert comments_in_db(live) == 1


def test_private_notes_last_writer_wins_per_note(api: Api, live: LiveServer) -> None:
    laptop, tablet = api.login("demo"), api.login("demo")
    v = laptop.current_version()
    _, cursor = tablet.pull_all()

    def upsert(s: Session, seq: int, note_id: str, at: int, text: str | None) -> str:
        payload = {"note_id": note_id, "document_version_id": v.id, "updated_at": at,
                   "body": None if text is None else {"text": text, "page": 2}}  # fmt: skip
        res = s.push(mutation(seq, p.KIND_ANNOTATION_UPSERT, payload)).results[0]
        assert res.status == p.APPLIED and res.result is not None
        return str(res.result["kept"])

    assert upsert(laptop, 1, "note-a", 1000, "bản máy tính") == "incoming"
    assert upsert(tablet, 1, "note-b", 1000, "ghi chú khác") == "incoming"
    # An older edit of note-a made offline on the tablet arrives later: the newer one stays.
    assert upsert(tablet, 2, "note-a", 900, "bản cũ trên máy tính bảng") == "server"
    assert upsert(tablet, 3, "note-b", 2000, None) == "incoming"  # deleted, newer
    notes = {c.id: p.NoteData.parse(c) for c in tablet.pull_all(cursor)[0] if c.type == p.NOTE}
    assert notes["note-a"].body == {"text": "bản máy tính", "page": 2}
    assert notes["note-b"].body is None
    # Private: another participant sees none of them.
    others = api.login("chutich").pull_all()[0]
    assert [c for c in others if c.type == p.NOTE] == []
    with live.server.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Note)) == 2


def test_concurrent_retries_of_one_batch_apply_it_once(api: Api, live: LiveServer) -> None:
    """Lost answers make a client send the same batch again while the first is running."""
    s = api.login("thuky")
    v = s.current_version()
    batch = [mutation(i, p.KIND_COMMENT_ADD, comment(v.id, f"ý kiến {i}")) for i in range(1, 9)]
    answers: list[p.MutationResults] = []
    errors: list[BaseException] = []

    def send() -> None:
        try:
            answers.append(s.push(*batch))
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == [] and len(answers) == 4
    assert comments_in_db(live) == 8
    for i in range(8):
        statuses = sorted(a.results[i].status for a in answers)
        assert statuses == [p.APPLIED] + [p.DUPLICATE] * 3
        assert len({str(a.results[i].result) for a in answers}) == 1


def test_malformed_batches_are_refused_whole(api: Api, live: LiveServer) -> None:
    s = api.login("demo")
    v = s.current_version()
    bad_bodies = [
        {"client_id": "c1", "mutations": [{"seq": 2, "op_id": "a", "kind": "comment.add",
                                           "payload": comment(v.id)},
                                          {"seq": 1, "op_id": "b", "kind": "comment.add",
                                           "payload": comment(v.id)}]},
        {"client_id": "c1", "mutations": [{"seq": 0, "op_id": "a", "kind": "x", "payload": {}}]},
        {"client_id": "../etc", "mutations": []},
        {"client_id": "c1", "mutations": "nope"},
        {"client_id": "c1", "mutations": [{"seq": 1, "op_id": "a", "kind": "x", "payload": []}]},
    ]  # fmt: skip
    for body in bad_bodies:
        r = s.request("POST", "/v1/mutations", json=body)
        assert r.status_code == 400, body
        assert r.json()["error"] == p.ERR_BAD_REQUEST
    r = s.request("POST", "/v1/mutations", content=b"{not json")
    assert r.status_code == 400
    r = s.request("POST", "/v1/mutations", content=b"[" * (5 * 1024 * 1024))
    assert r.status_code == 413
    assert comments_in_db(live) == 0


def test_another_bodys_comment_id_is_answered_like_an_unused_one(api: Api) -> None:
    """Comment ids were global: naming another body's was ``invalid_payload`` and a new one
    ``applied``, which told an outsider which ids exist. They are scoped to their author."""
    council, ward = api.login("demo"), api.login("khach")  # two bodies' meetings
    theirs = council.push(mutation(1, p.KIND_COMMENT_ADD, {
        "comment_id": "y-kien-1", "document_version_id": council.current_version().id,
        "text": "Ý kiến của đại biểu HĐND"})).results[0]  # fmt: skip
    assert theirs.status == p.APPLIED and theirs.result is not None
    stored_id = theirs.result["comment_id"]
    on = ward.current_version().id
    answers = ward.push(
        mutation(1, p.KIND_COMMENT_ADD, dict(comment(on), comment_id="y-kien-1")),  # as chosen
        mutation(2, p.KIND_COMMENT_ADD, dict(comment(on), comment_id=stored_id)),  # as stored
        mutation(3, p.KIND_COMMENT_ADD, comment(on)),  # an id nobody has used
    ).results

    def shape(r: p.MutationResult) -> tuple[object, ...]:
        return r.status, r.reason, sorted(r.result or {})

    assert [shape(r) for r in answers] == [(p.APPLIED, None, ["comment_id"])] * 3
    # The council's comment is unchanged, and the ward's three are the ward's own.
    seen = {c.id: c.data for c in api.login("chutich").pull_all()[0] if c.type == p.COMMENT}
    assert seen == {stored_id: seen[stored_id]}
    assert seen[stored_id]["text"] == "Ý kiến của đại biểu HĐND"
    ward_ids = {c.id for c in ward.pull_all()[0] if c.type == p.COMMENT}
    assert ward_ids == {str((r.result or {})["comment_id"]) for r in answers}
    assert stored_id not in ward_ids
