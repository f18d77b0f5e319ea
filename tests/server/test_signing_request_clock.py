"""A signing request's clock (docs/signing-requests.md), on the real server over
HTTP with the receipt clock injected as tests/server/test_signing_request_expiry.py
does: a step's done_at is the same reading that judged the expiry."""

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

