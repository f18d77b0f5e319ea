"""Follow the presenter to a version this computer does not hold (issue 16: "a
missing version is fetched"), against the real server on 127.0.0.1 with real
profiles, the real reader and PresenterBar (ui/presenter.py). The secretary
replaces a document on the server after the delegate's last sync and presents
a page of the new version: the delegate's client fetches it through the sync's
download path and shows that page. The link is lost through the fault proxy of
tests/sync/sync_proxy.py (the only way to lose a connection on one machine):
new connections fail while the live stream already open stays, so the
presentation arrives but the download cannot start; the bar says so and
fetches it once connections work again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from test_live_room import Client, _proxy_module
from ui_helpers import WAIT

from hanoi_desk.app.session import Desk
from hanoi_desk.samples import make_pdf
from hanoi_desk.server.models import DocumentVersion
from hanoi_desk.server.packs import document_id, import_pack
from hanoi_desk.ui.presenter import PresenterBar
from hanoi_desk.ui.qt import QtWidgets
from hanoi_desk.ui.reader_panel import ReaderPanel

M = "hdnd-dongda-ky12"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    # A server (and packs) of this module's own: the test replaces one of its PDFs.
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv-presenter")
    with running_server(root / "data", packs_dir=root / "packs", live_heartbeat=0.3) as srv:
        yield srv


def replace_on_server(live: Any, pages: int) -> str:
    """The secretary's new version of the budget report, imported on the server
    (superseding the old one); returns its version id."""
    pack = live.demo.pack_dirs[0]
    make_pdf(pack / "03-to-trinh.pdf", f"TỜ TRÌNH Dự toán ngân sách ({pages} trang)", pages=pages)
    import_pack(live.server.db, live.server.blobs, pack)
    doc = document_id(M, "to-trinh-ngan-sach")
    with live.server.db.read() as s:
        return str(
            s.execute(
                sa.select(DocumentVersion.id).where(
                    DocumentVersion.document_id == doc, DocumentVersion.superseded_by.is_(None)
                )
            ).scalar_one()
        )


class Follower:
    """The delegate's reader with the presenter bar over it, as in the window."""

    def __init__(self, qtbot: Any, d: Client) -> None:
        self.reader = ReaderPanel(d.runner, lambda: d.ws, "en", "uipf", changes=d.feed)
        self.bar = PresenterBar(d.room, self.reader)
        self.holder = holder = QtWidgets.QWidget()  # kept: qtbot holds it weakly
        layout = QtWidgets.QVBoxLayout(holder)
        layout.addWidget(self.bar)
        layout.addWidget(self.reader)
        qtbot.addWidget(holder)
        holder.resize(900, 700)
        holder.show()

    def at(self, version: str, page: int) -> bool:
        summary = self.reader.summary
        return (
            summary is not None
            and summary.version_id == version
            and self.reader.view.current_page() == page - 1
        )


def test_a_presented_version_missing_here_is_fetched_even_after_a_lost_link(
    qtbot: Any, desk: Desk, live: Any
) -> None:
    proxy_mod = _proxy_module()
    cut = threading.Event()

    def plan(_n: int) -> Any:
        return proxy_mod.Fault(up_after=0) if cut.is_set() else proxy_mod.NO_FAULT

    port = int(live.base_url.rsplit(":", 1)[1].rstrip("/"))
    with proxy_mod.FaultProxy(port, plan) as proxy:
        secretary = Client(qtbot, desk, live.base_url, "thuky", chair=True)
        # A delegate of the meeting's pack: importing the pack again keeps them in it.
        d = Client(qtbot, desk, proxy.url, "daibieu3")
        try:
            follower = Follower(qtbot, d)
            qtbot.waitUntil(lambda: d.room.online and secretary.room.online, timeout=WAIT)
            # Added on the server after the delegate's last sync: not even listed here.
            version = replace_on_server(live, pages=12)
            assert d.runner.call("db", lambda: d.session.cache.versions([version])) == {}
            secretary.room.act(lambda s, m: s.present(m, version, 9))
            qtbot.waitUntil(lambda: follower.at(version, 9), timeout=WAIT)
            assert follower.bar.note.text() == ""
            assert d.runner.call("db", lambda: d.session.cache.versions([version]))[
                version
            ].available

            # New connections fail (the stream already open stays): the presentation
            # arrives, the download cannot start, the bar says so and keeps the page.
            cut.set()
            newer = replace_on_server(live, pages=14)
            secretary.room.act(lambda s, m: s.present(m, newer, 13))
            qtbot.waitUntil(
                lambda: "when the connection returns" in follower.bar.note.text(), timeout=WAIT
            )
            assert follower.at(version, 9)
            cut.clear()
            qtbot.waitUntil(lambda: follower.at(newer, 13), timeout=WAIT)
            assert follower.bar.note.text() == ""
        finally:
            secretary.close()
            d.close()
