"""The sync panel names the documents a sync skipped, by their titles, and
shows what a server wrote only escaped.

The real reference server on 127.0.0.1, with one document's stored file
damaged on its disk (what issue 10 found: one corrupt blob) and a title
written to deceive: HTML, a bidi override and an escape sequence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from ui_helpers import idle, unlock

from hanoi_desk.domain.models import OutboxEntry
from hanoi_desk.domain.text import printable
from hanoi_desk.server import models
from hanoi_desk.server.feed import republish_meeting
from hanoi_desk.server.packs import document_id
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.qt import QtCore
from hanoi_desk.ui.sync_panel import SyncPanel

SYNC_WAIT = 120_000
COUNCIL = "hdnd-dongda-ky12"
HOSTILE = "Tờ trình <b>giả</b> \u202egpj.exe\x1b[2J"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


def _password() -> str:
    from tests.server.live import DEMO_PASSWORD

    return DEMO_PASSWORD


def damage(live: Any) -> dict[Any, bytes]:
    """Give one document the hostile title and flip a byte of each of its stored
    files; returns each file's original bytes, to repair it."""
    doc_id = document_id(COUNCIL, "to-trinh-ngan-sach")
    with live.server.db.write() as s:
        doc = s.get(models.Document, doc_id)
        assert doc is not None
        doc.title = HOSTILE
        s.flush()
        republish_meeting(s, COUNCIL)
        shas = list(
            s.scalars(
                select(models.DocumentVersion.sha256).where(
                    models.DocumentVersion.document_id == doc_id
                )
            )
        )
    originals = {}
    for sha in shas:
        path = live.server.blobs._path(sha)
        data = path.read_bytes()
        originals[path] = data
        path.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))
    return originals


def sync(qtbot: Any, deskapp: DeskApp, live: Any) -> None:
    assert deskapp.main is not None
    with qtbot.waitSignal(deskapp.main.sync.finished, timeout=SYNC_WAIT):
        deskapp.main.sync.start(live.base_url, "demo", _password)
    idle(qtbot, deskapp)  # the lists reloaded after the sync


def test_the_sync_panel_names_each_skipped_document(
    qtbot: Any, deskapp: DeskApp, live: Any
) -> None:
    originals = damage(live)
    unlock(qtbot, deskapp)
    assert deskapp.main is not None
    main, panel = deskapp.main, deskapp.main.sync_panel
    sync(qtbot, deskapp, live)

    assert main.indicator.state == "error"
    assert len(panel.failed) == len(originals)
    shown = "; ".join([f"“{printable(HOSTILE)}”"] * len(originals))
    assert panel.skipped.isVisibleTo(panel)
    assert panel.skipped.text() == f"Not downloaded (asked for again at the next sync): {shown}"
    assert "\u202e" not in panel.skipped.text() and "\x1b" not in panel.skipped.text()
    assert panel.skipped.textFormat() == QtCore.Qt.TextFormat.PlainText  # "<b>" is not markup
    assert "does not match its hash" in panel.skipped.toolTip()
    assert "&lt;b&gt;" in panel.skipped.toolTip()  # the tooltip shows the title's text too
    rows = [panel.downloads.topLevelItem(i) for i in range(panel.downloads.topLevelItemCount())]
    assert [r.text(2) for r in rows if r.text(0) == HOSTILE] == ["Skipped"] * len(originals)

    # Repaired on the server: the next sync fetches them and the line goes.
    for path, data in originals.items():
        path.write_bytes(data)
    sync(qtbot, deskapp, live)
    assert main.indicator.state == "up_to_date"
    assert panel.failed == {}
    assert not panel.skipped.isVisibleTo(panel) and panel.skipped.text() == ""


def test_a_refusal_reason_from_the_server_is_shown_escaped_and_cut(qtbot: Any) -> None:
    """The reference server sends known codes only; any server may send this."""
    panel = SyncPanel()
    qtbot.addWidget(panel)
    reason = "\u202egnp.exe\x1b[2J" + "x" * 100
    entry = OutboxEntry(
        seq=1, op_id="op-1", kind="comment.add", payload="{}", state="rejected", attempts=1,
        last_error=reason,
    )  # fmt: skip
    panel.show_outbox([entry])
    shown = panel.outbox.topLevelItem(0).text(3)
    assert shown == "\\u202egnp.exe\\x1b[2J" + "x" * 52 + "…"


def test_the_outbox_names_every_kind_and_downloads_show_their_whole_line(qtbot: Any) -> None:
    """The screenshot review (issue 16): a completed signature and a written
    opinion showed their raw kind; "Every document is on this computer." was cut
    to the width of the title column."""
    panel = SyncPanel()
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()
    entries = [
        OutboxEntry(
            seq=i,
            op_id=f"op-{i}",
            kind=k,
            payload="{}",
            state="queued",
            attempts=0,
            last_error=None,
        )
        for i, k in enumerate(("signature.complete", "consultation.respond"), 1)
    ]
    panel.show_outbox(entries)
    shown = [panel.outbox.topLevelItem(i).text(0) for i in range(2)]
    assert shown == ["Signature completed with a timestamp", "Written opinion"]
    panel.show_downloads([])
    none = panel.downloads.topLevelItem(0)
    assert none.isFirstColumnSpanned()
    rect = panel.downloads.visualItemRect(none)
    needed = panel.downloads.fontMetrics().horizontalAdvance(none.text(0))
    assert rect.width() > needed
