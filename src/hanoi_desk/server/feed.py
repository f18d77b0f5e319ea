"""The per-user changes feed and its watermark.

Every record a user may see is kept in ``feed_entries`` as that user sees it,
keyed by (user, type, id), with a ``seq`` that moves forward on each change.
Access is decided once, when a record is published, so the feed query is a
plain range scan on (user_id, seq) and cannot leak another meeting.

Why the cursor never skips a row committed late: every ``seq`` is taken from
the single ``feed_clock`` row *inside* the writing transaction, just before its
commit. Taking it locks that row until the commit, so a transaction that gets a
higher number can only commit after every lower one has: the set of committed
seqs is always a prefix, and ``max(seq)`` seen by a reader is a safe watermark.
(A sequence or autoincrement id is not: on PostgreSQL, id 11 can commit before
id 10, and a reader that saw 11 would never fetch 10.) The cost is that feed
writes are serialised for the few milliseconds between numbering and commit.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select, tuple_, update
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.protocol.signatures import SIGNED_COPY
from hanoi_desk.server.models import (
    AgendaItem,
    Comment,
    Device,
    Document,
    DocumentVersion,
    FeedClock,
    FeedEntry,
    Meeting,
    Organisation,
    Participant,
    User,
)


def canonical(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass
class _Staged:
    user_id: str
    kind: str
    entity_id: str
    meeting_id: str | None
    data: str
    deleted: bool


class Feed:
    """Changes staged on one write transaction, numbered by :meth:`flush` before commit."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._staged: dict[tuple[str, str, str], _Staged] = {}
        self._locked = False

    def lock(self) -> None:
        """Take the clock row now (held until commit).

        Called before computing records from shared tables, so two transactions
        republishing the same meeting run one after the other and the second
        sees the first's commit; and always before reading feed rows in flush.
        """
        if not self._locked:
            self.session.execute(
                select(FeedClock.value).where(FeedClock.id == 1).with_for_update()
            ).scalar_one()
            self._locked = True

    def put(
        self, user_id: str, kind: str, entity_id: str, data: dict[str, Any], meeting_id: str | None
    ) -> None:
        key = (user_id, kind, entity_id)
        self._staged[key] = _Staged(user_id, kind, entity_id, meeting_id, canonical(data), False)

    def drop(self, user_id: str, kind: str, entity_id: str) -> None:
        data = canonical({"type": kind, "id": entity_id})
        key = (user_id, kind, entity_id)
        self._staged[key] = _Staged(user_id, kind, entity_id, None, data, True)

    def mark(self) -> dict[tuple[str, str, str], _Staged]:
        return dict(self._staged)

    def restore(self, mark: dict[tuple[str, str, str], _Staged]) -> None:
        """Forget what was staged since :meth:`mark` (its savepoint was rolled back)."""
        self._staged = dict(mark)

    def _existing(self) -> dict[tuple[str, str, str], FeedEntry]:
        """The current rows of everything staged, in a few queries rather than one per row."""
        by_user: dict[str, list[tuple[str, str]]] = {}
        for user_id, kind, entity_id in self._staged:
            by_user.setdefault(user_id, []).append((kind, entity_id))
        found: dict[tuple[str, str, str], FeedEntry] = {}
        for user_id, keys in by_user.items():
            for start in range(0, len(keys), 300):
                query = (
                    select(FeedEntry)
                    .where(
                        FeedEntry.user_id == user_id,
                        tuple_(FeedEntry.kind, FeedEntry.entity_id).in_(keys[start : start + 300]),
                    )
                    .execution_options(populate_existing=True)
                )
                for row in self.session.scalars(query):
                    found[(user_id, row.kind, row.entity_id)] = row
        return found

    def flush(self) -> int:
        """Write what changed; returns how many feed rows moved."""
        if not self._staged:
            return 0
        self.lock()
        rows: list[tuple[_Staged, FeedEntry | None]] = []
        existing = self._existing()
        for key, staged in self._staged.items():
            row = existing.get(key)
            if row is None and staged.deleted:
                continue
            if row is not None and row.deleted == staged.deleted and row.data == staged.data:
                continue
            rows.append((staged, row))
        self._staged.clear()
        if not rows:
            return 0
        top = self.session.execute(
            update(FeedClock)
            .where(FeedClock.id == 1)
            .values(value=FeedClock.value + len(rows))
            .returning(FeedClock.value)
        ).scalar_one()
        seq = top - len(rows)
        for staged, current in rows:
            seq += 1
            row = current
            if row is None:
                row = FeedEntry(
                    user_id=staged.user_id, kind=staged.kind, entity_id=staged.entity_id
                )
                self.session.add(row)
            row.seq = seq
            row.deleted = staged.deleted
            row.data = staged.data
            row.meeting_id = staged.meeting_id
        self.session.flush()
        return len(rows)


