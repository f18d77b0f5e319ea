"""server/signature_check.py on real signed PDFs (pyHanko, software keys whose
self-signed certificates stand in for a body's roots): what the server accepts
of a signed upload and each refusal's reason (docs/server-uploads.md). Fast: no
server, a few signatures."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from asn1crypto import x509 as ax509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from tests.server.ballots import Signer, make_signer
from tests.server.ballots import sign_pdf as _sign

from hanoi_desk import protocol as p
from hanoi_desk.protocol import signatures as psig
from hanoi_desk.samples import make_pdf
from hanoi_desk.server.signature_check import Verdict, check_signed_upload
from hanoi_desk.server.signing_requests import prepare_base

FORGED = b"BT /F1 24 Tf 72 72 Td (FORGED) Tj ET"


def _forge_page(writer: IncrementalPdfFileWriter) -> None:
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=FORGED))
    writer.update_container(page)


def _add_note(writer: IncrementalPdfFileWriter) -> None:
    """A visible text annotation on the first page (not a signature's widget)."""
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    note = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/FreeText"),
        generic.NameObject("/Rect"): generic.ArrayObject(
            [generic.NumberObject(n) for n in (72, 72, 300, 120)]
        ),
        generic.NameObject("/Contents"): generic.TextStringObject("ĐÃ DUYỆT"),
        generic.NameObject("/DA"): generic.TextStringObject("/Helv 18 Tf 1 0 0 rg"),
    })  # fmt: skip
    page["/Annots"] = generic.ArrayObject([writer.add_object(note)])
    writer.update_container(page)


def _changed(pdf: bytes) -> bytes:
    """``pdf`` with its first page replaced in one more incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _forge_page(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def people() -> dict[str, Signer]:
    return {"an": make_signer("Nguyễn Văn An"), "binh": make_signer("Trần Thị Bình"),
            "stranger": make_signer("Không rõ")}  # fmt: skip


@pytest.fixture(scope="module")
def base() -> bytes:
    return make_pdf(None, "Biên bản kỳ họp", pages=2)


def _check(new: bytes, people: dict[str, Signer], *, base: bytes | None, **over: object) -> Verdict:
    args: dict[str, object] = {"registered": people["an"].cert_der, "field": None,
                               "roots": [people["an"].cert_der, people["binh"].cert_der],
                               "allow_first_certificate": False, **over}  # fmt: skip
    return check_signed_upload(new, base=base, **args)  # type: ignore[arg-type]


def test_a_good_signature_of_the_version_is_accepted(
    people: dict[str, Signer], base: bytes
) -> None:
    signed = _sign(people["an"], base, "Sig1")
    verdict = _check(signed, people, base=base)
    assert verdict == Verdict(None, people["an"].cert_der, False)


def test_a_first_signature_registers_its_certificate_only_where_allowed(
    people: dict[str, Signer], base: bytes
) -> None:
    signed = _sign(people["an"], base, "Sig1")
    assert _check(signed, people, base=base, registered=None).problem == (
        psig.REASON_NO_REGISTERED_CERTIFICATE
    )
    verdict = _check(signed, people, base=base, registered=None, allow_first_certificate=True)
    assert verdict == Verdict(None, people["an"].cert_der, True)
    # Not before the chain is trusted.
    untrusted = _check(signed, people, base=base, registered=None, allow_first_certificate=True,
                       roots=[people["binh"].cert_der])  # fmt: skip
    assert untrusted == Verdict(psig.REASON_UNTRUSTED)


def test_no_roots_untrusted_root_and_another_signer_are_refused(
    people: dict[str, Signer], base: bytes
) -> None:
    signed = _sign(people["an"], base, "Sig1")
    assert _check(signed, people, base=base, roots=[]).problem == psig.REASON_UNTRUSTED
    by_stranger = _sign(people["stranger"], base, "Sig1")
    stranger = people["stranger"].cert_der
    assert _check(by_stranger, people, base=base, registered=stranger).problem == (
        psig.REASON_UNTRUSTED
    )
    by_binh = _sign(people["binh"], base, "Sig1")  # trusted, but not the uploader's
    assert _check(by_binh, people, base=base).problem == psig.REASON_WRONG_SIGNER


def test_a_signature_of_another_file_is_not_an_extension(
    people: dict[str, Signer], base: bytes
) -> None:
    other = make_pdf(None, "Một văn bản khác", pages=2)
    signed = _sign(people["an"], other, "Sig1")
    assert _check(signed, people, base=base).problem == p.REASON_NOT_AN_EXTENSION


def test_content_changed_after_or_while_signing_is_an_unexpected_change(
    people: dict[str, Signer], base: bytes
) -> None:
    signed = _sign(people["an"], base, "Sig1")
    assert _check(_changed(signed), people, base=base).problem == psig.REASON_UNEXPECTED_CHANGE
    # Changed in an update of its own before signing, and in the signature's own update.
    assert _check(_sign(people["an"], _changed(base), "Sig1"), people,
                  base=base).problem == psig.REASON_UNEXPECTED_CHANGE  # fmt: skip
    assert _check(_sign(people["an"], base, "Sig1", _forge_page), people,
                  base=base).problem == psig.REASON_UNEXPECTED_CHANGE  # fmt: skip
    # An annotation added beside the signature's widget in its update.
    assert _check(_sign(people["an"], base, "Sig1", _add_note), people,
                  base=base).problem == psig.REASON_UNEXPECTED_CHANGE  # fmt: skip


def _with_dss(signed: bytes, signer: Signer) -> bytes:
    """A B-LT-like update after the signature: a document security store with the
    signer's certificate (what a client adds after signing online at B-LT)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    sig = PdfFileReader(io.BytesIO(signed)).embedded_signatures[-1]
    out = io.BytesIO(signed)
    DocumentSecurityStore.add_dss(out, sig.pkcs7_content,
                                  certs=[ax509.Certificate.load(signer.cert_der)])  # fmt: skip
    assert len(out.getvalue()) > len(signed)
    return out.getvalue()


