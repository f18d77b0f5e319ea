"""Nothing readable leaves the profile: a known plaintext marker inside the
imported PDFs must appear nowhere in the profile directory, the temp directory
or the program's output after a whole session of the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

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


# -- after a lock: the keys are gone from the process, and the process is closed to others --

_CHILD = """
import gc, sys
from hanoi_desk.cli.main import main
from hanoi_desk.cli.process import is_dumpable

for args in (["cache", "verify"], ["cache", "search", "leakcheck"]):
    code = main([*args, "--profile", "p", "--passphrase-stdin"])
    assert code == 0, code
gc.collect()
print("dumpable", is_dumpable(), flush=True)
print("locked", flush=True)
sys.stdin.readline()
"""

# Another program of the same OS account. Everything runs as root here, so the
# app, the reader and the ordinary process all start without CAP_SYS_PTRACE (the
# power that lets root read any process): then they are ordinary processes of one
# account with the same privileges, and the kernel lets the reader read a
# dumpable process only.
_READER = """
import sys
pid = int(sys.argv[1])
with open(f"/proc/{pid}/maps") as maps:
    start = int(next(l for l in maps if " r" in l).split("-")[0], 16)
try:
    with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        mem.seek(start)
        mem.read(64)
except PermissionError:
    print("refused")
else:
    print("read")
"""


def _drop_ptrace_capability() -> None:
    """Runs after fork: PR_CAPBSET_DROP(CAP_SYS_PTRACE), so the program executed
    next never has that capability."""
    import ctypes

    assert ctypes.CDLL(None).prctl(24, 19, 0, 0, 0) == 0


def _same_account_reader(pid: int) -> str:
    out = subprocess.run(
        [sys.executable, "-c", _READER, str(pid)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        preexec_fn=_drop_ptrace_capability,
    )
    return out.stdout.strip()


def _memory_hits(pid: int, needles: dict[str, bytes]) -> dict[str, int]:
    """How often each needle occurs in the readable memory of ``pid`` (root reads it)."""
    hits = dict.fromkeys(needles, 0)
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for line in maps:
            fields = line.split()
            if "r" not in fields[1] or fields[-1] in ("[vvar]", "[vvar_vclock]", "[vsyscall]"):
                continue
            low, high = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(low)
                data = mem.read(high - low)
            except OSError:
                continue  # a mapping with no backing pages (guard pages)
            for name, needle in needles.items():
                hits[name] += data.count(needle)
    return hits


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="reads another process's memory through /proc: Linux, as root (the test container)",
)
def test_after_a_lock_no_key_is_left_in_memory_and_no_same_user_process_can_read_it(
    home: Path, fast_kdf: None, tmp_path: Path
) -> None:
    from hanoi_desk.app.session import Desk
    from hanoi_desk.app.wiring import default_vault
    from hanoi_desk.store.blobs import _read_header, _slot_aad
    from hanoi_desk.store.keys import open_sealed
    from helpers import FixedPrompt

    pdf = tmp_path / "mat.pdf"
    _marked_pdf(pdf)
    desk = Desk(default_vault(home))
    desk.create("p", FixedPrompt())
    with desk.open("p", FixedPrompt()) as session:
        [imported] = session.import_pdfs([pdf])
        assert imported.document is not None
        keys = {"master": bytes(session.profile.master)}
        keys |= {name: bytes(key) for name, key in vars(session.profile.keys).items()}
        sha = imported.document.sha256
        with open(session.cache.blobs.path_for(sha), "rb") as f:
            header = _read_header(f, sha)
        blob_key = open_sealed(
            session.cache.blobs.blob_key,
            header.slot_nonce,
            header.slot_wrapped,
            _slot_aad(header.fixed, "final:" + sha),
        )
        assert blob_key is not None
        keys["document key"] = bytes(blob_key)
    needles = {}
    for name, key in keys.items():
        # The second half: a freed block's first bytes are reused for the allocator's
        # own pointers, and a half-erased key must still be found.
        half = key[len(key) // 2 :]
        needles[name] = half
        needles[name + " (hex)"] = half.hex().encode()
        needles[name + " (HEX)"] = half.hex().upper().encode()
    control = "control-" + os.urandom(8).hex()  # on the child's command line: must be found

    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, control],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ, HANOI_DESK_HOME=str(home)),
        preexec_fn=_drop_ptrace_capability,  # noqa: PLW1509 - the test runs no thread
    )
    other = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.readline()"],
        stdin=subprocess.PIPE,
        preexec_fn=_drop_ptrace_capability,  # noqa: PLW1509 - the test runs no thread
    )
    try:
        assert child.stdin is not None and child.stdout is not None
        child.stdin.write(f"{PASSPHRASE}\n{PASSPHRASE}\n")
        child.stdin.flush()
        lines = []
        while not lines or lines[-1] != "locked":
            line = child.stdout.readline()
            assert line, f"the child ended: {lines}"
            lines.append(line.strip())
        assert "dumpable False" in lines  # PR_GET_DUMPABLE answers 0
        hits = _memory_hits(child.pid, {**needles, "control": control.encode()})
        assert hits.pop("control") > 0  # the scan really reads the child's memory
        assert {name: n for name, n in hits.items() if n} == {}
        # The same reader is refused by the locked app and reads an ordinary process.
        assert _same_account_reader(child.pid) == "refused"
        assert _same_account_reader(other.pid) == "read"
    finally:
        for proc in (child, other):
            assert proc.stdin is not None
            proc.stdin.close()
            proc.wait(30)
        assert child.stdout is not None
        child.stdout.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_DUMPABLE is Linux's")
def test_the_desktop_app_process_is_undumpable_too(home: Path) -> None:
    """``hanoi-desk`` without a command is the desktop app: the same start-up."""
    script = (
        "from hanoi_desk.cli.main import main\n"
        "from hanoi_desk.cli.process import is_dumpable\n"
        "code = main([])\n"
        "print('dumpable', is_dumpable(), 'exit', code, flush=True)\n"
    )
    env = dict(os.environ, HANOI_DESK_STARTUP_PROBE="1", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert "first-window" in out.stdout, out.stderr  # the window really came up
    assert "dumpable False exit 0" in out.stdout, out.stderr
