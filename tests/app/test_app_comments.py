"""Comments on drafts (góp ý) as a use case, without Qt, on real profiles and
the real reference server on 127.0.0.1: queued with its outbox entry, refused
at once when it could only bounce, sent by a sync, and seen by another
participant after theirs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hanoi_desk.app.changes import Changes
from hanoi_desk.app.comments import Comments, refusal_text
from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain.comments import MAX_COMMENT, CommentState
from hanoi_desk.errors import UserError
from helpers import FixedPrompt, text_pdf

COUNCIL = "hdnd-dongda-ky12"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv


def sync(session: Session, live: Any, user: str) -> None:
    from tests.server.live import DEMO_PASSWORD

    options = SyncOptions(server=live.base_url, username=user, password=lambda: DEMO_PASSWORD)
    SyncService(session, options).run()


def test_bad_comments_are_refused_and_queue_nothing(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(text_pdf([["Tờ trình"]]))
    local = session.cache.add_pdf(path)
    comments = Comments(session.cache)
    heard: list[Changes] = []
    comments.changes.subscribe(heard.append)
    with pytest.raises(UserError, match="Write the comment"):
        comments.add(local, "   \n ")
    with pytest.raises(UserError, match="at most 20000"):
        comments.add(local, "x" * (MAX_COMMENT + 1))
    with pytest.raises(UserError, match="belongs to no meeting"):
        comments.add(local, "Đề nghị bổ sung số liệu")
    assert session.cache.outbox() == [] and heard == []


def test_a_comment_is_queued_offline_sent_by_sync_and_seen_by_another_participant(
    desk: Desk, fast_kdf: None, live: Any
) -> None:
    desk.create("demo", FixedPrompt())
    desk.create("daibieu", FixedPrompt())
    with desk.open("demo", FixedPrompt(), "passphrase") as demo:
        sync(demo, live, "demo")
        doc = next(d for d in demo.documents() if d.meeting_id == COUNCIL and d.available)
        comments = Comments(demo.cache, demo.changes)
        heard: list[Changes] = []
        demo.changes.subscribe(heard.append)
        added = comments.add(doc, "  Đề nghị làm rõ nguồn vốn  ")
        assert added.state is CommentState.QUEUED and added.text == "Đề nghị làm rõ nguồn vốn"
        assert heard == [Changes(comments=True, outbox=True)]
        (entry,) = demo.cache.outbox()
        assert entry.kind == "comment.add"
        assert json.loads(entry.payload)["document_version_id"] == doc.version_id
        (shown,) = comments.for_document(doc.id)
        assert shown.state is CommentState.QUEUED and shown.mine

        sync(demo, live, "demo")
        (shown,) = comments.for_document(doc.id)
        assert shown.state is CommentState.SENT and shown.mine
        assert shown.author == "Nguyễn Văn An"  # the server's name for demo
        assert demo.cache.outbox() == []

    with desk.open("daibieu", FixedPrompt(), "passphrase") as other:
        sync(other, live, "daibieu")
        (seen,) = Comments(other.cache).for_document(doc.id)
        assert seen.text == "Đề nghị làm rõ nguồn vốn"
        assert seen.state is CommentState.SENT and not seen.mine
        assert seen.author == shown.author


def test_a_closed_meetings_document_takes_no_comment_and_refusals_read_as_sentences(
    desk: Desk, fast_kdf: None, live: Any
) -> None:
    from hanoi_desk.server.admin import set_meeting_status

    desk.create("thuky", FixedPrompt())
    with desk.open("thuky", FixedPrompt(), "passphrase") as s:
        sync(s, live, "thuky")
        doc = next(d for d in s.documents() if d.meeting_id == COUNCIL)
        set_meeting_status(live.server.db, COUNCIL, "closed")
        try:
            sync(s, live, "thuky")
            with pytest.raises(UserError, match="is closed"):
                Comments(s.cache).add(doc, "Muộn quá")
            assert s.cache.outbox() == []
        finally:
            set_meeting_status(live.server.db, COUNCIL, "scheduled")
    assert refusal_text("meeting_closed", "vi") == "cuộc họp đã kết thúc"
    assert refusal_text("\x1b[2Jodd", "en") == "the server refused it (\\x1b[2Jodd)"
