"""Retention: a meeting's pack leaves the device a set number of days after it.

Meeting-room laptops are shared and commune PCs are old: packs of meetings long
past should not stay readable there forever. Once a meeting ended more than
``days`` ago, the documents the server sent for it are purged: their bytes, page
text and search index go, the records stay (the meeting still shows in the
list, marked as removed), and the meeting's ``retention_until`` records when its
retention ran out, so the sync does not download the pack again. Private notes,
local imports and anything still waiting in the outbox are kept.

If the retention is lengthened later, a purged meeting that is inside the new
period is released again and its pack comes back on the next sync.

A written consultation (docs/consultation.md) goes too once it is closed or
summarised and the period has run from the later of its meeting's end and its
deadline: its record (which holds my answers) and my signed opinion PDFs, with
the sent ``consultation.respond`` actions that name them; an opinion still
waiting to be sent stays until it is.

With a meeting's pack go its signing requests (and their head files), its
action items and the others' signed copies the secretariat's profile keeps,
with the sent actions that answered them; a request still waiting for my
signature and an action-item change not yet sent stay.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hanoi_desk.domain.consultation import ConsultationState
from hanoi_desk.domain.signing_requests import SigningRequest
from hanoi_desk.protocol.action_items import KIND_ACTION_ITEM_STATUS
from hanoi_desk.protocol.consultation import KIND_CONSULTATION_RESPOND
from hanoi_desk.protocol.signing_requests import KIND_SIGNING_STEP_DECLINE, KIND_SIGNING_STEP_SIGN
from hanoi_desk.store.cache import Cache

# Meetings are stored with their own offset; a naive time is Vietnam's (UTC+7).
_LOCAL = timezone(timedelta(hours=7))


@dataclass(frozen=True)
class Purged:
    meetings: tuple[str, ...]
    """Ids of the meetings whose packs were purged by this run."""
    blobs: int
    """Encrypted document files deleted."""
    released: tuple[str, ...]
    """Purged meetings back inside the retention period: their packs will download again."""
    consultations: tuple[str, ...] = ()
    """Ids of the closed or summarised consultations purged by this run."""
    records: tuple[str, ...] = ()
    """Ids of the signing requests, action items and signed copies purged with
    their meetings by this run."""


def _when(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=_LOCAL)


def retention_end(starts_at: str, ends_at: str | None, days: int) -> datetime:
    """When a meeting's pack must leave the device: ``days`` after the meeting ends."""
    return _when(ends_at or starts_at) + timedelta(days=days)


def expired_meetings(cache: Cache, days: int, at: datetime) -> set[str]:
    """Meetings whose retention has run out at ``at`` (purged or not yet)."""
    out = set()
    for meeting in cache.repos.meetings.schedules():
        try:
            if retention_end(meeting.starts_at, meeting.ends_at, days) <= at:
                out.add(meeting.id)
        except ValueError:
            continue  # a malformed date is the server's to fix; keep the pack meanwhile
    return out


_FINISHED = (ConsultationState.CLOSED, ConsultationState.SUMMARISED)
"""An open consultation stays whatever its dates (the secretariat has not closed it)."""


def expired_consultations(cache: Cache, days: int, at: datetime) -> set[str]:
    """Closed or summarised consultations whose period has run out at ``at``:
    counted from the later of the meeting's end and the deadline (a consultation
    between sessions often closes weeks after the meeting it belongs to)."""
    ends: dict[str, datetime | None] = {}
    for meeting in cache.repos.meetings.schedules():
        try:
            ends[meeting.id] = _when(meeting.ends_at or meeting.starts_at)
        except ValueError:
            ends[meeting.id] = None  # a malformed date: keep its consultations too
    out = set()
    for k in cache.repos.consultations.all():
        if k.state not in _FINISHED:
            continue
        deadline = datetime.fromtimestamp(k.deadline, UTC)
        meeting_end = ends.get(k.meeting_id, deadline)
        if meeting_end is not None and max(meeting_end, deadline) + timedelta(days=days) <= at:
            out.add(k.id)
    return out


