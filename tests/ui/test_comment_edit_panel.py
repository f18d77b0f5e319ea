"""Edit on the thread panel (docs/comment-threads.md) in the real window against
the real server on 127.0.0.1: my own comment is edited from the panel, the
sync sends the edit, the panel says "edited" and shows the earlier text on
request, and a second profile's sync brings the new text with the history.
The Edit button is absent on another member's comment. Nothing is mocked."""

from __future__ import annotations

from typing import Any

from ui_helpers import LEFT, WAIT, demo_password, idle, on_db, publish_draft, unlock

from hanoi_desk.app.comments import Comments
from hanoi_desk.app.session import Desk
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.ui.app import DeskApp
from helpers import FixedPrompt

SYNC_WAIT = 120_000
PAGES = [["Điều 1. Tổng thu ngân sách là 1.200 tỷ đồng.", "Điều 2. Giao Ủy ban thực hiện."]]
FIRST = "Đề nghị bổ sung số liệu năm trước"
SECOND = "Đề nghị bổ sung số liệu năm 2025 và năm trước"
THEIRS = "Nhất trí với dự thảo"


def test_my_comment_is_edited_from_the_panel_and_another_member_sees_its_history(
    qtbot: Any, deskapp: DeskApp, profile_desk: Desk, demo_server: Any
) -> None:
    live = demo_server
    doc_id = publish_draft(live, PAGES)
    member_options = SyncOptions(server=live.base_url, username="daibieu", password=demo_password)
    profile_desk.create("daibieu", FixedPrompt())
    with profile_desk.open("daibieu", FixedPrompt(), "passphrase") as member:
        SyncService(member, member_options).run()
        draft = next(d for d in member.documents() if d.id == doc_id)
        Comments(member.cache, member.changes).add(draft, THEIRS)
        SyncService(member, member_options).run()

    unlock(qtbot, deskapp)
    main = deskapp.main
    assert main is not None

    def sync() -> None:
        with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
            main.sync.start(live.base_url, "demo", demo_password)
        idle(qtbot, deskapp)

    sync()
    doc = on_db(deskapp, lambda s: next(d for d in s.documents() if d.id == doc_id))
    main.open_document(doc)
    qtbot.waitUntil(lambda: main.reader.doc is not None, timeout=WAIT)
    main.side.show_page("comments")
    panel = main.comments

    def texts() -> list[str]:
        return [panel.list.item(i).text() for i in range(panel.list.count())]

    def row_of(text: str) -> int:
        return next(i for i, t in enumerate(texts()) if text in t)

    panel.editor.setPlainText(FIRST)
    qtbot.mouseClick(panel.send_button, LEFT)
    qtbot.waitUntil(lambda: any(FIRST in t for t in texts()), timeout=WAIT)
    # Queued, not on the server yet: nothing to edit (an edit names the server's id).
    panel.list.setCurrentRow(row_of(FIRST))
    assert panel.edit_button.isHidden()
    sync()
    qtbot.waitUntil(lambda: any(FIRST in t and "· sent" in t for t in texts()), timeout=WAIT)

    # Another member's comment: no Edit button at all.
    panel.list.setCurrentRow(row_of(THEIRS))
    assert panel.edit_button.isHidden() and panel.history_button.isHidden()

    panel.list.setCurrentRow(row_of(FIRST))
    assert not panel.edit_button.isHidden()
    qtbot.mouseClick(panel.edit_button, LEFT)
    assert panel.editor.toPlainText() == FIRST  # the current text, to change
    assert not panel.reply_button.isEnabled() and not panel.visibility_box.isEnabled()
    panel.editor.setPlainText(SECOND)
    qtbot.mouseClick(panel.send_button, LEFT)
    qtbot.waitUntil(lambda: panel.editor.toPlainText() == "", timeout=WAIT)
    assert not panel.edit_button.isChecked()
    idle(qtbot, deskapp)
    outbox = main.sync_panel.outbox
    queued = [outbox.topLevelItem(i).text(0) for i in range(outbox.topLevelItemCount())]
    assert any(t.startswith("Comment edited") for t in queued), queued
    sync()

    def edited() -> bool:
        return any(SECOND in t and "edited" in t.partition("\n")[0] for t in texts())

    qtbot.waitUntil(edited, timeout=WAIT)
    panel.list.setCurrentRow(row_of(SECOND))
    assert not panel.history_button.isHidden()
    assert panel.history.isHidden()  # the history on request only
    qtbot.mouseClick(panel.history_button, LEFT)
    assert not panel.history.isHidden()
    history = panel.history.text()
    assert history.startswith("Edited; earlier texts, oldest first:\n")
    assert FIRST in history and SECOND not in history

    # The second member's sync brings the new text and the earlier one.
    with profile_desk.open("daibieu", FixedPrompt(), "passphrase") as member:
        SyncService(member, member_options).run()
        draft = next(d for d in member.documents() if d.id == doc_id)
        threads = Comments(member.cache, member.changes).threads(draft)
    root = next(t.root for t in threads if t.root.text == SECOND)
    assert not root.mine
    assert [text for text, _at in root.revisions] == [FIRST]
