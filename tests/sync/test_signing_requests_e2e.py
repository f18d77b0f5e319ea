"""Signing requests end to end (docs/signing-requests.md): the real server on
127.0.0.1, one real SQLCipher profile per signer, a SoftHSM2 token per signer
whose certificate the server registered, and the real ``hanoi-desk requests
list|sign`` in child processes; the sync brings each signer the file to sign
and sends the signed one."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import x509 as ax509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from sqlalchemy import select
from tests.server.live import DEMO_PASSWORD, LiveServer, running_server
from vote_tokens import VoterTokens, make_voter_tokens

from hanoi_desk.app.session import Desk
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.server import admin, signing_requests
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.models import Document, DocumentVersion
from hanoi_desk.server.signing_requests import StepSpec
from hanoi_desk.sync.engine import SyncReport
from helpers import PASSPHRASE, FixedPrompt, run_cli

USERS = ["thuky", "daibieu", "daibieu2", "chutich"]


@pytest.fixture(scope="module")
def tokens(tmp_path_factory: pytest.TempPathFactory) -> VoterTokens:
    """One token per signer. Only the child processes load them (``env()``)."""
    return make_voter_tokens(tmp_path_factory.mktemp("tok"), [f"SIGN-{u}" for u in USERS],
                             ["Thư ký", "Đại biểu Một", "Đại biểu Hai", "Chủ tọa"])  # fmt: skip


@pytest.fixture
def srv(tmp_path: Path, tokens: VoterTokens) -> Iterator[LiveServer]:
    with running_server(tmp_path / "data", packs_dir=tmp_path / "packs") as s:
        for user, token in zip(USERS, tokens.tokens, strict=True):
            admin.set_member_certificate(s.server.db, user, token.certificate)
        yield s


class Signer:
    """One member's profile on their own computer (home folder)."""

    def __init__(self, srv: LiveServer, tokens: VoterTokens, home: Path, user: str) -> None:
        self.srv, self.tokens, self.home, self.user = srv, tokens, home, user
        self.desk = Desk(default_vault(home))
        self.desk.create("p", FixedPrompt())

    def sync(self) -> SyncReport:
        with self.desk.open("p", FixedPrompt(), "passphrase") as session:
            options = SyncOptions(server=self.srv.base_url, username=self.user,
                                  password=lambda: DEMO_PASSWORD)  # fmt: skip
            return SyncService(session, options).run()

    def cli(self, *args: str, pin: bool = False) -> Any:
        env = {**self.tokens.env(), "HANOI_DESK_HOME": str(self.home), "HANOI_DESK_LANG": "en"}
        stdin = PASSPHRASE + "\n" + (self.tokens.pin + "\n" if pin else "")
        return run_cli("requests", *args, "--profile", "p", "--passphrase-stdin", stdin=stdin,
                       env=env)  # fmt: skip

    def listed(self, request_id: str) -> dict[str, Any]:
        out = self.cli("list", "--json")
        assert out.returncode == 0, out.stderr
        (found,) = [r for r in json.loads(out.stdout) if r["id"] == request_id]
        return dict(found)

    def sign(self, request_id: str) -> Any:
        return self.cli("sign", request_id, "--module", self.tokens.module,
                        "--token", f"SIGN-{self.user}", "--pin-stdin", pin=True)  # fmt: skip


def _version_id(srv: LiveServer) -> str:
    with srv.server.db.read() as session:
        found = session.scalars(
            select(DocumentVersion.id)
            .join(Document, Document.id == DocumentVersion.document_id)
            .where(Document.meeting_id == COUNCIL_ID, DocumentVersion.superseded_by.is_(None))
            .order_by(DocumentVersion.id)
        ).first()
    assert found is not None
    return found


def _final(srv: LiveServer, request_id: str) -> bytes:
    data = signing_requests.show(srv.server.db, request_id)
    assert data["state"] == "completed", data
    size = srv.server.blobs.size(data["head_sha256"])
    assert size is not None
    return b"".join(srv.server.blobs.read(data["head_sha256"], 0, size - 1))


def _all_valid(pdf: bytes, tokens: VoterTokens, fields: list[str], tmp: Path) -> None:
    sigs = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert [s.field_name for s in sigs] == fields
    ca = ax509.Certificate.load(tokens.ca)
    for sig in sigs:
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=[ca]))
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
        assert status.modification_level is not None
        assert status.modification_level.name in ("NONE", "FORM_FILLING")
    path = tmp / "final.pdf"
    path.write_bytes(pdf)
    assert shutil.which("pdfsig"), "poppler-utils (pdfsig) is installed by ./run test's setup"
    out = subprocess.run(["pdfsig", "-nocert", str(path)], check=False, capture_output=True,
                         text=True).stdout  # fmt: skip
    assert out.count("Signature is Valid") == len(fields), out