def test_validation_data_after_the_signature_is_accepted(
    people: dict[str, Signer], base: bytes
) -> None:
    with_dss = _with_dss(_sign(people["an"], base, "Sig1"), people["an"])
    assert _check(with_dss, people, base=base).problem is None
    assert _check(with_dss, people, base=None).problem is None
    prepared = prepare_base(base, ["Sig1"])
    step = _with_dss(_sign(people["an"], prepared, "Sig1"), people["an"])
    assert _check(step, people, base=prepared, field="Sig1").problem is None


def test_bytes_after_the_signature_that_are_no_revision_are_refused(
    people: dict[str, Signer], base: bytes
) -> None:
    """Appended text (no revision at all), or text ending in %%EOF that pyHanko
    reads as no revision: refused, with or without a base, even after a DSS.
    One rule per tail: text not ending in %%EOF is caught by the check that the
    file ends with a revision (unexpected_change); a tail ending in %%EOF has no
    cross-reference section, so pyHanko cannot read the file (signature_invalid)."""
    signed = _sign(people["an"], base, "Sig1")
    with_dss = _with_dss(signed, people["an"])
    cases = ((b"\n% changed after signing\n", psig.REASON_UNEXPECTED_CHANGE),
             (b"\n% changed after signing\n%%EOF\n", psig.REASON_SIGNATURE_INVALID))  # fmt: skip
    for tail, reason in cases:
        for new in (signed + tail, with_dss + tail):
            for base_ in (base, None):
                assert _check(new, people, base=base_).problem == reason, (tail, base_ is None)


def test_a_step_fills_its_prepared_field_and_nothing_else(
    people: dict[str, Signer], base: bytes
) -> None:
    prepared = prepare_base(base, ["Sig1", "Sig2"])
    signed = _sign(people["an"], prepared, "Sig1")
    assert _check(signed, people, base=prepared, field="Sig1").problem is None
    assert _check(signed, people, base=prepared, field="Sig2").problem == psig.REASON_WRONG_FIELD
    forged = _sign(people["an"], prepared, "Sig1", _forge_page)
    assert _check(forged, people, base=prepared,
                  field="Sig1").problem == psig.REASON_UNEXPECTED_CHANGE  # fmt: skip
    twice = _sign(people["an"], signed, "Sig2")  # two new signatures at once
    assert _check(twice, people, base=prepared, field="Sig1").problem == psig.REASON_WRONG_FIELD


