"""Batches on real SoftHSM: one login, per-file results, resume, a token removed
mid-batch, encrypted/broken inputs and a 100 MB document; and the desktop's
in-memory batch over the encrypted cache, through the same loop."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from hanoi_desk.app.session import Session
from hanoi_desk.app.sign_cached import CachedSigner, CachedSignRequest, queue_signed
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.signing.appearance import AppearanceSpec, Kind
from hanoi_desk.signing.batch import Status, sign_batch
from hanoi_desk.signing.pades import Level, SignOptions, make_context
from hanoi_desk.signing.pdfio import BROKEN, ENCRYPTED
from hanoi_desk.signing.placement import BOX_OUTSIDE, Placement
from hanoi_desk.signing.tokens import TOKEN_GONE, TokenManager
from hanoi_desk.signing.verify import verify_file

from .conftest import FixedPin, make_pdf
from .signing_helpers import pdfsig, sign
from .signing_pki import PIN, TOKEN, TestPki


def test_batch_is_resumable_and_signs_once_per_document(
    pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    files = [make_pdf(tmp_path / f"vb-{i}.pdf", pages=1) for i in range(3)]
    seen: list[tuple[int, int, str]] = []
    from .signing_helpers import signer_key

    key = signer_key(pki, manager)
    logins = manager.counters.logins
    ctx = make_context(manager, key, SignOptions(), None)
    report = sign_batch(ctx, files, tmp_path / "out", progress=lambda *a: seen.append(a))
    assert [r.status for r in report.results] == [Status.SIGNED] * 3
    assert report.sign_operations == 3  # exactly one C_Sign per document
    assert manager.counters.logins == logins  # no new login in the batch
    assert seen == [(1, 3, "vb-0.pdf"), (2, 3, "vb-1.pdf"), (3, 3, "vb-2.pdf")]
    again = sign_batch(ctx, files, tmp_path / "out")
    assert [r.status for r in again.results] == [Status.SKIPPED] * 3
    assert again.sign_operations == 0


def _token_dir(pki: TestPki, label: str) -> Path:
    for d in (pki.dir / "tokens").iterdir():
        if (d / "token.object").is_file() and label.encode() in (d / "token.object").read_bytes():
            return d
    raise AssertionError(f"no token dir for {label}")


def test_token_removed_mid_batch(pki: TestPki, tmp_path: Path) -> None:
    """In a child process (see removal_child.py); the outputs are checked here."""
    files = [make_pdf(tmp_path / f"hs-{i}.pdf", pages=1) for i in range(4)]
    out = tmp_path / "out"
    token_dir = _token_dir(pki, "HANOI-REMOVE")
    backup = tmp_path / "token-backup"
    shutil.copytree(token_dir, backup)
    try:
        child = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("removal_child.py")),
                pki.module,
                str(token_dir),
                PIN,
                str(out),
                *map(str, files),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, **pki.env},
        )
    finally:
        if not token_dir.exists():  # put the token back for the rest of the session
            shutil.copytree(backup, token_dir)
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert report["statuses"] == ["signed", "signed", "failed", "not-started"]
    assert report["stopped_by"] == TOKEN_GONE and report["errors"][2] == TOKEN_GONE
    assert sorted(p.name for p in out.iterdir()) == ["hs-0.pdf", "hs-1.pdf"]  # no .part
    for name in ("hs-0.pdf", "hs-1.pdf"):
        assert verify_file(out / name, [pki.certs["root"]]).ok


def test_encrypted_and_broken_files_are_refused_the_rest_signed(
    pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    good = make_pdf(tmp_path / "good.pdf", pages=1)
    enc = tmp_path / "mat-khau.pdf"
    with pymupdf.open(good) as doc:
        doc.save(enc, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    owner_only = tmp_path / "chi-chu-so-huu.pdf"
    with pymupdf.open(good) as doc:
        doc.save(owner_only, encryption=pymupdf.PDF_ENCRYPT_AES_128, owner_pw="o")
    broken = tmp_path / "hong.pdf"
    broken.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\ngarbage")
    not_pdf = tmp_path / "anh.pdf"
    not_pdf.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    files = [enc, good, owner_only, broken, not_pdf]
    before = {p: p.read_bytes() for p in files}
    report = sign(pki, manager, files, tmp_path / "out")
    by_name = {r.source.name: r for r in report.results}
    assert by_name["good.pdf"].status is Status.SIGNED
    for name in ("mat-khau.pdf", "chi-chu-so-huu.pdf"):
        r = by_name[name]
        assert r.status is Status.FAILED and r.error is not None
        assert r.error.template == ENCRYPTED, r.error
    for name in ("hong.pdf", "anh.pdf"):
        r = by_name[name]
        assert r.status is Status.FAILED and r.error is not None
        assert r.error.template == BROKEN, r.error
        assert "Nothing was signed" in str(r.error)
    assert {p: p.read_bytes() for p in files} == before  # inputs untouched
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.pdf"]


def test_unrepairable_xref_is_refused_not_rewritten(
    pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    """pyHanko's non-strict mode is tried, but it does not rebuild a wrong
    ``startxref``; the file is refused rather than rewritten non-incrementally."""
    src = make_pdf(tmp_path / "lech.pdf", pages=1)
    data = src.read_bytes()
    start = data.rindex(b"startxref")
    bad = data[:start] + b"startxref\n%d\n%%%%EOF\n" % (int(data[start + 10 :].split()[0]) + 7)
    src.write_bytes(bad)
    report = sign(pki, manager, [src], tmp_path / "out")
    r = report.results[0]
    assert r.status is Status.FAILED and r.error is not None and r.error.template == BROKEN
    assert src.read_bytes() == bad and not (tmp_path / "out" / src.name).exists()


def test_100_mb_document(
    pki: TestPki, manager: TokenManager, pdf_100mb: Path, tmp_path: Path
) -> None:
    report = sign(pki, manager, [pdf_100mb], tmp_path / "out", level=Level.B_T)
    assert report.results[0].status is Status.SIGNED, report.results[0].error
    out = tmp_path / "out" / pdf_100mb.name
    assert out.stat().st_size > pdf_100mb.stat().st_size
    result = verify_file(out, [pki.certs["root"]], fetch=True)
    assert result.ok and result.signatures[0].level == "B-T"
    assert "Signature is Valid" in pdfsig(out)


def test_driver_stuck_mid_signature_stops_the_batch(pki: TestPki, tmp_path: Path) -> None:
    """A driver that never returns from C_Sign cannot be made with SoftHSM; the token
    thread is kept busy by a blocking job instead, so the real C_Sign waits behind it."""
    import threading

    from hanoi_desk.signing.thread import TOKEN_HUNG

    m = TokenManager(sign_timeout=0.5)
    ts = m.login(pki.module, "HANOI-PINTEST", FixedPin())
    key = m.signing_key(ts)
    release = threading.Event()
    m.thread.submit(release.wait)  # the "hung driver"
    files = [make_pdf(tmp_path / f"t{i}.pdf", pages=1) for i in range(2)]
    try:
        report = sign_batch(make_context(m, key, SignOptions(), None), files, tmp_path / "out")
    finally:
        release.set()
    assert [r.status for r in report.results] == [Status.FAILED, Status.NOT_STARTED]
    assert report.stopped_by is not None and report.stopped_by.template == TOKEN_HUNG
    assert not any((tmp_path / "out").iterdir())
    m.logout(ts)
    m.thread.close()


def _small_page_pdf(path: Path) -> Path:
    """An A6 landscape page (420 x 297 pt): a box dragged low on an A4 page lies
    below its bottom edge."""
    doc = pymupdf.open()
    page = doc.new_page(width=420, height=297)
    page.insert_text((40, 60), "Giấy mời họp", fontname="helv")
    doc.save(path)
    doc.close()
    return path


def test_the_desktop_batch_checks_the_box_and_resumes(
    fast_kdf: None, pki: TestPki, manager: TokenManager, session: Session, tmp_path: Path
) -> None:
    """The desktop's path (documents of the encrypted cache, signed in memory into
    the outbox) goes through the same batch loop and placement code as the
    files: a box off a document's page fails that document by name, and a
    stopped batch run again skips what it already signed instead of signing
    it twice."""
    cache = session.cache
    small = cache.add_pdf(_small_page_pdf(tmp_path / "giay-moi.pdf"))
    first = cache.add_pdf(make_pdf(tmp_path / "to-trinh.pdf", pages=1))
    second = cache.add_pdf(make_pdf(tmp_path / "quyet-dinh.pdf", pages=1))
    docs = (small, first, second)
    request = CachedSignRequest(
        docs,
        pki.module,
        TOKEN,
        cert_id="a1",
        appearance=AppearanceSpec(Kind.COPY, organisation="UBND quận Ba Đình"),
        placement=Placement.drawn(0, (330.0, 600.0, 530.0, 700.0)),  # dragged on an A4 page
    )
    signer = CachedSigner(cache, manager)

    def store(doc: DocumentSummary, signed: bytes) -> str:
        return queue_signed(cache, doc, signed)

    # The signer cancels once two documents are done, as the dialog's Cancel does.
    done: list[str] = []
    stopped = signer.sign(
        request,
        FixedPin(),
        store,
        progress=lambda n, total, name: done.append(name),
        cancelled=lambda: len(done) >= 2,
    )
    assert [r.status for r in stopped.results] == [
        Status.FAILED,
        Status.SIGNED,
        Status.NOT_STARTED,
    ]
    outside = stopped.results[0].error
    assert outside is not None and outside.template == BOX_OUTSIDE
    assert "page 1 of giay-moi" in outside.message("en")
    not_started = stopped.results[2].error
    assert not_started is not None and "Đã hủy" in not_started.message("vi")
    assert stopped.sign_operations == 1

    again = signer.sign(request, FixedPin(), store)
    assert [r.status for r in again.results] == [Status.FAILED, Status.SKIPPED, Status.SIGNED]
    assert again.sign_operations == 1  # only the document the first run did not reach
    queued = [json.loads(e.payload)["document_version_id"] for e in cache.outbox()]
    assert queued == [first.version_id, second.version_id]  # each signed exactly once
    for entry in cache.outbox():
        with cache.blobs.open(json.loads(entry.payload)["sha256"]) as blob:
            (sig,) = PdfFileReader(io.BytesIO(blob.read_all()), strict=False).embedded_signatures
        x0, _y0, _x1, y1 = (float(v) for v in sig.sig_field["/Rect"])
        assert (x0, y1) == pytest.approx((330, 842 - 600), abs=1)  # where it was dragged
