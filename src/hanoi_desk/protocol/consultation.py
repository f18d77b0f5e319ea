"""Written consultation on the wire (docs/consultation.md, docs/protocol.md).

Kept in a module of its own (imported as ``hanoi_desk.protocol.consultation``)
so the part can grow without touching the shared records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from hanoi_desk.protocol.base import ProtocolError, _ident, _obj, _str, check_sha256

CONSULTATION: Final = "consultation"
"""Change record type: a consultation as one respondent (or the secretariat) sees
it, with that user's own responses. Older clients ignore it (unknown type)."""

KIND_CONSULTATION_RESPOND: Final = "consultation.respond"
"""A respondent's signed opinion (an upload) and its answers."""

REASON_BAD_ANSWERS: Final = "bad_answers"
"""The answers do not fit the consultation's questions (one per question, 'other' with text)."""
REASON_CONSULTATION_SUMMARISED: Final = "consultation_summarised"
"""The summary is drawn up: a response arriving now would change nothing, it is refused."""
REASON_SIGNATURE_INVALID: Final = "signature_invalid"
"""The opinion PDF's signature does not hold (altered, untrusted, not the respondent's)."""
REASON_ANSWERS_MISMATCH: Final = "answers_mismatch"
"""The signed opinion sheet does not carry this consultation and these answers
(:data:`OPINION_INFO_KEY`): what is counted must be what was signed."""

OPINION_INFO_KEY: Final = "HanoiDeskOpinion"
"""The opinion PDF's document information key (a text string, covered by the
signature) holding ``{"consultation_id": ..., "answers": ...}`` as compact JSON:
the answers sent in ``consultation.respond``, exactly."""


@dataclass(frozen=True)
class ConsultationRespond:
    """Payload of ``consultation.respond``. ``answers`` is the JSON object the PDF
    shows (``{question_id: {"answer": agree|disagree|other, "text": ...}}``); the
    server checks it against the questions (domain/consultation.py)."""

    consultation_id: str
    upload_id: str
    sha256: str
    answers: Mapping[str, Any]

    @classmethod
    def parse(cls, payload: Mapping[str, Any]) -> ConsultationRespond:
        w = "consultation.respond payload"
        answers = payload.get("answers")
        if not isinstance(answers, Mapping):
            raise ProtocolError(w, "“answers” must be a JSON object")
        return cls(
            _ident(payload, "consultation_id", w),
            _ident(payload, "upload_id", w),
            check_sha256(_str(payload, "sha256", w), w),
            dict(_obj(answers, w, "answers")),
        )

    def to_json(self) -> dict[str, Any]:
        return {"consultation_id": self.consultation_id, "upload_id": self.upload_id,
                "sha256": self.sha256, "answers": dict(self.answers)}  # fmt: skip
