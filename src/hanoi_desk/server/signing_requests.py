"""Signing requests on the server (docs/signing-requests.md): several signers of
one document version in order, each filling a signature field the server
prepared up front, so each signature keeps the earlier ones valid.

The secretariat's side (create, cancel) runs on the server's host (CLI, demo,
tests); a signer's ``signing_step.sign`` / ``signing_step.decline`` are
mutations.
"""

from __future__ import annotations

import io
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import signing_requests as ps
from hanoi_desk.server.admin import user_by_name
from hanoi_desk.server.blobs import BlobStore
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import feed_of
from hanoi_desk.server.models import (
    Document,
    DocumentVersion,
    Participant,
    SigningRequest,
    SigningStep,
    User,
)
from hanoi_desk.server.signature_check import (
    Verdict,
    check_signed_upload,
    context_for_meeting,
    settle,
)

NO_VERSION = N_("There is no document version “{version}” on this server.")
NO_REQUEST = N_("There is no signing request “{request}” on this server.")
BAD_REQUEST = N_("The signing request cannot be created: {problem}.")
NOT_PARTICIPANT = N_("“{username}” does not take part in the meeting of this document.")
CANNOT_CANCEL = N_("A signing request that is {state} cannot be cancelled.")
CANNOT_START = N_("Only a draft signing request can be started; this one is {state}.")
EXPIRES_PAST = N_("The expiry time must be in the future.")
START_EXPIRED = N_(
    "Signing request {id} expired before it was started; nobody can sign it now. "
    "Prepare a new one with a later expiry."
)

MAX_SIGNED_PDF = 64 * 1024 * 1024
"""Minutes are a few MB; a larger upload is not read into memory and is refused."""
FIELD_W, FIELD_H, MARGIN = 170, 60, 36
"""The prepared fields' boxes (points), side by side at the foot of the last page."""


@dataclass(frozen=True)
class StepSpec:
    """One signer of a request as the secretariat names it."""

    username: str
    role: str
    decree_kind: str = "approval"
    stage: int | None = None
    """None: its own stage after the previous step (strict order)."""
    field_name: str | None = None
    """None: ``Sig<n>``."""


# --- the secretariat's operations --------------------------------------------------------------


