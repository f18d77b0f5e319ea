"""This profile's accounts on sync servers: the tokens, the feed cursor, and the
device policy each server sent (read by ``domain.policy``'s one set of rules)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from hanoi_desk.domain.policy import DevicePolicy
from hanoi_desk.store.repos.base import Repository, now


@dataclass(frozen=True)
class Account:
    server: str
    client_id: str
    device_id: str
    username: str
    user_id: str
    # Bearer credentials: whoever reads them is this device until they expire, so
    # they never appear in a repr (log lines, assertion messages, tracebacks).
    access_token: str = field(repr=False)
    refresh_token: str = field(repr=False)
    last_success: str | None


@dataclass(frozen=True)
class ServerPolicy:
    server: str
    policy: DevicePolicy
    last_success: str | None
    """When a sync with this server last succeeded (the offline lease counts from it)."""


class AccountRepository(Repository):
    __slots__ = ()

    def servers(self) -> list[str]:
        """The servers this profile has signed in to, first one first."""
        return [r[0] for r in self._conn.execute("SELECT server FROM sync_accounts ORDER BY rowid")]

    def get(self, server: str) -> Account | None:
        row = self._conn.execute(
            "SELECT server, client_id, device_id, username, user_id, access_token, "
            "refresh_token, last_success FROM sync_accounts WHERE server = ?",
            (server,),
        ).fetchone()
        return Account(*row) if row else None

    def save(
        self,
        server: str,
        *,
        username: str,
        device_id: str,
        access_token: str,
        refresh_token: str,
        user_id: str,
    ) -> None:
        """A new account, or new tokens for a known one (its client id stays)."""
        self._writing().execute(
            "INSERT INTO sync_accounts (server, client_id, device_id, username, user_id, "
            "access_token, refresh_token) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(server) DO UPDATE SET username = excluded.username, "
            "user_id = excluded.user_id, access_token = excluded.access_token, "
            "refresh_token = excluded.refresh_token",
            (server, uuid.uuid4().hex, device_id, username, user_id, access_token, refresh_token),
        )

    def forget_tokens(self, server: str) -> None:
        self._writing().execute(
            "UPDATE sync_accounts SET access_token = '', refresh_token = '' WHERE server = ?",
            (server,),
        )

    def policy(self, server: str) -> DevicePolicy:
        """``server``'s policy for this device (the defaults before it sent one)."""
        row = self._conn.execute(
            "SELECT policy FROM sync_accounts WHERE server = ?", (server,)
        ).fetchone()
        return DevicePolicy.from_json(row[0] if row else None)

    def policies(self) -> list[ServerPolicy]:
        rows = self._conn.execute(
            "SELECT server, policy, last_success FROM sync_accounts ORDER BY rowid"
        ).fetchall()
        return [ServerPolicy(r[0], DevicePolicy.from_json(r[1]), r[2]) for r in rows]

    def record_success(self, server: str, at: str) -> None:
        self._writing().execute(
            "UPDATE sync_accounts SET last_success = ? WHERE server = ?", (at, server)
        )

    def cursor(self, server: str) -> str:
        row = self._conn.execute(
            "SELECT cursor FROM sync_checkpoints WHERE server = ?", (server,)
        ).fetchone()
        return str(row[0]) if row else ""

    def set_cursor(self, server: str, cursor: str) -> None:
        self._writing().execute(
            "INSERT INTO sync_checkpoints (server, cursor, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(server) DO UPDATE SET cursor = excluded.cursor, "
            "updated_at = excluded.updated_at",
            (server, cursor, now()),
        )
