"""Fixtures of the sync tests: a hostile server and a replica over a real
SQLCipher profile."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sync_hostile import HostileServer

from hanoi_desk.app.session import Session
from hanoi_desk.store.replica import Replica


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    yield server
    server.stop()


@pytest.fixture
def replica(session: Session) -> Replica:
    return Replica(session.cache)


@pytest.fixture(autouse=True)
def _cheap_profiles(fast_kdf: None) -> None:
    """Profiles in these tests use a cheap Argon2 (see the shared fast_kdf)."""


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One real reference server (demo data) per test module, on 127.0.0.1."""
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv")
    with running_server(root / "data", packs_dir=root / "packs") as srv:
        yield srv
