"""Nothing readable leaks from the server: no password or token in its files or logs,
no document bytes or internals in error answers."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from tests.server.api import Api, mutation
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.server.admin import add_user, set_participant
from hanoi_desk.server.demo import COUNCIL_ID

PASSWORD = "mật-khẩu-rất-riêng-7391"


def test_passwords_and_tokens_are_stored_only_as_hashes(
    live: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    add_user(live.server.db, "kiemtra", PASSWORD, "Kiểm Tra", cheap_hash=True)
    set_participant(live.server.db, COUNCIL_ID, "kiemtra", "delegate")
    with Api(live.base_url) as api:
        s = api.login("kiemtra", password=PASSWORD)
        assert api.login_response("kiemtra", password=PASSWORD + "x").status_code == 401
        s.pull_all()
        bad = {"seq": 1, "op_id": "o", "kind": "comment.add", "payload": {"text": PASSWORD}}
        r = s.request("POST", "/v1/mutations", json={"client_id": "c", "mutations": [bad]})
        assert r.status_code == 200 and r.json()["results"][0]["reason"] == "invalid_payload"
        r = s.request("POST", "/v1/mutations", json={"client_id": PASSWORD, "mutations": []})
        assert r.status_code == 400 and PASSWORD not in r.text
    secrets = [PASSWORD, s.tokens.access_token, s.tokens.refresh_token]
    # The test's own HTTP client logs its headers at DEBUG; only the server's logs count.
    server_logs = "\n".join(
        r.getMessage() for r in caplog.records if not r.name.startswith(("httpx", "httpcore"))
    )
    for text in secrets:
        assert text not in server_logs
    files = [f for f in Path(live.data_dir).rglob("*") if f.is_file()]
    assert files
    for f in files:
        data = f.read_bytes()
        for text in secrets:
            assert text.encode() not in data, f"{text[:4]}… found in {f.name}"


def test_errors_say_what_without_echoing_values(api: Api) -> None:
    s = api.login("demo")
    v = s.current_version()
    hostile = "<script>" + "A" * 64
    checks = [
        s.get("/v1/changes", params={"cursor": hostile}),
        s.get(f"/v1/blobs/{hostile}"),
        s.request("POST", "/v1/uploads", json={"op_id": hostile, "size": 1, "sha256": hostile}),
        s.request("PATCH", f"/v1/uploads/{hostile}", content=b"%", headers={"Upload-Offset": "0"}),
    ]  # fmt: skip
    for r in checks:
        assert r.status_code in (400, 404)
        body = p.ErrorBody.parse(r.json())
        assert body.message and hostile not in r.text and "Traceback" not in r.text
    res = s.push(mutation(1, p.KIND_COMMENT_ADD, {"comment_id": "c1",
                                                  "document_version_id": v.id}))  # fmt: skip
    assert res.results[0].reason == p.REASON_INVALID_PAYLOAD
