"""Signing requests on the real server over HTTP (SQLite and PostgreSQL,
docs/signing-requests.md): signers in order, each filling the field the server
prepared; refusals out of order, on the wrong file, in the wrong field; two
signers of one head (the first accepted wins, the other re-signs the new head).

The signatures here are made with pyHanko and software keys whose certificates
are registered for the members (as tests/server/test_server_consultation.py
does): this file tests the server's judgement, not the token path (the client
side with SoftHSM2 tokens is not built yet, see docs/signing-requests.md).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import x509 as ax509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from tests.server.api import Api, Session
from tests.server.ballots import Signer, make_signer, sign_pdf
from tests.server.live import LiveServer
from tests.server.signed_uploads import (
    COUNCIL_BODY,
    push_one,
    registered_signers,
    server_cli,
    upload,
)
from tests.server.test_signature_check import _changed

from hanoi_desk import protocol as p
from hanoi_desk.protocol import signatures as psig
from hanoi_desk.protocol import signing_requests as ps
from hanoi_desk.server import admin, signing_requests
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.models import Document, DocumentVersion
from hanoi_desk.server.signing_requests import StepSpec

_signers = registered_signers


def _version_id(live: LiveServer) -> str:
    from sqlalchemy import select

    with live.server.db.read() as session:
        return (
            session.scalars(
                select(DocumentVersion.id)
                .join(Document, Document.id == DocumentVersion.document_id)
                .where(Document.meeting_id == COUNCIL_ID, DocumentVersion.superseded_by.is_(None))
                .order_by(DocumentVersion.id)
            ).first()
            or ""
        )


_sign = sign_pdf


def _record(s: Session, request_id: str) -> dict[str, Any]:
    changes, _ = s.pull_all()
    mine = [c for c in changes if c.type == ps.SIGNING_REQUEST and c.id == request_id]
    assert mine, "the request reaches the participant's feed"
    return dict(mine[-1].data)


def _head(s: Session, request_id: str) -> bytes:
    head = str(_record(s, request_id)["head_sha256"])
    r = s.get(f"/v1/blobs/{head}")
    assert r.status_code == 200, r.text
    assert hashlib.sha256(r.content).hexdigest() == head
    return r.content


def _send(s: Session, request_id: str, step: int, base: bytes, signed: bytes) -> p.MutationResult:
    upload_id, sha = upload(s, signed)
    payload = ps.SigningStepSign(request_id, step, hashlib.sha256(base).hexdigest(), upload_id,
                                 sha).to_json()  # fmt: skip
    return push_one(s, ps.KIND_SIGNING_STEP_SIGN, payload)


def _all_valid(pdf: bytes, keys_: dict[str, Signer], fields: list[str], tmp: Path) -> None:
    """Every field signed, each signature intact, trusted (its signer's certificate
    as the root) and changed after only by filling the other prepared fields."""
    reader = PdfFileReader(io.BytesIO(pdf))
    sigs = reader.embedded_signatures
    assert [s.field_name for s in sigs] == fields
    roots = [ax509.Certificate.load(k.cert_der) for k in keys_.values()]
    for sig in sigs:
        status = validate_pdf_signature(sig, ValidationContext(trust_roots=roots))
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()
        assert status.modification_level is not None
        assert status.modification_level.name in ("NONE", "FORM_FILLING")
    path = tmp / "signed.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdfsig"):  # poppler-utils: installed by ./run test's setup
        out = subprocess.run(["pdfsig", "-nocert", str(path)], check=False,
                             capture_output=True, text=True).stdout  # fmt: skip
        assert out.count("Signature is Valid") == len(fields), out


def test_three_signers_in_order_with_refusals(live: LiveServer, tmp_path: Path) -> None:
    """The secretary, a delegate and the chair sign in order; the chair, offline,
    reads the request only at the end. Refused on the way: the chair before their
    turn, the secretary's signature of the original version (not the prepared
    file), of another step's field, and by someone else's certificate."""
    keys_ = _signers(live, "thuky", "daibieu", "chutich")
    steps = [StepSpec("thuky", "Thư ký kỳ họp"), StepSpec("daibieu", "Đại biểu"),
             StepSpec("chutich", "Chủ tọa", "issuing")]  # fmt: skip
    version_id = _version_id(live)
    rid = signing_requests.create(live.server.db, live.server.blobs, version_id,
                                  "Biên bản kỳ họp thứ 12", steps)  # fmt: skip
    with Api(live.base_url) as api:
        secretary, delegate, chair = api.login("thuky"), api.login("daibieu"), api.login("chutich")
        base = _head(secretary, rid)
        record = _record(secretary, rid)
        assert [s["state"] for s in record["steps"]] == ["active", "pending", "pending"]
        # The chair signs their own field of the base before their turn: out of order.
        early = _send(chair, rid, 3, base, _sign(keys_["chutich"], base, "Sig3"))
        assert (early.status, early.reason) == (p.REJECTED, ps.REASON_NOT_YOUR_STEP)
        # The secretary signs the original version rather than the prepared file.
        original = secretary.get(f"/v1/blobs/{_sha_of_version(live, version_id)}").content
        wrong = _send(secretary, rid, 1, original, _sign(keys_["thuky"], original, "Sig1"))
        assert (wrong.status, wrong.reason) == (p.REJECTED, p.REASON_NOT_AN_EXTENSION)
        # … in another step's field, and with another member's key.
        field = _send(secretary, rid, 1, base, _sign(keys_["thuky"], base, "Sig2"))
        assert (field.status, field.reason) == (p.REJECTED, ps.REASON_WRONG_FIELD)
        other = _send(secretary, rid, 1, base, _sign(keys_["daibieu"], base, "Sig1"))
        assert (other.status, other.reason) == (p.REJECTED, psig.REASON_WRONG_SIGNER)
        # Forged: the page changed after the field was filled; a key under no root.
        forged = _send(secretary, rid, 1, base, _changed(_sign(keys_["thuky"], base, "Sig1")))
        assert (forged.status, forged.reason) == (p.REJECTED, psig.REASON_UNEXPECTED_CHANGE)
        stranger = make_signer("thuky")  # same name, not the council's
        untrusted = _send(secretary, rid, 1, base, _sign(stranger, base, "Sig1"))
        assert (untrusted.status, untrusted.reason) == (p.REJECTED, psig.REASON_UNTRUSTED)
        # A body with no root configured refuses even the right signature.
        roots = admin.list_trust_roots(live.server.db, COUNCIL_BODY)
        for fingerprint, _subject, _at in roots:
            admin.remove_trust_root(live.server.db, COUNCIL_BODY, fingerprint)
        none = _send(secretary, rid, 1, base, _sign(keys_["thuky"], base, "Sig1"))
        assert (none.status, none.reason) == (p.REJECTED, psig.REASON_UNTRUSTED)
        for name in ("thuky", "daibieu", "chutich"):
            admin.add_trust_root(live.server.db, COUNCIL_BODY, keys_[name].cert_der)
        first = _send(secretary, rid, 1, base, _sign(keys_["thuky"], base, "Sig1"))
        assert first.status == p.APPLIED, first.reason
        head = _head(delegate, rid)
        second = _send(delegate, rid, 2, head, _sign(keys_["daibieu"], head, "Sig2"))
        assert second.status == p.APPLIED, second.reason
        # The chair, offline until now, reads the request and signs the last head.
        head = _head(chair, rid)
        third = _send(chair, rid, 3, head, _sign(keys_["chutich"], head, "Sig3"))
        assert third.status == p.APPLIED, third.reason
        record = _record(secretary, rid)
        assert record["state"] == ps.RequestState.COMPLETED
        assert [s["state"] for s in record["steps"]] == ["signed"] * 3
        final = _head(secretary, rid)
    _all_valid(final, keys_, ["Sig1", "Sig2", "Sig3"], tmp_path)


def _sha_of_version(live: LiveServer, version_id: str) -> str:
    with live.server.db.read() as session:
        version = session.get(DocumentVersion, version_id)
        assert version is not None
        return version.sha256


def test_two_signers_of_one_head(live: LiveServer, tmp_path: Path) -> None:
    """Two delegates who may sign in either order (one stage) both sign the base
    offline: the first accepted wins, the other is refused stale_head, signs the
    new head and both signatures end valid."""
    keys_ = _signers(live, "daibieu", "daibieu2")
    steps = [StepSpec("daibieu", "Phó Chủ tịch", stage=1),
             StepSpec("daibieu2", "Phó Chủ tịch", stage=1)]  # fmt: skip
    rid = signing_requests.create(live.server.db, live.server.blobs, _version_id(live),
                                  "Kết luận phiên họp", steps)  # fmt: skip
    with Api(live.base_url) as api:
        a, b = api.login("daibieu"), api.login("daibieu2")
        base_a, base_b = _head(a, rid), _head(b, rid)
        signed_a = _sign(keys_["daibieu"], base_a, "Sig1")
        signed_b = _sign(keys_["daibieu2"], base_b, "Sig2")
        assert _send(a, rid, 1, base_a, signed_a).status == p.APPLIED
        late = _send(b, rid, 2, base_b, signed_b)
        assert (late.status, late.reason) == (p.REJECTED, ps.REASON_STALE_HEAD)
        assert _record(b, rid)["state"] == ps.RequestState.IN_PROGRESS
        head = _head(b, rid)  # one more signature (one more PIN entry on a token)
        again = _send(b, rid, 2, head, _sign(keys_["daibieu2"], head, "Sig2"))
        assert again.status == p.APPLIED, again.reason
        assert _record(a, rid)["state"] == ps.RequestState.COMPLETED
        final = _head(a, rid)
    _all_valid(final, keys_, ["Sig1", "Sig2"], tmp_path)


def test_a_decline_ends_the_request(live: LiveServer) -> None:
    _signers(live, "thuky", "chutich")
    steps = [StepSpec("thuky", "Thư ký"), StepSpec("chutich", "Chủ tọa")]
    rid = signing_requests.create(
        live.server.db, live.server.blobs, _version_id(live), "Biên bản", steps
    )
    with Api(live.base_url) as api:
        chair, secretary = api.login("chutich"), api.login("thuky")
        decline = ps.SigningStepDecline(rid, 2, "Chưa đúng nội dung").to_json()
        m = p.Mutation(1, uuid.uuid4().hex, ps.KIND_SIGNING_STEP_DECLINE, decline)
        out = chair.push(m, client_id=uuid.uuid4().hex).results[0]
        assert (out.status, out.reason) == (p.REJECTED, ps.REASON_NOT_YOUR_STEP)
        decline = ps.SigningStepDecline(rid, 1, "Biên bản thiếu ý kiến đại biểu").to_json()
        m = p.Mutation(1, uuid.uuid4().hex, ps.KIND_SIGNING_STEP_DECLINE, decline)
        assert secretary.push(m, client_id=uuid.uuid4().hex).results[0].status == p.APPLIED
        record = _record(chair, rid)
        assert record["state"] == ps.RequestState.CANCELLED
        assert record["steps"][0]["reason"] == "Biên bản thiếu ý kiến đại biểu"


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_a_request_needs_participants_and_known_kinds(live: LiveServer) -> None:
    from hanoi_desk.errors import UserError

    with pytest.raises(UserError):
        signing_requests.create(live.server.db, live.server.blobs, _version_id(live), "Biên bản",
                                [StepSpec("thuky", "Thư ký", "seal")])  # fmt: skip
    with pytest.raises(UserError):
        signing_requests.create(live.server.db, live.server.blobs, "no-such-version", "Biên bản",
                                [StepSpec("thuky", "Thư ký")])  # fmt: skip


def test_the_secretariat_runs_a_request_from_the_server_command_line(
    live: LiveServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``server sign-request|sign-request-show|sign-request-cancel`` in process (SQLite
    and PostgreSQL): a malformed step is a clear error and makes nothing; a "+"
    step shares the previous step's stage."""
    run = server_cli(live, capsys, monkeypatch)
    version = _version_id(live)
    code, _, err = run("sign-request", version, "--title", "Biên bản", "--step", "thuky")
    assert code == 1 and "USER:KIND:ROLE" in err
    code, out, _ = run("sign-request", version, "--title", "Biên bản",
                       "--step", "thuky:approval:Thư ký", "--step", "daibieu:approval:Phó Chủ tịch",
                       "--step", "+daibieu2:approval:Phó Chủ tịch",
                       "--step", "chutich:issuing:Chủ tọa")  # fmt: skip
    assert code == 0, out
    rid = out.split(": ", 1)[1].split(".", 1)[0]
    code, out, _ = run("sign-request-show", rid)
    shown = json.loads(out)
    assert [(s["stage"], s["state"]) for s in shown["steps"]] == [
        (1, "active"), (2, "pending"), (2, "pending"), (3, "pending")
    ]  # fmt: skip
    assert shown["steps"][3]["decree_kind"] == "issuing"
    assert run("sign-request-cancel", rid)[0] == 0
    assert run("sign-request-cancel", rid)[0] == 1  # cancelled already