def prepare_base(pdf: bytes, fields: Sequence[str]) -> bytes:
    """The version with one empty signature field per step, in one incremental
    update: each signer later fills their own field, which pyHanko's difference
    analysis counts as form filling, so the earlier signatures stay valid."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields as pf

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    last = int(writer.root["/Pages"]["/Count"]) - 1
    for i, name in enumerate(fields):
        # Three boxes to a row, rows going up from the page's foot.
        x = MARGIN + (i % 3) * (FIELD_W + 10)
        y = MARGIN + (i // 3) * (FIELD_H + 10)
        spec = pf.SigFieldSpec(name, on_page=last, box=(x, y, x + FIELD_W, y + FIELD_H))
        pf.append_signature_field(writer, spec)
    # SignaturesExist | AppendOnly, as pyHanko sets it when a field is filled: set
    # up front, filling a field changes no /AcroForm key, which the server's
    # difference analysis would otherwise refuse (server/signature_check.py).
    from pyhanko.pdf_utils import generic

    writer.root["/AcroForm"]["/SigFlags"] = generic.NumberObject(3)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def create(
    db: Database,
    blobs: BlobStore,
    version_id: str,
    title: str,
    steps: Sequence[StepSpec],
    *,
    request_id: str | None = None,
    now: int | None = None,
    draft: bool = False,
    expires_at: int | None = None,
) -> str:
    """A signing request, started at once (its first stage active) and published
    to the meeting's participants; the prepared base PDF goes to the blob store.

    ``draft``: prepared and shown, but nobody is asked (every step pending)
    until :func:`start`. ``expires_at`` (epoch seconds): after it a request
    still in progress is expired (judged by the server's clock, :func:`expire_due`)."""
    created_at = now if now is not None else int(time.time())
    if expires_at is not None and expires_at <= created_at:
        raise UserError(EXPIRES_PAST)
    if not title.strip() or len(title) > 1000:
        raise UserError(BAD_REQUEST, problem="a title (1 to 1000 characters)")
    if not 1 <= len(steps) <= 30:
        raise UserError(BAD_REQUEST, problem="1 to 30 signers")
    fields = [s.field_name or f"Sig{i}" for i, s in enumerate(steps, 1)]
    if len(set(fields)) != len(fields) or any(
        not f.isascii() or not f.isalnum() or len(f) > 100 for f in fields
    ):
        raise UserError(BAD_REQUEST, problem="unique field names of letters and digits")
    if any(s.decree_kind not in ps.DECREE_KINDS for s in steps):
        raise UserError(BAD_REQUEST, problem="a kind among " + ", ".join(ps.DECREE_KINDS))
    stages = _stages(steps)
    with db.read() as session:
        version = session.get(DocumentVersion, version_id)
        if version is None:
            raise UserError(NO_VERSION, version=version_id)
        original_sha = version.sha256
    size = blobs.size(original_sha)
    if size is None or size > MAX_SIGNED_PDF:
        raise UserError(BAD_REQUEST, problem="the version's file is not held or is too large")
    base = prepare_base(b"".join(blobs.read(original_sha, 0, size - 1)), fields)
    base_sha = blobs.put_bytes(base)
    with db.write() as session:
        version = session.get(DocumentVersion, version_id)
        document = None if version is None else session.get(Document, version.document_id)
        if version is None or document is None:
            raise UserError(NO_VERSION, version=version_id)
        if version.superseded_by is not None:
            raise UserError(BAD_REQUEST, problem="the version is superseded")
        row = SigningRequest(id=request_id or uuid.uuid4().hex, meeting_id=document.meeting_id,
                             document_version_id=version.id, title=title.strip(),
                             state=ps.RequestState.DRAFT if draft else ps.RequestState.IN_PROGRESS,
                             base_sha256=base_sha, head_sha256=base_sha, head_size=len(base),
                             created_at=created_at, expires_at=expires_at)  # fmt: skip
        session.add(row)
        first = min(stages)
        for i, (spec, field, stage) in enumerate(zip(steps, fields, stages, strict=True), 1):
            user = user_by_name(session, spec.username)
            if session.get(Participant, (document.meeting_id, user.id)) is None:
                raise UserError(NOT_PARTICIPANT, username=spec.username)
            # A draft asks nobody yet: its first stage becomes active when it starts.
            active = stage == first and not draft
            state = ps.StepState.ACTIVE if active else ps.StepState.PENDING
            session.add(SigningStep(request_id=row.id, position=i, stage=stage, user_id=user.id,
                                    role=spec.role.strip()[:200], field_name=field,
                                    decree_kind=spec.decree_kind, state=state))  # fmt: skip
        session.flush()
        publish(session, row)
        return row.id


def start(db: Database, request_id: str, now: int | None = None) -> None:
    """A draft goes in progress: its first stage becomes active and is published."""
    clock = now if now is not None else int(time.time())
    # A draft past its expiry is marked expired (and readers told) before the
    # refusal, which must not roll that back (docs/signing-requests.md).
    expire_due(db, clock)
    with db.write() as session:
        row = _get(session, request_id)
        # Started after its expiry, nobody could sign it.
        if row.state == ps.RequestState.EXPIRED:
            raise UserError(START_EXPIRED, id=row.id)
        if row.state != ps.RequestState.DRAFT:
            raise UserError(CANNOT_START, state=row.state)
        if row.expires_at is not None and row.expires_at <= clock:
            raise UserError(START_EXPIRED, id=row.id)
        row.state = ps.RequestState.IN_PROGRESS
        _advance(session, row)
        session.flush()
        publish(session, row)


def cancel(db: Database, request_id: str) -> None:
    with db.write() as session:
        row = _get(session, request_id)
        if row.state not in (ps.RequestState.DRAFT, ps.RequestState.IN_PROGRESS):
            raise UserError(CANNOT_CANCEL, state=row.state)
        row.state = ps.RequestState.CANCELLED
        session.flush()
        publish(session, row)


def expire_due(db: Database, now: int) -> int:
    """Mark expired every request in progress, or a draft never started, whose
    expiry time has passed by ``now`` (the server's clock) and publish it; how many.

    There is no timer: the state matters only when someone reads or acts. A feed
    pull and ``sign-request-show`` call this first; a signature or decline is
    judged by the clock itself (:func:`_check_open`). A cheap indexed read when
    nothing is due."""
    with db.read() as session:
        due = list(session.scalars(_due(now)))
    if not due:
        return 0
    expired = 0
    with db.write() as session:
        # Again under the row lock: a concurrent sweep or a last signature may have
        # finished the request since the read above.
        for row in session.scalars(_due(now).with_for_update()):
            row.state = ps.RequestState.EXPIRED
            session.flush()
            publish(session, row)
            expired += 1
    return expired


def _due(now: int) -> Any:
    return select(SigningRequest).where(
        SigningRequest.state.in_((ps.RequestState.IN_PROGRESS, ps.RequestState.DRAFT)),
        SigningRequest.expires_at.is_not(None),
        SigningRequest.expires_at <= now,
    )


def show(db: Database, request_id: str, now: int | None = None) -> dict[str, Any]:
    expire_due(db, now if now is not None else int(time.time()))
    with db.read() as session:
        row = session.get(SigningRequest, request_id)
        if row is None:
            raise UserError(NO_REQUEST, request=request_id)
        return request_json(session, row)


def _stages(steps: Sequence[StepSpec]) -> list[int]:
    out: list[int] = []
    for s in steps:
        stage = s.stage if s.stage is not None else (out[-1] + 1 if out else 1)
        if out and stage < out[-1]:
            raise UserError(BAD_REQUEST, problem="stages in signing order")
        out.append(stage)
    return out


# --- a signer's mutations ----------------------------------------------------------------------


def sign_verdicts(
    db: Database, blobs: BlobStore | None, user_id: str, batch: p.MutationBatch
) -> dict[str, Verdict]:
    """For each ``signing_step.sign`` of the batch, keyed ``request:step:base:new``,
    the server's judgement of its file (server/signature_check.py), read from the
    blob store *before* the write transaction: it must extend the base it names
    and fill that step's prepared field, signed with the signer's registered
    certificate chaining to the body's trust roots. Only a file naming the
    request's head (or the file an earlier step of the batch signed on it) is
    read: the handler refuses any other base before it needs a verdict."""
    verdicts: dict[str, Verdict] = {}
    heads: dict[str, str] = {}  # request -> its head as the batch's steps leave it
    if blobs is None:
        return verdicts
    for m in batch.mutations:
        if m.kind != ps.KIND_SIGNING_STEP_SIGN:
            continue
        try:
            s = ps.SigningStepSign.parse(m.payload)
        except p.ProtocolError:
            continue  # the handler refuses it as invalid_payload
        with db.read() as session:
            step = session.get(SigningStep, (s.request_id, s.step))
            row = session.get(SigningRequest, s.request_id)
            if step is None or row is None or step.user_id != user_id:
                continue  # not_found / not_your_step, said by the handler
            field = step.field_name
            context = context_for_meeting(session, user_id, row.meeting_id)
            head = heads.setdefault(s.request_id, row.head_sha256)
        key = verdict_key(s)
        if s.base_sha256 != head or key in verdicts:
            continue  # stale_head / not_an_extension, said by the handler; judged once
        base_size, new_size = blobs.size(s.base_sha256), blobs.size(s.sha256)
        if base_size is None or new_size is None:
            continue
        if max(base_size, new_size) > MAX_SIGNED_PDF:
            verdicts[key] = Verdict(p.REASON_NOT_AN_EXTENSION)
            continue
        base = b"".join(blobs.read(s.base_sha256, 0, base_size - 1))  # end inclusive
        new = b"".join(blobs.read(s.sha256, 0, new_size - 1))
        verdicts[key] = check_signed_upload(
            new, base=base, registered=context.registered, roots=context.roots, field=field,
            allow_first_certificate=context.allow_first_certificate,
        )  # fmt: skip
        if verdicts[key].problem is None:
            heads[s.request_id] = s.sha256  # the next step of the batch signs on it
    return verdicts


def verdict_key(s: ps.SigningStepSign) -> str:
    return f"{s.request_id}:{s.step}:{s.base_sha256}:{s.sha256}"


def sign(
    session: Session,
    who: Any,
    payload: Mapping[str, Any],
    *,
    verdicts: Mapping[str, Verdict],
    now: Callable[[], int] = lambda: int(time.time()),
) -> dict[str, Any]:
    """``signing_step.sign``: accepted only from the active step's person, on the
    request's current head; the first accepted of two signatures of one head
    wins and the other is refused ``stale_head`` (the signer signs the new head)."""
    from hanoi_desk.server.models import Upload
    from hanoi_desk.server.mutations import Rejected, visible_version

    s = ps.SigningStepSign.parse(payload)
    row = _locked_visible(session, who.user_id, s.request_id)
    step = session.get(SigningStep, (row.id, s.step))
    if step is None:
        raise Rejected(p.REASON_NOT_FOUND)
    received = now()  # one reading: the expiry check and done_at agree
    _check_open(row, received)
    if step.user_id != who.user_id or step.state != ps.StepState.ACTIVE:
        raise Rejected(ps.REASON_NOT_YOUR_STEP)
    version, _meeting = visible_version(session, who.user_id, row.document_version_id)
    if version.superseded_by is not None:
        raise Rejected(p.REASON_DOCUMENT_SUPERSEDED)
    if s.base_sha256 != row.head_sha256:
        if s.base_sha256 in _heads(session, row):
            raise Rejected(ps.REASON_STALE_HEAD)
        raise Rejected(p.REASON_NOT_AN_EXTENSION)  # not a file of this request at all
    upload = session.get(Upload, s.upload_id)
    if upload is None or upload.user_id != who.user_id:
        raise Rejected(p.REASON_NOT_FOUND)
    if not upload.complete:
        raise Rejected(p.REASON_UPLOAD_INCOMPLETE)
    if upload.sha256 != s.sha256:
        raise Rejected(p.REASON_HASH_MISMATCH)
    verdict = verdicts.get(verdict_key(s))
    problem = (
        ps.REASON_SIGNATURE_INVALID if verdict is None else settle(session, who.user_id, verdict)
    )
    if problem is not None:
        raise Rejected(problem)
    step.state, step.sha256, step.done_at = ps.StepState.SIGNED, s.sha256, received
    row.head_sha256, row.head_size = s.sha256, upload.size
    _advance(session, row)
    session.flush()
    publish(session, row)
    return {"request_id": row.id, "step": step.position, "head_sha256": row.head_sha256,
            "state": row.state}  # fmt: skip


def decline(
    session: Session,
    who: Any,
    payload: Mapping[str, Any],
    *,
    now: Callable[[], int] = lambda: int(time.time()),
) -> dict[str, Any]:
    """``signing_step.decline``: the active step's person refuses, with a reason.
    The request ends cancelled: minutes one of their signers refuses cannot be
    completed; the secretariat corrects them and asks again (a new request)."""
    from hanoi_desk.server.mutations import Rejected

    d = ps.SigningStepDecline.parse(payload)
    row = _locked_visible(session, who.user_id, d.request_id)
    step = session.get(SigningStep, (row.id, d.step))
    if step is None:
        raise Rejected(p.REASON_NOT_FOUND)
    received = now()  # one reading: the expiry check and done_at agree
    _check_open(row, received)
    if step.user_id != who.user_id or step.state != ps.StepState.ACTIVE:
        raise Rejected(ps.REASON_NOT_YOUR_STEP)
    step.state, step.reason, step.done_at = ps.StepState.DECLINED, d.reason, received
    row.state = ps.RequestState.CANCELLED
    session.flush()
    publish(session, row)
    return {"request_id": row.id, "step": step.position, "state": row.state}


def _check_open(row: SigningRequest, now: int) -> None:
    """A step is signed or declined only while the request is in progress and,
    by the server's clock at receipt, not past its expiry (the sweep may not have
    marked it yet: the clock decides, not the stored state)."""
    from hanoi_desk.server.mutations import Rejected

    if row.state == ps.RequestState.EXPIRED or (
        row.state == ps.RequestState.IN_PROGRESS
        and row.expires_at is not None
        and now >= row.expires_at
    ):
        raise Rejected(ps.REASON_REQUEST_EXPIRED)
    if row.state != ps.RequestState.IN_PROGRESS:
        raise Rejected(ps.REASON_REQUEST_CLOSED)


def _advance(session: Session, row: SigningRequest) -> None:
    """Once every step of the active stage is signed, the next stage becomes active;
    after the last, the request is completed."""
    steps = _steps(session, row.id)
    if any(s.state == ps.StepState.ACTIVE for s in steps):
        return
    pending = [s for s in steps if s.state == ps.StepState.PENDING]
    if not pending:
        row.state = ps.RequestState.COMPLETED
        return
    nxt = min(s.stage for s in pending)
    for s in pending:
        if s.stage == nxt:
            s.state = ps.StepState.ACTIVE


def _locked_visible(session: Session, user_id: str, request_id: str) -> SigningRequest:
    from hanoi_desk.server.mutations import Rejected

    row = session.scalars(
        select(SigningRequest).where(SigningRequest.id == request_id).with_for_update()
    ).first()
    if row is None or session.get(Participant, (row.meeting_id, user_id)) is None:
        raise Rejected(p.REASON_NOT_FOUND)  # another meeting's request is as unknown
    return row


def _heads(session: Session, row: SigningRequest) -> set[str]:
    return {row.base_sha256, *(s.sha256 for s in _steps(session, row.id) if s.sha256)}


def _steps(session: Session, request_id: str) -> list[SigningStep]:
    return list(
        session.scalars(
            select(SigningStep)
            .where(SigningStep.request_id == request_id)
            .order_by(SigningStep.position)
        )
    )


def _get(session: Session, request_id: str) -> SigningRequest:
    row = session.scalars(
        select(SigningRequest).where(SigningRequest.id == request_id).with_for_update()
    ).first()
    if row is None:
        raise UserError(NO_REQUEST, request=request_id)
    return row


# --- who reads the files, the feed -------------------------------------------------------------


def may_read_file(session: Session, user_id: str, sha256: str) -> bool:
    """A request's base and every head: the participants of its meeting (who read
    the document itself anyway)."""
    from sqlalchemy import exists, or_

    as_base = exists(
        select(SigningRequest.id)
        .join(Participant, Participant.meeting_id == SigningRequest.meeting_id)
        .where(
            or_(SigningRequest.base_sha256 == sha256, SigningRequest.head_sha256 == sha256),
            Participant.user_id == user_id,
        )
    )
    as_step = exists(
        select(SigningStep.request_id)
        .join(SigningRequest, SigningRequest.id == SigningStep.request_id)
        .join(Participant, Participant.meeting_id == SigningRequest.meeting_id)
        .where(SigningStep.sha256 == sha256, Participant.user_id == user_id)
    )
    return bool(session.execute(select(as_base | as_step)).scalar())


def request_json(session: Session, row: SigningRequest) -> dict[str, Any]:
    steps = _steps(session, row.id)
    names = dict(
        session.execute(
            select(User.id, User.display_name).where(User.id.in_([s.user_id for s in steps]))
        ).all()
    )
    return {"id": row.id, "meeting_id": row.meeting_id,
            "document_version_id": row.document_version_id, "title": row.title,
            "state": row.state, "base_sha256": row.base_sha256, "head_sha256": row.head_sha256,
            "head_size": row.head_size, "created_at": row.created_at,
            "expires_at": row.expires_at,
            "steps": [{"position": s.position, "stage": s.stage, "user_id": s.user_id,
                       "name": names.get(s.user_id, s.user_id), "role": s.role,
                       "field_name": s.field_name, "decree_kind": s.decree_kind,
                       "state": s.state, "reason": s.reason, "sha256": s.sha256,
                       "done_at": s.done_at} for s in steps]}  # fmt: skip


def publish(session: Session, row: SigningRequest) -> None:
    """The request to every participant of its meeting: minutes and conclusions are
    the meeting's own documents, so everyone who reads them sees who signed."""
    data = request_json(session, row)
    feed = feed_of(session)
    for user_id in session.scalars(
        select(Participant.user_id).where(Participant.meeting_id == row.meeting_id)
    ):
        # Not filed under the meeting (as consultations): republishing a meeting
        # recomputes the meeting's own records and would tombstone this one.
        feed.put(user_id, ps.SIGNING_REQUEST, row.id, data, None)
