"""The OS-keyring unlocker.

Absent or insecure keyrings are real keyring backends (``fail``, ``null``)
that the library itself selects on a machine without a Secret Service. The
present case uses a real gnome-keyring Secret Service on a private D-Bus
session, which ``tests/run_all.py`` (the README's test command) starts.
"""

from __future__ import annotations

import os
from pathlib import Path

import keyring.backends.fail
import keyring.backends.null
import pytest

from hanoi_desk.app.session import Desk
from hanoi_desk.errors import EnvironmentFault
from hanoi_desk.store.unlockers import KeyringUnlocker, PassphraseUnlocker
from hanoi_desk.store.vault import Vault
from helpers import FixedPrompt, run_cli

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