def feed_of(session: Session) -> Feed:
    feed: Feed = session.info["feed"]
    return feed


# --- what each record looks like on the wire ------------------------------------------------


def meeting_data(session: Session, m: Meeting) -> dict[str, Any]:
    chair = session.execute(
        select(User.display_name)
        .join(Participant, Participant.user_id == User.id)
        .where(Participant.meeting_id == m.id, Participant.role == "chair")
        .order_by(User.display_name)
    ).first()
    return {
        "title": m.title,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "place": m.place,
        "chair": chair[0] if chair else "",
        "status": m.status,
    }


def version_data(doc: Document, v: DocumentVersion) -> dict[str, Any]:
    return {
        "document_id": doc.id,
        "meeting_id": doc.meeting_id,
        "agenda_item_id": doc.agenda_item_id,
        "title": doc.title,
        "version": v.version,
        "sha256": v.sha256,
        "size": v.size,
        "filename": v.filename,
        "superseded_by": v.superseded_by,
    }


def comment_data(
    c: Comment, meeting_id: str, author: User, session: Session | None = None
) -> dict[str, Any]:
    """A comment record; with ``session``, its thread fields too (server/threads.py)."""
    from datetime import UTC, datetime

    data = {
        "document_version_id": c.document_version_id,
        "meeting_id": meeting_id,
        "author_id": author.id,
        "author_name": author.display_name,
        "text": c.text,
        "created_at": datetime.fromtimestamp(c.created_at, UTC).isoformat(),
    }
    if session is not None:
        from hanoi_desk.server.threads import thread_fields

        data.update(thread_fields(session, c))
    return data


