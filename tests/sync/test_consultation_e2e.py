"""Written consultation end to end (docs/consultation.md): the real server on
127.0.0.1, a real SQLCipher profile synced as a delegate, a SoftHSM2 token
whose certificate the server registered for that delegate, and the real
``hanoi-desk consult list|answer`` in child processes. The opinion PDF is
generated in memory, signed on the token (one PIN), queued, sent by the sync,
and judged by the server's receipt clock (injected: no sleeping for a deadline)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from asn1crypto import x509 as ax509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from tests.server.live import DEMO_PASSWORD, LiveServer, running_server
from vote_tokens import VoterTokens, make_voter_tokens

from hanoi_desk.app.session import Desk
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.server import admin, consultation
from hanoi_desk.server.demo import COUNCIL_ID
from helpers import PASSPHRASE, FixedPrompt, run_cli

DEADLINE = 1_900_000_000
QUESTIONS = [
    {"id": "q1", "text": "Thông qua dự thảo Nghị quyết về bảng giá đất?"},
    {"id": "q2", "text": "Thời điểm áp dụng từ ngày 01/01/2027?"},
]
OTHER = "Đề nghị áp dụng từ quý II năm 2027"


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> VoterTokens:
    """One delegate's token. Only the child processes load it (``token.env()``):
    this process's PKCS#11 module, if another test loaded it, is left alone."""
    return make_voter_tokens(tmp_path_factory.mktemp("tok"), ["OPINION-01"],
                             ["Đại biểu Lấy Ý Kiến"])  # fmt: skip


@pytest.fixture
def srv(tmp_path: Path) -> Iterator[LiveServer]:
    with running_server(tmp_path / "data", packs_dir=tmp_path / "packs") as s:
        yield s


def _sync(desk: Desk) -> None:
    with desk.open("p", FixedPrompt(), "passphrase") as session:
        options = SyncOptions(server=srv_url["url"], username="daibieu",
                              password=lambda: DEMO_PASSWORD)  # fmt: skip
        SyncService(session, options).run()


srv_url: dict[str, str] = {}


def _cli(home: Path, token: VoterTokens, *args: str, stdin: str) -> Any:
    env = {**token.env(), "HANOI_DESK_HOME": str(home), "HANOI_DESK_LANG": "en"}
    return run_cli("consult", *args, "--profile", "p", "--passphrase-stdin", stdin=stdin, env=env)


def test_an_opinion_is_generated_signed_queued_sent_and_judged(
    srv: LiveServer, token: VoterTokens, tmp_path: Path, fast_kdf: None
) -> None:
    admin.set_member_certificate(srv.server.db, "daibieu", token.tokens[0].certificate)
    cid = consultation.create(srv.server.db, COUNCIL_ID, "15/PLYK-HĐND",
                              "Lấy ý kiến về bảng giá đất", DEADLINE, questions=QUESTIONS,
                              respondents=["daibieu"])  # fmt: skip
    consultation.move(srv.server.db, cid, "open")
    srv.server.receipt_clock = lambda: DEADLINE - 30
    srv_url["url"] = srv.base_url
    home = tmp_path / "home"
    desk = Desk(default_vault(home))
    desk.create("p", FixedPrompt())
    _sync(desk)

    listed = _cli(home, token, "list", "--json", stdin=PASSPHRASE + "\n")
    assert listed.returncode == 0, listed.stderr
    # This one and the demo's own open consultation.
    (found,) = [c for c in json.loads(listed.stdout) if c["id"] == cid]
    assert found["respondent"] and found["state"] == "open"
    assert [q["id"] for q in found["questions"]] == ["q1", "q2"]

    answers = tmp_path / "answers.json"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"q1": {"answer": "other"}}), encoding="utf-8")
    refused = _cli(home, token, "answer", cid, "--answers", str(bad), "--module", token.module,
                   "--token", "OPINION-01", "--pin-stdin", stdin=PASSPHRASE + "\n")  # fmt: skip
    # Refused before the PIN (standard input holds no PIN), nothing queued.
    assert refused.returncode == 1 and "do not fit" in refused.stderr, refused.stderr
    answers.write_text(json.dumps({"q1": {"answer": "agree"},
                                   "q2": {"answer": "other", "text": OTHER}},
                                  ensure_ascii=False), encoding="utf-8")  # fmt: skip
    signed = _cli(home, token, "answer", cid, "--answers", str(answers), "--module", token.module,
                  "--token", "OPINION-01", "--pin-stdin",
                  stdin=PASSPHRASE + "\n" + token.pin + "\n")  # fmt: skip
    assert signed.returncode == 0, signed.stderr

    with desk.open("p", FixedPrompt(), "passphrase") as session:
        (entry,) = session.cache.outbox()
        assert entry.kind == "consultation.respond"
        payload = json.loads(entry.payload)
        with session.cache.blobs.open(payload["sha256"]) as blob:
            pdf = bytes(blob.read_all())
    # The generated PDF holds the reference, the questions and the answers …
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        text = " ".join(" ".join(page.get_text().split()) for page in doc)
        fonts = {f[3] for page in doc for f in page.get_fonts()}
    for needle in ("15/PLYK-HĐND", QUESTIONS[0]["text"], QUESTIONS[1]["text"], "Agree",
                   "Other opinion", OTHER):  # fmt: skip
        assert needle in text
    assert any("Noto" in f for f in fonts)  # the embedded Vietnamese font
    # … and its signature is intact and valid, by the delegate's certificate.
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0]
    ca = ax509.Certificate.load(token.ca)
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[ca]))
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.dump() == token.tokens[0].certificate

    _sync(desk)
    rep = consultation.report(srv.server.db, cid).to_json()
    (response,) = rep["responses"]
    assert response["received_at"] == DEADLINE - 30 and response["counted"]
    assert response["answers"]["q2"] == {"answer": "other", "text": OTHER}
    assert rep["summary"]["questions"][1]["counts"]["other"] == 1
    # The respondent's next sync brings the receipt back.
    listed = _cli(home, token, "list", "--json", stdin=PASSPHRASE + "\n")
    (found,) = [c for c in json.loads(listed.stdout) if c["id"] == cid]
    assert [r["counted"] for r in found["my_responses"]] == [True]


