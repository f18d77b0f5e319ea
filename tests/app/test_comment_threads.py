"""Comment threads on drafts (góp ý, docs/comment-threads.md) on real profiles
and the real reference server over HTTP on 127.0.0.1: threads with replies,
visibility enforced in the server's feed, the drafting unit's answers (and a
plain member refused, here and by the server), edits that keep their history,
re-anchoring on a new version and orphans, and the export of the summary table.
Nothing is mocked."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from hanoi_desk.app.comments import Comments
from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.comment_threads import Anchor, Placement, ThreadState, Visibility
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.errors import UserError
from hanoi_desk.server import models
from hanoi_desk.server.packs import document_id, import_pack
from hanoi_desk.server.threads import set_drafter
from hanoi_desk.store.replica import Replica
from helpers import FixedPrompt, text_pdf

COUNCIL = "hdnd-dongda-ky12"
PACK_DOC = "to-trinh-ngan-sach"

V1 = [
    [
        "Điều 1. Phê duyệt dự toán ngân sách năm 2027.",
        "Tổng thu ngân sách là 1.200 tỷ đồng.",
        "Điều 2. Giao Ủy ban nhân dân tổ chức thực hiện.",
    ],
    [
        "Điều 3. Nghị quyết có hiệu lực từ ngày ký.",
        "Chi đầu tư phát triển là 400 tỷ đồng.",
    ],
]
# The new version: Điều 1's total changed (orphaned), Điều 2 moved to page 2 and
# kept (re-anchored), and "có hiệu lực từ ngày ký." now occurs twice (ambiguous).
V2 = [
    [
        "Điều 1. Phê duyệt dự toán ngân sách năm 2027.",
        "Tổng thu ngân sách là 1.350 tỷ đồng.",
    ],
    [
        "Điều 2. Giao Ủy ban nhân dân tổ chức thực hiện.",
        "Điều 3. Nghị quyết có hiệu lực từ ngày ký.",
        "Phụ lục kèm theo Nghị quyết có hiệu lực từ ngày ký.",
    ],
]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


def sync(session: Session, live: Any, user: str) -> None:
    from tests.server.live import DEMO_PASSWORD

    options = SyncOptions(server=live.base_url, username=user, password=lambda: DEMO_PASSWORD)
    SyncService(session, options).run()


def publish_version(live: Any, pages: list[list[str]]) -> str:
    """The secretary replaces the draft on the server (a new version from the pack)."""
    pack = live.demo.pack_dirs[0]
    (pack / "03-to-trinh.pdf").write_bytes(text_pdf(pages))
    import_pack(live.server.db, live.server.blobs, pack)
    return document_id(COUNCIL, PACK_DOC)


def the_draft(session: Session, doc_id: str) -> DocumentSummary:
    return next(d for d in session.documents() if d.id == doc_id)


def user_id(live: Any, username: str) -> str:
    with live.server.db.read() as s:
        return str(s.scalars(select(models.User.id).where(models.User.username == username)).one())


def feed_comment_ids(live: Any, username: str) -> set[str]:
    """The comment records in a user's feed on the server (what any read of theirs returns)."""
    uid = user_id(live, username)
    with live.server.db.read() as s:
        rows = s.scalars(
            select(models.FeedEntry.entity_id).where(
                models.FeedEntry.user_id == uid,
                models.FeedEntry.kind == "comment",
                models.FeedEntry.deleted.is_(False),
            )
        )
        return set(rows)


def open_profile(desk: Desk, name: str) -> Any:
    if name not in {p.name for p in desk.profiles()}:
        desk.create(name, FixedPrompt())
    return desk.open(name, FixedPrompt(), "passphrase")


