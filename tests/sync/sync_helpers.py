"""Helpers of the sync tests: change records, fast backoff, an engine."""

from __future__ import annotations

import hashlib
import random
from typing import Any
from urllib.parse import parse_qs, urlsplit

from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.backoff import Backoff
from hanoi_desk.sync.engine import SyncEngine
from hanoi_desk.sync.http import Connection


def fast_backoff(attempts: int = 8, seed: int = 0) -> Backoff:
    return Backoff(base=0.005, cap=0.05, attempts=attempts, rng=random.Random(seed))


def make_engine(url: str, replica: Replica, **kw: Any) -> tuple[Connection, SyncEngine]:
    conn = Connection(
        url,
        replica,
        username=kw.pop("username", "an"),
        password=kw.pop("password", lambda: "pw"),
        **({"request_timeout": kw.pop("request_timeout")} if "request_timeout" in kw else {}),
    )
    kw.setdefault("backoff", fast_backoff())
    return conn, SyncEngine(conn, replica, **kw)


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def meeting(mid: str = "m1", starts: str = "2027-05-12T08:00:00+07:00") -> dict[str, Any]:
    return {
        "type": "meeting",
        "id": mid,
        "data": {
            "title": "Họp Ủy ban nhân dân phường",
            "starts_at": starts,
            "ends_at": None,
            "place": "Phòng họp 1",
            "chair": "Trần Thị B",
            "status": "scheduled",
        },
    }


def version(
    vid: str, data: bytes, *, mid: str = "m1", doc: str = "d1", n: int = 1, **over: Any
) -> dict[str, Any]:
    body = {
        "document_id": doc,
        "meeting_id": mid,
        "agenda_item_id": None,
        "title": "Tờ trình số 12",
        "version": n,
        "sha256": sha(data),
        "size": len(data),
        "filename": "to-trinh.pdf",
        "superseded_by": None,
    }
    body.update(over)
    return {"type": "document_version", "id": vid, "data": body}


def query(target: str) -> dict[str, str]:
    """The query parameters of a request target, one value each."""
    return {k: v[0] for k, v in parse_qs(urlsplit(target).query, keep_blank_values=True).items()}


def page(changes: list[dict[str, Any]], cursor: str = "c1", more: bool = False) -> dict[str, Any]:
    return {"changes": changes, "cursor": cursor, "has_more": more}


def server_bytes(srv: Any, sha256: str) -> bytes:
    """A blob as the server stores it (read from its blob store, not over HTTP)."""
    size = srv.server.blobs.size(sha256)
    assert size is not None
    return b"".join(srv.server.blobs.read(sha256, 0, size - 1))


def cache_bytes(replica: Replica, sha256: str) -> bytes:
    with replica.blobs.open(sha256) as reader:
        return reader.read_all()