def test_three_signers_in_order_one_offline_until_the_end(
    srv: LiveServer, tokens: VoterTokens, tmp_path: Path, fast_kdf: None
) -> None:
    """The secretary, a delegate, then the chair (issuing) sign the minutes, each
    on their own profile and token. The chair syncs once at the start and is
    offline until the end; asked before their turn, their command refuses before
    the PIN."""
    steps = [StepSpec("thuky", "Thư ký kỳ họp"), StepSpec("daibieu", "Đại biểu"),
             StepSpec("chutich", "Chủ tọa", "issuing")]  # fmt: skip
    rid = signing_requests.create(srv.server.db, srv.server.blobs, _version_id(srv),
                                  "Biên bản kỳ họp thứ 12", steps)  # fmt: skip
    secretary, delegate, chair = (Signer(srv, tokens, tmp_path / u, u)
                                  for u in ("thuky", "daibieu", "chutich"))  # fmt: skip
    chair.sync()
    early = chair.sign(rid)
    assert early.returncode == 1 and "not waiting for your signature" in early.stderr
    assert chair.listed(rid)["waiting_for_me"] == []

    secretary.sync()
    assert secretary.listed(rid)["waiting_for_me"] == [1]
    text = secretary.cli("list")
    assert text.stdout.splitlines()[0].endswith("WAITING FOR MY SIGNATURE (step 1, field Sig1)")
    signed = secretary.sign(rid)
    assert signed.returncode == 0, signed.stderr
    again = secretary.sign(rid)  # queued already: refused before the PIN
    assert again.returncode == 1 and "already queued" in again.stderr
    assert secretary.sync().rejected == []

    delegate.sync()
    assert delegate.sign(rid).returncode == 0
    assert delegate.sync().rejected == []

    chair.sync()  # back online at the end: the file after two signatures comes
    assert chair.listed(rid)["waiting_for_me"] == [3]
    assert chair.sign(rid).returncode == 0
    assert chair.sync().rejected == []
    secretary.sync()
    assert [s["state"] for s in secretary.listed(rid)["steps"]] == ["signed"] * 3
    _all_valid(_final(srv, rid), tokens, ["Sig1", "Sig2", "Sig3"], tmp_path)


def test_two_offline_signers_of_one_head(
    srv: LiveServer, tokens: VoterTokens, tmp_path: Path, fast_kdf: None
) -> None:
    """Two delegates of one stage both sign the same file offline: the first sent
    is accepted, the other refused stale_head; after a sync the same command signs
    the new file (one more PIN) and both signatures end valid."""
    steps = [StepSpec("daibieu", "Phó Chủ tịch", stage=1),
             StepSpec("daibieu2", "Phó Chủ tịch", stage=1)]  # fmt: skip
    rid = signing_requests.create(srv.server.db, srv.server.blobs, _version_id(srv),
                                  "Kết luận phiên họp", steps)  # fmt: skip
    a, b = (Signer(srv, tokens, tmp_path / u, u) for u in ("daibieu", "daibieu2"))
    a.sync()
    b.sync()
    assert a.sign(rid).returncode == 0 and b.sign(rid).returncode == 0  # both offline
    assert a.sync().rejected == []
    env = {**tokens.env(), "HANOI_DESK_HOME": str(b.home), "HANOI_DESK_LANG": "en"}
    late = run_cli("sync", "--profile", "p", "--passphrase-stdin", stdin=PASSPHRASE + "\n",
                   env=env)  # fmt: skip
    # The signer is told what happened and what to do.
    assert "someone signed that file first" in late.stderr, late.stderr
    assert "hanoi-desk requests sign" in late.stderr
    # Not signed again on its own: the step still waits for b, who signs once more.
    assert b.listed(rid)["waiting_for_me"] == [2]
    again = b.sign(rid)
    assert again.returncode == 0, again.stderr
    assert b.sync().rejected == []
    _all_valid(_final(srv, rid), tokens, ["Sig1", "Sig2"], tmp_path)


def test_decline_from_the_command_line(
    srv: LiveServer, tokens: VoterTokens, tmp_path: Path, fast_kdf: None
) -> None:
    """``requests decline`` queues the refusal with its reason (no PIN); refused
    without a reason and while one waits; after the sync the request is cancelled
    and the reason is everyone's to read."""
    rid = signing_requests.create(srv.server.db, srv.server.blobs, _version_id(srv),
                                  "Biên bản cần sửa", [StepSpec("thuky", "Thư ký kỳ họp"),
                                                       StepSpec("chutich", "Chủ tọa")])  # fmt: skip
    secretary, chair = (Signer(srv, tokens, tmp_path / u, u) for u in ("thuky", "chutich"))
    secretary.sync()
    empty = secretary.cli("decline", rid, "--reason", "  ")
    assert empty.returncode == 1 and "Give a reason for declining" in empty.stderr
    done = secretary.cli("decline", rid, "--reason", "Sai số đại biểu có mặt")
    assert done.returncode == 0 and "Declined and queued" in done.stdout, done.stderr
    again = secretary.cli("decline", rid, "--reason", "lần nữa")
    assert again.returncode == 1 and "already queued" in again.stderr
    assert secretary.sync().rejected == []
    chair.sync()
    shown = chair.listed(rid)
    assert shown["state"] == "cancelled"
    assert shown["steps"][0]["reason"] == "Sai số đại biểu có mặt"