def test_threads_replies_visibility_resolution_and_history(
    desk: Desk, fast_kdf: None, live: Any
) -> None:
    doc_id = publish_version(live, V1)
    set_drafter(live.server.db, doc_id, "daibieu2", True)
    anchor = Anchor("Tổng thu ngân sách là 1.200 tỷ đồng.", "ngân sách năm 2027. ", " Điều 2.", 1)

    with open_profile(desk, "demo") as demo:
        sync(demo, live, "demo")
        doc = the_draft(demo, doc_id)
        c = Comments(demo.cache, demo.changes)
        c.add(doc, "Đề nghị làm rõ nguồn thu", anchor=anchor)
        c.add(doc, "Ý kiến riêng gửi thư ký", visibility=Visibility.SECRETARIAT)
        sync(demo, live, "demo")
        # Both written in the same second: found by text, not by their order.
        by_text = {t.root.text: t.root for t in c.threads(doc)}
        public, private = by_text["Đề nghị làm rõ nguồn thu"], by_text["Ý kiến riêng gửi thư ký"]
        assert public.anchor == anchor and private.visibility is Visibility.SECRETARIAT

    # The secretariat-only thread is not in a member's feed on the server at all.
    assert public.id in feed_comment_ids(live, "daibieu")
    assert private.id not in feed_comment_ids(live, "daibieu")
    assert {public.id, private.id} <= feed_comment_ids(live, "thuky")

    with open_profile(desk, "daibieu") as member:
        sync(member, live, "daibieu")
        c = Comments(member.cache)
        (thread,) = c.threads(the_draft(member, doc_id))
        assert thread.root.id == public.id and thread.root.anchor == anchor
        c.add(the_draft(member, doc_id), "Tôi đồng ý với ý kiến này", reply_to=public.id)
        # A plain member may not answer the thread: said at once, nothing queued ...
        me = frozenset({user_id(live, "daibieu")})
        with pytest.raises(UserError, match="Only the drafting unit"):
            c.resolve(public.id, ThreadState.ACCEPTED, my_user_ids=me)
        # ... and refused by the server when sent anyway (an older client, a script).
        forced = Replica(member.cache).enqueue(
            "comment.resolve", {"thread_id": public.id, "state": "accepted", "answer": ""}
        )
        # Nor reply to (or learn of) the secretariat-only thread by its id.
        hidden_reply = Replica(member.cache).enqueue(
            "comment.add",
            {"comment_id": "r-hidden", "document_version_id": the_draft(member, doc_id).version_id,
             "text": "Trả lời", "parent_id": private.id},
        )  # fmt: skip
        sync(member, live, "daibieu")
        states = {e.op_id: (e.state, e.last_error) for e in member.cache.outbox(("rejected",))}
        assert states[forced] == ("rejected", "not_drafting_unit")
        assert states[hidden_reply] == ("rejected", "not_found")
        (thread,) = c.threads(the_draft(member, doc_id))
        assert [r.text for r in thread.replies] == ["Tôi đồng ý với ý kiến này"]

    with open_profile(desk, "demo") as demo:
        c = Comments(demo.cache, demo.changes)
        c.edit(public.id, "Đề nghị làm rõ nguồn thu từ đất")
        sync(demo, live, "demo")

    with open_profile(desk, "daibieu2") as drafting:
        sync(drafting, live, "daibieu2")
        c = Comments(drafting.cache)
        (thread,) = c.threads(the_draft(drafting, doc_id))  # not the secretariat's
        assert thread.root.text == "Đề nghị làm rõ nguồn thu từ đất"
        assert [text for text, _at in thread.root.revisions] == ["Đề nghị làm rõ nguồn thu"]
        me = frozenset({user_id(live, "daibieu2")})
        with pytest.raises(UserError, match="needs its answer"):
            c.resolve(public.id, ThreadState.EXPLAINED, "  ", my_user_ids=me)
        c.resolve(public.id, ThreadState.EXPLAINED, "Nguồn thu đã nêu ở phụ lục 2", my_user_ids=me)
        sync(drafting, live, "daibieu2")

    with open_profile(desk, "thuky") as secretary:
        sync(secretary, live, "thuky")
        threads = Comments(secretary.cache).threads(the_draft(secretary, doc_id))
        by_id = {t.root.id: t for t in threads}
        assert set(by_id) == {public.id, private.id}
        answered = by_id[public.id].root
        assert answered.thread_state is ThreadState.EXPLAINED
        assert answered.answer == "Nguồn thu đã nêu ở phụ lục 2"
        assert answered.answered_by and answered.revisions
        assert len(by_id[public.id].replies) == 1


