"""``hanoi-desk profile-token``: the profile it unlocks to enrol the token is
wiped when the command ends, enrolled or not (as ``profile passphrase`` and the
desktop's sessions do).

Run in this process through the real parser and handler, on the SoftHSM2 token
of the test PKI, so the unlocked profile object can be looked at afterwards:
``Vault.unlock`` is wrapped to keep a reference to what it returned (it still
does all the work); nothing is replaced.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.cli.main import build_parser
from hanoi_desk.cli.prompt import NO_STDIN
from hanoi_desk.errors import UserError
from hanoi_desk.store.vault import UnlockedProfile, Vault
from helpers import PASSPHRASE, FixedPrompt

from .signing_pki import PIN, TestPki

UNLOCK = "HANOI-UNLOCK"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[UnlockedProfile]:
    """Every profile the vault unlocks from now on."""
    seen: list[UnlockedProfile] = []
    real = Vault.unlock

    def keep(self: Vault, *args: Any, **kwargs: Any) -> UnlockedProfile:
        profile = real(self, *args, **kwargs)
        seen.append(profile)
        return profile

    monkeypatch.setattr(Vault, "unlock", keep)
    return seen


def _run(pki: TestPki, stdin: str, monkeypatch: pytest.MonkeyPatch) -> int:
    command = ["profile-token", "an", "--module", pki.module, "--token", UNLOCK]
    args = build_parser().parse_args([*command, "--cert-id", "f6", "--passphrase-stdin"])
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code: int = args.handler(args)
    return code


def _all_zero(profile: UnlockedProfile) -> bool:
    keys = profile.keys
    return not any(bytes(profile.master) + keys.database + keys.blobs + keys.outbox)


def test_profile_token_wipes_the_profile_it_unlocked(
    pki: TestPki,
    home: Path,
    fast_kdf: None,
    opened: list[UnlockedProfile],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = Desk(default_vault(home))
    desk.create("an", FixedPrompt())
    assert _run(pki, f"{PASSPHRASE}\n{PIN}\n", monkeypatch) == 0
    assert "token" in desk.vault.meta("an").unlocker_kinds  # the command did its work
    [profile] = opened
    assert profile.wiped and _all_zero(profile)


def test_profile_token_wipes_the_profile_when_enrolling_fails(
    pki: TestPki,
    home: Path,
    fast_kdf: None,
    opened: list[UnlockedProfile],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Standard input ends before the PIN: refused before any login (no PIN try
    is spent), after the profile was unlocked."""
    desk = Desk(default_vault(home))
    desk.create("an", FixedPrompt())
    with pytest.raises(UserError) as err:
        _run(pki, f"{PASSPHRASE}\n", monkeypatch)
    assert err.value.template == NO_STDIN
    assert desk.vault.meta("an").unlocker_kinds == ("passphrase",)
    [profile] = opened
    assert profile.wiped and _all_zero(profile)
