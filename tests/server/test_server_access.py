"""The access matrix: every endpoint × a user who may and one who may not, on both databases.

``demo`` is a delegate of the district council session; ``khach`` is not (they
chair another meeting). For each endpoint the test does the same thing as
both users and checks that exactly the one who may succeeds, and that the
other learns nothing (no record, no byte, no hint that the target exists).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from tests.server.api import HEADERS, Api, Session, mutation
from tests.server.ballots import make_signer, sign_pdf
from tests.server.live import DEMO_PASSWORD, LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.errors import UserError
from hanoi_desk.samples import make_pdf
from hanoi_desk.server import admin
from hanoi_desk.server.demo import COUNCIL_ID, WARD_ID
from hanoi_desk.server.models import (
    AgendaItem,
    Document,
    DocumentVersion,
    Meeting,
    Participant,
    User,
)
from hanoi_desk.server.packs import import_pack

INSIDER, OUTSIDER = "demo", "khach"


@pytest.fixture
def api(module_live: LiveServer) -> Iterator[Api]:
    with Api(module_live.base_url) as a:
        yield a


def council_version(api: Api) -> p.DocumentVersionData:
    """A current council document, as seen by a participant."""
    versions = api.login("chutich").versions().values()
    return next(v for v in versions if v.meeting_id == COUNCIL_ID and v.superseded_by is None)


def meetings_seen(s: Session) -> set[str]:
    changes, _ = s.pull_all()
    seen = {c.id for c in changes if c.type == p.MEETING}
    seen |= {str(c.data.get("meeting_id")) for c in changes if "meeting_id" in c.data}
    return seen


def do_changes(api: Api, s: Session, live: LiveServer) -> bool:
    return COUNCIL_ID in meetings_seen(s)


def do_events(api: Api, s: Session, live: LiveServer) -> bool:
    _, cursor = s.pull_all()
    admin.set_meeting_status(live.server.db, COUNCIL_ID, "open")
    admin.set_meeting_status(live.server.db, COUNCIL_ID, "scheduled")
    params = {"cursor": cursor, "timeout": "2"}
    with s.http.stream("GET", "/v1/events", params=params, headers=s.auth) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        return any(line == "event: changes" for line in r.iter_lines())


def do_blob(api: Api, s: Session, live: LiveServer) -> bool:
    v = council_version(api)
    r = s.get(f"/v1/blobs/{v.sha256}", headers={"Range": "bytes=0-99"})
    if r.status_code == 206:
        assert r.content == live.server.blobs.read(v.sha256, 0, 99).__next__()
        return True
    assert r.status_code == 404
    assert r.json()["error"] == p.ERR_NOT_FOUND
    assert b"%PDF" not in r.content
    return False


def _outcome(result: p.MutationResult) -> bool:
    if result.status == p.APPLIED:
        return True
    assert result.status == p.REJECTED
    assert result.reason == p.REASON_NOT_FOUND
    return False


def do_annotation(api: Api, s: Session, live: LiveServer) -> bool:
    v = council_version(api)
    payload = {"note_id": uuid.uuid4().hex, "document_version_id": v.id, "updated_at": 1,
               "body": {"text": "ghi chú riêng"}}  # fmt: skip
    return _outcome(s.push(mutation(1, p.KIND_ANNOTATION_UPSERT, payload)).results[0])


def do_comment(api: Api, s: Session, live: LiveServer) -> bool:
    v = council_version(api)
    payload = {"comment_id": uuid.uuid4().hex, "document_version_id": v.id, "text": "Đồng ý."}
    result = s.push(mutation(1, p.KIND_COMMENT_ADD, payload)).results[0]
    ok = _outcome(result)
    chair_sees = {c.id for c in api.login("chutich").pull_all()[0] if c.type == p.COMMENT}
    assert ok == (result.result is not None and result.result["comment_id"] in chair_sees)
    return ok


def _upload(s: Session, data: bytes) -> str:
    req = p.UploadCreate(uuid.uuid4().hex, len(data), hashlib.sha256(data).hexdigest())
    r = s.request("POST", "/v1/uploads", json=req.to_json())
    assert r.status_code == 201, r.text
    upload_id = p.UploadState.parse(r.json()).upload_id
    r = s.request("PATCH", f"/v1/uploads/{upload_id}", content=data,
                  headers={"Upload-Offset": "0"})  # fmt: skip
    assert r.status_code == 200, r.text
    return upload_id


_SIGNER = make_signer("Người ký thử quyền truy cập")


def do_signature(api: Api, s: Session, live: LiveServer) -> bool:
    """A real signature of the council's version (read by the chair: an outsider
    cannot), under a root the council trusts (docs/server-uploads.md)."""
    v = council_version(api)
    admin.add_trust_root(live.server.db, "HĐND quận Đống Đa", _SIGNER.cert_der)
    data = sign_pdf(_SIGNER, api.login("chutich").get(f"/v1/blobs/{v.sha256}").content)
    upload_id = _upload(s, data)
    payload = {"document_version_id": v.id, "upload_id": upload_id,
               "sha256": hashlib.sha256(data).hexdigest()}  # fmt: skip
    return _outcome(s.push(mutation(1, p.KIND_SIGNATURE_SUBMIT, payload)).results[0])


def do_upload_of_insider(api: Api, s: Session, live: LiveServer) -> bool:
    """PATCH and HEAD on an upload the insider created: only its owner may touch it."""
    owner = api.login(INSIDER)
    data = b"%PDF-1.7 " + uuid.uuid4().bytes * 8
    req = p.UploadCreate(uuid.uuid4().hex, len(data), hashlib.sha256(data).hexdigest())
    upload_id = owner.request("POST", "/v1/uploads", json=req.to_json()).json()["upload_id"]
    head = s.request("HEAD", f"/v1/uploads/{upload_id}")
    patch = s.request("PATCH", f"/v1/uploads/{upload_id}", content=data[:10],
                      headers={"Upload-Offset": "0"})  # fmt: skip
    if head.status_code == 200:
        assert patch.status_code == 200 and patch.json() == {"offset": 10}
        return True
    assert (head.status_code, patch.status_code) == (404, 404)
    assert owner.request("HEAD", f"/v1/uploads/{upload_id}").headers["Upload-Offset"] == "0"
    return False


def do_other_meeting(api: Api, s: Session, live: LiveServer) -> bool:
    """The mirror case: the ward briefing is visible to khach and not to demo."""
    return WARD_ID in meetings_seen(s)


CASES: dict[str, tuple[Callable[[Api, Session, LiveServer], bool], str]] = {
    "GET /v1/changes": (do_changes, INSIDER),
    "GET /v1/events": (do_events, INSIDER),
    "GET /v1/blobs/<sha256>": (do_blob, INSIDER),
    "POST /v1/mutations annotation.upsert": (do_annotation, INSIDER),
    "POST /v1/mutations comment.add": (do_comment, INSIDER),
    "POST /v1/uploads + signature.submit": (do_signature, INSIDER),
    "PATCH, HEAD /v1/uploads/<id>": (do_upload_of_insider, INSIDER),
    "GET /v1/changes (the other meeting)": (do_other_meeting, OUTSIDER),
}


@pytest.mark.parametrize("user", [INSIDER, OUTSIDER])
@pytest.mark.parametrize("endpoint", list(CASES))
def test_access_matrix(api: Api, module_live: LiveServer, endpoint: str, user: str) -> None:
    action, allowed = CASES[endpoint]
    session = api.login(user)
    assert action(api, session, module_live) is (user == allowed)


# --- live meetings: a delegate, a guest and an outsider ---------------------------------------

GUEST = "khachmoi"
"""A guest (khách mời) of the council session: follows it, sends no live command."""


def live_read(s: Session) -> bool:
    r = s.get(f"/v1/meetings/{COUNCIL_ID}/live/events")
    if r.status_code == 200:
        return bool(r.json()["events"])
    assert r.status_code == 404 and r.json() == {"error": p.ERR_NOT_FOUND,
                                                 "message": "no such meeting"}  # fmt: skip
    return False


def live_follow(s: Session) -> bool:
    headers = {**s.auth, "Accept": "text/event-stream"}
    with s.http.stream("GET", f"/v1/meetings/{COUNCIL_ID}/live", headers=headers) as r:
        if r.status_code == 200:
            return any(line == "event: heartbeat" for line in r.iter_lines())
        assert r.status_code == 404 and b"hdnd" not in r.read()
        return False


def _live_outcome(r: httpx.Response) -> str:
    """``applied``, the refusal's reason, or ``not_found`` (answered as no such meeting)."""
    if r.status_code == 404:
        assert r.json()["error"] == p.ERR_NOT_FOUND
        return "not_found"
    assert r.status_code == 200, r.text
    result = r.json()
    return str(result["status"] if result["status"] == p.APPLIED else result["reason"])


