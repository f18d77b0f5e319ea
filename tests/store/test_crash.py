"""SIGKILL at random moments during `hanoi-desk cache add` of large files.

Each trial runs the real CLI in a subprocess and kills it after a random
delay drawn over the span of a full import. Afterwards the profile must open,
every listed document must read back verified, and no half-written blob may
be listed.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hanoi_desk.app.session import Desk
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.keys import Argon2Params
from hanoi_desk.store.unlockers import PassphraseUnlocker
from hanoi_desk.store.vault import Vault
from helpers import PASSPHRASE, FixedPrompt, raw_sql

TRIALS = 50


def _add(home: Path, files: list[Path]) -> subprocess.Popen[bytes]:
    env = dict(os.environ, HANOI_DESK_HOME=str(home))
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hanoi_desk",
            "cache",
            "add",
            "--profile",
            "p",
            "--passphrase-stdin",
            *map(str, files),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    assert proc.stdin is not None
    proc.stdin.write((PASSPHRASE + "\n").encode())
    proc.stdin.close()
    return proc


@pytest.mark.slow
def test_sigkill_during_import_never_lists_half_a_document(tmp_path: Path) -> None:
    home = tmp_path / "home"
    # Cheap Argon2 (stored in the profile, so the subprocesses use it too): the
    # trials are about crashes, and 100 unlocks at full cost would dominate.
    desk = Desk(Vault(home, {"passphrase": PassphraseUnlocker(Argon2Params(8 * 1024, 1, 1))}))
    desk.create("p", FixedPrompt())
    files = []
    for i in range(2):
        path = tmp_path / f"large-{i}.pdf"
        make_pdf(path, f"Hồ sơ lớn số {i}", pages=4, filler_kib=4 * 1024 + i * 700)
        files.append(path)
    originals = {p.read_bytes() for p in files}

    started = time.monotonic()
    full = _add(home, files)
    assert full.wait(timeout=120) == 0
    span = time.monotonic() - started

    rng = random.Random(20261122)
    partial_dir = home / "profiles" / "p" / "blobs" / "partial"
    outcomes = {"killed": 0, "killed_mid_write": 0, "finished": 0}
    for trial in range(TRIALS):
        proc = _add(home, files)
        if trial % 2 == 0:
            # Anywhere in the run: start-up, unlock, parsing, writing, committing.
            time.sleep(rng.uniform(0.05, span * 1.1))
        else:
            # Aimed at the dangerous part: while a blob is being written, committed
            # and listed (a uniform delay hits that short window only rarely).
            deadline = time.monotonic() + span * 2
            while not list(partial_dir.glob("import-*.part")) and time.monotonic() < deadline:
                if proc.poll() is not None:
                    break
                time.sleep(0.001)
            time.sleep(rng.uniform(0.0, 0.1))
        if proc.poll() is None:
            writing = bool(list(partial_dir.glob("import-*.part")))
            proc.send_signal(signal.SIGKILL)
            outcomes["killed"] += 1
            outcomes["killed_mid_write"] += writing
        else:
            outcomes["finished"] += 1
        proc.wait(timeout=60)

        with desk.open("p", FixedPrompt(), "passphrase") as session:
            docs = session.documents()
            listed = {d.sha256 for d in docs}
            assert listed <= session.cache.blobs.stored()
            for doc in docs:
                assert session.cache.read_document(doc) in originals
            assert session.cache.verify_all() == []
            # Nothing in partial/ survives the next open (abandoned imports are dropped).
            assert not list(session.cache.blobs.partial_dir.glob("import-*"))
            fts = raw_sql(session.cache).execute("SELECT COUNT(*) FROM page_fts").fetchone()[0]
            pages = raw_sql(session.cache).execute("SELECT COUNT(*) FROM page_text").fetchone()[0]
            assert fts == pages == sum(d.pages or 0 for d in docs)
    assert outcomes["killed"] >= TRIALS // 2, outcomes
    assert outcomes["killed_mid_write"] >= TRIALS // 10, outcomes
