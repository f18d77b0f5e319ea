"""The OpenAPI 3.1 description of protocol v1, served at ``/v1/openapi.json``.

Written by hand next to the wire models rather than generated, because the
models are plain dataclasses; a test checks that ``docs/protocol.openapi.json``
is this document and that every route of the app appears in it.
"""

from __future__ import annotations

from typing import Any

from hanoi_desk import protocol as p
from hanoi_desk.protocol import live as pl
from hanoi_desk.server.http import MAX_BALLOT_BODY, MAX_LIVE_COMMAND_BODY

S = dict[str, Any]


def _obj(required: list[str], **props: S) -> S:
    return {"type": "object", "required": required, "properties": props}


STR: S = {"type": "string"}
INT: S = {"type": "integer", "minimum": 0}
BOOL: S = {"type": "boolean"}
SHA: S = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
NULLABLE_STR: S = {"type": ["string", "null"]}
ERROR = {"$ref": "#/components/schemas/Error"}


def _json(schema: S, description: str = "OK") -> S:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _err(description: str) -> S:
    return _json(ERROR, description)


def _ref(name: str) -> S:
    return {"$ref": f"#/components/schemas/{name}"}


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
        id=STR, data={"type": "object"},
    ),
    "ChangesPage": _obj(
        ["changes", "cursor", "has_more"],
        changes={"type": "array", "items": _ref("Change")}, cursor=STR, has_more=BOOL,
    ),
    "Mutation": _obj(
        ["seq", "op_id", "kind", "payload"],
        seq={"type": "integer", "minimum": 1}, op_id=STR,
        kind={"type": "string", "description": "Open-ended, e.g. annotation.upsert, comment.add,"
              " signature.submit; unknown kinds are rejected with reason unknown_kind."},
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
}  # fmt: skip

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