def _purge_consultations(c: Any, cache: Cache, gone: set[str], days: int) -> set[str]:
    """Delete the consultations ``gone`` and the sent actions that answered them;
    returns the opinion PDFs they named (the caller deletes those not still needed)."""
    shas: set[str] = set()
    for consultation_id in sorted(gone):
        row = c.execute(
            "SELECT data FROM consultations WHERE id = ?", (consultation_id,)
        ).fetchone()
        if row is not None:
            for r in json.loads(row[0]).get("my_responses", []):
                if isinstance(r, dict) and isinstance(r.get("sha256"), str):
                    shas.add(r["sha256"])
        sent = []
        for op_id, payload, state in c.execute(
            "SELECT op_id, payload, state FROM outbox WHERE kind = ?",
            (KIND_CONSULTATION_RESPOND,),
        ).fetchall():
            data = json.loads(payload)
            if data.get("consultation_id") != consultation_id:
                continue
            shas.add(str(data.get("sha256", "")))
            if state in ("done", "rejected"):  # one still to send keeps its row and file
                sent.append((op_id,))
        c.executemany("DELETE FROM outbox WHERE op_id = ?", sent)
        c.execute("DELETE FROM consultations WHERE id = ?", (consultation_id,))
        cache.repos.audit.record("purge", consultation_id, f"consultation, retention {days} days")
    return shas


_SENT = ("done", "rejected")
_TABLES = {
    # table: (outbox kinds that answer a record, the payload key naming it, audit word)
    "signing_requests": ((KIND_SIGNING_STEP_SIGN, KIND_SIGNING_STEP_DECLINE), "request_id",
                         "signing request"),
    "action_items": ((KIND_ACTION_ITEM_STATUS,), "item_id", "action item"),
    "signed_copies": ((), "", "signed copy"),
}  # fmt: skip


def _purge_meeting_records(
    c: Any, cache: Cache, meetings: set[str], days: int, at: datetime
) -> tuple[list[str], set[str]]:
    """Delete the signing requests, action items and signed copies of the expired
    ``meetings`` (each audited) with the sent actions that answered them; returns
    their ids and the files they named (the caller deletes those not still needed).

    Kept: a request with a step of mine to sign now (the server still waits for
    me), and any record an unsent action names (the sync must still send it)."""
    mine = cache.repos.comments.my_user_ids()
    gone: list[str] = []
    shas: set[str] = set()
    for table, (kinds, key, word) in _TABLES.items():
        answers: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
        for kind in kinds:
            for op_id, payload, state in c.execute(
                "SELECT op_id, payload, state FROM outbox WHERE kind = ?", (kind,)
            ).fetchall():
                data = json.loads(payload)
                answers.setdefault(str(data.get(key)), []).append((op_id, state, data))
        for meeting_id in sorted(meetings):
            rows = c.execute(
                f"SELECT id, data FROM {table} WHERE meeting_id = ?",  # noqa: S608 (a constant)
                (meeting_id,),
            ).fetchall()
            for record_id, text in rows:
                data = json.loads(text)
                ops = answers.get(record_id, [])
                if any(state not in _SENT for _op, state, _d in ops):
                    continue  # an answer still to send keeps its record (and its file)
                if table == "signing_requests":
                    try:
                        request = SigningRequest.parse(data)
                    except (KeyError, TypeError, ValueError):
                        continue  # a damaged record: keep rather than guess
                    if request.my_active_steps(mine, at.timestamp()):
                        continue  # still waiting for my signature
                    shas.add(request.head_sha256)
                elif table == "signed_copies" and isinstance(data.get("sha256"), str):
                    shas.add(data["sha256"])  # its file, if the secretariat opened it
                for _op, _state, answer in ops:
                    if isinstance(answer.get("sha256"), str):
                        shas.add(answer["sha256"])  # my signed file, sent
                c.executemany("DELETE FROM outbox WHERE op_id = ?", [(o,) for o, _s, _d in ops])
                c.execute(f"DELETE FROM {table} WHERE id = ?", (record_id,))  # noqa: S608
                cache.repos.audit.record("purge", record_id, f"{word}, retention {days} days")
                gone.append(record_id)
    return gone, shas


