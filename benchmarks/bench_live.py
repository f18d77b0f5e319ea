"""``bench live``: the live meeting's stream and commands under a full council.

One server process (``hanoi-desk server``, one worker, heartbeat every second)
on a meeting of 500 delegates, driven by an asyncio + httpx load generator in
this process. Both figures are p99 latencies on loopback, each beside a
baseline measured in the same run by the same clients:

- ``live.fanout``: 500 SSE subscribers of the meeting; an event is appended
  (a check-in) and every subscriber's delivery latency is taken from the
  event's ``at`` (the server's clock, set when the command is decided) to
  its arrival here, over several events. Baseline: the same subscribers'
  heartbeats over the same minutes, from their ``now`` to their arrival
  (what the stream costs with no database read and no command). Goal: the
  event's p99 at most 500 ms.
- ``live.checkin_burst``: the 500 delegates each check in once, their sends
  spread evenly over 10 s; p99 from send to acknowledgement. Baseline: the
  same schedule of the same clients against ``/v1/health`` (no token, no
  database), so the figure shows whether the load generator is the limit.
- ``live.vote_burst``: the chair opens a named vote and the 500 delegates
  cast signed ballots (detached CMS, EC P-256, signed beforehand by this load
  generator with software keys whose certificates are registered as the
  members', so the figure is the server's), spread evenly over 10 s; p99 from
  send to receipt. Baseline: the same schedule against ``/v1/health`` right
  before. Goal: p99 <= 200 ms.
- ``live.vote_tally``: the chair starts the closing with no grace period;
  the time from the end of the period to the ``poll.closed`` event (tally,
  Merkle roots, signed), both on the authority's clock. Baseline: the closing
  command's own send->ack. Goal: <= 1 s.

SQLite, and PostgreSQL when its binaries are here. Both machines' clocks are
this machine's clock.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from common import report

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.server.ballots import cms_sign, make_signer  # noqa: E402

from hanoi_desk.domain.live.ballots import NamedBallot  # noqa: E402
from hanoi_desk.samples import make_pdf  # noqa: E402
from hanoi_desk.server.admin import CERT_ADMIN, add_user, store_certificate  # noqa: E402
from hanoi_desk.server.app import ServerConfig, open_server  # noqa: E402
from hanoi_desk.server.packs import import_pack  # noqa: E402

DELEGATES = 500
EVENTS = 6
"""Events fanned out to every subscriber (one every 1.5 s)."""
BURST_SECONDS = 10.0
PASSWORD = "bench-live-2027"
"""Of a throwaway benchmark server on loopback."""
MEETING = "bench-live"
HEADERS = {"Hanoi-Protocol": "1"}


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _now_ms() -> float:
    return time.time() * 1000


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def _build(data: Path, db_url: str | None) -> dict[str, Any]:
    """500 delegates and a chair in one meeting (one pack import: its feed is written
    once), each delegate's signing certificate registered; returns the signers."""
    server = open_server(ServerConfig(data, db_url))
    try:
        names = [f"db{n:03d}" for n in range(DELEGATES)]
        ids = {name: add_user(server.db, name, PASSWORD, cheap_hash=True)
               for name in ["chutoa", *names]}  # fmt: skip
        signers = {name: make_signer(name) for name in names}
        with server.db.write() as session:
            for name, signer in signers.items():
                store_certificate(session, ids[name], signer.cert_der, CERT_ADMIN)
        pack = data / "pack"
        pack.mkdir()
        make_pdf(pack / "to-trinh.pdf", "TỜ TRÌNH", pages=1)
        people = "".join(
            f'[[participants]]\nusername = "{n}"\nrole = "delegate"\n\n' for n in names
        )
        (pack / "meeting.toml").write_text(
            f'[meeting]\nid = "{MEETING}"\ntitle = "Kỳ họp chuyên đề"\n'
            'starts_at = "2027-06-01T08:00:00+07:00"\n\n'
            '[[participants]]\nusername = "chutoa"\nrole = "chair"\n\n'
            f"{people}"
            '[[agenda]]\nid = "to-trinh"\ntitle = "Tờ trình"\n'
            'documents = [{ file = "to-trinh.pdf" }]\n',
            "utf-8",
        )
        import_pack(server.db, server.blobs, pack)
    finally:
        server.db.dispose()
    return {"ids": ids, "signers": signers}


async def _login(http: httpx.AsyncClient, name: str) -> str:
    body = {"username": name, "password": PASSWORD, "device_id": f"bench-{name}",
            "device_name": "bench"}  # fmt: skip
    r = await http.post("/v1/auth/login", json=body, headers=HEADERS)
    r.raise_for_status()
    return str(r.json()["access_token"])


async def _logins(url: str) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=url, timeout=120) as http:
        gate = asyncio.Semaphore(16)

        async def one(name: str) -> tuple[str, str]:
            async with gate:
                return name, await _login(http, name)

        names = ["chutoa", *(f"db{n:03d}" for n in range(DELEGATES))]
        return dict(await asyncio.gather(*(one(n) for n in names)))


