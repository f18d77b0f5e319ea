"""The current agenda item in the desktop, against the real server on 127.0.0.1
(issue 16: "the current item marked while the meeting is live"; the projector
shows the current agenda item). The chair's console makes the item chosen in
its agenda current; a delegate's window — the real main window, synced and
following the meeting — marks it in the Meeting view's agenda; the chair's
projector shows its number and title. Nothing is mocked."""

from __future__ import annotations

from typing import Any

from test_live_room import Client, live  # noqa: F401  (live: the module's real server)
from test_ui_end_to_end import connect
from ui_helpers import LEFT, WAIT, idle, unlock

from hanoi_desk.app.session import Desk
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.live_room import ChairConsole
from hanoi_desk.ui.meetings_view import MeetingPage
from hanoi_desk.ui.projector import ProjectorWindow

M = "hdnd-dongda-ky12"
ITEM_2 = "Tờ trình dự toán ngân sách quận năm 2027"


def test_the_chair_makes_item_2_current_and_the_room_sees_it(
    qtbot: Any,
    deskapp: DeskApp,
    desk: Desk,
    live: Any,  # noqa: F811
) -> None:
    # The delegate (demo): the whole window, synced, the meeting open and followed.
    unlock(qtbot, deskapp)
    connect(qtbot, deskapp, live)
    main = deskapp.main
    assert main is not None
    main.open_meeting(M)
    idle(qtbot, deskapp)
    agenda = main.meeting_page.agenda
    qtbot.waitUntil(lambda: main.live.view is not None and agenda.count() >= 4, timeout=WAIT)
    assert not any(agenda.item(i).text().endswith("— now") for i in range(agenda.count()))

    chair = Client(qtbot, desk, live.base_url, "chutich", chair=True)
    try:
        console = chair.panel
        assert isinstance(console, ChairConsole)
        # The chair's agenda, as the window shows it beside the console.
        page = MeetingPage()
        qtbot.addWidget(page)
        page.show_detail(chair.runner.call("db", lambda: chair.ws.meetings.detail(M)), "chair")
        console.agenda_choice = page.chosen_item
        projector = ProjectorWindow(chair.room)
        qtbot.addWidget(projector)
        projector.show()
        qtbot.waitUntil(lambda: console.view is not None, timeout=WAIT)
        assert console.item_now.text() == "No agenda item is current yet."
        assert projector.item.text() == ""

        # The chair clicks as soon as the console shows the room (from the cache),
        # typically before its follower is online: the command is queued and the
        # follower must send it (it once stayed queued: LiveRoom's beat() cleared
        # the kick while the sync client asked it twice).
        page.agenda.setCurrentRow(1)
        qtbot.mouseClick(console.make_current, LEFT)

        qtbot.waitUntil(lambda: agenda.item(1).text().endswith("— now"), timeout=WAIT)
        assert agenda.item(1).text() == f"2. {ITEM_2} — now"
        assert agenda.item(1).font().bold()
        assert not any(agenda.item(i).font().bold() for i in (0, 2, 3))
        qtbot.waitUntil(lambda: projector.item.text() == f"Item 2: {ITEM_2}", timeout=WAIT)
        qtbot.waitUntil(lambda: console.item_now.text() == f"Now: item 2. {ITEM_2}", timeout=WAIT)
        # A reload of the delegate's meeting (a sync) keeps the mark.
        main._reload_meeting()
        idle(qtbot, deskapp)
        assert agenda.item(1).text().endswith("— now")
    finally:
        chair.close()
