"""Sync benchmarks: ``sync.download``, ``sync.resume``, ``sync.pull10k``.

* ``sync.download`` — throughput of our engine fetching one large blob from the
  real reference server (a child process on loopback) into the encrypted blob
  store (Range request, every check, AES-GCM chunks, SHA-256, fsync at commit),
  against a plain streaming ``httpx`` GET of the same blob from the same server
  that only discards the bytes. Goal: ratio >= 0.9.
* ``sync.resume`` — body bytes sent again per dropped connection, through the
  fault proxy of the tests, when every drop also ends the client process (the
  resume starts from the encrypted partial blob, at a chunk boundary); the
  baseline is a client that starts the GET again from byte 0 after a drop.
* ``sync.pull10k`` — applying 10,000 change records (10 pages of 1,000, each
  page and its cursor in one SQLCipher transaction, every record checked),
  against inserting the same rows with no checks into plain (unencrypted)
  stdlib sqlite3, also in 10 transactions.
"""

from __future__ import annotations

import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import httpx

from common import best_of, report

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "sync")]

from sync_proxy import Fault, FaultProxy  # noqa: E402
from tests.server.live import running_server_process  # noqa: E402

from hanoi_desk.app.session import Desk  # noqa: E402
from hanoi_desk.app.wiring import default_vault  # noqa: E402
from hanoi_desk.protocol import Change  # noqa: E402
from hanoi_desk.server.app import ServerConfig, open_server  # noqa: E402
from hanoi_desk.server.demo import DEMO_PASSWORD, build_demo  # noqa: E402
from hanoi_desk.server.packs import import_pack  # noqa: E402
from hanoi_desk.store.keys import Argon2Params  # noqa: E402
from hanoi_desk.store.replica import Replica  # noqa: E402
from hanoi_desk.store.unlockers import PassphraseUnlocker  # noqa: E402
from hanoi_desk.sync.backoff import Backoff, CancelToken  # noqa: E402
from hanoi_desk.sync.events import ignore  # noqa: E402
from hanoi_desk.sync.http import Connection  # noqa: E402
from hanoi_desk.sync.transfer import TransferStats, download  # noqa: E402

BIG = 48 * 1024 * 1024
RESUME_BLOB = 8 * 1024 * 1024
RESUME_CHUNK = 1024 * 1024
DROPS = 12

PACK_TOML = """\
[meeting]
id = "bench-big"
title = "Họp bench"
starts_at = "2027-06-01T08:00:00+07:00"
status = "scheduled"

[[participants]]
username = "demo"
role = "delegate"

[[agenda]]
id = "bench-big.1"
title = "Tài liệu lớn"
documents = [
  { id = "big", title = "Tài liệu lớn", file = "big.pdf" },
  { id = "mid", title = "Tài liệu vừa", file = "mid.pdf" },
]
"""


class _Prompt:
    def passphrase(self, profile: str, *, new: bool) -> str:
        return "bench passphrase"