def _auth(token: str) -> dict[str, str]:
    return {**HEADERS, "Authorization": f"Bearer {token}"}


@dataclass
class Tally:
    """What the subscribers saw: delivery and heartbeat latencies (ms)."""

    ready: asyncio.Event = field(default_factory=asyncio.Event)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    connected: int = 0
    events: list[float] = field(default_factory=list)
    beats: list[float] = field(default_factory=list)


async def _subscriber(http: httpx.AsyncClient, token: str, after: int, tally: Tally) -> None:
    headers = {**_auth(token), "Last-Event-ID": str(after)}
    async with http.stream("GET", f"/v1/meetings/{MEETING}/live", headers=headers) as r:
        r.raise_for_status()
        kind, first = "", True
        async for line in r.aiter_lines():
            if line.startswith("event: "):
                kind = line[7:]
            elif line.startswith("data: "):
                arrived = _now_ms()
                body = json.loads(line[6:])
                if kind == "heartbeat" and first:
                    first = False  # connected and caught up
                    tally.connected += 1
                    if tally.connected == DELEGATES:
                        tally.ready.set()
                elif kind == "heartbeat":
                    tally.beats.append(arrived - body["now"])
                elif kind == "live":
                    tally.events.append(arrived - body["at"])
            if tally.stop.is_set():
                return


async def _fanout(url: str, tokens: dict[str, str]) -> tuple[float, float, int, int]:
    limits = httpx.Limits(max_connections=DELEGATES + 20, max_keepalive_connections=20)
    timeout = httpx.Timeout(60, pool=120)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as http:
        chair = _auth(tokens["chutoa"])
        r = await http.get(f"/v1/meetings/{MEETING}/live/events", headers=chair)
        head = int(r.json()["head"]["seq"])
        tally = Tally()
        names = [f"db{n:03d}" for n in range(DELEGATES)]
        subs = [asyncio.create_task(_subscriber(http, tokens[n], head, tally)) for n in names]
        await asyncio.wait_for(tally.ready.wait(), 120)
        tally.beats.clear()
        for n in range(EVENTS):
            await asyncio.sleep(1.5)
            state = "present" if n % 2 == 0 else "left"
            body = {"op_id": uuid.uuid4().hex, "kind": "attendance.checkin",
                    "args": {"state": state}}  # fmt: skip
            r = await http.post(f"/v1/meetings/{MEETING}/live/commands", json=body,
                                headers=_auth(tokens["chutoa"]))  # fmt: skip
            r.raise_for_status()
        await asyncio.sleep(2.0)
        tally.stop.set()
        for task in subs:
            task.cancel()
        await asyncio.gather(*subs, return_exceptions=True)
    return _p99(tally.events), _p99(tally.beats), len(tally.events), len(tally.beats)


async def _burst(url: str, tokens: dict[str, str], health: bool) -> float:
    """p99 ms from send to answer, 500 sends spread evenly over BURST_SECONDS."""
    limits = httpx.Limits(max_connections=DELEGATES, max_keepalive_connections=DELEGATES)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        latencies: list[float] = []
        loop = asyncio.get_running_loop()
        start = loop.time() + 0.5

        async def one(n: int, name: str) -> None:
            await asyncio.sleep(max(0.0, start + n * BURST_SECONDS / DELEGATES - loop.time()))
            sent = time.perf_counter()
            if health:
                r = await http.get("/v1/health", headers=HEADERS)
            else:
                body = {"op_id": uuid.uuid4().hex, "kind": "attendance.checkin",
                        "args": {"state": "present"}}  # fmt: skip
                r = await http.post(f"/v1/meetings/{MEETING}/live/commands", json=body,
                                    headers=_auth(tokens[name]))  # fmt: skip
            latencies.append((time.perf_counter() - sent) * 1000)
            r.raise_for_status()
            if not health:
                assert r.json()["status"] == "applied", r.text

        names = [f"db{n:03d}" for n in range(DELEGATES)]
        await asyncio.gather(*(one(n, name) for n, name in enumerate(names)))
    return _p99(latencies)


async def _post(http: httpx.AsyncClient, token: str, path: str, body: Any) -> dict[str, Any]:
    r = await http.post(f"/v1/meetings/{MEETING}/live/{path}", json=body, headers=_auth(token))
    r.raise_for_status()
    answer: dict[str, Any] = r.json()
    return answer


