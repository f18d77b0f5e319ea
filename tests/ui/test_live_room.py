"""The live screens against the real server on 127.0.0.1 (issue 16): a chair and
two delegates, each with a real SQLCipher profile, a task runner of their own
and the real panels (ui/live_room.py). Nothing is mocked; the one delegate who
goes offline does so through the fault proxy of tests/sync/sync_proxy.py (a
dropped link), the only way to lose a connection on one machine."""

from __future__ import annotations

import importlib.util
import random
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import LEFT, WAIT, FixedPrompt

from hanoi_desk.app.live import LiveOptions
from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.backoff import Backoff
from hanoi_desk.sync.engine import SyncEngine, SyncReport
from hanoi_desk.sync.http import Connection
from hanoi_desk.ui.live_room import REQUEST_ROLE, ChairConsole, LiveRoom, RoomNowPanel
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.tasks import TaskRunner

M = "hdnd-dongda-ky12"
"""The demo's People's Council session: chutich chairs, daibieu and daibieu2 are delegates."""


def _proxy_module() -> Any:
    # tests/sync is not a package: load its fault proxy by path.
    path = Path(__file__).parents[1] / "sync" / "sync_proxy.py"
    spec = importlib.util.spec_from_file_location("sync_proxy_for_ui", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs", live_heartbeat=0.3) as srv:
        yield srv


def fast() -> Backoff:
    return Backoff(base=0.01, cap=0.2, attempts=1000, rng=random.Random(0))


class Client:
    """One person's desktop: a profile, its runner (the db lane owns the
    connection), the live controller and a panel."""

    def __init__(self, qtbot: Any, desk: Desk, url: str, username: str, chair: bool = False):
        from tests.server.live import DEMO_PASSWORD

        desk.create(username, FixedPrompt())
        with desk.open(username, FixedPrompt(), "passphrase") as s:
            conn = Connection(url, Replica(s.cache), username=username,
                              password=lambda: DEMO_PASSWORD)  # fmt: skip
            try:
                conn.ensure_account()
                SyncEngine(conn, Replica(s.cache), backoff=fast()).pull(SyncReport())
            finally:
                conn.close()
        self.runner = TaskRunner()
        self.session: Session = self.runner.call(
            "db", lambda: desk.open(username, FixedPrompt(), "passphrase")
        )
        self.ws = Workspace(self.session, on_db=self.runner.call_db)
        self.room = LiveRoom(self.ws, self.runner, options=LiveOptions(backoff=fast()))
        self.room.stale_after = 1.5
        # Changes.live reaches the room through the session's bus, as in the window.
        from hanoi_desk.ui.changes import ChangeFeed

        self.feed = ChangeFeed(self.ws.changes, self.runner)
        self.feed.subscribe(("live",), self.room.refresh)
        self.panel: RoomNowPanel | ChairConsole = (
            ChairConsole(self.room) if chair else RoomNowPanel(self.room)
        )
        qtbot.addWidget(self.panel)
        self.panel.resize(340, 700)
        self.panel.show()
        self.room.open(M)

    def close(self) -> None:
        self.room.stop()
        self.feed.close()
        self.runner.call("db", self.session.close)
        self.runner.shutdown()


def _counts(c: Client) -> tuple[str, int]:
    panel = c.panel
    return panel.presence.text(), panel.queue.count()


def new_delegate(live: Any, username: str) -> str:
    from tests.server.live import DEMO_PASSWORD

    from hanoi_desk.server import admin

    admin.add_user(live.server.db, username, DEMO_PASSWORD, f"Đại biểu {username}",
                   cheap_hash=True)  # fmt: skip
    admin.set_participant(live.server.db, M, username, "delegate")
    return username


def _row(console: ChairConsole, user: str) -> int:
    view = console.view
    assert view is not None
    mine = next(s.request_id for s in view.speakers if user in s.name and s.waiting is not None)
    rows = [console.queue.item(i).data(REQUEST_ROLE) for i in range(console.queue.count())]
    return rows.index(mine)


def test_a_chair_and_two_delegates_check_in_and_run_a_speaker_queue(
    qtbot: Any, desk: Desk, live: Any
) -> None:
    # Both join the meeting before anyone syncs: every profile knows the same roster.
    new_delegate(live, "uidb1")
    new_delegate(live, "uidb2")
    chair = Client(qtbot, desk, live.base_url, "chutich", chair=True)
    d1 = Client(qtbot, desk, live.base_url, "uidb1")
    d2 = Client(qtbot, desk, live.base_url, "uidb2")
    everyone = (chair, d1, d2)
    try:
        qtbot.waitUntil(lambda: all(c.room.online for c in everyone), timeout=WAIT)
        one, two = d1.panel, d2.panel
        assert isinstance(one, RoomNowPanel) and isinstance(two, RoomNowPanel)
        console = chair.panel
        assert isinstance(console, ChairConsole)
        qtbot.waitUntil(lambda: all(c.room.view is not None for c in everyone), timeout=WAIT)
        assert one.room.view is not None
        present, members, _met, _need = one.quorum(one.room.view)
        waiting = _counts(d1)[1]
        qtbot.mouseClick(one.checkin, LEFT)
        qtbot.mouseClick(two.checkin, LEFT)
        qtbot.mouseClick(one.speak, LEFT)
        qtbot.waitUntil(lambda: f": {waiting + 1}" in one.place.text(), timeout=WAIT)
        qtbot.mouseClick(two.speak, LEFT)

        def same(queue: int) -> bool:
            seen = {_counts(c) for c in everyone}
            return len(seen) == 1 and next(iter(seen))[1] == queue

        qtbot.waitUntil(lambda: same(waiting + 2), timeout=WAIT)
        # Both check-ins reach delegate one's screen (its view may reload a beat
        # after the queue counts agree: the stream and its own action cross).
        qtbot.waitUntil(
            lambda: (
                one.room.view is not None
                and one.quorum(one.room.view)[:2] == (present + 2, members)
            ),
            timeout=WAIT,
        )
        assert f": {waiting + 1}" in one.place.text() and f": {waiting + 2}" in two.place.text()
        # My actions: each applied by the authority.
        qtbot.waitUntil(lambda: one.actions_list.count() == 2, timeout=WAIT)
        qtbot.waitUntil(lambda: all("applied" in one.actions_list.item(i).text()
                                    for i in range(2)), timeout=WAIT)  # fmt: skip

        console.queue.setCurrentRow(_row(console, "uidb1"))
        qtbot.mouseClick(console.buttons["approve"], LEFT)
        qtbot.waitUntil(lambda: "(approved)" in console.queue.item(_row(console, "uidb1")).text(),
                        timeout=WAIT)  # fmt: skip
        console.queue.setCurrentRow(_row(console, "uidb1"))
        qtbot.mouseClick(console.buttons["call"], LEFT)
        qtbot.waitUntil(lambda: same(waiting + 1), timeout=WAIT)
        # Called, then speaking (two events): every screen ends on the same line.
        qtbot.waitUntil(
            lambda: (
                {c.panel.speaker.text() for c in everyone}
                == {"Speaking: Đại biểu uidb1 (speaking)"}
            ),
            timeout=WAIT,
        )
        qtbot.waitUntil(lambda: one.timer.text() not in ("", "00:00"), timeout=WAIT)
        assert "not waiting" in one.place.text() and f": {waiting + 1}" in two.place.text()

        # A stale click: the chair's screen has not heard yet that d2 withdrew
        # (its screen is held), so "Reject" names the list it showed.
        chair.room.viewChanged.disconnect(console.show_view)
        console.queue.setCurrentRow(_row(console, "uidb2"))
        qtbot.mouseClick(two.withdraw, LEFT)
        qtbot.waitUntil(lambda: _counts(d1)[1] == waiting and _counts(d2)[1] == waiting,
                        timeout=WAIT)  # fmt: skip
        assert console.queue.count() == waiting + 1  # the old list, still on the chair's screen
        chair.room.viewChanged.connect(console.show_view)  # the click comes first
        qtbot.mouseClick(console.buttons["reject"], LEFT)
        qtbot.waitUntil(lambda: "look again" in console.message.text(), timeout=WAIT)
        qtbot.waitUntil(lambda: console.queue.count() == waiting, timeout=WAIT)  # reloaded
    finally:
        for c in everyone:
            c.close()


def test_an_offline_delegate_sees_queued_then_applied(qtbot: Any, desk: Desk, live: Any) -> None:
    proxy_mod = _proxy_module()
    cut = threading.Event()

    def plan(_n: int) -> Any:
        return proxy_mod.Fault(up_after=0) if cut.is_set() else proxy_mod.NO_FAULT

    port = int(live.base_url.rsplit(":", 1)[1].rstrip("/"))
    with proxy_mod.FaultProxy(port, plan) as proxy:
        d1 = Client(qtbot, desk, proxy.url, new_delegate(live, "uidb3"))
        try:
            panel = d1.panel
            assert isinstance(panel, RoomNowPanel)
            qtbot.waitUntil(lambda: d1.room.online, timeout=WAIT)
            cut.set()
            proxy.cut_all()
            qtbot.waitUntil(lambda: not d1.room.online, timeout=WAIT)
            assert panel.connection.text().startswith("Offline")
            qtbot.mouseClick(panel.speak, LEFT)
            qtbot.waitUntil(lambda: panel.actions_list.count() == 1, timeout=WAIT)
            assert "queued" in panel.actions_list.item(0).text()
            cut.clear()
            qtbot.waitUntil(lambda: d1.room.online, timeout=WAIT)
            qtbot.waitUntil(lambda: "applied" in panel.actions_list.item(0).text(), timeout=WAIT)
            qtbot.waitUntil(lambda: "1" in panel.place.text() or panel.queue.count() >= 1,
                            timeout=WAIT)  # fmt: skip
        finally:
            d1.close()


def test_follow_the_presenter_and_the_projector(
    qtbot: Any, desk: Desk, live: Any, big_pdf: Path
) -> None:
    """The secretary presents page 7 of a version this delegate holds: the
    following reader shows page 7 of it; once the delegate moves by themself
    the reader stays where they are when page 9 is presented, until "Return to
    presenter". The projector shows the current speaker."""
    from ui_helpers import seed_meeting

    from hanoi_desk.ui.presenter import PresenterBar
    from hanoi_desk.ui.projector import ProjectorWindow
    from hanoi_desk.ui.reader_panel import ReaderPanel

    new_delegate(live, "uidb6")
    secretary = Client(qtbot, desk, live.base_url, "thuky", chair=True)
    d = Client(qtbot, desk, live.base_url, "uidb6")
    try:
        from datetime import datetime

        d.runner.call("db", lambda: seed_meeting(d.session, "Kỳ họp", datetime.now(), [big_pdf]))
        docs = d.runner.call("db", d.session.cache.documents)
        version = next(doc.version_id for doc in docs if doc.available)
        reader = ReaderPanel(d.runner, lambda: d.ws, "en", "uidb6", changes=d.feed)
        bar = PresenterBar(d.room, reader)
        holder = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(holder)
        layout.addWidget(bar)
        layout.addWidget(reader)
        qtbot.addWidget(holder)
        holder.resize(900, 700)
        holder.show()
        qtbot.waitUntil(lambda: d.room.online and secretary.room.online, timeout=WAIT)

        def present(page: int) -> None:
            secretary.room.act(lambda s, m: s.present(m, version, page))

        present(7)
        qtbot.waitUntil(
            lambda: (
                reader.summary is not None
                and reader.summary.version_id == version
                and reader.view.current_page() == 6
            ),
            timeout=WAIT,
        )
        # The delegate turns to page 3 by themself: detached.
        reader.view.go_to(2)
        qtbot.waitUntil(lambda: not bar.following and bar.back.isVisible(), timeout=WAIT)
        present(9)
        qtbot.waitUntil(lambda: bar.presented is not None and bar.presented.page == 9, timeout=WAIT)
        assert reader.view.current_page() == 2  # a detached reader does not move
        qtbot.mouseClick(bar.back, LEFT)
        qtbot.waitUntil(lambda: reader.view.current_page() == 8, timeout=WAIT)
        assert bar.following and bar.follow.isChecked()

        # The projector: the current speaker, large, with the timer.
        console = secretary.panel
        assert isinstance(console, ChairConsole)
        projector = ProjectorWindow(secretary.room)
        qtbot.addWidget(projector)
        projector.show()
        qtbot.mouseClick(d.panel.speak, LEFT)  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: _has_row(console, "uidb6"), timeout=WAIT)
        console.queue.setCurrentRow(_row(console, "uidb6"))
        qtbot.mouseClick(console.buttons["call"], LEFT)
        qtbot.waitUntil(lambda: "uidb6" in projector.big.text(), timeout=WAIT)
        qtbot.waitUntil(lambda: projector.timer.text() not in ("", "00:00"), timeout=WAIT)
        qtbot.keyClick(projector, QtCore.Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not projector.isVisible(), timeout=WAIT)
    finally:
        secretary.close()
        d.close()


