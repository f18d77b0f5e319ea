"""Written consultation on the server (docs/consultation.md): the secretariat's
operations (create, open, close, summarise, a paper opinion), a respondent's
``consultation.respond`` and the summary.

The rules (answers, lateness, which response counts, the counts) are
``hanoi_desk.domain.consultation``'s; this module stores and publishes.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.domain import consultation as dc
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import consultation as pc
from hanoi_desk.server.admin import NO_MEETING, user_by_name
from hanoi_desk.server.blobs import BlobStore
from hanoi_desk.server.db import Database
from hanoi_desk.server.feed import feed_of
from hanoi_desk.server.models import (
    Consultation,
    ConsultationRespondent,
    ConsultationResponse,
    Document,
    DocumentVersion,
    Meeting,
    Participant,
    Upload,
    User,
)
from hanoi_desk.server.signature_check import (
    Verdict,
    check_signed_upload,
    context_for_meeting,
    settle,
)

NO_CONSULTATION = N_("There is no consultation “{consultation}” on this server.")
BAD_CONSULTATION = N_("The consultation cannot be created: {problem}.")
BAD_OPINION = N_("The opinion cannot be entered: {problem}.")
BAD_MOVE = N_("A consultation that is {state} cannot become {wanted}.")
NOT_PARTICIPANT = N_(
    "“{username}” does not take part in the meeting: "
    "a respondent must be able to read its documents."
)
NOT_RESPONDENT = N_("“{username}” is not a respondent of this consultation.")
BAD_DATE = N_("“{value}” is not a date; write it as YYYY-MM-DD.")

SECRETARIAT = ("chair", "secretary")
"""Roles of the meeting that run its consultations and read every response."""
DEFAULT_RESPONDENTS = ("chair", "delegate")
"""Who is consulted when the secretariat names nobody: the council's members."""
MAX_OPINION_PDF = 64 * 1024 * 1024
"""An opinion is a page or two; a larger upload is not read (memory) and refused."""

Clock = Callable[[], int]


# --- the secretariat's operations (CLI, demo, tests) -------------------------------------------


def create(
    db: Database,
    meeting_id: str,
    reference: str,
    title: str,
    deadline: int,
    *,
    questions: object,
    respondents: Sequence[str] | None = None,
    documents: Sequence[str] | None = None,
    now: int | None = None,
    consultation_id: str | None = None,
) -> str:
    """A draft consultation; ``respondents`` are user names (default: the meeting's
    chair and delegates), ``documents`` version ids (default: the meeting's current
    versions). Respondents see it once it is opened."""
    try:
        parsed = dc.parse_questions(questions)
    except dc.BadAnswers as e:
        raise UserError(BAD_CONSULTATION, problem=e.problem) from None
    if not reference.strip() or len(reference) > 200 or not title.strip() or len(title) > 1000:
        raise UserError(BAD_CONSULTATION, problem="a reference (≤ 200) and a title (≤ 1000)")
    with db.write() as session:
        if session.get(Meeting, meeting_id) is None:
            raise UserError(NO_MEETING, meeting=meeting_id)
        roles = dict(
            session.execute(
                select(Participant.user_id, Participant.role).where(
                    Participant.meeting_id == meeting_id
                )
            ).all()
        )
        if respondents is None:
            people = [u for u, r in roles.items() if r in DEFAULT_RESPONDENTS]
        else:
            people = []
            for name in respondents:
                user = user_by_name(session, name)
                if user.id not in roles:
                    raise UserError(NOT_PARTICIPANT, username=name)
                people.append(user.id)
        current = list(
            session.scalars(
                select(DocumentVersion.id)
                .join(Document, Document.id == DocumentVersion.document_id)
                .where(Document.meeting_id == meeting_id, DocumentVersion.superseded_by.is_(None))
            )
        )
        chosen = current if documents is None else list(documents)
        if not set(chosen) <= set(current):
            raise UserError(
                BAD_CONSULTATION, problem="a document is not a current one of the meeting"
            )
        row = Consultation(id=consultation_id or uuid.uuid4().hex, meeting_id=meeting_id,
                           reference=reference.strip(),
                           title=title.strip(), deadline=deadline, state=dc.ConsultationState.DRAFT,
                           questions=json.dumps([{"id": q.id, "text": q.text} for q in parsed],
                                                ensure_ascii=False),
                           documents=json.dumps(sorted(chosen)),
                           created_at=now if now is not None else _now())  # fmt: skip
        session.add(row)
        for user_id in dict.fromkeys(people):
            session.add(ConsultationRespondent(consultation_id=row.id, user_id=user_id))
        return row.id


