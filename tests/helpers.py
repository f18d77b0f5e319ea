"""Helpers shared by the tests (a plain module: ``from helpers import ...``).

Not in conftest.py: several test folders have a conftest of their own, and
``from conftest import`` would pick whichever was imported first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hanoi_desk.app.session import Session

PASSPHRASE = "correct horse battery"
ROOT = Path(__file__).resolve().parents[1]


class FixedPrompt:
    """Answers passphrase questions like a person who knows it."""

    def __init__(self, passphrase: str = PASSPHRASE) -> None:
        self.value = passphrase
        self.asked = 0

    def passphrase(self, profile: str, *, new: bool) -> str:
        self.asked += 1
        return self.value


def run_cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hanoi_desk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=timeout,
        check=False,
    )


# ``hanoi-desk --self-test``: the checks in the order they print, and a reader of its lines.
SELF_TEST_CHECKS = [
    "bundled resources",
    "encrypted profile (vault + SQLCipher)",
    "blob write/read",
    "import and search the sample PDF",
    "render page 1",
    "SoftHSM2 sign + verify",
    "PKCS#11 modules",
    "clean-up",
    "Qt platform plugin",
]


def self_test_lines(stdout: str) -> dict[str, tuple[str, str]]:
    """{check name: (status, rest)} from ``ok   name (detail)`` / ``FAIL name: reason``."""
    out: dict[str, tuple[str, str]] = {}
    for line in stdout.splitlines():
        status, _, rest = line.partition(" ")
        if status not in ("ok", "FAIL", "skip"):
            continue
        rest = rest.strip()
        name = next((n for n in SELF_TEST_CHECKS if rest.startswith(n)), rest)
        out[name] = (status, rest[len(name) :])
    return out


def pyinstaller_command(out: Path) -> list[str]:
    """Build the desktop bundle from build.spec exactly as a release is, into
    ``out/dist/hanoi-desk`` (work files in ``out/work``); run it with ``cwd=out``.
    Shared by the packaging tests and ``benchmarks/bench_bundle.py``."""
    return [
        sys.executable,
        "-m",
        "PyInstaller",
        str(ROOT / "build.spec"),
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(out / "dist"),
        "--workpath",
        str(out / "work"),
    ]


def raw_sql(holder: object) -> Any:
    """The SQLCipher connection of a ``Cache`` or ``Replica``, for a test that
    must look at (or arrange) rows on disk the way no use case would: counting
    what a sync wrote, setting a PRAGMA to provoke a fault, checkpointing WAL.

    The one place the tests reach the private ``Cache._conn``: the product's
    code goes through ``Cache.repos``. Use it on the thread that opened the
    cache (the connection refuses others)."""
    from hanoi_desk.store.cache import Cache

    cache = getattr(holder, "cache", holder)  # a Replica holds its cache
    assert isinstance(cache, Cache), f"raw_sql needs a Cache or a Replica, not {holder!r}"
    return cache._conn


def queue_unsent_work(cache: object) -> None:
    """Work the server has not received, queued through the cache's own enqueue as
    the signing, notes and comment code does: 2 signed documents, a comment, a
    private note and a vote; plus one sent and one rejected action, which a wipe
    does not lose (the server answered them)."""
    from hanoi_desk.store.cache import Cache

    assert isinstance(cache, Cache)
    with cache.transaction() as c:
        for kind in (
            "signature.submit",
            "signature.submit",
            "comment.add",
            "annotation.upsert",
            "vote.cast",
        ):
            Cache.enqueue(c, kind, {"test": kind})
        done = Cache.enqueue(c, "comment.add", {"test": "sent"})
        rejected = Cache.enqueue(c, "comment.add", {"test": "refused"})
        c.execute("UPDATE outbox SET state = 'done' WHERE op_id = ?", (done,))
        c.execute("UPDATE outbox SET state = 'rejected' WHERE op_id = ?", (rejected,))


UNSENT_NAMED = "signed documents: 2, comments: 1, private notes: 1, votes: 1"


def text_pdf(pages: list[list[str]], title: str = "Tờ trình") -> bytes:
    """A PDF whose pages carry exactly the given lines (Noto Sans, Vietnamese)."""
    import pymupdf

    from hanoi_desk.resources import font

    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page(width=595, height=842)
        page.insert_font(fontname="noto", fontfile=str(font()))
        for i, line in enumerate(lines):
            page.insert_text((72, 90 + 20 * i), line, fontname="noto", fontsize=11)
    doc.set_metadata({"title": title})
    data: bytes = doc.tobytes(garbage=3, deflate=True)
    doc.close()
    return data


def add_version(session: Session, document_id: str, data: bytes) -> None:
    """A newer version of a document arriving, written as the sync replica writes it."""
    import uuid

    from hanoi_desk.store.cache import now
    from hanoi_desk.store.pdftext import read_pdf

    cache = session.cache
    facts = read_pdf(data, "v2.pdf")
    sha = cache.blobs.put(data)
    version_id = uuid.uuid4().hex
    with cache.transaction() as c:
        c.execute(
            "INSERT OR IGNORE INTO blobs (sha256, size, added_at) VALUES (?, ?, ?)",
            (sha, len(data), now()),
        )
        (latest,) = c.execute(
            "SELECT MAX(version) FROM document_versions WHERE document_id = ?", (document_id,)
        ).fetchone()
        c.execute(
            "INSERT INTO document_versions (id, document_id, version, sha256, size, pages, "
            "filename, created_at, available) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (
                version_id,
                document_id,
                latest + 1,
                sha,
                len(data),
                len(facts.pages),
                "v2.pdf",
                now(),
            ),
        )


def raw_controls(text: str) -> list[str]:
    """Characters a terminal would act on, other than the line breaks and tabs
    the CLI itself writes between lines and columns."""
    import unicodedata

    unsafe = {"Cc", "Cf", "Zl", "Zp", "Cs"}
    return [c for c in text if c not in "\n\t" and unicodedata.category(c) in unsafe]


# A document's two versions whose pages move and change: where notes are re-anchored.
NOTE_PAGES_V1 = [
    ["Phần mở đầu của tờ trình."],
    ["Điều khoản này sẽ bị xóa ở bản sau."],
    ["Kinh phí dự kiến là 125 tỷ đồng."],
]
NOTE_PAGES_V2 = [
    ["Phần mở đầu đã sửa."],
    ["Bổ sung căn cứ pháp lý."],
    ["Ý kiến của các sở ngành."],
    ["Tổng hợp số liệu."],
    ["Kinh phí dự kiến là 125 tỷ đồng."],
]
