"""Meeting packs and their ids: each meeting keeps its own title and rows, whatever ids
other bodies' packs use, and data imported before ids were scoped keeps working."""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.errors import UserError
from hanoi_desk.samples import make_pdf
from hanoi_desk.server.admin import add_user, organisation
from hanoi_desk.server.app import Server, ServerConfig, open_server
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.feed import republish_meeting
from hanoi_desk.server.models import (
    AgendaItem,
    Document,
    DocumentVersion,
    FeedEntry,
    Meeting,
)
from hanoi_desk.server.packs import import_pack, read_pack

CUA_NAM, HANG_BAC = "UBND phường Cửa Nam", "UBND phường Hàng Bạc"
COUNCIL_TITLE = "Kỳ họp thứ 12 Hội đồng nhân dân quận Đống Đa khóa XX"

PACK = """\
[meeting]
{id_line}
title = "Họp giao ban tuần"
starts_at = "2027-06-07T08:00:00+07:00"
organisation = "{organisation}"

[[participants]]
username = "{username}"

[[agenda]]
{item_line}
title = "Tình hình tuần qua"
documents = [{{ {doc_id}title = "Báo cáo tuần", file = "bao-cao.pdf" }}]
"""


def write_pack(
    folder: Path, organisation_name: str, username: str, *, ids: bool, meeting: str = ""
) -> bytes:
    """A weekly briefing pack; with ``ids``, it names “item-1” and “bao-cao” like everyone's."""
    folder.mkdir(parents=True, exist_ok=True)
    toml = PACK.format(
        id_line=f'id = "{meeting}"' if meeting else "",
        organisation=organisation_name,
        username=username,
        item_line='id = "item-1"' if ids else "",
        doc_id='id = "bao-cao", ' if ids else "",
    )
    (folder / "meeting.toml").write_text(toml, "utf-8")
    data = make_pdf(None, f"Báo cáo tuần {organisation_name} {uuid.uuid4().hex}", pages=1)
    (folder / "bao-cao.pdf").write_bytes(data)
    return data


@pytest.fixture
def server(db_url: str | None, tmp_path: Path) -> Iterator[Server]:
    srv = open_server(ServerConfig(tmp_path / "data", db_url))
    add_user(srv.db, "an", DEMO_PASSWORD, "Ngô Thị An", CUA_NAM, cheap_hash=True)
    add_user(srv.db, "binh", DEMO_PASSWORD, "Đỗ Văn Bình", HANG_BAC, cheap_hash=True)
    try:
        yield srv
    finally:
        srv.db.dispose()


def count(srv: Server, model: type[object], *where: object) -> int:
    with srv.db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_a_meeting_keeps_its_own_title_not_its_last_documents(
    server: Server, packs_dir: Path
) -> None:
    council = packs_dir / "hdnd-dongda"
    assert read_pack(council).title == COUNCIL_TITLE
    for username, _role in read_pack(council).participants:
        add_user(server.db, username, DEMO_PASSWORD, cheap_hash=True)
    import_pack(server.db, server.blobs, council)
    with server.db.read() as session:
        meeting = session.get(Meeting, COUNCIL_ID)
        assert meeting is not None and meeting.title == COUNCIL_TITLE
        record = session.scalars(
            select(FeedEntry.data).where(
                FeedEntry.kind == "meeting", FeedEntry.entity_id == COUNCIL_ID
            )
        ).first()
    assert record is not None and f'"title":"{COUNCIL_TITLE}"' in record


def test_meetings_without_ids_of_two_bodies_at_the_same_time_stay_apart(
    server: Server, tmp_path: Path
) -> None:
    """Wards hold their weekly briefing with the same title at the same hour."""
    mine = write_pack(tmp_path / "a", CUA_NAM, "an", ids=False)
    theirs = write_pack(tmp_path / "b", HANG_BAC, "binh", ids=False)
    first = import_pack(server.db, server.blobs, tmp_path / "a")
    second = import_pack(server.db, server.blobs, tmp_path / "b")
    assert first.meeting_id != second.meeting_id
    assert (first.new_versions, second.new_versions) == (1, 1)
    with server.db.read() as session:
        shas = dict(session.execute(
            select(Document.meeting_id, DocumentVersion.sha256)
            .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        ).all())  # fmt: skip
    assert shas == {
        first.meeting_id: hashlib.sha256(mine).hexdigest(),
        second.meeting_id: hashlib.sha256(theirs).hexdigest(),
    }
    # Importing again finds the same meeting: no new one.
    assert import_pack(server.db, server.blobs, tmp_path / "a").meeting_id == first.meeting_id
    assert count(server, Meeting) == 2


def _legacy_import(srv: Server, meeting_id: str, data: bytes) -> None:
    """The rows the import made before ids were scoped: the pack's own ids, as they were."""
    with srv.db.write() as session:
        org = organisation(session, CUA_NAM)
        session.add(Meeting(id=meeting_id, organisation_id=org.id, title="Họp giao ban tuần",
                            starts_at="2027-06-07T08:00:00+07:00", ends_at=None, place="",
                            status="scheduled"))  # fmt: skip
        session.flush()
        session.add(AgendaItem(id="item-1", meeting_id=meeting_id, position=1,
                               title="Tình hình tuần qua", presenter=""))  # fmt: skip
        session.flush()
        session.add(Document(id="bao-cao", meeting_id=meeting_id, agenda_item_id="item-1",
                             title="Báo cáo tuần"))  # fmt: skip
        session.flush()
        sha = srv.blobs.put_bytes(data)
        session.add(DocumentVersion(id=uuid.uuid4().hex, document_id="bao-cao", version=1,
                                    sha256=sha, size=len(data), filename="bao-cao.pdf",
                                    superseded_by=None, created_at=int(time.time())))  # fmt: skip
        session.flush()
        republish_meeting(session, meeting_id)


