"""server/completion.extension_problem: which "completed" files the server takes
as an extension of the signed file it holds, on real signed PDFs (pyHanko,
a throwaway self-signed key: only the file's structure matters here, trust is
not this check's business). The whole round over HTTP, with the certomancer
PKI and SoftHSM2, is tests/signing/test_signing_completion.py."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.validation.dss import DocumentSecurityStore
from tests.helpers import text_pdf

from hanoi_desk import protocol as p
from hanoi_desk.server.completion import extension_problem


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, x509.Certificate]:
    folder: Path = tmp_path_factory.mktemp("ext")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Signer")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=10))
        .sign(key, hashes.SHA256())
    )
    (folder / "k.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (folder / "c.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(folder / "k.pem"), str(folder / "c.pem"))
    writer = IncrementalPdfFileWriter(io.BytesIO(text_pdf([["Nghị quyết: chi 10 tỷ đồng"]])))
    out = signers.sign_pdf(
        writer, signers.PdfSignatureMetadata(field_name="Signature1"), signer=signer
    )
    return out.getvalue(), cert


def _with_dss(held: bytes, cert: x509.Certificate) -> bytes:
    from asn1crypto import x509 as asn1_x509

    out = io.BytesIO(held)
    reader = PdfFileReader(io.BytesIO(held))
    contents = reader.embedded_signatures[0].pkcs7_content
    DocumentSecurityStore.add_dss(
        out,
        contents,
        certs=[asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))],
    )
    return out.getvalue()


def test_adding_the_validation_data_is_an_extension(
    signed: tuple[bytes, x509.Certificate],
) -> None:
    held, cert = signed
    assert extension_problem(held, _with_dss(held, cert)) is None


def test_a_changed_signed_byte_or_a_shorter_file_is_not_an_extension(
    signed: tuple[bytes, x509.Certificate],
) -> None:
    held, cert = signed
    changed = bytearray(_with_dss(held, cert))
    changed[200] ^= 0x01
    assert extension_problem(held, bytes(changed)) == p.REASON_NOT_AN_EXTENSION
    assert extension_problem(held, held) == p.REASON_NOT_AN_EXTENSION
    assert extension_problem(held, held[:-5]) == p.REASON_NOT_AN_EXTENSION


def test_an_update_that_replaces_the_signed_page_is_refused(
    signed: tuple[bytes, x509.Certificate],
) -> None:
    """Every signed byte is unchanged, but a reader shows another page: the
    byte checks alone took this (security review H1)."""
    held, _cert = signed
    writer = IncrementalPdfFileWriter(io.BytesIO(held))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 700 Td (chi 99 ty dong) Tj ET")
    )
    writer.update_container(page)
    buf = io.BytesIO()
    writer.write(buf)
    assert extension_problem(held, buf.getvalue()) == p.REASON_SIGNATURES_CHANGED


def test_an_update_that_redefines_the_signature_behind_a_nul_is_refused(
    signed: tuple[bytes, x509.Certificate],
) -> None:
    """``N G\\0obj``: NUL is PDF white space, so readers take this as the
    signature dictionary redefined (security review H2)."""
    held, _cert = signed
    reader = PdfFileReader(io.BytesIO(held))
    field = reader.root["/AcroForm"]["/Fields"][0].get_object()
    ref = field.raw_get("/V").reference
    sig = field["/V"]
    startxref = int(re.findall(rb"startxref\s+(\d+)", held)[-1])
    root = reader.trailer.raw_get("/Root").reference
    byte_range = " ".join(str(x) for x in sig["/ByteRange"]).encode()
    body = (
        b"/Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached "
        b"/Reason (changed after signing) /ByteRange [" + byte_range + b"] "
        b"/Contents <" + bytes(sig["/Contents"]).hex().encode() + b">"
    )
    obj = b"%d %d\x00obj\n<< " % (ref.idnum, ref.generation) + body + b" >>\nendobj\n"
    at = len(held) + 1
    tail = (
        b"\n"
        + obj
        + b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d %05d n \n" % (ref.idnum, at, ref.generation)
        + b"trailer\n<< /Size %d /Root %d %d R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
        % (int(reader.trailer["/Size"]), root.idnum, root.generation, startxref, at + len(obj))
    )
    assert extension_problem(held, held + tail) == p.REASON_SIGNATURES_CHANGED


def test_a_file_with_nothing_signed_is_refused() -> None:
    plain = text_pdf([["Không có chữ ký"]])
    writer = IncrementalPdfFileWriter(io.BytesIO(plain))
    writer.root["/Lang"] = generic.TextStringObject("vi")
    writer.update_root()
    buf = io.BytesIO()
    writer.write(buf)
    assert extension_problem(plain, buf.getvalue()) == p.REASON_SIGNATURES_CHANGED
