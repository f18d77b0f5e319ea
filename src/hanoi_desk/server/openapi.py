"""The OpenAPI 3.1 description of protocol v1, served at ``/v1/openapi.json``.

Written by hand next to the wire models rather than generated, because the
models are plain dataclasses; a test checks that ``docs/protocol.openapi.json``
is this document and that every route of the app appears in it.
"""

from __future__ import annotations

from typing import Any

from hanoi_desk import protocol as p
from hanoi_desk.domain.comment_threads import MAX_QUOTE, ThreadState, Visibility
from hanoi_desk.domain.consultation import (
    MAX_OPINION_TEXT,
    MAX_QUESTION_TEXT,
    MAX_QUESTIONS,
    Answer,
    ConsultationState,
)
from hanoi_desk.protocol import action_items as pa
from hanoi_desk.protocol import consultation as pc
from hanoi_desk.protocol import live as pl
from hanoi_desk.protocol import signing_requests as ps
from hanoi_desk.protocol import threads as pt
from hanoi_desk.server.http import MAX_BALLOT_BODY, MAX_LIVE_COMMAND_BODY

S = dict[str, Any]


def _obj(required: list[str], **props: S) -> S:
    return {"type": "object", "required": required, "properties": props}


STR: S = {"type": "string"}
INT: S = {"type": "integer", "minimum": 0}
BOOL: S = {"type": "boolean"}
SHA: S = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
NULLABLE_STR: S = {"type": ["string", "null"]}
ID: S = {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"}
"""An id as protocol/base.py checks it (letters, digits, ``._:-``, at most 128)."""
TEXT: S = {"type": "string", "minLength": 1, "maxLength": pt.MAX_TEXT}
STEP: S = {"type": "integer", "minimum": 1, "maximum": 100}
ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema: S, description: str = "OK") -> S:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _err(description: str) -> S:
    return _json(ERROR, description)


def _ref(name: str) -> S:
    return {"$ref": f"#/components/schemas/{name}"}


