"""Written consultation (lấy ý kiến bằng văn bản): the rules the server and the
client share (docs/consultation.md).

A consultation asks each respondent a few questions, each answered agree,
disagree or other (with the opinion's text). Whether a response is on time is
judged only by the server's receipt time against the deadline; a respondent may
revise until the deadline and the last response received by then counts. Later
ones are kept and marked late; they never count. Standard library only: the
server (which decides) and the client (which shows and exports) import it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

MAX_QUESTIONS = 50
MAX_QUESTION_TEXT = 2_000
MAX_OPINION_TEXT = 10_000
"""Characters of one 'other opinion': a page or two of a written opinion."""


class Answer(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    OTHER = "other"
    """Another opinion: its text says what."""


class ConsultationState(StrEnum):
    DRAFT = "draft"
    """Being prepared by the secretariat: respondents do not see it."""
    OPEN = "open"
    """Respondents see it and answer."""
    CLOSED = "closed"
    """The secretariat closed it; a response still arriving is kept, marked late."""
    SUMMARISED = "summarised"
    """The summary was drawn up; nothing changes the counts any more."""


NEXT_STATE: Mapping[ConsultationState, ConsultationState] = {
    ConsultationState.DRAFT: ConsultationState.OPEN,
    ConsultationState.OPEN: ConsultationState.CLOSED,
    ConsultationState.CLOSED: ConsultationState.SUMMARISED,
}
"""The only moves: forward, one step at a time (a consultation is never reopened:
the respondents answered a given set of questions by a given deadline)."""


class BadAnswers(ValueError):
    """The answers do not fit the questions; ``problem`` names the rule (no value)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class Reply:
    """One question's answer: ``text`` is the opinion when ``answer`` is other."""

    answer: Answer
    text: str = ""


@dataclass(frozen=True)
class Response:
    """One response as the server received it (revisions are separate responses)."""

    respondent: str
    received_at: int
    """The server's receipt time, epoch seconds: the only clock that judges."""
    order: int
    """Receipt order on the server, breaking ties between responses of one second."""
    replies: Mapping[str, Reply]
    paper: bool = False
    """Entered by the secretariat from a paper opinion (its scan kept beside it)."""


def parse_questions(raw: object) -> tuple[Question, ...]:
    """Questions from ``[{"id": ..., "text": ...}, ...]``; ids unique, text not empty."""
    if not isinstance(raw, list) or not 1 <= len(raw) <= MAX_QUESTIONS:
        raise BadAnswers(f"questions must be a list of 1 to {MAX_QUESTIONS}")
    out: list[Question] = []
    for item in raw:
        if not isinstance(item, Mapping):
            raise BadAnswers("each question must be an object")
        qid, text = item.get("id"), item.get("text")
        if not isinstance(qid, str) or not qid or len(qid) > 64:
            raise BadAnswers("a question's id must be 1 to 64 characters")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_QUESTION_TEXT:
            raise BadAnswers(f"a question's text must be 1 to {MAX_QUESTION_TEXT} characters")
        out.append(Question(qid, text))
    if len({q.id for q in out}) != len(out):
        raise BadAnswers("question ids must be unique")
    return tuple(out)


def parse_replies(questions: Sequence[Question], raw: object) -> dict[str, Reply]:
    """Answers from ``{question_id: {"answer": ..., "text": ...}}``: every question
    answered once, nothing else; 'other' needs its text, agree/disagree may carry a
    short reason too (a delegate often adds one)."""
    if not isinstance(raw, Mapping):
        raise BadAnswers("answers must be an object keyed by question id")
    wanted = [q.id for q in questions]
    if set(raw) != set(wanted):
        raise BadAnswers("answers must name every question of the consultation and no other")
    out: dict[str, Reply] = {}
    for qid in wanted:
        item = raw[qid]
        if not isinstance(item, Mapping):
            raise BadAnswers("each answer must be an object")
        try:
            answer = Answer(str(item.get("answer")))
        except ValueError:
            raise BadAnswers("an answer must be agree, disagree or other") from None
        text = item.get("text", "")
        if not isinstance(text, str) or len(text) > MAX_OPINION_TEXT:
            raise BadAnswers(f"an opinion's text must be at most {MAX_OPINION_TEXT} characters")
        if answer is Answer.OTHER and not text.strip():
            raise BadAnswers("an 'other' answer needs the opinion's text")
        out[qid] = Reply(answer, text.strip())
    return out


def replies_json(replies: Mapping[str, Reply]) -> dict[str, dict[str, str]]:
    return {qid: {"answer": r.answer.value, "text": r.text} for qid, r in replies.items()}


def canonical_replies(replies: Mapping[str, Reply]) -> str:
    """The replies as stored: key-sorted compact JSON (one spelling per content)."""
    return json.dumps(replies_json(replies), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))  # fmt: skip


