"""A full disk while importing: a clear message, and nothing listed or left half-written.

The profile lives on a 4 MiB tmpfs mounted in a private mount namespace
(``unshare``), so the real filesystem answers ENOSPC; nothing is simulated.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from hanoi_desk.samples import make_pdf
from helpers import PASSPHRASE

SCRIPT = """
set -e
mount -t tmpfs -o size=4m tmpfs "$HANOI_DESK_HOME"
hd() {{ printf '%s\\n' "$PASS" | {py} -m hanoi_desk "$@" --passphrase-stdin; }}
hd profile create p
hd cache add --profile p "$SMALL"
echo "== big"
set +e
hd cache add --profile p "$BIG"
echo "== big exit $?"
set -e
hd cache list --profile p
hd cache verify --profile p
echo "== partial: $(ls "$HANOI_DESK_HOME/profiles/p/blobs/partial" | wc -l)"
echo "== blobs: $(find "$HANOI_DESK_HOME/profiles/p/blobs" -type f -path '*/??/*' | wc -l)"
"""


def test_disk_full_during_import(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    small, big = tmp_path / "small.pdf", tmp_path / "big.pdf"
    make_pdf(small, "Tài liệu nhỏ", pages=1)
    make_pdf(big, "Tài liệu lớn", pages=2, filler_kib=6 * 1024)
    unshare = ["unshare", "--mount"]
    if os.geteuid() != 0:
        unshare = ["unshare", "--user", "--map-root-user", "--mount"]
    env = dict(
        os.environ,
        HANOI_DESK_HOME=str(home),
        PASS=PASSPHRASE,
        SMALL=str(small),
        BIG=str(big),
    )
    result = subprocess.run(
        [*unshare, "sh", "-c", SCRIPT.format(py=shlex.quote(sys.executable))],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    out = result.stdout + result.stderr
    if os.geteuid() != 0 and "unshare:" in out:
        # Ubuntu 24.04 blocks unprivileged user namespaces; CI runs as root.
        pytest.skip(f"no private mount namespace for a non-root user here: {out.strip()}")
    assert result.returncode == 0, out
    assert "== big exit 1" in out, out
    assert "The disk is full" in out and "Free some space" in out, out
    assert "Traceback" not in out
    listed = out.split("== big exit 1", 1)[1]
    assert "Tài liệu nhỏ" in listed and "Tài liệu lớn" not in listed
    assert "All 1 documents verified." in out
    assert "== partial: 0" in out
    assert "== blobs: 1" in out
