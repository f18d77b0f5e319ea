"""Nothing readable leaves the profile: a known plaintext marker inside the
imported PDFs must appear nowhere in the profile directory, the temp directory
or the program's output after a whole session of the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pymupdf

from helpers import PASSPHRASE

MARKER = "LEAKCHECK-7f3a9c-HaNoi"


def _marked_pdf(path: Path) -> bytes:
    doc = pymupdf.open()
    for _ in range(3):
        page = doc.new_page()
        page.insert_text((72, 72), MARKER, fontname="helv")
        page.insert_text((72, 100), MARKER + " " + MARKER, fontname="helv")
    doc.set_metadata({"subject": MARKER, "title": "Tài liệu mật"})
    data: bytes = doc.tobytes(deflate=False)  # uncompressed: the marker is in the raw bytes
    path.write_bytes(data)
    return data


def _files_containing(root: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            found += [f"{path}: {n!r}" for n in needles if n in raw]
    return found


def test_no_plaintext_marker_outside_the_cache(tmp_path: Path) -> None:
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    tmp.mkdir()
    pdf = tmp_path / "input" / "mat.pdf"
    pdf.parent.mkdir()
    raw = _marked_pdf(pdf)
    assert MARKER.encode() in raw  # the check below can fail
    env = dict(os.environ, HANOI_DESK_HOME=str(home), TMPDIR=str(tmp), TMP=str(tmp), TEMP=str(tmp))

    def cli(*args: str, stdin: str = PASSPHRASE + "\n") -> subprocess.CompletedProcess[bytes]:
        result = subprocess.run(
            [sys.executable, "-m", "hanoi_desk", "--debug", *args],
            input=stdin.encode(),
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr.decode(errors="replace")
        return result

    cli("profile", "create", "p", "--passphrase-stdin")
    added = cli("cache", "add", "--profile", "p", "--passphrase-stdin", str(pdf))
    doc_id = added.stdout.decode().split("\t")[0]
    searched = cli("cache", "search", "--profile", "p", "--passphrase-stdin", "leakcheck")
    assert doc_id in searched.stdout.decode()  # the text was indexed...
    exported = cli("cache", "cat", "--profile", "p", "--passphrase-stdin", doc_id)
    assert exported.stdout == raw  # ...and the document is really in there
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "hanoi_desk",
            "--debug",
            "cache",
            "list",
            "--profile",
            "p",
            "--passphrase-stdin",
        ],
        input=b"wrong passphrase\n",
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 1

    needles = [
        MARKER.encode(),
        MARKER.encode("utf-16-be"),
        MARKER.lower().encode(),
        PASSPHRASE.encode(),
    ]
    assert _files_containing(home, needles) == []
    assert _files_containing(tmp, needles) == []
    for output in (added.stderr, searched.stderr, exported.stderr, bad.stdout, bad.stderr):
        assert MARKER.encode() not in output and PASSPHRASE.encode() not in output
