"""Importing a meeting pack: a folder with ``meeting.toml`` and the PDFs it names.

The whole pack is read and checked before anything is written (names, roles,
users, files inside the folder, PDF headers), so a bad pack changes nothing.
Importing a pack again updates the meeting: a changed file becomes a new
version of its document and supersedes the old one; participants are set to the
pack's list. Documents are never deleted by an import. The format is described
in ``docs/server-meeting-pack.md``.

Ids are scoped so that one body's pack can never reach another body's rows: a
meeting id belongs to the organisation that first imported it (another
organisation naming it is refused), and the agenda item and document ids of a
pack are turned into server ids derived from (meeting, pack id). Rows stored
before ids were scoped keep their pack id as their server id, but only their own
meeting may reuse them.
"""

from __future__ import annotations

import hashlib
import time
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.server.admin import DEFAULT_ORGANISATION, organisation
from hanoi_desk.server.blobs import BlobStore
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import republish_meeting
from hanoi_desk.server.models import (
    AgendaItem,
    Document,
    DocumentVersion,
    Meeting,
    Organisation,
    Participant,
    User,
)

NO_TOML = N_("The folder {folder} has no meeting.toml.")
BAD_TOML = N_("meeting.toml is not valid TOML: {reason}.")
BAD_FIELD = N_("meeting.toml: {where} needs “{key}” ({expected}).")
BAD_FILE_NAME = N_("meeting.toml: “{name}” must be a file name inside the pack folder.")
MISSING_FILE = N_("meeting.toml names “{name}”, which is not in the pack folder.")
NOT_PDF = N_("“{name}” is not a PDF file.")
UNKNOWN_USERS = N_("meeting.toml names users this server does not have: {names}. Add them first.")
PACK_BAD_ROLE = N_(
    "meeting.toml: participant “{username}” has role “{role}”; use chair, secretary, delegate "
    "or guest."
)
PACK_BAD_STATUS = N_("meeting.toml: status “{status}” is not one of {allowed}.")
PACK_BAD_ID = N_(
    "meeting.toml: the id “{value}” may use only letters, digits, dots, dashes, underscores."
)
MEETING_OF_OTHER_BODY = N_(
    "meeting.toml: the meeting id “{value}” belongs to the organisation “{owner}” on this "
    "server, not to “{organisation}”. Nothing was imported: give this meeting its own id, "
    "or name the right organisation."
)
ID_OF_OTHER_MEETING = N_(
    "meeting.toml: {where} would use the id “{value}”, which another meeting on this server "
    "already has. Nothing was imported: give it its own “id”."
)
DUPLICATE_ID = N_(
    "meeting.toml: {where} uses the id “{value}” a second time. Each agenda item and each "
    "document needs its own id (a document without one is named by its file)."
)


MAX_TEXT = 400
# Parts of the messages above, translated where they are raised.
TEXT_OF = N_("text of 1 to {n} characters")
TIME_WITH_OFFSET = N_("a time with an offset, e.g. 2027-05-12T08:00:00+07:00")
THE_FILE = N_("the file")
A_TABLE = N_("a table")
A_LIST = N_("a list of tables")
PARTICIPANT_N = N_("participant {n}")
AGENDA_ITEM_N = N_("agenda item {n}")
DOCUMENT_N = N_("{where}, document {n}")


@dataclass
class PackDocument:
    id: str | None
    """The pack's own id, if it gives one (scoped to the meeting when stored)."""
    title: str
    filename: str
    data: bytes = field(repr=False)
    where: str = ""
    """Where it is in meeting.toml, for messages."""


@dataclass
class PackItem:
    id: str | None
    """The pack's own id, if it gives one (scoped to the meeting when stored)."""
    position: int
    title: str
    presenter: str
    documents: list[PackDocument]
    where: str = ""


