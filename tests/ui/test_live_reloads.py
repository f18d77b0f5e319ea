"""A burst of live events reloads the screens a few times, not once per event
(issue 16: no UI-thread stall over 100 ms while 500 events arrive; the figure
is ``./run bench ui``'s ui.live_stall, this test counts, never times).

Real parts: the session's change bus and the desktop's ChangeFeed and task
runner; for the live room, a real profile following the real server on
127.0.0.1. The burst is published on the bus straight from a thread, as the
follower publishes one ``Changes.live`` per event it stores."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_live_room import Client
from ui_helpers import WAIT

from hanoi_desk.app.changes import ChangeBus, Changes
from hanoi_desk.app.session import Desk
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.qt import QtCore
from hanoi_desk.ui.tasks import TaskRunner


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv-reloads")
    with running_server(root / "data", packs_dir=root / "packs", live_heartbeat=0.3) as srv:
        yield srv


def _drain(qtbot: Any, runner: TaskRunner) -> None:
    """Everything posted to the GUI thread so far has run: posts from other threads
    run in order (one from the GUI thread itself would run at once)."""
    reached: list[bool] = []
    poster = threading.Thread(target=lambda: runner.post(lambda: reached.append(True)))
    poster.start()
    poster.join()
    qtbot.waitUntil(lambda: bool(reached), timeout=WAIT)


def test_a_burst_of_changes_reaches_the_screens_once_with_every_kind(qtbot: Any) -> None:
    bus = ChangeBus()
    runner = TaskRunner()
    feed = ChangeFeed(bus, runner)
    seen: list[Changes] = []
    feed.changed.connect(seen.append)
    try:
        # 500 events while the UI thread is busy elsewhere (here: waiting for the thread).
        burst = [Changes(live=True)] * 499 + [Changes(documents=True)]
        publisher = threading.Thread(target=lambda: [bus.publish(c) for c in burst])
        publisher.start()
        publisher.join()
        _drain(qtbot, runner)
        assert len(seen) == 1
        assert seen[0].touches(("live",)) and seen[0].touches(("documents",))
        assert not seen[0].touches(("notes",))
        # The next change after a delivery is delivered on its own.
        bus.publish(Changes(notes=True))
        _drain(qtbot, runner)
        assert len(seen) == 2 and seen[1] == Changes(notes=True)
    finally:
        feed.close()
        runner.shutdown()


def test_reloads_asked_while_one_is_under_way_read_the_view_once_more(
    qtbot: Any, desk: Desk, live: Any
) -> None:
    d = Client(qtbot, desk, live.base_url, "daibieu2")
    try:
        qtbot.waitUntil(lambda: d.room.view is not None, timeout=WAIT)
        d.room.stop(wait=10)  # no follower: only this test asks for reloads now
        qtbot.waitUntil(lambda: d.runner.pending == 0, timeout=WAIT)
        _drain(qtbot, d.runner)
        views: list[object] = []
        d.room.viewChanged.connect(views.append)
        for _ in range(50):  # 50 events' worth of reloads, asked at once
            d.room.refresh()
        qtbot.waitUntil(lambda: d.runner.pending == 0, timeout=WAIT)
        _drain(qtbot, d.runner)
        # The one under way, then one more that reads all the others' changes.
        assert len(views) == 2
        d.room.refresh()  # and a later one is not lost
        qtbot.waitUntil(lambda: len(views) == 3, timeout=WAIT)
    finally:
        d.close()


def test_home_reloads_for_live_changes_only_while_it_is_shown(
    qtbot: Any, deskapp: Any, tmp_path: Path
) -> None:
    """A burst of live changes while the Meeting page is read reloads Home not at
    all (issue 16's stall: Home reloaded its cards once per live event); Home
    catches up once when it is shown, and reloads on live changes while shown.

    Real parts: the real window on a real encrypted profile; the changes reach it
    through its ChangeFeed's signal as the follower's ``Changes.live`` do."""
    from test_window import seeded
    from ui_helpers import idle

    main, meeting = seeded(qtbot, deskapp, tmp_path)
    main.show()
    qtbot.mouseClick(main.meetings.cards()[0], QtCore.Qt.MouseButton.LeftButton)
    idle(qtbot, deskapp)
    assert main.pages.currentWidget() is main.room
    shown: list[object] = []
    real = main.meetings.show_meetings

    def counted(data: Any, *rest: Any) -> None:
        shown.append(data)
        real(data, *rest)

    main.meetings.show_meetings = counted  # type: ignore[method-assign,assignment]
    for _ in range(50):
        main.changes.changed.emit(Changes(live=True))
    idle(qtbot, deskapp)
    _drain(qtbot, deskapp.runner)
    assert shown == []  # nobody looks at Home: no reload
    main.show_page(main.meetings)  # the live changes not shown yet: one reload
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=WAIT)
    main.show_page(main.room)
    main.changes.changed.emit(Changes(outbox=True))  # not only live: Home reloads
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=WAIT)
    main.show_page(main.meetings)  # nothing new since: no reload
    idle(qtbot, deskapp)
    _drain(qtbot, deskapp.runner)
    assert len(shown) == 2
    main.changes.changed.emit(Changes(live=True))  # Home shown: its live lines reload
    qtbot.waitUntil(lambda: len(shown) == 3, timeout=WAIT)
    assert meeting in {c.meeting.id for c in main.meetings.cards()}
