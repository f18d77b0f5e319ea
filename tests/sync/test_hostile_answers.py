"""Answers a hostile or broken server might send are refused and nothing is written.

The server here is tests/sync/sync_hostile.py (a stub on purpose: the real
reference server never lies or stalls, so it cannot show these refusals). It
really listens on 127.0.0.1; the client, its deadlines and its SQLCipher
profile are the real ones.
"""

from __future__ import annotations

import faulthandler
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import fast_backoff, make_engine, meeting, page, query, sha, version
from sync_hostile import Answer, Drip, Handler, HostileServer, json_answer

from hanoi_desk.app.session import Desk
from hanoi_desk.errors import UserError
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync import engine as sync_engine
from hanoi_desk.sync.engine import SyncEngine, SyncReport
from hanoi_desk.sync.events import BlobFailed, StateChanged, Synced, SyncState
from hanoi_desk.sync.faults import (
    AuthFailed,
    BadAnswer,
    FeedStuck,
    Oversized,
    Refused,
    RunTimeout,
    Transient,
)
from hanoi_desk.sync.http import MAX_ERROR_BODY
from helpers import PASSPHRASE, FixedPrompt, raw_sql, run_cli

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 200  # not a real PDF: stored, not indexed


def nothing_written(replica: Replica, server: HostileServer) -> None:
    c = raw_sql(replica)
    assert replica.cursor(server.url) == ""  # the cursor never runs ahead of the data
    assert c.execute("SELECT COUNT(*) FROM sync_checkpoints").fetchone()[0] == 0
    assert c.execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 0
    assert c.execute("SELECT COUNT(*) FROM document_versions").fetchone()[0] == 0


def no_blob(replica: Replica) -> None:
    assert replica.blobs.stored() == set()
    assert list(replica.blobs.partial_dir.iterdir()) == []
    assert raw_sql(replica).execute("SELECT COUNT(*) FROM blobs").fetchone()[0] == 0
    assert (
        raw_sql(replica).execute("SELECT MAX(available) FROM document_versions").fetchone()[0] == 0
    )


def serve_page(server: HostileServer, body: Any) -> None:
    server.route("GET", "/v1/changes", lambda _h: json_answer(body))


def run(server: HostileServer, replica: Replica) -> SyncReport:
    conn, engine = make_engine(server.url, replica)
    try:
        return engine.run()
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
    nothing_written(replica, hostile)


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
    nothing_written(replica, hostile)


def test_an_oversized_answer_is_refused_before_parsing(
    hostile: HostileServer, replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_engine, "MAX_PAGE_BYTES", 64 * 1024)
    filler = [meeting(f"m{i}") for i in range(400)]
    serve_page(hostile, page(filler))  # the same page whatever limit is asked
    with pytest.raises(Oversized, match="larger than 64 KiB"):
        run(hostile, replica)
    nothing_written(replica, hostile)
    # Asked again with fewer records (a real page of long comments may be that big),
    # down to one record, then refused.
    limits = [query(target)["limit"] for target in hostile.paths("/v1/changes")]
    assert limits == ["500", "125", "31", "7", "1"]


def test_a_page_too_big_is_asked_for_again_in_smaller_pages(
    hostile: HostileServer, replica: Replica, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync_engine, "MAX_PAGE_BYTES", 64 * 1024)

    def answer(h: Handler) -> Answer:
        asked = query(h.path)
        limit, at = int(asked["limit"]), int(asked["cursor"] or 0)
        rows = [meeting(f"m{i}") for i in range(at, min(at + limit, 400))]
        return json_answer(page(rows, cursor=str(at + len(rows)), more=at + len(rows) < 400))

    hostile.route("GET", "/v1/changes", answer)
    report = run(hostile, replica)
    assert report.pulled == 400
    assert raw_sql(replica).execute("SELECT COUNT(*) FROM meetings").fetchone()[0] == 400


def test_a_feed_that_claims_more_but_never_moves_is_refused(
    hostile: HostileServer, replica: Replica
) -> None:
    serve_page(hostile, page([], cursor="", more=True))
    with pytest.raises(FeedStuck, match="is at fault"):
        run(hostile, replica)
    assert len(hostile.paths("/v1/changes")) == 1