def live_checkin(s: Session) -> str:
    return _live_outcome(s.live_post(COUNCIL_ID, "attendance.checkin", {"state": "present"}))


def live_speak(s: Session) -> str:
    args = {"request_id": uuid.uuid4().hex, "type": "interpellation",
            "to": "Chủ tịch UBND quận", "topic": "Thu gom rác thải"}  # fmt: skip
    return _live_outcome(s.live_post(COUNCIL_ID, "speakers.request", args))


LIVE_MATRIX = {
    # user: (reads the state, follows the stream, checks in, asks to speak)
    INSIDER: (True, True, "applied", "applied"),
    GUEST: (True, True, "forbidden", "forbidden"),
    OUTSIDER: (False, False, "not_found", "not_found"),
}


@pytest.mark.parametrize("user", list(LIVE_MATRIX))
def test_live_access_matrix(api: Api, user: str) -> None:
    """A guest follows the session but every command of theirs is refused
    (``forbidden``, stored like any outcome); someone outside the meeting sees no live
    state and opens no stream: both are answered as if the meeting did not exist."""
    s = api.login(user)
    seen = (live_read(s), live_follow(s), live_checkin(s), live_speak(s))
    assert seen == LIVE_MATRIX[user]


PROTECTED = [
    ("GET", "/v1/changes"),
    ("GET", "/v1/events"),
    ("POST", "/v1/mutations"),
    ("GET", f"/v1/blobs/{'0' * 64}"),
    ("POST", "/v1/uploads"),
    ("PATCH", "/v1/uploads/abc"),
    ("HEAD", "/v1/uploads/abc"),
    ("POST", f"/v1/meetings/{COUNCIL_ID}/live/commands"),
    ("GET", f"/v1/meetings/{COUNCIL_ID}/live/events"),
    ("GET", f"/v1/meetings/{COUNCIL_ID}/live"),
]


