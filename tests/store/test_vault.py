"""The profile vault: key hierarchy, wrong passphrase, passphrase change, names, wipe."""

from __future__ import annotations

import base64
import codecs
import fcntl
import hashlib
import json
import os
import pty
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from hanoi_desk.app.session import Desk
from hanoi_desk.errors import UserError
from hanoi_desk.samples import make_pdf
from hanoi_desk.store.vault import PROFILE_FILE
from helpers import PASSPHRASE, UNSENT_NAMED, FixedPrompt, queue_unsent_work, run_cli


def _tree_digest(root: Path, skip: str = PROFILE_FILE) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != skip and not p.name.endswith(("-wal", "-shm"))
    }


def test_master_key_is_only_stored_wrapped(desk: Desk) -> None:
    desk.create("alice", FixedPrompt())
    profile = desk.vault.unlock("alice", FixedPrompt())
    stored = (profile.path / PROFILE_FILE).read_text()
    for encoding in (profile.master.hex(), base64.b64encode(profile.master).decode()):
        assert encoding not in stored
    record = json.loads(stored)["unlockers"][0]
    assert record["kind"] == "passphrase"
    assert record["kdf"]["name"] == "argon2id"
    assert record["kdf"]["memory_kib"] >= 64 * 1024
    # The derived keys differ from each other and from the master key.
    keys = {bytes(k) for k in (profile.master, *vars(profile.keys).values())}
    assert len(keys) == 4
    profile.wipe()


def test_wrong_passphrase_is_clear_and_changes_nothing(desk: Desk, tmp_path: Path) -> None:
    desk.create("alice", FixedPrompt())
    with desk.open("alice", FixedPrompt()) as session:
        pdf = tmp_path / "a.pdf"
        make_pdf(pdf, "Hà Nội", pages=1)
        session.import_pdfs([pdf])
    path = desk.vault.meta("alice").path
    before = _tree_digest(path, skip="")
    with pytest.raises(UserError) as info:
        desk.open("alice", FixedPrompt("not the passphrase"))
    assert "Wrong passphrase" in str(info.value)
    assert "Sai cụm mật khẩu" in info.value.message("vi")
    assert _tree_digest(path, skip="") == before


def test_changing_the_passphrase_rewraps_without_touching_data(desk: Desk, tmp_path: Path) -> None:
    desk.create("alice", FixedPrompt())
    with desk.open("alice", FixedPrompt()) as session:
        pdf = tmp_path / "a.pdf"
        make_pdf(pdf, "Đống Đa", pages=2)
        doc = session.import_pdfs([pdf])[0].document
        assert doc is not None
    path = desk.vault.meta("alice").path
    data_before = _tree_digest(path)
    profile = desk.vault.unlock("alice", FixedPrompt())
    desk.vault.add_unlocker(profile, "passphrase", FixedPrompt("a brand new passphrase"))
    assert _tree_digest(path) == data_before
    with pytest.raises(UserError):
        desk.vault.unlock("alice", FixedPrompt(PASSPHRASE))
    with desk.open("alice", FixedPrompt("a brand new passphrase")) as session:
        assert session.cache.read_document(doc) == pdf.read_bytes()


@pytest.mark.parametrize("name", ["../evil", "a/b", "", ".hidden", "x" * 65, "a b"])
def test_bad_profile_names_are_refused(desk: Desk, name: str) -> None:
    with pytest.raises(UserError, match="not a valid profile name"):
        desk.create(name, FixedPrompt())


def test_vietnamese_profile_name_is_fine(desk: Desk, fast_kdf: None) -> None:
    desk.create("Nguyễn_Văn_An", FixedPrompt())
    assert [p.name for p in desk.profiles()] == ["Nguyễn_Văn_An"]


def test_short_passphrase_and_duplicate_name(desk: Desk, fast_kdf: None) -> None:
    with pytest.raises(UserError, match="at least 8"):
        desk.create("bob", FixedPrompt("short"))
    desk.create("bob", FixedPrompt())
    with pytest.raises(UserError, match="already exists"):
        desk.create("bob", FixedPrompt())


