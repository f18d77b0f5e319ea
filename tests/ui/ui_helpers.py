"""Helpers for the desktop tests.

Meetings reach a real profile through the sync engine; ``seed_meeting``
writes the same rows straight into the encrypted database, so the screens can
be tested on their own (the end-to-end test with the real server covers the
path through sync).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from hanoi_desk.app.session import Session
from hanoi_desk.store.cache import Cache, now
from hanoi_desk.ui.app import DeskApp
from hanoi_desk.ui.qt import Qt

WAIT = 30_000
LEFT = Qt.MouseButton.LeftButton
PASSPHRASE = "correct horse battery"


class FixedPrompt:
    """The person who knows the passphrase (the shared one lives in tests/conftest.py,
    which a sub-folder conftest cannot import by name)."""

    def passphrase(self, profile: str, *, new: bool) -> str:
        return PASSPHRASE


def demo_password() -> str:
    """The demo users' password on a test server (conftest's ``demo_server``)."""
    from tests.server.live import DEMO_PASSWORD

    return DEMO_PASSWORD


def publish_draft(server: Any, pages: list[list[str]]) -> str:
    """A new version of the demo council's draft budget resolution with the text
    of ``pages``, imported on ``server``; returns the document's id."""
    from hanoi_desk.server.packs import document_id, import_pack
    from helpers import text_pdf

    pack = server.demo.pack_dirs[0]
    (pack / "03-to-trinh.pdf").write_bytes(text_pdf(pages))
    import_pack(server.server.db, server.server.blobs, pack)
    return document_id("hdnd-dongda-ky12", "to-trinh-ngan-sach")


def unlock(qtbot: Any, root: DeskApp, passphrase: str = PASSPHRASE) -> None:
    root.unlock.passphrase.setText(passphrase)
    qtbot.mouseClick(root.unlock.unlock_button, LEFT)
    qtbot.waitUntil(lambda: root.main is not None, timeout=WAIT)
    idle(qtbot, root)


def idle(qtbot: Any, root: DeskApp) -> None:
    qtbot.waitUntil(lambda: root.runner.pending == 0, timeout=WAIT)


def on_db(root: DeskApp, work: Any) -> Any:
    """Run ``work(session)`` on the database lane and wait (the lane owns the connection)."""
    assert root.workspace is not None
    session = root.workspace.session
    return root.runner.call("db", lambda: work(session))


def seed_meeting(
    session: Session,
    title: str,
    starts: datetime,
    documents: list[Path],
    *,
    policy: dict[str, Any] | None = None,
    missing: int = 0,
) -> str:
    """A meeting with two agenda items, three participants and ``documents``
    (imported for real); ``missing`` more are listed but not downloaded."""
    cache: Cache = session.cache
    meeting_id = uuid.uuid4().hex
    docs = [cache.add_pdf(p) for p in documents]
    with cache.transaction() as c:
        c.execute(
            "INSERT INTO meetings (id, title, starts_at, ends_at, place, chair, status, "
            "organisation, policy, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                meeting_id,
                title,
                starts.isoformat(),
                (starts + timedelta(hours=2)).isoformat(),
                "Phòng họp số 2",
                "Nguyễn Văn An",
                "scheduled",
                "UBND quận Đống Đa",
                json.dumps(policy or {}),
                now(),
            ),
        )
        items = []
        for pos, name in enumerate(["Báo cáo kinh tế - xã hội", "Dự toán ngân sách"], start=1):
            item_id = uuid.uuid4().hex
            items.append(item_id)
            c.execute(
                "INSERT INTO agenda_items (id, meeting_id, position, title, presenter) "
                "VALUES (?,?,?,?,?)",
                (item_id, meeting_id, pos, name, "Trần Thị Bình"),
            )
        for user, name, role in [
            ("u1", "Nguyễn Văn An", "chair"),
            ("u2", "Lê Thị Cúc", "secretary"),
            ("u3", "Phạm Đức Dũng", "delegate"),
        ]:
            c.execute(
                "INSERT INTO participants (meeting_id, user_id, display_name, role) "
                "VALUES (?,?,?,?)",
                (meeting_id, user, name, role),
            )
        for index, doc in enumerate(docs):
            c.execute(
                "UPDATE documents SET meeting_id = ?, agenda_item_id = ? WHERE id = ?",
                (meeting_id, items[index % 2], doc.id),
            )
        for n in range(missing):
            doc_id, version_id = uuid.uuid4().hex, uuid.uuid4().hex
            c.execute(
                "INSERT INTO documents (id, meeting_id, agenda_item_id, title, origin, created_at) "
                "VALUES (?,?,?,?,?,?)",
                (doc_id, meeting_id, items[0], f"Phụ lục {n + 1}", "server", now()),
            )
            c.execute(
                "INSERT INTO document_versions (id, document_id, version, sha256, size, pages, "
                "filename, created_at, available) VALUES (?,?,1,?,?,?,?,?,0)",
                (version_id, doc_id, f"{n + 1:064x}", 4096, 3, f"phu-luc-{n + 1}.pdf", now()),
            )
    return meeting_id
