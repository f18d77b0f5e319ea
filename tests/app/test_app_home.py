"""Home as a use case, without Qt, on a real profile synced with the real
reference server: my role in each meeting, and for today's meetings the live
state this computer last received (read from the cache, no network)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from hanoi_desk.app.home import Home
from hanoi_desk.app.live import LiveOptions, LiveService
from hanoi_desk.app.meetings import Meetings
from hanoi_desk.app.session import Desk
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.live.state import AttendanceState
from helpers import FixedPrompt

COUNCIL = "hdnd-dongda-ky12"
COUNCIL_DAY = date(2027, 5, 12)
"""The demo council's meeting day (server/demo.py)."""


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


def test_home_shows_my_role_and_the_cached_live_state_of_todays_meeting(
    desk: Desk, fast_kdf: None, live: Any
) -> None:
    from tests.server.live import DEMO_PASSWORD

    desk.create("chutich", FixedPrompt())
    with desk.open("chutich", FixedPrompt(), "passphrase") as session:
        home = Home(session, Meetings(session.cache))
        assert home.load(COUNCIL_DAY).meetings == []  # nothing before the first sync
        options = SyncOptions(
            server=live.base_url, username="chutich", password=lambda: DEMO_PASSWORD
        )
        SyncService(session, options).run()
        before = home.load(COUNCIL_DAY)
        assert before.roles[COUNCIL] == "chair"
        assert COUNCIL not in before.live  # no live event on this computer yet

        # The live log comes to this computer (as `hanoi-desk live status` or the room's stream).
        live_options = LiveOptions(server=live.base_url, username="chutich",
                                   password=lambda: DEMO_PASSWORD)  # fmt: skip
        with LiveService(session, live_options) as service:
            view = service.status(COUNCIL)
        assert view.head_seq > 0
        data = home.load(COUNCIL_DAY)
        summary = data.live[COUNCIL]
        present = sum(1 for p in view.people if p.attendance is AttendanceState.PRESENT)
        assert (summary.present, summary.members) == (present, len(view.people))
        assert summary.members > 0 and summary.present > 0
        assert summary.speaker == (view.current.name if view.current else "")
        # On another day it is not today's meeting: no live line is read for it.
        assert home.load(date(2027, 5, 13)).live == {}