def test_wipe_removes_everything(desk: Desk, fast_kdf: None) -> None:
    desk.create("bob", FixedPrompt())
    path = desk.vault.meta("bob").path
    desk.wipe("bob")
    assert not path.exists()
    assert desk.profiles() == []
    with pytest.raises(UserError, match="no profile named"):
        desk.open("bob", FixedPrompt())


def test_damaged_key_file_is_a_clear_error(desk: Desk, fast_kdf: None) -> None:
    desk.create("bob", FixedPrompt())
    (desk.vault.meta("bob").path / PROFILE_FILE).write_text("{not json")
    with pytest.raises(UserError, match="key file of profile “bob” is damaged"):
        desk.open("bob", FixedPrompt())


def test_decomposed_and_precomposed_passphrases_are_the_same(desk: Desk, fast_kdf: None) -> None:
    import unicodedata

    typed = "Mật khẩu Hà Nội ộ"
    desk.create("nfc", FixedPrompt(unicodedata.normalize("NFC", typed)))
    with desk.open("nfc", FixedPrompt(unicodedata.normalize("NFD", typed))):
        pass


def test_name_with_a_trailing_newline_is_refused(desk: Desk) -> None:
    with pytest.raises(UserError, match="not a valid profile name"):
        desk.create("bob\n", FixedPrompt())


def test_interrupted_wipe_is_finished_and_the_name_is_free(desk: Desk, fast_kdf: None) -> None:
    desk.create("bob", FixedPrompt())
    path = desk.vault.meta("bob").path
    # What a wipe killed right after its first step leaves behind:
    path.rename(path.parent / ".wiping-0123")
    assert desk.profiles() == []
    assert not (path.parent / ".wiping-0123").exists()
    # A folder with no key file (an interrupted create) does not poison a new profile.
    path.mkdir()
    (path / "cache.db").write_bytes(b"\x00" * 4096)
    desk.create("bob", FixedPrompt())
    with desk.open("bob", FixedPrompt()) as session:
        assert session.documents() == []


# -- wiping a profile whose outbox holds work the server has not received --------


def _profile_with_unsent_work(desk: Desk, name: str = "p") -> None:
    desk.create(name, FixedPrompt())
    with desk.open(name, FixedPrompt()) as session:
        queue_unsent_work(session.cache)


def _wipe(*args: str, stdin: str = "", lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HANOI_DESK_LANG=lang)
    return run_cli("profile", "wipe", *args, stdin=stdin, env=env)


