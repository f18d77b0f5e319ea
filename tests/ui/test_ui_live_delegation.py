"""Vote delegation on the delegate's "room now" page (issue 16) against the real
server on 127.0.0.1: real profiles, real panels (ui/live_room.py), nothing
mocked. While the body's rules forbid it, the authority refuses and the page
hides the control and says why; once the body allows it, a delegate hands
their vote to a present member, the proxy's page says whose vote it holds,
and "Take it back" ends it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_live_room import Client, new_delegate
from ui_helpers import LEFT, WAIT

from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.server import admin
from hanoi_desk.ui.live_room import RoomNowPanel

BODY = "HĐND quận Đống Đa"
"""The demo meeting's body (its vote settings are the server's)."""


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    # A server of this module's own: the test switches the body's delegation on.
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv-delegation")
    with running_server(root / "data", packs_dir=root / "packs", live_heartbeat=0.3) as srv:
        yield srv


@pytest.fixture
def desk(home: Path, fast_kdf: None) -> Desk:
    return Desk(default_vault(home))


def _page(c: Client) -> RoomNowPanel:
    assert isinstance(c.panel, RoomNowPanel)
    return c.panel


def _offers(page: RoomNowPanel, user: str) -> bool:
    return page.proxy_box.findData(user) >= 0


def test_a_delegate_hands_the_vote_to_a_present_member_and_takes_it_back(
    qtbot: Any, desk: Desk, live: Any
) -> None:
    names = ("uidl1", "uidl2", "uidl3")
    for name in names:
        new_delegate(live, name)  # before anyone syncs: every profile knows the roster
    off, proxy, member = (Client(qtbot, desk, live.base_url, n) for n in names)
    everyone = (off, proxy, member)
    try:
        qtbot.waitUntil(lambda: all(c.room.online and c.room.view for c in everyone), timeout=WAIT)
        proxy_id = proxy.room.view.me  # type: ignore[union-attr]
        member_id = member.room.view.me  # type: ignore[union-attr]
        # Only present members are offered: the proxy is not here yet.
        assert not _offers(_page(off), proxy_id)
        assert _page(off).delegation_form.isVisibleTo(_page(off))
        qtbot.mouseClick(_page(proxy).checkin, LEFT)
        qtbot.waitUntil(lambda: all(_offers(_page(c), proxy_id) for c in (off, member)),
                        timeout=WAIT)  # fmt: skip

        # The body's rules forbid delegation (the default): refused, the control
        # goes and the reason stays on the page.
        page = _page(off)
        page.proxy_box.setCurrentIndex(page.proxy_box.findData(proxy_id))
        qtbot.mouseClick(page.hand_vote, LEFT)
        qtbot.waitUntil(lambda: not page.delegation_form.isVisibleTo(page), timeout=WAIT)
        assert "do not let a member hand their vote" in page.delegation.text()
        qtbot.waitUntil(
            lambda: (
                page.actions_list.count() == 1 and "refused" in page.actions_list.item(0).text()
            ),
            timeout=WAIT,
        )
        assert page.actions_list.item(0).text().startswith("Vote delegation")

        # The body allows it: a member hands their vote to the present proxy.
        admin.set_body_setting(live.server.db, BODY, "vote-delegation", True)
        mine = _page(member)
        assert not mine.take_back.isVisibleTo(mine)
        mine.proxy_box.setCurrentIndex(mine.proxy_box.findData(proxy_id))
        qtbot.mouseClick(mine.hand_vote, LEFT)
        qtbot.waitUntil(
            lambda: _page(proxy).delegation.text() == "You vote for: Đại biểu uidl3", timeout=WAIT
        )
        qtbot.waitUntil(
            lambda: mine.delegation.text() == "Your vote is with: Đại biểu uidl2", timeout=WAIT
        )
        assert mine.take_back.isVisibleTo(mine)
        # A recorded delegation shows the body allows them: the refused page offers it again.
        qtbot.waitUntil(lambda: page.delegation_form.isVisibleTo(page), timeout=WAIT)
        assert member.room.view is not None
        assert dict(member.room.view.state.delegations) == {member_id: proxy_id}

        qtbot.mouseClick(mine.take_back, LEFT)
        qtbot.waitUntil(lambda: _page(proxy).delegation.text() == "", timeout=WAIT)
        qtbot.waitUntil(lambda: not mine.take_back.isVisibleTo(mine), timeout=WAIT)
        assert not _page(proxy).delegation.isVisibleTo(_page(proxy))
    finally:
        for c in everyone:
            c.close()
