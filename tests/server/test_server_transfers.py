"""Blob downloads (Range, If-Range, ETag) and resumable, idempotent uploads."""

from __future__ import annotations

import hashlib
import os
import uuid

import httpx
import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from tests.server.api import Api, Session, mutation
from tests.server.ballots import make_signer, sign_pdf
from tests.server.live import LiveServer, running_server

from hanoi_desk import protocol as p
from hanoi_desk.samples import make_pdf
from hanoi_desk.server import admin


def blob(s: Session) -> tuple[str, bytes]:
    v = s.current_version()
    whole = s.get(f"/v1/blobs/{v.sha256}")
    assert whole.status_code == 200 and hashlib.sha256(whole.content).hexdigest() == v.sha256
    assert len(whole.content) == v.size
    return v.sha256, whole.content


def test_ranges_if_range_and_etag(api: Api) -> None:
    s = api.login("demo")
    sha, data = blob(s)
    size = len(data)
    tag = f'"{sha}"'
    cases = {
        "bytes=0-0": (0, 0),
        "bytes=100-4195": (100, 4195),
        f"bytes={size - 10}-": (size - 10, size - 1),
        "bytes=-25": (size - 25, size - 1),
        f"bytes=5-{size + 1000}": (5, size - 1),
    }
    for header, (a, b) in cases.items():
        r = s.get(f"/v1/blobs/{sha}", headers={"Range": header, "If-Range": tag,
                                               "Accept-Encoding": "identity"})  # fmt: skip
        assert r.status_code == 206, header
        assert p.parse_content_range(r.headers["content-range"]) == (a, b, size)
        assert r.content == data[a : b + 1]
        assert r.headers["etag"] == tag
        assert "content-encoding" not in r.headers
    # A stale validator gets the whole blob, never a splice of two files.
    r = s.get(
        f"/v1/blobs/{sha}", headers={"Range": "bytes=10-20", "If-Range": '"' + "0" * 64 + '"'}
    )
    assert r.status_code == 200 and r.content == data
    # Compression is never applied, even when offered: offsets are of the stored bytes.
    r = s.get(f"/v1/blobs/{sha}", headers={"Range": "bytes=0-999", "Accept-Encoding": "gzip"})
    assert r.status_code == 206 and r.content == data[:1000]
    for bad in (f"bytes={size}-", f"bytes={size + 5}-{size + 9}", "bytes=-0", "bytes=9-3"):
        r = s.get(f"/v1/blobs/{sha}", headers={"Range": bad})
        assert r.status_code == 416, bad
        assert r.headers["content-range"] == f"bytes */{size}"
    head = s.request("HEAD", f"/v1/blobs/{sha}", headers={"Range": "bytes=0-9"})
    assert head.status_code == 206 and head.content == b""
    assert (head.headers["content-length"], head.headers["etag"]) == ("10", tag)
    for path in (f"/v1/blobs/{sha.upper()}", "/v1/blobs/..%2F..%2Fserver.db", "/v1/blobs/x"):
        assert s.get(path).status_code == 404


def _create(s: Session, data: bytes, op_id: str) -> p.UploadState:
    req = p.UploadCreate(op_id, len(data), hashlib.sha256(data).hexdigest())
    r = s.request("POST", "/v1/uploads", json=req.to_json())
    assert r.status_code == 201, r.text
    return p.UploadState.parse(r.json())


def _patch(s: Session, upload_id: str, at: int, chunk: bytes) -> httpx.Response:
    return s.request("PATCH", f"/v1/uploads/{upload_id}", content=chunk,
                     headers={"Upload-Offset": str(at)})  # fmt: skip


def test_resumable_upload_then_signature(api: Api, live: LiveServer) -> None:
    s = api.login("demo")
    v = s.current_version()
    # A real signature of the version (the server judges it, docs/server-uploads.md),
    # made large enough for three chunks by an unreferenced stream in its update.
    signer = make_signer("Người ký thử")
    admin.add_trust_root(live.server.db, "HĐND quận Đống Đa", signer.cert_der)

    def pad(writer: IncrementalPdfFileWriter) -> None:
        writer.add_object(generic.StreamObject(stream_data=os.urandom(300_000)))

    data = sign_pdf(signer, s.get(f"/v1/blobs/{v.sha256}").content, before=pad)
    assert len(data) > 300_000
    op_id = uuid.uuid4().hex
    first = _create(s, data, op_id)
    assert first.offset == 0
    assert _patch(s, first.upload_id, 0, data[:100_000]).json() == {"offset": 100_000}
    # The answer was lost: creating again with the same op_id finds the same upload.
    again = _create(s, data, op_id)
    assert again == p.UploadState(first.upload_id, 100_000)
    # A chunk sent twice (the client did not see the first answer) is a 409 with the offset.
    r = _patch(s, first.upload_id, 50_000, data[50_000:150_000])
    assert r.status_code == 409 and p.parse_offset(r.json()) == 100_000
    head = s.request("HEAD", f"/v1/uploads/{first.upload_id}")
    assert head.headers["upload-offset"] == "100000"
    r = _patch(s, first.upload_id, 100_000, data[100_000:])
    assert r.status_code == 200 and r.json() == {"offset": len(data)}
    # Past the end, or the same op_id with other content: refused.
    assert _patch(s, first.upload_id, len(data), b"x").status_code == 413
    other = p.UploadCreate(op_id, len(data) + 1, hashlib.sha256(data + b"!").hexdigest())
    assert s.request("POST", "/v1/uploads", json=other.to_json()).status_code == 409

    sha = hashlib.sha256(data).hexdigest()
    assert live.server.blobs.size(sha) == len(data)
    payload = {"document_version_id": v.id, "upload_id": first.upload_id, "sha256": sha}
    res = s.push(mutation(1, p.KIND_SIGNATURE_SUBMIT, payload)).results[0]
    assert res.status == p.APPLIED and res.result and "signature_id" in res.result
    assert s.get(f"/v1/blobs/{sha}").content == data  # the signer may read it back