# One entry per mutation kind the server applies (server/mutations.py HANDLERS and
# apply_batch's): (schema name without "Payload", payload schema, an example that
# the server parses). The schemas say what the protocol dataclasses' parse()
# accepts; tests/server/test_openapi_payloads.py pushes each example, and each
# example with one key removed or of the wrong type, to the real server and
# checks that the schema and the server agree. A new kind is one entry here.
PAYLOADS: dict[str, tuple[str, S, dict[str, Any]]] = {
    p.KIND_ANNOTATION_UPSERT: (
        "AnnotationUpsert",
        _obj(["note_id", "document_version_id", "updated_at"],
             note_id=ID, document_version_id=ID,
             updated_at={**INT, "description": "ms since the epoch, the client's clock"},
             body={"type": ["object", "null"], "description": "The private note; null "
                   "deletes it. Last writer per note wins."}),
        {"note_id": "n-1", "document_version_id": "v-1", "updated_at": 1764547200000,
         "body": {"page": 1, "text": "Xem lại số liệu"}},
    ),
    p.KIND_COMMENT_ADD: (
        "CommentAdd",
        _obj(["comment_id", "document_version_id", "text"],
             comment_id={**ID, "description": "Chosen by the client (idempotency)."},
             document_version_id=ID, text=TEXT,
             parent_id={**ID, "type": ["string", "null"], "description": "A reply: the "
                        "server's id of the thread's first comment."},
             quote={"type": ["string", "null"], "maxLength": MAX_QUOTE},
             prefix={"type": ["string", "null"], "maxLength": MAX_QUOTE},
             suffix={"type": ["string", "null"], "maxLength": MAX_QUOTE},
             page={"type": ["integer", "null"], "minimum": 0, "maximum": 100_000},
             visibility={"enum": [v.value for v in Visibility], "default": "all"}),
        {"comment_id": "c-1", "document_version_id": "v-1", "text": "Đề nghị bổ sung số liệu",
         "quote": "1.200 tỷ đồng", "prefix": "là ", "suffix": ".", "page": 1,
         "visibility": "all"},
    ),
    pt.KIND_COMMENT_EDIT: (
        "CommentEdit",
        _obj(["comment_id", "text"],
             comment_id={**ID, "description": "The server's id of one's own comment."},
             text=TEXT),
        {"comment_id": "c-1", "text": "Đề nghị bổ sung số liệu năm trước"},
    ),
    pt.KIND_COMMENT_RESOLVE: (
        "CommentResolve",
        _obj(["thread_id"], thread_id=ID,
             state={"enum": [s.value for s in ThreadState], "default": "open"},
             answer={"type": ["string", "null"], "maxLength": pt.MAX_TEXT}),
        {"thread_id": "c-1", "state": "explained", "answer": "Giữ nguyên theo Luật"},
    ),
    p.KIND_SIGNATURE_SUBMIT: (
        "SignatureSubmit",
        _obj(["document_version_id", "upload_id", "sha256"],
             document_version_id=ID, upload_id=ID, sha256=SHA),
        {"document_version_id": "v-1", "upload_id": "u-1", "sha256": "a" * 64},
    ),
    p.KIND_SIGNATURE_COMPLETE: (
        "SignatureComplete",
        _obj(["document_version_id", "upload_id", "sha256", "previous_sha256"],
             document_version_id=ID, upload_id=ID, sha256=SHA,
             previous_sha256={**SHA, "description": "The signature's file it extends."}),
        {"document_version_id": "v-1", "upload_id": "u-1", "sha256": "b" * 64,
         "previous_sha256": "a" * 64},
    ),
    pc.KIND_CONSULTATION_RESPOND: (
        "ConsultationRespond",
        _obj(["consultation_id", "upload_id", "sha256", "answers"],
             consultation_id=ID, upload_id=ID,
             sha256={**SHA, "description": "The signed opinion PDF (an upload)."},
             answers={"type": "object", "description": "One per question of the "
                      "consultation, keyed by question id; 'other' needs its text.",
                      "additionalProperties": _obj(
                          ["answer"], answer={"enum": [a.value for a in Answer]},
                          text={"type": "string", "maxLength": MAX_OPINION_TEXT})}),
        {"consultation_id": "k-1", "upload_id": "u-1", "sha256": "c" * 64,
         "answers": {"q1": {"answer": "agree"}, "q2": {"answer": "other", "text": "Giảm 5%"}}},
    ),
    ps.KIND_SIGNING_STEP_SIGN: (
        "SigningStepSign",
        _obj(["request_id", "step", "base_sha256", "upload_id", "sha256"],
             request_id=ID, step=STEP,
             base_sha256={**SHA, "description": "The head that was signed."},
             upload_id=ID, sha256=SHA),
        {"request_id": "r-1", "step": 1, "base_sha256": "a" * 64, "upload_id": "u-1",
         "sha256": "d" * 64},
    ),
    ps.KIND_SIGNING_STEP_DECLINE: (
        "SigningStepDecline",
        _obj(["request_id", "step", "reason"], request_id=ID, step=STEP,
             reason={"type": "string", "minLength": 1, "maxLength": ps.MAX_REASON,
                     "description": "Shown to the meeting; blank is refused."}),
        {"request_id": "r-1", "step": 2, "reason": "Số liệu chưa khớp với tờ trình"},
    ),
    pa.KIND_ACTION_ITEM_STATUS: (
        "ActionItemStatus",
        _obj(["item_id", "status", "note"], item_id=ID,
             status={"enum": list(pa.STATUSES), "description": "Refused not_owner_unit "
                     "(neither the unit nor the secretariat) or bad_transition."},
             note={"type": "string", "maxLength": pa.MAX_NOTE, "description": "May be "
                   "empty; kept in the item's history."}),
        {"item_id": "a-1", "status": "in_progress", "note": "Đang rà soát số liệu"},
    ),
}  # fmt: skip

_STEP_RECORD = _obj(
    ["position", "stage", "user_id", "name", "role", "field_name", "decree_kind", "state"],
    position={"type": "integer", "minimum": 1}, stage={"type": "integer", "minimum": 1},
    user_id=STR, name=STR, role=STR, field_name=STR,
    decree_kind={"enum": list(ps.DECREE_KINDS)},
    state={"enum": [ps.StepState.PENDING, ps.StepState.ACTIVE, ps.StepState.SIGNED,
                    ps.StepState.DECLINED]},
    reason=NULLABLE_STR, sha256={"type": ["string", "null"]},
    done_at={"type": ["integer", "null"]},
)  # fmt: skip

