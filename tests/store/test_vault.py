"""The profile vault: key hierarchy, wrong passphrase, passphrase change, names, wipe."""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from hanoi_desk.app.samples import make_pdf
from hanoi_desk.app.session import Desk
from hanoi_desk.errors import UserError
from hanoi_desk.store.vault import PROFILE_FILE
from helpers import PASSPHRASE, FixedPrompt


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
