"""The demo's draft with comment threads (server/demo_threads.py): added once
through the mutation handlers, in several states, the secretariat-only one
only in the secretariat's feed. Real server database, nothing mocked."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from hanoi_desk.server import models
from hanoi_desk.server.demo_threads import COUNCIL_ID, DRAFT, add_demo_threads
from hanoi_desk.server.packs import document_id
from hanoi_desk.server.threads import set_drafter


def feed(db: object, username: str) -> list[dict[str, object]]:
    with db.read() as s:  # type: ignore[attr-defined]
        uid = s.scalars(select(models.User.id).where(models.User.username == username)).one()
        rows = s.scalars(
            select(models.FeedEntry.data).where(
                models.FeedEntry.user_id == uid,
                models.FeedEntry.kind == "comment",
                models.FeedEntry.deleted.is_(False),
            )
        )
        return [json.loads(r) for r in rows]


def test_the_demo_draft_has_threads_in_several_states(tmp_path: Path, db_url: str | None) -> None:
    """On SQLite and on PostgreSQL (``db_url``)."""
    from tests.server.live import running_server

    with running_server(tmp_path / "data", db_url, packs_dir=tmp_path / "packs") as srv:
        db = srv.server.db
        assert add_demo_threads(db) is True
        assert add_demo_threads(db) is False  # a second build changes nothing
        member, secretary = feed(db, "daibieu"), feed(db, "thuky")
        # A later change of the drafting unit republishes the meeting: still not to a member.
        set_drafter(db, document_id(COUNCIL_ID, DRAFT), "daibieu2", True)
        republished = feed(db, "daibieu")
    assert not any(c["visibility"] == "secretariat" for c in republished)
    roots = [c for c in secretary if c["parent_id"] is None]
    assert Counter(c["state"] for c in roots) == Counter(
        {"accepted": 1, "explained": 1, "withdrawn": 1, "open": 2}
    )
    explained = next(c for c in roots if c["state"] == "explained")
    assert explained["answer"] and explained["answered_by"] == "Bùi Thanh Hải"
    assert [c for c in secretary if c["parent_id"] is not None]  # the reply
    assert any(c["visibility"] == "secretariat" for c in secretary)
    assert not any(c["visibility"] == "secretariat" for c in member)
    assert len(member) == len(secretary) - 1
