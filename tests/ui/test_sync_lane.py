"""A sync holds no screen up, and a first sync shows what is downloading.

The real reference server on 127.0.0.1 sits behind the sync tests' TCP proxy,
which slows every forwarded piece, so downloads are still running while the
test opens a meeting and reads its notes (both on the database lane). Before
the sync had a connection of its own, both waited for the whole sync.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from ui_helpers import WAIT, idle, on_db, unlock

from hanoi_desk.app.session import Desk
from hanoi_desk.ui.app import DeskApp
from helpers import raw_sql

SYNC_WAIT = 120_000


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


@pytest.fixture
def slow_server(live: Any) -> Iterator[str]:
    from tests.sync.sync_proxy import Fault, FaultProxy

    port = int(live.base_url.rsplit(":", 1)[1])
    # 8 KiB pieces, 40 ms each: about 200 KiB/s, a commune's slow link.
    with FaultProxy(port, lambda _n: Fault(delay=0.04)) as proxy:
        yield proxy.url


def _password() -> str:
    from tests.server.live import DEMO_PASSWORD

    return DEMO_PASSWORD


def _meeting_rows(main: Any) -> list[tuple[str, str]]:
    """(meeting id, offline line) of every meeting Home lists."""
    rows: list[tuple[str, str]] = main.meetings.rows()
    return rows


def test_first_sync_shows_download_progress_and_screens_load_meanwhile(
    qtbot: Any, deskapp: DeskApp, slow_server: str
) -> None:
    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    main = deskapp.main
    assert _meeting_rows(main) == []  # a new profile: nothing known before the sync
    main.sync.start(slow_server, "demo", _password)

    # The meeting arrives with this sync and shows its download progress while
    # the documents are still coming (they were unknown when the sync started).
    qtbot.waitUntil(
        lambda: any("downloading" in text for _id, text in _meeting_rows(main)), timeout=SYNC_WAIT
    )
    assert main.sync.running
    meeting_id = next(mid for mid, text in _meeting_rows(main) if "downloading" in text)
    assert main.sync_panel.progress  # the panel lists the transfer too

    # Opening the meeting and its notes go through the database lane: they must
    # not wait for the sync to end.
    main.open_meeting(meeting_id)
    qtbot.waitUntil(
        lambda: (
            main.meeting_page.detail is not None
            and main.meeting_page.detail.meeting.id == meeting_id
        ),
        timeout=WAIT,
    )
    assert main.sync.running, "the meeting opened only after the sync ended"
    # A round trip through the database lane answers while the sync goes on.
    count = on_db(
        deskapp, lambda s: raw_sql(s.cache).execute("SELECT COUNT(*) FROM meetings").fetchone()[0]
    )
    assert count >= 1 and main.sync.running

    # Cancel: the sync's own connection closes and nothing is half-listed.
    main.sync.stop()
    qtbot.waitUntil(lambda: not main.sync.running, timeout=SYNC_WAIT)
    idle(qtbot, deskapp)
    assert main.indicator.state == "offline"
    listed = on_db(
        deskapp,
        lambda s: (
            raw_sql(s.cache)
            .execute(
                "SELECT COUNT(*) FROM document_versions v WHERE available = 1 "
                "AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = v.sha256)"
            )
            .fetchone()[0]
        ),
    )
    assert listed == 0


def test_a_wipe_ordered_by_the_server_closes_the_session_then_deletes_the_profile(
    qtbot: Any, deskapp: DeskApp, live: Any, profile_desk: Desk
) -> None:
    """The order arrives on the sync's own connection; the reading connection is
    closed on its lane before the profile goes, and the window locks."""
    from hanoi_desk.server import admin
    from hanoi_desk.store.replica import Replica

    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    main = deskapp.main
    with qtbot.waitSignal(main.sync.finished, timeout=SYNC_WAIT):
        main.sync.start(live.base_url, "demo", _password)
    assert main.sync.last_error is None
    account = on_db(deskapp, lambda s: Replica(s.cache).account(live.base_url))
    assert account is not None
    admin.wipe_device(live.server.db, "demo", account.device_id)
    with qtbot.waitSignal(main.sync.wiped, timeout=SYNC_WAIT):
        main.sync.start(live.base_url, "demo", _password)
    qtbot.waitUntil(lambda: deskapp.main is None, timeout=WAIT)
    qtbot.waitUntil(lambda: "wiped" in deskapp.unlock.status.text(), timeout=WAIT)
    assert [p.name for p in profile_desk.profiles()] == []
