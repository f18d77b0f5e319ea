"""Signing requests (docs/signing-requests.md) as the feed brought them."""

from __future__ import annotations

import json

from hanoi_desk.domain.signing_requests import SigningRequest
from hanoi_desk.store.repos.base import Repository
from hanoi_desk.store.repos.documents import Wanted


class SigningRequestRepository(Repository):
    __slots__ = ()

    def all(self) -> list[SigningRequest]:
        rows = self._conn.execute("SELECT data FROM signing_requests").fetchall()
        return [SigningRequest.parse(json.loads(r[0])) for r in rows]

    def get(self, request_id: str) -> SigningRequest | None:
        row = self._conn.execute(
            "SELECT data FROM signing_requests WHERE id = ?", (request_id,)
        ).fetchone()
        return None if row is None else SigningRequest.parse(json.loads(row[0]))

    def wanted_heads(self) -> list[Wanted]:
        """Heads of requests with a step of mine active that this computer does not
        hold: the sync fetches them, so the signer can sign offline afterwards."""
        mine = {
            str(r[0]) for r in self._conn.execute(
                "SELECT user_id FROM sync_accounts WHERE user_id != ''"
            )
        }  # fmt: skip
        held = {str(r[0]) for r in self._conn.execute("SELECT sha256 FROM blobs")}
        out: dict[str, Wanted] = {}
        for r in self.all():
            if r.my_active_steps(mine) and r.head_sha256 not in held:
                out[r.head_sha256] = Wanted(r.head_sha256, r.head_size)
        return list(out.values())
