"""Shared fixtures. Qt must see the offscreen platform before it is imported."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Whether the machine is marked shared is the tests' choice (tests/store/test_keyring.py
# points this at a file of its own), never the developer's /etc/xdg/HanoiDesk: a file
# that does not exist means "not shared", for this process and the CLIs it starts.
os.environ.setdefault(
    "HANOI_DESK_MACHINE_CONFIG", os.path.join(os.path.dirname(__file__), "no-machine.toml")
)

from collections.abc import Iterator
from pathlib import Path

import pytest

from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.store.keys import Argon2Params
from hanoi_desk.store.unlockers import PassphraseUnlocker
from helpers import FixedPrompt


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("HANOI_DESK_HOME", str(path))
    return path


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cheaper Argon2 for tests that create many profiles; the real cost is
    measured by the unlock benchmark and checked by test_vault."""
    monkeypatch.setattr(
        PassphraseUnlocker,
        "__init__",
        lambda self, params=None: setattr(self, "params", Argon2Params(8 * 1024, 1, 1)),
    )


@pytest.fixture
def desk(home: Path) -> Desk:
    return Desk(default_vault(home))


@pytest.fixture
def session(desk: Desk) -> Iterator[object]:
    desk.create("alice", FixedPrompt())
    with desk.open("alice", FixedPrompt(), "passphrase") as s:
        yield s