def test_a_new_version_reanchors_a_unique_quote_orphans_the_rest_and_the_export_lists_all(
    desk: Desk, fast_kdf: None, live: Any, tmp_path: Path
) -> None:
    from hanoi_desk.app.comment_export import export_summary
    from hanoi_desk.mupdf import pdf_document

    doc_id = publish_version(live, V1)
    kept = Anchor("Giao Ủy ban nhân dân tổ chức thực hiện.", "Điều 2. ", "", 1)
    changed = Anchor("1.200 tỷ đồng.", "Tổng thu ngân sách là ", "", 1)
    ambiguous = Anchor("có hiệu lực từ ngày ký.", "Nghị quyết ", "", 2)
    with open_profile(desk, "daibieu3") as member:
        sync(member, live, "daibieu3")
        c = Comments(member.cache, member.changes)
        old = the_draft(member, doc_id)
        for anchor, text in ((kept, "Nêu rõ cơ quan chủ trì"), (changed, "Số thu chưa khớp"),
                             (ambiguous, "Hiệu lực nên từ 1/1/2027")):  # fmt: skip
            c.add(old, text, anchor=anchor)
        sync(member, live, "daibieu3")
        # (The module's server keeps the other tests' threads: only these three are looked at.)
        mine = {"Nêu rõ cơ quan chủ trì", "Số thu chưa khớp", "Hiệu lực nên từ 1/1/2027"}
        on_old = [t for t in c.threads(old) if t.root.text in mine]
        assert [t.located.placement for t in on_old] == [Placement.ON_VERSION] * 3

        publish_version(live, V2)
        sync(member, live, "daibieu3")
        new = the_draft(member, doc_id)
        assert new.version == old.version + 1
        placed = {t.root.text: t.located for t in c.threads(new)}
        assert placed["Nêu rõ cơ quan chủ trì"].placement is Placement.REANCHORED
        assert placed["Nêu rõ cơ quan chủ trì"].page == 2  # moved to page 2 in V2
        assert placed["Số thu chưa khớp"].placement is Placement.ORPHANED_MISSING
        assert placed["Hiệu lực nên từ 1/1/2027"].placement is Placement.ORPHANED_AMBIGUOUS
        orphaned = [t.root.text for t in c.threads(new) if t.orphaned and t.root.text in mine]
        assert sorted(orphaned) == ["Hiệu lực nên từ 1/1/2027", "Số thu chưa khớp"]

        # The drafting unit's answer reaches the member before the export.
        set_drafter(live.server.db, doc_id, "daibieu3", True)
        sync(member, live, "daibieu3")
        me = frozenset({user_id(live, "daibieu3")})
        first = next(t.root for t in c.threads(new) if t.root.text == "Số thu chưa khớp")
        c.resolve(first.id, ThreadState.ACCEPTED, "Đã sửa thành 1.350 tỷ", my_user_ids=me)
        sync(member, live, "daibieu3")
        set_drafter(live.server.db, doc_id, "daibieu3", False)

        threads = c.threads(new)
        done = export_summary(c, new, tmp_path / "out", "vi")

    assert done.threads == len(threads) >= 3
    with done.csv.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    header, body = table[0], table[1:]
    assert header[1] == "Người góp ý" and header[5] == "Trạng thái"
    by_text = {row[3]: row for row in body}
    assert len(body) == len(threads)
    for t in threads:
        row = by_text[t.root.text]
        assert row[1] == t.root.author
    assert by_text["Số thu chưa khớp"][5] == "tiếp thu"
    assert by_text["Số thu chưa khớp"][6] == "Đã sửa thành 1.350 tỷ"
    assert by_text["Nêu rõ cơ quan chủ trì"][5] == "chưa trả lời"
    assert by_text["Hiệu lực nên từ 1/1/2027"][8].startswith("mồ côi")
    with pdf_document(done.pdf) as pdf:
        text = " ".join(page.get_text() for page in pdf)
    flat = " ".join(text.split())
    for t in threads:
        assert " ".join(t.root.text.split()) in flat
    assert "Đã sửa thành 1.350 tỷ" in flat and "tiếp thu" in flat and "chưa trả lời" in flat
    fonts = {f[3] for f in pdf_fonts(done.pdf)}
    assert any("Noto" in name for name in fonts)


def pdf_fonts(path: Path) -> list[Any]:
    from hanoi_desk.mupdf import pdf_document

    with pdf_document(path) as pdf:
        return [f for page in pdf for f in page.get_fonts()]


def test_the_comments_commands_add_list_refuse_and_export(
    desk: Desk, fast_kdf: None, live: Any, home: Path, tmp_path: Path
) -> None:
    import json
    import os

    from helpers import PASSPHRASE, run_cli

    doc_id = publish_version(live, V1)
    with open_profile(desk, "khachmoi") as guest:
        sync(guest, live, "khachmoi")
        version_id = the_draft(guest, doc_id).version_id
    env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")

    def cli(*args: str) -> Any:
        return run_cli("comments", *args, "--profile", "khachmoi", "--passphrase-stdin",
                       stdin=PASSPHRASE + "\n", env=env)  # fmt: skip

    added = cli("add", version_id, "Bổ sung căn cứ pháp lý", "--quote", "Điều 3.",
                "--page", "2", "--visibility", "drafting")  # fmt: skip
    assert added.returncode == 0, added.stderr
    formula = cli("add", version_id, '=HYPERLINK("http://x.invalid","Bấm")')
    assert formula.returncode == 0, formula.stderr
    bad = cli("add", version_id, "   ")
    assert bad.returncode == 1 and "Write the comment" in bad.stderr
    with open_profile(desk, "khachmoi") as guest:
        sync(guest, live, "khachmoi")
    listed = cli("list", "--document", version_id, "--json")
    assert listed.returncode == 0, listed.stderr
    (doc,) = json.loads(listed.stdout)
    (thread,) = [t for t in doc["threads"] if t["text"] == "Bổ sung căn cứ pháp lý"]
    assert thread["quote"]["text"] == "Điều 3." and thread["quote"]["page"] == 2
    assert thread["visibility"] == "drafting" and thread["state"] == "open"
    refused = cli("resolve", thread["id"], "--state", "accepted")
    assert refused.returncode == 1 and "Only the drafting unit" in refused.stderr
    withdrawn = cli("resolve", thread["id"], "--state", "withdrawn")
    assert withdrawn.returncode == 0, withdrawn.stderr
    text = cli("list", "--document", version_id)
    assert "Bổ sung căn cứ pháp lý" in text.stdout and "quote, page 2" in text.stdout
    out = tmp_path / "export"
    exported = cli("export", version_id, "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    (csv_file,) = out.glob("*.csv")
    with csv_file.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert "Bổ sung căn cứ pháp lý" in [r[3] for r in rows[1:]]
    # A comment written like a formula stays text in a spreadsheet.
    assert '\'=HYPERLINK("http://x.invalid","Bấm")' in [r[3] for r in rows[1:]]
    assert len(list(out.glob("*.pdf"))) == 1
