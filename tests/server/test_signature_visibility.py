"""Who sees an accepted signature (docs/server-uploads.md, "Who sees a
signature"): over real HTTP (SQLite and PostgreSQL), a delegate's signature of
a council document reaches the signer's and the secretariat's feeds as a
``signed_copy`` record and the secretariat may download the signed file;
another delegate sees neither. A refused signature reaches nobody."""

from __future__ import annotations

import hashlib
import uuid

from tests.server.api import Api, Session, mutation
from tests.server.ballots import Signer, make_signer, sign_pdf
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.protocol.signatures import SIGNED_COPY
from hanoi_desk.server import admin
from hanoi_desk.server.demo import COUNCIL_ID

BODY = "HĐND quận Đống Đa"


def _submit(s: Session, version: p.DocumentVersionData, signer: Signer) -> p.MutationResult:
    data = sign_pdf(signer, s.get(f"/v1/blobs/{version.sha256}").content)
    sha = hashlib.sha256(data).hexdigest()
    req = p.UploadCreate(uuid.uuid4().hex, len(data), sha)
    upload_id = s.request("POST", "/v1/uploads", json=req.to_json()).json()["upload_id"]
    r = s.request("PATCH", f"/v1/uploads/{upload_id}", content=data,
                  headers={"Upload-Offset": "0"})  # fmt: skip
    assert r.status_code == 200, r.text
    payload = {"document_version_id": version.id, "upload_id": upload_id, "sha256": sha}
    return s.push(
        mutation(1, p.KIND_SIGNATURE_SUBMIT, payload), client_id=uuid.uuid4().hex
    ).results[0]


def _signed_copies(s: Session) -> dict[str, dict[str, object]]:
    changes, _ = s.pull_all()
    return {c.id: dict(c.data) for c in changes if c.type == SIGNED_COPY}


def test_the_signer_and_the_secretariat_see_a_signature_another_delegate_not(
    live: LiveServer,
) -> None:
    signer, stranger = make_signer("Đại biểu ký"), make_signer("Không rõ")
    admin.add_trust_root(live.server.db, BODY, signer.cert_der)
    admin.set_member_certificate(live.server.db, "daibieu", signer.cert_der)
    with live.server.db.read() as session:
        display_name = admin.user_by_name(session, "daibieu").display_name
    with Api(live.base_url) as api:
        delegate = api.login("daibieu")
        version = next(v for v in delegate.versions().values()
                       if v.meeting_id == COUNCIL_ID and v.superseded_by is None)  # fmt: skip
        refused = _submit(delegate, version, stranger)  # under no root: nobody sees it
        assert (refused.status, refused.reason) == (p.REJECTED, "untrusted")
        accepted = _submit(delegate, version, signer)
        assert accepted.status == p.APPLIED and accepted.result is not None
        sig_id = str(accepted.result["signature_id"])
        for user in ("daibieu", "thuky", "chutich"):
            s = api.login(user)
            copies = _signed_copies(s)
            assert list(copies) == [sig_id], user
            record = copies[sig_id]
            assert (record["document_version_id"], record["meeting_id"]) == (
                version.id, COUNCIL_ID,
            )  # fmt: skip
            assert record["name"] == display_name and record["user_id"] == delegate.tokens.user.id
            blob = s.get(f"/v1/blobs/{record['sha256']}")
            assert blob.status_code == 200, user
            assert hashlib.sha256(blob.content).hexdigest() == record["sha256"]
            assert record["size"] == len(blob.content)
        other = api.login("daibieu2")  # a delegate of the same meeting, not the secretariat
        assert _signed_copies(other) == {}
        sha = str(_signed_copies(api.login("thuky"))[sig_id]["sha256"])
        assert other.get(f"/v1/blobs/{sha}").status_code == 404
