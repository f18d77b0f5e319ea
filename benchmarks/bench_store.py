"""Encrypted cache against plain files and plain SQL, measured in the same run."""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

from common import best_of, report
from hanoi_desk.app.session import Desk
from hanoi_desk.domain.text import fold
from hanoi_desk.store.blobs import BlobStore
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.keys import new_key
from hanoi_desk.store.unlockers import PassphraseUnlocker
from hanoi_desk.store.vault import Vault

MB = 1024 * 1024
SIZE = 200 * MB


class _Prompt:
    def passphrase(self, profile: str, *, new: bool) -> str:
        return "benchmark passphrase"


def _read_file(path: Path) -> int:
    total = 0
    with open(path, "rb") as f:
        while block := f.read(MB):
            total += len(block)
    return total


def _read_blob(store: BlobStore, sha: str) -> int:
    total = 0
    with store.open(sha) as reader:
        for chunk in reader.iter_chunks():
            total += len(chunk)
    return total


def _aead_floor() -> float:
    """Decryption throughput of AES-256-GCM by itself: the ceiling for our reads."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aead, nonce = AESGCM(new_key()), os.urandom(12)
    sealed = aead.encrypt(nonce, os.urandom(MB), b"")
    return 50 / best_of(lambda: [aead.decrypt(nonce, sealed, b"") for _ in range(50)], 3)


def blobs(tmp: Path) -> None:
    plain = tmp / "plain.bin"
    plain.write_bytes(os.urandom(SIZE))
    store = BlobStore(tmp / "blobs", new_key())

    def put() -> str:
        with open(plain, "rb") as f:
            return store.put_file(f, SIZE)

    def durable_copy() -> None:
        shutil.copyfile(plain, tmp / "copy.bin")
        with open(tmp / "copy.bin", "rb+") as f:
            os.fsync(f.fileno())

    copy_s = best_of(durable_copy, 3)
    put_s = best_of(put, 3)
    sha = put()
    report(
        "store.import_200MB",
        SIZE / MB / put_s,
        SIZE / MB / copy_s,
        "MB/s",
        "encrypt+hash+fsync vs copy+fsync; ratio is of throughput",
    )

    read_plain = best_of(lambda: _read_file(plain), 5)
    read_blob = best_of(lambda: _read_blob(store, sha), 5)
    report(
        "store.read_seq_200MB",
        SIZE / MB / read_blob,
        SIZE / MB / read_plain,
        "MB/s",
        f"goal ratio >= 0.8; AES-256-GCM alone decrypts {_aead_floor():.0f} MB/s here",
    )

    rng = random.Random(7)
    offsets = [rng.randrange(0, SIZE - 65536) for _ in range(300)]

    def random_plain() -> None:
        with open(plain, "rb") as f:
            for off in offsets:
                f.seek(off)
                f.read(65536)

    def random_blob() -> None:
        with store.open(sha) as reader:
            for off in offsets:
                reader.read_range(off, 65536)

    per_plain = best_of(random_plain, 3) / len(offsets) * 1e6
    per_blob = best_of(random_blob, 3) / len(offsets) * 1e6
    report(
        "store.read_random_64KiB",
        per_blob,
        per_plain,
        "us",
        "per read; a 64 KiB range decrypts one or two 1 MiB chunks",
    )


def unlock(tmp: Path) -> None:
    home = tmp / "home"
    desk = Desk(Vault(home, {"passphrase": PassphraseUnlocker()}))
    desk.create("bench", _Prompt())

    def ours() -> None:
        desk.open("bench", _Prompt(), "passphrase").close()

    import sqlcipher3

    db = tmp / "pbkdf2.db"
    conn = sqlcipher3.connect(str(db))
    conn.execute("PRAGMA key = 'benchmark passphrase'")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()

    def sqlcipher_default() -> None:
        c = sqlcipher3.connect(str(db))
        c.execute("PRAGMA key = 'benchmark passphrase'")
        c.execute("SELECT COUNT(*) FROM t").fetchone()
        c.close()

    report(
        "store.unlock",
        best_of(ours, 5) * 1000,
        best_of(sqlcipher_default, 5) * 1000,
        "ms",
        "Argon2id 64 MiB x3 + raw-key open vs SQLCipher's own PBKDF2 passphrase open",
    )


VOCABULARY = (
    "ngân sách thành phố Hà Nội quận Đống Đa phường xã đầu tư xây dựng trường học "
    "bệnh viện giao thông đô thị kế hoạch báo cáo tờ trình nghị quyết quyết định "
    "đại biểu hội đồng nhân dân ủy ban chuyển đổi số môi trường"
)
WORDS = VOCABULARY.split()


def search(tmp: Path) -> None:
    home = tmp / "search-home"
    desk = Desk(Vault(home, {"passphrase": PassphraseUnlocker()}))
    desk.create("bench", _Prompt())
    rng = random.Random(3)
    with desk.open("bench", _Prompt(), "passphrase") as session:
        cache = session.cache
        with cache.transaction() as c:
            for d in range(100):
                doc, ver = f"doc{d}", f"ver{d}"
                c.execute(
                    "INSERT INTO documents (id, title, origin, created_at) "
                    "VALUES (?, ?, 'local', 'now')",
                    (doc, f"Tài liệu {d}"),
                )
                c.execute(
                    "INSERT INTO document_versions (id, document_id, version, sha256, size, "
                    "pages, filename, created_at, available) "
                    "VALUES (?, ?, 1, ?, 0, 100, 'x.pdf', 'now', 1)",
                    (ver, doc, "0" * 64),
                )
                pages = [" ".join(rng.choice(WORDS) for _ in range(300)) for _ in range(100)]
                Cache._index_pages(c, ver, pages)
        queries = ["ha noi", "truong hoc", "chuyen doi so", "benh vien", "dong da"]

        def ours() -> None:
            for q in queries:
                cache.search(q, limit=50)

        def like_scan() -> None:
            for q in queries:
                cache._conn.execute(  # the baseline: a raw scan, below the repositories
                    "SELECT version_id, page FROM page_text WHERE body LIKE ? LIMIT 50", (f"%{q}%",)
                ).fetchall()

        ours_ms = best_of(ours, 5) * 1000 / len(queries)
        like_ms = best_of(like_scan, 5) * 1000 / len(queries)
        assert fold("Hà Nội") == "ha noi"
        report(
            "store.search_10k_pages",
            ours_ms,
            like_ms,
            "ms",
            "per query, FTS5 on folded text vs LIKE scan (which cannot ignore accents); "
            "goal <= 50 ms",
        )


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hd-bench-", dir=os.environ.get("BENCH_DIR")) as d:
        tmp = Path(d)
        blobs(tmp)
        unlock(tmp)
        search(tmp)


if __name__ == "__main__":
    main()
