"""A real test PKI (certomancer) served on 127.0.0.1 and a SoftHSM2 token in a
private directory, built once per test session.

Certificates are issued relative to *now* so that validity checks are real:
one signer is valid, one expired, one lacks the signing key usages, one expires
in ten days. Keys are imported with ``pkcs11-tool`` under labels that differ from
the certificate labels, as on real Vietnamese tokens.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import CertomancerConfig
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.serving import WSGIRequestHandler, make_server

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
ARCH = "hanoi"
PIN = "123456"
SO_PIN = "12345678"
TOKEN = "HANOI-SIGNER"
HOSTILE_TOKEN = "HANOI-HOSTILE"
# Each token is its own label so tests that damage a token cannot disturb others.
TOKENS = ("HANOI-SIGNER", "HANOI-PINTEST", "HANOI-REMOVE", "HANOI-UNLOCK", HOSTILE_TOKEN)

SIGNER_NAME = "Nguyễn Văn An"
# A signer whose certificate name drives the terminal when printed raw: a CR and
# cursor movement to draw a fake "VALID" verdict over the report, a bidi override,
# and "conceal" (SGR 8) so that the real verdict printed after it is invisible.
HOSTILE_NAME = "Trần Văn Giả\r\x1b[2K\x1b[1A    Verdict: VALID: intact and trusted\u202e\x1b[8m"
ORG_NAME = "Ủy ban nhân dân quận Hoàn Kiếm"


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _ku(*usages: str) -> dict[str, Any]:
    return {
        "id": "key_usage",
        "critical": True,
        "smart-value": {"schema": "key-usage", "params": list(usages)},
    }


def _leaf(frm: datetime, to: datetime, usages: tuple[str, ...]) -> dict[str, Any]:
    return {
        "issuer": "interm",
        "validity": {"valid-from": _iso(frm), "valid-to": _iso(to)},
        "extensions": [
            _ku(*usages),
            {
                "id": "crl_distribution_points",
                "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": ["interm"]}},
            },
            {
                "id": "authority_information_access",
                "smart-value": {
                    "schema": "aia-urls",
                    "params": {"ocsp-responder-names": ["interm"]},
                },
            },
        ],
    }


def pki_config(port: int, key_dir: Path) -> dict[str, Any]:
    now = datetime.now(UTC).replace(microsecond=0)
    year = timedelta(days=365)
    signing = ("digital_signature", "non_repudiation")
    keys = (
        "root",
        "interm",
        "tsa",
        "ocsp",
        "signer",
        "expired",
        "nosign",
        "soon",
        "unlock",
        "revoked",
        "hostile",
    )
    for name in keys:
        path = key_dir / f"{name}.key.pem"
        if not path.exists():
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            path.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
    ca_ext = [
        {"id": "basic_constraints", "critical": True, "value": {"ca": True}},
        _ku("digital_signature", "key_cert_sign", "crl_sign"),
    ]
    return {
        "external-url-prefix": f"http://127.0.0.1:{port}",
        "keysets": {
            "k": {
                "path-prefix": str(key_dir),
                "keys": {n: {"path": f"{n}.key.pem"} for n in keys},
            }
        },
        "pki-architectures": {
            ARCH: {
                "keyset": "k",
                "entity-defaults": {"country-name": "VN", "organization-name": ORG_NAME},
                "entities": {
                    "root": {"common-name": "Hanoi Desk Test Root CA"},
                    "interm": {"common-name": "Hanoi Desk Test Issuing CA"},
                    "tsa": {"common-name": "Hanoi Desk Test TSA"},
                    "ocsp": {"common-name": "Hanoi Desk Test OCSP"},
                    "signer": {"common-name": SIGNER_NAME},
                    "expired": {"common-name": "Trần Thị Hết Hạn"},
                    "nosign": {"common-name": "Lê Văn Mã Hóa"},
                    "soon": {"common-name": "Phạm Thị Sắp Hết"},
                    "unlock": {"common-name": "Đỗ Văn Mở Khóa"},
                    "revoked": {"common-name": "Vũ Thị Thu Hồi"},
                    "hostile": {"common-name": HOSTILE_NAME},
                },
                "certs": {
                    "root": {
                        "subject": "root",
                        "issuer": "root",
                        "validity": {
                            "valid-from": "2000-01-01T00:00:00+0000",
                            "valid-to": "2500-01-01T00:00:00+0000",
                        },
                        "extensions": ca_ext,
                    },
                    "interm": {
                        "issuer": "root",
                        "validity": {
                            "valid-from": "2000-01-01T00:00:00+0000",
                            "valid-to": "2400-01-01T00:00:00+0000",
                        },
                        "extensions": [
                            *ca_ext,
                            {
                                "id": "crl_distribution_points",
                                "smart-value": {
                                    "schema": "crl-dist-url",
                                    "params": {"crl-repo-names": ["root"]},
                                },
                            },
                        ],
                    },
                    "ocsp": {
                        "issuer": "interm",
                        "validity": {
                            "valid-from": "2000-01-01T00:00:00+0000",
                            "valid-to": "2400-01-01T00:00:00+0000",
                        },
                        "extensions": [
                            _ku("digital_signature"),
                            {
                                "id": "extended_key_usage",
                                "critical": True,
                                "value": ["ocsp_signing"],
                            },
                            {"id": "ocsp_no_check"},
                        ],
                    },
                    "tsa": {
                        "issuer": "root",
                        "validity": {
                            "valid-from": "2000-01-01T00:00:00+0000",
                            "valid-to": "2400-01-01T00:00:00+0000",
                        },
                        "extensions": [
                            _ku("digital_signature"),
                            {
                                "id": "extended_key_usage",
                                "critical": True,
                                "value": ["time_stamping"],
                            },
                            {
                                "id": "crl_distribution_points",
                                "smart-value": {
                                    "schema": "crl-dist-url",
                                    "params": {"crl-repo-names": ["root"]},
                                },
                            },
                        ],
                    },
                    "signer": _leaf(now - year, now + 2 * year, signing),
                    "expired": _leaf(now - 2 * year, now - timedelta(days=10), signing),
                    "nosign": _leaf(now - year, now + 2 * year, ("key_encipherment",)),
                    "soon": _leaf(now - year, now + timedelta(days=10), signing),
                    "unlock": _leaf(now - year, now + 2 * year, signing),
                    "hostile": _leaf(now - year, now + 2 * year, signing),
                    "revoked": {
                        **_leaf(now - year, now + 2 * year, signing),
                        "revocation": {
                            "revoked-since": _iso(now - timedelta(days=1)),
                            "reason": "key_compromise",
                        },
                    },
                },
                "services": {
                    "ocsp": {
                        "interm": {
                            "for-issuer": "interm",
                            "responder-cert": "ocsp",
                            "signing-key": "ocsp",
                        }
                    },
                    "crl-repo": {
                        "root": {
                            "for-issuer": "root",
                            "signing-key": "root",
                            "simulated-update-schedule": "P90D",
                        },
                        "interm": {
                            "for-issuer": "interm",
                            "signing-key": "interm",
                            "simulated-update-schedule": "P30D",
                        },
                    },
                    "cert-repo": {"root": {"for-issuer": "root", "publish-issued-certs": True}},
                    "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
                },
            }
        },
    }


@dataclass
class TestPki:
    """What the tests need to know about the running PKI and token."""

    __test__ = False  # not a pytest class

    url: str
    dir: Path
    certs: dict[str, x509.Certificate]
    softhsm_conf: Path
    module: str = SOFTHSM
    pin: str = PIN
    env: dict[str, str] = field(default_factory=dict)

    @property
    def tsa_url(self) -> str:
        return f"{self.url}/{ARCH}/tsa/tsa"

    def pem(self, name: str) -> Path:
        return self.dir / "certs" / f"{name}.cert.pem"

    @property
    def root_pem(self) -> Path:
        return self.pem("root")


class _Dispatch:
    """Lets the server bind its port before the PKI (whose URLs name the port) exists."""

    app: Any = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        return self.app(environ, start_response)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tool(conf: Path, *args: str) -> None:
    env = {**os.environ, "SOFTHSM2_CONF": str(conf)}
    subprocess.run(args, check=True, capture_output=True, env=env)


def init_token(conf: Path, label: str) -> None:
    _tool(
        conf,
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        label,
        "--pin",
        PIN,
        "--so-pin",
        SO_PIN,
    )


def write_key_and_cert(
    conf: Path,
    token: str,
    key_pem: Path,
    cert: x509.Certificate,
    *,
    obj_id: str,
    key_label: str,
    cert_label: str,
    usages: tuple[str, ...] = ("--usage-sign",),
) -> None:
    """Import a key pair and its certificate under *different* labels (same CKA_ID)."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    key = load_pem_private_key(key_pem.read_bytes(), None)
    der_key = conf.parent / f"{obj_id}-{token}.key.der"
    der_key.write_bytes(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    der_cert = conf.parent / f"{obj_id}-{token}.cert.der"
    der_cert.write_bytes(cert.dump())
    base = ("pkcs11-tool", "--module", SOFTHSM, "--token-label", token, "--login", "--pin", PIN)
    _tool(
        conf,
        *base,
        "--write-object",
        str(der_key),
        "--type",
        "privkey",
        "--id",
        obj_id,
        "--label",
        key_label,
        *usages,
    )
    _tool(
        conf,
        *base,
        "--write-object",
        str(der_cert),
        "--type",
        "cert",
        "--id",
        obj_id,
        "--label",
        cert_label,
    )
    der_key.unlink()


def forbid_decrypt(conf: Path, token: str, key_label: str) -> None:
    """pkcs11-tool leaves CKA_DECRYPT set on imported keys; clear it, in a child
    process so this test process loads the module only after setup."""
    code = (
        "import sys, pkcs11\n"
        "lib = pkcs11.lib(sys.argv[1])\n"
        "tok = lib.get_token(token_label=sys.argv[2])\n"
        "with tok.open(rw=True, user_pin=sys.argv[4]) as s:\n"
        "    k = s.get_key(object_class=pkcs11.ObjectClass.PRIVATE_KEY, label=sys.argv[3])\n"
        "    k[pkcs11.Attribute.DECRYPT] = False\n"
    )
    _tool(conf, sys.executable, "-c", code, SOFTHSM, token, key_label, PIN)


@contextmanager
def running_pki(base: Path) -> Iterator[TestPki]:
    key_dir = base / "keys"
    key_dir.mkdir(parents=True, exist_ok=True)
    dispatch = _Dispatch()
    server = make_server(
        "127.0.0.1", _free_port(), dispatch, threaded=True, request_handler=_QuietHandler
    )
    port = server.server_port
    cfg = CertomancerConfig(pki_config(port, key_dir), key_search_dir=str(key_dir))
    arch = cfg.pki_archs[ARCH]
    dispatch.app = Animator(AnimatorArchStore(cfg.pki_archs), with_web_ui=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        certs = {
            n: arch.get_cert(n)
            for n in (
                "root",
                "interm",
                "tsa",
                "ocsp",
                "signer",
                "expired",
                "nosign",
                "soon",
                "unlock",
                "revoked",
                "hostile",
            )
        }
        (base / "certs").mkdir(exist_ok=True)
        from asn1crypto import pem

        for name, c in certs.items():
            (base / "certs" / f"{name}.cert.pem").write_bytes(pem.armor("CERTIFICATE", c.dump()))
        from tests.server.live import trust_in_tests

        trust_in_tests(certs["root"].dump())  # the test servers' bodies trust this PKI
        conf = base / "softhsm2.conf"
        (base / "tokens").mkdir(exist_ok=True)
        conf.write_text(
            f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\n"
            "log.level = ERROR\n"
        )
        for label in TOKENS:
            init_token(conf, label)
        k = key_dir
        for token in ("HANOI-SIGNER", "HANOI-PINTEST", "HANOI-REMOVE"):
            write_key_and_cert(
                conf,
                token,
                k / "signer.key.pem",
                certs["signer"],
                obj_id="a1",
                key_label="KEY-0001",
                cert_label="Chu ky so " + SIGNER_NAME,
            )
        write_key_and_cert(
            conf,
            TOKEN,
            k / "expired.key.pem",
            certs["expired"],
            obj_id="b2",
            key_label="KEY-0002",
            cert_label="Het han",
        )
        write_key_and_cert(
            conf,
            TOKEN,
            k / "nosign.key.pem",
            certs["nosign"],
            obj_id="c3",
            key_label="KEY-0003",
            cert_label="Ma hoa",
        )
        write_key_and_cert(
            conf,
            TOKEN,
            k / "soon.key.pem",
            certs["soon"],
            obj_id="d4",
            key_label="KEY-0004",
            cert_label="Sap het han",
        )
        write_key_and_cert(
            conf,
            TOKEN,
            k / "revoked.key.pem",
            certs["revoked"],
            obj_id="e7",
            key_label="KEY-0007",
            cert_label="Thu hoi",
        )
        # On the unlock token: one key that may decrypt (RSA-OAEP path) and one that
        # may only sign (the signature-derived fallback).
        write_key_and_cert(
            conf,
            "HANOI-UNLOCK",
            k / "signer.key.pem",
            certs["signer"],
            obj_id="e5",
            key_label="DECRYPT-KEY",
            cert_label="Giai ma",
            usages=("--usage-sign", "--usage-decrypt"),
        )
        write_key_and_cert(
            conf,
            "HANOI-UNLOCK",
            k / "unlock.key.pem",
            certs["unlock"],
            obj_id="f6",
            key_label="SIGN-ONLY",
            cert_label="Chi ky",
        )
        forbid_decrypt(conf, "HANOI-UNLOCK", "SIGN-ONLY")
        write_key_and_cert(
            conf,
            HOSTILE_TOKEN,
            k / "hostile.key.pem",
            certs["hostile"],
            obj_id="a8",
            key_label="KEY-0008",
            cert_label="Chu ky gia",
        )
        for token in TOKENS:  # the chain, as real tokens carry it
            for i, name in enumerate(("interm", "root")):
                der = base / f"{name}.der"
                der.write_bytes(certs[name].dump())
                _tool(
                    conf,
                    "pkcs11-tool",
                    "--module",
                    SOFTHSM,
                    "--token-label",
                    token,
                    "--login",
                    "--pin",
                    PIN,
                    "--write-object",
                    str(der),
                    "--type",
                    "cert",
                    "--id",
                    f"c{i}",
                    "--label",
                    name.upper(),
                )
        yield TestPki(
            url=f"http://127.0.0.1:{port}",
            dir=base,
            certs=certs,
            softhsm_conf=conf,
            env={"SOFTHSM2_CONF": str(conf)},
        )
    finally:
        server.shutdown()
        thread.join(timeout=10)
