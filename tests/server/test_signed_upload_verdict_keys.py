"""The verdicts of one push's signed uploads stay with the workflow that asked
for them (review 20, finding 5), on the real server over HTTP: the same opinion
file answering two consultations of two bodies is judged by each body's roots.

Software keys registered for the member (tests/server/signed_uploads.py), as the
other server upload tests do: this tests the server's judgement, not the token.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from tests.server.api import Api
from tests.server.ballots import Signer, make_signer, sign_pdf
from tests.server.live import LiveServer
from tests.server.signed_uploads import COUNCIL_BODY, push_one, registered_signers, upload

from hanoi_desk import protocol as p
from hanoi_desk.app.consultation import bind_answers
from hanoi_desk.protocol import consultation as pc
from hanoi_desk.protocol import signatures as psig
from hanoi_desk.samples import make_pdf
from hanoi_desk.server import admin, consultation
from hanoi_desk.server.demo import COUNCIL_ID, WARD_ID

DEADLINE = 1_900_000_000
QUESTIONS = [{"id": "q1", "text": "Đồng ý với dự thảo?"}]
AGREE = {"q1": {"answer": "agree", "text": ""}}


def _open(live: LiveServer, meeting_id: str) -> str:
    cid = consultation.create(live.server.db, meeting_id, f"{meeting_id}/PLYK",
                              "Lấy ý kiến", DEADLINE, questions=QUESTIONS,
                              respondents=["thuky"])  # fmt: skip
    consultation.move(live.server.db, cid, "open")
    return cid


def _opinion(key: Signer, cid: str) -> bytes:
    """A signed opinion sheet answering AGREE to ``cid``, as the client makes it."""
    sheet = bind_answers(make_pdf(None, "Phiếu lấy ý kiến", pages=1), cid, AGREE)
    return sign_pdf(key, sheet, "YKien")


def test_one_opinion_file_for_two_bodies_is_judged_by_each_bodys_roots(
    live: LiveServer,
) -> None:
    """thuky is in the council's meeting and the ward's; only the council trusts
    his certificate's root. The ward's answer comes first in the batch, so a
    verdict keyed by the file alone would be the council's (accepted) for both."""
    live.server.receipt_clock = lambda: DEADLINE - 60
    key = registered_signers(live, "thuky")["thuky"]  # a root of the council only
    ward, council = _open(live, WARD_ID), _open(live, COUNCIL_ID)
    opinion = _opinion(key, council)  # sent to the ward too, by a modified client
    with Api(live.base_url) as api:
        s = api.login("thuky")
        upload_id, sha = upload(s, opinion)
        batch = [
            p.Mutation(n, uuid.uuid4().hex, pc.KIND_CONSULTATION_RESPOND,
                       pc.ConsultationRespond(cid, upload_id, sha, AGREE).to_json())
            for n, cid in enumerate((ward, council), start=1)
        ]  # fmt: skip
        results = s.push(*batch, client_id=uuid.uuid4().hex).results
    assert [(r.status, r.reason) for r in results] == [
        (p.REJECTED, psig.REASON_UNTRUSTED),
        (p.APPLIED, None),
    ]


def test_a_certificate_registered_to_another_member_is_not_registered_again(
    live: LiveServer,
) -> None:
    """Review 20, finding 4: the council takes a member's certificate from their
    first signature. daibieu's registered certificate signing under thuky's
    account (who has none: a stolen password) is refused certificate_in_use and
    thuky stays without one; his own new certificate is then registered."""
    from hanoi_desk.server.votes import certificate_of

    live.server.receipt_clock = lambda: DEADLINE - 60
    daibieus = registered_signers(live, "daibieu")["daibieu"]
    own = make_signer("Lê Văn Cường")
    admin.add_trust_root(live.server.db, COUNCIL_BODY, own.cert_der)
    council = _open(live, COUNCIL_ID)
    with Api(live.base_url) as api:
        s = api.login("thuky")
        results = []
        for key in (daibieus, own):
            upload_id, sha = upload(s, _opinion(key, council))
            payload = pc.ConsultationRespond(council, upload_id, sha, AGREE).to_json()
            results.append(push_one(s, pc.KIND_CONSULTATION_RESPOND, payload))
            if key is daibieus:
                with live.server.db.read() as session:
                    thuky = admin.user_by_name(session, "thuky").id
                    assert certificate_of(session, thuky) is None
    assert [(r.status, r.reason) for r in results] == [
        (p.REJECTED, psig.REASON_CERTIFICATE_IN_USE),
        (p.APPLIED, None),
    ]
    with live.server.db.read() as session:
        assert certificate_of(session, thuky) == own.cert_der