def test_wipe_with_unsent_work_is_refused_until_it_is_named_or_discarded(
    desk: Desk, fast_kdf: None
) -> None:
    _profile_with_unsent_work(desk)

    unknown = _wipe("p", "--yes")  # no passphrase, no keyring: nobody can count
    assert unknown.returncode == 1
    assert "cannot tell whether profile “p” holds work" in unknown.stderr
    assert "Nothing was wiped" in unknown.stderr and "--discard-unsent" in unknown.stderr
    assert "Chưa xóa gì cả" in _wipe("p", "--yes", lang="vi").stderr

    wrong = _wipe("p", "--yes", "--passphrase-stdin", stdin="not the passphrase\n")
    assert wrong.returncode == 1 and "Wrong passphrase" in wrong.stderr

    named = _wipe("p", "--yes", "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert named.returncode == 1
    assert UNSENT_NAMED in named.stderr and "Nothing was wiped" in named.stderr
    assert [p.name for p in desk.profiles()] == ["p"]
    with desk.open("p", FixedPrompt()) as session:  # and the work is all still there
        assert len(session.cache.outbox(("queued",))) == 5

    discarded = _wipe("p", "--yes", "--discard-unsent")
    assert discarded.returncode == 0, discarded.stderr
    assert desk.profiles() == []


def _controlling_terminal() -> None:
    """In the child: a session of its own with the pseudo-terminal as its terminal,
    so getpass and input talk to it as they would to a person's terminal."""
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _at_a_terminal(args: list[str], answers: list[tuple[str, str]]) -> tuple[int, str]:
    """Run ``hanoi-desk`` on a real pseudo-terminal: wait for each prompt, type
    the answer. Returns the exit code and everything the terminal showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "hanoi_desk", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=dict(os.environ, HANOI_DESK_LANG="en"),
        preexec_fn=_controlling_terminal,  # noqa: PLW1509 - setsid and an ioctl only
    )
    os.close(follower)
    decoder = codecs.getincrementaldecoder("utf-8")()
    shown = ""

    def read(until: str | None) -> None:
        nonlocal shown
        deadline = time.monotonic() + 120
        while until is None or until not in shown:
            assert time.monotonic() < deadline, (
                f"waited for {until!r}; the terminal shows {shown!r}"
            )
            ready, _, _ = select.select([leader], [], [], 1)
            if not ready:
                continue
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO: the program ended and closed the terminal
                chunk = b""
            if not chunk:
                assert until is None, f"ended before {until!r}: {shown!r}"
                return
            shown += decoder.decode(chunk)

    try:
        for prompt, answer in answers:
            read(prompt)
            os.write(leader, answer.encode() + b"\n")
        read(None)
        return proc.wait(120), shown
    finally:
        os.close(leader)
        if proc.poll() is None:  # a failed wait: do not leave it behind
            proc.kill()
            proc.wait(30)


def test_wipe_at_a_terminal_names_the_unsent_work_before_the_name_is_asked(
    desk: Desk, fast_kdf: None
) -> None:
    _profile_with_unsent_work(desk)
    code, shown = _at_a_terminal(
        ["profile", "wipe", "p"],
        [("Passphrase of profile “p”", PASSPHRASE), ("wipe it anyway", "not p")],
    )
    assert code == 130  # the name did not match: cancelled
    before_name = shown.split("wipe it anyway")[0]
    assert UNSENT_NAMED in before_name and "loses for good" in before_name
    assert PASSPHRASE not in shown  # not echoed
    assert [p.name for p in desk.profiles()] == ["p"]

    # Without the passphrase (Enter), the warning says nobody can know what is lost.
    code, shown = _at_a_terminal(
        ["profile", "wipe", "p"], [("Passphrase of profile “p”", ""), ("wipe it anyway", "p")]
    )
    assert code == 0, shown
    assert "cannot tell whether profile “p” holds work" in shown.split("wipe it anyway")[0]
    assert desk.profiles() == []


def test_wipe_at_a_terminal_with_nothing_unsent_asks_only_the_name(
    desk: Desk, fast_kdf: None
) -> None:
    desk.create("q", FixedPrompt())
    code, shown = _at_a_terminal(
        ["profile", "wipe", "q"],
        [("Passphrase of profile “q”", PASSPHRASE), ("Type its name", "q")],
    )
    assert code == 0, shown
    assert "not yet sent" not in shown.split("Type its name")[0].split("(press Enter")[1]
    assert desk.profiles() == []


def test_a_closed_session_zeroes_its_keys_and_opens_nothing_more(
    desk: Desk, fast_kdf: None, tmp_path: Path
) -> None:
    from hanoi_desk.store.cache import Cache

    desk.create("p", FixedPrompt())
    session = desk.open("p", FixedPrompt())
    pdf = tmp_path / "a.pdf"
    make_pdf(pdf, "Hà Nội", pages=1)
    [imported] = session.import_pdfs([pdf])
    assert imported.document is not None
    own = Cache.open(session.profile)  # what a sync run opens for itself
    session.close()  # the lock
    profile = session.profile
    assert profile.wiped
    assert not any(profile.master) and not any(b"".join(vars(profile.keys).values()))
    # The run finishes on its own copy of the blob key, then zeroes it as well.
    assert own.read_document(imported.document) == pdf.read_bytes()
    own.close()
    assert not any(own.blobs.blob_key)
    # And nothing opens the locked profile again, with a clear word (not "damaged").
    with pytest.raises(UserError, match="was locked"):
        Cache.open(profile)
