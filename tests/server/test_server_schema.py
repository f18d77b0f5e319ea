"""The contract's documents and the schema: OpenAPI, wire-model parsing, migrations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from starlette.routing import Route
from tests.server.api import Api

from hanoi_desk import protocol as p
from hanoi_desk.server.app import Server, build_app
from hanoi_desk.server.blobs import DirectoryBlobStore
from hanoi_desk.server.db import Database, sqlite_url
from hanoi_desk.server.models import Base
from hanoi_desk.server.openapi import openapi_document

ROOT = Path(__file__).resolve().parents[2]


def test_docs_openapi_is_the_served_document(api: Api) -> None:
    on_disk = json.loads((ROOT / "docs" / "protocol.openapi.json").read_text("utf-8"))
    assert on_disk == openapi_document(), (
        "run: hanoi-desk server openapi > docs/protocol.openapi.json"
    )
    assert api.http.get("/v1/openapi.json").json() == on_disk


def test_every_route_is_documented(tmp_path: Path) -> None:
    app = build_app(Server(Database(sqlite_url(tmp_path)), DirectoryBlobStore(tmp_path / "b")))
    paths = openapi_document()["paths"]
    for route in app.routes:
        assert isinstance(route, Route)
        assert route.path in paths, route.path
        for method in route.methods or ():
            if method != "HEAD" or route.path.startswith("/v1/uploads/"):
                assert method.lower() in paths[route.path], (method, route.path)


def test_migrations_build_exactly_the_models(db_url: str | None, tmp_path: Path) -> None:
    db = Database(db_url or sqlite_url(tmp_path))
    db.migrate()
    db.migrate()  # a second run is a no-op
    with db.write_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.dispose()
    assert diff == []


def test_unknown_paths_and_methods_answer_in_json(api: Api) -> None:
    for method, path, status in (("GET", "/v1/nothing", 404), ("GET", "/v2/changes", 404),
                                 ("DELETE", "/v1/changes", 405)):  # fmt: skip
        r = api.http.request(method, path)
        assert r.status_code == status
        assert p.ErrorBody.parse(r.json()).error in (p.ERR_NOT_FOUND, p.ERR_BAD_REQUEST)
        assert r.headers[p.VERSION_HEADER] == "1"
        assert status == 404 or "GET" in r.headers["allow"]


def test_a_protocol_version_mismatch_is_refused(api: Api) -> None:
    r = api.http.get("/v1/health", headers={p.VERSION_HEADER: "2"})
    assert r.status_code == 400 and r.json()["error"] == p.ERR_VERSION


HOSTILE = [
    (p.ChangesPage, {"changes": [{"type": "meeting", "id": "../x", "data": {}}], "cursor": "",
                     "has_more": False}),
    (p.ChangesPage, {"changes": {}, "cursor": "", "has_more": False}),
    (p.ChangesPage, {"changes": [], "cursor": 5, "has_more": False}),
    (p.TokenResponse, {"access_token": "a", "refresh_token": "b", "expires_in": True,
                       "user": {"id": "u", "display_name": "x"}}),
    (p.MutationResults, {"results": [{"seq": 1, "op_id": "a", "status": "rejected",
                                      "result": None, "reason": None}]}),
    (p.MutationResults, {"results": [{"seq": 1, "op_id": "a", "status": "maybe",
                                      "result": None, "reason": None}]}),
    (p.UploadState, {"upload_id": "u", "offset": -1}),
    (p.ErrorBody, ["error"]),
]  # fmt: skip


@pytest.mark.parametrize(("model", "body"), HOSTILE)
def test_wire_models_reject_malformed_messages(model: type, body: object) -> None:
    with pytest.raises(p.ProtocolError) as err:
        model.parse(body)  # type: ignore[attr-defined]
    assert "../x" not in str(err.value)


def test_document_version_records_are_checked() -> None:
    good = {"document_id": "d", "meeting_id": "m", "agenda_item_id": None, "title": "Tờ trình",
            "version": 1, "sha256": "a" * 64, "size": 10, "filename": "to-trinh.pdf",
            "superseded_by": None}  # fmt: skip
    assert p.DocumentVersionData.parse(p.Change(p.DOCUMENT_VERSION, "v1", good)).size == 10
    hostile = [
        ("filename", "../../.bashrc"), ("filename", "C:evil.pdf"), ("filename", "a/b.pdf"),
        ("sha256", "A" * 64), ("size", -1), ("size", p.MAX_UPLOAD_SIZE + 1), ("version", 0),
        ("superseded_by", "x/y"),
    ]  # fmt: skip
    for key, value in hostile:
        with pytest.raises(p.ProtocolError):
            p.DocumentVersionData.parse(p.Change(p.DOCUMENT_VERSION, "v1", {**good, key: value}))
    for bad in ("bytes 5-4/10", "bytes 0-10/10", "bytes */10", None, "items 0-1/2"):
        with pytest.raises(p.ProtocolError):
            p.parse_content_range(bad)
    assert p.decode_cursor(p.encode_cursor(12345)) == 12345
    for forged in ("djI6NQ", "!!", "djE6LTE"):
        with pytest.raises(p.ProtocolError):
            p.decode_cursor(forged)