RECORDS: dict[str, S] = {
    # Change.data of the feed's records of issue 13 (docs/protocol.md, Changes).
    "CommentRecord": _obj(
        ["document_version_id", "meeting_id", "author_id", "author_name", "text", "created_at"],
        document_version_id=STR, meeting_id=STR, author_id=STR, author_name=STR, text=STR,
        created_at={"type": "string", "format": "date-time"},
        parent_id={**NULLABLE_STR, "description": "null for a thread's first comment"},
        quote=STR, prefix=STR, suffix=STR, page=INT,
        visibility={"enum": [v.value for v in Visibility]},
        state={"enum": [s.value for s in ThreadState]},
        answer=STR, answered_by=STR, answered_at=STR,
        revisions={"type": "array", "maxItems": pt.MAX_REVISIONS, "description": "Earlier "
                   "texts, oldest first.",
                   "items": _obj(["text", "created_at"], text=STR, created_at=STR)},
        drafter_ids={"type": "array", "items": STR, "description": "Who may answer the "
                     "thread (the document's drafting unit)."},
    ),
    "ConsultationRecord": _obj(
        ["id", "meeting_id", "reference", "title", "deadline", "state", "questions",
         "documents", "respondent", "secretariat", "my_responses"],
        id=STR, meeting_id=STR, reference=STR, title=STR,
        deadline={**INT, "description": "epoch seconds"},
        state={"enum": [s.value for s in ConsultationState]},
        questions={"type": "array", "minItems": 1, "maxItems": MAX_QUESTIONS,
                   "items": _obj(["id", "text"], id={"type": "string", "maxLength": 64},
                                 text={"type": "string", "maxLength": MAX_QUESTION_TEXT})},
        documents={"type": "array", "items": STR, "description": "Document version ids."},
        respondent=BOOL, secretariat=BOOL,
        my_responses={"type": "array", "description": "This user's own responses, in "
                      "receipt order (the last one by the deadline counts).",
                      "items": _obj(
                          ["id", "received_at", "late", "answers"], id=STR, user_id=STR,
                          received_at=INT, late=BOOL, paper=BOOL, written_on=NULLABLE_STR,
                          sha256=NULLABLE_STR, answers={"type": "object"})},
    ),
    "SigningRequestRecord": _obj(
        ["id", "meeting_id", "document_version_id", "title", "state", "base_sha256",
         "head_sha256", "steps"],
        id=STR, meeting_id=STR, document_version_id=STR, title=STR,
        state={"enum": [ps.RequestState.DRAFT, ps.RequestState.IN_PROGRESS,
                        ps.RequestState.COMPLETED, ps.RequestState.CANCELLED,
                        ps.RequestState.EXPIRED]},
        base_sha256=SHA,
        head_sha256={**SHA, "description": "The file the next signer signs (GET /v1/blobs)."},
        head_size=INT, created_at=INT,
        expires_at={"type": ["integer", "null"], "description": "epoch seconds, the "
                    "server's clock"},
        steps={"type": "array", "items": _STEP_RECORD},
    ),
    "ActionItemRecord": _obj(
        ["id", "meeting_id", "document_version_id", "number", "text", "unit_id", "unit_name",
         "due_date", "status", "unit_members", "secretariat", "history"],
        id=STR, meeting_id=STR, document_version_id=STR, number=INT, text=STR, unit_id=STR,
        unit_name=STR, due_date={"type": "string", "format": "date"},
        status={"enum": list(pa.STATUSES), "description": "Overdue is not a status: "
                "the client derives it from due_date."},
        created_at=INT,
        unit_members={"type": "array", "items": STR}, secretariat={"type": "array", "items": STR},
        history={"type": "array", "description": "Every status change, oldest first.",
                 "items": _obj(["status", "note", "by", "by_name", "at"], status=STR, note=STR,
                               by=STR, by_name=STR, at=INT)},
    ),
}  # fmt: skip