def move(db: Database, consultation_id: str, wanted: str) -> None:
    """draft → open → closed → summarised, one step at a time; publishes the change."""
    with db.write() as session:
        row = _get(session, consultation_id, lock=True)
        state = dc.ConsultationState(row.state)
        if dc.NEXT_STATE.get(state) != wanted:
            raise UserError(BAD_MOVE, state=state.value, wanted=wanted)
        row.state = wanted
        session.flush()
        publish(session, row)


def enter_paper(
    db: Database,
    blobs: BlobStore,
    consultation_id: str,
    *,
    username: str,
    answers: object,
    scan: bytes,
    written_on: str,
    entered_by: str,
    now: int | None = None,
) -> str:
    """A paper opinion entered by the secretariat on a member's behalf: flagged
    paper, its scan kept, the date written on the paper and the entry time.

    Its receipt time is the entry time: the same one clock judges every
    response (docs/consultation.md, "Paper opinions")."""
    try:
        dt.date.fromisoformat(written_on)
    except ValueError:
        raise UserError(BAD_DATE, value=written_on) from None
    if not scan:
        raise UserError(BAD_OPINION, problem="the scan is empty")
    sha = blobs.put_bytes(scan)
    with db.write() as session:
        row = _get(session, consultation_id, lock=True)
        if row.state == dc.ConsultationState.DRAFT:
            raise UserError(BAD_OPINION, problem="the consultation is not open yet")
        if row.state == dc.ConsultationState.SUMMARISED:
            raise UserError(BAD_OPINION, problem="the summary is drawn up")
        member = user_by_name(session, username)
        secretary = user_by_name(session, entered_by)
        if session.get(ConsultationRespondent, (row.id, member.id)) is None:
            raise UserError(NOT_RESPONDENT, username=username)
        try:
            replies = dc.parse_replies(_questions(row), answers)
        except dc.BadAnswers as e:
            raise UserError(BAD_OPINION, problem=e.problem) from None
        received = now if now is not None else _now()
        response = _store(session, row, user_id=member.id, replies=replies, sha256=sha,
                          received_at=received)  # fmt: skip
        response.paper, response.written_on, response.entered_by = True, written_on, secretary.id
        session.flush()
        publish(session, row)
        return response.id


@dataclass(frozen=True)
class Report:
    """A consultation and its summary, as the secretariat reads it."""

    consultation: dict[str, Any]
    summary: dc.Summary
    names: Mapping[str, str]
    """user id → display name, for every respondent."""
    responses: tuple[dict[str, Any], ...]
    """Every response received, counted or not, oldest first."""

    def to_json(self) -> dict[str, Any]:
        def named(ids: Sequence[str]) -> list[dict[str, str]]:
            return [{"user_id": u, "name": self.names.get(u, u)} for u in ids]

        s = self.summary.to_json()
        for key in ("answered", "paper", "late", "missing"):
            s[key] = named(getattr(self.summary, key))
        for q in s["questions"]:
            for other in q["others"]:
                other["name"] = self.names.get(other["respondent"], other["respondent"])
        return {"consultation": self.consultation, "summary": s, "responses": list(self.responses)}


def report(db: Database, consultation_id: str) -> Report:
    with db.read() as session:
        row = _get(session, consultation_id)
        return _report(session, row)


def summary_for(db: Database, user_id: str, consultation_id: str) -> dict[str, Any] | None:
    """The report for a member of the consultation's secretariat; None for anyone
    else or an unknown id (indistinguishable, as for documents)."""
    with db.read() as session:
        row = session.get(Consultation, consultation_id)
        if row is None or row.state == dc.ConsultationState.DRAFT:
            return None
        part = session.get(Participant, (row.meeting_id, user_id))
        if part is None or part.role not in SECRETARIAT:
            return None
        return _report(session, row).to_json()