@pytest.mark.parametrize("token", [None, "not-a-token", "refresh"])
@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_protected_endpoints_need_an_access_token(
    api: Api, method: str, path: str, token: str | None
) -> None:
    headers = dict(HEADERS)
    if token == "refresh":  # a refresh token is not an access token
        token = api.login(INSIDER).tokens.refresh_token
    if token:
        headers["Authorization"] = f"Bearer {token}"
    r = api.http.request(method, path, headers=headers, json={} if method == "POST" else None)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    if method != "HEAD":
        assert r.json()["error"] == p.ERR_UNAUTHORIZED


@pytest.mark.parametrize("path", ["/v1/openapi.json", "/v1/health"])
def test_public_endpoints(api: Api, path: str) -> None:
    r = api.http.get(path)
    assert r.status_code == 200
    assert r.headers[p.VERSION_HEADER] == "1"


def test_login_and_refresh_matrix(api: Api) -> None:
    bad = api.login_response(INSIDER, password="sai mật khẩu")
    assert bad.status_code == 401 and bad.json()["error"] == p.ERR_INVALID_CREDENTIALS
    unknown = api.login_response("khong-co-ai")
    assert unknown.status_code == 401 and unknown.json() == bad.json()
    s = api.login(INSIDER)
    body = {"refresh_token": s.tokens.refresh_token}
    r = api.http.post("/v1/auth/refresh", json=body, headers=HEADERS)
    assert r.status_code == 200
    fresh = p.TokenResponse.parse(r.json())
    assert fresh.user == s.tokens.user and fresh.access_token != s.tokens.access_token
    # An access token is not a refresh token.
    fake = {"refresh_token": fresh.access_token}
    assert api.http.post("/v1/auth/refresh", json=fake, headers=HEADERS).status_code == 401
    with httpx.Client(base_url=api.base_url) as other:
        r = other.get("/v1/changes", headers={"Authorization": f"Bearer {fresh.access_token}"})
        assert r.status_code == 200
    # Single use: the same refresh token a second time is refused (and ends its whole
    # family, fresh tokens included: tests/server/test_server_auth.py).
    assert api.http.post("/v1/auth/refresh", json=body, headers=HEADERS).status_code == 401


# --- two bodies whose meeting packs use the same ids --------------------------------------

BODY_PACK = """\
[meeting]
id = "{meeting}"
title = "{title}"
starts_at = "2027-06-01T08:00:00+07:00"
organisation = "{organisation}"

[[participants]]
username = "{username}"
role = "chair"

[[agenda]]
id = "item-1"
title = "{title}: báo cáo"
documents = [{{ id = "bao-cao", title = "Báo cáo {title}", file = "bao-cao.pdf" }}]
"""
CUA_NAM, HANG_BAC = "UBND phường Cửa Nam", "UBND phường Hàng Bạc"


