"""Blob storage behind a small interface: a directory here, S3-compatible in deployment.

Blobs are named by the SHA-256 of their bytes and never change. Upload parts
live in the same store so any instance can continue an upload another one
started. ``docs/server-deployment.md`` describes the S3 implementation of this
interface (multipart upload for parts, ranged GET for reads).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from hanoi_desk import protocol as p
from hanoi_desk.server.files import PRIVATE_DIR, PRIVATE_FILE, private_dir

READ_CHUNK = 256 * 1024


class BlobStore(Protocol):
    def size(self, sha256: str) -> int | None:
        """The blob's size, or None when it is not stored."""

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        """Bytes ``start..end`` inclusive."""

    def put_bytes(self, data: bytes) -> str:
        """Store bytes; returns their SHA-256."""

    def write_part(self, upload_id: str, offset: int, chunk: bytes) -> None:
        """Write an upload chunk at ``offset``, discarding anything after it first."""

    def part_digest(self, upload_id: str) -> str:
        """SHA-256 of the upload's bytes so far."""

    def commit_part(self, upload_id: str, sha256: str) -> None:
        """Turn a complete, verified upload into the blob ``sha256``."""

    def discard_part(self, upload_id: str) -> None: ...


class DirectoryBlobStore:
    """``<root>/ab/cd/<sha256>``; writes go to a temp name in the same folder, then rename.

    Folders are 0700 and files 0600 (see ``files.py``): blobs are the meetings' documents.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        private_dir(root)
        private_dir(root / "parts")

    def _path(self, sha256: str) -> Path:
        p.check_sha256(sha256)
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def _part(self, upload_id: str) -> Path:
        if not upload_id.isalnum():
            raise ValueError("upload ids are alphanumeric")
        return self.root / "parts" / upload_id

    def size(self, sha256: str) -> int | None:
        try:
            return self._path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def read(self, sha256: str, start: int, end: int) -> Iterator[bytes]:
        with self._path(sha256).open("rb") as f:
            f.seek(start)
            left = end - start + 1
            while left > 0:
                data = f.read(min(READ_CHUNK, left))
                if not data:
                    raise OSError("blob shorter than recorded")
                left -= len(data)
                yield data

    def _install(self, tmp: Path, sha256: str) -> None:
        final = self._path(sha256)
        # One level at a time: with parents=True only the last folder would get the mode.
        final.parent.parent.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        final.parent.mkdir(mode=PRIVATE_DIR, exist_ok=True)
        os.replace(tmp, final)

    def put_bytes(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if self.size(sha) == len(data):
            return sha
        tmp = self.root / "parts" / f"put-{secrets.token_hex(8)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        self._install(tmp, sha)
        return sha

    def write_part(self, upload_id: str, offset: int, chunk: bytes) -> None:
        path = self._part(upload_id)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        try:
            os.ftruncate(fd, offset)
            os.pwrite(fd, chunk, offset)
            os.fsync(fd)
        finally:
            os.close(fd)

    def part_digest(self, upload_id: str) -> str:
        h = hashlib.sha256()
        path = self._part(upload_id)
        if path.exists():
            with path.open("rb") as f:
                while data := f.read(READ_CHUNK):
                    h.update(data)
        return h.hexdigest()

    def commit_part(self, upload_id: str, sha256: str) -> None:
        self._install(self._part(upload_id), sha256)

    def discard_part(self, upload_id: str) -> None:
        self._part(upload_id).unlink(missing_ok=True)