SCHEMAS: dict[str, S] = {
    "Error": _obj(["error", "message"], error=STR, message=STR),
    "LoginRequest": _obj(
        ["username", "password", "device_id", "device_name"],
        username=STR, password=STR, device_id=STR, device_name=STR,
    ),
    "RefreshRequest": _obj(["refresh_token"], refresh_token=STR),
    "Tokens": _obj(
        ["access_token", "refresh_token", "expires_in", "user"],
        access_token=STR, refresh_token=STR, expires_in=INT,
        user=_obj(["id", "display_name"], id=STR, display_name=STR),
    ),
    "Change": _obj(
        ["type", "id", "data"],
        type={"type": "string", "description": "One of " + ", ".join(sorted(p.CHANGE_TYPES))
              + "; clients ignore types they do not know."},
        id=STR, data={"type": "object", "description": "The record; for comment, "
                      "consultation, signing_request and action_item see CommentRecord, "
                      "ConsultationRecord, SigningRequestRecord and ActionItemRecord."},
    ),
    "ChangesPage": _obj(
        ["changes", "cursor", "has_more"],
        changes={"type": "array", "items": _ref("Change")}, cursor=STR, has_more=BOOL,
    ),
    "Mutation": _obj(
        ["seq", "op_id", "kind", "payload"],
        seq={"type": "integer", "minimum": 1}, op_id=STR,
        kind={"type": "string", "description": "Open-ended: a kind this server does not "
              "know is rejected with reason unknown_kind (the batch goes on). Each known "
              "kind's payload is components.schemas.<Name>Payload: " + ", ".join(
                  f"{kind} → {name}Payload" for kind, (name, _s, _e) in PAYLOADS.items())
              + "; a payload that does not fit is rejected with invalid_payload."},
        payload={"type": "object"},
    ),
    "MutationBatch": _obj(
        ["client_id", "mutations"],
        client_id=STR,
        mutations={"type": "array", "items": _ref("Mutation"),
                   "maxItems": p.MAX_MUTATIONS_PER_BATCH},
    ),
    "MutationResult": _obj(
        ["seq", "op_id", "status", "result", "reason"],
        seq=INT, op_id=STR, status={"enum": [p.APPLIED, p.DUPLICATE, p.REJECTED]},
        result={"type": ["object", "null"]}, reason=NULLABLE_STR,
    ),
    "MutationResults": _obj(
        ["results"], results={"type": "array", "items": _ref("MutationResult")}
    ),
    "UploadCreate": _obj(
        ["op_id", "size", "sha256"], op_id=STR,
        size={"type": "integer", "minimum": 1, "maximum": p.MAX_UPLOAD_SIZE}, sha256=SHA,
    ),
    "UploadState": _obj(["upload_id", "offset"], upload_id=STR, offset=INT),
    "Offset": _obj(["offset"], offset=INT),
    "LiveCommand": _obj(
        ["op_id", "kind", "args"],
        op_id={"type": "string", "description": "The client's idempotency key: one outcome "
               "per (user, op_id)."},
        kind={"type": "string", "description": "attendance.*, speakers.*, poll.*, "
              "presenter.show, agenda.current (docs/live-meetings.md); a kind the authority "
              "does not know is refused with unknown_kind."},
        args={"type": "object", "description": "Flat: text, integers, true/false, null or a "
              f"list of text; at most {pl.MAX_LIVE_ARGS_CHARS} characters as JSON.",
              "additionalProperties": {"anyOf": [
                  {"type": ["string", "integer", "boolean", "null"]},
                  {"type": "array", "items": STR, "maxItems": pl.MAX_LIVE_ARG_LIST}]}},
    ),
    "LiveCommandResult": _obj(
        ["status", "reason", "seqs"],
        status={"enum": [p.APPLIED, p.DUPLICATE, pl.REFUSED]},
        reason={"type": ["string", "null"], "description": "Why it was refused (forbidden, "
                "stale, not_found, bad_state, bad_request, …); a duplicate repeats the "
                "stored one."},
        seqs={"type": "array", "items": {"type": "integer", "minimum": 1}},
    ),
    "LiveEvent": _obj(
        ["seq", "meeting_id", "kind", "actor", "at", "data", "prev_hash", "hash"],
        seq={"type": "integer", "minimum": 1}, meeting_id=STR, kind=STR, actor=STR,
        at={"type": "integer", "description": "The authority's clock, ms since the epoch."},
        data={"type": "object"}, prev_hash=SHA,
        hash={**SHA, "description": "sha256(prev_hash bytes ‖ canonical event)"},
    ),
    "LiveHead": _obj(["seq", "hash"], seq=INT, hash=SHA),
    "LiveEventsPage": _obj(
        ["events", "head", "now", "role", "authority"],
        events={"type": "array", "items": _ref("LiveEvent")}, head=_ref("LiveHead"), now=INT,
        role={"type": "string", "description": "chair, secretary, delegate or guest"},
        authority={"type": "string", "description": "central (this server) today"},
        watch={**_ref("VotingWatch"), "description": "Chair and secretary only, while a "
               "round takes ballots."},
    ),
    "VotingWatch": _obj(
        ["poll", "round", "not_voted", "silent", "silent_after_ms"],
        poll=STR, round={"type": "integer", "minimum": 1},
        not_voted={"type": "array", "items": STR, "description": "Members entitled in the "
                   "round whose ballot is not counted yet."},
        silent={"type": "array", "items": STR, "description": "Of those, whose laptop held "
                "no stream and sent no request for silent_after_ms."},
        silent_after_ms=INT,
    ),
    "NamedBallot": _obj(
        ["meeting", "poll", "round", "round_open_hash", "ballot_id", "member", "choice", "text"],
        meeting=STR, poll=STR, round={"type": "integer", "minimum": 1}, round_open_hash=SHA,
        ballot_id=STR, member=STR,
        choice={"type": "integer", "minimum": 0, "maximum": pl.MAX_CHOICE},
        text={"type": "string", "maxLength": pl.MAX_BALLOT_TEXT_CHARS},
    ),
    "Participation": _obj(
        ["meeting", "poll", "round", "round_open_hash", "ballot_id", "member"],
        meeting=STR, poll=STR, round={"type": "integer", "minimum": 1}, round_open_hash=SHA,
        ballot_id=STR, member=STR,
    ),
    "SecretBallot": _obj(
        ["poll", "round", "choice", "text", "receipt_hash"],
        poll=STR, round={"type": "integer", "minimum": 1},
        choice={"type": "integer", "minimum": 0, "maximum": pl.MAX_CHOICE},
        text={"type": "string", "maxLength": pl.MAX_BALLOT_TEXT_CHARS}, receipt_hash=SHA,
    ),
    "BallotRequest": _obj(
        ["kind", "ballot", "signature"],
        kind={"enum": [pl.NAMED, pl.SECRET]},
        ballot={"oneOf": [_ref("NamedBallot"), _ref("SecretBallot")]},
        participation={**_ref("Participation"), "description": "Secret ballots only."},
        signature={"type": "string", "maxLength": pl.MAX_SIGNATURE_CHARS,
                   "description": "Base64 detached CMS SignedData over the RFC 8785 bytes "
                   "of the named ballot or the participation."},
    ),
    "BallotReceipt": _obj(
        ["ballot_id", "poll", "round", "status", "reason", "signed_hash", "receipt_hash", "seq"],
        ballot_id=STR, poll=STR, round={"type": "integer", "minimum": 1},
        status={"enum": sorted(pl.BALLOT_STATUSES)},
        reason={"type": ["string", "null"], "description": "refused: forbidden, bad_request, "
                "no_such_poll, stale_round, bad_signature, wrong_certificate, no_certificate, "
                "not_entitled, already_voted, receipt_reused, ballot_id_reused, "
                "meeting_closed; not_counted: round_closed."},
        signed_hash=SHA, receipt_hash={"type": ["string", "null"]},
        seq={"type": ["integer", "null"]},
    ),
    "CloseSignature": _obj(
        ["key_id", "signature"], key_id=SHA,
        signature={"type": "string", "description": "Base64 Ed25519 over "
                   "'hanoi-desk live close v1\\n' followed by the close event's 32-byte hash."},
    ),
    "Bulletin": _obj(
        ["meeting", "poll", "round", "kind", "round_open_hash", "named", "secret",
         "participations", "root", "participation_root", "close", "signature"],
        meeting=STR, poll=STR, round={"type": "integer", "minimum": 1},
        kind={"enum": [pl.NAMED, pl.SECRET]}, round_open_hash=SHA,
        named={"type": "array", "items": _obj(["ballot", "signature"],
                                              ballot=_ref("NamedBallot"), signature=STR)},
        secret={"type": "array", "items": _ref("SecretBallot")},
        participations={"type": "array", "items": _obj(
            ["participation", "signature"], participation=_ref("Participation"),
            signature=STR)},
        root=SHA, participation_root={"type": ["string", "null"]}, close=_ref("LiveHead"),
        signature={"oneOf": [_ref("CloseSignature"), {"type": "null"}]},
    ),
    "InclusionProof": _obj(
        ["index", "size", "path", "root"], index=INT, size={"type": "integer", "minimum": 1},
        path={"type": "array", "items": SHA, "maxItems": pl.MAX_PROOF}, root=SHA,
    ),
    "AuthorityKey": _obj(
        ["algorithm", "key_id", "public_key"], algorithm={"enum": [pl.ED25519]}, key_id=SHA,
        public_key={"type": "string", "description": "Base64 of the raw 32-byte key."},
    ),
    "LiveHeartbeat": _obj(["now", "seq", "hash"], now=INT, seq=INT, hash=SHA),
    **{f"{name}Payload": {**schema, "examples": [example]}
       for name, schema, example in PAYLOADS.values()},
    **RECORDS,
}  # fmt: skip
# Each known kind's payload checked against its schema (JSON Schema 2020-12, as
# OpenAPI 3.1 has it); an unknown kind's payload stays an open object.
SCHEMAS["Mutation"]["allOf"] = [
    {"if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
     "then": {"properties": {"payload": _ref(f"{name}Payload")}}}
    for kind, (name, _s, _e) in PAYLOADS.items()
]  # fmt: skip