def body_pack(folder: Path, meeting: str, organisation: str, username: str, title: str) -> bytes:
    """A pack whose agenda item and document ids (“item-1”, “bao-cao”) every body uses."""
    folder.mkdir(parents=True, exist_ok=True)
    toml = BODY_PACK.format(meeting=meeting, title=title, organisation=organisation,
                            username=username)  # fmt: skip
    (folder / "meeting.toml").write_text(toml, "utf-8")
    data = make_pdf(None, f"{title} - MẬT {uuid.uuid4().hex}", pages=1)
    (folder / "bao-cao.pdf").write_bytes(data)
    return data


def test_two_bodies_importing_colliding_packs_stay_apart(live: LiveServer, tmp_path: Path) -> None:
    """The review's reproduction: body 2's pack reused body 1's “bao-cao” and “item-1”; a
    body 1 user then downloaded body 2's PDF while its owner got 404, and her next sync put
    it in her cache. A body 2 pack naming body 1's meeting id took that meeting over."""
    db, blobs = live.server.db, live.server.blobs
    admin.add_user(db, "an", DEMO_PASSWORD, "Ngô Thị An", CUA_NAM, cheap_hash=True)
    admin.add_user(db, "binh", DEMO_PASSWORD, "Đỗ Văn Bình", HANG_BAC, cheap_hash=True)
    first = body_pack(tmp_path / "p1", "ky-hop-thang-6", CUA_NAM, "an", "Cửa Nam")
    assert import_pack(db, blobs, tmp_path / "p1").meeting_id == "ky-hop-thang-6"
    sha1 = hashlib.sha256(first).hexdigest()
    with Api(live.base_url) as api:
        an = api.login("an")
        _, cursor = an.pull_all()
        secret = body_pack(tmp_path / "p2", "hop-hang-bac", HANG_BAC, "binh", "Hàng Bạc")
        import_pack(db, blobs, tmp_path / "p2")
        sha2 = hashlib.sha256(secret).hexdigest()
        binh = api.login("binh")

        assert an.get(f"/v1/blobs/{sha2}").status_code == 404
        owner = binh.get(f"/v1/blobs/{sha2}")
        assert owner.status_code == 200 and owner.content == secret
        assert an.get(f"/v1/blobs/{sha1}").status_code == 200
        assert binh.get(f"/v1/blobs/{sha1}").status_code == 404
        theirs = {v.sha256: v for v in binh.versions().values()}
        assert set(theirs) == {sha2} and theirs[sha2].meeting_id == "hop-hang-bac"

        # The next change to her meeting republishes it: still only her own rows.
        admin.set_meeting_status(db, "ky-hop-thang-6", "open")
        moved, _ = an.pull_all(cursor)
        assert moved and sha2 not in str([c.to_json() for c in moved])
        mine = an.versions()
        assert {v.sha256 for v in mine.values()} == {sha1}
        assert {v.title for v in mine.values()} == {"Báo cáo Cửa Nam"}

        # A body 2 pack naming body 1's meeting id is refused and changes nothing.
        body_pack(tmp_path / "p3", "ky-hop-thang-6", HANG_BAC, "binh", "Chiếm chỗ")
        with pytest.raises(UserError, match="belongs to the organisation “UBND phường Cửa Nam”"):
            import_pack(db, blobs, tmp_path / "p3")
        assert "ky-hop-thang-6" not in meetings_seen(binh)
        assert {v.sha256 for v in an.versions().values()} == {sha1}

    with db.read() as session:
        meeting = session.get(Meeting, "ky-hop-thang-6")
        assert meeting is not None and meeting.title == "Cửa Nam"
        items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))
        assert [i.title for i in items] == ["Cửa Nam: báo cáo"]
        docs = session.execute(
            select(Document.title, DocumentVersion.sha256)
            .join(DocumentVersion, DocumentVersion.document_id == Document.id)
            .where(Document.meeting_id == meeting.id)
        ).all()
        assert [tuple(d) for d in docs] == [("Báo cáo Cửa Nam", sha1)]
        users = session.scalars(
            select(User.username)
            .join(Participant, Participant.user_id == User.id)
            .where(Participant.meeting_id == meeting.id)
        )
        assert list(users) == ["an"]

    # Each body re-imports its own changed pack as before: a new version of its document.
    for folder, meeting_id, org, user, title in (
        (tmp_path / "p1", "ky-hop-thang-6", CUA_NAM, "an", "Cửa Nam"),
        (tmp_path / "p2", "hop-hang-bac", HANG_BAC, "binh", "Hàng Bạc"),
    ):
        body_pack(folder, meeting_id, org, user, title)
        assert import_pack(db, blobs, folder).new_versions == 1
    with db.read() as session:
        for meeting_id in ("ky-hop-thang-6", "hop-hang-bac"):
            docs = session.scalars(select(Document).where(Document.meeting_id == meeting_id))
            assert len(list(docs)) == 1