def test_rows_imported_before_ids_were_scoped_serve_their_own_meeting_only(
    server: Server, tmp_path: Path
) -> None:
    data = write_pack(tmp_path / "old", CUA_NAM, "an", ids=True, meeting="giao-ban-cua-nam")
    _legacy_import(server, "giao-ban-cua-nam", data)
    old_sha = hashlib.sha256(data).hexdigest()

    # The same pack again: the old rows are found under their old ids, nothing moves.
    report = import_pack(server.db, server.blobs, tmp_path / "old")
    assert (report.documents, report.new_versions) == (1, 0)
    assert count(server, Document) == 1 and count(server, AgendaItem) == 1
    # A changed file: version 2 of the same document, as before.
    new = write_pack(tmp_path / "old", CUA_NAM, "an", ids=True, meeting="giao-ban-cua-nam")
    assert import_pack(server.db, server.blobs, tmp_path / "old").new_versions == 1
    with server.db.read() as session:
        versions = session.execute(
            select(DocumentVersion.version, DocumentVersion.sha256)
            .where(DocumentVersion.document_id == "bao-cao")
            .order_by(DocumentVersion.version)
        ).all()
    assert [tuple(v) for v in versions] == [(1, old_sha), (2, hashlib.sha256(new).hexdigest())]

    # Another body's pack with the same item and document ids gets rows of its own.
    theirs = write_pack(tmp_path / "b", HANG_BAC, "binh", ids=True, meeting="giao-ban-hang-bac")
    assert import_pack(server.db, server.blobs, tmp_path / "b").new_versions == 1
    with server.db.read() as session:
        item = session.get(AgendaItem, "item-1")
        doc = session.get(Document, "bao-cao")
        assert item is not None and item.meeting_id == "giao-ban-cua-nam"
        assert doc is not None and doc.meeting_id == "giao-ban-cua-nam"
        own = session.scalars(
            select(DocumentVersion.sha256)
            .join(Document, Document.id == DocumentVersion.document_id)
            .where(Document.meeting_id == "giao-ban-hang-bac")
        ).all()
    assert own == [hashlib.sha256(theirs).hexdigest()]
    assert count(server, DocumentVersion, DocumentVersion.document_id == "bao-cao") == 2


def test_a_meeting_without_id_imported_before_is_found_by_its_own_body_only(
    server: Server, tmp_path: Path
) -> None:
    write_pack(tmp_path / "a", CUA_NAM, "an", ids=False)
    legacy_id = read_pack(tmp_path / "a").legacy_meeting_id
    assert legacy_id is not None
    with server.db.write() as session:
        org = organisation(session, CUA_NAM)
        session.add(Meeting(id=legacy_id, organisation_id=org.id, title="Họp giao ban tuần",
                            starts_at="2027-06-07T08:00:00+07:00", ends_at=None, place="",
                            status="scheduled"))  # fmt: skip
    assert import_pack(server.db, server.blobs, tmp_path / "a").meeting_id == legacy_id
    write_pack(tmp_path / "b", HANG_BAC, "binh", ids=False)
    assert import_pack(server.db, server.blobs, tmp_path / "b").meeting_id != legacy_id
    with server.db.read() as session:
        meeting = session.get(Meeting, legacy_id)
        assert meeting is not None and meeting.organisation_id == organisation(session, CUA_NAM).id
    assert count(server, Meeting) == 2


TWICE = {
    "document id": ('{ id = "bao-cao", file = "bao-cao.pdf" }, { id = "bao-cao", file = "b.pdf" }',
                    "agenda item 1, document 2 uses the id “bao-cao” a second time"),
    "file without id": ('{ file = "bao-cao.pdf" }, { file = "bao-cao.pdf" }',
                        "agenda item 1, document 2 uses the id “bao-cao.pdf” a second time"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(TWICE))
def test_an_id_used_twice_in_one_pack_is_refused(tmp_path: Path, case: str) -> None:
    """Before, the second entry silently took over the first one's row."""
    documents, message = TWICE[case]
    write_pack(tmp_path, CUA_NAM, "an", ids=False)
    (tmp_path / "b.pdf").write_bytes((tmp_path / "bao-cao.pdf").read_bytes())
    toml = (tmp_path / "meeting.toml").read_text("utf-8")
    toml = toml.replace('{ title = "Báo cáo tuần", file = "bao-cao.pdf" }', documents)
    (tmp_path / "meeting.toml").write_text(toml, "utf-8")
    with pytest.raises(UserError, match=message):
        read_pack(tmp_path)
    items = '[[agenda]]\nid = "muc-1"\ntitle = "Một"\n\n[[agenda]]\nid = "muc-1"\ntitle = "Hai"\n'
    (tmp_path / "meeting.toml").write_text(toml.split("[[agenda]]")[0] + items, "utf-8")
    with pytest.raises(UserError, match="agenda item 2 uses the id “muc-1” a second time"):
        read_pack(tmp_path)
