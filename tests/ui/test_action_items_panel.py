"""The meeting's action items on the meeting page (ui/action_items_panel.py)
against the real server on 127.0.0.1 and its demo (three items of the demo's
resolution, one overdue): real SQLCipher profiles, task runners, the real sync.
Nothing is mocked.

A member of the owner unit sees the overdue item in words and red, moves it to
done with a note (queued, then synced) and it is no longer overdue; a delegate
outside the unit and the secretariat gets no status control."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from ui_helpers import WAIT, FixedPrompt

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.ui.action_items_panel import OVERDUE_RED, ActionItemsPanel
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.tasks import TaskRunner


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv-actions")
    with running_server(root / "data", packs_dir=root / "packs") as s:
        yield s


class Member:
    """One member's desktop: profile, runner (its db lane owns the connection),
    the window's change feed, and the panel of the demo meeting."""

    def __init__(self, qtbot: Any, desk: Desk, srv: Any, user: str) -> None:
        self.srv, self.user = srv, user
        desk.create(user, FixedPrompt())
        self.runner = TaskRunner()
        self.session: Session = self.runner.call(
            "db", lambda: desk.open(user, FixedPrompt(), "passphrase")
        )
        self.ws = Workspace(self.session, on_db=self.runner.call_db)
        self.feed = ChangeFeed(self.ws.changes, self.runner)
        self.panel = ActionItemsPanel(self.runner, lambda: self.ws, lambda: COUNCIL_ID,
                                      lambda: "en")  # fmt: skip
        self.feed.subscribe(("meetings", "outbox"), self.panel.reload)
        qtbot.addWidget(self.panel)
        self.panel.resize(260, 600)  # the meeting page's column
        self.panel.show()

    def sync(self) -> None:
        from tests.server.live import DEMO_PASSWORD

        options = SyncOptions(server=self.srv.base_url, username=self.user,
                              password=lambda: DEMO_PASSWORD)  # fmt: skip
        report = self.runner.call("db", lambda: SyncService(self.session, options).run())
        assert report.rejected == [], report.rejected

    def rows(self) -> list[str]:
        return [self.panel.list.item(i).text() for i in range(self.panel.list.count())]

    def close(self) -> None:
        self.feed.close()
        self.runner.call("db", self.session.close)
        self.runner.shutdown()


def test_a_unit_member_moves_the_overdue_item_to_done(qtbot: Any, desk: Desk, srv: Any) -> None:
    member = Member(qtbot, desk, srv, "daibieu")  # Phòng Tài chính – Kế hoạch (demo)
    try:
        member.sync()
        panel = member.panel
        qtbot.waitUntil(lambda: panel.isVisible() and panel.list.count() == 3, timeout=WAIT)
        rows = member.rows()
        assert "OVERDUE" in rows[0] and all("OVERDUE" not in r for r in rows[1:]), rows
        assert "Phòng Tài chính – Kế hoạch" in rows[0] and "due " in rows[0]
        assert panel.list.item(0).foreground().color() == OVERDUE_RED
        assert panel.list.item(1).foreground().color() != OVERDUE_RED
        panel.list.setCurrentRow(0)
        assert panel.change.isVisible()
        moves = [panel.status_box.itemText(i) for i in range(panel.status_box.count())]
        assert moves == ["under way", "done"]  # a unit member may not cancel
        panel.list.setCurrentRow(1)  # another unit's item: no control
        assert not panel.change.isVisible()
        panel.list.setCurrentRow(0)
        panel.status_box.setCurrentIndex(1)
        panel.note.setText("Đã gửi báo cáo")
        panel.change.click()
        qtbot.waitUntil(lambda: "Queued" in panel.message.text(), timeout=WAIT)
        member.sync()
        qtbot.waitUntil(lambda: "OVERDUE" not in "".join(member.rows()), timeout=WAIT)
        done = next(r for r in member.rows() if "giải ngân" in r)
        assert done.split("\n")[0].startswith("1. done · due "), done
    finally:
        member.close()


def test_a_delegate_outside_the_unit_gets_no_control(qtbot: Any, desk: Desk, srv: Any) -> None:
    other = Member(qtbot, desk, srv, "daibieu3")
    try:
        other.sync()
        panel = other.panel
        qtbot.waitUntil(lambda: panel.list.count() == 3, timeout=WAIT)
        for row in range(3):
            panel.list.setCurrentRow(row)
            assert not panel.change.isVisible() and panel.status_box.count() == 0
    finally:
        other.close()