async def _vote_burst(
    url: str, tokens: dict[str, str], built: dict[str, Any]
) -> tuple[float, float, float, int]:
    """(p99 ms send->receipt, ms from the end of the closing period to the close
    event, ms of the closing command's send->ack, ballots counted)."""
    from hanoi_desk.server.packs import agenda_item_id

    limits = httpx.Limits(max_connections=DELEGATES, max_keepalive_connections=DELEGATES)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        chair = tokens["chutoa"]
        poll = uuid.uuid4().hex
        item = agenda_item_id(MEETING, 1, "to-trinh")
        for kind, args in (("poll.create", {"poll": poll, "item": item, "title": "Nghị quyết",
                                            "kind": "named"}),
                           ("poll.open", {"poll": poll, "round": 1})):  # fmt: skip
            body = {"op_id": uuid.uuid4().hex, "kind": kind, "args": args}
            answer = await _post(http, chair, "commands", body)
            assert answer["status"] == "applied", answer
        r = await http.get(f"/v1/meetings/{MEETING}/live/events", headers=_auth(chair),
                           params={"after": answer["seqs"][0] - 1, "limit": 1})  # fmt: skip
        anchor = r.json()["events"][0]["hash"]
        names = [f"db{n:03d}" for n in range(DELEGATES)]
        bodies = {}
        for n, name in enumerate(names):  # signed before the clock starts
            ballot = NamedBallot(
                MEETING,
                poll,
                1,
                anchor,
                uuid.uuid4().hex,
                built["ids"][name],
                n % 3,
                "Ý kiến" if n % 3 == 2 else "",
            )
            bodies[name] = {
                "kind": "named",
                "ballot": ballot.fields(),
                "signature": cms_sign(built["signers"][name], ballot.signed_bytes()),
            }
        latencies: list[float] = []
        counted = 0
        loop = asyncio.get_running_loop()
        start = loop.time() + 0.5

        async def one(n: int, name: str) -> None:
            nonlocal counted
            await asyncio.sleep(max(0.0, start + n * BURST_SECONDS / DELEGATES - loop.time()))
            sent = time.perf_counter()
            receipt = await _post(http, tokens[name], "ballots", bodies[name])
            latencies.append((time.perf_counter() - sent) * 1000)
            counted += receipt["status"] == "counted"

        await asyncio.gather(*(one(n, name) for n, name in enumerate(names)))
        sent = time.perf_counter()
        body = {"op_id": uuid.uuid4().hex, "kind": "poll.closing",
                "args": {"poll": poll, "round": 1, "grace_ms": 0}}  # fmt: skip
        closing = await _post(http, chair, "commands", body)
        ack = (time.perf_counter() - sent) * 1000
        after = closing["seqs"][0] - 1
        while True:
            r = await http.get(f"/v1/meetings/{MEETING}/live/events", headers=_auth(chair),
                               params={"after": after})  # fmt: skip
            events = r.json()["events"]
            closed = [e for e in events if e["kind"] == "poll.closed"]
            if closed:
                until = next(e for e in events if e["kind"] == "poll.closing")["data"]["until"]
                assert closed[0]["data"]["cast"] == counted
                return _p99(latencies), float(closed[0]["at"] - until), ack, counted
            await asyncio.sleep(0.02)


def _serve_and_measure(label: str, data: Path, db_url: str | None) -> None:
    built = _build(data, db_url)
    port = _free_port()
    cmd = [sys.executable, "-m", "hanoi_desk", "server", "--data", str(data), "--port", str(port),
           "--live-heartbeat", "1"]  # fmt: skip
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
        tokens = asyncio.run(_logins(url))
        event_p99, beat_p99, n_events, n_beats = asyncio.run(_fanout(url, tokens))
        note = (f"{label}, {DELEGATES} SSE subscribers of one process, p99 of {n_events} "
                f"deliveries vs {n_beats} heartbeats (same subscribers, same minutes); "
                "goal <= 500 ms")  # fmt: skip
        report(f"live.fanout.{label}", event_p99, beat_p99, "ms", note)
        base = asyncio.run(_burst(url, tokens, health=True))
        ours = asyncio.run(_burst(url, tokens, health=False))
        note = (f"{label}, {DELEGATES} delegates check in over {BURST_SECONDS:.0f} s, p99 "
                "send->ack vs the same schedule against /v1/health")  # fmt: skip
        report(f"live.checkin_burst.{label}", ours, base, "ms", note)
        base = asyncio.run(_burst(url, tokens, health=True))
        vote_p99, tally_ms, closing_ack, counted = asyncio.run(_vote_burst(url, tokens, built))
        note = (f"{label}, {counted} signed ballots over {BURST_SECONDS:.0f} s, p99 send->"
                "receipt vs the same schedule against /v1/health; goal <= 200 ms")  # fmt: skip
        report(f"live.vote_burst.{label}", vote_p99, base, "ms", note)
        note = (f"{label}, end of the closing period -> poll.closed (count, Merkle roots, "
                f"Ed25519) of {counted} ballots, authority clock, vs the closing command's "
                "send->ack; goal <= 1000 ms")  # fmt: skip
        report(f"live.vote_tally.{label}", tally_ms, closing_ack, "ms", note)
    finally:
        proc.terminate()
        proc.wait(30)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hd-bench-live-") as tmp:
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
