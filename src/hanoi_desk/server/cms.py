"""Checking a ballot's detached CMS signature against the member's registered
certificate (signed PDFs are judged with pyHanko: server/signature_check.py).

Hand-written over asn1crypto (parsing) and cryptography (the public-key
operation) because the server may not import pyHanko (a client package,
import-linter forbids it) and needs only this much of RFC 5652: one SignerInfo,
its signed attributes' message digest over the given bytes, and the signature
over those attributes. Certificate paths, revocation and timestamps are not
checked: the authority trusts the certificate the body's administrator
registered for the member, and nothing else (docs/server-votes.md).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from asn1crypto import cms
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa

from hanoi_desk.domain.live.votes import SignatureCheck

MAX_SIGNATURE_BYTES = 192 * 1024
"""A detached CMS with its chain is a few KiB (a ballot's is capped at 64 KiB of base64
by the wire); a PDF reserves its /Contents with padding, rarely more than 64 KiB."""

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha3_256": hashes.SHA3_256,
    "sha3_384": hashes.SHA3_384,
    "sha3_512": hashes.SHA3_512,
}
"""Digests a ballot may be signed with (no SHA-1, no MD5)."""


class NotSigned(ValueError):
    """Not a detached CMS SignedData with one signer this module can check."""


def _signer(der: bytes) -> tuple[cms.SignedData, cms.SignerInfo]:
    if not der or len(der) > MAX_SIGNATURE_BYTES:
        raise NotSigned("size")
    try:
        # strict=False: a PDF's /Contents is zero-padded after the DER value.
        info = cms.ContentInfo.load(der)
        if info["content_type"].native != "signed_data":
            raise NotSigned("not SignedData")
        signed = info["content"]
        infos = signed["signer_infos"]
        if len(infos) != 1:
            raise NotSigned("one signer")
        return signed, infos[0]
    except NotSigned:
        raise
    except Exception as exc:  # asn1crypto raises many kinds on hostile input
        raise NotSigned(type(exc).__name__) from None


def _certificates(signed: cms.SignedData) -> list[ax509.Certificate]:
    found = []
    for choice in signed["certificates"] or []:
        if choice.name == "certificate":
            found.append(choice.chosen)
    return found


def _embedded(signed: cms.SignedData, si: cms.SignerInfo) -> ax509.Certificate | None:
    """The certificate the SignerInfo names (issuer and serial, or key identifier)."""
    sid = si["sid"]
    for cert in _certificates(signed):
        if sid.name == "issuer_and_serial_number":
            want = sid.chosen
            if cert.issuer == want["issuer"] and cert.serial_number == want["serial_number"].native:
                return cert
        elif cert.key_identifier == sid.chosen.native:
            return cert
    return None


def _hash(name: str) -> hashes.HashAlgorithm:
    kind = _HASHES.get(name)
    if kind is None:
        raise NotSigned("digest")
    return kind()


def _signed_bytes(si: cms.SignerInfo, content: bytes) -> tuple[bytes, str]:
    """What the signature is over (the DER SET of the signed attributes, whose
    message digest must be the content's; or the content itself), and the digest."""
    digest_name = si["digest_algorithm"]["algorithm"].native
    _hash(digest_name)
    attrs = si["signed_attrs"]
    if not attrs:
        return content, digest_name
    digests = [a["values"][0].native for a in attrs if a["type"].native == "message_digest"]
    types = [a["values"][0].native for a in attrs if a["type"].native == "content_type"]
    if len(digests) != 1 or types != ["data"]:
        raise NotSigned("attributes")
    if digests[0] != hashlib.new(digest_name, content).digest():
        raise NotSigned("digest")
    # The attributes are signed as a universal SET (tag 0x31), not as the
    # implicit [0] they travel in (RFC 5652 §5.4); asn1crypto keeps the bytes as received.
    return b"\x31" + attrs.dump()[1:], digest_name


@lru_cache(maxsize=2048)
def _public_key(cert_der: bytes) -> object:
    return x509.load_der_x509_certificate(cert_der).public_key()


def _verifies(si: cms.SignerInfo, data: bytes, digest_name: str, cert_der: bytes) -> bool:
    try:
        key = _public_key(cert_der)
    except (ValueError, UnsupportedAlgorithm):
        return False
    algo = si["signature_algorithm"]
    signature = si["signature"].native
    try:
        kind = algo.signature_algo
        try:
            hash_name = algo.hash_algo
        except ValueError:  # plain rsaEncryption / ecPublicKey: the digest algorithm's
            hash_name = digest_name
        if isinstance(key, rsa.RSAPublicKey) and kind == "rsassa_pkcs1v15":
            key.verify(signature, data, padding.PKCS1v15(), _hash(hash_name))
        elif isinstance(key, rsa.RSAPublicKey) and kind == "rsassa_pss":
            params = algo["parameters"]
            pss_hash = _hash(params["hash_algorithm"]["algorithm"].native)
            mgf = padding.MGF1(
                _hash(params["mask_gen_algorithm"]["parameters"]["algorithm"].native)
            )
            key.verify(signature, data, padding.PSS(mgf, params["salt_length"].native), pss_hash)
        elif isinstance(key, ec.EllipticCurvePublicKey) and kind == "ecdsa":
            key.verify(signature, data, ec.ECDSA(_hash(hash_name)))
        elif isinstance(key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey) and kind in (
            "ed25519",
            "ed448",
        ):
            key.verify(signature, data)
        else:
            return False
    except (InvalidSignature, NotSigned, ValueError, TypeError, KeyError):
        return False
    return True


def check_detached(signature: bytes, content: bytes, registered: bytes | None) -> SignatureCheck:
    """Whether ``signature`` (DER CMS, detached) signs ``content`` with the key of
    ``registered`` (the member's certificate, DER): ``VALID``; it verifies only
    with another certificate it carries: ``WRONG_CERTIFICATE``; no certificate
    registered: ``NO_CERTIFICATE``; anything else (forged, other bytes,
    unparseable, SHA-1): ``INVALID``."""
    if registered is None:
        return SignatureCheck.NO_CERTIFICATE
    try:
        signed, si = _signer(signature)
        data, digest_name = _signed_bytes(si, content)
    except NotSigned:
        return SignatureCheck.INVALID
    if _verifies(si, data, digest_name, registered):
        return SignatureCheck.VALID
    embedded = _embedded(signed, si)
    other = None if embedded is None or embedded.dump() == registered else embedded.dump()
    if other is not None and _verifies(si, data, digest_name, other):
        return SignatureCheck.WRONG_CERTIFICATE
    return SignatureCheck.INVALID