def meeting_records(session: Session, meeting_id: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every shared record of one meeting as (type, id, data)."""
    m = session.get(Meeting, meeting_id)
    if m is None:
        return []
    out: list[tuple[str, str, dict[str, Any]]] = [(p.MEETING, m.id, meeting_data(session, m))]
    for a in session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id)):
        out.append(
            (
                p.AGENDA_ITEM,
                a.id,
                {"meeting_id": m.id, "position": a.position, "title": a.title,
                 "presenter": a.presenter},
            )
        )  # fmt: skip
    parts = session.execute(
        select(Participant, User)
        .join(User, User.id == Participant.user_id)
        .where(Participant.meeting_id == m.id)
    )
    for part, user in parts:
        out.append(
            (
                p.PARTICIPANT,
                f"{m.id}.{user.id}",
                {"meeting_id": m.id, "user_id": user.id, "display_name": user.display_name,
                 "role": part.role},
            )
        )  # fmt: skip
    versions = session.execute(
        select(Document, DocumentVersion)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .where(Document.meeting_id == m.id)
    )
    for doc, v in versions:
        out.append((p.DOCUMENT_VERSION, v.id, version_data(doc, v)))
    comments = session.execute(
        select(Comment, User)
        .join(User, User.id == Comment.user_id)
        .join(DocumentVersion, DocumentVersion.id == Comment.document_version_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(Document.meeting_id == m.id)
    )
    for c, author in comments:
        out.append((p.COMMENT, c.id, comment_data(c, m.id, author, session)))
    return out


def republish_meeting(session: Session, meeting_id: str) -> None:
    """Make every user's feed agree with the meeting as it now is, and with who takes part.

    Called after any administrative change to a meeting. Unchanged records keep
    their seq (``Feed.flush`` skips them), so clients only pull what moved.
    """
    feed = feed_of(session)
    feed.lock()
    records = meeting_records(session, meeting_id)
    members = set(
        session.scalars(select(Participant.user_id).where(Participant.meeting_id == meeting_id))
    )
    # A comment goes only to who may read its thread (docs/comment-threads.md).
    from hanoi_desk.server.threads import comment_readers

    readers = comment_readers(session, meeting_id)
    for user_id in members:
        for kind, entity_id, data in records:
            if kind != p.COMMENT or user_id in readers.get(entity_id, ()):
                feed.put(user_id, kind, entity_id, data, meeting_id)
    wanted = {(kind, entity_id) for kind, entity_id, _ in records}
    existing = session.execute(
        select(FeedEntry.user_id, FeedEntry.kind, FeedEntry.entity_id).where(
            FeedEntry.meeting_id == meeting_id, FeedEntry.deleted.is_(False)
        )
    )
    for user_id, kind, entity_id in existing:
        if kind == SIGNED_COPY:  # their readers are not the members: recomputed below
            continue
        hidden = kind == p.COMMENT and user_id not in readers.get(entity_id, ())
        if user_id not in members or (kind, entity_id) not in wanted or hidden:
            feed.drop(user_id, kind, entity_id)
    # Action items are filed under no meeting (their unit's members outside it read
    # them too), so they are recomputed here rather than by the loop above.
    from hanoi_desk.server.action_items import republish_meeting_items

    republish_meeting_items(session, meeting_id)
    # Signed copies are filed under the meeting but read by the signer and the
    # secretariat as it now is, not by every member (docs/server-uploads.md).
    from hanoi_desk.server.mutations import republish_signed_copies

    republish_signed_copies(session, meeting_id)


def policy_data(session: Session, device: Device) -> dict[str, Any]:
    user = session.get(User, device.user_id)
    assert user is not None
    org = session.get(Organisation, user.organisation_id)
    assert org is not None
    return {
        "device_id": device.device_id,
        "retention_days": org.retention_days,
        "offline_lease_hours": org.offline_lease_hours,
        "wipe": device.wipe,
        "watermark": org.watermark,
        "signature_level": org.signature_level,
        "tsa_url": org.tsa_url,
        "signature_overdue_days": org.signature_overdue_days,
    }


def publish_policy(session: Session, device: Device) -> None:
    feed_of(session).lock()
    data = policy_data(session, device)
    feed_of(session).put(device.user_id, p.POLICY, device.device_id, data, None)


# --- reading --------------------------------------------------------------------------------


def read_changes(
    session: Session, user_id: str, device_id: str, after: int, limit: int
) -> p.ChangesPage:
    """One page of the user's feed after watermark ``after``; other devices' policies are hidden."""
    rows = session.execute(
        select(
            FeedEntry.kind, FeedEntry.entity_id, FeedEntry.seq, FeedEntry.deleted, FeedEntry.data
        )
        .where(
            FeedEntry.user_id == user_id,
            FeedEntry.seq > after,
            or_(
                FeedEntry.kind != p.POLICY,
                and_(FeedEntry.kind == p.POLICY, FeedEntry.entity_id == device_id),
            ),
        )
        .order_by(FeedEntry.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = tuple(
        p.Change(p.TOMBSTONE if deleted else kind, entity_id, json.loads(data))
        for kind, entity_id, _seq, deleted, data in rows
    )
    cursor = rows[-1][2] if rows else after
    return p.ChangesPage(changes, p.encode_cursor(cursor), has_more)


def wipe_order_page(session: Session, user_id: str, device_id: str, after: int) -> p.ChangesPage:
    """All a device ordered wiped may read, whatever cursor it sends: its policy record,
    which carries the order, and nothing of the meetings.

    The cursor is chosen by the client, so a feed read from it could leave the order
    out (a client asking from past the order's seq, or never pulling, would dodge it);
    this page always carries it. The cursor goes back unchanged: should the order be
    cancelled before the device acts on it, nothing in its feed was skipped.
    """
    device = session.get(Device, (user_id, device_id))
    assert device is not None and device.wipe  # authenticated in this transaction
    change = p.Change(p.POLICY, device_id, policy_data(session, device))
    return p.ChangesPage((change,), p.encode_cursor(after), False)


def latest_seq(session: Session, user_id: str, device_id: str) -> int:
    """The newest seq visible to this device (for the events stream)."""
    from sqlalchemy import func

    value = session.execute(
        select(func.max(FeedEntry.seq)).where(
            FeedEntry.user_id == user_id,
            or_(FeedEntry.kind != p.POLICY, FeedEntry.entity_id == device_id),
        )
    ).scalar()
    return int(value or 0)
