"""Repositories: the SQL of the cache, one small class per aggregate.

Each takes the profile's :class:`~hanoi_desk.store.database.OwnedConnection`
and returns records of ``hanoi_desk.domain`` (or of the sync's ports, for the
account). Reads run on their own; writes run inside the caller's
``Cache.transaction()``, so a use case that writes a note and queues its
outbox entry commits both or neither. ``Cache.repos`` holds one of each.
"""

from __future__ import annotations

from dataclasses import dataclass

from hanoi_desk.store.database import OwnedConnection
from hanoi_desk.store.repos.accounts import AccountRepository
from hanoi_desk.store.repos.action_items import ActionItemRepository
from hanoi_desk.store.repos.audit import AuditRepository
from hanoi_desk.store.repos.comments import CommentRepository
from hanoi_desk.store.repos.consultations import ConsultationRepository
from hanoi_desk.store.repos.documents import DocumentRepository
from hanoi_desk.store.repos.meetings import MeetingRepository
from hanoi_desk.store.repos.notes import NoteRepository
from hanoi_desk.store.repos.outbox import OutboxRepository
from hanoi_desk.store.repos.settings import SettingsRepository
from hanoi_desk.store.repos.signatures import SignatureRepository
from hanoi_desk.store.repos.signing_requests import SigningRequestRepository


@dataclass(frozen=True)
class Repositories:
    accounts: AccountRepository
    audit: AuditRepository
    comments: CommentRepository
    documents: DocumentRepository
    meetings: MeetingRepository
    notes: NoteRepository
    outbox: OutboxRepository
    settings: SettingsRepository
    signatures: SignatureRepository
    consultations: ConsultationRepository
    signing_requests: SigningRequestRepository
    action_items: ActionItemRepository

    @classmethod
    def over(cls, conn: OwnedConnection) -> Repositories:
        return cls(
            AccountRepository(conn),
            AuditRepository(conn),
            CommentRepository(conn),
            DocumentRepository(conn),
            MeetingRepository(conn),
            NoteRepository(conn),
            OutboxRepository(conn),
            SettingsRepository(conn),
            SignatureRepository(conn),
            ConsultationRepository(conn),
            SigningRequestRepository(conn),
            ActionItemRepository(conn),
        )
