"""Encrypted, content-addressed, chunked blob store.

Why a format of our own: see docs/blob-format.md. In short, each blob is a
file named by the SHA-256 of its plaintext and made of a header and chunks of
(by default) 1 MiB, each sealed with AES-256-GCM under a random per-blob key.
The per-blob key is wrapped by the profile's blob key, with associated data
naming the blob's hash, so a blob renamed, swapped or copied from another
profile fails to open. Every chunk's associated data binds the header, the
chunk index and a last-chunk flag, so truncation, reordering and tampering are
each detected. A blob is written under ``partial/`` and renamed into place
only when complete, verified and synced: a crash never leaves a half blob that
looks whole, and a partial blob can be resumed chunk by chunk.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import struct
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from hanoi_desk.store.fsutil import environment_fault, fsync_dir
from hanoi_desk.store.keys import KEY_BYTES, NONCE_BYTES, TAG_BYTES, new_key, open_sealed, seal
from hanoi_desk.store.secmem import zero

MAGIC = b"HDBLOB\x00\x01"
DEFAULT_CHUNK = 1024 * 1024
_FIXED = struct.Struct(">8sIQ16s")  # magic, chunk size, plaintext size, file id
_SLOT_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES
HEADER_BYTES = _FIXED.size + _SLOT_BYTES
CHUNK_OVERHEAD = NONCE_BYTES + TAG_BYTES
_HEX64 = re.compile(r"[0-9a-f]{64}")
_PARTIAL_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")


class BlobError(Exception):
    """A blob failed to open or verify. The cache names the document; this names the blob."""

    def __init__(self, sha256: str, reason: str) -> None:
        super().__init__(f"blob {sha256[:12]}: {reason}")
        self.sha256 = sha256
        self.reason = reason


class BlobMissing(BlobError):
    pass


def _chunk_count(size: int, chunk: int) -> int:
    return max(1, -(-size // chunk))


@dataclass(frozen=True)
class _Header:
    fixed: bytes
    chunk_size: int
    size: int
    slot_nonce: bytes
    slot_wrapped: bytes

    @property
    def chunks(self) -> int:
        return _chunk_count(self.size, self.chunk_size)

    def chunk_len(self, index: int) -> int:
        if index < self.chunks - 1:
            return self.chunk_size
        return self.size - self.chunk_size * (self.chunks - 1)

    def chunk_offset(self, index: int) -> int:
        return HEADER_BYTES + index * (self.chunk_size + CHUNK_OVERHEAD)

    @property
    def file_size(self) -> int:
        return HEADER_BYTES + self.size + self.chunks * CHUNK_OVERHEAD

    def chunk_aad(self, index: int) -> bytes:
        return self.fixed + struct.pack(">QB", index, index == self.chunks - 1)


def _slot_aad(fixed: bytes, state: str) -> bytes:
    return b"hanoi-desk/blob-key/v1/" + fixed + state.encode()


def _read_header(f: BinaryIO, sha: str) -> _Header:
    raw = f.read(HEADER_BYTES)
    if len(raw) < HEADER_BYTES:
        raise BlobError(sha, "truncated header")
    magic, chunk, size, _file_id = _FIXED.unpack_from(raw)
    if magic != MAGIC or not 4096 <= chunk <= 64 * 1024 * 1024:
        raise BlobError(sha, "not a Hanoi Desk blob")
    fixed = raw[: _FIXED.size]
    slot = raw[_FIXED.size :]
    return _Header(fixed, chunk, size, slot[:NONCE_BYTES], slot[NONCE_BYTES:])


class BlobReader:
    """Random access to one verified blob. Each chunk is authenticated as it is read."""

    def __init__(self, path: Path, sha256: str, blob_key: bytes | bytearray) -> None:
        self.sha256 = sha256
        try:
            self._f: BinaryIO = open(path, "rb")  # noqa: SIM115 - closed by close()
        except FileNotFoundError:
            raise BlobMissing(sha256, "missing from the cache") from None
        try:
            self._h = _read_header(self._f, sha256)
            key = open_sealed(
                blob_key,
                self._h.slot_nonce,
                self._h.slot_wrapped,
                _slot_aad(self._h.fixed, "final:" + sha256),
            )
            if key is None:
                raise BlobError(sha256, "its key does not open: from another profile or renamed")
            try:
                if os.fstat(self._f.fileno()).st_size != self._h.file_size:
                    raise BlobError(sha256, "truncated or extended")
                self._aead = AESGCM(key)
            finally:
                zero(key)  # the AEAD object keeps the only copy it needs
        except BaseException:
            self._f.close()
            raise

    @property
    def size(self) -> int:
        return self._h.size

    def close(self) -> None:
        self._f.close()
        with contextlib.suppress(AttributeError):
            del self._aead  # the per-blob key goes with it

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def chunk(self, index: int) -> bytes:
        h = self._h
        self._f.seek(h.chunk_offset(index))
        raw = memoryview(self._f.read(NONCE_BYTES + h.chunk_len(index) + TAG_BYTES))
        try:  # memoryview slices: no copy of the 1 MiB chunk before decryption
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], h.chunk_aad(index))
        except InvalidTag:
            raise BlobError(
                self.sha256, f"chunk {index} was altered, swapped or truncated"
            ) from None

    def read_buffer(self) -> bytearray:
        """The whole plaintext decrypted into one buffer the caller zeroes when done
        (no chunk copies left behind), checked against the content address."""
        h = self._h
        out = bytearray(h.size)
        view = memoryview(out)
        digest = hashlib.sha256()
        try:
            for index in range(h.chunks):
                self._f.seek(h.chunk_offset(index))
                raw = memoryview(self._f.read(NONCE_BYTES + h.chunk_len(index) + TAG_BYTES))
                start = index * h.chunk_size
                part = view[start : start + h.chunk_len(index)]
                try:
                    self._aead.decrypt_into(
                        raw[:NONCE_BYTES], raw[NONCE_BYTES:], h.chunk_aad(index), part
                    )
                except InvalidTag:
                    raise BlobError(
                        self.sha256, f"chunk {index} was altered, swapped or truncated"
                    ) from None
                digest.update(part)
            if digest.hexdigest() != self.sha256:
                raise BlobError(self.sha256, "content does not match its hash")
        except BaseException:
            view.release()
            zero(out)
            raise
        view.release()
        return out

    def iter_chunks(self) -> Iterator[bytes]:
        for i in range(self._h.chunks):
            yield self.chunk(i)

    def read_range(self, offset: int, length: int) -> bytes:
        if offset < 0 or length < 0:
            raise ValueError("negative range")
        end = min(offset + length, self._h.size)
        if offset >= end:
            return b""
        cs = self._h.chunk_size
        parts = [self.chunk(i) for i in range(offset // cs, (end - 1) // cs + 1)]
        start = offset - (offset // cs) * cs
        return b"".join(parts)[start : start + end - offset]

    def read_all(self) -> bytes:
        """The whole plaintext, checked against the content address."""
        digest = hashlib.sha256()
        parts = []
        for part in self.iter_chunks():
            digest.update(part)
            parts.append(part)
        if digest.hexdigest() != self.sha256:
            raise BlobError(self.sha256, "content does not match its hash")
        return b"".join(parts)

    def verify(self) -> None:
        digest = hashlib.sha256()
        for part in self.iter_chunks():
            digest.update(part)
        if digest.hexdigest() != self.sha256:
            raise BlobError(self.sha256, "content does not match its hash")


class BlobWriter:
    """Writes one blob under ``partial/``; :meth:`commit` makes it visible.

    Data may arrive in any slice sizes; only whole chunks reach the disk, so
    :attr:`offset` (what a resumed download asks for next) is always a chunk
    boundary of data that is already durable after :meth:`flush`.
    """

    def __init__(self, store: BlobStore, name: str, size: int, *, _resume: bool) -> None:
        self.store = store
        self.name = name
        self.size = size
        self.path = store.partial_dir / f"{name}.part"
        self._digest = hashlib.sha256()
        self._buf = bytearray()
        self._index = 0
        self._f: BinaryIO
        if _resume and self.path.exists() and self._resume():
            return
        self._start()

    # -- set-up ---------------------------------------------------------------

    def _state(self) -> str:
        return "partial:" + self.name

    def _start(self) -> None:
        fixed = _FIXED.pack(MAGIC, self.store.chunk_size, self.size, uuid.uuid4().bytes)
        key = new_key()
        nonce, wrapped = seal(self.store.blob_key, key, _slot_aad(fixed, self._state()))
        self._h = _Header(fixed, self.store.chunk_size, self.size, nonce, wrapped)
        self._aead = AESGCM(key)
        self._key = key  # kept for commit(), which seals it again under its final name
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            self._f = os.fdopen(fd, "wb")
            self._f.write(fixed + nonce + wrapped)
        except OSError as exc:
            raise environment_fault(self.path, exc) from None

    def _resume(self) -> bool:
        """Reopen a partial blob, keep its complete verified chunks, drop the rest."""
        try:
            f = open(self.path, "r+b")  # noqa: SIM115 - kept as self._f
        except OSError:
            return False
        key: bytearray | None = None
        try:
            h = _read_header(f, self.name)
            key = open_sealed(
                self.store.blob_key, h.slot_nonce, h.slot_wrapped, _slot_aad(h.fixed, self._state())
            )
            if key is None or h.size != self.size or h.chunk_size != self.store.chunk_size:
                if key is not None:
                    zero(key)
                f.close()
                return False
            aead = AESGCM(key)
            have = os.fstat(f.fileno()).st_size
            index = 0
            while index < h.chunks - 1:  # the last chunk is only written by commit()
                start = h.chunk_offset(index)
                need = NONCE_BYTES + h.chunk_len(index) + TAG_BYTES
                if start + need > have:
                    break
                f.seek(start)
                raw = f.read(need)
                try:
                    plain = aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], h.chunk_aad(index))
                except InvalidTag:
                    break
                self._digest.update(plain)
                index += 1
            f.truncate(h.chunk_offset(index))
            f.seek(h.chunk_offset(index))
        except (BlobError, OSError):
            if key is not None:
                zero(key)
            f.close()
            return False
        self._h, self._aead, self._key, self._f, self._index = h, aead, key, f, index
        return True

    # -- writing ---------------------------------------------------------------

    @property
    def offset(self) -> int:
        """Plaintext bytes already stored as whole chunks (where a resume continues)."""
        return self._index * self._h.chunk_size

    @property
    def received(self) -> int:
        return self.offset + len(self._buf)

    def write(self, data: bytes) -> None:
        if self.received + len(data) > self.size:
            raise ValueError("more data than the declared size")
        self._buf += data
        cs = self._h.chunk_size
        while len(self._buf) >= cs and self._index < self._h.chunks - 1:
            self._write_chunk(bytes(self._buf[:cs]))
            del self._buf[:cs]

    def _write_chunk(self, plain: bytes) -> None:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, plain, self._h.chunk_aad(self._index))
        try:
            self._f.write(nonce + sealed)
        except OSError as exc:
            raise environment_fault(self.path, exc) from None
        self._digest.update(plain)
        self._index += 1

    def flush(self) -> None:
        """Make the chunks written so far durable (a resume point)."""
        try:
            self._f.flush()
            os.fsync(self._f.fileno())
        except OSError as exc:
            raise environment_fault(self.path, exc) from None

    def commit(self, expected_sha256: str | None = None) -> str:
        """Seal the last chunk, check the hash, and move the blob into place."""
        if self.received != self.size:
            raise ValueError(f"incomplete blob: {self.received} of {self.size} bytes")
        self._write_chunk(bytes(self._buf))
        self._buf.clear()
        sha = self._digest.hexdigest()
        if expected_sha256 is not None and sha != expected_sha256:
            self.abort()
            raise BlobError(expected_sha256, f"received content hashes to {sha[:12]}")
        final = self.store.path_for(sha)
        try:
            nonce, wrapped = seal(
                self.store.blob_key, self._key, _slot_aad(self._h.fixed, "final:" + sha)
            )
            self._f.seek(_FIXED.size)
            self._f.write(nonce + wrapped)
            self.flush()
            self._f.close()
            self._forget_key()
            if self._existing_copy_is_good(final, sha):
                self.path.unlink()  # same content already stored and verified: keep it
            else:
                # New, or the stored copy is damaged: the fresh verified copy replaces it,
                # so re-importing or re-downloading repairs a damaged document.
                if not final.parent.exists():
                    final.parent.mkdir()
                    fsync_dir(self.store.root)
                os.replace(self.path, final)
                fsync_dir(final.parent)
            fsync_dir(self.path.parent)
        except OSError as exc:
            raise environment_fault(final, exc) from None
        return sha

    def _existing_copy_is_good(self, final: Path, sha: str) -> bool:
        if not final.exists():
            return False
        try:
            with BlobReader(final, sha, self.store.blob_key) as reader:
                reader.verify()
        except BlobError:
            return False
        return True

    def _forget_key(self) -> None:
        zero(self._key)
        with contextlib.suppress(AttributeError):
            del self._aead

    def close(self) -> None:
        """Stop writing but keep the partial blob for a later resume."""
        with contextlib.suppress(OSError):
            self.flush()
        self._f.close()
        self._forget_key()

    def abort(self) -> None:
        self._f.close()
        self._forget_key()
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


class BlobStore:
    def __init__(
        self, root: Path, blob_key: bytes | bytearray, chunk_size: int = DEFAULT_CHUNK
    ) -> None:
        self.root = root
        # A copy of its own, zeroed by close(): the store can outlive the session's
        # keys (a sync run finishing on its own connection after a lock).
        self.blob_key = bytearray(blob_key)
        self.chunk_size = chunk_size
        self.partial_dir = root / "partial"
        self.partial_dir.mkdir(parents=True, exist_ok=True, mode=0o700)

    def close(self) -> None:
        """Zero the blob key: nothing can be read or written through this store after."""
        zero(self.blob_key)

    def path_for(self, sha256: str) -> Path:
        if not _HEX64.fullmatch(sha256):
            raise ValueError("not a SHA-256 hex digest")
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def open(self, sha256: str) -> BlobReader:
        return BlobReader(self.path_for(sha256), sha256, self.blob_key)

    def writer(self, size: int, name: str | None = None) -> BlobWriter:
        """A writer into ``partial/<name>``; an existing partial of that name is resumed."""
        if name is None:
            return BlobWriter(self, f"import-{uuid.uuid4().hex}", size, _resume=False)
        if not _PARTIAL_NAME.fullmatch(name):
            raise ValueError("bad partial name")
        return BlobWriter(self, name, size, _resume=True)

    def put_file(self, source: BinaryIO, size: int) -> str:
        writer = self.writer(size)
        try:
            while block := source.read(self.chunk_size):
                writer.write(block)
            return writer.commit()
        except BaseException:
            writer.abort()
            raise

    def put(self, data: bytes) -> str:
        writer = self.writer(len(data))
        try:
            writer.write(data)
            return writer.commit()
        except BaseException:
            writer.abort()
            raise

    def remove(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path_for(sha256).unlink()

    def stored(self) -> set[str]:
        return {p.name for p in self.root.glob("??/*") if _HEX64.fullmatch(p.name)}

    def drop_abandoned_imports(self) -> None:
        """Partial blobs of a killed import have nothing to resume: remove them."""
        for part in self.partial_dir.glob("import-*.part"):
            with contextlib.suppress(OSError):
                part.unlink()
