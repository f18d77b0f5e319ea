"""The throwaway-PostgreSQL helper finds whichever major version is installed.

The fake ``/usr/lib/postgresql`` trees below hold empty ``initdb`` files: they
stand for other machines' installs (Debian 13 has 17, Ubuntu 24.04 has 16)
that cannot exist side by side on this one; the last test uses the real one.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from tests.server import pg


def _install(root: Path, *versions: str) -> None:
    for version in versions:
        bindir = root / version / "bin"
        bindir.mkdir(parents=True)
        (bindir / "initdb").write_bytes(b"")


@pytest.fixture
def no_fallbacks(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Neither pg_config nor initdb on PATH, no override: only the Debian tree counts."""
    monkeypatch.delenv(pg.BINDIR_ENV, raising=False)
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_the_newest_installed_major_version_is_chosen(tmp_path: Path, no_fallbacks: None) -> None:
    _install(tmp_path, "9.6", "15", "17", "not-a-version")
    (tmp_path / "18" / "bin").mkdir(parents=True)  # a client-only leftover: no initdb
    assert pg.find_bin_dir(tmp_path) == tmp_path / "17" / "bin"


def test_no_server_installed_is_a_clear_reason(
    tmp_path: Path, no_fallbacks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pg, "DEBIAN_ROOT", tmp_path / "usr-lib-postgresql")
    assert pg.find_bin_dir() is None
    reason = pg.unavailable_reason()
    assert reason is not None and "install the Debian package postgresql" in reason
    assert pg.BINDIR_ENV in reason
    with pytest.raises(RuntimeError, match="install the Debian package postgresql"):
        pg.PostgresCluster()


def test_the_override_names_the_folder_or_says_it_holds_no_initdb(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path, "16")
    monkeypatch.setenv(pg.BINDIR_ENV, str(tmp_path / "16" / "bin"))
    assert pg.find_bin_dir() == tmp_path / "16" / "bin"
    monkeypatch.setenv(pg.BINDIR_ENV, str(tmp_path))
    assert pg.find_bin_dir() is None
    assert pg.unavailable_reason() == f"{pg.BINDIR_ENV}={tmp_path} holds no initdb"


def test_the_found_initdb_is_this_machines_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(pg.BINDIR_ENV, raising=False)
    bindir = pg.find_bin_dir()
    assert bindir is not None, pg.unavailable_reason()
    version = subprocess.run(
        [str(bindir / "initdb"), "--version"], capture_output=True, text=True, check=True
    ).stdout
    assert (bindir / "pg_ctl").is_file()
    if bindir.parent.parent == pg.DEBIAN_ROOT:
        assert f" {bindir.parent.name}." in version  # "initdb (PostgreSQL) 15.18"