def _server_data(root: Path) -> dict[str, tuple[str, int]]:
    build_demo(root / "data", cheap_hash=True, packs_dir=root / "packs")
    pack = root / "bench-pack"
    pack.mkdir()
    (pack / "meeting.toml").write_text(PACK_TOML, "utf-8")
    (pack / "big.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(BIG - 9))
    (pack / "mid.pdf").write_bytes(b"%PDF-1.4\n" + os.urandom(RESUME_BLOB - 9))
    server = open_server(ServerConfig(root / "data"))
    try:
        import_pack(server.db, server.blobs, pack)
    finally:
        server.db.dispose()
    import hashlib

    return {
        name: (hashlib.sha256((pack / f"{name}.pdf").read_bytes()).hexdigest(), size)
        for name, size in (("big", BIG), ("mid", RESUME_BLOB))
    }


def _replica(root: Path, name: str, chunk: int | None = None) -> Replica:
    PassphraseUnlocker.__init__ = (  # type: ignore[method-assign]
        lambda self, params=None: setattr(self, "params", Argon2Params(8 * 1024, 1, 1))
    )
    desk = Desk(default_vault(root / "home"))
    desk.create(name, _Prompt())
    session = desk.open(name, _Prompt(), "passphrase")
    if chunk is not None:
        from hanoi_desk.store.blobs import BlobStore

        b = session.cache.blobs
        session.cache.blobs = BlobStore(b.root, b.blob_key, chunk_size=chunk)
    return Replica(session.cache)


def _forget(replica: Replica, sha: str) -> None:
    replica.blobs.remove(sha)


def bench_download(url: str, blobs: dict[str, tuple[str, int]], root: Path) -> None:
    sha, size = blobs["big"]
    replica = _replica(root, "dl")
    conn = Connection(url, replica, username="demo", password=lambda: DEMO_PASSWORD)
    token = conn.ensure_account().access_token

    def ours() -> None:
        _forget(replica, sha)
        sink = replica.blob_sink(sha, size)
        download(conn, sha, size, sink, backoff=Backoff(), cancel=CancelToken(), listener=ignore)

    plain = httpx.Client(base_url=url, trust_env=False, timeout=60)

    def baseline() -> None:
        got = 0
        headers = {"Authorization": f"Bearer {token}", "Hanoi-Protocol": "1"}
        with plain.stream("GET", f"/v1/blobs/{sha}", headers=headers) as r:
            r.raise_for_status()
            for block in r.iter_raw():
                got += len(block)
        assert got == size

    t_base = best_of(baseline, 3)
    t_ours = best_of(ours, 3)
    mib = size / (1024 * 1024)
    report("sync.download", mib / t_ours, mib / t_base, "MiB/s",
           f"{mib:.0f} MiB blob; ours into the encrypted store with hash check")  # fmt: skip
    conn.close()
    plain.close()


def bench_resume(url: str, blobs: dict[str, tuple[str, int]], root: Path) -> None:
    sha, size = blobs["mid"]
    replica = _replica(root, "resume", chunk=RESUME_CHUNK)
    direct = Connection(url, replica, username="demo", password=lambda: DEMO_PASSWORD)
    account = direct.ensure_account()
    token = account.access_token
    port = int(url.rsplit(":", 1)[1])
    rng = random.Random(3)
    # Ours: each of the first DROPS connections is cut at a random offset; after
    # each drop the client "restarts" (a new sink resumes from the partial on disk).
    plan_ours = [rng.randint(RESUME_CHUNK // 4, 3 * RESUME_CHUNK // 2) for _ in range(DROPS)]
    with FaultProxy(port, lambda n: Fault(down_after=plan_ours[n] if n < DROPS else None)) as px:
        conn = Connection(px.url, replica, username="demo", password=lambda: DEMO_PASSWORD)
        conn._account = account
        _forget(replica, sha)
        while True:
            sink = replica.blob_sink(sha, size)
            try:
                download(conn, sha, size, sink, backoff=Backoff(attempts=0),
                         cancel=CancelToken(), listener=ignore, stats=TransferStats())  # fmt: skip
                break
            except Exception:
                continue
        conn.close()
        ours_resent = (px.stats.body_bytes(206) - size) / max(1, px.stats.cuts)
        ours_cuts = px.stats.cuts
    # Baseline: a plain client that starts over from byte 0 after each drop.
    rng = random.Random(3)
    plan_base = [rng.randint(RESUME_CHUNK // 4, 3 * RESUME_CHUNK // 2) for _ in range(DROPS)]
    with FaultProxy(port, lambda n: Fault(down_after=plan_base[n] if n < DROPS else None)) as px:
        client = httpx.Client(base_url=px.url, trust_env=False, timeout=60)
        headers = {"Authorization": f"Bearer {token}", "Hanoi-Protocol": "1"}
        while True:
            try:
                with client.stream("GET", f"/v1/blobs/{sha}", headers=headers) as r:
                    got = sum(len(b) for b in r.iter_raw())
                if got == size:
                    break
            except httpx.HTTPError:
                continue
        client.close()
        base_resent = (px.stats.body_bytes(200) + px.stats.body_bytes(206) - size) / max(
            1, px.stats.cuts
        )
    note = f"{ours_cuts} drops, {RESUME_BLOB >> 20} MiB blob, 1 MiB chunks, restart per drop"
    report("sync.resume", ours_resent / 1024, base_resent / 1024, "KiB/drop", note)
    direct.close()


def _records(n: int) -> list[Change]:
    out: list[Change] = []
    meetings = n // 100
    for m in range(meetings):
        mid = f"m{m}"
        out.append(Change("meeting", mid, {
            "title": f"Kỳ họp {m}", "starts_at": "2027-05-12T08:00:00+07:00", "ends_at": None,
            "place": "Hội trường", "chair": "Trần Thị Bình", "status": "scheduled"}))  # fmt: skip
        for i in range(9):
            item = {"meeting_id": mid, "position": i, "title": f"Mục {i}", "presenter": ""}
            out.append(Change("agenda_item", f"{mid}.{i}", item))
        for i in range(90):
            sha = f"{m:08x}{i:056x}"
            out.append(Change("document_version", f"{mid}-v{i}", {
                "document_id": f"{mid}-d{i}", "meeting_id": mid,
                "agenda_item_id": f"{mid}.{i % 9}", "title": f"Tài liệu {i}", "version": 1,
                "sha256": sha, "size": 1000 + i, "filename": f"tai-lieu-{i}.pdf",
                "superseded_by": None}))  # fmt: skip
    return out[:n]


def bench_pull(root: Path) -> None:
    records = _records(10_000)
    pages = [records[i : i + 1000] for i in range(0, len(records), 1000)]
    fresh = iter([_replica(root, f"pull{n}") for n in range(3)])  # made before timing

    def ours() -> None:
        replica = next(fresh)
        for i, page in enumerate(pages):
            replica.apply_page("https://bench", page, f"c{i}")
        replica.cache.close()

    def baseline() -> None:
        path = root / f"plain-{time.perf_counter_ns()}.db"
        db = sqlite3.connect(path, isolation_level=None)
        db.executescript(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
            "CREATE TABLE r (type TEXT, id TEXT PRIMARY KEY, data TEXT);"
            "CREATE TABLE c (k TEXT PRIMARY KEY, v TEXT);"
        )
        import json

        for i, page in enumerate(pages):
            db.execute("BEGIN")
            db.executemany(
                "INSERT OR REPLACE INTO r VALUES (?, ?, ?)",
                [(c.type, c.id, json.dumps(dict(c.data))) for c in page],
            )
            db.execute("INSERT OR REPLACE INTO c VALUES ('cursor', ?)", (f"c{i}",))
            db.execute("COMMIT")
        db.close()

    t_base = best_of(baseline, 3)
    t_ours = best_of(ours, 3)
    report("sync.pull10k", t_ours * 1000, t_base * 1000, "ms",
           "10 pages of 1,000; ours: SQLCipher, checked records, upserts")  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hd-bench-sync-") as tmp:
        root = Path(tmp)
        blobs = _server_data(root / "srv")
        with running_server_process(root / "srv" / "data", demo=False) as (url, _proc):
            bench_download(url, blobs, root)
            bench_resume(url, blobs, root)
        bench_pull(root)


if __name__ == "__main__":
    main()