def _report(session: Session, row: Consultation) -> Report:
    respondents = _respondents(session, row.id)
    names = dict(
        session.execute(select(User.id, User.display_name).where(User.id.in_(respondents))).all()
    )
    rows = list(
        session.scalars(
            select(ConsultationResponse)
            .where(ConsultationResponse.consultation_id == row.id)
            .order_by(ConsultationResponse.receipt)
        )
    )
    summary = dc.summarise(_questions(row), respondents, [_domain(r) for r in rows], row.deadline)
    counted = {r.id for r in rows if summary.counted.get(r.user_id) is not None
               and summary.counted[r.user_id].order == r.receipt}  # fmt: skip
    responses = tuple(
        {**_response_json(r), "name": names.get(r.user_id, r.user_id), "counted": r.id in counted}
        for r in rows
    )
    return Report(_consultation_json(row), summary, names, responses)


def may_read_response(session: Session, user_id: str, sha256: str) -> bool:
    """A response's file (signed opinion or scan): its respondent, and the
    secretariat of its consultation (the meeting's chair and secretary)."""
    own = exists(
        select(ConsultationResponse.id).where(
            ConsultationResponse.sha256 == sha256, ConsultationResponse.user_id == user_id
        )
    )
    secretariat = exists(
        select(ConsultationResponse.id)
        .join(Consultation, Consultation.id == ConsultationResponse.consultation_id)
        .join(Participant, Participant.meeting_id == Consultation.meeting_id)
        .where(
            ConsultationResponse.sha256 == sha256,
            Participant.user_id == user_id,
            Participant.role.in_(SECRETARIAT),
        )
    )
    return bool(session.execute(select(own | secretariat)).scalar())


# --- the demo --------------------------------------------------------------------------------

DEMO_CONSULTATION = "demo-lay-y-kien-bang-gia-dat"
DEMO_QUESTIONS = [
    {"id": "q1", "text": "Đại biểu có đồng ý thông qua dự thảo Nghị quyết về bảng giá đất "
                         "trên địa bàn quận không?"},
    {"id": "q2", "text": "Đại biểu có đồng ý thời điểm áp dụng bảng giá đất mới từ ngày "
                         "01/01 năm sau không?"},
]  # fmt: skip


def demo(db: Database, meeting_id: str, days: int = 7) -> None:
    """The demo's open consultation on the council session's documents, its
    deadline a week after it is built (once: building again leaves it alone)."""
    with db.read() as session:
        if session.get(Consultation, DEMO_CONSULTATION) is not None:
            return
    # A stable id: the docs name it.
    create(db, meeting_id, "15/PLYK-HĐND", "Lấy ý kiến bằng văn bản về bảng giá đất",
           _now() + days * 86_400, questions=DEMO_QUESTIONS,
           consultation_id=DEMO_CONSULTATION)  # fmt: skip
    move(db, DEMO_CONSULTATION, dc.ConsultationState.OPEN)


# --- the respondent's mutation ----------------------------------------------------------------


def respond(
    session: Session,
    who: Any,
    payload: Mapping[str, Any],
    *,
    now: Clock,
    verdicts: Mapping[str, Verdict],
) -> dict[str, Any]:
    """``consultation.respond``: a signed opinion and its answers, stamped with the
    server's receipt time. After the deadline (or once closed) it is kept, marked
    late, and never counts; once summarised it is refused."""
    from hanoi_desk.server.mutations import Rejected

    r = pc.ConsultationRespond.parse(payload)
    row = session.scalars(
        select(Consultation).where(Consultation.id == r.consultation_id).with_for_update()
    ).first()
    if (
        row is None
        or row.state == dc.ConsultationState.DRAFT
        or session.get(ConsultationRespondent, (row.id, who.user_id)) is None
    ):
        raise Rejected(p.REASON_NOT_FOUND)
    if row.state == dc.ConsultationState.SUMMARISED:
        raise Rejected(pc.REASON_CONSULTATION_SUMMARISED)
    upload = session.get(Upload, r.upload_id)
    if upload is None or upload.user_id != who.user_id:
        raise Rejected(p.REASON_NOT_FOUND)
    if not upload.complete:
        raise Rejected(p.REASON_UPLOAD_INCOMPLETE)
    if upload.sha256 != r.sha256:
        raise Rejected(p.REASON_HASH_MISMATCH)
    try:
        replies = dc.parse_replies(_questions(row), r.answers)
    except dc.BadAnswers:
        raise Rejected(pc.REASON_BAD_ANSWERS) from None
    verdict = verdicts.get(opinion_key(r))
    problem = (
        pc.REASON_SIGNATURE_INVALID if verdict is None else settle(session, who.user_id, verdict)
    )
    if problem is not None:
        raise Rejected(problem)
    response = _store(session, row, user_id=who.user_id, replies=replies, sha256=r.sha256,
                      received_at=now())  # fmt: skip
    session.flush()
    publish(session, row, only=who.user_id)
    return {"response_id": response.id, "received_at": response.received_at,
            "late": response.late}  # fmt: skip


