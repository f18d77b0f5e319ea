"""Helpers for the tests of issue 13's signed uploads on the real server
(consultation opinions, signing-request steps): members with a registered
certificate trusted by the council, a file uploaded and its mutation pushed
over HTTP, and the server's command line run in process."""

from __future__ import annotations

import hashlib
import io
import sys
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from tests.server.api import Session
from tests.server.ballots import Signer, make_signer
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.server import admin

COUNCIL_BODY = "HĐND quận Đống Đa"
"""The demo council's body, whose trust roots judge its members' signatures."""
ServerCli = Callable[..., tuple[int, str, str]]
"""``run("consult-state", cid, "open")`` -> (exit code, stdout, stderr)."""


def registered_signers(live: LiveServer, *names: str) -> dict[str, Signer]:
    """A software key per member, its certificate registered for that member and,
    self-signed, trusted as a root of the council (docs/server-uploads.md)."""
    out = {}
    for name in names:
        out[name] = make_signer(name)
        admin.set_member_certificate(live.server.db, name, out[name].cert_der)
        admin.add_trust_root(live.server.db, COUNCIL_BODY, out[name].cert_der)
    return out


def upload(s: Session, data: bytes) -> tuple[str, str]:
    """``data`` uploaded whole in one PATCH; (upload id, sha256)."""
    sha = hashlib.sha256(data).hexdigest()
    req = p.UploadCreate(uuid.uuid4().hex, len(data), sha)
    upload_id = s.request("POST", "/v1/uploads", json=req.to_json()).json()["upload_id"]
    r = s.request("PATCH", f"/v1/uploads/{upload_id}", content=data,
                  headers={"Upload-Offset": "0"})  # fmt: skip
    assert r.status_code == 200, r.text
    return str(upload_id), sha


def push_one(s: Session, kind: str, payload: dict[str, Any]) -> p.MutationResult:
    """One mutation in a batch of its own, from a new client id (seq 1)."""
    m = p.Mutation(1, uuid.uuid4().hex, kind, payload)
    return s.push(m, client_id=uuid.uuid4().hex).results[0]


def server_cli(
    live: LiveServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> ServerCli:
    """``hanoi-desk server COMMAND`` in process on the test's server (its data
    folder, and its PostgreSQL database when it has one), in English, with an
    empty standard input."""
    from hanoi_desk.cli.main import main

    monkeypatch.setenv("HANOI_DESK_LANG", "en")
    store = ["--data", str(live.data_dir),
             *([] if live.server.db.is_sqlite else ["--db", live.server.db.url])]  # fmt: skip

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        try:
            code = main(["server", args[0], *store, *args[1:]])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run
