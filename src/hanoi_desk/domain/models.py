"""The records the cache holds and the use cases pass around."""

from __future__ import annotations

from dataclasses import dataclass

from hanoi_desk.domain.states import OutboxState


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    title: str
    version_id: str
    version: int
    sha256: str
    size: int
    pages: int | None
    filename: str
    meeting_id: str | None
    available: bool


@dataclass(frozen=True)
class SearchHit:
    document_id: str
    title: str
    page: int
    """1-based, as people count pages."""
    snippet: str


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    op_id: str
    """Idempotency key: the server applies an operation with the same id once."""
    kind: str
    payload: str
    state: OutboxState
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class AuditEntry:
    at: str
    action: str
    subject: str
    detail: str