def _has_row(console: ChairConsole, user: str) -> bool:
    view = console.view
    return view is not None and any(user in s.name and s.waiting is not None for s in view.speakers)


SIDE_WIDTH = 220
"""The side panel's page at the window's default split on a 1366×768 screen
(about 225 px beside its icon bar in docs/screenshots/meeting-vi.png)."""


def _clipped(panel: QtWidgets.QWidget) -> list[str]:
    """The visible buttons narrower than their text or out of the page's width."""
    cut = []
    for button in panel.findChildren(QtWidgets.QPushButton):
        if not button.isVisibleTo(panel):
            continue
        left = button.mapTo(panel, QtCore.QPoint(0, 0)).x()
        if button.width() < button.sizeHint().width() or left + button.width() > panel.width():
            cut.append(button.text())
    return cut


def test_the_room_pages_fit_the_side_panel_at_its_default_width(
    qtbot: Any, desk: Desk, live: Any
) -> None:
    """The screenshot review (issue 16): at the default width "Báo vắng…" was hidden,
    "Chất vấn…" and "Kết thúc" cut, the speaker's time out of view and the
    queue's lines cut. In Vietnamese, the longer language."""
    from hanoi_desk.ui.app import install_translator, set_language

    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    install_translator(app, "vi")
    new_delegate(live, "uidb9")
    chair = Client(qtbot, desk, live.base_url, "chutich", chair=True)
    d = Client(qtbot, desk, live.base_url, "uidb9")
    try:
        qtbot.waitUntil(lambda: chair.room.view is not None and d.room.view is not None,
                        timeout=WAIT)  # fmt: skip
        for c in (chair, d):
            c.panel.retranslate()
            c.panel.resize(SIDE_WIDTH, 700)
        try:
            qtbot.waitUntil(lambda: not _clipped(d.panel) and not _clipped(chair.panel),
                            timeout=WAIT)  # fmt: skip
        except Exception:
            for c in (chair, d):
                for b in c.panel.findChildren(QtWidgets.QPushButton):
                    if b.isVisibleTo(c.panel):
                        print(
                            b.text(),
                            b.width(),
                            b.sizeHint().width(),
                            b.mapTo(c.panel, QtCore.QPoint(0, 0)).x(),
                            c.panel.width(),
                        )
            raise
        for c in (chair, d):
            # Nothing is cut at the right edge: the page needs no more than its width.
            scroll = c.panel.findChild(QtWidgets.QScrollArea)
            assert scroll is not None and scroll.widget() is not None
            needs = scroll.widget().minimumSizeHint().width()
            assert needs <= scroll.viewport().width(), (c.panel.objectName(), needs)
            timer = c.panel.timer
            top = timer.mapTo(c.panel, QtCore.QPoint(0, 0))
            assert top.x() >= 0 and top.x() + timer.sizeHint().width() <= SIDE_WIDTH
            assert 0 <= top.y() < 250  # among the first lines, not below the lists
        # A long interpellation wraps in the queue instead of running off the edge.
        queue = chair.panel.queue
        line = "Nguyễn Văn An — chất vấn Giám đốc Sở Tài chính về tiến độ giải ngân vốn"
        queue.addItem(line)
        item = queue.item(queue.count() - 1)
        qtbot.waitUntil(lambda: queue.visualItemRect(item).height() > 0, timeout=WAIT)
        rect = queue.visualItemRect(item)
        assert rect.right() <= queue.viewport().width()
        assert rect.height() >= 2 * queue.fontMetrics().height()
    finally:
        d.close()
        chair.close()
        set_language(app, "en")
