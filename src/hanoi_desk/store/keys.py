"""Key material: the profile master key, the keys derived from it, and key wrapping.

Every key wrap is AES-256-GCM with associated data naming what is wrapped and
for whom, so a wrapped key copied to another slot or profile fails to open.

Keys are ``bytearray`` objects written by the libraries in place
(``derive_into``, ``decrypt_into``), so whoever holds one can zero it when it
is done (see secmem.py and docs/key-hierarchy.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hanoi_desk.store.secmem import scrub, zero

# AES-256-GCM, spelled once for the key wraps here and the blob format (blobs.py).
KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16


def new_key() -> bytearray:
    """A random 256-bit key in a buffer its owner can zero."""
    raw = os.urandom(KEY_BYTES)
    key = bytearray(raw)
    scrub(raw)  # os.urandom's own object: nobody else refers to it
    return key


@dataclass(frozen=True)
class DerivedKeys:
    """Sub-keys of the master key; the master key itself never touches data.

    No field is in the repr: a log line, an assertion message or a traceback
    with locals would otherwise print all three keys."""

    database: bytearray = field(repr=False)
    """Raw SQLCipher key (no second passphrase KDF: the master key is already random)."""
    blobs: bytearray = field(repr=False)
    """Wraps the random per-blob keys of the blob store."""
    outbox: bytearray = field(repr=False)
    """Reserved for sealing sync credentials inside the profile."""

    def wipe(self) -> None:
        for key in (self.database, self.blobs, self.outbox):
            zero(key)


def derive_keys(master: bytes | bytearray, profile_id: str) -> DerivedKeys:
    def derive(label: bytes) -> bytearray:
        out = bytearray(KEY_BYTES)
        HKDF(
            algorithm=hashes.SHA256(),
            length=KEY_BYTES,
            salt=profile_id.encode(),
            info=b"hanoi-desk/" + label,
        ).derive_into(master, out)
        return out

    return DerivedKeys(
        database=derive(b"sqlcipher/v1"),
        blobs=derive(b"blobs/v1"),
        outbox=derive(b"credentials/v1"),
    )


def seal(key: bytes | bytearray, plaintext: bytes | bytearray, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(
    key: bytes | bytearray, nonce: bytes, sealed: bytes, aad: bytes
) -> bytearray | None:
    """The sealed key, decrypted into a buffer the caller zeroes when done; None
    when the key is wrong or the data was altered."""
    out = bytearray(max(0, len(sealed) - TAG_BYTES))
    try:
        AESGCM(key).decrypt_into(nonce, sealed, aad, out)
    except InvalidTag:
        zero(out)
        return None
    return out


@dataclass(frozen=True)
class Argon2Params:
    """Argon2id cost. 64 MiB and 3 passes unlock in about 0.15 s on the 2-core
    reference machine, inside the 0.1-1 s the product asks for, and cost an
    attacker 64 MiB per guess."""

    memory_kib: int = 64 * 1024
    iterations: int = 3
    lanes: int = 4

    def derive(self, passphrase: str, salt: bytes) -> bytearray:
        """The key-encryption key, in a buffer the caller zeroes after use."""
        secret = passphrase.encode("utf-8")
        out = bytearray(KEY_BYTES)
        try:
            Argon2id(
                salt=salt,
                length=KEY_BYTES,
                iterations=self.iterations,
                lanes=self.lanes,
                memory_cost=self.memory_kib,
            ).derive_into(secret, out)
        finally:
            scrub(secret)  # our own encoded copy; the caller's str is out of reach
        return out
