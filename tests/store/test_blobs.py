"""The blob format: round trips, random access, resume, and every kind of tampering."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest

from hanoi_desk.store.blobs import CHUNK_OVERHEAD, HEADER_BYTES, BlobError, BlobStore
from hanoi_desk.store.keys import new_key

CHUNK = 4096  # small chunks make multi-chunk cases cheap; the format is the same


@pytest.fixture
def store(tmp_path: Path) -> BlobStore:
    return BlobStore(tmp_path / "blobs", new_key(), chunk_size=CHUNK)


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 17])
def test_round_trip_and_ranges(store: BlobStore, size: int) -> None:
    data = os.urandom(size)
    sha = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    path = store.path_for(sha)
    assert path.stat().st_size == HEADER_BYTES + size + max(1, -(-size // CHUNK)) * CHUNK_OVERHEAD
    assert size < 32 or data[:32] not in path.read_bytes()  # shorter runs can occur by chance
    with store.open(sha) as reader:
        assert reader.read_all() == data
        rng = random.Random(size)
        for _ in range(30):
            start = rng.randrange(0, size + 1)
            length = rng.randrange(0, 3 * CHUNK)
            assert reader.read_range(start, length) == data[start : start + length]
    assert list(store.partial_dir.iterdir()) == []


def _corrupt(path: Path, offset: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))


def test_flipped_byte_anywhere_is_detected(store: BlobStore) -> None:
    data = os.urandom(3 * CHUNK + 5)
    sha = store.put(data)
    path = store.path_for(sha)
    pristine = path.read_bytes()
    for offset in [
        0,
        20,
        40,
        HEADER_BYTES - 1,
        HEADER_BYTES + 3,
        HEADER_BYTES + CHUNK + 30,
        len(pristine) - 1,
    ]:
        path.write_bytes(pristine)
        _corrupt(path, offset)
        with pytest.raises(BlobError), store.open(sha) as reader:
            reader.read_all()


def test_truncation_at_a_chunk_boundary_is_detected(store: BlobStore) -> None:
    sha = store.put(os.urandom(3 * CHUNK))
    path = store.path_for(sha)
    raw = path.read_bytes()
    path.write_bytes(raw[: HEADER_BYTES + 2 * (CHUNK + CHUNK_OVERHEAD)])
    with pytest.raises(BlobError, match="truncated"):
        store.open(sha)


def test_swapped_chunks_are_detected(store: BlobStore) -> None:
    sha = store.put(os.urandom(3 * CHUNK))
    path = store.path_for(sha)
    raw = path.read_bytes()
    step = CHUNK + CHUNK_OVERHEAD
    a = raw[HEADER_BYTES : HEADER_BYTES + step]
    b = raw[HEADER_BYTES + step : HEADER_BYTES + 2 * step]
    path.write_bytes(raw[:HEADER_BYTES] + b + a + raw[HEADER_BYTES + 2 * step :])
    with store.open(sha) as reader, pytest.raises(BlobError, match="chunk 0"):
        reader.chunk(0)


def test_blob_renamed_to_another_address_does_not_open(store: BlobStore) -> None:
    sha_a = store.put(b"a" * 100)
    sha_b = store.put(b"b" * 100)
    store.path_for(sha_b).write_bytes(store.path_for(sha_a).read_bytes())
    with pytest.raises(BlobError, match="another profile or renamed"):
        store.open(sha_b)


def test_blob_from_another_profile_does_not_open(tmp_path: Path, store: BlobStore) -> None:
    other = BlobStore(tmp_path / "other", new_key(), chunk_size=CHUNK)
    data = os.urandom(2 * CHUNK)
    sha = other.put(data)
    store.put(data)
    store.path_for(sha).write_bytes(other.path_for(sha).read_bytes())
    with pytest.raises(BlobError, match="another profile"):
        store.open(sha)


def test_commit_with_wrong_hash_leaves_nothing(store: BlobStore) -> None:
    data = os.urandom(CHUNK + 1)
    writer = store.writer(len(data), name="f" * 64)
    writer.write(data)
    with pytest.raises(BlobError, match="hashes to"):
        writer.commit(expected_sha256="0" * 64)
    assert store.stored() == set()
    assert list(store.partial_dir.iterdir()) == []


def test_partial_blob_resumes_from_its_last_whole_chunk(store: BlobStore) -> None:
    data = os.urandom(4 * CHUNK + 100)
    sha = hashlib.sha256(data).hexdigest()
    first = store.writer(len(data), name=sha)
    first.write(data[: 2 * CHUNK + 700])  # two whole chunks and a bit
    first.close()
    # A torn write after the last whole chunk: garbage that must be dropped.
    with open(first.path, "ab") as f:
        f.write(os.urandom(500))
    second = store.writer(len(data), name=sha)
    assert second.offset == 2 * CHUNK
    second.write(data[second.offset :])
    assert second.commit(expected_sha256=sha) == sha
    with store.open(sha) as reader:
        assert reader.read_all() == data


def test_partial_with_a_damaged_chunk_restarts_there(store: BlobStore) -> None:
    data = os.urandom(4 * CHUNK)
    sha = hashlib.sha256(data).hexdigest()
    first = store.writer(len(data), name=sha)
    first.write(data[: 3 * CHUNK])
    first.close()
    _corrupt(first.path, HEADER_BYTES + (CHUNK + CHUNK_OVERHEAD) + 50)  # inside chunk 1
    second = store.writer(len(data), name=sha)
    assert second.offset == CHUNK
    second.write(data[CHUNK:])
    assert second.commit(expected_sha256=sha) == sha


def test_partial_of_another_size_starts_over(store: BlobStore) -> None:
    first = store.writer(3 * CHUNK, name="x" * 10)
    first.write(os.urandom(2 * CHUNK))
    first.close()
    again = store.writer(5 * CHUNK, name="x" * 10)
    assert again.offset == 0
    again.abort()


def test_bad_partial_names_are_refused(store: BlobStore) -> None:
    for name in ["../escape", "a/b", "", "x" * 200]:
        with pytest.raises(ValueError):
            store.writer(10, name=name)
    with pytest.raises(ValueError):
        store.path_for("../../etc/passwd")
