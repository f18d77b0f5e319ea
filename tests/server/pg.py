"""A throwaway PostgreSQL cluster on a Unix socket, for tests and benchmarks.

``PostgresCluster.start()`` runs ``initdb`` and ``pg_ctl`` of the installed
PostgreSQL (see :func:`find_bin_dir`: the newest Debian/Ubuntu
``/usr/lib/postgresql/<major>/bin``, else ``pg_config --bindir``, else ``PATH``;
``HANOI_DESK_PG_BINDIR`` overrides) into a fresh temp folder (owned by the
``postgres`` user when we run as root: PostgreSQL refuses to run as root),
listening only on a socket in that folder, with fsync off (the data is disposable).
``cluster.new_database()`` returns a SQLAlchemy URL of a new empty database.

    from tests.server.pg import PostgresCluster
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "hd"
BINDIR_ENV = "HANOI_DESK_PG_BINDIR"
DEBIAN_ROOT = Path("/usr/lib/postgresql")
"""Debian and Ubuntu install each major version side by side here (15 on
Debian 12, 17 on Debian 13, 16 on Ubuntu 24.04), none of them on PATH."""


def _major(folder: Path) -> tuple[int, ...]:
    """``15`` -> (15,), ``9.6`` -> (9, 6); a folder that is no version sorts first."""
    try:
        return tuple(int(part) for part in folder.name.split("."))
    except ValueError:
        return ()


def _pg_config_bindir() -> Path | None:
    # pg_config may come from libpq-dev alone, with no server beside it, so the
    # caller still checks that initdb is there.
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        return None
    try:
        out = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(out.stdout.strip())


def _which_dir(tool: str) -> Path | None:
    found = shutil.which(tool)
    return Path(found).resolve().parent if found else None


def find_bin_dir(debian_root: Path | None = None) -> Path | None:
    """The folder of the installed PostgreSQL's ``initdb`` and ``pg_ctl``, or None.

    The newest major version under ``debian_root`` wins (a machine upgraded
    from 15 to 17 keeps both until the old cluster is dropped)."""
    override = os.environ.get(BINDIR_ENV)
    if override:
        return Path(override) if (Path(override) / "initdb").is_file() else None
    root = DEBIAN_ROOT if debian_root is None else debian_root
    versions = sorted((d for d in root.glob("*") if (d / "bin" / "initdb").is_file()), key=_major)
    if versions:
        return versions[-1] / "bin"
    for candidate in (_pg_config_bindir(), _which_dir("initdb")):
        if candidate is not None and (candidate / "initdb").is_file():
            return candidate
    return None


def unavailable_reason() -> str | None:
    """Why no cluster can start here, in words a developer can act on; None if one can."""
    if find_bin_dir() is None:
        override = os.environ.get(BINDIR_ENV)
        if override:
            return f"{BINDIR_ENV}={override} holds no initdb"
        return (
            f"no PostgreSQL server found (no {DEBIAN_ROOT}/<version>/bin/initdb, and neither "
            "pg_config --bindir nor PATH has initdb): install the Debian package postgresql, "
            f"or set {BINDIR_ENV} to the folder of initdb and pg_ctl"
        )
    if os.geteuid() == 0 and _postgres_user() is None:
        return "running as root, PostgreSQL needs the postgres user to run as (none exists)"
    return None


def available() -> bool:
    return unavailable_reason() is None


def _postgres_user() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return None


class PostgresCluster:
    def __init__(self) -> None:
        reason = unavailable_reason()
        if reason is not None:
            raise RuntimeError(f"cannot start PostgreSQL: {reason}")
        bindir = find_bin_dir()
        assert bindir is not None
        self.bin = bindir
        self.root = Path(tempfile.mkdtemp(prefix="hd-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = _postgres_user()
            assert user is not None, "PostgreSQL needs the postgres user when run as root"
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *cmd: str) -> None:
        result = subprocess.run(
            [*self._as, *cmd], capture_output=True, text=True, check=False, timeout=120
        )
        if result.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {result.stderr.strip()[-500:]}")

    def start(self) -> PostgresCluster:
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", SUPERUSER,
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-s",
                  "-l", str(self.root / "log"), "start")  # fmt: skip
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def new_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template`` (which must have no connections)."""
        import psycopg

        name = "t" + uuid.uuid4().hex[:12]
        conninfo = f"host={self.socket_dir} user={SUPERUSER} dbname=postgres"
        copy = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{copy}'.encode())
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "-s",
                      "stop")  # fmt: skip
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
