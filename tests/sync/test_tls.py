"""TLS to a real server on 127.0.0.1: a pinned CA is trusted, anything else is
refused at once with a clear error (never retried as if offline)."""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sync_helpers import fast_backoff

from hanoi_desk.app.session import Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.errors import UserError
from hanoi_desk.server.app import ServerConfig, build_app, open_server
from hanoi_desk.server.demo import DEMO_PASSWORD, build_demo
from helpers import raw_sql


def _ca(name: str) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False),
                       critical=True)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    return key, cert


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    root = tmp_path_factory.mktemp("tls")
    ca_key, ca = _ca("Hanoi Desk test CA")
    _, other_ca = _ca("Some other CA")
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    leaf = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    (root / "ca.pem").write_bytes(_pem(ca))
    (root / "other.pem").write_bytes(_pem(other_ca))
    (root / "server.pem").write_bytes(_pem(leaf))
    (root / "server.key").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    build_demo(root / "data", cheap_hash=True)
    server = open_server(ServerConfig(root / "data"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        build_app(server), log_level="warning", lifespan="off", access_log=False,
        ssl_certfile=str(root / "server.pem"), ssl_keyfile=str(root / "server.key"),
        timeout_graceful_shutdown=2,
    )  # fmt: skip
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    yield {"url": f"https://127.0.0.1:{port}", "root": root}
    uv.should_exit = True
    thread.join(10)
    sock.close()
    server.db.dispose()


def run(session: Session, url: str, ca: Path | None) -> Any:
    options = SyncOptions(
        server=url, username="demo", password=lambda: DEMO_PASSWORD, ca_file=ca,
        backoff=fast_backoff(),
    )  # fmt: skip
    return SyncService(session, options).run()


def test_a_pinned_ca_is_trusted(tls_server: dict[str, Any], session: Session) -> None:
    report = run(session, tls_server["url"], tls_server["root"] / "ca.pem")
    assert report.pulled > 0 and report.downloaded > 0


@pytest.mark.parametrize("ca", [None, "other.pem"])
def test_an_untrusted_certificate_is_refused_at_once(
    tls_server: dict[str, Any], session: Session, ca: str | None
) -> None:
    path = None if ca is None else tls_server["root"] / ca
    with pytest.raises(UserError, match="not trusted"):
        run(session, tls_server["url"], path)
    assert raw_sql(session.cache).execute("SELECT COUNT(*) FROM sync_accounts").fetchone()[0] == 0
