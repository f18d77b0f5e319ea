"""Answers a hostile or broken server might send are refused and nothing is written.

The server here is tests/sync/sync_hostile.py (a stub on purpose: the real
reference server never lies, so it cannot show these refusals).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from sync_helpers import make_engine, meeting, page, sha, version
from sync_hostile import Answer, Handler, HostileServer, json_answer

from hanoi_desk.errors import IntegrityError
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync import http as sync_http
from hanoi_desk.sync.faults import BadAnswer

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 200  # not a real PDF: stored, not indexed


def nothing_written(replica: Replica) -> None:
    c = replica.conn
    assert replica.cursor("http://" + "x") == ""
    assert c.execute("SELECT COUNT(*) FROM sync_checkpoints").fetchone()[0] == 0
    assert c.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 0
    assert c.execute("SELECT COUNT(*) FROM document_versions").fetchone()[0] == 0


def no_blob(replica: Replica) -> None:
    assert replica.blobs.stored() == set()
    assert list(replica.blobs.partial_dir.iterdir()) == []
    assert replica.conn.execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == 0
    assert replica.conn.execute("SELECT MAX(available) FROM document_versions").fetchone()[0] == 0


def serve_page(server: HostileServer, body: Any) -> None:
    server.route("GET", "/v1/changes", lambda _h: json_answer(body))


def run(server: HostileServer, replica: Replica) -> None:
    conn, engine = make_engine(server.url, replica)
    try:
        engine.run()
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("label", "change"),
    [
        ("parent path", version("v1", PDF, filename="../../etc/passwd")),
        ("absolute path", version("v1", PDF, filename="/etc/passwd")),
        ("windows path", version("v1", PDF, filename="C:\\evil.pdf")),
        ("folder", version("v1", PDF, filename="sub/doc.pdf")),
        ("nul", version("v1", PDF, filename="a\x00.pdf")),
        ("sha with path", version("v1", PDF, sha256="../" * 21 + "a")),
        ("sha uppercase", version("v1", PDF, sha256=sha(PDF).upper())),
        ("negative size", version("v1", PDF, size=-1)),
        ("oversized size", version("v1", PDF, size=3 * 1024**3)),
        ("id with path", {**version("v1", PDF), "id": "../v1"}),
        ("bad status", {**meeting(), "data": {**meeting()["data"], "status": "hacked"}}),
        ("unknown meeting", version("v1", PDF, mid="never-sent")),
    ],
)
def test_a_bad_record_rejects_the_whole_page(
    hostile: HostileServer, replica: Replica, label: str, change: dict[str, Any]
) -> None:
    serve_page(hostile, page([meeting(), change]))
    with pytest.raises(BadAnswer) as info:
        run(hostile, replica)
    assert "refused" in str(info.value), label
    nothing_written(replica)


@pytest.mark.parametrize(
    "body",
    [
        b"<html>not json</html>",
        json.dumps({"changes": "nope", "cursor": "c", "has_more": False}).encode(),
        json.dumps({"changes": [], "cursor": 5, "has_more": False}).encode(),
        json.dumps({"changes": [], "cursor": "c", "has_more": "no"}).encode(),
        json.dumps([1, 2, 3]).encode(),
        json.dumps({"changes": [{"type": "meeting", "id": "m1"}], "cursor": "c"}).encode(),
    ],
)
def test_a_malformed_page_is_refused(hostile: HostileServer, replica: Replica, body: bytes) -> None:
    hostile.route("GET", "/v1/changes", lambda _h: (200, {"Content-Type": "text/json"}, body))
    with pytest.raises(BadAnswer):
        run(hostile, replica)
    nothing_written(replica)


def test_an_oversized_answer_is_refused_before_parsing(
    hostile: HostileServer, replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_http, "MAX_JSON", 64 * 1024)
    filler = [meeting(f"m{i}") for i in range(400)]
    serve_page(hostile, page(filler))
    with pytest.raises(BadAnswer, match="oversized"):
        run(hostile, replica)
    nothing_written(replica)


def test_a_feed_that_claims_more_but_never_moves_is_refused(
    hostile: HostileServer, replica: Replica
) -> None:
    serve_page(hostile, page([], cursor="", more=True))
    with pytest.raises(BadAnswer, match="did not move"):
        run(hostile, replica)


def blob_answer(data: bytes, *, status: int = 206, **headers: str) -> Any:
    def answer(h: Handler) -> Answer:
        rng = h.headers.get("Range", "")
        start = int(rng.removeprefix("bytes=").split("-")[0] or 0)
        body = data[start:]
        base = {
            "Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}",
            "ETag": f'"{sha(PDF)}"',
            "Content-Type": "application/pdf",
        }
        base.update(headers)
        return status, base, body

    return answer


def with_blob(hostile: HostileServer, answer: Any) -> None:
    serve_page(hostile, page([meeting(), version("v1", PDF)]))
    hostile.route("GET", f"/v1/blobs/{sha(PDF)}", answer)


@pytest.mark.parametrize(
    ("label", "answer", "error"),
    [
        ("200 for a range", blob_answer(PDF, status=200), "200, not 206"),
        ("wrong bytes", blob_answer(PDF[:-1] + b"X"), "does not match its hash"),
        ("other range", blob_answer(PDF, **{"Content-Range": f"bytes 0-9/{len(PDF)}"}), "range"),
        (
            "bigger total",
            blob_answer(PDF, **{"Content-Range": f"bytes 0-{len(PDF) - 1}/{len(PDF) + 5}"}),
            "range",
        ),
        ("bad etag", blob_answer(PDF, ETag='"' + "0" * 64 + '"'), "ETag"),
        ("weak etag", blob_answer(PDF, ETag=f'W/"{sha(PDF)}"'), "ETag"),
        ("gzip", blob_answer(PDF, **{"Content-Encoding": "gzip"}), "content coding"),
        ("garbage range", blob_answer(PDF, **{"Content-Range": "bytes */*"}), "Content-Range"),
        (
            "oversized body",
            blob_answer(
                PDF + b"more bytes than asked",
                **{"X-Raw-Length": "1", "Content-Range": f"bytes 0-{len(PDF) - 1}/{len(PDF)}"},
            ),
            "more bytes than the range",
        ),
    ],
)
def test_a_bad_blob_answer_stores_nothing(
    hostile: HostileServer, replica: Replica, label: str, answer: Any, error: str
) -> None:
    with_blob(hostile, answer)
    with pytest.raises(IntegrityError, match=error):
        run(hostile, replica)
    no_blob(replica)


def test_the_blob_request_asks_for_identity_and_if_range(
    hostile: HostileServer, replica: Replica
) -> None:
    with_blob(hostile, blob_answer(PDF))
    run(hostile, replica)
    gets = [r for r in hostile.requests if r[1].startswith("/v1/blobs/")]
    assert len(gets) == 1
    headers = {k.lower(): v for k, v in gets[0][2].items()}
    assert headers["range"] == f"bytes=0-{len(PDF) - 1}"
    assert headers["if-range"] == f'"{sha(PDF)}"'
    assert headers["accept-encoding"] == "identity"
    assert headers["authorization"] == "Bearer access-1"
    assert headers["hanoi-protocol"] == "1"
    with replica.blobs.open(sha(PDF)) as reader:
        assert reader.read_all() == PDF


def test_mutation_results_naming_other_actions_are_refused(
    hostile: HostileServer, replica: Replica
) -> None:
    serve_page(hostile, page([]))
    op = replica.enqueue(
        "comment.add", {"comment_id": "k1", "document_version_id": "v1", "text": "Ý kiến"}
    )
    answer = {
        "results": [
            {"seq": 99, "op_id": "other", "status": "applied", "result": {}, "reason": None}
        ]
    }
    hostile.route("POST", "/v1/mutations", lambda _h: json_answer(answer))
    with pytest.raises(BadAnswer, match="not sent"):
        run(hostile, replica)
    assert [(e.op_id, e.state) for e in replica.cache.outbox()] == [(op, "queued")]


def test_plain_http_to_another_host_is_refused(replica: Replica) -> None:
    from hanoi_desk.errors import UserError

    with pytest.raises(UserError, match="plain HTTP"):
        make_engine("http://sync.example.vn", replica)