def test_the_secretary_exports_the_summary_as_csv_and_pdf(
    srv: LiveServer, token: VoterTokens, tmp_path: Path, fast_kdf: None
) -> None:
    """Paper opinions (one on time, one a second late), a missing member; the
    secretary's export has the server's counts; a delegate is refused."""
    db, blobs = srv.server.db, srv.server.blobs
    cid = consultation.create(db, COUNCIL_ID, "16/PLYK-HĐND", "Lấy ý kiến về đề án",
                              DEADLINE, questions=QUESTIONS,
                              respondents=["daibieu", "daibieu2", "daibieu3"])  # fmt: skip
    consultation.move(db, cid, "open")
    scan = b"%PDF-1.4 scan"
    consultation.enter_paper(db, blobs, cid, username="daibieu2",
                             answers={"q1": {"answer": "disagree"},
                                      "q2": {"answer": "other", "text": OTHER}},
                             scan=scan, written_on="2030-03-10", entered_by="thuky",
                             now=DEADLINE)  # fmt: skip
    consultation.enter_paper(db, blobs, cid, username="daibieu3",
                             answers={"q1": {"answer": "agree"}, "q2": {"answer": "agree"}},
                             scan=scan, written_on="2030-03-17", entered_by="thuky",
                             now=DEADLINE + 1)  # fmt: skip
    srv_url["url"] = srv.base_url
    env = {**token.env(), "HANOI_DESK_LANG": "vi"}
    outputs = {}
    for user in ("thuky", "daibieu"):
        home = tmp_path / user
        desk = Desk(default_vault(home))
        desk.create("p", FixedPrompt())
        with desk.open("p", FixedPrompt(), "passphrase") as session:
            options = SyncOptions(server=srv.base_url, username=user,
                                  password=lambda: DEMO_PASSWORD)  # fmt: skip
            SyncService(session, options).run()
        outputs[user] = run_cli("consult", "summary", cid, "--out", str(tmp_path / f"out-{user}"),
                                "--profile", "p", "--passphrase-stdin",
                                stdin=PASSPHRASE + "\n",
                                env={**env, "HANOI_DESK_HOME": str(home)})  # fmt: skip
    assert outputs["daibieu"].returncode == 1  # not the secretariat: no summary
    assert not (tmp_path / "out-daibieu").exists()
    done = outputs["thuky"]
    assert done.returncode == 0, done.stderr
    (csv_path,) = (tmp_path / "out-thuky").glob("*.csv")
    (pdf_path,) = (tmp_path / "out-thuky").glob("*.pdf")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for spreadsheet programs
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    by_status = sorted(row[1] for row in rows[1:])
    assert by_status == sorted(["đã trả lời bằng giấy", "gửi muộn", "chưa có ý kiến"])
    paper = next(row for row in rows[1:] if row[1] == "đã trả lời bằng giấy")
    assert paper[3] == "2030-03-10" and paper[4] == "Không đồng ý" and paper[7] == OTHER
    # The PDF: the server's counts (one counted opinion: disagree, other), in Vietnamese.
    with pymupdf.open(pdf_path) as doc:
        text = " ".join(" ".join(page.get_text().split()) for page in doc)
    rep = consultation.report(db, cid).to_json()
    q1 = rep["summary"]["questions"][0]["counts"]
    assert q1 == {"agree": 0, "disagree": 1, "other": 0}  # the late paper opinion not counted
    assert "TỔNG HỢP" in text and "16/PLYK-HĐND" in text and OTHER in text
    assert f"{QUESTIONS[0]['text']} 0 1 0" in text