AUTH: list[S] = [{"bearer": []}]
MEETING: S = {"name": "meeting_id", "in": "path", "required": True, "schema": STR}
POLL: S = {"name": "poll", "in": "path", "required": True, "schema": STR}
ROUND: S = {"name": "round", "in": "path", "required": True,
            "schema": {"type": "integer", "minimum": 1}}  # fmt: skip

UNAUTH = {"401": _err("No valid access token: refresh once, then log in again.")}


def _paths() -> S:
    v = p.BASE_PATH
    return {
        f"{v}/auth/login": {"post": {
            "summary": "Log in with a password and register this device.", "security": [],
            "requestBody": {"content": {"application/json": {"schema": _ref("LoginRequest")}}},
            "responses": {
                "200": _json(_ref("Tokens")), "401": _err("Wrong username or password."),
                "403": _err("account_disabled: the password is right but the account is "
                            "disabled."),
                "429": _err("Too many wrong passwords: wait Retry-After seconds."),
            },
        }},
        f"{v}/auth/refresh": {"post": {
            "summary": "Exchange a refresh token (single use) for a new pair.", "security": [],
            "requestBody": {"content": {"application/json": {"schema": _ref("RefreshRequest")}}},
            "responses": {"200": _json(_ref("Tokens")), **UNAUTH},
        }},
        f"{v}/changes": {"get": {
            "summary": "One page of the records this user may see, after an opaque cursor.",
            "parameters": [
                {"name": "cursor", "in": "query", "schema": STR},
                {"name": "limit", "in": "query",
                 "schema": {"type": "integer", "minimum": 1, "maximum": p.MAX_CHANGES_LIMIT}},
            ],
            "responses": {"200": _json(_ref("ChangesPage")), "400": _err("Bad cursor or limit."),
                          **UNAUTH},
        }},
        f"{v}/events": {"get": {
            "summary": "Server-sent events: `changes` whenever this user's feed moves.",
            "parameters": [{"name": "cursor", "in": "query", "schema": STR},
                           {"name": "timeout", "in": "query", "schema": INT}],
            "responses": {"200": {"description": "text/event-stream; ends when the token "
                                  "is revoked or its device has had its wipe order"},
                          "403": _err("forbidden: this device has had its wipe order."),
                          **UNAUTH},
        }},
        f"{v}/mutations": {"post": {
            "summary": "Apply queued actions, each exactly once per (client_id, seq) and op_id.",
            "requestBody": {"content": {"application/json": {"schema": _ref("MutationBatch")}}},
            "responses": {"200": _json(_ref("MutationResults")), "400": _err("Malformed batch."),
                          **UNAUTH},
        }},
        f"{v}/blobs/{{sha256}}": {"get": {
            "summary": "A document's bytes by SHA-256, with Range / If-Range.",
            "parameters": [
                {"name": "sha256", "in": "path", "required": True, "schema": SHA},
                {"name": "Range", "in": "header", "schema": STR},
                {"name": "If-Range", "in": "header", "schema": STR},
            ],
            "responses": {
                "200": {"description": "The whole blob (no range, or If-Range did not match)."},
                "206": {"description": "The range; Content-Range and a strong ETag are set."},
                "403": _err("forbidden: this device is ordered wiped; pull the changes feed "
                            "for the order."),
                "404": _err("No such blob, or not one of this user's meetings."),
                "416": _err("The range lies outside the blob."), **UNAUTH,
            },
        }},
        f"{v}/uploads": {"post": {
            "summary": "Create (or find again, by op_id) a resumable upload.",
            "requestBody": {"content": {"application/json": {"schema": _ref("UploadCreate")}}},
            "responses": {"201": _json(_ref("UploadState")), **UNAUTH},
        }},
        f"{v}/uploads/{{upload_id}}": {
            "patch": {
                "summary": "Append a chunk at Upload-Offset.",
                "parameters": [{"name": "upload_id", "in": "path", "required": True,
                                "schema": STR},
                               {"name": "Upload-Offset", "in": "header", "required": True,
                                "schema": INT}],
                "requestBody": {"content": {"application/octet-stream": {}}},
                "responses": {
                    "200": _json(_ref("Offset")),
                    "409": _json(_ref("Offset"), "Offset mismatch: continue from this offset."),
                    "413": _err("The chunk is too large or goes past the size."),
                    "422": _err("The complete upload does not match its SHA-256; offset is 0."),
                    "404": _err("No such upload of this user."), **UNAUTH,
                },
            },
            "head": {
                "summary": "The server's offset, in the Upload-Offset header.",
                "parameters": [{"name": "upload_id", "in": "path", "required": True,
                                "schema": STR}],
                "responses": {"200": {"description": "Upload-Offset header"},
                              "404": {"description": "No such upload"}, **UNAUTH},
            },
        },
        f"{v}/meetings/{{meeting_id}}/live/commands": {"post": {
            "summary": "Send a live command; decided once per (user, op_id) by the meeting's "
                       "authority.",
            "parameters": [MEETING],
            "requestBody": {"content": {"application/json": {"schema": _ref("LiveCommand")}}},
            "responses": {
                "200": _json(_ref("LiveCommandResult"), "Applied, duplicate (the stored "
                             "outcome) or refused (a guest's command: forbidden; a chair "
                             "command made against another list version: stale)."),
                "400": _err("Malformed command (not JSON, nested, wrong types, too long)."),
                "404": _err("No such meeting, or the caller does not take part in it."),
                "413": _err(f"The body is larger than {MAX_LIVE_COMMAND_BODY} bytes."),
                "429": _err("too_many_commands: this user sent more live commands than the "
                            "server allows (default 10 a second, 20 at once); resend after "
                            "Retry-After seconds (also `retry_after`)."), **UNAUTH,
            },
        }},
        f"{v}/meetings/{{meeting_id}}/live/events": {"get": {
            "summary": "The meeting's live events after a seq, its head, the authority's time "
                       "and the caller's role.",
            "parameters": [
                MEETING, {"name": "after", "in": "query", "schema": INT},
                {"name": "limit", "in": "query", "schema": {
                    "type": "integer", "minimum": 1, "maximum": pl.MAX_LIVE_EVENTS_LIMIT}},
            ],
            "responses": {
                "200": _json(_ref("LiveEventsPage")), "400": _err("Bad after or limit."),
                "403": _err("forbidden: this device is ordered wiped."),
                "404": _err("No such meeting, or the caller does not take part in it."),
                **UNAUTH,
            },
        }},
        f"{v}/meetings/{{meeting_id}}/live": {"get": {
            "summary": "Server-sent events: `live` (id: seq, data: a LiveEvent) from "
                       "Last-Event-ID or `after`, then as committed; `heartbeat` (data: a "
                       "LiveHeartbeat) every few seconds.",
            "parameters": [MEETING, {"name": "after", "in": "query", "schema": INT},
                           {"name": "Last-Event-ID", "in": "header", "schema": STR}],
            "responses": {
                "200": {"description": "text/event-stream; ends when the token is revoked "
                        "or expires, or the caller leaves the meeting"},
                "400": _err("Bad Last-Event-ID or after."),
                "403": _err("forbidden: this device is ordered wiped."),
                "404": _err("No such meeting, or the caller does not take part in it."),
                "429": _err("too_many_streams: the token (default 2) or the user (default 8) "
                            "already holds as many open live streams as the server allows."),
                **UNAUTH,
            },
        }},
        f"{v}/meetings/{{meeting_id}}/live/ballots": {"post": {
            "summary": "Cast a signed ballot; decided once per (user, ballot_id) by the "
                       "meeting's authority, which stores the receipt with the ballot.",
            "parameters": [MEETING],
            "requestBody": {"content": {"application/json": {"schema": _ref("BallotRequest")}}},
            "responses": {
                "200": _json(_ref("BallotReceipt"), "counted, duplicate (the stored receipt), "
                             "refused (reason) or not_counted (round_closed): every answer "
                             "is stored and repeated for a resend."),
                "400": _err("Malformed ballot (a field missing, unsigned fields, bad types)."),
                "404": _err("No such meeting, or the caller does not take part in it."),
                "413": _err(f"The body is larger than {MAX_BALLOT_BODY} bytes."), **UNAUTH,
            },
        }},
        f"{v}/meetings/{{meeting_id}}/live/polls/{{poll}}/rounds/{{round}}/bulletin": {"get": {
            "summary": "A closed round's ballots in bulletin order, its Merkle roots, the "
                       "close event and the authority's signature over it.",
            "parameters": [MEETING, POLL, ROUND],
            "responses": {
                "200": _json(_ref("Bulletin")),
                "403": _err("forbidden: this device is ordered wiped."),
                "404": _err("No such meeting for the caller, or no such closed round."),
                **UNAUTH,
            },
        }},
        f"{v}/meetings/{{meeting_id}}/live/polls/{{poll}}/rounds/{{round}}/proof": {"get": {
            "summary": "One ballot's RFC 9162 inclusion proof in its closed round.",
            "parameters": [MEETING, POLL, ROUND, {
                "name": "receipt", "in": "query", "required": True, "schema": SHA,
                "description": "Named: the ballot's signed hash; secret: its receipt hash."}],
            "responses": {
                "200": _json(_ref("InclusionProof")), "400": _err("Bad receipt."),
                "403": _err("forbidden: this device is ordered wiped."),
                "404": _err("No such closed round, or no ballot with this receipt in it."),
                **UNAUTH,
            },
        }},
        f"{v}/meetings/{{meeting_id}}/live/authority": {"get": {
            "summary": "The authority's public key that signs close events.",
            "parameters": [MEETING],
            "responses": {
                "200": _json(_ref("AuthorityKey")),
                "403": _err("forbidden: this device is ordered wiped."),
                "404": _err("No such meeting, or the caller does not take part in it."),
                **UNAUTH,
            },
        }},
        f"{v}/consultations/{{consultation_id}}/summary": {"get": {
            "summary": "A written consultation's summary (answered, paper, late, missing, "
                       "counts per question and answer) and every response received, for its "
                       "secretariat (the meeting's chair and secretary; docs/consultation.md).",
            "parameters": [{"name": "consultation_id", "in": "path", "required": True,
                            "schema": STR}],
            "responses": {"200": {"description": "consultation, summary, responses (JSON)"},
                          "404": _err("No such consultation, or not of the caller's "
                                      "secretariat."), **UNAUTH},
        }},
        f"{v}/openapi.json": {"get": {"summary": "This document.", "security": [],
                                      "responses": {"200": {"description": "OpenAPI"}}}},
        f"{v}/health": {"get": {"summary": "Liveness for load balancers.", "security": [],
                                "responses": {"200": {"description": "ok"}}}},
    }  # fmt: skip


def openapi_document() -> S:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Hanoi Desk sync protocol",
            "version": str(p.PROTOCOL_VERSION),
            "description": "Every request and answer carries the header "
            f"`{p.VERSION_HEADER}: {p.PROTOCOL_VERSION}`. See docs/protocol.md.",
        },
        "security": AUTH,
        "paths": _paths(),
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }
