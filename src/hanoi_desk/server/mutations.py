"""Applying pushed mutations exactly once.

Each mutation runs in its own write transaction that also stores its outcome
and moves the client's ``last_seq``: either all three happen or none does, so a
lost answer followed by a retry finds the stored outcome and changes nothing.
Rejections are stored the same way (they are permanent) and never stop the
mutations after them. Kinds are looked up in :data:`HANDLERS`; anything else is
rejected with ``unknown_kind``, so new kinds need no protocol version.
"""

from __future__ import annotations

import functools
import json
import time
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError as DbIntegrityError
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.protocol.threads import KIND_COMMENT_EDIT, KIND_COMMENT_RESOLVE, ThreadFields
from hanoi_desk.server import threads
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.blobs import BlobStore
from hanoi_desk.server.completion import MAX_COMPLETED_PDF, extension_problem
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import canonical, feed_of
from hanoi_desk.server.models import (
    ClientState,
    Comment,
    Document,
    DocumentVersion,
    FeedEntry,
    Meeting,
    MutationRecord,
    Note,
    Participant,
    Signature,
    Upload,
)
from hanoi_desk.server.signature_check import (
    Verdict,
    check_signed_upload,
    context_for_meeting,
    settle,
    signer_problem,
)


class Rejected(Exception):
    """A permanent refusal of one mutation, stored and returned with its reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


Outcome = dict[str, Any]
Handler = Callable[[Session, Principal, Mapping[str, Any]], Outcome]


def visible_version(
    session: Session, user_id: str, version_id: str
) -> tuple[DocumentVersion, Meeting]:
    """The version and its meeting if this user takes part in that meeting, else ``not_found``."""
    row = session.execute(
        select(DocumentVersion, Meeting)
        .join(Document, Document.id == DocumentVersion.document_id)
        .join(Meeting, Meeting.id == Document.meeting_id)
        .join(Participant, Participant.meeting_id == Meeting.id)
        .where(DocumentVersion.id == version_id, Participant.user_id == user_id)
    ).first()
    if row is None:
        raise Rejected(p.REASON_NOT_FOUND)
    return row[0], row[1]


def annotation_upsert(session: Session, who: Principal, payload: Mapping[str, Any]) -> Outcome:
    """Private notes: the last writer wins per note (by the client's timestamp, then op order)."""
    a = p.AnnotationUpsert.parse(payload)
    version, _meeting = visible_version(session, who.user_id, a.document_version_id)
    note = session.get(Note, (who.user_id, a.note_id))
    if note is not None and note.updated_at > a.updated_at:
        return {"note_id": a.note_id, "kept": "server", "updated_at": note.updated_at}
    if note is None:
        note = Note(user_id=who.user_id, note_id=a.note_id)
        session.add(note)
    note.document_version_id = version.id
    note.updated_at = a.updated_at
    note.body = None if a.body is None else canonical(dict(a.body))
    data = {"document_version_id": version.id, "updated_at": a.updated_at,
            "body": None if a.body is None else dict(a.body)}  # fmt: skip
    feed_of(session).put(who.user_id, p.NOTE, a.note_id, data, None)
    return {"note_id": a.note_id, "kept": "incoming", "updated_at": a.updated_at}


def comment_row_id(user_id: str, client_comment_id: str) -> str:
    """The server's id of a comment: the client's id scoped to its author.

    With the client's id used as is, naming another body's comment id was refused
    while a fresh one was applied: an oracle for ids of comments one may not see.
    Scoped, ids chosen by different users never meet, so both are applied alike.
    """
    return uuid.uuid5(uuid.NAMESPACE_URL, f"hanoi-desk:comment:{user_id}:{client_comment_id}").hex


def comment_add(session: Session, who: Principal, payload: Mapping[str, Any]) -> Outcome:
    c = p.CommentAdd.parse(payload)
    t = ThreadFields.parse(payload)
    version, meeting = visible_version(session, who.user_id, c.document_version_id)
    if meeting.status in ("closed", "cancelled"):
        raise Rejected(p.REASON_MEETING_CLOSED)
    root = None
    if t.parent_id is not None:
        # A reply joins its thread on the thread's version (which may be superseded
        # since: the discussion of a comment goes on), with the thread's visibility.
        _parent, root, _m = threads._readable_comment(session, who, t.parent_id)
        if root.id != t.parent_id:
            raise Rejected(threads.REASON_NOT_A_THREAD)
        parent_version = session.get(DocumentVersion, root.document_version_id)
        if parent_version is None or parent_version.document_id != version.document_id:
            raise Rejected(p.REASON_NOT_FOUND)
        version = parent_version
    elif version.superseded_by is not None:
        raise Rejected(p.REASON_DOCUMENT_SUPERSEDED)
    comment_id = comment_row_id(who.user_id, c.comment_id)
    if session.get(Comment, comment_id) is not None:
        raise Rejected(p.REASON_INVALID_PAYLOAD)  # this author used the id before
    comment = Comment(id=comment_id, document_version_id=version.id, user_id=who.user_id,
                      text=c.text, created_at=int(time.time()), parent_id=t.parent_id,
                      quote=t.quote if root is None else "",
                      prefix=t.prefix if root is None else "",
                      suffix=t.suffix if root is None else "",
                      page=t.page if root is None else 0,
                      visibility=t.visibility.value if root is None else root.visibility,
                      state="open", answer="")  # fmt: skip
    session.add(comment)
    session.flush()
    threads.publish_thread(session, comment if root is None else root, meeting.id)
    return {"comment_id": comment.id}


def signature_submit(
    session: Session, who: Principal, payload: Mapping[str, Any], verdicts: Mapping[str, Verdict]
) -> Outcome:
    """A member's signed copy of a version, accepted only if the server's check
    (server/signature_check.py, precomputed in ``verdicts`` by
    :func:`_submit_verdicts` before the write transaction) finds it good."""
    s = p.SignatureSubmit.parse(payload)
    version, _meeting = visible_version(session, who.user_id, s.document_version_id)
    upload = session.get(Upload, s.upload_id)
    if upload is None or upload.user_id != who.user_id:
        raise Rejected(p.REASON_NOT_FOUND)
    if not upload.complete:
        raise Rejected(p.REASON_UPLOAD_INCOMPLETE)
    if upload.sha256 != s.sha256:
        raise Rejected(p.REASON_HASH_MISMATCH)
    if version.superseded_by is not None:
        raise Rejected(p.REASON_DOCUMENT_SUPERSEDED)
    verdict = verdicts.get(submit_key(version.id, s.sha256))
    problem = p.REASON_NOT_FOUND if verdict is None else settle(session, who.user_id, verdict)
    if problem is not None:
        raise Rejected(problem)
    sig = Signature(id=uuid.uuid4().hex, document_version_id=version.id, user_id=who.user_id,
                    upload_id=upload.id, sha256=s.sha256, created_at=int(time.time()))  # fmt: skip
    session.add(sig)
    publish_signed_copy(session, sig, _meeting.id, upload.size)
    return {"signature_id": sig.id}


def publish_signed_copy(session: Session, sig: Signature, meeting_id: str, size: int) -> set[str]:
    """An accepted signature to the people the workflow names: its signer and the
    secretariat of the meeting (docs/server-uploads.md, "Who sees a signature").
    Returns them."""
    from hanoi_desk.protocol.signatures import SIGNED_COPY
    from hanoi_desk.server.consultation import SECRETARIAT
    from hanoi_desk.server.models import User

    signer = session.get(User, sig.user_id)
    data = {"document_version_id": sig.document_version_id, "meeting_id": meeting_id,
            "user_id": sig.user_id, "name": signer.display_name if signer else sig.user_id,
            "sha256": sig.sha256, "size": size, "created_at": sig.created_at}  # fmt: skip
    secretariat = session.scalars(
        select(Participant.user_id).where(
            Participant.meeting_id == meeting_id, Participant.role.in_(SECRETARIAT)
        )
    )
    readers = {sig.user_id, *secretariat}
    for user_id in readers:
        feed_of(session).put(user_id, SIGNED_COPY, sig.id, data, meeting_id)
    return readers


def republish_signed_copies(session: Session, meeting_id: str) -> None:
    """The meeting's signed copies again after an administrative change
    (feed.republish_meeting): the signer keeps theirs (they may read their own
    upload even once removed, server/access.py), the chair and secretary as they
    now are receive every one, and who left the secretariat gets a tombstone."""
    from hanoi_desk.protocol.signatures import SIGNED_COPY

    wanted: set[tuple[str, str]] = set()
    signatures = session.execute(
        select(Signature, Upload.size)
        .join(Upload, Upload.id == Signature.upload_id)
        .join(DocumentVersion, DocumentVersion.id == Signature.document_version_id)
        .join(Document, Document.id == DocumentVersion.document_id)
        .where(Document.meeting_id == meeting_id)
    )
    for sig, size in signatures:
        wanted |= {(u, sig.id) for u in publish_signed_copy(session, sig, meeting_id, size)}
    existing = session.execute(
        select(FeedEntry.user_id, FeedEntry.entity_id).where(
            FeedEntry.meeting_id == meeting_id,
            FeedEntry.kind == SIGNED_COPY,
            FeedEntry.deleted.is_(False),
        )
    )
    for user_id, entity_id in existing:
        if (user_id, entity_id) not in wanted:
            feed_of(session).drop(user_id, SIGNED_COPY, entity_id)


def signature_complete(
    session: Session, who: Principal, payload: Mapping[str, Any], verdicts: Mapping[str, str | None]
) -> Outcome:
    """The completed file of one of this user's signatures replaces its file, if
    it extends it (``verdicts``: checked by server/completion.py before the write
    transaction, by op of the held and the new file's hashes)."""
    s = p.SignatureComplete.parse(payload)
    version, _meeting = visible_version(session, who.user_id, s.document_version_id)
    upload = session.get(Upload, s.upload_id)
    if upload is None or upload.user_id != who.user_id:
        raise Rejected(p.REASON_NOT_FOUND)
    if not upload.complete:
        raise Rejected(p.REASON_UPLOAD_INCOMPLETE)
    if upload.sha256 != s.sha256:
        raise Rejected(p.REASON_HASH_MISMATCH)
    sig = session.scalars(
        select(Signature).where(
            Signature.user_id == who.user_id,
            Signature.document_version_id == version.id,
            Signature.sha256 == s.previous_sha256,
        )
    ).first()
    if sig is None:
        raise Rejected(p.REASON_NOT_FOUND)
    key = f"{s.previous_sha256}:{s.sha256}"
    problem = verdicts.get(key, p.REASON_NOT_FOUND)
    if problem is not None:
        raise Rejected(problem)
    sig.sha256, sig.upload_id = s.sha256, upload.id
    publish_signed_copy(session, sig, _meeting.id, upload.size)
    return {"signature_id": sig.id}


HANDLERS: dict[str, Handler] = {
    p.KIND_ANNOTATION_UPSERT: annotation_upsert,
    p.KIND_COMMENT_ADD: comment_add,
    KIND_COMMENT_EDIT: threads.comment_edit,
    KIND_COMMENT_RESOLVE: threads.comment_resolve,
}


def _stored(rec: MutationRecord, status: p.MutationStatus) -> p.MutationResult:
    result = None if rec.result is None else json.loads(rec.result)
    return p.MutationResult(rec.seq, rec.op_id, status, result, rec.reason)


def _apply_one(
    session: Session,
    who: Principal,
    client_id: str,
    m: p.Mutation,
    handlers: Mapping[str, Handler] = HANDLERS,
) -> p.MutationResult:
    state = _lock_client(session, who.user_id, client_id)
    earlier = session.get(MutationRecord, (who.user_id, client_id, m.seq))
    if earlier is not None:
        if earlier.op_id != m.op_id:
            return p.MutationResult(m.seq, m.op_id, p.REJECTED, None, p.REASON_OP_ID_REUSED)
        return _stored(earlier, p.DUPLICATE)
    by_op = session.scalars(
        select(MutationRecord).where(
            MutationRecord.user_id == who.user_id, MutationRecord.op_id == m.op_id
        )
    ).first()
    if by_op is not None:
        return _stored(by_op, p.DUPLICATE)
    if m.seq <= state.last_seq:
        # An old seq with no stored outcome can only be a client bug: refuse, store nothing.
        return p.MutationResult(m.seq, m.op_id, p.REJECTED, None, p.REASON_INVALID_PAYLOAD)
    handler = handlers.get(m.kind)
    status: p.MutationStatus = p.APPLIED
    result: Outcome | None = None
    reason: str | None = None
    mark = feed_of(session).mark()
    try:
        if handler is None:
            raise Rejected(p.REASON_UNKNOWN_KIND)
        with session.begin_nested():
            result = handler(session, who, m.payload)
    except Rejected as r:
        status, reason = p.REJECTED, r.reason
        feed_of(session).restore(mark)
    except p.ProtocolError:
        status, reason = p.REJECTED, p.REASON_INVALID_PAYLOAD
        feed_of(session).restore(mark)
    session.add(MutationRecord(user_id=who.user_id, client_id=client_id, seq=m.seq, op_id=m.op_id,
                               kind=m.kind[:200], status=status,
                               result=None if result is None else canonical(result),
                               reason=reason))  # fmt: skip
    state.last_seq = m.seq
    return p.MutationResult(m.seq, m.op_id, status, result, reason)


def _lock_client(session: Session, user_id: str, client_id: str) -> ClientState:
    """Create the client's row if needed and lock it: one mutation of a client at a time.

    Two copies of one batch (a retry while the first is still running) then run
    one after the other, and the second finds the first's stored outcome.
    """
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(ClientState)
        .values(user_id=user_id, client_id=client_id, last_seq=0)
        .on_conflict_do_nothing()
    )
    return session.scalars(
        select(ClientState)
        .where(ClientState.user_id == user_id, ClientState.client_id == client_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one()


def _completion_verdicts(
    db: Database, blobs: BlobStore | None, user_id: str, batch: p.MutationBatch
) -> dict[str, str | None]:
    """Whether each ``signature.complete`` of the batch extends the file it names,
    read from the blob store *before* any write transaction (comparing files of
    a few MB must not hold the database's write lock).

    A file is read only when ``previous_sha256`` is one of this user's
    signatures of that version (else the handler says not_found without any
    work done). The batch is already cut to ``MAX_SIGNED_UPLOADS_PER_BATCH`` signed
    files (:func:`split_signed_uploads`)."""
    verdicts: dict[str, str | None] = {}
    if blobs is None:
        return verdicts
    for m in batch.mutations:
        if m.kind != p.KIND_SIGNATURE_COMPLETE:
            continue
        try:
            s = p.SignatureComplete.parse(m.payload)
        except p.ProtocolError:
            continue  # the handler refuses it as invalid_payload
        key = f"{s.previous_sha256}:{s.sha256}"
        if key in verdicts:
            continue
        with db.read() as session:
            owned = session.scalars(
                select(Signature.id).where(
                    Signature.user_id == user_id,
                    Signature.document_version_id == s.document_version_id,
                    Signature.sha256 == s.previous_sha256,
                )
            ).first()
            if owned is None:
                continue  # not_found, said by the handler; nothing read
            try:
                _version, meeting = visible_version(session, user_id, s.document_version_id)
            except Rejected:
                continue
            context = context_for_meeting(session, user_id, meeting.id)
        held_size, new_size = blobs.size(s.previous_sha256), blobs.size(s.sha256)
        if held_size is None or new_size is None:
            continue  # not_found / upload_incomplete, said by the handler
        if max(held_size, new_size) > MAX_COMPLETED_PDF:
            verdicts[key] = p.REASON_NOT_AN_EXTENSION
            continue
        held = b"".join(blobs.read(s.previous_sha256, 0, held_size - 1))  # end inclusive
        new = b"".join(blobs.read(s.sha256, 0, new_size - 1))
        # Completion's own checks (server/completion.py), then the body's: the held
        # signature chains to a trust root and is the uploader's registered one.
        verdicts[key] = extension_problem(held, new) or signer_problem(
            new, covered_up_to=len(held), registered=context.registered, roots=context.roots
        )
    return verdicts


def split_signed_uploads(
    batch: p.MutationBatch, signed_kinds: frozenset[str]
) -> tuple[p.MutationBatch, tuple[p.Mutation, ...]]:
    """The batch's part judged now and the actions sent back ``send_again``.

    The one cap on pyHanko's work per push: each action carrying a signed file
    reads files of up to 64 MB and runs the signature checks before the write
    transaction, so only the first ``MAX_SIGNED_UPLOADS_PER_BATCH`` of a batch
    are judged. The first over the cap *and everything after it* wait: the
    server applies a client's seqs in order, and a later seq applied now would
    make the waiting one an old seq, refused for good."""
    seen = 0
    for i, m in enumerate(batch.mutations):
        if m.kind in signed_kinds:
            if seen >= p.MAX_SIGNED_UPLOADS_PER_BATCH:
                return (
                    p.MutationBatch(batch.client_id, batch.mutations[:i]),
                    batch.mutations[i:],
                )
            seen += 1
    return batch, ()


def submit_key(version_id: str, sha256: str) -> str:
    return f"{version_id}:{sha256}"


def _submit_verdicts(
    db: Database, blobs: BlobStore | None, user_id: str, batch: p.MutationBatch
) -> dict[str, Verdict]:
    """The server's judgement of each ``signature.submit`` of the batch (keyed
    version:sha256): the upload must extend the version's file with one signature
    by the uploader's registered certificate chaining to the body's trust roots.
    Read from the blob store *before* any write transaction; a file is read only
    for a version of a meeting the user takes part in (else the handler says
    not_found without any work done)."""
    verdicts: dict[str, Verdict] = {}
    if blobs is None:
        return verdicts
    for m in batch.mutations:
        if m.kind != p.KIND_SIGNATURE_SUBMIT:
            continue
        try:
            s = p.SignatureSubmit.parse(m.payload)
        except p.ProtocolError:
            continue  # the handler refuses it as invalid_payload
        key = submit_key(s.document_version_id, s.sha256)
        if key in verdicts:
            continue
        with db.read() as session:
            try:
                version, meeting = visible_version(session, user_id, s.document_version_id)
            except Rejected:
                continue
            base_sha, context = version.sha256, context_for_meeting(session, user_id, meeting.id)
        base_size, new_size = blobs.size(base_sha), blobs.size(s.sha256)
        if base_size is None or new_size is None:
            continue  # upload_incomplete / not_found, said by the handler
        if max(base_size, new_size) > MAX_COMPLETED_PDF:
            verdicts[key] = Verdict(p.REASON_NOT_AN_EXTENSION)
            continue
        base = b"".join(blobs.read(base_sha, 0, base_size - 1))  # end inclusive
        new = b"".join(blobs.read(s.sha256, 0, new_size - 1))
        verdicts[key] = check_signed_upload(
            new, base=base, registered=context.registered, roots=context.roots, field=None,
            allow_first_certificate=context.allow_first_certificate,
        )  # fmt: skip
    return verdicts


def apply_batch(
    db: Database,
    who: Principal,
    batch: p.MutationBatch,
    blobs: BlobStore | None = None,
    now: Callable[[], int] | None = None,
) -> p.MutationResults:
    """``now``: the server's receipt clock (epoch seconds; tests inject one)."""
    from hanoi_desk.protocol import signing_requests as ps
    from hanoi_desk.protocol.action_items import KIND_ACTION_ITEM_STATUS
    from hanoi_desk.protocol.consultation import KIND_CONSULTATION_RESPOND
    from hanoi_desk.server import action_items, consultation, signing_requests

    batch, later = split_signed_uploads(
        batch,
        frozenset({p.KIND_SIGNATURE_SUBMIT, p.KIND_SIGNATURE_COMPLETE,
                   KIND_CONSULTATION_RESPOND, ps.KIND_SIGNING_STEP_SIGN}),
    )  # fmt: skip
    verdicts = _completion_verdicts(db, blobs, who.user_id, batch)
    submitted = _submit_verdicts(db, blobs, who.user_id, batch)
    opinions = consultation.opinion_verdicts(db, blobs, who.user_id, batch)
    step_files = signing_requests.sign_verdicts(db, blobs, who.user_id, batch)
    clock = now or (lambda: int(time.time()))
    handlers: dict[str, Handler] = {
        **HANDLERS,
        p.KIND_SIGNATURE_SUBMIT: functools.partial(signature_submit, verdicts=submitted),
        p.KIND_SIGNATURE_COMPLETE: functools.partial(signature_complete, verdicts=verdicts),
        KIND_CONSULTATION_RESPOND: functools.partial(
            consultation.respond, now=clock, verdicts=opinions
        ),
        ps.KIND_SIGNING_STEP_SIGN: functools.partial(
            signing_requests.sign, verdicts=step_files, now=clock
        ),
        ps.KIND_SIGNING_STEP_DECLINE: functools.partial(signing_requests.decline, now=clock),
        KIND_ACTION_ITEM_STATUS: functools.partial(action_items.change_status, now=clock),
    }
    results = []
    for m in batch.mutations:
        try:
            with db.write() as session:
                results.append(_apply_one(session, who, batch.client_id, m, handlers))
        except DbIntegrityError:
            # The same op_id raced in from another client id of this user: it is stored
            # now, so a second attempt answers with that outcome.
            with db.write() as session:
                results.append(_apply_one(session, who, batch.client_id, m, handlers))
    # Not stored and the client's last seq not moved: the same actions come again.
    results += [p.MutationResult(m.seq, m.op_id, p.REJECTED, None, p.REASON_SEND_AGAIN)
                for m in later]  # fmt: skip
    return p.MutationResults(tuple(results))
