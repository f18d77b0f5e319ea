"""Signed ballots for the server tests, made without the client engine.

A throwaway EC P-256 key and a self-issued certificate per member (made here
with ``cryptography``), and the detached CMS SignedData over a ballot's
canonical bytes built with asn1crypto: content type and message digest as
signed attributes, ECDSA-SHA256 over them, the certificate inside. The real
token path (pyHanko through the PKCS#11 engine on SoftHSM2) is tested by the
client's tests; these check the authority.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from asn1crypto import algos, cms, keys
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from tests.server.api import Session

from hanoi_desk.domain.live.ballots import NamedBallot, Participation, SecretBallot
from hanoi_desk.protocol import live as pl
from hanoi_desk.server import admin
from hanoi_desk.server.db import Database
from hanoi_desk.server.demo import COUNCIL_ID


@dataclass(frozen=True)
class Signer:
    key: ec.EllipticCurvePrivateKey
    cert_der: bytes


def make_signer(name: str) -> Signer:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    return Signer(key, cert.public_bytes(serialization.Encoding.DER))


def cms_sign(signer: Signer, content: bytes) -> str:
    """Base64 detached CMS SignedData over ``content`` by ``signer``."""
    attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
            cms.CMSAttribute(
                {"type": "message_digest", "values": [hashlib.sha256(content).digest()]}
            ),
        ]
    )
    signature = signer.key.sign(attrs.dump(), ec.ECDSA(hashes.SHA256()))
    cert = ax509.Certificate.load(signer.cert_der)
    sid = cms.IssuerAndSerialNumber({"issuer": cert.issuer, "serial_number": cert.serial_number})
    info = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier({"issuer_and_serial_number": sid}),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
            "signed_attrs": attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
            "signature": signature,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {"content_type": "data"},
            "certificates": [cert],
            "signer_infos": [info],
        }
    )
    der = cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()
    return base64.b64encode(der).decode("ascii")


@dataclass
class Voter:
    """A member's session, id and signer (registered or not)."""

    session: Session
    user_id: str
    signer: Signer


def register(db: Database, username: str, signer: Signer) -> None:
    admin.set_member_certificate(db, username, signer.cert_der)


def round_of(s: Session, poll: str) -> tuple[int, str]:
    """(number, anchor hash) of the poll's latest round, from the events page."""
    page = s.live_page(COUNCIL_ID)
    opened = [e for e in page.events if e.kind == "poll.opened" and e.data["poll"] == poll]
    assert opened, "the round is not open"
    return int(opened[-1].data["round"]), opened[-1].hash


def named(
    voter: Voter,
    poll: str,
    number: int,
    anchor: str,
    choice: int,
    *,
    text: str = "",
    member: str | None = None,
    ballot_id: str | None = None,
    signer: Signer | None = None,
    signed_over: bytes | None = None,
) -> dict[str, Any]:
    """A named ballot request (signed by ``signer`` or the voter's, over
    ``signed_over`` or the ballot's canonical bytes)."""
    ballot = NamedBallot(COUNCIL_ID, poll, number, anchor, ballot_id or uuid.uuid4().hex,
                         member or voter.user_id, choice, text)  # fmt: skip
    sig = cms_sign(signer or voter.signer, signed_over or ballot.signed_bytes())
    return {"kind": pl.NAMED, "ballot": ballot.fields(), "signature": sig}


def secret(
    voter: Voter, poll: str, number: int, anchor: str, choice: int, *, text: str = "",
    ballot_id: str | None = None,
) -> tuple[dict[str, Any], str]:  # fmt: skip
    """A secret ballot request and its receipt hash (sha256 of a fresh secret)."""
    part = Participation(COUNCIL_ID, poll, number, anchor, ballot_id or uuid.uuid4().hex,
                         voter.user_id)  # fmt: skip
    receipt = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
    ballot = SecretBallot(poll, number, choice, text, receipt)
    body = {"kind": pl.SECRET, "participation": part.fields(), "ballot": ballot.fields(),
            "signature": cms_sign(voter.signer, part.signed_bytes())}  # fmt: skip
    return body, receipt


def send(voter: Voter, body: dict[str, Any]) -> pl.BallotReceipt:
    r = voter.session.request("POST", f"/v1/meetings/{COUNCIL_ID}/live/ballots", json=body)
    assert r.status_code == 200, r.text
    return pl.BallotReceipt.parse(r.json())


def sign_pdf(
    signer: Signer,
    pdf: bytes,
    field: str = "Sig1",
    before: Callable[[IncrementalPdfFileWriter], None] = lambda w: None,
) -> bytes:
    """``pdf`` signed in ``field`` by ``signer`` with pyHanko, as an incremental
    update (the client's engine signs the same way); ``before`` changes the file
    in that same update, before the signature is made."""
    key = signer.key.private_bytes(serialization.Encoding.DER,
                                   serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())  # fmt: skip
    simple = signers.SimpleSigner(signing_cert=ax509.Certificate.load(signer.cert_der),
                                  signing_key=keys.PrivateKeyInfo.load(key),
                                  cert_registry=SimpleCertificateStore())  # fmt: skip
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    before(writer)
    out = io.BytesIO()
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field), signer=simple,
                     output=out)  # fmt: skip
    return out.getvalue()
