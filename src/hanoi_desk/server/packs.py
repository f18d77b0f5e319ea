"""Importing a meeting pack: a folder with ``meeting.toml`` and the PDFs it names.

The whole pack is read and checked before anything is written (names, roles,
users, files inside the folder, PDF headers), so a bad pack changes nothing.
Importing a pack again updates the meeting: a changed file becomes a new
version of its document and supersedes the old one; participants are set to the
pack's list. Documents are never deleted by an import. The format is described
in ``docs/server-meeting-pack.md``.
"""

from __future__ import annotations

import hashlib
import time
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hanoi_desk import protocol as p
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.server.admin import organisation
from hanoi_desk.server.blobs import BlobStore
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import republish_meeting
from hanoi_desk.server.models import (
    AgendaItem,
    Document,
    DocumentVersion,
    Meeting,
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
    "meeting.toml: participant “{username}” has role “{role}”; use chair, secretary or delegate."
)
PACK_BAD_STATUS = N_("meeting.toml: status “{status}” is not one of {allowed}.")
PACK_BAD_ID = N_(
    "meeting.toml: the id “{value}” may use only letters, digits, dots, dashes, underscores."
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
    id: str
    title: str
    filename: str
    data: bytes = field(repr=False)


@dataclass
class PackItem:
    id: str
    position: int
    title: str
    presenter: str
    documents: list[PackDocument]


@dataclass
class Pack:
    meeting_id: str
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
    meeting_id = (
        _ident(m["id"])
        if "id" in m
        else uuid.uuid5(uuid.NAMESPACE_URL, f"hanoi-desk:meeting:{title}:{starts_at}").hex
    )
    status = m.get("status", "scheduled")
    if not isinstance(status, str) or status not in p.MEETING_STATUSES:
        raise UserError(
            PACK_BAD_STATUS, status=status, allowed=", ".join(sorted(p.MEETING_STATUSES))
        )
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
    items: list[PackItem] = []
    for position, item in enumerate(_list(doc, "agenda", translate(THE_FILE)), 1):
        where = translate(AGENDA_ITEM_N, n=position)
        if not isinstance(item, dict):
            raise UserError(BAD_FIELD, where=where, key="title", expected=translate(A_TABLE))
        item_id = _ident(item["id"]) if "id" in item else f"{meeting_id}.{position}"
        docs: list[PackDocument] = []
        for j, d in enumerate(_list(item, "documents", where), 1):
            dwhere = translate(DOCUMENT_N, where=where, n=j)
            if not isinstance(d, dict):
                raise UserError(BAD_FIELD, where=dwhere, key="file", expected=translate(A_TABLE))
            name, data = _read_file(folder, _text(d, "file", dwhere))
            doc_id = (
                _ident(d["id"])
                if "id" in d
                else uuid.uuid5(uuid.NAMESPACE_URL, f"hanoi-desk:document:{meeting_id}:{name}").hex
            )
            title = _text(d, "title", dwhere, optional=True) or name.rsplit(".", 1)[0]
            docs.append(PackDocument(doc_id, title, name, data))
        items.append(PackItem(item_id, position, _text(item, "title", where),
                              _text(item, "presenter", where, optional=True), docs))  # fmt: skip
    ends_at = _time(m, "ends_at", "[meeting]", optional=True)
    place = _text(m, "place", "[meeting]", optional=True)
    org = _text(m, "organisation", "[meeting]", optional=True) or None
    return Pack(meeting_id, title, starts_at, ends_at, place, status,
                org if isinstance(org, str) else None, participants, items)  # fmt: skip


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
        meeting = session.get(Meeting, pack.meeting_id) or Meeting(id=pack.meeting_id)
        meeting.organisation_id = org.id
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
            row = session.get(AgendaItem, item.id) or AgendaItem(id=item.id, meeting_id=meeting.id)
            row.position, row.title, row.presenter = item.position, item.title, item.presenter
            session.add(row)
            session.flush()
            for d in item.documents:
                new_versions += _store_document(session, blobs, meeting.id, item.id, d)
        session.flush()
        republish_meeting(session, meeting.id)
    documents = sum(len(i.documents) for i in pack.items)
    return ImportReport(pack.meeting_id, documents, new_versions)


def _store_document(
    session: Any, blobs: BlobStore, meeting_id: str, item_id: str, d: PackDocument
) -> int:
    """Store one file; returns 1 when it became a new version, 0 when it was already current."""
    doc = session.get(Document, d.id)
    if doc is None:
        doc = Document(id=d.id, meeting_id=meeting_id, agenda_item_id=item_id, title=d.title)
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
