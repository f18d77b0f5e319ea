"""The OS-keyring unlocker.

Absent or insecure keyrings are real keyring backends (``fail``, ``null``)
that the library itself selects on a machine without a Secret Service. The
present case uses a real gnome-keyring Secret Service on a private D-Bus
session, which ``tests/run_all.py`` (the README's test command) starts.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import keyring.backends.fail
import keyring.backends.null
import pytest

from hanoi_desk.app.machine import MachinePolicy, load_machine_policy
from hanoi_desk.app.session import Desk
from hanoi_desk.errors import EnvironmentFault, UserError
from hanoi_desk.store.unlockers import KeyringUnlocker, PassphraseUnlocker
from hanoi_desk.store.vault import NO_UNLOCKER, Vault
from helpers import PASSPHRASE, FixedPrompt, run_cli

REAL_KEYRING = os.environ.get("HANOI_DESK_TEST_KEYRING") == "1"


class NeverAsked:
    def passphrase(self, profile: str, *, new: bool) -> str:
        raise AssertionError("the keyring unlock asked for a passphrase")


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring, keyring.backends.null.Keyring])
def test_absent_or_insecure_keyring_is_refused_and_passphrase_still_works(
    tmp_path: Path, fast_kdf: None, backend: type
) -> None:
    unlocker = KeyringUnlocker(backend=backend)
    desk = Desk(Vault(tmp_path, {"passphrase": PassphraseUnlocker(), "keyring": unlocker}))
    with pytest.raises(EnvironmentFault) as info:
        desk.create("alice", FixedPrompt(), also_keyring=True)
    assert "No secure system keyring" in str(info.value)
    assert "never keeps keys in a plain file" in str(info.value)
    # The passphrase alone still works on the same machine.
    desk.create("alice", FixedPrompt())
    with desk.open("alice", FixedPrompt()) as session:
        assert session.documents() == []
    assert desk.vault.meta("alice").unlocker_kinds == ("passphrase",)


@pytest.mark.keyring
@pytest.mark.skipif(not REAL_KEYRING, reason="needs the Secret Service that ./run test starts")
def test_real_secret_service_unlocks_without_a_passphrase(tmp_path: Path, fast_kdf: None) -> None:
    unlocker = KeyringUnlocker()
    assert unlocker.available(), type(unlocker.backend())
    desk = Desk(Vault(tmp_path, {"passphrase": PassphraseUnlocker(), "keyring": unlocker}))
    desk.create("alice", FixedPrompt(), also_keyring=True)
    with desk.open("alice", NeverAsked()) as session:  # keyring is chosen by default
        assert session.documents() == []
    # Removing the keyring slot deletes the secret from the Secret Service too.
    meta = desk.vault.remove_unlocker("alice", "keyring")
    assert meta.unlocker_kinds == ("passphrase",)
    import keyring

    assert keyring.get_password("hanoi-desk", f"profile:{meta.profile_id}") is None


@pytest.mark.keyring
@pytest.mark.skipif(not REAL_KEYRING, reason="needs the Secret Service that ./run test starts")
def test_cli_with_keyring(home: Path) -> None:
    made = run_cli(
        "profile",
        "create",
        "kr",
        "--passphrase-stdin",
        "--keyring",
        stdin="correct horse battery\n",
    )
    assert made.returncode == 0, made.stderr
    assert "passphrase, keyring" in made.stdout
    listed = run_cli("cache", "list", "--profile", "kr")  # nothing on stdin: keyring only
    assert listed.returncode == 0, listed.stderr
    wiped = run_cli("profile", "wipe", "kr", "--yes")
    assert wiped.returncode == 0


@pytest.mark.keyring
@pytest.mark.skipif(not REAL_KEYRING, reason="needs the Secret Service that ./run test starts")
def test_keyring_gone_later_falls_back_to_the_passphrase(tmp_path: Path, fast_kdf: None) -> None:
    with_keyring = Desk(
        Vault(tmp_path, {"passphrase": PassphraseUnlocker(), "keyring": KeyringUnlocker()})
    )
    with_keyring.create("alice", FixedPrompt(), also_keyring=True)
    # Later the desktop session has no Secret Service (the real `fail` backend):
    without = Desk(
        Vault(
            tmp_path,
            {
                "passphrase": PassphraseUnlocker(),
                "keyring": KeyringUnlocker(backend=keyring.backends.fail.Keyring),
            },
        )
    )
    prompt = FixedPrompt()
    with without.open("alice", prompt):
        assert prompt.asked == 1
    # Or the entry was deleted from the keyring: the same fallback.
    meta = with_keyring.vault.meta("alice")
    import keyring as kr

    kr.delete_password("hanoi-desk", f"profile:{meta.profile_id}")
    prompt = FixedPrompt()
    with with_keyring.open("alice", prompt):
        assert prompt.asked == 1


def test_create_with_keyring_refuses_before_writing_anything(
    tmp_path: Path, fast_kdf: None
) -> None:
    desk = Desk(
        Vault(
            tmp_path,
            {
                "passphrase": PassphraseUnlocker(),
                "keyring": KeyringUnlocker(backend=keyring.backends.fail.Keyring),
            },
        )
    )
    with pytest.raises(EnvironmentFault, match="No secure system keyring"):
        desk.create("alice", FixedPrompt(), also_keyring=True)
    assert desk.profiles() == []


# -- a shared OS account ---------------------------------------------------------

KEYRING_WARNING = "anyone who can log in to this OS account can now open profile"


def _shared_machine(tmp_path: Path, text: str = "shared_account = true\n") -> dict[str, str]:
    """The environment of a command on a machine whose administrator wrote ``text``
    (the variable points the app at this file instead of /etc/xdg/HanoiDesk)."""
    file = tmp_path / "machine.toml"
    file.write_text(text)
    return dict(os.environ, HANOI_DESK_MACHINE_CONFIG=str(file), HANOI_DESK_LANG="en")


def test_machine_file_marks_an_account_shared_and_an_unreadable_one_counts_as_shared(
    tmp_path: Path,
) -> None:
    file = tmp_path / "machine.toml"
    assert load_machine_policy(file) == MachinePolicy()  # no file: not shared
    file.write_text("# written by the administrator\nshared_account = true\n")
    assert load_machine_policy(file) == MachinePolicy(shared_account=True, source=file)
    file.write_text("shared_account = false\n")
    assert not load_machine_policy(file).shared_account
    for broken in ("shared_account = ", 'shared_account = "yes"\n', "\xff"):
        file.write_text(broken, encoding="latin-1")
        assert load_machine_policy(file).shared_account, broken


def test_shared_machine_refuses_new_keyring_slots_and_writes_nothing(
    home: Path, tmp_path: Path
) -> None:
    env = _shared_machine(tmp_path)
    made = run_cli(
        "profile",
        "create",
        "kr",
        "--passphrase-stdin",
        "--keyring",
        stdin=PASSPHRASE + "\n",
        env=env,
    )
    assert made.returncode == 1
    assert "marked as shared" in made.stderr and str(tmp_path / "machine.toml") in made.stderr
    assert run_cli("profile", "list", env=env).stdout == ""  # refused before writing
    assert (
        run_cli("profile", "create", "p", "--passphrase-stdin", stdin=PASSPHRASE + "\n").returncode
        == 0
    )
    enabled = run_cli(
        "profile", "keyring", "p", "--passphrase-stdin", stdin=PASSPHRASE + "\n", env=env
    )
    assert enabled.returncode == 1 and "marked as shared" in enabled.stderr
    assert "p\t" in run_cli("profile", "list").stdout
    assert run_cli("profile", "list").stdout.rstrip().endswith("\tpassphrase")


@pytest.mark.keyring
@pytest.mark.skipif(not REAL_KEYRING, reason="needs the Secret Service that ./run test starts")
def test_keyring_says_who_else_can_open_the_profile(home: Path) -> None:
    env = dict(os.environ, HANOI_DESK_LANG="en")
    made = run_cli(
        "profile",
        "create",
        "kr",
        "--passphrase-stdin",
        "--keyring",
        stdin=PASSPHRASE + "\n",
        env=env,
    )
    assert made.returncode == 0, made.stderr
    assert KEYRING_WARNING + " “kr” without its passphrase" in made.stderr
    assert "--disable" in made.stderr
    plain = run_cli(
        "profile", "create", "p", "--passphrase-stdin", stdin=PASSPHRASE + "\n", env=env
    )
    assert KEYRING_WARNING not in plain.stderr
    enabled = run_cli(
        "profile", "keyring", "p", "--passphrase-stdin", stdin=PASSPHRASE + "\n", env=env
    )
    assert enabled.returncode == 0, enabled.stderr
    assert KEYRING_WARNING + " “p”" in enabled.stderr
    vi = run_cli(
        "profile",
        "keyring",
        "p",
        "--passphrase-stdin",
        stdin=PASSPHRASE + "\n",
        env=dict(env, HANOI_DESK_LANG="vi"),
    )
    assert "bất kỳ ai đăng nhập được vào tài khoản hệ điều hành này" in vi.stderr


@pytest.mark.keyring
@pytest.mark.skipif(not REAL_KEYRING, reason="needs the Secret Service that ./run test starts")
def test_shared_machine_never_uses_an_existing_keyring_slot(home: Path, tmp_path: Path) -> None:
    """A slot made before the machine was marked shared is refused even by name:
    the co-user the marking is for could ask for it as easily as its owner."""
    made = run_cli(
        "profile", "create", "kr", "--passphrase-stdin", "--keyring", stdin=PASSPHRASE + "\n"
    )
    assert made.returncode == 0, made.stderr
    assert run_cli("cache", "list", "--profile", "kr").returncode == 0  # unshared: no typing
    env = _shared_machine(tmp_path)
    unasked = run_cli("cache", "list", "--profile", "kr", env=env)
    assert unasked.returncode == 1 and "No terminal to ask for a secret" in unasked.stderr
    asked = run_cli("cache", "list", "--profile", "kr", "--unlock", "keyring", env=env)
    assert asked.returncode == 1 and asked.stdout == ""
    assert asked.stderr.startswith("hanoi-desk: This computer is marked as shared")
    assert str(tmp_path / "machine.toml") in asked.stderr
    assert "`hanoi-desk profile keyring kr --disable` removes it." in asked.stderr
    assert len(asked.stderr.splitlines()) == 1
    vi = run_cli(
        "cache",
        "list",
        "--profile",
        "kr",
        "--unlock",
        "keyring",
        env=dict(env, HANOI_DESK_LANG="vi"),
    )
    assert vi.returncode == 1 and "Máy tính này được đánh dấu là dùng chung" in vi.stderr
    assert "Hanoi Desk không dùng nó ở đây" in vi.stderr
    # The passphrase still opens it, and the slot can be removed without it.
    typed = run_cli(
        "cache", "list", "--profile", "kr", "--passphrase-stdin", stdin=PASSPHRASE + "\n", env=env
    )
    assert typed.returncode == 0, typed.stderr
    # Nor does a wipe count unsent work through it: on a shared account that needs the passphrase.
    wipe = run_cli("profile", "wipe", "kr", "--yes", env=env)
    assert wipe.returncode == 1 and "cannot tell whether" in wipe.stderr
    disabled = run_cli("profile", "keyring", "kr", "--disable", env=env)
    assert disabled.returncode == 0, disabled.stderr
    assert run_cli("profile", "list", env=env).stdout.rstrip().endswith("\tpassphrase")
    profile_id = json.loads((home / "profiles" / "kr" / "profile.json").read_text())["profile_id"]
    import keyring as kr

    assert kr.get_password("hanoi-desk", f"profile:{profile_id}") is None  # the key is gone


def test_shared_machine_refuses_the_keyring_before_anything_is_asked(
    home: Path, tmp_path: Path, fast_kdf: None
) -> None:
    """Through the app layer, without a Secret Service: a profile without a keyring
    slot gets the vault's own answer, and an unlock that names no unlocker asks
    for the passphrase, never the keyring."""
    shared = Desk(
        Vault(home, {"passphrase": PassphraseUnlocker(), "keyring": KeyringUnlocker()}),
        MachinePolicy(shared_account=True, source=tmp_path / "machine.toml"),
    )
    shared.create("p", FixedPrompt())
    with pytest.raises(UserError) as err:
        shared.open("p", NeverAsked(), "keyring")
    assert err.value.template == NO_UNLOCKER
    prompt = FixedPrompt()
    with shared.open("p", prompt):
        assert prompt.asked == 1
    assert shared.keyring_slot_refused("p") is not None
    assert Desk(shared.vault, MachinePolicy()).keyring_slot_refused("p") is None
