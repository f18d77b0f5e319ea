"""A signing request's draft state and expiry (docs/signing-requests.md) on the
real server over HTTP: a draft asks nobody until the secretariat starts it; past
its expiry (the server's receipt clock, injected as the consultation tests do) a
signature is refused ``request_expired`` and every reader is told it expired.

Signatures are made with pyHanko and software keys registered for the members,
as in tests/server/test_server_signing_requests.py (this file tests the server's
judgement; the token path is tests/sync/test_signing_requests_e2e.py).
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from pathlib import Path

import pytest
from tests.server.api import Api
from tests.server.live import DEMO_PASSWORD, LiveServer
from tests.server.signed_uploads import registered_signers as _signers
from tests.server.test_server_signing_requests import _head, _record, _send, _sign
from tests.server.test_server_signing_requests import _version_id as version_of

from hanoi_desk import protocol as p
from hanoi_desk.domain import signing_requests as dr
from hanoi_desk.protocol import signing_requests as ps
from hanoi_desk.server import signing_requests
from hanoi_desk.server.signing_requests import StepSpec
from helpers import PASSPHRASE, FixedPrompt, run_cli

T0 = 1_900_000_000
"""The injected receipt clock's start (2030): far from the host's real time."""


def _steps() -> list[StepSpec]:
    return [StepSpec("thuky", "Thư ký kỳ họp"), StepSpec("chutich", "Chủ tọa", "issuing")]


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_a_draft_asks_nobody_until_started(live: LiveServer) -> None:
    """The draft is prepared and shown (every step pending); the first signer's
    signature is refused; once started, the same signature of the same base is
    accepted."""
    keys_ = _signers(live, "thuky", "chutich")
    rid = signing_requests.create(live.server.db, live.server.blobs, version_of(live),
                                  "Biên bản kỳ họp thứ 12", _steps(), draft=True)  # fmt: skip
    with Api(live.base_url) as api:
        secretary = api.login("thuky")
        record = _record(secretary, rid)
        assert record["state"] == ps.RequestState.DRAFT
        assert [s["state"] for s in record["steps"]] == ["pending", "pending"]
        assert (
            dr.SigningRequest.parse(record).my_active_steps([record["steps"][0]["user_id"]]) == []
        )
        base = _head(secretary, rid)  # the base is prepared already
        signed = _sign(keys_["thuky"], base, "Sig1")
        early = _send(secretary, rid, 1, base, signed)
        assert (early.status, early.reason) == (p.REJECTED, ps.REASON_REQUEST_CLOSED)
        signing_requests.start(live.server.db, rid)
        record = _record(secretary, rid)
        assert record["state"] == ps.RequestState.IN_PROGRESS
        assert [s["state"] for s in record["steps"]] == ["active", "pending"]
        ok = _send(secretary, rid, 1, base, signed)
        assert ok.status == p.APPLIED, ok.reason
    from hanoi_desk.errors import UserError

    with pytest.raises(UserError):
        signing_requests.start(live.server.db, rid)  # in progress already


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_past_its_expiry_a_signature_is_refused_and_everyone_reads_expired(
    live: LiveServer,
) -> None:
    """Before the expiry the first signer signs; at the expiry second (server
    clock) the next signer's signature and a decline are refused request_expired,
    and the feed says expired — the request was never swept by a timer."""
    keys_ = _signers(live, "thuky", "chutich")
    clock = {"t": T0}
    live.server.receipt_clock = lambda: clock["t"]
    rid = signing_requests.create(live.server.db, live.server.blobs, version_of(live),
                                  "Biên bản", _steps(), now=T0, expires_at=T0 + 3600)  # fmt: skip
    with Api(live.base_url) as api:
        secretary, chair = api.login("thuky"), api.login("chutich")
        base = _head(secretary, rid)
        first = _send(secretary, rid, 1, base, _sign(keys_["thuky"], base, "Sig1"))
        assert first.status == p.APPLIED, first.reason
        head = _head(chair, rid)
        signed = _sign(keys_["chutich"], head, "Sig2")  # signed offline in time…
        clock["t"] = T0 + 3600  # … and sent at the expiry second
        late = _send(chair, rid, 2, head, signed)
        assert (late.status, late.reason) == (p.REJECTED, ps.REASON_REQUEST_EXPIRED)
        decline = ps.SigningStepDecline(rid, 2, "Quá hạn").to_json()
        m = p.Mutation(1, uuid.uuid4().hex, ps.KIND_SIGNING_STEP_DECLINE, decline)
        out = chair.push(m, client_id=uuid.uuid4().hex).results[0]
        assert (out.status, out.reason) == (p.REJECTED, ps.REASON_REQUEST_EXPIRED)
        record = _record(secretary, rid)
        assert record["state"] == ps.RequestState.EXPIRED
        assert record["expires_at"] == T0 + 3600
        assert [s["state"] for s in record["steps"]] == ["signed", "active"]
    assert signing_requests.show(live.server.db, rid, now=T0 + 3600)["state"] == "expired"


def test_a_read_after_the_expiry_reports_it_expired(live: LiveServer) -> None:
    """Nobody acts: the first pull after the expiry (by the server's clock) brings
    the expired record, and the host's show says so too (SQLite and PostgreSQL:
    the sweep locks the due rows)."""
    _signers(live, "thuky", "chutich")
    clock = {"t": T0}
    live.server.receipt_clock = lambda: clock["t"]
    rid = signing_requests.create(live.server.db, live.server.blobs, version_of(live),
                                  "Biên bản", _steps(), now=T0, expires_at=T0 + 60)  # fmt: skip
    assert signing_requests.show(live.server.db, rid, now=T0 + 59)["state"] == "in_progress"
    with Api(live.base_url) as api:
        chair = api.login("chutich")
        assert _record(chair, rid)["state"] == ps.RequestState.IN_PROGRESS
        clock["t"] = T0 + 60
        assert _record(chair, rid)["state"] == ps.RequestState.EXPIRED


def test_the_client_record_says_expired_after_a_sync(live: LiveServer, tmp_path: Path) -> None:
    """A real SQLCipher profile syncs the request in progress, then again after the
    expiry: its cached record (and ``hanoi-desk requests list``) says expired."""
    from hanoi_desk.app.session import Desk
    from hanoi_desk.app.signing_requests import requests
    from hanoi_desk.app.sync_service import SyncOptions, SyncService
    from hanoi_desk.app.wiring import default_vault

    _signers(live, "thuky", "chutich")
    clock = {"t": T0}
    live.server.receipt_clock = lambda: clock["t"]
    rid = signing_requests.create(live.server.db, live.server.blobs, version_of(live),
                                  "Biên bản", _steps(), now=T0, expires_at=T0 + 60)  # fmt: skip
    home = tmp_path / "home"
    desk = Desk(default_vault(home))
    desk.create("p", FixedPrompt())

    def sync_and_read() -> dr.SigningRequest:
        with desk.open("p", FixedPrompt(), "passphrase") as session:
            options = SyncOptions(server=live.base_url, username="chutich",
                                  password=lambda: DEMO_PASSWORD)  # fmt: skip
            SyncService(session, options).run()
            (found,) = [r for r in requests(session.cache) if r.id == rid]
            return found

    assert sync_and_read().state == "in_progress"
    clock["t"] = T0 + 61
    assert sync_and_read().state == "expired"
    env = {**os.environ, "HANOI_DESK_HOME": str(home), "HANOI_DESK_LANG": "vi"}
    out = run_cli("requests", "list", "--json", "--profile", "p", "--passphrase-stdin",
                  stdin=PASSPHRASE + "\n",
                  env=env)  # fmt: skip
    assert out.returncode == 0, out.stderr
    (listed,) = [r for r in json.loads(out.stdout) if r["id"] == rid]
    assert listed["state"] == "expired" and listed["waiting_for_me"] == []
    assert listed["expires_at"] == T0 + 60
    text = run_cli("requests", "list", "--profile", "p", "--passphrase-stdin",
                   stdin=PASSPHRASE + "\n",
                   env=env)  # fmt: skip
    assert "hết hạn" in text.stdout, text.stdout
    from hanoi_desk.app.consultation import when

    assert f"    đã hết hạn lúc {when(T0 + 60)}" in text.stdout.splitlines(), text.stdout


def test_the_host_commands_make_a_draft_with_an_expiry_and_start_it(
    live: LiveServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``server sign-request --draft --expires-in-days``, ``sign-request-show`` and
    ``sign-request-start`` (SQLite and PostgreSQL); a time without its zone is a
    clear error and makes nothing."""
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

    version = version_of(live)
    step = ("--step", "thuky:approval:Thư ký", "--step", "chutich:issuing:Chủ tọa")
    code, _, err = run("sign-request", version, "--title", "Biên bản", *step,
                       "--expires-at", "2030-01-01T17:00")  # fmt: skip
    assert code == 1 and "zone" in err, err
    code, out, _ = run("sign-request", version, "--title", "Biên bản", *step, "--draft",
                       "--expires-in-days", "7")  # fmt: skip
    assert code == 0 and "sign-request-start" in out, out
    rid = out.split(": ", 1)[1].split(".", 1)[0]
    shown = json.loads(run("sign-request-show", rid)[1])
    assert shown["state"] == "draft" and [s["state"] for s in shown["steps"]] == ["pending"] * 2
    assert shown["expires_at"] > shown["created_at"] + 6 * 86400
    assert run("sign-request-start", rid)[0] == 0
    shown = json.loads(run("sign-request-show", rid)[1])
    assert shown["state"] == "in_progress" and shown["steps"][0]["state"] == "active"
    assert run("sign-request-start", rid)[0] == 1  # started already


def test_the_client_judges_expiry_by_its_clock_before_a_pin() -> None:
    """The domain rule: in progress past expires_at shows expired and asks nobody."""
    step = {"position": 1, "stage": 1, "user_id": "u", "name": "n", "role": "r",
            "field_name": "Sig1", "decree_kind": "approval", "state": "active"}  # fmt: skip
    record = {"id": "r", "meeting_id": "m", "document_version_id": "v", "title": "t",
              "state": "in_progress", "head_sha256": "0" * 64, "head_size": 1,
              "expires_at": 100, "steps": [step]}  # fmt: skip
    r = dr.SigningRequest.parse(record)
    assert r.state_at(99) == "in_progress" and len(r.my_active_steps(["u"], now=99)) == 1
    assert r.state_at(100) == "expired" and r.my_active_steps(["u"], now=100) == []
    assert dr.SigningRequest.parse({**record, "expires_at": None}).state_at(10**12) == "in_progress"