def test_a_feed_that_claims_more_but_sends_no_change_stops_at_once(
    hostile: HostileServer, replica: Replica
) -> None:
    """A fresh cursor every time, so no cursor repeats: only the run's deadline
    (an hour) would have ended it. The reference server never sends ``has_more``
    without a change (server/feed.py: more only when the query found more rows
    than the limit, which is at least 1)."""

    def answer(_h: Handler) -> Answer:
        asked = len(hostile.paths("/v1/changes"))
        # A client that does not notice would go on; end after 50 so it fails instead.
        return json_answer(page([], cursor=f"c{asked}", more=asked < 50))

    hostile.route("GET", "/v1/changes", answer)
    with pytest.raises(FeedStuck) as info:
        run(hostile, replica)
    message = info.value.message("en")
    assert hostile.host_port in message and "is at fault" in message
    assert "says more follow but sends none" in message
    assert len(hostile.paths("/v1/changes")) == 1
    nothing_written(replica, hostile)


@pytest.mark.parametrize("shape", ["same cursor", "cycle"])
def test_a_feed_that_hands_back_a_cursor_again_stops_at_once(
    hostile: HostileServer, replica: Replica, shape: str
) -> None:
    """Observed: ``has_more`` with the same cursor again, 4,378 requests in 200 s."""

    def answer(h: Handler) -> Answer:
        sent = query(h.path)["cursor"]
        following = {"": "c1", "c1": "c1" if shape == "same cursor" else "c2", "c2": "c1"}
        # A client that does not notice would loop for ever; end after 50 so it fails instead.
        more = len(hostile.paths("/v1/changes")) < 50
        return json_answer(page([meeting()], cursor=following[sent], more=more))

    hostile.route("GET", "/v1/changes", answer)
    with pytest.raises(FeedStuck) as info:
        run(hostile, replica)
    message = info.value.message("en")
    assert hostile.host_port in message and "is at fault" in message
    assert "already sent" in message
    assert len(hostile.paths("/v1/changes")) == (2 if shape == "same cursor" else 3)


