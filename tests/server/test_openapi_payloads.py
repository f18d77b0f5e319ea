"""docs/protocol.openapi.json describes each mutation kind's payload and issue
13's feed records, and agrees with the real server over HTTP (SQLite and
PostgreSQL): every kind the server applies has its payload schema; each
schema's example is accepted by the server's parser, and the same example
with one key removed, or one value of the wrong type, is refused
``invalid_payload`` exactly where the schema refuses it; the comment,
consultation and signing_request records the feed sends fit their schemas."""

from __future__ import annotations

import inspect
import pkgutil
import re
import uuid
from collections.abc import Iterator
from importlib import import_module
from typing import Any

from tests.server.api import Api, Session, mutation
from tests.server.live import LiveServer

import hanoi_desk.app
import hanoi_desk.protocol
from hanoi_desk import protocol as p
from hanoi_desk.protocol import consultation as pc
from hanoi_desk.protocol import signing_requests as ps
from hanoi_desk.server import signing_requests
from hanoi_desk.server.mutations import HANDLERS
from hanoi_desk.server.openapi import openapi_document
from hanoi_desk.server.signing_requests import StepSpec

DOC = openapi_document()
SCHEMAS: dict[str, Any] = DOC["components"]["schemas"]


def errors(schema: dict[str, Any], value: Any, where: str = "$") -> list[str]:
    """Why ``value`` does not fit ``schema``: the JSON Schema keywords the
    document uses, no more. Hand-written because the project has no JSON Schema
    library in its lock file and this test needs only these keywords."""
    if "$ref" in schema:
        return errors(SCHEMAS[schema["$ref"].rsplit("/", 1)[1]], value, where)
    out: list[str] = []
    types = schema.get("type")
    if types is not None:
        allowed = [types] if isinstance(types, str) else types
        kinds = {
            "string": isinstance(value, str),
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "boolean": isinstance(value, bool),
            "object": isinstance(value, dict),
            "array": isinstance(value, list),
            "null": value is None,
        }
        if not any(kinds[t] for t in allowed):
            return [f"{where}: not {allowed}"]
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{where}: not one of {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        out.append(f"{where}: not {schema['const']!r}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 1e9):
            out.append(f"{where}: length")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{where}: pattern")
    number = isinstance(value, int) and not isinstance(value, bool)
    if number and not schema.get("minimum", -1e30) <= value <= schema.get("maximum", 1e30):
        out.append(f"{where}: range")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", 1e9):
            out.append(f"{where}: items count")
        for i, item in enumerate(value):
            out += errors(schema.get("items", {}), item, f"{where}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{where}.{k}: missing" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            if k in props:
                out += errors(props[k], v, f"{where}.{k}")
            elif isinstance(schema.get("additionalProperties"), dict):
                out += errors(schema["additionalProperties"], v, f"{where}.{k}")
    for part in schema.get("allOf", []):
        if "if" in part:
            if not errors(part["if"], value, where):
                out += errors(part["then"], value, where)
        else:
            out += errors(part, value, where)
    return out


def _payload_schemas() -> dict[str, str]:
    """kind -> its payload schema's name, as the Mutation schema says it."""
    out = {}
    for part in SCHEMAS["Mutation"]["allOf"]:
        kind = part["if"]["properties"]["kind"]["const"]
        out[kind] = part["then"]["properties"]["payload"]["$ref"].rsplit("/", 1)[1]
    return out


def _kind_constants() -> set[str]:
    """Every ``KIND_*`` text the client's protocol and app layers define."""
    found: set[str] = set()
    for package in (hanoi_desk.protocol, hanoi_desk.app):
        names = [package.__name__] + [
            f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)
        ]
        for name in names:
            module = import_module(name)
            for attr, value in inspect.getmembers(module):
                if attr.startswith("KIND_") and isinstance(value, str):
                    found.add(value)
    return found


def _push(s: Session, kind: str, payloads: list[dict[str, Any]]) -> list[p.MutationResult]:
    batch = [mutation(i + 1, kind, pl) for i, pl in enumerate(payloads)]
    return list(s.push(*batch, client_id=uuid.uuid4().hex).results)


def _variants(example: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for key in example:
        yield f"without {key}", {k: v for k, v in example.items() if k != key}
        yield f"{key} of the wrong type", {**example, key: [{"wrong": True}]}


def test_every_kind_the_server_applies_has_a_payload_schema_the_server_agrees_with(
    api: Api,
) -> None:
    s = api.login("demo")
    documented = _payload_schemas()
    # The kinds the server applies: its handler table, and the kinds apply_batch adds
    # (found by asking it: any kind the client defines that is not unknown_kind).
    candidates = sorted(set(HANDLERS) | _kind_constants() | set(documented))
    results = s.push(
        *[mutation(i + 1, kind, {}) for i, kind in enumerate(candidates)],
        client_id=uuid.uuid4().hex,
    ).results
    applied = {k for k, r in zip(candidates, results, strict=True)
               if r.reason != p.REASON_UNKNOWN_KIND}  # fmt: skip
    assert set(HANDLERS) <= applied
    assert {pc.KIND_CONSULTATION_RESPOND, ps.KIND_SIGNING_STEP_SIGN, p.KIND_SIGNATURE_COMPLETE,
            ps.KIND_SIGNING_STEP_DECLINE} <= applied  # apply_batch's own  # fmt: skip
    missing = applied - set(documented)
    assert not missing, f"no payload schema in server/openapi.py PAYLOADS for {missing}"
    assert set(documented) <= applied, "a documented kind the server does not apply"

    for kind, name in sorted(documented.items()):
        schema = SCHEMAS[name]
        (example,) = schema["examples"]
        assert errors(schema, example) == [], (kind, errors(schema, example))
        wrapped = {"seq": 1, "op_id": "o", "kind": kind, "payload": example}
        assert errors(SCHEMAS["Mutation"], wrapped) == []
        variants = list(_variants(example))
        answers = _push(s, kind, [example] + [v for _what, v in variants])
        assert answers[0].reason != p.REASON_INVALID_PAYLOAD, (kind, "example refused")
        for (what, variant), answer in zip(variants, answers[1:], strict=True):
            by_schema = bool(errors(schema, variant))
            by_server = answer.reason == p.REASON_INVALID_PAYLOAD
            assert by_schema == by_server, (kind, what, errors(schema, variant), answer.reason)
            # The same through the Mutation schema's kind -> payload rule.
            wrapped = {"seq": 1, "op_id": "o", "kind": kind, "payload": variant}
            assert bool(errors(SCHEMAS["Mutation"], wrapped)) == by_schema, (kind, what)


def test_the_feed_records_of_issue_13_fit_their_schemas(api: Api, live: LiveServer) -> None:
    s = api.login("demo")
    version = s.current_version()
    comment_id = uuid.uuid4().hex
    sent = _push(s, p.KIND_COMMENT_ADD, [{"comment_id": comment_id,
                 "document_version_id": version.id, "text": "Đề nghị bổ sung",
                 "quote": "x", "prefix": "", "suffix": "", "page": 1}])  # fmt: skip
    assert sent[0].status == p.APPLIED, sent[0].reason
    server_id = str((sent[0].result or {})["comment_id"])
    edited = _push(s, "comment.edit", [{"comment_id": server_id, "text": "Đề nghị bổ sung số"}])
    assert edited[0].status == p.APPLIED, edited[0].reason
    signing_requests.create(live.server.db, live.server.blobs, version.id, "Biên bản kỳ họp",
                            [StepSpec("demo", "Thư ký")])  # started at once  # fmt: skip
    changes, _ = s.pull_all()
    schema_of = {"comment": "CommentRecord", pc.CONSULTATION: "ConsultationRecord",
                 ps.SIGNING_REQUEST: "SigningRequestRecord"}  # fmt: skip
    seen: set[str] = set()
    for change in changes:
        name = schema_of.get(change.type)
        if name is None:
            continue
        seen.add(change.type)
        assert errors(SCHEMAS[name], dict(change.data)) == [], (change.type, change.data)
    assert seen == set(schema_of), seen
    record = next(c.data for c in changes if c.type == "comment" and c.id == server_id)
    assert record["revisions"], "the edited comment's record carries its earlier text"
