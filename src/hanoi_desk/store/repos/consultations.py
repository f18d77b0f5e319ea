"""Written consultations (docs/consultation.md) as the feed brought them."""

from __future__ import annotations

import json

from hanoi_desk.domain.consultation import Consultation
from hanoi_desk.store.repos.base import Repository


class ConsultationRepository(Repository):
    __slots__ = ()

    def all(self) -> list[Consultation]:
        """Every consultation, the nearest deadline first."""
        rows = self._conn.execute("SELECT data FROM consultations").fetchall()
        found = [Consultation.parse(json.loads(r[0])) for r in rows]
        return sorted(found, key=lambda c: (c.deadline, c.reference))

    def get(self, consultation_id: str) -> Consultation | None:
        row = self._conn.execute(
            "SELECT data FROM consultations WHERE id = ?", (consultation_id,)
        ).fetchone()
        return None if row is None else Consultation.parse(json.loads(row[0]))