def blob_answer(data: bytes, *, status: int = 206, of: bytes = PDF, **headers: str) -> Any:
    """The answer to a range request for the blob ``of``, with ``data`` as its bytes."""

    def answer(h: Handler) -> Answer:
        rng = h.headers.get("Range", "")
        start = int(rng.removeprefix("bytes=").split("-")[0] or 0)
        body = data[start:]
        base = {
            "Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}",
            "ETag": f'"{sha(of)}"',
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
    report = run(hostile, replica)  # skipped and reported; the run itself goes on
    assert [sha for sha, _ in report.failed] == [sha(PDF)]
    assert re.search(error, report.failed[0][1]), report.failed
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


# -- redirects ------------------------------------------------------------------------------

# A Location's bytes as the stub sends them (latin-1 on the wire): a bidi override
# in UTF-8, and an 8-bit CSI, which h11 lets through as "obs-text".
BIDI = "https://evil.example/v1/\u202egpj.exe".encode().decode("latin-1")
CSI = "https://evil.example/\x9b31mNOT VALID"
# An address too long to show whole: its first 200 characters, then "…".
LONG = "https://evil.example/\x9b" + "a" * 300 + "\x9b[2J"


@pytest.mark.parametrize(
    ("location", "shown", "raw"),
    [
        ("{self}/v1/moved", "to {self}/v1/moved,", None),
        (BIDI, "to https://evil.example/v1/\\u202egpj.exe,", "\u202e"),
        (CSI, "to https://evil.example/\\x9b31mNOT VALID,", "\x9b"),
        (LONG, "to https://evil.example/\\x9b" + "a" * 178 + "…,", "\x9b"),
    ],
)
def test_a_redirect_says_where_it_points_and_is_not_followed(
    hostile: HostileServer, replica: Replica, location: str, shown: str, raw: str | None
) -> None:
    location, shown = (x.replace("{self}", hostile.url) for x in (location, shown))
    hostile.route("GET", "/v1/changes", lambda _h: (302, {"Location": location}, b""))
    hostile.route("GET", "/v1/moved", lambda _h: json_answer(page([meeting()])))
    with pytest.raises(Refused) as info:
        run(hostile, replica)
    message = info.value.message("en")
    assert "redirect (HTTP 302)" in message and "does not follow" in message
    assert shown in message
    if raw is not None:
        assert raw not in message  # escaped, never raw on a terminal
    assert hostile.paths("/v1/moved") == []  # not followed
    assert len(hostile.paths("/v1/changes")) == 1  # and not retried
    nothing_written(replica, hostile)


def test_a_redirect_without_an_address_says_so(hostile: HostileServer, replica: Replica) -> None:
    hostile.route("GET", "/v1/changes", lambda _h: (307, {}, b""))
    with pytest.raises(Refused, match=r"redirect \(HTTP 307\) that names no address"):
        run(hostile, replica)


# -- error answers ----------------------------------------------------------------------------


def error_then_stall(body: dict[str, str], status: int) -> Any:
    """An error answer whose first MAX_ERROR_BODY bytes hold the error object (and
    spaces, which JSON allows), and whose next bytes come 10 s apart, for ever as
    far as a test can tell. A client that reads past the head waits on them."""
    head = json.dumps(body).encode().ljust(MAX_ERROR_BODY)
    drip = Drip(head + b" " * (50 * MAX_ERROR_BODY), every=10.0, piece=MAX_ERROR_BODY)
    return lambda _h: (status, {"Content-Type": "application/json"}, drip)


def test_an_error_code_is_read_from_the_head_of_the_answer_escaped_and_cut(
    hostile: HostileServer, replica: Replica
) -> None:
    code = "gone\x1b[2J\x1b]0;pwned\x07" + "x" * 100
    hostile.route("GET", "/v1/changes", error_then_stall({"error": code, "message": ""}, 404))
    conn, engine = make_engine(hostile.url, replica, request_timeout=300)
    try:
        outcome, _ = run_within(engine, 60)  # reading on would take 500 s
    finally:
        conn.close()
    assert isinstance(outcome, Refused), outcome
    shown = code[:64].replace("\x1b", "\\x1b").replace("\x07", "\\x07") + "…"
    assert f"(HTTP 404: {shown})" in outcome.message("en")
    nothing_written(replica, hostile)


def test_a_disabled_account_is_read_from_the_head_of_the_answer(
    hostile: HostileServer, replica: Replica
) -> None:
    hostile.route(
        "POST",
        "/v1/auth/login",
        error_then_stall({"error": "account_disabled", "message": "disabled"}, 403),
    )
    conn, engine = make_engine(hostile.url, replica, request_timeout=300)
    try:
        outcome, _ = run_within(engine, 60)
    finally:
        conn.close()
    assert isinstance(outcome, AuthFailed), outcome
    assert "this account is disabled" in outcome.message("en")
    assert hostile.paths("/v1/changes") == []


# -- deadlines ------------------------------------------------------------------------------


def run_within(engine: SyncEngine, seconds: float) -> tuple[SyncReport | BaseException, float]:
    """The run's outcome and how long it took. A run still going after ``seconds``
    is cancelled and the test fails: a broken deadline fails, it does not hang.

    The run stays on this thread, which owns the replica's connection (a call
    from another thread raises); a watchdog thread cancels it, and a run that
    ignores the cancel for 60 s more ends the process with every stack."""
    late = threading.Event()

    def watchdog() -> None:
        late.set()
        engine.cancel.cancel()

    start = time.monotonic()
    timer = threading.Timer(seconds, watchdog)
    timer.daemon = True
    timer.start()
    faulthandler.dump_traceback_later(seconds + 60, exit=True)
    try:
        outcome: SyncReport | BaseException = engine.run()
    except BaseException as exc:
        outcome = exc
    finally:
        faulthandler.cancel_dump_traceback_later()
        timer.cancel()
    elapsed = time.monotonic() - start
    if late.is_set():
        pytest.fail(f"the sync was still running after {seconds} s")
    return outcome, elapsed


@pytest.mark.parametrize("headers", [False, True], ids=["body", "status line and headers"])
def test_a_dripping_answer_fails_within_the_request_deadline(
    hostile: HostileServer, replica: Replica, headers: bool
) -> None:
    """A byte every 0.1 s never trips a per-read timeout (30 s), and the whole
    answer would take 100 s: only the request's total deadline (0.5 s, twice)
    can end the run within the generous bound of ``run_within``. No run
    deadline is set, so a timeout here is the request's."""
    body = json.dumps(page([])).encode().ljust(1000)  # JSON allows the trailing spaces
    drip = Drip(body, every=0.1, headers=headers)
    hostile.route(
        "GET", "/v1/changes", lambda _h: (200, {"Content-Type": "application/json"}, drip)
    )
    conn, engine = make_engine(
        hostile.url,
        replica,
        request_timeout=0.5,
        backoff=fast_backoff(attempts=2),
        run_timeout=None,
    )
    try:
        outcome, _ = run_within(engine, 30)
    finally:
        conn.close()
    assert isinstance(outcome, Transient), outcome
    assert "timeout" in outcome.message("en")
    assert len(hostile.paths("/v1/changes")) == 2  # both tries cut, none answered


def test_a_dripping_document_is_stopped_by_the_run_deadline(
    hostile: HostileServer, replica: Replica
) -> None:
    """Each cut request made progress, so the retries never give up on their own:
    only the run's deadline ends it (the document alone would drip for 40
    minutes); what arrived before is kept. Which deadline fired is in the
    error's kind: RunTimeout is the run's, a request's is a Transient."""
    serve_page(hostile, page([meeting(), version("v1", PDF)]))

    def answer(h: Handler) -> Answer:
        status, headers, body = blob_answer(PDF)(h)
        assert isinstance(body, bytes)
        return status, headers, Drip(body, every=0.05)

    hostile.route("GET", f"/v1/blobs/{sha(PDF)}", answer)
    events: list[Any] = []
    conn, engine = make_engine(
        hostile.url, replica, request_timeout=0.5, run_timeout=2.0, listener=events.append
    )
    try:
        outcome, elapsed = run_within(engine, 60)
    finally:
        conn.close()
    assert isinstance(outcome, RunTimeout), outcome
    assert "stopped after 2 seconds" in outcome.message("en")
    # Not before its time (a backoff wait past the deadline is not started: 0.05 s at most).
    assert elapsed >= 1.5
    assert len(hostile.paths(f"/v1/blobs/{sha(PDF)}")) >= 3  # cut every 0.5 s, resumed
    last = [e for e in events if isinstance(e, StateChanged)][-1]
    assert last.state is SyncState.OFFLINE and "stopped after" in last.reason
    assert replica.cursor(conn.server) == "c1"  # the feed read before is kept
    assert raw_sql(replica).execute("SELECT COUNT(*) FROM document_versions").fetchone()[0] == 1


def test_an_upload_the_server_never_takes_ends_after_the_retries(
    hostile: HostileServer, replica: Replica
) -> None:
    """Every PATCH answered 200 with the offset unchanged: without a check the
    upload loop would go on for ever (only the run's deadline would end it)."""
    serve_page(hostile, page([meeting(), version("v1", PDF)]))
    hostile.route("GET", f"/v1/blobs/{sha(PDF)}", blob_answer(PDF))
    run(hostile, replica)
    op = replica.queue_signature("v1", b"%PDF-1.7 signed " + PDF)
    hostile.route("POST", "/v1/uploads", lambda _h: json_answer({"upload_id": "u1", "offset": 0}))
    hostile.route("PATCH", "/v1/uploads/u1", lambda _h: json_answer({"offset": 0}))
    conn, engine = make_engine(hostile.url, replica, backoff=fast_backoff(attempts=3))
    try:
        outcome, _ = run_within(engine, 10)
    finally:
        conn.close()
    assert isinstance(outcome, Transient), outcome
    assert "took none of the upload" in outcome.message("en")
    assert len(hostile.paths("/v1/uploads/u1")) == 3
    assert [(e.op_id, e.state) for e in replica.cache.outbox()] == [(op, "queued")]


# -- memory ---------------------------------------------------------------------------------


# The CLI's own main, then its peak resident memory since it started (Linux's
# VmHWM: rusage's ru_maxrss would also count the pytest image it was forked from).
PEAK_PROBE = """
import sys
from hanoi_desk.cli.main import main
code = main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print("peak-kib", peak, file=sys.stderr)
sys.exit(code)
"""


def cli_sync_peak_rss(home: Path, server: HostileServer) -> tuple[int, int, str]:
    """Exit code, peak RSS (bytes) and stderr of ``hanoi-desk sync`` in a child process."""
    env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
    command = [sys.executable, "-c", PEAK_PROBE, "sync", "--profile", "an"]
    command += ["--server", server.url, "--user", "an", "--passphrase-stdin"]
    done = subprocess.run(
        command,
        input=f"{PASSPHRASE}\npw\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    *lines, last = done.stderr.strip().splitlines()
    assert last.startswith("peak-kib "), done.stderr
    return done.returncode, int(last.split()[1]) * 1024, "\n".join(lines)


def empty_objects_page(size: int) -> bytes:
    head, tail = b'{"changes": [', b'], "cursor": "c1", "has_more": false}'
    count = (size - len(head) - len(tail)) // 3
    return head + b"{}," * (count - 1) + b"{}" + tail


@pytest.mark.parametrize(
    ("size", "refusal"),
    [
        # As observed: 64 MiB of empty objects (1.77 GB once parsed); no
        # Content-Length, so the client has to stop reading by itself.
        (64 * 1024 * 1024, "larger than 4 MiB"),
        # Under the byte cap, but some 1.3 million values: refused before parsing.
        (4 * 1024 * 1024 - 1024, "holds more than"),
    ],
    ids=["64 MiB", "4 MiB of empty objects"],
)
def test_a_huge_page_is_refused_with_bounded_memory(
    hostile: HostileServer, desk: Desk, home: Path, size: int, refusal: str
) -> None:
    desk.create("an", FixedPrompt())
    serve_page(hostile, page([meeting()]))
    code, baseline, err = cli_sync_peak_rss(home, hostile)
    assert code == 0, err
    body = empty_objects_page(size)
    hostile.route(
        "GET",
        "/v1/changes",
        lambda _h: (200, {"Content-Type": "application/json", "X-Raw-Length": "1"}, body),
    )
    code, peak, err = cli_sync_peak_rss(home, hostile)
    growth = peak - baseline  # measured: under 6 MiB; 1.7 GB before the caps
    assert growth < 32 * 1024 * 1024, f"peak RSS grew by {growth / 2**20:.0f} MiB"
    assert code == 1 and refusal in err, err


# -- one bad document among several ---------------------------------------------------------


def documents(n: int) -> list[bytes]:
    """``n`` documents, in the order the client asks for them (same meeting: by hash)."""
    return sorted((PDF + bytes([i]) * 100 for i in range(n)), key=sha)


def test_one_corrupt_document_is_skipped_reported_and_asked_for_again(
    hostile: HostileServer, replica: Replica
) -> None:
    pdfs = documents(3)
    bad = pdfs[0]  # asked for first: the ones after it must still come
    changes = [meeting()] + [version(f"v{i}", d, doc=f"d{i}") for i, d in enumerate(pdfs)]
    serve_page(hostile, page(changes))
    corrupt = True

    def route(data: bytes) -> Any:
        def answer(h: Handler) -> Answer:
            sent = data[:-1] + b"X" if data is bad and corrupt else data
            return blob_answer(sent, of=data)(h)

        return answer

    for data in pdfs:
        hostile.route("GET", f"/v1/blobs/{sha(data)}", route(data))
    events: list[Any] = []
    conn, engine = make_engine(hostile.url, replica, listener=events.append)
    try:
        report = engine.run()
        assert report.downloaded == 2
        assert [s for s, _ in report.failed] == [sha(bad)]
        assert "does not match its hash" in report.failed[0][1]
        assert [e.sha256 for e in events if isinstance(e, BlobFailed)] == [sha(bad)]
        last = [e for e in events if isinstance(e, StateChanged)][-1]
        assert last.state is SyncState.ERROR and "not downloaded: 1" in last.reason
        assert any(isinstance(e, Synced) for e in events)
        assert replica.blobs.stored() == {sha(d) for d in pdfs[1:]}
        assert list(replica.blobs.partial_dir.iterdir()) == []  # the bad bytes are gone
        available = dict(
            raw_sql(replica).execute("SELECT sha256, available FROM document_versions")
        )
        assert available == {sha(pdfs[0]): 0, sha(pdfs[1]): 1, sha(pdfs[2]): 1}

        corrupt = False  # the server's copy is repaired: the next run fetches it
        events.clear()
        again = engine.run()
    finally:
        conn.close()
    assert (again.downloaded, again.failed) == (1, [])
    assert len(hostile.paths(f"/v1/blobs/{sha(bad)}")) == 2
    assert len(hostile.paths(f"/v1/blobs/{sha(pdfs[1])}")) == 1
    assert [e for e in events if isinstance(e, StateChanged)][-1].state is SyncState.UP_TO_DATE
    with replica.blobs.open(sha(bad)) as reader:
        assert reader.read_all() == bad


def test_cli_names_a_skipped_document_and_exits_1(
    hostile: HostileServer, desk: Desk, home: Path
) -> None:
    desk.create("an", FixedPrompt())
    pdfs = documents(2)
    changes = [meeting()] + [version(f"v{i}", d, doc=f"d{i}") for i, d in enumerate(pdfs)]
    serve_page(hostile, page(changes))
    hostile.route("GET", f"/v1/blobs/{sha(pdfs[0])}", blob_answer(pdfs[0][:-1] + b"X", of=pdfs[0]))
    hostile.route("GET", f"/v1/blobs/{sha(pdfs[1])}", blob_answer(pdfs[1], of=pdfs[1]))
    env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
    done = run_cli(
        "sync", "--profile", "an", "--server", hostile.url, "--user", "an", "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\npw\n", env=env,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert f"Document {sha(pdfs[0])[:12]} was not downloaded" in done.stderr
    assert "1 documents downloaded" in done.stdout


# -- the offline lease ----------------------------------------------------------------------

LONG_AGO = "2020-01-02T03:04:05+00:00"


def expired_lease(hostile: HostileServer, replica: Replica) -> str:
    """Sign in once, then a one-hour lease that ran out long ago."""
    serve_page(hostile, page([meeting()]))
    run(hostile, replica)
    server = hostile.url
    with replica.cache.transaction() as c:
        c.execute(
            "UPDATE sync_accounts SET policy = ?, last_success = ? WHERE server = ?",
            (json.dumps({"offline_lease_hours": 1, "wipe": False}), LONG_AGO, server),
        )
    with pytest.raises(UserError, match="offline period"):
        replica.cache.check_lease()
    return server


def test_the_lease_renews_once_the_feed_is_read_even_when_a_download_fails(
    hostile: HostileServer, replica: Replica
) -> None:
    server = expired_lease(hostile, replica)
    serve_page(hostile, page([meeting(), version("v1", PDF)], cursor="c2"))
    # The link drops at every try of the document: the run ends offline.
    hostile.route(
        "GET",
        f"/v1/blobs/{sha(PDF)}",
        blob_answer(
            b"", **{"X-Raw-Length": "1", "Content-Range": f"bytes 0-{len(PDF) - 1}/{len(PDF)}"}
        ),
    )
    with pytest.raises(Transient, match="ended early"):
        run(hostile, replica)
    account = replica.account(server)
    assert account is not None and account.last_success is not None
    assert account.last_success > LONG_AGO
    replica.cache.check_lease()  # the documents open again


def test_the_lease_does_not_renew_when_the_feed_was_not_read_to_its_end(
    hostile: HostileServer, replica: Replica
) -> None:
    """A later page may hold a wipe order or a shorter lease this device has not seen."""
    server = expired_lease(hostile, replica)

    def answer(h: Handler) -> Answer:
        if query(h.path)["cursor"] == "c1":
            return json_answer(page([meeting("m2")], cursor="c2", more=True))
        return 200, {"Content-Type": "application/json"}, b"<html>not json</html>"

    hostile.route("GET", "/v1/changes", answer)
    with pytest.raises(BadAnswer):
        run(hostile, replica)
    account = replica.account(server)
    assert account is not None and account.last_success == LONG_AGO
    with pytest.raises(UserError, match="offline period"):
        replica.cache.check_lease()
