"""Fixtures of the server tests: the same suite runs on SQLite and on PostgreSQL.

``db_url`` is parametrised: ``sqlite`` (the embedded default) and ``postgresql``
(a throwaway cluster started once per session, a fresh database per server).
``live`` is a real server on 127.0.0.1 with the demo data set; ``api`` helps a
test speak the protocol to it as a given user.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from tests.server.api import Api
from tests.server.live import LiveServer, running_server
from tests.server.pg import PostgresCluster, unavailable_reason

from hanoi_desk.server.demo import DemoInfo, build_demo, write_packs
from hanoi_desk.server.limits import Limits


@pytest.fixture(scope="session")
def packs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("packs")
    write_packs(root)
    return root


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    reason = unavailable_reason()
    if reason is not None:
        pytest.fail(f"the PostgreSQL half of the server tests cannot run: {reason}")
    cluster = PostgresCluster().start()
    try:
        yield cluster
    finally:
        cluster.stop()


@dataclass(frozen=True)
class Template:
    """A demo server built once per database kind, copied for each test (much faster)."""

    data_dir: Path
    db_name: str | None
    info: DemoInfo


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory, packs_dir: Path) -> Template:
    data = tmp_path_factory.mktemp("tmpl-sqlite")
    return Template(data, None, build_demo(data, cheap_hash=True, packs_dir=packs_dir))


@pytest.fixture(scope="session")
def pg_template(
    tmp_path_factory: pytest.TempPathFactory, packs_dir: Path, pg_cluster: PostgresCluster
) -> Template:
    data = tmp_path_factory.mktemp("tmpl-pg")
    url = pg_cluster.new_database()
    info = build_demo(data, url, cheap_hash=True, packs_dir=packs_dir)
    return Template(data, make_url(url).database, info)


def _clone(request: pytest.FixtureRequest, kind: str, target: Path) -> tuple[Path, str | None]:
    if kind == "sqlite":
        tmpl: Template = request.getfixturevalue("sqlite_template")
        shutil.copytree(tmpl.data_dir, target)
        return target, None
    tmpl = request.getfixturevalue("pg_template")
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    shutil.copytree(tmpl.data_dir / "blobs", target / "blobs")
    return target, cluster.new_database(template=tmpl.db_name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str | None:
    """An empty database of each kind (for tests that build their own data)."""
    if request.param == "sqlite":
        return None
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    return cluster.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_live(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, packs_dir: Path
) -> Iterator[LiveServer]:
    """One server per module and database, for tests that only read or use unique ids."""
    data, url = _clone(request, request.param, tmp_path_factory.mktemp("m") / "srv")
    with running_server(data, url, demo=False) as srv:
        srv.demo = _info(request, request.param, data)
        yield srv


def _info(request: pytest.FixtureRequest, kind: str, data: Path) -> DemoInfo:
    tmpl: Template = request.getfixturevalue(f"{'sqlite' if kind == 'sqlite' else 'pg'}_template")
    return replace(tmpl.info, data_dir=data)


@pytest.fixture
def live(request: pytest.FixtureRequest, tmp_path: Path, db_kind: str) -> Iterator[LiveServer]:
    """A demo server of its own for one test, on each database kind."""
    data, url = _clone(request, db_kind, tmp_path / "srv")
    with running_server(data, url, demo=False) as srv:
        srv.demo = _info(request, db_kind, data)
        yield srv


LIVE_HEARTBEAT = 0.3
"""Seconds between live stream heartbeats on ``live_fast`` (the default 5 s would slow tests)."""


@pytest.fixture
def live_fast(request: pytest.FixtureRequest, tmp_path: Path, db_kind: str) -> Iterator[LiveServer]:
    """Like ``live``, with live stream heartbeats every :data:`LIVE_HEARTBEAT` seconds."""
    data, url = _clone(request, db_kind, tmp_path / "srv")
    with running_server(data, url, demo=False, live_heartbeat=LIVE_HEARTBEAT) as srv:
        srv.demo = _info(request, db_kind, data)
        yield srv


@pytest.fixture
def live_limits() -> Limits:
    """The per-participant limits ``live_limited`` runs with; a test module overrides it."""
    return Limits()


@pytest.fixture
def live_limited(
    request: pytest.FixtureRequest, tmp_path: Path, live_limits: Limits
) -> Iterator[LiveServer]:
    """Like ``live_fast`` with the ``live_limits`` fixture's limits, on SQLite only:
    the limits are counted in the process, the database plays no part in them."""
    data, url = _clone(request, "sqlite", tmp_path / "srv")
    with running_server(data, url, demo=False, live_heartbeat=LIVE_HEARTBEAT,
                        limits=live_limits) as srv:  # fmt: skip
        srv.demo = _info(request, "sqlite", data)
        yield srv


@pytest.fixture
def pg_demo(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    """(data folder, database URL) of a demo server on PostgreSQL, not started: for
    tests that start server processes of their own on it."""
    data, url = _clone(request, "postgresql", tmp_path / "srv")
    assert url is not None
    return data, url


@pytest.fixture
def dual_stack_live(
    request: pytest.FixtureRequest, tmp_path: Path, db_kind: str
) -> Iterator[LiveServer]:
    """Like ``live``, bound to ``::`` with IPv4 accepted: IPv4 clients arrive as ::ffff:a.b.c.d."""
    data, url = _clone(request, db_kind, tmp_path / "srv")
    with running_server(data, url, demo=False, host="::") as srv:
        srv.demo = _info(request, db_kind, data)
        yield srv


@pytest.fixture
def api(live: LiveServer) -> Iterator[Api]:
    with Api(live.base_url) as a:
        yield a
