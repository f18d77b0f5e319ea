"""A signing request's clock (docs/signing-requests.md), on the real server over
HTTP with the receipt clock injected as tests/server/test_signing_request_expiry.py
does: a step's done_at is the same reading that judged the expiry, and a draft
whose expiry passed is never started and is reported expired."""

from __future__ import annotations

import uuid

import pytest
from tests.server.api import Api
from tests.server.live import LiveServer
from tests.server.signed_uploads import registered_signers as _signers
from tests.server.test_server_signing_requests import _head, _record, _send, _sign
from tests.server.test_server_signing_requests import _version_id as version_of
from tests.server.test_signing_request_expiry import T0, _steps

from hanoi_desk import protocol as p
from hanoi_desk.domain import signing_requests as dr
from hanoi_desk.errors import UserError
from hanoi_desk.protocol import signing_requests as ps
from hanoi_desk.server import signing_requests


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_done_at_is_the_receipt_clock_that_judged_the_expiry(live: LiveServer) -> None:
    """A signature and a decline record the injected receipt time (2030), not
    the host's real time."""
    keys_ = _signers(live, "thuky", "chutich")
    clock = {"t": T0 + 10}
    live.server.receipt_clock = lambda: clock["t"]
    rid = signing_requests.create(live.server.db, live.server.blobs, version_of(live),
                                  "Biên bản", _steps(), now=T0, expires_at=T0 + 3600)  # fmt: skip
    with Api(live.base_url) as api:
        secretary, chair = api.login("thuky"), api.login("chutich")
        base = _head(secretary, rid)
        first = _send(secretary, rid, 1, base, _sign(keys_["thuky"], base, "Sig1"))
        assert first.status == p.APPLIED, first.reason
        clock["t"] = T0 + 20
        decline = ps.SigningStepDecline(rid, 2, "Chưa đồng ý").to_json()
        m = p.Mutation(1, uuid.uuid4().hex, ps.KIND_SIGNING_STEP_DECLINE, decline)
        out = chair.push(m, client_id=uuid.uuid4().hex).results[0]
        assert out.status == p.APPLIED, out.reason
        record = _record(secretary, rid)
        assert [(s["state"], s["done_at"]) for s in record["steps"]] == [
            ("signed", T0 + 10), ("declined", T0 + 20),
        ]  # fmt: skip


def test_a_draft_past_its_expiry_is_expired_and_cannot_be_started(live: LiveServer) -> None:
    """SQLite and PostgreSQL: before its expiry the draft stays a draft; after it,
    sign-request-start refuses with a clear error, the draft is marked expired
    (participants read it so), and stays unstarted."""
    _signers(live, "thuky", "chutich")
    clock = {"t": T0}
    live.server.receipt_clock = lambda: clock["t"]
    rid = signing_requests.create(live.server.db, live.server.blobs, version_of(live),
                                  "Biên bản", _steps(), now=T0, expires_at=T0 + 60,
                                  draft=True)  # fmt: skip
    assert signing_requests.show(live.server.db, rid, now=T0 + 59)["state"] == "draft"
    with pytest.raises(UserError) as refused:
        signing_requests.start(live.server.db, rid, now=T0 + 60)
    assert refused.value.template == signing_requests.START_EXPIRED
    shown = signing_requests.show(live.server.db, rid, now=T0 + 60)
    assert shown["state"] == "expired"
    assert [s["state"] for s in shown["steps"]] == ["pending", "pending"]
    with Api(live.base_url) as api:
        clock["t"] = T0 + 60
        assert _record(api.login("chutich"), rid)["state"] == ps.RequestState.EXPIRED
    with pytest.raises(UserError) as again:  # expired for good: still refused
        signing_requests.start(live.server.db, rid, now=T0 + 61)
    assert again.value.template == signing_requests.START_EXPIRED


def test_a_swept_draft_past_its_expiry_is_expired_for_readers(live: LiveServer) -> None:
    """Nobody tries to start it: the first pull after its expiry says expired."""
    _signers(live, "thuky", "chutich")
    clock = {"t": T0}
    live.server.receipt_clock = lambda: clock["t"]
    rid = signing_requests.create(live.server.db, live.server.blobs, version_of(live),
                                  "Biên bản", _steps(), now=T0, expires_at=T0 + 60,
                                  draft=True)  # fmt: skip
    with Api(live.base_url) as api:
        secretary = api.login("thuky")
        assert _record(secretary, rid)["state"] == ps.RequestState.DRAFT
        clock["t"] = T0 + 60
        assert _record(secretary, rid)["state"] == ps.RequestState.EXPIRED


def test_the_client_shows_a_draft_past_its_expiry_as_expired() -> None:
    """The domain rule the client's list and page use before a sync brings the
    server's word: a draft past expires_at is expired, asks nobody."""
    step = {"position": 1, "stage": 1, "user_id": "u", "name": "n", "role": "r",
            "field_name": "Sig1", "decree_kind": "approval", "state": "pending"}  # fmt: skip
    record = {"id": "r", "meeting_id": "m", "document_version_id": "v", "title": "t",
              "state": "draft", "head_sha256": "0" * 64, "head_size": 1,
              "expires_at": 100, "steps": [step]}  # fmt: skip
    r = dr.SigningRequest.parse(record)
    assert r.state_at(99) == "draft"
    assert r.state_at(100) == "expired" and r.my_active_steps(["u"], now=100) == []
