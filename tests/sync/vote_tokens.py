"""SoftHSM2 tokens for the vote tests: one token per delegate, each with a key
pair made *on the token* (as a CA's token is delivered) and a certificate for it
issued by a test CA, all in one private SoftHSM2 configuration (a token per
slot). ``softhsm2-util`` initialises the tokens; one child process generates
every key and one writes every certificate, so the test process loads the
PKCS#11 module only once everything exists (SoftHSM2 reads its token folder
when the module is initialised).

RSA-2048 keys, as on the Vietnamese CAs' tokens (the signer asks the token for
``CKM_SHA256_RSA_PKCS``; SoftHSM 2.6 has no ``CKM_ECDSA_SHA256``), so the key is
found from the certificate by its modulus, the path real tokens take. The test
CA's own key is EC (it only signs the certificates, in this process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
PIN = "123456"
SO_PIN = "12345678"
KEY_ID = "01"


@dataclass(frozen=True)
class VoterToken:
    label: str
    """The token's label (one token per delegate)."""
    certificate: bytes
    """DER of the delegate's certificate on the token (what the server registers)."""


@dataclass(frozen=True)
class VoterTokens:
    conf: Path
    module: str
    pin: str
    tokens: tuple[VoterToken, ...]
    ca: bytes
    """DER of the test CA that issued every certificate."""

    def env(self) -> dict[str, str]:
        return {**os.environ, "SOFTHSM2_CONF": str(self.conf)}


_KEYGEN = """
import json, sys, pkcs11
from pkcs11 import Attribute, KeyType
lib = pkcs11.lib(sys.argv[1])
out = {}
for label in json.loads(sys.argv[3]):
    token = lib.get_token(token_label=label)
    with token.open(rw=True, user_pin=sys.argv[2]) as s:
        pub, _priv = s.generate_keypair(
            KeyType.RSA, 2048, store=True, id=bytes.fromhex(sys.argv[4]), label="KEY-" + label,
            private_template={Attribute.SIGN: True, Attribute.SENSITIVE: True,
                              Attribute.EXTRACTABLE: False})
        out[label] = [bytes(pub[Attribute.MODULUS]).hex(),
                      bytes(pub[Attribute.PUBLIC_EXPONENT]).hex()]
print(json.dumps(out))
"""

_WRITE_CERTS = """
import json, sys, pkcs11
from pkcs11 import Attribute, CertificateType, ObjectClass
lib = pkcs11.lib(sys.argv[1])
for label, (der, subject) in json.loads(sys.stdin.read()).items():
    token = lib.get_token(token_label=label)
    with token.open(rw=True, user_pin=sys.argv[2]) as s:
        s.create_object({
            Attribute.CLASS: ObjectClass.CERTIFICATE,
            Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
            Attribute.TOKEN: True, Attribute.PRIVATE: False,
            Attribute.ID: bytes.fromhex(sys.argv[3]), Attribute.LABEL: "Chu ky so " + label,
            Attribute.VALUE: bytes.fromhex(der), Attribute.SUBJECT: bytes.fromhex(subject),
        })
"""


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "HĐND quận Đống Đa (TEST)"),
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
        ]
    )


def _public_key(numbers: list[str]) -> rsa.RSAPublicKey:
    modulus, exponent = (int(n, 16) for n in numbers)
    return rsa.RSAPublicNumbers(exponent, modulus).public_key()


def make_voter_tokens(base: Path, labels: list[str], names: list[str]) -> VoterTokens:
    """One initialised token per label, each with an on-token key and the
    certificate (common name from ``names``) issued for it."""
    (base / "tokens").mkdir(parents=True, exist_ok=True)
    conf = base / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    for label in labels:
        subprocess.run(
            ["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", PIN,
             "--so-pin", SO_PIN],
            check=True, capture_output=True, env=env,
        )  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", _KEYGEN, SOFTHSM, PIN, json.dumps(labels), KEY_ID],
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    points = json.loads(done.stdout)
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("Hanoi Desk Vote Test CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    usage = x509.KeyUsage(
        digital_signature=True, content_commitment=True, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip
    certs: dict[str, bytes] = {}
    subjects: dict[str, bytes] = {}
    for label, name in zip(labels, names, strict=True):
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(ca_name)
            .public_key(_public_key(points[label]))
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=True)
            .sign(ca_key, hashes.SHA256())
        )
        certs[label] = cert.public_bytes(serialization.Encoding.DER)
        subjects[label] = cert.subject.public_bytes()
    subprocess.run(
        [sys.executable, "-c", _WRITE_CERTS, SOFTHSM, PIN, KEY_ID],
        input=json.dumps({k: [v.hex(), subjects[k].hex()] for k, v in certs.items()}),
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    from tests.server.live import trust_in_tests

    trust_in_tests(ca.public_bytes(serialization.Encoding.DER))  # the test servers trust this CA
    return VoterTokens(
        conf,
        SOFTHSM,
        PIN,
        tuple(VoterToken(label, certs[label]) for label in labels),
        ca.public_bytes(serialization.Encoding.DER),
    )
