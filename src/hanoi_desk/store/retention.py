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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

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


def purge_expired(cache: Cache, days: int, at: datetime | None = None) -> Purged:
    """Purge every meeting pack past retention; one transaction, then the files.

    The rows are changed first and the blob files removed after the commit: a
    crash in between leaves unlisted blobs, which the next exclusive open
    collects, never a listed document without its bytes.
    """
    at = at or datetime.now(UTC)
    expired = expired_meetings(cache, days, at)
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
        c.executemany("DELETE FROM blobs WHERE sha256 = ?", [(s,) for s in doomed])
    for sha in doomed:
        cache.blobs.remove(sha)
    return Purged(tuple(purged), len(doomed), released)