def opinion_key(r: pc.ConsultationRespond) -> str:
    """A verdict's key: the consultation, the file and the answers. The same file
    sent to two consultations is judged by each one's body (its roots, its
    first-signature rule), never by the other's (review 20, finding 5); sent
    with other answers, it is compared with those (finding 8)."""
    answers = json.dumps(r.answers, sort_keys=True, separators=(",", ":"))
    return f"{r.consultation_id}:{r.sha256}:{answers}"


def opinion_binding(pdf: bytes) -> object:
    """What the opinion sheet's signed revision says it answers
    (:data:`pc.OPINION_INFO_KEY` of its document information): the parsed JSON,
    or None when there is no such text (read from the signature's own revision,
    so nothing appended after it can change it)."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        (sig,) = reader.embedded_regular_signatures
        trailer = reader.get_historical_resolver(sig.signed_revision).trailer_view
        info = trailer.get("/Info")
        value = None if info is None else info.get_object().get("/" + pc.OPINION_INFO_KEY)
        return None if value is None else json.loads(str(value))
    except Exception:  # unreadable, hostile or no JSON: carries nothing
        return None


def opinion_verdicts(
    db: Database, blobs: BlobStore | None, user_id: str, batch: p.MutationBatch
) -> dict[str, Verdict]:
    """The server's judgement of each opinion PDF of the batch, by
    :func:`opinion_key`, each once (server/signature_check.py), read from the
    blob store *before* the write transaction. The opinion is generated by the
    client, so there is no base to extend: one signature covering the whole
    file, by the respondent's registered certificate chaining to the body's
    trust roots."""
    verdicts: dict[str, Verdict] = {}
    if blobs is None:
        return verdicts
    for m in batch.mutations:
        if m.kind != pc.KIND_CONSULTATION_RESPOND:
            continue
        try:
            r = pc.ConsultationRespond.parse(m.payload)
        except p.ProtocolError:
            continue  # the handler refuses it as invalid_payload
        key = opinion_key(r)
        if key in verdicts:
            continue  # the same file for the same consultation: judged once
        size = blobs.size(r.sha256)
        if size is None:
            continue  # not_found / upload_incomplete, said by the handler
        if size > MAX_OPINION_PDF:
            verdicts[key] = Verdict(pc.REASON_SIGNATURE_INVALID)
            continue
        with db.read() as session:
            row = session.get(Consultation, r.consultation_id)
            if row is None:
                continue  # not_found, said by the handler
            context = context_for_meeting(session, user_id, row.meeting_id)
        pdf = b"".join(blobs.read(r.sha256, 0, size - 1))  # end inclusive
        verdict = check_signed_upload(
            pdf, base=None, registered=context.registered, roots=context.roots, field=None,
            allow_first_certificate=context.allow_first_certificate,
        )  # fmt: skip
        signed_for = {"consultation_id": r.consultation_id, "answers": dict(r.answers)}
        if verdict.problem is None and opinion_binding(pdf) != signed_for:
            verdict = Verdict(pc.REASON_ANSWERS_MISMATCH)  # counted must be what was signed
        verdicts[key] = verdict
    return verdicts


# --- the feed ---------------------------------------------------------------------------------


def publish(session: Session, row: Consultation, only: str | None = None) -> None:
    """The consultation record to each respondent (with their own responses) and to
    the secretariat; nothing while it is a draft."""
    if row.state == dc.ConsultationState.DRAFT:
        return
    respondents = _respondents(session, row.id)
    secretariat = list(
        session.scalars(
            select(Participant.user_id).where(
                Participant.meeting_id == row.meeting_id, Participant.role.in_(SECRETARIAT)
            )
        )
    )
    feed = feed_of(session)
    base = _consultation_json(row)
    for user_id in dict.fromkeys([*respondents, *secretariat]):
        if only is not None and user_id != only:
            continue
        mine = session.scalars(
            select(ConsultationResponse)
            .where(
                ConsultationResponse.consultation_id == row.id,
                ConsultationResponse.user_id == user_id,
            )
            .order_by(ConsultationResponse.receipt)
        )
        data = {**base, "respondent": user_id in respondents,
                "secretariat": user_id in secretariat,
                "my_responses": [_response_json(r) for r in mine]}  # fmt: skip
        # Not filed under the meeting: republishing a meeting (a participant, a pack)
        # recomputes the meeting's own records and would tombstone this one.
        feed.put(user_id, pc.CONSULTATION, row.id, data, None)


# --- helpers ----------------------------------------------------------------------------------


def _now() -> int:
    import time

    return int(time.time())


def _get(session: Session, consultation_id: str, *, lock: bool = False) -> Consultation:
    query = select(Consultation).where(Consultation.id == consultation_id)
    row = session.scalars(query.with_for_update() if lock else query).first()
    if row is None:
        raise UserError(NO_CONSULTATION, consultation=consultation_id)
    return row


def _questions(row: Consultation) -> tuple[dc.Question, ...]:
    return dc.parse_questions(json.loads(row.questions))


def _respondents(session: Session, consultation_id: str) -> list[str]:
    return list(
        session.scalars(
            select(ConsultationRespondent.user_id)
            .where(ConsultationRespondent.consultation_id == consultation_id)
            .order_by(ConsultationRespondent.user_id)
        )
    )


def _store(
    session: Session,
    row: Consultation,
    *,
    user_id: str,
    replies: Mapping[str, dc.Reply],
    sha256: str,
    received_at: int,
) -> ConsultationResponse:
    """A new response row (never an update: revisions and late ones are kept)."""
    last = session.scalar(
        select(func.max(ConsultationResponse.receipt)).where(
            ConsultationResponse.consultation_id == row.id
        )
    )
    late = row.state != dc.ConsultationState.OPEN or dc.is_late(received_at, row.deadline)
    response = ConsultationResponse(id=uuid.uuid4().hex, consultation_id=row.id, user_id=user_id,
                                    receipt=(last or 0) + 1, received_at=received_at, late=late,
                                    answers=dc.canonical_replies(replies), sha256=sha256,
                                    paper=False)  # fmt: skip
    session.add(response)
    return response


def _domain(r: ConsultationResponse) -> dc.Response:
    raw = json.loads(r.answers)
    replies = {qid: dc.Reply(dc.Answer(v["answer"]), v.get("text", "")) for qid, v in raw.items()}
    # A response marked late when received (after the deadline or once closed) stays
    # late: it is judged by its own receipt, as stored.
    received = r.received_at if not r.late else max(r.received_at, _LATE)
    return dc.Response(r.user_id, received, r.receipt, replies, r.paper)


_LATE = 2**62
"""A receipt time after every deadline: how a response stored late is fed to the rules."""


def _consultation_json(row: Consultation) -> dict[str, Any]:
    return {"id": row.id, "meeting_id": row.meeting_id, "reference": row.reference,
            "title": row.title, "deadline": row.deadline, "state": row.state,
            "questions": json.loads(row.questions),
            "documents": json.loads(row.documents)}  # fmt: skip


def _response_json(r: ConsultationResponse) -> dict[str, Any]:
    return {"id": r.id, "user_id": r.user_id, "received_at": r.received_at, "late": r.late,
            "paper": r.paper, "written_on": r.written_on, "sha256": r.sha256,
            "answers": json.loads(r.answers)}  # fmt: skip
