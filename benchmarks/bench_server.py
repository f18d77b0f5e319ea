"""``bench server.concurrent``: N clients pulling the changes feed at once on loopback.

The server runs as its own process (``hanoi-desk server``, one worker) on the
demo data set; N asyncio clients each pull the whole feed of their user
(login once, then ``GET /v1/changes`` from an empty cursor, page by page) in
a loop. Baseline, in the same run against the same process: the same clients
calling ``/v1/health`` (no token, no database), i.e. the HTTP stack's own
ceiling, so the ratio is the share of it the real feed keeps. Reported for
SQLite and, when the PostgreSQL binaries are here, for PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from common import report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hanoi_desk.server.demo import DEMO_PASSWORD, build_demo  # noqa: E402

CLIENTS = 16
REQUESTS_PER_CLIENT = 25
ROUNDS = 3
USERS = ("demo", "chutich", "thuky", "daibieu")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


async def _login(http: httpx.AsyncClient, user: str, n: int) -> str:
    body = {"username": user, "password": DEMO_PASSWORD, "device_id": f"bench-{n}",
            "device_name": "bench"}  # fmt: skip
    r = await http.post("/v1/auth/login", json=body)
    r.raise_for_status()
    return str(r.json()["access_token"])


async def _pull_all(http: httpx.AsyncClient, token: str, latencies: list[float]) -> int:
    cursor, records = "", 0
    while True:
        started = time.perf_counter()
        r = await http.get("/v1/changes", params={"cursor": cursor, "limit": 500},
                           headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        latencies.append(time.perf_counter() - started)
        r.raise_for_status()
        page = r.json()
        records += len(page["changes"])
        cursor = page["cursor"]
        if not page["has_more"]:
            return records


async def _health(http: httpx.AsyncClient, latencies: list[float]) -> None:
    started = time.perf_counter()
    r = await http.get("/v1/health")
    latencies.append(time.perf_counter() - started)
    r.raise_for_status()


async def _run(url: str, feed: bool) -> tuple[float, float]:
    """(requests per second, p99 latency in ms) for CLIENTS concurrent clients."""
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        tokens = [await _login(http, USERS[n % len(USERS)], n) for n in range(CLIENTS)]
        latencies: list[float] = []

        async def client(n: int) -> None:
            for _ in range(REQUESTS_PER_CLIENT):
                if feed:
                    await _pull_all(http, tokens[n], latencies)
                else:
                    await _health(http, latencies)

        await asyncio.gather(*(client(n) for n in range(2)))  # warm up
        latencies.clear()
        started = time.perf_counter()
        await asyncio.gather(*(client(n) for n in range(CLIENTS)))
        elapsed = time.perf_counter() - started
    p99 = statistics.quantiles(latencies, n=100)[98] * 1000
    return len(latencies) / elapsed, p99


def _serve_and_measure(label: str, data: Path, db_url: str | None) -> None:
    build_demo(data, db_url, cheap_hash=True)
    port = _free_port()
    cmd = [sys.executable, "-m", "hanoi_desk", "server", "--data", str(data), "--port", str(port)]
    if db_url:
        cmd += ["--db", db_url]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=dict(os.environ))
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
                raise RuntimeError("the benchmark server did not start")
            time.sleep(0.2)
        # Alternate the two, several rounds, and keep each one's best round: the
        # machine is shared, so a single round mostly measures the neighbours.
        feeds, bases = [], []
        for _ in range(ROUNDS):
            feeds.append(asyncio.run(_run(url, feed=True)))
            bases.append(asyncio.run(_run(url, feed=False)))
        feed_rps, feed_p99 = max(feeds)
        base_rps, base_p99 = max(bases)
        note = (
            f"{label}, {CLIENTS} clients, 1 worker, feed vs /v1/health on the same server, "
            f"best of {ROUNDS} alternating rounds"
        )
        report(f"server.concurrent.{label}.rps", feed_rps, base_rps, "req/s", note)
        report(f"server.concurrent.{label}.p99", feed_p99, base_p99, "ms", note)
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hd-bench-server-") as tmp:
        _serve_and_measure("sqlite", Path(tmp) / "sqlite", None)
        from tests.server.pg import PostgresCluster, available

        if available():
            cluster = PostgresCluster().start()
            try:
                _serve_and_measure("postgresql", Path(tmp) / "pg", cluster.new_database())
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