def test_a_signing_step_naming_a_base_other_than_the_head_is_not_judged(
    live: LiveServer,
) -> None:
    """Review 20, finding 5 (and 6): sign_verdicts runs pyHanko only on a step
    naming the request's head; any other base (here a file of another request's
    kind, in the blob store) is left to the handler's refusal, never read. The
    verdicts are computed by the server's own function on its real database and
    blob store; the files reach the store by HTTP uploads."""
    import hashlib

    from tests.server.test_server_signing_requests import _head, _version_id

    from hanoi_desk.protocol import signing_requests as ps
    from hanoi_desk.server import signing_requests
    from hanoi_desk.server.signing_requests import StepSpec

    key = registered_signers(live, "daibieu")["daibieu"]
    steps = [StepSpec("daibieu", "Phó Chủ tịch")]
    rid = signing_requests.create(live.server.db, live.server.blobs, _version_id(live),
                                  "Kết luận phiên họp", steps)  # fmt: skip
    other = make_pdf(None, "Một văn bản khác", pages=1)
    with Api(live.base_url) as api:
        s = api.login("daibieu")
        head = _head(s, rid)
        mutations: list[p.Mutation] = []
        keys: list[str] = []
        for base in (other, head):
            upload_id, sha = upload(s, sign_pdf(key, base, "Sig1"))
            upload(s, base)  # the named base is in the blob store either way
            sign = ps.SigningStepSign(rid, 1, hashlib.sha256(base).hexdigest(), upload_id, sha)
            mutations.append(p.Mutation(len(mutations) + 1, uuid.uuid4().hex,
                                        ps.KIND_SIGNING_STEP_SIGN, sign.to_json()))  # fmt: skip
            keys.append(signing_requests.verdict_key(sign))
        with live.server.db.read() as session:
            user_id = admin.user_by_name(session, "daibieu").id
    batch = p.MutationBatch(uuid.uuid4().hex, tuple(mutations))
    verdicts = signing_requests.sign_verdicts(live.server.db, live.server.blobs, user_id, batch)
    assert set(verdicts) == {keys[1]} and verdicts[keys[1]].problem is None


def test_one_opinion_named_twice_for_one_consultation_is_checked_once(
    live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 20, finding 6's dedupe: a push naming the same opinion for the same
    consultation many times runs pyHanko once. The real check runs; a counting
    wrapper around it only records the calls (no other way to see the work)."""
    from hanoi_desk.server import signature_check

    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return signature_check.check_signed_upload(*args, **kwargs)

    monkeypatch.setattr(consultation, "check_signed_upload", counted)
    live.server.receipt_clock = lambda: DEADLINE - 60
    key = registered_signers(live, "thuky")["thuky"]
    council = _open(live, COUNCIL_ID)
    with Api(live.base_url) as api:
        s = api.login("thuky")
        upload_id, sha = upload(s, _opinion(key, council))
        with live.server.db.read() as session:
            user_id = admin.user_by_name(session, "thuky").id
    respond = pc.ConsultationRespond(council, upload_id, sha, AGREE).to_json()
    batch = p.MutationBatch(uuid.uuid4().hex, tuple(
        p.Mutation(n, uuid.uuid4().hex, pc.KIND_CONSULTATION_RESPOND, respond)
        for n in range(1, 6)
    ))  # fmt: skip
    verdicts = consultation.opinion_verdicts(live.server.db, live.server.blobs, user_id, batch)
    assert len(calls) == 1 and [v.problem for v in verdicts.values()] == [None]
