"""Engines, sessions and migrations for SQLite (embedded) and PostgreSQL (deployment).

Write transactions take the database's write lock up front on SQLite
(``BEGIN IMMEDIATE``) so two writers never deadlock on a lock upgrade; on
PostgreSQL, the feed clock row lock orders them (see ``feed.py``). Nothing
survives between requests except what is in the database and the blob store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from hanoi_desk.errors import EnvironmentFault
from hanoi_desk.i18n import N_
from hanoi_desk.server.files import private_file, tighten

DB_UNREACHABLE = N_("The server database could not be opened ({kind}). Check --db and its server.")
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / 'server.db'}"


def _private_sqlite(url: str) -> None:
    """Create the database file 0600 before SQLite does (it would use 0644 & ~umask).

    SQLite gives its -wal and -shm files the database file's mode, so they are
    private too; ones left by an older version are tightened here.
    """
    name = make_url(url).database
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name)
    if not path.parent.is_dir():
        return  # SQLite reports the missing folder itself
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        tighten(path.with_name(path.name + suffix))


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """Two session factories: readers and writers (the same engine on PostgreSQL)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            _private_sqlite(url)
            self.read_engine = _sqlite_engine(url, immediate=False)
            self.write_engine = _sqlite_engine(url, immediate=True)
        else:
            self.read_engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
            self.write_engine = self.read_engine
        self._reader = sessionmaker(self.read_engine, expire_on_commit=False)
        self._writer = sessionmaker(self.write_engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction; feed changes staged on it are numbered just before commit."""
        from hanoi_desk.server.feed import Feed

        with self._writer() as session:
            try:
                with session.begin():
                    session.info["feed"] = Feed(session)
                    yield session
                    session.info["feed"].flush()
            except OperationalError as exc:
                raise EnvironmentFault(DB_UNREACHABLE, kind=type(exc.orig).__name__) from None

    def migrate(self) -> None:
        """Bring the schema to the newest revision (safe to run on every start)."""
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.write_engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def dispose(self) -> None:
        self.read_engine.dispose()
        self.write_engine.dispose()
