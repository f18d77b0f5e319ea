"""The command line as scripts use it: exit codes, one-line errors, --debug."""

from __future__ import annotations

from pathlib import Path

from hanoi_desk.app.samples import make_pdf
from helpers import PASSPHRASE, run_cli


def test_usage_error_exits_2(home: Path) -> None:
    result = run_cli("cache", "frobnicate")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_profile_and_cache_walk_through(home: Path, tmp_path: Path) -> None:
    created = run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert created.returncode == 0, created.stderr
    listed = run_cli("profile", "list")
    assert listed.stdout.startswith("alice\t")
    pdf = tmp_path / "to-trinh.pdf"
    make_pdf(pdf, "Tờ trình về quy hoạch Hà Nội", pages=3)
    added = run_cli(
        "cache",
        "add",
        "--profile",
        "alice",
        "--passphrase-stdin",
        str(pdf),
        stdin=PASSPHRASE + "\n",
    )
    assert added.returncode == 0, added.stderr
    doc_id, title, pages = added.stdout.strip().split("\t")
    assert title == "Tờ trình về quy hoạch Hà Nội" and pages == "3 pages"
    # One profile: --profile may be omitted.
    found = run_cli(
        "cache", "search", "--passphrase-stdin", "quy hoach ha noi", stdin=PASSPHRASE + "\n"
    )
    assert found.returncode == 0
    assert found.stdout.count(doc_id) == 3
    assert "[quy hoạch Hà Nội]" in found.stdout
    verified = run_cli("cache", "verify", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert verified.returncode == 0 and "1 documents" in verified.stdout


def test_errors_are_one_line_without_traceback(home: Path) -> None:
    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    wrong = run_cli("cache", "list", "--passphrase-stdin", stdin="nope nope nope\n")
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines() == [
        "hanoi-desk: Wrong passphrase for profile “alice”. Nothing was changed."
    ]
    debug = run_cli("--debug", "cache", "list", "--passphrase-stdin", stdin="nope nope nope\n")
    assert debug.returncode == 1 and "Traceback" in debug.stderr
    missing = run_cli("cache", "list", "--profile", "bob", "--passphrase-stdin", stdin="x\n")
    assert missing.returncode == 1 and "no profile named “bob”" in missing.stderr
    no_stdin = run_cli("cache", "list", "--passphrase-stdin", stdin="")
    assert no_stdin.returncode == 1 and "standard input" in no_stdin.stderr


def test_vietnamese_messages(home: Path) -> None:
    import os

    env = dict(os.environ, HANOI_DESK_LANG="vi")
    result = run_cli(
        "cache", "list", "--profile", "bob", "--passphrase-stdin", stdin="x\n", env=env
    )
    assert result.returncode == 1
    assert "Không có hồ sơ nào tên “bob”" in result.stderr


def test_wipe_needs_confirmation_without_a_terminal(home: Path) -> None:
    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    refused = run_cli("profile", "wipe", "alice")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert run_cli("profile", "wipe", "alice", "--yes").returncode == 0
    assert run_cli("profile", "list").stdout == ""


def test_passphrase_change_from_stdin(home: Path) -> None:
    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    changed = run_cli(
        "profile",
        "passphrase",
        "alice",
        "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\nan entirely new one\n",
    )
    assert changed.returncode == 0, changed.stderr
    assert run_cli("cache", "list", "--passphrase-stdin", stdin=PASSPHRASE + "\n").returncode == 1
    ok = run_cli("cache", "list", "--passphrase-stdin", stdin="an entirely new one\n")
    assert ok.returncode == 0


def test_demo_walk_through(tmp_path: Path) -> None:
    result = run_cli("demo", "--home", str(tmp_path / "demo"))
    assert result.returncode == 0, result.stderr
    assert "Hà Nội" in result.stdout and "[Hà Nội]" in result.stdout


def test_damaged_profile_is_listed_and_can_be_wiped(home: Path) -> None:
    run_cli("profile", "create", "bob", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    (home / "profiles" / "bob" / "profile.json").write_text('{"format": 1, "unlockers": [1]}')
    listed = run_cli("profile", "list")
    assert "bob\t-\tdamaged" in listed.stdout
    opened = run_cli("cache", "list", "--passphrase-stdin", "--profile", "bob", stdin="x\n")
    assert opened.returncode == 1 and "is damaged" in opened.stderr
    assert "Traceback" not in opened.stderr
    wiped = run_cli("profile", "wipe", "bob", "--yes")
    assert wiped.returncode == 0, wiped.stderr
    assert not (home / "profiles" / "bob").exists()


def test_cat_into_a_closed_pipe_stops_quietly(home: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    run_cli("profile", "create", "a", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    pdf = tmp_path / "big.pdf"
    make_pdf(pdf, "Lớn", pages=1, filler_kib=3000)
    added = run_cli("cache", "add", "--passphrase-stdin", str(pdf), stdin=PASSPHRASE + "\n")
    doc_id = added.stdout.split("\t")[0]
    script = (
        f"printf '%s\\n' '{PASSPHRASE}' | {sys.executable} -m hanoi_desk cache cat "
        f'--passphrase-stdin {doc_id} | head -c 100 > /dev/null; echo "rc=${{PIPESTATUS[1]}}"'
    )
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
        check=False,
    )
    assert "rc=141" in result.stdout, result.stdout + result.stderr
    assert "Unexpected error" not in result.stderr