def is_late(received_at: int, deadline: int) -> bool:
    """Received after the deadline second. A response stamped the deadline itself
    is on time: 'by 17:00' includes 17:00:00."""
    return received_at > deadline


@dataclass(frozen=True)
class QuestionCount:
    question: Question
    counts: Mapping[Answer, int]
    others: tuple[tuple[str, str], ...]
    """(respondent, text) of each counted 'other' opinion, for the summary's annex."""


@dataclass(frozen=True)
class Summary:
    answered: tuple[str, ...]
    """Respondents whose counted response arrived by the deadline."""
    paper: tuple[str, ...]
    """Of those, the ones whose counted response is a paper opinion."""
    late: tuple[str, ...]
    """Respondents with only late responses: listed, not counted."""
    missing: tuple[str, ...]
    """Respondents with no response at all."""
    questions: tuple[QuestionCount, ...]
    counted: Mapping[str, Response] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "answered": list(self.answered),
            "paper": list(self.paper),
            "late": list(self.late),
            "missing": list(self.missing),
            "questions": [
                {
                    "id": qc.question.id,
                    "text": qc.question.text,
                    "counts": {a.value: qc.counts[a] for a in Answer},
                    "others": [{"respondent": who, "text": t} for who, t in qc.others],
                }
                for qc in self.questions
            ],
        }


def counted_responses(responses: Iterable[Response], deadline: int) -> dict[str, Response]:
    """Per respondent, the response that counts: the last one received by the
    deadline (receipt time, then receipt order). Late ones never replace it."""
    best: dict[str, Response] = {}
    for r in responses:
        if is_late(r.received_at, deadline):
            continue
        held = best.get(r.respondent)
        if held is None or (r.received_at, r.order) > (held.received_at, held.order):
            best[r.respondent] = r
    return best


def summarise(
    questions: Sequence[Question],
    respondents: Sequence[str],
    responses: Iterable[Response],
    deadline: int,
) -> Summary:
    """Who answered, counts per question and answer, late and missing respondents.

    Only the respondents' counted responses count; a response from someone not
    (or no longer) a respondent is ignored."""
    wanted = set(respondents)
    all_responses = [r for r in responses if r.respondent in wanted]
    counted = counted_responses(all_responses, deadline)
    anyone = {r.respondent for r in all_responses}
    order = list(respondents)
    answered = tuple(who for who in order if who in counted)
    late = tuple(who for who in order if who in anyone and who not in counted)
    missing = tuple(who for who in order if who not in anyone)
    paper = tuple(who for who in answered if counted[who].paper)
    per_question: list[QuestionCount] = []
    for q in questions:
        counts = dict.fromkeys(Answer, 0)
        others: list[tuple[str, str]] = []
        for who in answered:
            reply = counted[who].replies.get(q.id)
            if reply is None:
                continue  # a question added after this response: not answered
            counts[reply.answer] += 1
            if reply.answer is Answer.OTHER:
                others.append((who, reply.text))
        per_question.append(QuestionCount(q, counts, tuple(others)))
    return Summary(answered, paper, late, missing, tuple(per_question), counted)


@dataclass(frozen=True)
class MyResponse:
    """One of this user's responses as the server received it."""

    id: str
    received_at: int
    late: bool
    paper: bool
    replies: Mapping[str, Reply]


@dataclass(frozen=True)
class Consultation:
    """A consultation as one user's feed carries it (the ``consultation`` record)."""

    id: str
    meeting_id: str
    reference: str
    title: str
    deadline: int
    state: ConsultationState
    questions: tuple[Question, ...]
    documents: tuple[str, ...]
    respondent: bool
    secretariat: bool
    my_responses: tuple[MyResponse, ...]

    @property
    def counted(self) -> MyResponse | None:
        """My response that counts (the last one by the deadline), if any."""
        on_time = [r for r in self.my_responses if not r.late]
        return on_time[-1] if on_time else None

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> Consultation:
        """From the feed record's JSON; ValueError (or KeyError/TypeError) if damaged."""
        mine = tuple(
            MyResponse(
                str(r["id"]),
                int(r["received_at"]),
                bool(r["late"]),
                bool(r.get("paper", False)),
                {
                    qid: Reply(Answer(str(v["answer"])), str(v.get("text", "")))
                    for qid, v in dict(r.get("answers", {})).items()
                },
            )
            for r in data.get("my_responses", [])
        )
        return cls(
            id=str(data["id"]),
            meeting_id=str(data["meeting_id"]),
            reference=str(data["reference"]),
            title=str(data["title"]),
            deadline=int(data["deadline"]),
            state=ConsultationState(str(data["state"])),
            questions=parse_questions(data["questions"]),
            documents=tuple(str(d) for d in data.get("documents", [])),
            respondent=bool(data.get("respondent", False)),
            secretariat=bool(data.get("secretariat", False)),
            my_responses=mine,
        )
