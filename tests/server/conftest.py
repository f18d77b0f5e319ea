"""Fixtures of the server tests: the same suite runs on SQLite and on PostgreSQL.

``db_url`` is parametrised: ``sqlite`` (the embedded default) and ``postgresql``
(a throwaway cluster started once per session, a fresh database per server).
``live`` is a real server on 127.0.0.1 with the demo data set; ``api`` helps a
test speak the protocol to it as a given user.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.server.api import Api
from tests.server.live import LiveServer, running_server
from tests.server.pg import PostgresCluster, available

from hanoi_desk.server.demo import write_packs


@pytest.fixture(scope="session")
def packs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("packs")
    write_packs(root)
    return root


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    if not available():
        pytest.fail("PostgreSQL 15 binaries are required (Debian package postgresql)")
    cluster = PostgresCluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "sqlite":
        return None
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, packs_dir: Path
) -> Iterator[LiveServer]:
    """One server per module and database, for tests that only read or use unique ids."""
    url = None
    if request.param == "postgresql":
        url = request.getfixturevalue("pg_cluster").new_database()
    with running_server(tmp_path_factory.mktemp("srv"), url, packs_dir=packs_dir) as srv:
        yield srv


@pytest.fixture
def live(tmp_path: Path, db_url: str | None, packs_dir: Path) -> Iterator[LiveServer]:
    with running_server(tmp_path / "srv", db_url, packs_dir=packs_dir) as srv:
        yield srv


@pytest.fixture
def api(live: LiveServer) -> Iterator[Api]:
    with Api(live.base_url) as a:
        yield a
