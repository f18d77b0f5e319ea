"""The audit log: what left the cache in plaintext, what was purged or refused."""

from __future__ import annotations

from hanoi_desk.domain.models import AuditEntry
from hanoi_desk.store.repos.base import Repository, now


class AuditRepository(Repository):
    __slots__ = ()

    def record(self, action: str, subject: str, detail: str = "") -> None:
        self._writing().execute(
            "INSERT INTO audit_log (at, action, subject, detail) VALUES (?, ?, ?, ?)",
            (now(), action, subject, detail),
        )

    def entries(self) -> list[AuditEntry]:
        rows = self._conn.execute("SELECT at, action, subject, detail FROM audit_log ORDER BY id")
        return [AuditEntry(*r) for r in rows.fetchall()]