def purge_expired(cache: Cache, days: int, at: datetime | None = None) -> Purged:
    """Purge every meeting pack and finished consultation past retention; one
    transaction, then the files.

    The rows are changed first and the blob files removed after the commit: a
    crash in between leaves unlisted blobs, which the next exclusive open
    collects, never a listed document without its bytes.
    """
    at = at or datetime.now(UTC)
    expired = expired_meetings(cache, days, at)
    finished = expired_consultations(cache, days, at)
    stamp = at.isoformat(timespec="seconds")
    with cache.transaction() as c:
        already = {
            r[0] for r in c.execute("SELECT id FROM meetings WHERE retention_until NOT NULL")
        }
        released = tuple(sorted(already - expired))
        c.executemany(
            "UPDATE meetings SET retention_until = NULL WHERE id = ?", [(m,) for m in released]
        )
        purged: list[str] = []
        shas: set[str] = set()
        for meeting_id in sorted(expired):
            versions = c.execute(
                "SELECT v.id, v.sha256, v.available FROM document_versions v "
                "JOIN documents d ON d.id = v.document_id "
                "WHERE d.meeting_id = ? AND d.origin = 'server'",
                (meeting_id,),
            ).fetchall()
            if meeting_id in already and not any(r[2] for r in versions):
                continue  # purged before and nothing came back since
            for version_id, sha, _available in versions:
                cache.repos.documents.drop_text(version_id)
                shas.add(sha)
            c.execute(
                "UPDATE document_versions SET available = 0, pages = NULL WHERE id IN "
                "(SELECT v.id FROM document_versions v JOIN documents d ON d.id = v.document_id "
                "WHERE d.meeting_id = ? AND d.origin = 'server')",
                (meeting_id,),
            )
            c.execute("UPDATE meetings SET retention_until = ? WHERE id = ?", (stamp, meeting_id))
            cache.repos.audit.record("purge", meeting_id, f"retention {days} days")
            purged.append(meeting_id)
        opinions = _purge_consultations(c, cache, finished, days)
        # Every expired meeting, purged before or not: records can come after a purge.
        records, record_files = _purge_meeting_records(c, cache, expired, days, at)
        # A blob goes only if nothing else still lists it: another meeting's
        # version, a local import, or a signed file waiting in the outbox.
        pending = " ".join(cache.repos.outbox.unsent_payloads())
        doomed = sorted(
            sha
            for sha in shas
            if sha not in pending
            and c.execute(
                "SELECT 1 FROM document_versions WHERE sha256 = ? AND available = 1", (sha,)
            ).fetchone()
            is None
        )
        # An opinion PDF is in the blob store only once signed here (listed by
        # queue_opinion); a response made on another computer names none here.
        doomed += sorted(
            sha
            for sha in opinions - shas
            if sha not in pending
            and c.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone() is not None
            and c.execute("SELECT 1 FROM document_versions WHERE sha256 = ?", (sha,)).fetchone()
            is None
        )
        # A request's head, my signed step or a signed copy's file: gone unless a
        # kept request's head, a readable version or one of my signatures names it.
        doomed += sorted(
            sha
            for sha in record_files - shas - opinions
            if sha not in pending
            and c.execute("SELECT 1 FROM blobs WHERE sha256 = ?", (sha,)).fetchone() is not None
            and c.execute(
                "SELECT 1 FROM document_versions WHERE sha256 = ? AND available = 1", (sha,)
            ).fetchone()
            is None
            and c.execute("SELECT 1 FROM signing_requests WHERE head_sha256 = ?", (sha,)).fetchone()
            is None
            and c.execute(
                "SELECT 1 FROM signatures WHERE signed_sha256 = ? OR sha256 = ?", (sha, sha)
            ).fetchone()
            is None
        )
        c.executemany("DELETE FROM blobs WHERE sha256 = ?", [(s,) for s in doomed])
    for sha in doomed:
        cache.blobs.remove(sha)
    return Purged(tuple(purged), len(doomed), released, tuple(sorted(finished)), tuple(records))