def test_a_file_without_base_needs_one_whole_signature(
    people: dict[str, Signer], base: bytes
) -> None:
    signed = _sign(people["an"], base, "Sig1")
    assert _check(signed, people, base=None).problem is None
    assert _check(_changed(signed), people, base=None).problem == psig.REASON_UNEXPECTED_CHANGE
    for hostile in (b"", b"%PDF-1.7 garbage", signed[: len(signed) // 2], base):
        assert _check(hostile, people, base=None).problem in (psig.REASON_SIGNATURE_INVALID,
                                                              psig.REASON_WRONG_FIELD)  # fmt: skip


def _make_ca_signer(name: str, *, issuer: Signer | None = None, days: tuple[int, int] = (-1, 365),
                    tsa: bool = False) -> Signer:  # fmt: skip
    """A certificate valid from ``days[0]`` to ``days[1]`` days from now, issued
    by ``issuer`` (None: self-signed, a CA); ``tsa``: a timestamping unit's."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    # pyHanko's in-memory TSA signs with RSA only.
    key: Any = rsa.generate_private_key(65537, 2048) if tsa else ec.generate_private_key(
        ec.SECP256R1())  # fmt: skip
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    issuer_name = subject if issuer is None else x509.load_der_x509_certificate(
        issuer.cert_der).subject  # fmt: skip
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_name)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now + dt.timedelta(days=days[0]))
               .not_valid_after(now + dt.timedelta(days=days[1])))  # fmt: skip
    if issuer is None and not tsa:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
    if issuer is not None:  # pyHanko's default key usage for a signer: non-repudiation
        builder = builder.add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=True, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)  # fmt: skip
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    cert = builder.sign(key if issuer is None else issuer.key, hashes.SHA256())
    return Signer(key, cert.public_bytes(serialization.Encoding.DER))


@pytest.fixture(scope="module")
def tsa() -> Signer:
    return _make_ca_signer("Đơn vị cấp dấu thời gian", tsa=True)


def _asn1(signer: Signer) -> tuple[Any, Any]:
    from asn1crypto import keys
    from cryptography.hazmat.primitives import serialization

    key = signer.key.private_bytes(serialization.Encoding.DER,
                                   serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())  # fmt: skip
    return ax509.Certificate.load(signer.cert_der), keys.PrivateKeyInfo.load(key)


def _stamper(tsa: Signer, at: datetime.datetime | None = None) -> Any:
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    cert, key = _asn1(tsa)
    return DummyTimeStamper(tsa_cert=cert, tsa_key=key, fixed_dt=at)


def _sign_online(signer: Signer, pdf: bytes, tsa: Signer, *, lta: bool | None,
                 field: str = "Sig1", at: datetime.datetime | None = None) -> bytes:  # fmt: skip
    """``pdf`` signed with a signature timestamp from ``tsa`` (pyHanko's own test
    TSA, in memory: no TSA server here) made at ``at`` (None: now): at B-T
    (``lta`` None), B-LT, or B-LTA (a document timestamp after the validation
    data) — what ``hanoi-desk sign --level b-lta`` writes."""
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko_certvalidator import ValidationContext
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    cert, key = _asn1(signer)
    simple = signers.SimpleSigner(signing_cert=cert, signing_key=key,
                                  cert_registry=SimpleCertificateStore())  # fmt: skip
    context = ValidationContext(trust_roots=[cert, _asn1(tsa)[0]], allow_fetching=False,
                                revocation_mode="soft-fail")  # fmt: skip
    meta = signers.PdfSignatureMetadata(field_name=field, embed_validation_info=lta is not None,
                                        use_pades_lta=bool(lta), validation_context=context,
                                        subfilter=SigSeedSubFilter.PADES,
                                        signer_key_usage=set())  # fmt: skip
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=simple,
                     timestamper=_stamper(tsa, at), output=out)  # fmt: skip
    return out.getvalue()


def _doc_timestamp(pdf: bytes, tsa: Signer) -> bytes:
    from pyhanko.sign import signers

    out = io.BytesIO()
    signers.PdfTimeStamper(_stamper(tsa)).timestamp_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)), "sha256", output=out
    )
    return out.getvalue()


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_b_lta_signature_is_one_signature_and_its_document_timestamp_is_accepted(
    people: dict[str, Signer], base: bytes, tsa: Signer
) -> None:
    """The document timestamp is no second signature (finding 2 of review 20):
    accepted with a base, without one, and in a request's prepared field."""
    roots = [people["an"].cert_der, tsa.cert_der]
    lta = _sign_online(people["an"], base, tsa, lta=True)
    kinds = [s.sig_object_type for s in PdfFileReader(io.BytesIO(lta)).embedded_signatures]
    assert kinds == ["/Sig", "/DocTimeStamp"]
    assert _check(lta, people, base=base, roots=roots) == Verdict(None, people["an"].cert_der)
    assert _check(lta, people, base=None, roots=roots).problem is None
    prepared = prepare_base(base, ["Sig1", "Sig2"])
    step = _sign_online(people["an"], prepared, tsa, lta=True)
    assert _check(step, people, base=prepared, field="Sig1", roots=roots).problem is None
    # A document timestamp is never the signature that fills a field.
    assert _check(_doc_timestamp(base, tsa), people, base=base,
                  roots=roots).problem == psig.REASON_WRONG_FIELD  # fmt: skip
    # Nor may one come before the signature: only validation data follows it.
    early = _sign(people["an"], _doc_timestamp(prepared, tsa), "Sig1")
    assert _check(early, people, base=prepared, field="Sig1",
                  roots=roots).problem == psig.REASON_UNEXPECTED_CHANGE  # fmt: skip


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_an_expired_certificate_is_judged_at_receipt_or_at_its_timestamp_never_at_its_claim(
    people: dict[str, Signer], base: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 20, finding 3: a certificate that expired 30 days ago signing today
    with the signing time it claims set 60 days back is refused (untrusted),
    also as a first signature; the same signature made while it was valid, with
    a timestamp token from a TSA of the body's, is accepted."""
    from pyhanko.sign.signers import pdf_signer

    ca = _make_ca_signer("CA của Hội đồng", days=(-1000, 1000))
    expired = _make_ca_signer("Lê Văn Cũ", issuer=ca, days=(-400, -30))
    tsa = _make_ca_signer("TSA của Hội đồng", days=(-100, 365), tsa=True)
    sixty_days_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=60)
    args = {"registered": expired.cert_der, "roots": [ca.cert_der, tsa.cert_der]}

    class Backdated(datetime.datetime):
        """The signer's clock: the claimed signing time is the signer's choice."""

        @classmethod
        def now(cls, tz: datetime.tzinfo | None = None) -> Backdated:
            return cls.fromtimestamp(sixty_days_ago.timestamp(), tz)

    with monkeypatch.context() as patch:
        patch.setattr(pdf_signer, "datetime", Backdated)
        backdated = _sign(expired, base, "Sig1")
    claimed = PdfFileReader(io.BytesIO(backdated)).embedded_signatures[0].self_reported_timestamp
    assert claimed is not None and claimed < sixty_days_ago + datetime.timedelta(minutes=1)
    assert _check(backdated, people, base=base, **args).problem == psig.REASON_UNTRUSTED
    first = _check(backdated, people, base=base, **{**args, "registered": None},
                   allow_first_certificate=True)  # fmt: skip
    assert first == Verdict(psig.REASON_UNTRUSTED)
    # Received while it was valid (an offline signer who uploaded in time).
    assert _check(backdated, people, base=base, received=sixty_days_ago, **args).problem is None
    # Timestamped by the body's TSA 60 days ago: judged then, accepted today.
    stamped = _sign_online(expired, base, tsa, lta=None, at=sixty_days_ago)
    assert _check(stamped, people, base=base, **args) == Verdict(None, expired.cert_der)
    # A TSA the body does not trust gives no time: judged at receipt, refused.
    assert _check(stamped, people, base=base, registered=expired.cert_der,
                  roots=[ca.cert_der]).problem == psig.REASON_UNTRUSTED  # fmt: skip


def _with_note(pdf: bytes, *, indirect: bool) -> bytes:
    """``pdf`` whose first page already has a note in /Annots (an array of its
    own when ``indirect``), in one more update: a base signing must keep it in."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _add_note(writer)
    if indirect:
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        page["/Annots"] = writer.add_object(page["/Annots"])
        writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _form_key(key: str, value: Any) -> Any:
    """A ``before`` for signing: the new /AcroForm carries ``key`` too."""

    def before(writer: IncrementalPdfFileWriter) -> None:
        writer.root["/AcroForm"] = generic.DictionaryObject({
            generic.NameObject("/Fields"): generic.ArrayObject(),
            generic.NameObject(key): value,
        })  # fmt: skip
        writer.update_root()

    return before


def _replace_annots(writer: IncrementalPdfFileWriter) -> None:
    """The page names a new, empty /Annots array (its note dropped)."""
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Annots"] = writer.add_object(generic.ArrayObject())
    writer.update_container(page)


def test_the_first_signature_of_a_file_with_no_form_adds_only_its_field_and_widget(
    people: dict[str, Signer], base: bytes
) -> None:
    """Review 20, findings 9 and 10: the hand check of a base with no form. The
    widget joins a page's existing annotations (a direct array, or an array of
    its own); the new form holds nothing that changes what is shown."""
    for indirect in (False, True):
        noted = _with_note(base, indirect=indirect)
        assert _check(_sign(people["an"], noted, "Sig1"), people, base=noted).problem is None
        # The note dropped in the signature's update.
        dropped = _sign(people["an"], noted, "Sig1", _replace_annots)
        assert _check(dropped, people, base=noted).problem == psig.REASON_UNEXPECTED_CHANGE
    # (pyHanko drops a /NeedAppearances itself when it signs; /CO stands for any
    # other key of a form.)
    for key, value in (("/XFA", generic.TextStringObject("<xdp:xdp/>")),
                       ("/CO", generic.ArrayObject())):  # fmt: skip
        signed = _sign(people["an"], base, "Sig1", _form_key(key, value))
        assert _check(signed, people, base=base).problem == psig.REASON_UNEXPECTED_CHANGE, key
