"""Text from the server, a token or another member shows in a tooltip as it is,
never as Qt rich text (ui/common.plain_tip; review 20 finding 7): an action
item whose text holds ``<b>`` and ``<img>`` (added on the real server on
127.0.0.1, synced into a real SQLCipher profile, shown by the real panel), and
a choice box whose entry looks like HTML (a token's label, a member's name)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import test_action_items_panel as panel_test
from sqlalchemy import select
from ui_helpers import WAIT

from hanoi_desk.app.session import Desk
from hanoi_desk.server import action_items
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.models import ActionItem
from hanoi_desk.ui.common import follow_choice_tip
from hanoi_desk.ui.qt import QtGui, QtWidgets

HOSTILE = '<b>Đậm</b> <img src="file:///etc/hostname"> Báo cáo'


def shown(tip: str) -> str:
    """What the reader sees: Qt renders a tooltip that might be rich text as HTML."""
    if QtGui.Qt.mightBeRichText(tip):
        return QtGui.QTextDocumentFragment.fromHtml(tip).toPlainText()
    return tip


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv-tips")
    with running_server(root / "data", packs_dir=root / "packs") as s:
        yield s


def test_an_action_items_markup_shows_literally(qtbot: Any, desk: Desk, srv: Any) -> None:
    with srv.server.db.read() as session:
        version_id = session.scalars(
            select(ActionItem.document_version_id).where(ActionItem.meeting_id == COUNCIL_ID)
        ).first()
    assert version_id is not None
    action_items.add(srv.server.db, version_id, f"{COUNCIL_ID}-unit-tckh",
                     datetime.date.today() + datetime.timedelta(days=30), HOSTILE)  # fmt: skip
    member = panel_test.Member(qtbot, desk, srv, "daibieu")
    try:
        member.sync()
        items = member.panel.list
        qtbot.waitUntil(lambda: items.count() == 4, timeout=WAIT)
        tips = [items.item(i).toolTip() for i in range(items.count())]
        hostile = [t for t in tips if "Đậm" in t]
        assert len(hostile) == 1, tips
        assert shown(hostile[0]) == HOSTILE  # the tags as text: nothing bold, no image
    finally:
        member.close()


def test_a_choice_boxs_tooltip_shows_its_entry_literally(qtbot: Any) -> None:
    box = QtWidgets.QComboBox()
    qtbot.addWidget(box)
    follow_choice_tip(box)
    box.addItems(["Thẻ ký", HOSTILE])
    box.setCurrentIndex(1)
    assert shown(box.toolTip()) == HOSTILE
