"""The authority's Ed25519 key: it signs each vote's close event.

The close event is already bound by the hash chain every client holds; the
signature lets a bulletin travel away from the server (a printout, a file sent
to the press) and still be checked against the authority's public key, which
``GET /v1/meetings/{id}/live/authority`` serves.

What is signed: :data:`hanoi_desk.protocol.live.CLOSE_SIGNATURE_CONTEXT`
followed by the 32 raw bytes of the close event's hash (which covers the
meeting, the seq, the tally and the Merkle roots). The context keeps this
signature from ever being mistaken for one over something else.

One key per server (one row, ``slot`` 1), made on first use by whichever
process gets there first (a second process's insert fails on the key and it
reads the winner's). Its private half is PKCS#8 in the database, encrypted
under ``HANOI_DESK_AUTHORITY_PASSPHRASE`` when the operator sets it (every
process then needs it); otherwise it is protected only as the database is,
which holds the log, the ballots and everything the key vouches for.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.exc import IntegrityError

from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.protocol import live as pl
from hanoi_desk.server.db import Database
from hanoi_desk.server.models import AuthorityKey

PASSPHRASE_ENV = "HANOI_DESK_AUTHORITY_PASSPHRASE"  # noqa: S105 (a variable's name)
WRONG_PASSPHRASE = N_(
    "The authority's signing key cannot be opened: HANOI_DESK_AUTHORITY_PASSPHRASE is "
    "missing or differs from the one it was stored under."
)
SLOT = 1


@dataclass(frozen=True)
class SigningKey:
    key_id: str
    public_raw: bytes
    private: Ed25519PrivateKey

    def sign_close(self, event_hash: str) -> str:
        """The base64 Ed25519 signature over a close event's hash."""
        return pl.encode_signature(self.private.sign(pl.close_signed_bytes(event_hash)))

    def public(self) -> pl.AuthorityKeyRecord:
        return pl.AuthorityKeyRecord(pl.ED25519, self.key_id, pl.encode_signature(self.public_raw))


def _passphrase() -> bytes | None:
    value = os.environ.get(PASSPHRASE_ENV)
    return value.encode("utf-8") if value else None


def _new_row() -> AuthorityKey:
    private = Ed25519PrivateKey.generate()
    raw = private.public_key().public_bytes(serialization.Encoding.Raw,
                                            serialization.PublicFormat.Raw)  # fmt: skip
    secret = _passphrase()
    protection: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(secret) if secret else serialization.NoEncryption()
    )
    der = private.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                protection)  # fmt: skip
    return AuthorityKey(slot=SLOT, key_id=hashlib.sha256(raw).hexdigest(), public_key=raw,
                        private_key=der, encrypted=bool(secret),
                        created_at=int(time.time()))  # fmt: skip


def _open(row: AuthorityKey) -> SigningKey:
    secret = _passphrase() if row.encrypted else None
    try:
        private = serialization.load_der_private_key(row.private_key, secret)
    except (ValueError, TypeError):
        raise UserError(WRONG_PASSPHRASE) from None
    if not isinstance(private, Ed25519PrivateKey):
        raise UserError(WRONG_PASSPHRASE)
    return SigningKey(row.key_id, bytes(row.public_key), private)


class AuthorityKeys:
    """The server's key, loaded once per process (made on first use)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._key: SigningKey | None = None
        self._lock = threading.Lock()

    def get(self) -> SigningKey:
        with self._lock:
            if self._key is None:
                self._key = self._load()
            return self._key

    def _load(self) -> SigningKey:
        with self.db.read() as session:
            row = session.get(AuthorityKey, SLOT)
        if row is None:
            try:
                with self.db.write() as session:
                    session.add(_new_row())
            except IntegrityError:
                pass  # another process made it first: use theirs
            with self.db.read() as session:
                row = session.get(AuthorityKey, SLOT)
        assert row is not None
        return _open(row)
