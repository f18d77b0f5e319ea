"""Trust roots per body (docs/server-uploads.md): ``server trust-root
add|list|remove`` through the real CLI entry point against a real server's
database (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.x509 import load_der_x509_certificate
from tests.server.ballots import make_signer
from tests.server.live import LiveServer

from hanoi_desk.cli.main import main
from hanoi_desk.server import admin
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.models import Meeting

BODY = "HĐND quận Đống Đa"


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, live: LiveServer
) -> Callable[..., tuple[int, str, str]]:
    """``hanoi-desk server trust-root ACTION … --data D [--db URL]``, in process."""
    monkeypatch.setenv("HANOI_DESK_LANG", "en")
    url = live.server.db.url
    store = ["--data", str(live.data_dir), *([] if live.server.db.is_sqlite else ["--db", url])]

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        try:
            code = main(["server", "trust-root", *args, *store])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _council_roots(live: LiveServer) -> list[bytes]:
    with live.server.db.read() as session:
        meeting = session.get(Meeting, COUNCIL_ID)
        assert meeting is not None
        return admin.trust_roots_of(session, meeting.organisation_id)


def test_trust_root_add_list_remove(
    live: LiveServer, cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    root = make_signer("Hanoi test root")
    pem = tmp_path / "root.pem"
    pem.write_bytes(
        load_der_x509_certificate(root.cert_der).public_bytes(serialization.Encoding.PEM)
    )
    before = _council_roots(live)
    code, out, err = cli("add", BODY, str(pem))
    assert code == 0, err
    assert "now trusts" in out and "CN=Hanoi test root" in out
    fingerprint = out.split("trusts ", 1)[1].split(" ", 1)[0]
    assert root.cert_der in _council_roots(live)
    code, out, err = cli("add", BODY, str(pem))  # twice: nothing changes
    assert code == 0 and "already trusts" in out, err
    assert len(_council_roots(live)) == len(before) + 1
    code, out, _err = cli("list", BODY)
    assert code == 0 and fingerprint in out and "CN=Hanoi test root" in out
    code, out, err = cli("remove", BODY, fingerprint)
    assert code == 0 and "no longer trusts" in out, err
    assert root.cert_der not in _council_roots(live)
    # Bad input: a clear error, nothing changed.
    code, _out, err = cli("remove", BODY, fingerprint)
    assert code == 1 and "has no trust root" in err
    not_a_cert = tmp_path / "x.pem"
    not_a_cert.write_text("-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----\n")
    code, _out, err = cli("add", BODY, str(not_a_cert))
    assert code == 1 and "not an X.509 certificate" in err
    code, _out, err = cli("add", "Không có cơ quan này", str(pem))
    assert code == 1 and "no body" in err
    assert _council_roots(live) == before
