"""The thread panel beside the reader (docs/comment-threads.md) in the real
window, against the real server on 127.0.0.1: threads placed on the version
read with their quote, the orphaned one under its own heading, a reply, and
the drafting unit's answer (refused beside the button without its text, then
sent by the sync and shown). Nothing is mocked."""

from __future__ import annotations

from typing import Any

from ui_helpers import LEFT, WAIT, demo_password, idle, on_db, publish_draft, unlock

from hanoi_desk.app.comments import Comments
from hanoi_desk.app.session import Desk
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.comment_threads import Anchor
from hanoi_desk.server.threads import set_drafter
from hanoi_desk.ui.app import DeskApp
from helpers import FixedPrompt

SYNC_WAIT = 120_000
V1 = [["Điều 1. Tổng thu ngân sách là 1.200 tỷ đồng.", "Điều 2. Giao Ủy ban tổ chức thực hiện."]]
V2 = [["Điều 1. Tổng thu ngân sách là 1.350 tỷ đồng.", "Điều 2. Giao Ủy ban tổ chức thực hiện."]]


def test_the_panel_shows_threads_orphans_apart_replies_and_the_drafting_units_answer(
    qtbot: Any, deskapp: DeskApp, profile_desk: Desk, demo_server: Any
) -> None:
    live = demo_server
    doc_id = publish_draft(live, V1)
    set_drafter(live.server.db, doc_id, "demo", True)
    profile_desk.create("daibieu", FixedPrompt())
    with profile_desk.open("daibieu", FixedPrompt(), "passphrase") as member:
        options = SyncOptions(server=live.base_url, username="daibieu", password=demo_password)
        SyncService(member, options).run()
        draft = next(d for d in member.documents() if d.id == doc_id)
        comments = Comments(member.cache, member.changes)
        comments.add(draft, "Giữ nguyên Điều 2", anchor=Anchor("Giao Ủy ban", "Điều 2. ", "", 1))
        comments.add(draft, "Số thu chưa khớp", anchor=Anchor("1.200 tỷ đồng.", "là ", "", 1))
        SyncService(member, options).run()
    publish_draft(live, V2)

    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start(live.base_url, "demo", demo_password)
    idle(qtbot, deskapp)
    doc = on_db(deskapp, lambda s: next(d for d in s.documents() if d.id == doc_id))
    main.open_document(doc)
    qtbot.waitUntil(lambda: main.reader.doc is not None, timeout=WAIT)
    main.side.show_page("comments")
    panel = main.comments

    def texts() -> list[str]:
        return [panel.list.item(i).text() for i in range(panel.list.count())]

    qtbot.waitUntil(lambda: any("Orphaned threads" in t for t in texts()), timeout=WAIT)
    shown = texts()
    heading = next(i for i, t in enumerate(shown) if t.startswith("Orphaned threads"))
    kept = next(i for i, t in enumerate(shown) if "Giữ nguyên Điều 2" in t)
    orphan = next(i for i, t in enumerate(shown) if "Số thu chưa khớp" in t)
    assert kept < heading < orphan  # listed apart, after the placed ones
    assert "“Giao Ủy ban” (page 1)" in shown[kept]
    assert "Orphaned: the quote is no longer in this version" in shown[orphan]

    # The drafting unit answers the placed thread: an explanation needs its text.
    panel.list.setCurrentRow(kept)
    assert panel.answer_widgets.isVisible() and panel.reply_button.isEnabled()
    panel.state_box.setCurrentIndex(panel.state_box.findData("explained"))
    qtbot.mouseClick(panel.mark_button, LEFT)
    assert panel.answer_problem.text() == "an explanation needs its answer"
    panel.answer_edit.setText("Điều 2 giữ nguyên theo Luật")
    qtbot.mouseClick(panel.mark_button, LEFT)
    # ... and replies to it.
    panel.list.setCurrentRow(kept)
    panel.reply_button.setChecked(True)
    panel.editor.setPlainText("Đã trao đổi với đại biểu")
    qtbot.mouseClick(panel.send_button, LEFT)
    qtbot.waitUntil(lambda: any("↳" in t for t in texts()), timeout=WAIT)
    idle(qtbot, deskapp)
    outbox = main.sync_panel.outbox
    queued = [outbox.topLevelItem(i).text(0) for i in range(outbox.topLevelItemCount())]
    assert any(t.startswith("Answer to a comment") for t in queued), queued
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start(live.base_url, "demo", demo_password)

    def answered() -> bool:
        return any("Answer by" in t and "Điều 2 giữ nguyên theo Luật" in t for t in texts())

    qtbot.waitUntil(answered, timeout=WAIT)
    shown = texts()
    kept = next(i for i, t in enumerate(shown) if "Giữ nguyên Điều 2" in t)
    assert "explained" in shown[kept].partition("\n")[0]
    assert shown[kept + 1].startswith("    ↳ ") and "Đã trao đổi với đại biểu" in shown[kept + 1]