def test_upload_with_other_bytes_starts_over_and_is_not_stored(api: Api, live: LiveServer) -> None:
    s = api.login("demo")
    data = os.urandom(64_000)
    state = _create(s, data, uuid.uuid4().hex)
    _patch(s, state.upload_id, 0, data[:32_000])
    r = _patch(s, state.upload_id, 32_000, os.urandom(32_000))
    assert r.status_code == 422 and r.json()["error"] == p.ERR_HASH_MISMATCH
    assert s.request("HEAD", f"/v1/uploads/{state.upload_id}").headers["upload-offset"] == "0"
    assert live.server.blobs.size(hashlib.sha256(data).hexdigest()) is None
    # Incomplete or wrong-hash uploads cannot be submitted as signatures.
    v = s.current_version()
    bad = s.push(
        mutation(1, p.KIND_SIGNATURE_SUBMIT, {"document_version_id": v.id,
                 "upload_id": state.upload_id, "sha256": hashlib.sha256(data).hexdigest()}),
    ).results[0]  # fmt: skip
    assert (bad.status, bad.reason) == (p.REJECTED, p.REASON_UPLOAD_INCOMPLETE)
    for header in ({"Upload-Offset": "-1"}, {}):
        r = s.request("PATCH", f"/v1/uploads/{state.upload_id}", content=b"x", headers=header)
        assert r.status_code == 400


def test_signature_on_a_superseded_version_is_refused(api: Api) -> None:
    s = api.login("demo")
    old = next(v for v in s.versions().values() if v.superseded_by is not None)
    data = make_pdf(None, "Ký nhầm bản cũ", pages=1)
    state = _create(s, data, uuid.uuid4().hex)
    _patch(s, state.upload_id, 0, data)
    payload = {"document_version_id": old.id, "upload_id": state.upload_id,
               "sha256": hashlib.sha256(data).hexdigest()}  # fmt: skip
    res = s.push(mutation(1, p.KIND_SIGNATURE_SUBMIT, payload)).results[0]
    assert (res.status, res.reason) == (p.REJECTED, p.REASON_DOCUMENT_SUPERSEDED)
    assert res.result is None


def test_two_instances_share_everything(live: LiveServer) -> None:
    """Stateless: a second instance on the same database and blob store continues
    what the first started (tokens, uploads, cursors)."""
    url = live.server.db.url
    db_url = None if url.startswith("sqlite") else url
    with (
        running_server(live.data_dir, db_url, demo=False) as second,
        Api(live.base_url) as one,
        Api(second.base_url) as two,
    ):
        s1 = one.login("demo")
        s2 = Session(two.http, s1.tokens, s1.device_id)
        data = os.urandom(50_000)
        state = _create(s1, data, uuid.uuid4().hex)
        assert _patch(s1, state.upload_id, 0, data[:20_000]).status_code == 200
        assert _patch(s2, state.upload_id, 20_000, data[20_000:]).status_code == 200
        assert s2.get(f"/v1/blobs/{hashlib.sha256(data).hexdigest()}").status_code == 404
        page = s1.get("/v1/changes", params={"limit": 4}).json()
        rest, _ = s2.pull_all(page["cursor"])
        whole, _ = s1.pull_all()
        assert [c.to_json() for c in whole] == page["changes"] + [c.to_json() for c in rest]
        assert len(page["changes"]) == 4 and rest


@pytest.mark.parametrize("size", [p.MAX_UPLOAD_SIZE + 1, 0])
def test_upload_size_limits(api: Api, size: int) -> None:
    s = api.login("demo")
    body = {"op_id": uuid.uuid4().hex, "size": size, "sha256": "0" * 64}
    r = s.request("POST", "/v1/uploads", json=body)
    assert r.status_code == 400 and r.json()["error"] == p.ERR_BAD_REQUEST
