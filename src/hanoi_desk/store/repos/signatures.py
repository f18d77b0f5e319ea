"""This profile's signatures: level and completion state (domain/signatures.py).

A row is written in the transaction that stores the signed bytes and queues
their ``signature.submit`` (``Replica.queue_signature``), so every signature
the desktop, the CLI or a batch makes is recorded exactly where it is kept. Its
upload state is read from the outbox (the submit, then the completed file's
``signature.complete``), never copied.
"""

from __future__ import annotations

from hanoi_desk.domain.signatures import CompletionState, SignatureRecord, SignedCopy
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.store.repos.base import Repository, now

_SELECT = """
SELECT s.id, s.document_version_id, COALESCE(d.title, ''), v.version, s.level, s.state,
       s.reason, s.sha256, s.signed_sha256, s.created_at,
       COALESCE(c.state, o.state), COALESCE(c.last_error, o.last_error)
FROM signatures s
LEFT JOIN document_versions v ON v.id = s.document_version_id
LEFT JOIN documents d ON d.id = v.document_id
LEFT JOIN outbox o ON o.op_id = s.id
LEFT JOIN outbox c ON c.op_id = s.complete_op
"""


def _record(row: tuple[object, ...]) -> SignatureRecord:
    upload = row[10]
    return SignatureRecord(
        id=str(row[0]),
        document_version_id=str(row[1]),
        title=str(row[2]),
        version=row[3] if isinstance(row[3], int) else None,
        level=str(row[4]),
        state=CompletionState(str(row[5])),
        reason=None if row[6] is None else str(row[6]),
        sha256=str(row[7]),
        signed_sha256=str(row[8]),
        created_at=str(row[9]),
        upload=None if upload is None else OutboxState(str(upload)),
        upload_reason=None if row[11] is None else str(row[11]),
    )


class SignatureRepository(Repository):
    __slots__ = ()

    def others(self) -> list[tuple[SignedCopy, str, int | None]]:
        """Other members' accepted signatures the server shows this user (the
        secretariat's), with each version's document title and number when the
        version is in the cache; oldest first."""
        import json

        rows = self._conn.execute(
            "SELECT s.id, s.data, COALESCE(d.title, ''), v.version FROM signed_copies s "
            "LEFT JOIN document_versions v ON v.id = s.document_version_id "
            "LEFT JOIN documents d ON d.id = v.document_id"
        ).fetchall()
        out = [(SignedCopy.parse(str(r[0]), json.loads(str(r[1]))), str(r[2]),
                r[3] if isinstance(r[3], int) else None) for r in rows]  # fmt: skip
        return sorted(out, key=lambda t: (t[0].created_at, t[0].id))

    def record(
        self, op_id: str, version_id: str, sha256: str, level: str, state: CompletionState
    ) -> None:
        """A new signature (in the caller's transaction, with its outbox entry)."""
        stamp = now()
        self._writing().execute(
            "INSERT INTO signatures (id, document_version_id, signed_sha256, sha256, level, "
            "state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (op_id, version_id, sha256, sha256, level, str(state), stamp, stamp),
        )

    def all(self) -> list[SignatureRecord]:
        rows = self._conn.execute(_SELECT + " ORDER BY s.created_at, s.id").fetchall()
        return [_record(r) for r in rows]

    def waiting(self) -> list[SignatureRecord]:
        """Signatures a sync should try to complete, oldest first."""
        rows = self._conn.execute(
            _SELECT + " WHERE s.state = ? ORDER BY s.created_at, s.id",
            (str(CompletionState.WAITING),),
        ).fetchall()
        return [_record(r) for r in rows]

    def completed(self, sig_id: str, sha256: str, level: str, op_id: str) -> None:
        self._writing().execute(
            "UPDATE signatures SET sha256 = ?, level = ?, state = ?, reason = NULL, "
            "complete_op = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?",
            (sha256, level, str(CompletionState.COMPLETED), op_id, now(), sig_id),
        )

    def kept(self, sig_id: str, sha256: str) -> None:
        """A partial step (a timestamp without revocation data) kept locally."""
        self._writing().execute(
            "UPDATE signatures SET sha256 = ?, updated_at = ? WHERE id = ?",
            (sha256, now(), sig_id),
        )

    def mark(self, sig_id: str, state: CompletionState, reason: str | None, level: str) -> None:
        """Still waiting (with why) or refused for good."""
        self._writing().execute(
            "UPDATE signatures SET state = ?, reason = ?, level = ?, attempts = attempts + 1, "
            "updated_at = ? WHERE id = ?",
            (str(state), reason, level, now(), sig_id),
        )

    def refused_upload(self, op_id: str, reason: str) -> None:
        """The server refused a signed file — the signature's own (its
        ``signature.submit``, whose op id is the signature's id: untrusted,
        wrong_signer …, docs/server-uploads.md) or its completed one: the
        signature is refused, with the reason, in the same sync — unless this
        client refused it already (its own reason, e.g. a revoked certificate,
        found first, is kept)."""
        self._writing().execute(
            "UPDATE signatures SET state = ?, reason = ?, updated_at = ? "
            "WHERE (complete_op = ? OR id = ?) AND state != ?",
            (str(CompletionState.REFUSED), reason, now(), op_id, op_id,
             str(CompletionState.REFUSED)),
        )  # fmt: skip
