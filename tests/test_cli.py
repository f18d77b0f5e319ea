"""The command line as scripts use it: exit codes, one-line errors, --debug."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from crafted_pdfs import ACTIVE_CASES, broken_icc_pdf, pdf_bytes, write
from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.samples import make_pdf
from helpers import PASSPHRASE, FixedPrompt, raw_controls, run_cli


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
    wiped = run_cli(
        "profile", "wipe", "alice", "--yes", "--passphrase-stdin", stdin=PASSPHRASE + "\n"
    )
    assert wiped.returncode == 0, wiped.stderr  # the passphrase showed nothing unsent
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


# -- untrusted text, MuPDF's messages, PDF edge cases, one line per error ---------

HOSTILE_TITLE = "Báo cáo\x00\x1b[2J\x1b]0;pwned\x07\r giả\u202egnp.exe\x85\x7f\tcột\ndòng"
# What the title looks like once escaped: every control, bidi and separator shown.
ESCAPED_TITLE = r"Báo cáo\x00\x1b[2J\x1b]0;pwned\x07\r giả\u202egnp.exe\x85\x7f\tcột\ndòng"


def _add(*files: Path, debug: bool = False) -> subprocess.CompletedProcess[str]:
    head = ("--debug",) if debug else ()
    return run_cli(
        *head, "cache", "add", "--passphrase-stdin", *map(str, files), stdin=PASSPHRASE + "\n"
    )


def test_titles_from_pdfs_reach_the_terminal_escaped(home: Path, tmp_path: Path) -> None:
    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    hostile = write(tmp_path / "bao-cao.pdf", pdf_bytes(title=HOSTILE_TITLE))
    added = _add(hostile)
    assert added.returncode == 0, added.stderr
    listed = run_cli("cache", "list", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    found = run_cli("cache", "search", "--passphrase-stdin", "nghi quyet", stdin=PASSPHRASE + "\n")
    for result, columns in ((added, 3), (listed, 5), (found, 4)):
        assert result.returncode == 0, result.stderr
        assert raw_controls(result.stdout + result.stderr) == []
        # One line per document, its columns intact: the title's TAB and LF are escaped.
        [line] = result.stdout.splitlines()
        fields = line.split("\t")
        assert len(fields) == columns and fields[1] == ESCAPED_TITLE
    # The data is kept as it came; only what is printed is escaped.
    with Desk(default_vault(home)).open("alice", FixedPrompt(), "passphrase") as session:
        assert [d.title for d in session.documents()] == [HOSTILE_TITLE]


def test_mupdf_messages_go_to_the_log_not_into_the_output(home: Path, tmp_path: Path) -> None:
    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    noisy = write(tmp_path / "scan.pdf", broken_icc_pdf())
    plain = write(tmp_path / "plain.pdf", pdf_bytes())
    added = _add(noisy, plain)
    assert added.returncode == 0, added.stderr
    lines = added.stdout.splitlines()
    assert [ln.split("\t")[1:] for ln in lines] == [["scan", "1 pages"], ["plain", "1 pages"]]
    assert "MuPDF" not in added.stderr  # a recovered file is not the reader's business
    debug = _add(noisy, debug=True)
    assert debug.returncode == 0, debug.stderr
    assert len(debug.stdout.splitlines()) == 1
    assert "DEBUG hanoi_desk.mupdf: MuPDF: format error: cmsOpenProfileFromMem failed" in (
        debug.stderr
    )


def test_a_truncated_pdf_is_refused_and_the_rest_imported(home: Path, tmp_path: Path) -> None:
    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    whole = make_pdf(None, "Nghị quyết số 12", pages=2)
    cut = write(tmp_path / "nghi-quyet.pdf", whole[: len(whole) - 7])  # "%%EOF\n" and a digit
    ok = write(tmp_path / "to-trinh.pdf", whole)
    added = _add(cut, ok)
    assert added.returncode == 1
    assert added.stderr.splitlines() == [
        "hanoi-desk: nghi-quyet.pdf is incomplete: the end of the PDF is missing (a download "
        "or a copy stopped early). It was not imported; get the file again."
    ]
    [line] = added.stdout.splitlines()
    assert line.split("\t")[1] == "Nghị quyết số 12"
    listed = run_cli("cache", "list", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert len(listed.stdout.splitlines()) == 1


def test_javascript_and_launch_actions_are_warned_about(home: Path, tmp_path: Path) -> None:
    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    files = [write(tmp_path / f"{name}.pdf", pdf_bytes(**kw)) for name, kw, _ in ACTIVE_CASES]
    clean = write(tmp_path / "clean.pdf", pdf_bytes())
    added = _add(*files, clean)
    assert added.returncode == 0, added.stderr
    assert len(added.stdout.splitlines()) == len(files) + 1  # every file went in
    warnings = added.stderr.splitlines()
    assert len(warnings) == len(files) and "clean.pdf" not in added.stderr
    for (name, _, kinds), line in zip(ACTIVE_CASES, warnings, strict=True):
        assert line.startswith(f"warning: {name}.pdf contains ")
        assert ("JavaScript" in line) == ("javascript" in kinds), line
        assert ("Launch action" in line) == ("launch" in kinds), line
        assert line.endswith("open the file elsewhere only if you trust its sender.")


def test_cat_refuses_to_write_a_pdf_to_a_terminal(home: Path, tmp_path: Path) -> None:
    import os
    import pty

    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    doc_id = _add(write(tmp_path / "a.pdf", pdf_bytes(title="\x1b]0;pwned\x07"))).stdout[:8]
    leader, follower = pty.openpty()  # a real pseudo-terminal as standard output
    try:
        result = subprocess.run(
            [sys.executable, "-m", "hanoi_desk", "cache", "cat", "--passphrase-stdin", doc_id],
            input=PASSPHRASE + "\n",
            stdout=follower,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
        )
        os.set_blocking(leader, False)
        try:
            shown = os.read(leader, 65536)
        except BlockingIOError:
            shown = b""
    finally:
        os.close(leader)
        os.close(follower)
    assert result.returncode == 1
    assert result.stderr.startswith("hanoi-desk: `cache cat` writes the PDF's bytes")
    assert b"%PDF" not in shown
    piped = subprocess.run(  # into a pipe, as the command is meant to be used
        [sys.executable, "-m", "hanoi_desk", "cache", "cat", "--passphrase-stdin", doc_id],
        input=(PASSPHRASE + "\n").encode(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert piped.returncode == 0 and piped.stdout.startswith(b"%PDF")


def test_a_sync_error_is_one_line_with_one_full_stop(home: Path) -> None:
    from tests.sync.sync_hostile import HostileServer, json_answer

    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    server = HostileServer()  # the real server never sends a malformed page
    server.route(
        "GET",
        "/v1/changes",
        lambda _h: json_answer({"changes": [{"kind": "x"}], "cursor": "c", "has_more": False}),
    )
    try:
        result = run_cli(
            "sync",
            "--server",
            server.url,
            "--user",
            "an",
            "--passphrase-stdin",
            stdin=PASSPHRASE + "\npassword\n",
        )
    finally:
        server.stop()
    assert result.returncode == 1
    progress = {"connecting"}
    errors = [ln for ln in result.stderr.splitlines() if ln not in progress]
    assert errors == [
        f"hanoi-desk: The server {server.host_port} sent an answer that was refused: The change "
        "record is malformed: “type” must be a string. Nothing was saved."
    ]


def test_a_value_ending_its_own_sentence_gets_no_second_full_stop() -> None:
    from hanoi_desk.i18n import translate

    template = "Signing {name} failed: {reason}."
    assert translate(template, "en", name="a.pdf", reason="the field is filled.") == (
        "Signing a.pdf failed: the field is filled."
    )
    assert translate(template, "en", name="a.pdf", reason="it stopped") == (
        "Signing a.pdf failed: it stopped."
    )
    assert translate("{a}... {b}.", "en", a="x", b="y?") == "x... y?"
    # The same in the Vietnamese catalogue, which has its own full stops.
    vi = translate(
        "The server {server} cannot be reached: {reason}.", "vi", server="s", reason="r."
    )
    assert vi.endswith("r.") and not vi.endswith("..")


def test_error_lines_and_log_records_are_escaped(home: Path) -> None:
    import logging

    from hanoi_desk.cli.main import TerminalFormatter

    run_cli("profile", "create", "alice", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    # An id typed (or pasted from a hostile mail) with escape sequences comes back in the error.
    wrong = run_cli(
        "cache", "cat", "--passphrase-stdin", "abcd\x1b]0;pwned\x07\r", stdin=PASSPHRASE + "\n"
    )
    assert wrong.returncode == 1
    assert wrong.stderr == (
        "hanoi-desk: No document matches “abcd\\x1b]0;pwned\\x07\\r”. "
        "`hanoi-desk cache list` shows them.\n"
    )
    record = logging.LogRecord(
        "hanoi_desk.mupdf", logging.DEBUG, "", 0, "MuPDF: %s", ("\x1b[8m",), None
    )
    shown = TerminalFormatter("%(levelname)s %(name)s: %(message)s").format(record)
    assert shown == "DEBUG hanoi_desk.mupdf: MuPDF: \\x1b[8m"


def test_server_devices_lists_device_names_escaped(tmp_path: Path) -> None:
    import httpx
    from tests.server.live import DEMO_PASSWORD, running_server

    from hanoi_desk import protocol as p

    hostile = "Máy của An\x1b]0;owned\x07\r\x1b[2K\u202e"  # what a client chose to call itself
    data = tmp_path / "data"
    with running_server(data, packs_dir=tmp_path / "packs") as srv:
        login = p.LoginRequest("demo", DEMO_PASSWORD, "may-an", hostile)
        answer = httpx.post(
            f"{srv.base_url}/v1/auth/login",
            json=login.to_json(),
            headers={p.VERSION_HEADER: str(p.PROTOCOL_VERSION)},
        )
        assert answer.status_code == 200, answer.text
        listed = run_cli("server", "devices", "demo", "--data", str(data))
    assert listed.returncode == 0, listed.stderr
    assert raw_controls(listed.stdout) == []
    [line] = listed.stdout.splitlines()
    assert line.split("\t")[:2] == ["may-an", r"Máy của An\x1b]0;owned\x07\r\x1b[2K\u202e"]
