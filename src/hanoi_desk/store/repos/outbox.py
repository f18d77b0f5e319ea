"""The outbox: actions written locally, waiting for (or answered by) the server."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from hanoi_desk.domain.models import OutboxEntry
from hanoi_desk.domain.states import SHOWN, UNSENT, OutboxState
from hanoi_desk.store.repos.base import Repository, now

_UNSENT = tuple(sorted(UNSENT))


@dataclass(frozen=True)
class Pending:
    """An unsent action as the sync engine sends it."""

    seq: int
    op_id: str
    kind: str
    payload: Mapping[str, Any]


def _marks(n: int) -> str:
    return ",".join("?" * n)


class OutboxRepository(Repository):
    __slots__ = ()

    def enqueue(self, kind: str, payload: Mapping[str, Any], op_id: str | None = None) -> str:
        """Queue an outgoing action in the caller's transaction, so that the
        action and its entry commit together or not at all; returns its op id."""
        op = op_id or uuid.uuid4().hex
        self._writing().execute(
            "INSERT INTO outbox (op_id, kind, payload, created_at) VALUES (?, ?, ?, ?)",
            (op, kind, json.dumps(dict(payload), ensure_ascii=False, sort_keys=True), now()),
        )
        return op

    def entries(self, states: Iterable[OutboxState] = SHOWN) -> list[OutboxEntry]:
        wanted = tuple(OutboxState(s) for s in states)
        rows = self._conn.execute(
            "SELECT seq, op_id, kind, payload, state, attempts, last_error FROM outbox "  # noqa: S608 - placeholders only
            f"WHERE state IN ({_marks(len(wanted))}) ORDER BY seq",
            wanted,
        ).fetchall()
        return [OutboxEntry(r[0], r[1], r[2], r[3], OutboxState(r[4]), r[5], r[6]) for r in rows]

    def pending(self, limit: int) -> list[Pending]:
        """Unsent actions, oldest first."""
        rows = self._conn.execute(
            "SELECT seq, op_id, kind, payload FROM outbox "  # noqa: S608 - placeholders only
            f"WHERE state IN ({_marks(len(_UNSENT))}) ORDER BY seq LIMIT ?",
            (*_UNSENT, limit),
        ).fetchall()
        return [Pending(r[0], r[1], r[2], json.loads(r[3])) for r in rows]

    def unsent_count(self) -> int:
        row = self._conn.execute(
            f"SELECT COUNT(*) FROM outbox WHERE state IN ({_marks(len(_UNSENT))})",  # noqa: S608
            _UNSENT,
        ).fetchone()
        return int(row[0])

    def unsent_payloads(self) -> list[str]:
        """The JSON of every unsent action (a blob one names must stay)."""
        rows = self._conn.execute(
            f"SELECT payload FROM outbox WHERE state IN ({_marks(len(_UNSENT))})",  # noqa: S608
            _UNSENT,
        )
        return [r[0] for r in rows]

    def record_result(
        self,
        op_id: str,
        state: OutboxState,
        result: Mapping[str, Any] | None,
        reason: str | None,
    ) -> None:
        self._writing().execute(
            "UPDATE outbox SET state = ?, result = ?, last_error = ?, "
            "attempts = attempts + 1 WHERE op_id = ?",
            (str(state), None if result is None else json.dumps(result), reason, op_id),
        )
