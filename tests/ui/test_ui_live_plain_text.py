"""Text others typed is shown literally in the meeting room (review M2): a
delegate's interpellation topic written as Qt rich text ("<h1>KẾT QUẢ…</h1>")
must not paint a fake result on the room's projector or in the panels. Real
server on 127.0.0.1, real profiles and widgets; nothing mocked."""

from __future__ import annotations

from typing import Any

from test_live_room import Client, _has_row, _row, live, new_delegate  # noqa: F401
from ui_helpers import LEFT, WAIT

from hanoi_desk.app.session import Desk
from hanoi_desk.ui.live_room import ChairConsole
from hanoi_desk.ui.projector import ProjectorWindow
from hanoi_desk.ui.qt import QtCore

TOPIC = '<h1 style="color:red">KẾT QUẢ: THÔNG QUA 100%</h1>ngân sách'
PLAIN = QtCore.Qt.TextFormat.PlainText


def test_a_rich_text_topic_is_shown_literally(qtbot: Any, desk: Desk, live: Any) -> None:  # noqa: F811
    new_delegate(live, "uidb9")
    chair = Client(qtbot, desk, live.base_url, "thuky", chair=True)
    d = Client(qtbot, desk, live.base_url, "uidb9")
    try:
        console = chair.panel
        assert isinstance(console, ChairConsole)
        projector = ProjectorWindow(chair.room)
        qtbot.addWidget(projector)
        projector.show()
        qtbot.waitUntil(lambda: d.room.online and chair.room.online, timeout=WAIT)
        d.room.act(lambda s, m: s.interpellate(m, "Chủ tịch UBND quận", TOPIC))
        qtbot.waitUntil(lambda: _has_row(console, "uidb9"), timeout=WAIT)
        console.queue.setCurrentRow(_row(console, "uidb9"))
        qtbot.mouseClick(console.buttons["call"], LEFT)
        qtbot.waitUntil(lambda: "uidb9" in projector.big.text(), timeout=WAIT)
        assert "<h1" in projector.detail.text()
        for label in (projector.heading, projector.item, projector.big, projector.detail):
            assert label.textFormat() == PLAIN, label.objectName()
        # The panels' labels that show names, topics and reasons: plain too.
        qtbot.waitUntil(lambda: "uidb9" in d.panel.speaker.text(), timeout=WAIT)
        for panel in (d.panel, console):
            for label in (panel.speaker, panel.message, panel.presence):
                assert label.textFormat() == PLAIN, label.objectName()
    finally:
        chair.close()
        d.close()


def test_the_vote_panels_labels_are_plain_text(qtbot: Any) -> None:
    """The chair's poll console and the delegate's vote panel build every label
    that shows a title, an option, a name or a reason with the room's
    ``plain_label`` (one helper, no copy of their own)."""
    from hanoi_desk.ui import live_polls, live_room, live_votes

    for module in (live_polls, live_votes):
        assert module.plain_label is live_room.plain_label
        assert not hasattr(module, "_label")
    for make in (live_room.plain_label,):
        label = make("x")
        qtbot.addWidget(label)
        label.setText(TOPIC)
        assert label.textFormat() == PLAIN
