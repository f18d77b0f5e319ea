"""Who may read what, beyond the feed (which is filtered when it is written).

A user may read a blob when it is a version of a document of a meeting they
take part in, or a signed file they uploaded themselves or that a member
signed in a meeting whose secretariat (chair, secretary) they are
(docs/server-uploads.md), or a consultation
response (signed opinion or paper scan) of their own or of a consultation whose
secretariat they are (docs/consultation.md). Everything else is answered as if
it did not exist.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from hanoi_desk.server.models import Document, DocumentVersion, Participant, Signature, Upload


def may_read_blob(session: Session, user_id: str, sha256: str) -> bool:
    as_document = exists(
        select(DocumentVersion.id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .join(Participant, Participant.meeting_id == Document.meeting_id)
        .where(DocumentVersion.sha256 == sha256, Participant.user_id == user_id)
    )
    as_own_upload = exists(
        select(Signature.id)
        .join(Upload, Upload.id == Signature.upload_id)
        .where(Signature.sha256 == sha256, Upload.user_id == user_id)
    )
    if session.execute(select(as_document | as_own_upload)).scalar():
        return True
    from hanoi_desk.server.consultation import SECRETARIAT, may_read_response

    as_secretariat = exists(
        select(Signature.id)
        .join(DocumentVersion, DocumentVersion.id == Signature.document_version_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .join(Participant, Participant.meeting_id == Document.meeting_id)
        .where(
            Signature.sha256 == sha256,
            Participant.user_id == user_id,
            Participant.role.in_(SECRETARIAT),
        )
    )
    if session.execute(select(as_secretariat)).scalar():
        return True
    from hanoi_desk.server.signing_requests import may_read_file

    return may_read_response(session, user_id, sha256) or may_read_file(session, user_id, sha256)
