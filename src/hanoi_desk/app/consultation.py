"""Written consultation on this computer (docs/consultation.md): the
consultations the feed brought, a respondent's opinion generated as a PDF
(Vietnamese, the embedded Noto font: the consultation's reference, the
questions and the answers), signed through the one signing pipeline
(``signing.batch.run_batch``, one PIN) and queued as ``consultation.respond``
with the signed file — offline too; the next sync uploads and sends it, and the
server's receipt time judges whether it is on time.

The opinion is made and signed in memory; the signed bytes go straight into
the encrypted blob store (never a plaintext file).
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, NotRequired, TypedDict, Unpack

from hanoi_desk.app.report_files import cell, story_pdf, write_csv
from hanoi_desk.app.session import Session
from hanoi_desk.app.sign_bytes import SignedOnce, SignWith, sign_once
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.domain import consultation as dc
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol.consultation import KIND_CONSULTATION_RESPOND, OPINION_INFO_KEY
from hanoi_desk.signing.pades import SignOptions
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.store.cache import Cache

NO_CONSULTATION = N_("There is no consultation “{id}” on this computer. Sync first.")
NOT_RESPONDENT = N_("You are not asked for an opinion in consultation “{reference}”.")
NOT_OPEN = N_("Consultation “{reference}” is {state}: it takes no opinion now.")
BAD_ANSWERS = N_("The answers do not fit the consultation's questions: {problem}.")
NOT_SIGNED = N_("The opinion was not signed: {reason}")

OPINION_TITLE = N_("OPINION SHEET")
OPINION_REF = N_("Consultation: {reference} — {title}")
OPINION_DEADLINE = N_("Deadline: {deadline}")
OPINION_BY = N_("Respondent: {name}")
OPINION_MADE = N_("Made on this computer: {when} (the server's receipt time decides)")
ANSWERS = {
    dc.Answer.AGREE: N_("Agree"),
    dc.Answer.DISAGREE: N_("Disagree"),
    dc.Answer.OTHER: N_("Other opinion"),
}
STATES = {
    dc.ConsultationState.DRAFT: N_("being drafted"),
    dc.ConsultationState.OPEN: N_("open for opinions"),
    dc.ConsultationState.CLOSED: N_("closed for opinions"),
    dc.ConsultationState.SUMMARISED: N_("summarised"),
}

CSS = """
body {font-family: noto; font-size: 11pt;}
h1 {font-size: 15pt; text-align: center;}
h2 {font-size: 11pt; font-weight: bold; margin-top: 8pt;}
table {border-collapse: collapse; width: 100%;}
th, td {border: 0.5pt solid #444; padding: 3pt; vertical-align: top;}
th {font-weight: bold; background-color: #e8e8e8;}
"""


def when(epoch: int, language: str | None = None) -> str:
    """A deadline or receipt time as people read it (local time, to the minute)."""
    return datetime.fromtimestamp(epoch, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def consultations(cache: Cache) -> list[dc.Consultation]:
    return cache.repos.consultations.all()


def consultation(cache: Cache, consultation_id: str) -> dc.Consultation:
    found = cache.repos.consultations.get(consultation_id)
    if found is None:
        raise UserError(NO_CONSULTATION, id=consultation_id)
    return found


def my_name(cache: Cache, c: dc.Consultation) -> str:
    """My name as the meeting's participant list gives it (printed on the opinion)."""
    mine = cache.repos.comments.my_user_ids()
    for p in cache.repos.meetings.participants(c.meeting_id):
        if p.user_id in mine:
            return p.name
    return ""


def check_answers(c: dc.Consultation, raw: object) -> dict[str, dc.Reply]:
    """Everything that can refuse an opinion, before any PIN: a respondent of an
    open consultation, answers that fit its questions. After the deadline it is
    still taken (the server keeps it, marked late): only the server's clock judges."""
    if not c.respondent:
        raise UserError(NOT_RESPONDENT, reference=c.reference)
    if c.state is not dc.ConsultationState.OPEN:
        raise UserError(NOT_OPEN, reference=c.reference, state=STATES[c.state])
    try:
        return dc.parse_replies(c.questions, raw)
    except dc.BadAnswers as e:
        raise UserError(BAD_ANSWERS, problem=e.problem) from None


def opinion_pdf(
    c: dc.Consultation,
    replies: Mapping[str, dc.Reply],
    respondent: str,
    made_at: int,
    language: str | None = None,
) -> bytes:
    """The opinion sheet: the reference, each question with its answer (and
    the opinion's text), one A4 page or more (MuPDF's Story lays it out)."""

    def t(template: str, **kw: object) -> str:
        return html.escape(translate(template, language, **kw))

    parts = [
        f"<h1>{t(OPINION_TITLE)}</h1>",
        f"<p>{t(OPINION_REF, reference=c.reference, title=c.title)}</p>",
        f"<p>{t(OPINION_DEADLINE, deadline=when(c.deadline))}</p>",
        f"<p>{t(OPINION_BY, name=respondent)}</p>",
    ]
    for n, q in enumerate(c.questions, 1):
        reply = replies[q.id]
        parts.append(f"<h2>{n}. {html.escape(q.text)}</h2>")
        parts.append(f"<p>☒ {t(ANSWERS[reply.answer])}</p>")
        if reply.text:
            text = html.escape(reply.text).replace("\n", "<br/>")
            parts.append(f"<p>{text}</p>")
    parts.append(f"<p>{t(OPINION_MADE, when=when(made_at))}</p>")
    return bind_answers(_pdf("".join(parts)), c.id, dc.replies_json(replies))


def bind_answers(pdf: bytes, consultation_id: str, answers: Mapping[str, Any]) -> bytes:
    """``pdf`` carrying the consultation and the answers sent with it (the
    payload's ``answers``), as compact JSON in its document information
    (:data:`OPINION_INFO_KEY`), which the signature then covers: the server
    counts an opinion only if they match what it is sent with."""
    from hanoi_desk.mupdf import pdf_document, pymupdf

    binding = json.dumps({"consultation_id": consultation_id, "answers": answers},
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # fmt: skip
    with pdf_document(pdf) as doc:
        doc.set_metadata({"producer": "Hanoi Desk"})  # makes /Info exist
        _kind, ref = doc.xref_get_key(-1, "Info")
        doc.xref_set_key(int(ref.split()[0]), OPINION_INFO_KEY, pymupdf.get_pdf_str(binding))
        return bytes(doc.tobytes(garbage=3, deflate=True))


OpinionResult = SignedOnce
"""The opinion's signing result (app/sign_bytes.py)."""


def queue_opinion(
    cache: Cache, c: dc.Consultation, replies: Mapping[str, dc.Reply], signed: bytes
) -> str:
    """The signed opinion into the encrypted blob store and ``consultation.respond``
    queued, in one transaction; returns the outbox op id."""
    sha = cache.blobs.put(signed)
    with cache.transaction():
        cache.repos.documents.list_blob(sha, len(signed))
        payload = {"consultation_id": c.id, "sha256": sha, "size": len(signed),
                   "answers": dc.replies_json(replies)}  # fmt: skip
        return cache.repos.outbox.enqueue(KIND_CONSULTATION_RESPOND, payload)


SignOpinion = SignWith
"""What signs (the options of ``hanoi-desk sign``)."""


def answer(
    cache: Cache,
    manager: TokenManager,
    c: dc.Consultation,
    *,
    raw_answers: object,
    respondent: str,
    how: SignOpinion,
    prompt: PinPrompt,
    language: str | None = None,
) -> str:
    """Check, generate, sign (one PIN) and queue an opinion; returns the op id.
    Nothing is queued unless the signature was made."""
    replies = check_answers(c, raw_answers)
    pdf = opinion_pdf(c, replies, respondent, int(time.time()), language)
    options = SignOptions(level=how.level, tsa_url=how.tsa_url, reason=c.reference)
    return sign_once(manager, how, prompt, options, label=c.reference, pdf=pdf,
                     store=lambda signed: queue_opinion(cache, c, replies, signed),
                     not_signed=NOT_SIGNED)  # fmt: skip


# --- the summary (the secretariat) ------------------------------------------------------------

SUMMARY_TITLE = N_("SUMMARY OF WRITTEN OPINIONS")
SUMMARY_COUNTS = N_(
    "Respondents: {total}; answered on time: {answered} (of which on paper: {paper}); "
    "late: {late}; no opinion: {missing}"
)
LATE_NOTE = N_("Late opinions are kept and listed; they are not counted.")
COL_QUESTION = N_("Question")
COL_RESPONDENT = N_("Respondent")
COL_STATUS = N_("Status")
COL_RECEIVED = N_("Received (server time)")
COL_WRITTEN = N_("Date on paper")
STATUS = {
    "answered": N_("answered"),
    "paper": N_("answered on paper"),
    "late": N_("late"),
    "missing": N_("no opinion"),
}
BAD_SUMMARY = N_("The server's consultation summary is damaged: {problem}.")


@dataclass(frozen=True)
class SummaryExport:
    csv: Path
    pdf: Path


def fetch_summary(session: Session, options: SyncOptions, consultation_id: str) -> dict[str, Any]:
    """The summary the server computes (docs/consultation.md), for its secretariat."""
    from hanoi_desk.protocol import check_ident
    from hanoi_desk.store.replica import Replica
    from hanoi_desk.sync.http import Connection

    check_ident(consultation_id, "consultation id")
    cache = session.cache
    conn = Connection(SyncService(session, options).server(cache), Replica(cache),
                      username=options.username, password=options.password,
                      ca_file=options.ca_file,
                      request_timeout=options.request_timeout)  # fmt: skip
    try:
        _, body = conn.call("GET", f"/consultations/{consultation_id}/summary")
    finally:
        conn.close()
    if not isinstance(body, dict) or not isinstance(body.get("summary"), dict):
        raise UserError(BAD_SUMMARY, problem="not a summary")
    return body


def summary_rows(report: Mapping[str, Any], language: str | None = None) -> list[list[str]]:
    """One row per respondent: name, status, receipt time, date on paper, then each
    question's answer and text (the counted response; a late one for the late)."""
    try:
        questions = [str(q["id"]) for q in report["consultation"]["questions"]]
        s = report["summary"]
        status: dict[str, str] = {}
        names: dict[str, str] = {}
        for key in ("missing", "late", "answered", "paper"):  # paper last: it wins
            for who in s[key]:
                status[str(who["user_id"])] = key
                names[str(who["user_id"])] = str(who["name"])
        responses: dict[str, Mapping[str, Any]] = {}
        for r in report["responses"]:
            uid = str(r.get("user_id", ""))
            if r.get("counted") or (status.get(uid) == "late" and uid not in responses):
                responses[uid] = r
        rows = []
        for uid, key in status.items():
            r = responses.get(uid)
            row = [names[uid], translate(STATUS[key], language),
                   when(int(r["received_at"])) if r else "",
                   str(r.get("written_on") or "") if r else ""]  # fmt: skip
            for qid in questions:
                a = r["answers"].get(qid) if r else None
                row += ["", ""] if not a else [
                    translate(ANSWERS[dc.Answer(str(a["answer"]))], language), str(a["text"])
                ]  # fmt: skip
            rows.append(row)
    except (KeyError, TypeError, ValueError, AttributeError) as e:
        raise UserError(BAD_SUMMARY, problem=type(e).__name__) from None
    return sorted(rows, key=lambda row: row[0])


def export_summary(
    report: Mapping[str, Any], out_dir: Path, language: str | None = None
) -> SummaryExport:
    """The summary as a CSV (UTF-8 with a BOM, one row per respondent) and an A4
    PDF (counts per question and answer, then the respondents) for the secretary
    to sign (``hanoi-desk sign``)."""
    rows = summary_rows(report, language)
    c = report["consultation"]
    questions = [(str(q["id"]), str(q["text"])) for q in c["questions"]]
    header = [translate(h, language) for h in (COL_RESPONDENT, COL_STATUS, COL_RECEIVED,
                                                COL_WRITTEN)]  # fmt: skip
    for n, _ in enumerate(questions, 1):
        header += [f"{n}. {translate(COL_QUESTION, language)}", f"{n}. …"]
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = "tong-hop-y-kien-" + re.sub(r"[^\w]+", "-", str(c["reference"])).strip("-")[:60]
    csv_path, pdf_path = out_dir / f"{stem}.csv", out_dir / f"{stem}.pdf"
    # A respondent's text starting like a formula stays text in a spreadsheet.
    write_csv(csv_path, header, rows)
    pdf_path.write_bytes(_summary_pdf(report, rows, header, language))
    return SummaryExport(csv_path, pdf_path)


def _summary_pdf(
    report: Mapping[str, Any], rows: list[list[str]], header: list[str], language: str | None
) -> bytes:
    c, s = report["consultation"], report["summary"]

    def t(template: str, **kw: object) -> str:
        return html.escape(translate(template, language, **kw))

    total = sum(len(s[k]) for k in ("answered", "late", "missing"))
    counted = t(SUMMARY_COUNTS, total=total, answered=len(s["answered"]), paper=len(s["paper"]),
                late=len(s["late"]), missing=len(s["missing"]))  # fmt: skip
    parts = [
        f"<h1>{t(SUMMARY_TITLE)}</h1>",
        f"<p>{t(OPINION_REF, reference=c['reference'], title=c['title'])}</p>",
        f"<p>{t(OPINION_DEADLINE, deadline=when(int(c['deadline'])))}</p>",
        f"<p>{counted}</p>",
        "<table><tr>" + cell(translate(COL_QUESTION, language), "th")
        + "".join(cell(translate(ANSWERS[a], language), "th") for a in dc.Answer) + "</tr>",
    ]  # fmt: skip
    for n, q in enumerate(s["questions"], 1):
        counts = q["counts"]
        numbers = "".join(cell(str(counts[a.value])) for a in dc.Answer)
        parts.append("<tr>" + cell(f"{n}. {q['text']}") + numbers + "</tr>")
    parts.append("</table>")
    for n, q in enumerate(s["questions"], 1):
        for other in q["others"]:
            parts.append(f"<p>{n}. {html.escape(str(other['name']))}: "
                         f"{html.escape(str(other['text']))}</p>")  # fmt: skip
    parts.append(f"<p>{t(LATE_NOTE)}</p><table><tr>")
    parts.append("".join(cell(h, "th") for h in header[:4]) + "</tr>")
    parts += ["<tr>" + "".join(cell(v) for v in row[:4]) + "</tr>" for row in rows]
    parts.append("</table>")
    return _pdf("".join(parts))


def _pdf(markup: str) -> bytes:
    """A4 pages of ``markup`` in the embedded Noto font."""
    return story_pdf(markup, CSS)


# --- the desktop's screens (docs/ui-consultation.md) ------------------------------------------


class MyState(StrEnum):
    """Where my opinion on one consultation stands, as this computer knows it."""

    NOT_ANSWERED = "not_answered"
    QUEUED = "queued"
    """Signed and waiting in the outbox for the next sync."""
    ON_TIME = "on_time"
    REVISED = "revised"
    """More than one opinion received by the deadline: the last one counts."""
    LATE = "late"
    """Only opinions received after the deadline (kept, never counted)."""


@dataclass(frozen=True)
class ConsultationView:
    consultation: dc.Consultation
    state: MyState
    me: str
    """My name as the meeting lists it (printed on the opinion sheet)."""
    documents: tuple[tuple[str, str], ...] = ()
    """(version id, title) of its documents; the title is "" for one not here yet."""


def queued_opinions(cache: Cache) -> dict[str, int]:
    """How many signed opinions wait in the outbox, per consultation id."""
    import json

    from hanoi_desk.domain.states import UNSENT

    queued: dict[str, int] = {}
    for entry in cache.repos.outbox.entries(UNSENT):
        if entry.kind != KIND_CONSULTATION_RESPOND:
            continue
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            cid = str(json.loads(entry.payload)["consultation_id"])
            queued[cid] = queued.get(cid, 0) + 1
    return queued


def my_state(c: dc.Consultation, queued: int) -> MyState:
    if queued:
        return MyState.QUEUED
    on_time = [r for r in c.my_responses if not r.late]
    if len(on_time) > 1:
        return MyState.REVISED
    if on_time:
        return MyState.ON_TIME
    return MyState.LATE if c.my_responses else MyState.NOT_ANSWERED


def consultation_views(cache: Cache) -> list[ConsultationView]:
    """The consultations for the desktop's list: the open ones first (the nearest
    deadline first), then the others."""
    queued = queued_opinions(cache)

    def title(version: str) -> str:
        found = cache.repos.documents.versions([version])
        return found[0].title if found else ""  # not synced yet: listed by its id

    found = [ConsultationView(c, my_state(c, queued.get(c.id, 0)), my_name(cache, c),
                              tuple((v, title(v)) for v in c.documents))
             for c in consultations(cache)]  # fmt: skip
    return sorted(found, key=lambda v: v.consultation.state is not dc.ConsultationState.OPEN)


def fetch_summary_apart(
    session: Session, options: SyncOptions, consultation_id: str
) -> dict[str, Any]:
    """:func:`fetch_summary` over a second connection to the profile's database,
    for the desktop's network lane (the session's own connection belongs to the
    database lane; WAL lets both read)."""
    from hanoi_desk.protocol import check_ident
    from hanoi_desk.store.replica import Replica
    from hanoi_desk.sync.http import Connection

    check_ident(consultation_id, "consultation id")
    cache = Cache.open(session.profile)
    try:
        conn = Connection(SyncService(session, options).server(cache), Replica(cache),
                          username=options.username, password=options.password,
                          ca_file=options.ca_file,
                          request_timeout=options.request_timeout)  # fmt: skip
        try:
            _, body = conn.call("GET", f"/consultations/{consultation_id}/summary")
        finally:
            conn.close()
    finally:
        cache.close()
    if not isinstance(body, dict) or not isinstance(body.get("summary"), dict):
        raise UserError(BAD_SUMMARY, problem="not a summary")
    return body


SIGNED_FOLDER = "signed"
"""The signed summary goes into this folder beside the export, under the same
name (what ``hanoi-desk sign FILE --out DIR/signed`` writes)."""


def sign_summary(manager: TokenManager, pdf: Path, how: SignOpinion, prompt: PinPrompt) -> Path:
    """Sign an exported summary PDF through the one pipeline (one PIN). The signed
    copy is written whole or not at all; an earlier signed copy is replaced only
    once the new one is made (a wrong PIN leaves it as it was)."""
    from hanoi_desk.signing.pdfio import atomic_output

    data = pdf.read_bytes()
    out = pdf.parent / SIGNED_FOLDER / pdf.name

    def store(signed: bytes) -> str:
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(out) as target:
            target.write(signed)
        return str(out)

    options = SignOptions(level=how.level, tsa_url=how.tsa_url, reason=pdf.stem)
    return Path(sign_once(manager, how, prompt, options, label=pdf.name, pdf=data, store=store,
                          not_signed=NOT_SIGNED))  # fmt: skip


def preview_pages(pdf: bytes, zoom: float = 1.0) -> list[tuple[int, int, int, bytes]]:
    """The opinion sheet's pages as RGB pixels (width, height, stride, samples)
    for the preview dialog; rendered from memory, never written to a file."""
    from hanoi_desk.mupdf import close_pdf, open_pdf, pymupdf

    doc = open_pdf(pdf)
    try:
        pages = []
        for page in doc:
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            pages.append((pix.width, pix.height, pix.stride, bytes(pix.samples)))
        return pages
    finally:
        close_pdf(doc)


class OpinionArgs(TypedDict):
    """:func:`answer`'s keyword arguments, written once for :func:`answer_apart`,
    which passes them on unchanged."""

    raw_answers: object
    respondent: str
    how: SignOpinion
    prompt: PinPrompt
    language: NotRequired[str | None]


def answer_apart(
    session: Session,
    manager: TokenManager,
    c: dc.Consultation,
    **opinion: Unpack[OpinionArgs],
) -> str:
    """:func:`answer` for the desktop's token lane: the opinion is queued over a
    second connection to the profile's database (the session's own belongs to
    the database lane; WAL lets both write in turn), then ``outbox`` is published
    so the screens reload."""
    from hanoi_desk.app.changes import Changes

    cache = Cache.open(session.profile)
    try:
        op_id = answer(cache, manager, c, **opinion)
    finally:
        cache.close()
    session.changes.publish(Changes(outbox=True))
    return op_id


def consultation_document(cache: Cache, version_id: str) -> DocumentSummary:
    """A consultation's document (its documents are named by version) for the reader."""
    from hanoi_desk.store.cache import NO_DOCUMENT

    found = cache.repos.documents.versions([version_id])
    if not found:
        raise UserError(NO_DOCUMENT, id=version_id)
    return found[0]
