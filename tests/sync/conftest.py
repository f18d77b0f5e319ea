"""Fixtures of the sync tests: a hostile server and a replica over a real
SQLCipher profile."""

from __future__ import annotations

from collections.abc import Iterator

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
