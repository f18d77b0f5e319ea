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
import io
import time
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from asn1crypto import x509

from hanoi_desk.domain import consultation as dc
from hanoi_desk.errors import Translated, UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol.consultation import KIND_CONSULTATION_RESPOND
from hanoi_desk.signing.batch import Report, Status, Write, batch_context, run_batch
from hanoi_desk.signing.pades import Level, SignOptions, Source, batch_signer
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
@font-face {font-family: noto; src: url(NotoSans-Regular.ttf);}
@font-face {font-family: noto; font-weight: bold; src: url(NotoSans-Bold.ttf);}
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
    from hanoi_desk.mupdf import pymupdf
    from hanoi_desk.resources import font

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
    archive = pymupdf.Archive(str(font().parent))
    story = pymupdf.Story(html="".join(parts), user_css=CSS, archive=archive)
    out = io.BytesIO()
    writer = pymupdf.DocumentWriter(out)
    page = pymupdf.paper_rect("a4")
    where = pymupdf.Rect(page.x0 + 56, page.y0 + 56, page.x1 - 56, page.y1 - 56)
    more = True
    while more:
        device = writer.begin_page(page)
        more, _filled = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    return out.getvalue()


@dataclass(frozen=True)
class OpinionResult:
    status: Status
    error: Translated | None = None
    kept_as: str | None = None


class _OpinionShelf:
    """``run_batch``'s shelf for the one opinion, held in memory."""

    def __init__(self, label: str, pdf: bytes, store: Callable[[bytes], str]) -> None:
        self._label, self._pdf, self._store = label, pdf, store

    def label(self, doc: str) -> str:
        return self._label

    @contextlib.contextmanager
    def open(self, doc: str) -> Iterator[Source]:
        yield Source(io.BytesIO(self._pdf), self._label, self._pdf)

    def signed_already(self, doc: str, source: Source, cert: x509.Certificate) -> bool:
        return False  # each opinion is a new sheet; a revision is a new response

    def keep(self, doc: str, write: Write) -> str | None:
        out = io.BytesIO()
        write(out)
        return self._store(out.getvalue())

    def result(
        self, doc: str, status: Status, error: Translated | None = None, kept_as: str | None = None
    ) -> OpinionResult:
        return OpinionResult(status, error, kept_as)


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


@dataclass(frozen=True)
class SignOpinion:
    """What signs (the options of ``hanoi-desk sign``)."""

    module: str
    token: str
    software_key: bool = False
    cert_text: str | None = None
    cert_id: str | None = None
    level: Level = Level.B_B
    tsa_url: str | None = None
    owner: Hashable | None = None


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
    shelf = _OpinionShelf(c.reference, pdf, lambda signed: queue_opinion(cache, c, replies, signed))
    report: Report[OpinionResult] = Report()
    with batch_signer(manager, how.module, how.token, prompt, software_key=how.software_key,
                      cert_text=how.cert_text, cert_id=how.cert_id,
                      owner=how.owner) as signer:  # fmt: skip
        run_batch(batch_context(signer, options, None), shelf, [c.id], report)
    (result,) = report.results
    if result.status is not Status.SIGNED or result.kept_as is None:
        reason = result.error.message() if result.error is not None else "?"
        raise UserError(NOT_SIGNED, reason=reason)
    return result.kept_as
