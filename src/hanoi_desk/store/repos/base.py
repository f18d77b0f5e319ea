"""What every repository shares: the connection, and the rule that writes run
inside the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from hanoi_desk.store.database import OwnedConnection


def now() -> str:
    """The time stamp the cache stores (UTC, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Repository:
    __slots__ = ("_conn",)

    def __init__(self, conn: OwnedConnection) -> None:
        self._conn = conn

    def _writing(self) -> OwnedConnection:
        """The connection, for a write: one outside a transaction is a bug (it
        would commit on its own, apart from the rest of its use case)."""
        assert self._conn.in_transaction, "a repository write runs inside Cache.transaction()"
        return self._conn
