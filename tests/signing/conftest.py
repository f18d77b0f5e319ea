"""Fixtures of the signing tests: a certomancer PKI served on 127.0.0.1, SoftHSM2
tokens in a private directory (both built once per session), sample PDFs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields

from hanoi_desk import resources
from hanoi_desk.signing.pin import PinState
from hanoi_desk.signing.tokens import TokenManager

from .signing_pki import PIN, TestPki, running_pki

TITLE = "CHỦ TỊCH"
FONT = resources.font("NotoSans-Regular.ttf")


class FixedPin:
    """Answers the PIN question like a person who knows it, and counts the asks."""

    def __init__(self, pin: str = PIN) -> None:
        self.value = pin
        self.asked: list[PinState] = []

    def pin(self, token: str, state: PinState) -> str:
        self.asked.append(state)
        return self.value


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestPki]:
    base = tmp_path_factory.mktemp("pki")
    with running_pki(base) as p:
        old = os.environ.get("SOFTHSM2_CONF")
        os.environ["SOFTHSM2_CONF"] = str(p.softhsm_conf)
        try:
            yield p
        finally:
            if old is None:
                os.environ.pop("SOFTHSM2_CONF", None)
            else:
                os.environ["SOFTHSM2_CONF"] = old


@pytest.fixture(scope="package")
def manager(pki: TestPki) -> Iterator[TokenManager]:
    """One manager for the signing tests, logged out after them (the desktop tests
    log in to their own token in the same process). A login made with
    ``manager.login`` lasts until a batch through ``SigningService`` or
    ``CachedSigner`` ends it; the next ``login`` then asks the PIN again."""
    m = TokenManager()
    yield m
    m.close()


def make_pdf(path: Path, pages: int = 2, rotate: int = 0, title: str = TITLE) -> Path:
    doc = pymupdf.open()
    for i in range(pages):
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="noto", fontfile=str(FONT))
        text = f"Trang {i + 1}: Quyết định về việc họp"
        page.insert_text((72, 100), text, fontsize=12, fontname="noto")
        if i == pages - 1:
            page.insert_text((380, 620), title, fontsize=12, fontname="noto")
        if rotate:
            page.set_rotation(rotate)
    doc.save(path)
    doc.close()
    return path


def with_empty_field(src: Path, dst: Path, name: str = "ChuKyLanhDao") -> Path:
    with src.open("rb") as f:
        w = IncrementalPdfFileWriter(f)
        fields.append_signature_field(
            w, fields.SigFieldSpec(name, on_page=0, box=(350, 100, 550, 200))
        )
        with dst.open("wb") as out:
            w.write(out)
    return dst


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return make_pdf(tmp_path / "quyet-dinh.pdf")


def big_pdf(path: Path, size: int) -> Path:
    """A valid one-page PDF carrying ``size`` bytes of random data in a stream,
    written directly (seconds, not minutes) for the large-file test."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /XObject << /Blob 5 0 R >> >> >>",
    ]
    content = b"BT /F1 12 Tf 72 720 Td ET"
    offsets = []
    with path.open("wb") as f:
        f.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        for i, body in enumerate(objs, start=1):
            offsets.append(f.tell())
            f.write(b"%d 0 obj\n" % i + body + b"\nendobj\n")
        offsets.append(f.tell())
        f.write(b"4 0 obj\n<< /Length %d >>\nstream\n" % len(content) + content)
        f.write(b"\nendstream\nendobj\n")
        offsets.append(f.tell())
        # an unused form XObject holding the bulk
        f.write(b"5 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length %d >>\n" % size)
        f.write(b"stream\n")
        chunk = os.urandom(1 << 20)
        left = size
        while left > 0:
            f.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
        f.write(b"\nendstream\nendobj\n")
        xref = f.tell()
        f.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
        for off in offsets:
            f.write(b"%010d 00000 n \n" % off)
        f.write(
            b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(offsets) + 1, xref)
        )
    return path


@pytest.fixture(scope="session")
def pdf_100mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return big_pdf(tmp_path_factory.mktemp("big") / "ho-so-100mb.pdf", 100 * 1024 * 1024)
