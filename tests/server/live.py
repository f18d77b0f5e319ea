"""A real reference server on 127.0.0.1 for any test that needs one.

Usage (from any test folder; the suite runs as ``python -m pytest`` from the
repository root, which puts the root on ``sys.path``)::

    from tests.server.live import running_server, DEMO_PASSWORD

    def test_something(tmp_path):
        with running_server(tmp_path / "srv") as srv:
            # srv.base_url == "http://127.0.0.1:<port>" (append "/v1/...")
            # srv.demo.users == {"demo": DEMO_PASSWORD, ...}; srv.server.db, srv.server.blobs
            ...

``running_server(data_dir, db_url=None, demo=True, packs_dir=None)`` builds the
demo data set (users ``demo``, ``chutich``, ``thuky``, ``daibieu``, ``daibieu2``,
``daibieu3``, ``khachmoi``, ``khach``, all with password ``DEMO_PASSWORD``;
meeting ``hdnd-dongda-ky12`` with five PDFs, chaired by ``chutich`` with
``thuky`` as secretary, ``demo`` and the ``daibieu*`` as delegates, ``khachmoi``
as a guest, and a live log already begun; and ``ubnd-langha-giaoban`` which
``demo`` may not see, chaired by ``khach``), then serves it with uvicorn in a
thread of the test process.
Pass ``packs_dir`` (a folder shared by several tests, e.g. from
``tmp_path_factory``) so the PDFs are generated only once. ``db_url`` selects
PostgreSQL (``tests/server/pg.py`` starts a throwaway cluster). Admin helpers
for tests live in ``hanoi_desk.server.admin`` (``set_meeting_status``,
``set_participant``, ``wipe_device``, ``set_policy``) and
``hanoi_desk.server.packs.import_pack`` (a changed PDF supersedes a version).

``live_heartbeat`` sets the seconds between live stream heartbeats (5 by default;
live tests use a short one). ``limits`` sets the per-participant limits (streams, command rate).
``host="::"`` binds it dual stack, as a server on
``::`` is (IPv4 clients then arrive as ``::ffff:a.b.c.d``).

Trust roots (docs/server-uploads.md): the server refuses every signed upload
of a body with no trust root. A test PKI calls ``trust_in_tests(root_der)``
with its root (tests/signing/signing_pki.py, tests/sync/vote_tokens.py do):
every body of every test server started here, running now or later, trusts it.
The demo's bodies also take a member's certificate from their first accepted signed
PDF (``certificate-from-first-signature``), so a test whose member signs with a
test PKI's key needs no ``member-cert`` first; a test of the setting itself
sets it as it needs.

``running_server_process(data_dir, port=None)`` starts ``hanoi-desk server`` as a
child process instead (for tests that kill or stress the server separately).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import uvicorn

from hanoi_desk.server.app import Server, ServerConfig, build_app, open_server
from hanoi_desk.server.demo import DEMO_PASSWORD, DemoInfo, build_demo
from hanoi_desk.server.limits import Limits

__all__ = [
    "DEMO_PASSWORD",
    "LiveServer",
    "free_port",
    "running_server",
    "running_server_process",
    "trust_in_tests",
]

_TEST_ROOTS: list[bytes] = []
"""The roots of the test PKIs made so far in this process (DER)."""
_RUNNING: list[Server] = []


def trust_in_tests(der: bytes) -> None:
    """Every test server's bodies trust this root (the test PKIs' one place to say so)."""
    if der not in _TEST_ROOTS:
        _TEST_ROOTS.append(der)
    for server in list(_RUNNING):
        _trust_roots(server, [der])


def _trust_roots(server: Server, roots: list[bytes], *, first_signature: bool = False) -> None:
    from sqlalchemy import select

    from hanoi_desk.server.admin import add_trust_root, set_body_setting
    from hanoi_desk.server.demo import COUNCIL_ID, WARD_ID
    from hanoi_desk.server.models import Meeting, Organisation

    with server.db.read() as session:
        bodies = list(session.scalars(select(Organisation.name)))
        demo_bodies = set(
            session.scalars(
                select(Organisation.name)
                .join(Meeting, Meeting.organisation_id == Organisation.id)
                .where(Meeting.id.in_((COUNCIL_ID, WARD_ID)))
            )
        )
    for body in bodies:
        if first_signature and body in demo_bodies:  # other bodies keep their own setting
            set_body_setting(server.db, body, "certificate-from-first-signature", True)
        for der in roots:
            add_trust_root(server.db, body, der)


@dataclass
class LiveServer:
    base_url: str
    server: Server
    demo: DemoInfo | None
    data_dir: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def running_server(
    data_dir: Path,
    db_url: str | None = None,
    *,
    demo: bool = True,
    packs_dir: Path | None = None,
    host: str = "127.0.0.1",
    live_heartbeat: float = 5.0,
    limits: Limits | None = None,
) -> Iterator[LiveServer]:
    info = build_demo(data_dir, db_url, cheap_hash=True, packs_dir=packs_dir) if demo else None
    server = open_server(ServerConfig(data_dir, db_url, live_heartbeat=live_heartbeat,
                                      limits=limits or Limits()))  # fmt: skip
    if ":" in host:
        # Dual stack, as a server bound to "::" is: IPv4 clients (the base URL is
        # still 127.0.0.1) reach it as ::ffff:a.b.c.d.
        sock = socket.socket(socket.AF_INET6)
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    else:
        sock = socket.socket()
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        build_app(server), log_level="warning", lifespan="off", access_log=False,
        timeout_graceful_shutdown=2,
    )  # fmt: skip
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    _trust_roots(server, list(_TEST_ROOTS), first_signature=True)
    _RUNNING.append(server)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", server, info, data_dir)
    finally:
        _RUNNING.remove(server)
        uv.should_exit = True
        thread.join(10)
        sock.close()
        server.stop()  # the closer thread, before its database goes
        server.db.dispose()


@contextmanager
def running_server_process(
    data_dir: Path, db_url: str | None = None, *, port: int | None = None, demo: bool = True,
    options: tuple[str, ...] = (),
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:  # fmt: skip
    """The server as a child process (``python -m hanoi_desk server``); yields (url, process).

    ``options``: more options of ``hanoi-desk server``, e.g. ``("--live-heartbeat", "60")``."""
    if demo:
        build_demo(data_dir, db_url, cheap_hash=True)
    if demo or _TEST_ROOTS:  # the test bodies' trust, as running_server's
        setup = open_server(ServerConfig(data_dir, db_url))
        try:
            _trust_roots(setup, list(_TEST_ROOTS), first_signature=True)
        finally:
            setup.stop()
            setup.db.dispose()
    port = port or free_port()
    cmd = [sys.executable, "-m", "hanoi_desk", "server", "--data", str(data_dir),
           "--host", "127.0.0.1", "--port", str(port), *options]  # fmt: skip
    if db_url:
        cmd += ["--db", db_url]
    proc = subprocess.Popen(cmd, env=dict(os.environ), stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server process did not start")
            time.sleep(0.1)
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
