"""A throwaway PostgreSQL cluster on a Unix socket, for tests and benchmarks.

``PostgresCluster.start()`` runs ``initdb`` and ``pg_ctl`` from the Debian
PostgreSQL 15 binaries into a fresh temp folder (owned by the ``postgres`` user
when we run as root: PostgreSQL refuses to run as root), listening only on a
socket in that folder, with fsync off (the data is disposable).
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

BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "hd"


def available() -> bool:
    return (BIN / "initdb").exists() and (os.geteuid() != 0 or _postgres_user() is not None)


def _postgres_user() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return None


class PostgresCluster:
    def __init__(self) -> None:
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
        self._run(str(BIN / "initdb"), "-D", str(self.data), "-A", "trust", "-U", SUPERUSER,
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-s",
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
            self._run(str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "-s",
                      "stop")  # fmt: skip
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