@dataclass
class Pack:
    meeting_id: str
    """The pack's id, or one derived from organisation, title and start time."""
    legacy_meeting_id: str | None
    """Without an id: the one derived before organisations were part of it."""
    title: str
    starts_at: str
    ends_at: str | None
    place: str
    status: str
    organisation: str | None
    participants: list[tuple[str, str]]
    items: list[PackItem]


@dataclass(frozen=True)
class ImportReport:
    meeting_id: str
    documents: int
    new_versions: int


def _text(table: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str:
    value = table.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str) or not value.strip() or len(value.strip()) > MAX_TEXT:
        raise UserError(BAD_FIELD, where=where, key=key, expected=translate(TEXT_OF, n=MAX_TEXT))
    return value.strip()


def _time(table: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str | None:
    """A time as ISO 8601 text; TOML's own unquoted datetimes are accepted too."""
    value = table.get(key)
    if value is None and optional:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise UserError(BAD_FIELD, where=where, key=key, expected=translate(TIME_WITH_OFFSET))
        return value.isoformat()
    return _text(table, key, where)


def _list(table: dict[str, Any], key: str, where: str) -> list[Any]:
    value = table.get(key, [])
    if not isinstance(value, list):
        raise UserError(BAD_FIELD, where=where, key=key, expected=translate(A_LIST))
    return value


def _ident(value: str) -> str:
    try:
        return p.check_ident(value)
    except p.ProtocolError:
        raise UserError(PACK_BAD_ID, value=value) from None


def _read_file(folder: Path, name: str) -> tuple[str, bytes]:
    try:
        p.check_filename(name)
    except p.ProtocolError:
        raise UserError(BAD_FILE_NAME, name=name) from None
    raw = folder / name
    path = raw.resolve()
    if raw.is_symlink() or path.parent != folder.resolve():
        raise UserError(BAD_FILE_NAME, name=name)
    if not path.is_file():
        raise UserError(MISSING_FILE, name=name)
    data = path.read_bytes()
    if not data.startswith(b"%PDF-"):
        raise UserError(NOT_PDF, name=name)
    return name, data


def read_pack(folder: Path) -> Pack:
    """Parse and check the whole pack; raises :class:`UserError` on the first problem."""
    toml = folder / "meeting.toml"
    if not toml.is_file():
        raise UserError(NO_TOML, folder=str(folder))
    try:
        doc = tomllib.loads(toml.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UserError(BAD_TOML, reason=str(exc)) from None
    m = doc.get("meeting")
    if not isinstance(m, dict):
        raise UserError(
            BAD_FIELD, where=translate(THE_FILE), key="meeting", expected=translate(A_TABLE)
        )
    title = _text(m, "title", "[meeting]")
    starts_at = _time(m, "starts_at", "[meeting]") or ""
    org = _text(m, "organisation", "[meeting]", optional=True) or None
    legacy_id: str | None = None
    if "id" in m:
        meeting_id = _ident(m["id"])
    else:
        # The organisation is part of a derived id so that two bodies' meetings of the
        # same title and time stay apart; the old derivation finds meetings imported before.
        meeting_id = _uuid("meeting", org or DEFAULT_ORGANISATION, title, starts_at)
        legacy_id = _uuid("meeting", title, starts_at)
    status = m.get("status", "scheduled")
    if not isinstance(status, str) or status not in p.MEETING_STATUSES:
        raise UserError(
            PACK_BAD_STATUS, status=status, allowed=", ".join(sorted(p.MEETING_STATUSES))
        )
    participants = _participants(doc)
    items = _agenda(folder, doc)
    ends_at = _time(m, "ends_at", "[meeting]", optional=True)
    place = _text(m, "place", "[meeting]", optional=True)
    return Pack(meeting_id, legacy_id, title, starts_at, ends_at, place, status, org,
                participants, items)  # fmt: skip


def _participants(doc: dict[str, Any]) -> list[tuple[str, str]]:
    participants: list[tuple[str, str]] = []
    for i, part in enumerate(_list(doc, "participants", translate(THE_FILE)), 1):
        where = translate(PARTICIPANT_N, n=i)
        if not isinstance(part, dict):
            raise UserError(BAD_FIELD, where=where, key="username", expected=translate(A_TABLE))
        username = _text(part, "username", where)
        role = part.get("role", "delegate")
        if not isinstance(role, str) or role not in p.ROLES:
            raise UserError(PACK_BAD_ROLE, username=username, role=role)
        participants.append((username, role))
    return participants


def _agenda(folder: Path, doc: dict[str, Any]) -> list[PackItem]:
    items: list[PackItem] = []
    seen_items: set[str] = set()
    seen_docs: set[str] = set()
    for position, item in enumerate(_list(doc, "agenda", translate(THE_FILE)), 1):
        where = translate(AGENDA_ITEM_N, n=position)
        if not isinstance(item, dict):
            raise UserError(BAD_FIELD, where=where, key="title", expected=translate(A_TABLE))
        item_id = _ident(item["id"]) if "id" in item else None
        if item_id is not None:
            _once(seen_items, item_id, where)
        docs: list[PackDocument] = []
        for j, d in enumerate(_list(item, "documents", where), 1):
            dwhere = translate(DOCUMENT_N, where=where, n=j)
            if not isinstance(d, dict):
                raise UserError(BAD_FIELD, where=dwhere, key="file", expected=translate(A_TABLE))
            name, data = _read_file(folder, _text(d, "file", dwhere))
            doc_id = _ident(d["id"]) if "id" in d else None
            _once(seen_docs, doc_id or f"file:{name}", dwhere, shown=doc_id or name)
            # Not ``title``: reusing the meeting's variable here gave every meeting the
            # title of its last document.
            doc_title = _text(d, "title", dwhere, optional=True) or name.rsplit(".", 1)[0]
            docs.append(PackDocument(doc_id, doc_title, name, data, dwhere))
        items.append(PackItem(item_id, position, _text(item, "title", where),
                              _text(item, "presenter", where, optional=True), docs,
                              where))  # fmt: skip
    return items


def _once(seen: set[str], key: str, where: str, *, shown: str | None = None) -> None:
    if key in seen:
        raise UserError(DUPLICATE_ID, where=where, value=shown or key)
    seen.add(key)


def _uuid(kind: str, *parts: str) -> str:
    """A stable server id made from its parts (the same parts always give the same id)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, ":".join(("hanoi-desk", kind, *parts))).hex


def agenda_item_id(meeting_id: str, position: int, pack_id: str | None) -> str:
    """The server id of an agenda item: the pack's id scoped to the meeting."""
    if pack_id is None:
        return f"{meeting_id}.{position}"
    return _uuid("agenda-item", meeting_id, pack_id)


def document_id(meeting_id: str, pack_id: str) -> str:
    """The server id of the document a pack names ``pack_id`` in this meeting."""
    return _uuid("document-id", meeting_id, pack_id)


def _document_id(meeting_id: str, d: PackDocument) -> str:
    # Without an id, the file name stands for it (as before ids were scoped).
    return document_id(meeting_id, d.id) if d.id else _uuid("document", meeting_id, d.filename)


Row = TypeVar("Row", AgendaItem, Document)


def _claim(
    session: Session, model: type[Row], meeting_id: str, server_id: str, *,
    legacy_id: str | None, where: str,
) -> Row | None:  # fmt: skip
    """The stored row for this pack entry, None when there is none yet.

    A row of another meeting is never reused: before ids were scoped, the pack's
    own id was the row id, and such a row is found here only for its own meeting.
    """
    row = session.get(model, server_id)
    if row is not None:
        if row.meeting_id != meeting_id:
            raise UserError(ID_OF_OTHER_MEETING, where=where, value=server_id)
        return row
    if legacy_id is not None:
        old = session.get(model, legacy_id)
        if old is not None and old.meeting_id == meeting_id:
            return old
    return None


def _meeting(session: Session, pack: Pack, org: Organisation) -> Meeting:
    """The pack's meeting row, refusing one that another organisation owns."""
    meeting = session.get(Meeting, pack.meeting_id)
    if meeting is not None and meeting.organisation_id != org.id:
        owner = session.get(Organisation, meeting.organisation_id)
        raise UserError(MEETING_OF_OTHER_BODY, value=pack.meeting_id,
                        owner=owner.name if owner else meeting.organisation_id,
                        organisation=org.name)  # fmt: skip
    if meeting is None and pack.legacy_meeting_id is not None:
        old = session.get(Meeting, pack.legacy_meeting_id)
        if old is not None and old.organisation_id == org.id:
            meeting = old
    return meeting or Meeting(id=pack.meeting_id, organisation_id=org.id)


def import_pack(db: Database, blobs: BlobStore, folder: Path) -> ImportReport:
    pack = read_pack(folder)
    new_versions = 0
    with db.write() as session:
        users = {
            u.username: u
            for u in session.scalars(
                select(User).where(User.username.in_([n for n, _ in pack.participants]))
            )
        }
        missing = sorted({n for n, _ in pack.participants} - set(users))
        if missing:
            raise UserError(UNKNOWN_USERS, names=", ".join(missing))
        org = organisation(session, pack.organisation)
        meeting = _meeting(session, pack, org)
        meeting.title, meeting.starts_at, meeting.ends_at = pack.title, pack.starts_at, pack.ends_at
        meeting.place, meeting.status = pack.place, pack.status
        session.add(meeting)
        session.flush()
        for part in session.scalars(
            select(Participant).where(Participant.meeting_id == meeting.id)
        ):
            session.delete(part)
        session.flush()
        for username, role in pack.participants:
            session.add(Participant(meeting_id=meeting.id, user_id=users[username].id, role=role))
        for item in pack.items:
            item_id = agenda_item_id(meeting.id, item.position, item.id)
            row = _claim(session, AgendaItem, meeting.id, item_id, legacy_id=item.id,
                         where=item.where)  # fmt: skip
            if row is None:
                row = AgendaItem(id=item_id, meeting_id=meeting.id)
            row.position, row.title, row.presenter = item.position, item.title, item.presenter
            session.add(row)
            session.flush()
            for d in item.documents:
                new_versions += _store_document(session, blobs, meeting.id, row.id, d)
        session.flush()
        republish_meeting(session, meeting.id)
        meeting_id = meeting.id
    documents = sum(len(i.documents) for i in pack.items)
    return ImportReport(meeting_id, documents, new_versions)


def _store_document(
    session: Session, blobs: BlobStore, meeting_id: str, item_id: str, d: PackDocument
) -> int:
    """Store one file; returns 1 when it became a new version, 0 when it was already current."""
    doc_id = _document_id(meeting_id, d)
    doc = _claim(session, Document, meeting_id, doc_id, legacy_id=d.id, where=d.where)
    if doc is None:
        doc = Document(id=doc_id, meeting_id=meeting_id, agenda_item_id=item_id, title=d.title)
        session.add(doc)
    doc.title, doc.agenda_item_id = d.title, item_id
    session.flush()
    sha = hashlib.sha256(d.data).hexdigest()
    current = session.scalars(
        select(DocumentVersion)
        .where(DocumentVersion.document_id == doc.id, DocumentVersion.superseded_by.is_(None))
        .order_by(DocumentVersion.version.desc())
    ).first()
    if current is not None and current.sha256 == sha:
        return 0
    blobs.put_bytes(d.data)
    version = DocumentVersion(id=uuid.uuid4().hex, document_id=doc.id,
                              version=(current.version + 1) if current else 1, sha256=sha,
                              size=len(d.data), filename=d.filename, superseded_by=None,
                              created_at=int(time.time()))  # fmt: skip
    session.add(version)
    if current is not None:
        current.superseded_by = version.id
    session.flush()
    return 1
