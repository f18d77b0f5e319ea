"""Documents and their versions, the blobs they list, and their page text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.text import fold
from hanoi_desk.store.repos.base import Repository, now

_SELECT_DOCS = """
SELECT d.id, d.title, v.id, v.version, v.sha256, v.size, v.pages, v.filename, d.meeting_id,
       v.available
FROM documents d
JOIN document_versions v ON v.document_id = d.id
WHERE v.version = (SELECT MAX(version) FROM document_versions WHERE document_id = d.id)
"""


@dataclass(frozen=True)
class PageMatch:
    """One page the full-text index matched."""

    rowid: int
    document_id: str
    title: str
    page: int
    """1-based."""
    body: str


@dataclass(frozen=True)
class Wanted:
    """A blob the cache lists but does not hold."""

    sha256: str
    size: int


def _summary(row: Sequence[Any]) -> DocumentSummary:
    return DocumentSummary(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], bool(row[9])
    )


class DocumentRepository(Repository):
    __slots__ = ()

    def all(self) -> list[DocumentSummary]:
        """Every document at its latest version."""
        rows = self._conn.execute(_SELECT_DOCS + " ORDER BY d.created_at, d.title").fetchall()
        return [_summary(r) for r in rows]

    def starting_with(self, prefix: str, limit: int) -> list[DocumentSummary]:
        """Documents whose id starts with ``prefix`` (LIKE's wildcards dropped), by id."""
        pattern = prefix.replace("%", "").replace("_", "") + "%"
        rows = self._conn.execute(
            _SELECT_DOCS + " AND d.id LIKE ? ORDER BY d.id LIMIT ?", (pattern, limit)
        ).fetchall()
        return [_summary(r) for r in rows]

    def versions(self, version_ids: Sequence[str]) -> list[DocumentSummary]:
        """The named versions, current or superseded, each with its document's
        title (signing names a version, which may not be the latest)."""
        if not version_ids:
            return []
        marks = ", ".join("?" * len(version_ids))
        rows = self._conn.execute(
            "SELECT d.id, d.title, v.id, v.version, v.sha256, v.size, v.pages, v.filename, "  # noqa: S608 - placeholders only
            "d.meeting_id, v.available FROM documents d "
            f"JOIN document_versions v ON v.document_id = d.id WHERE v.id IN ({marks})",
            tuple(version_ids),
        ).fetchall()
        return [_summary(r) for r in rows]

    def add_local(
        self,
        doc_id: str,
        version_id: str,
        *,
        title: str,
        sha256: str,
        size: int,
        filename: str,
        pages: Sequence[str],
    ) -> None:
        """A PDF imported by hand: its blob listed, one version, its page text indexed."""
        c = self._writing()
        self.list_blob(sha256, size)
        c.execute(
            "INSERT INTO documents (id, title, origin, created_at) VALUES (?, ?, ?, ?)",
            (doc_id, title, "local", now()),
        )
        c.execute(
            "INSERT INTO document_versions (id, document_id, version, sha256, size, pages, "
            "filename, created_at, available) VALUES (?, ?, 1, ?, ?, ?, ?, ?, 1)",
            (version_id, doc_id, sha256, size, len(pages), filename, now()),
        )
        self.index_pages(version_id, pages)

    def list_blob(self, sha256: str, size: int) -> None:
        self._writing().execute(
            "INSERT OR IGNORE INTO blobs (sha256, size, added_at) VALUES (?, ?, ?)",
            (sha256, size, now()),
        )

    def listed_blobs(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT sha256 FROM blobs")}

    def index_pages(self, version_id: str, pages: Sequence[str]) -> None:
        """Page text for snippets, folded text for the search (FTS5 keeps no diacritics)."""
        c = self._writing()
        for number, text in enumerate(pages, start=1):
            cur = c.execute(
                "INSERT INTO page_text (version_id, page, body) VALUES (?, ?, ?)",
                (version_id, number, text),
            )
            c.execute(
                "INSERT INTO page_fts (rowid, folded) VALUES (?, ?)", (cur.lastrowid, fold(text))
            )

    def drop_text(self, version_id: str) -> None:
        """A version's page text and its index rows (FTS5 has no foreign keys)."""
        c = self._writing()
        c.execute(
            "DELETE FROM page_fts WHERE rowid IN (SELECT id FROM page_text WHERE version_id = ?)",
            (version_id,),
        )
        c.execute("DELETE FROM page_text WHERE version_id = ?", (version_id,))

    def matching(self, match: str, limit: int) -> list[PageMatch]:
        """Pages the FTS5 query ``match`` finds, in document and page order."""
        rows = self._conn.execute(
            "SELECT p.id, d.id, d.title, p.page, p.body FROM page_fts f "
            "JOIN page_text p ON p.id = f.rowid "
            "JOIN document_versions v ON v.id = p.version_id "
            "JOIN documents d ON d.id = v.document_id "
            "WHERE page_fts MATCH ? ORDER BY f.rowid LIMIT ?",
            (match, limit),
        )
        return [PageMatch(*r) for r in rows]

    def wanted(self) -> list[Wanted]:
        """Missing documents the server sent, current versions first, then the
        nearest meeting; never those of a meeting past retention."""
        rows = self._conn.execute(
            "SELECT v.sha256, MAX(v.size), MIN(CASE WHEN m.starts_at IS NULL THEN 1e9 ELSE "
            "ABS(julianday(m.starts_at) - julianday('now')) END) AS distance, "
            "MIN(v.superseded_by IS NOT NULL) AS old "
            "FROM document_versions v JOIN documents d ON d.id = v.document_id "
            "LEFT JOIN meetings m ON m.id = d.meeting_id "
            "WHERE v.available = 0 AND d.origin = 'server' AND m.retention_until IS NULL "
            "GROUP BY v.sha256 ORDER BY old, distance, v.sha256"
        ).fetchall()
        return [Wanted(r[0], int(r[1])) for r in rows]

    def arrived(self, sha256: str, size: int, pages: Sequence[str] | None) -> None:
        """A downloaded blob listed and its versions available, with their page
        text (``pages`` None: not a readable PDF, listed but not searchable)."""
        c = self._writing()
        self.list_blob(sha256, size)
        versions = [
            r[0]
            for r in c.execute(
                "SELECT id FROM document_versions WHERE sha256 = ? AND available = 0", (sha256,)
            )
        ]
        c.execute(
            "UPDATE document_versions SET available = 1, pages = ? WHERE sha256 = ?",
            (None if pages is None else len(pages), sha256),
        )
        if pages is not None:
            for version_id in versions:
                self.drop_text(version_id)
                self.index_pages(version_id, pages)
