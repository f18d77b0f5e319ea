"""The demo's comment threads (docs/comment-threads.md): the council session's
draft resolution carries threads in several states — one accepted, one
explained with its answer and a reply, one secretariat-only, one withdrawn,
one still open — with ``khachmoi`` (the guest presenting it) as its drafting
unit. Sent through the mutation handlers, so they follow the same rules as
comments from the app. Run by ``hanoi-desk demo`` after the demo is built; a
second run changes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hanoi_desk import protocol as p
from hanoi_desk.samples import PARAGRAPHS
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.db import Database
from hanoi_desk.server.models import Comment, DocumentVersion, User
from hanoi_desk.server.mutations import apply_batch, comment_row_id
from hanoi_desk.server.packs import document_id
from hanoi_desk.server.threads import set_drafter

COUNCIL_ID = "hdnd-dongda-ky12"
DRAFT = "du-thao-nghi-quyet"
DRAFTING_UNIT = "khachmoi"

# (author, client comment id, payload extras, text); a reply names its thread's client id.
THREADS: list[tuple[str, str, dict[str, Any], str]] = [
    (
        "daibieu",
        "demo-thread-1",
        {
            "quote": "125 tỷ đồng",
            "prefix": "Tổng mức đầu tư dự kiến là ",
            "suffix": ", nguồn vốn",
            "page": 1,
        },
        "Đề nghị nêu rõ tỷ lệ vốn thành phố và vốn quận.",
    ),
    (
        "daibieu2",
        "demo-thread-2",
        {
            "quote": "quý III năm 2027",
            "prefix": "Thời gian thực hiện: ",
            "suffix": " đến hết",
            "page": 1,
        },
        "Thời gian khởi công quá gấp, đề nghị lùi sang quý IV.",
    ),
    (
        "daibieu3",
        "demo-thread-3",
        {"visibility": "secretariat"},
        "Đề nghị Văn phòng kiểm tra lại số liệu ở phụ lục trước khi trình.",
    ),
    (
        "demo",
        "demo-thread-4",
        {"quote": "ngày 19 tháng 6 năm 2015", "page": 1},
        "Bổ sung căn cứ Luật sửa đổi năm 2019.",
    ),
    (
        "daibieu",
        "demo-thread-5",
        {"quote": PARAGRAPHS[3][:40], "page": 2},
        "Cần thêm ý kiến của Phòng Giáo dục.",
    ),
    (
        "daibieu2",
        "demo-reply-2",
        {"reply_to": ("daibieu2", "demo-thread-2")},
        "Ý kiến của Phòng Quản lý đô thị cũng vậy.",
    ),
]
# (thread's author, client id, by, state, answer)
ANSWERS = [
    ("daibieu", "demo-thread-1", DRAFTING_UNIT, "accepted", "Đã bổ sung tỷ lệ 60/40 vào Điều 2."),
    ("daibieu2", "demo-thread-2", DRAFTING_UNIT, "explained",
     "Giữ quý III để kịp năm học 2028-2029; tiến độ đã được Sở Xây dựng thống nhất."),
    ("demo", "demo-thread-4", "demo", "withdrawn", ""),
]  # fmt: skip


def add_demo_threads(db: Database) -> bool:
    """Add the demo's threads once; returns whether it added them."""
    doc_id = document_id(COUNCIL_ID, DRAFT)
    with db.read() as session:
        ids = {str(name): str(uid) for name, uid in session.execute(select(User.username, User.id))}
        version = session.scalars(
            select(DocumentVersion.id).where(
                DocumentVersion.document_id == doc_id, DocumentVersion.superseded_by.is_(None)
            )
        ).first()
        if version is None:
            return False
        first = comment_row_id(ids["daibieu"], "demo-thread-1")
        if session.get(Comment, first) is not None:
            return False
    set_drafter(db, doc_id, DRAFTING_UNIT, True)
    seq = 0

    def send(username: str, kind: str, payload: dict[str, Any]) -> None:
        nonlocal seq
        seq += 1
        batch = p.MutationBatch(
            "server-demo-threads",
            (p.Mutation(seq, f"demo-threads-{username}-{seq}", kind, payload),),
        )
        (result,) = apply_batch(db, Principal(ids[username], "server-demo"), batch).results
        assert result.status == p.APPLIED, result.reason  # the demo's own data follows the rules

    for author, client_id, extras, text in THREADS:
        payload: dict[str, Any] = {"comment_id": client_id, "document_version_id": version,
                                   "text": text}  # fmt: skip
        extra = dict(extras)  # the table stays as written: the demo may be built again
        reply_to = extra.pop("reply_to", None)
        payload.update(extra)
        if reply_to is not None:
            payload["parent_id"] = comment_row_id(ids[reply_to[0]], reply_to[1])
        send(author, "comment.add", payload)
    for author, client_id, by, state, answer in ANSWERS:
        thread = comment_row_id(ids[author], client_id)
        send(by, "comment.resolve", {"thread_id": thread, "state": state, "answer": answer})
    return True
