"""Written consultation on the real server over HTTP (SQLite and PostgreSQL):
receipt time against the deadline (the server's receipt clock is injected —
no sleeping for a deadline), revisions, paper opinions, the summary's counts,
and the opinion PDF's signature check (docs/consultation.md).

The opinions here are signed with pyHanko and a software key whose certificate
is registered for the member (as tests/server/test_server_vote_admin.py does):
this file tests the server's judgement, not the token path.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from tests.server.api import Api, Session
from tests.server.ballots import Signer, make_signer, sign_pdf
from tests.server.live import LiveServer
from tests.server.signed_uploads import push_one, registered_signers, server_cli, upload

from hanoi_desk import protocol as p
from hanoi_desk.app.consultation import bind_answers
from hanoi_desk.protocol import consultation as pc
from hanoi_desk.protocol import signatures as psig
from hanoi_desk.samples import make_pdf
from hanoi_desk.server import consultation
from hanoi_desk.server.demo import COUNCIL_ID

DEADLINE = 1_900_000_000
QUESTIONS = [
    {"id": "q1", "text": "Đồng ý với dự thảo Nghị quyết về bảng giá đất?"},
    {"id": "q2", "text": "Ý kiến về thời điểm áp dụng"},
]


def _signed_pdf(
    signer: Signer, cid: str, answers: dict[str, Any] | None, title: str = "Phiếu lấy ý kiến"
) -> bytes:
    """A signed opinion sheet carrying ``cid`` and ``answers`` as the client's
    opinion_pdf does (app/consultation.bind_answers); None: carrying none."""
    pdf = make_pdf(None, title, pages=1)
    if answers is not None:
        pdf = bind_answers(pdf, cid, answers)
    return sign_pdf(signer, pdf, "YKien")


def _send(s: Session, cid: str, signer: Signer, answers: dict[str, Any]) -> p.MutationResult:
    """An opinion signed for ``answers`` and sent with them."""
    return _respond(s, cid, _signed_pdf(signer, cid, answers), answers)


def _respond(s: Session, cid: str, pdf: bytes, answers: dict[str, Any]) -> p.MutationResult:
    upload_id, sha = upload(s, pdf)
    payload = pc.ConsultationRespond(cid, upload_id, sha, answers).to_json()
    return push_one(s, pc.KIND_CONSULTATION_RESPOND, payload)


def _answers(q1: str, q2: str = "agree", text: str = "") -> dict[str, Any]:
    return {"q1": {"answer": q1, "text": text if q1 == "other" else ""},
            "q2": {"answer": q2, "text": text if q2 == "other" else ""}}  # fmt: skip


def _open(live: LiveServer, respondents: list[str]) -> str:
    db = live.server.db
    cid = consultation.create(db, COUNCIL_ID, "15/PLYK-HĐND", "Lấy ý kiến về bảng giá đất",
                              DEADLINE, questions=QUESTIONS, respondents=respondents)  # fmt: skip
    consultation.move(db, cid, "open")
    return cid


_signers = registered_signers


def test_late_by_one_second_revision_and_counts(live: LiveServer) -> None:
    """One second after the deadline is late (kept, not counted); a revision by the
    deadline replaces the first; the summary's counts are the counted responses."""
    keys_ = _signers(live, "daibieu", "daibieu2")
    cid = _open(live, ["daibieu", "daibieu2", "daibieu3"])
    clock = {"t": DEADLINE - 60}
    live.server.receipt_clock = lambda: clock["t"]
    with Api(live.base_url) as api:
        d1, d2 = api.login("daibieu"), api.login("daibieu2")
        first = _send(d1, cid, keys_["daibieu"], _answers("agree"))
        assert first.status == p.APPLIED and first.result is not None
        assert first.result["late"] is False
        clock["t"] = DEADLINE  # the deadline second itself is on time
        revised = _send(d1, cid, keys_["daibieu"],
                        _answers("other", "disagree", "Nên áp dụng từ năm sau"))  # fmt: skip
        assert revised.status == p.APPLIED and revised.result is not None
        assert revised.result["late"] is False
        clock["t"] = DEADLINE + 1
        late = _send(d2, cid, keys_["daibieu2"], _answers("agree"))
        assert late.status == p.APPLIED and late.result is not None
        assert late.result["late"] is True and late.result["received_at"] == DEADLINE + 1
        # The respondent's own record in the feed shows both of their responses.
        changes, _ = d1.pull_all()
        mine = [c for c in changes if c.type == pc.CONSULTATION and c.id == cid]
        assert mine and len(mine[-1].data["my_responses"]) == 2
    rep = consultation.report(live.server.db, cid).to_json()
    names = {k: [x["name"] for x in v] for k, v in rep["summary"].items() if k != "questions"}
    ids = {k: [x["user_id"] for x in v] for k, v in rep["summary"].items() if k != "questions"}
    assert len(ids["answered"]) == 1 and len(ids["late"]) == 1 and len(ids["missing"]) == 1
    assert names["paper"] == []
    q1, q2 = rep["summary"]["questions"]
    # Only the revision counts: other on q1 (with its text), disagree on q2.
    assert q1["counts"] == {"agree": 0, "disagree": 0, "other": 1}
    assert q1["others"][0]["text"] == "Nên áp dụng từ năm sau"
    assert q2["counts"] == {"agree": 0, "disagree": 1, "other": 0}
    # Every response is kept: the first (not counted), the revision, the late one.
    assert [(r["late"], r["counted"]) for r in rep["responses"]] == [
        (False, False), (False, True), (True, False)
    ]  # fmt: skip
    # The counts equal the counted responses, question by question.
    counted = [r for r in rep["responses"] if r["counted"]]
    for q in (q1, q2):
        for answer in ("agree", "disagree", "other"):
            expected = sum(1 for r in counted if r["answers"][q["id"]]["answer"] == answer)
            assert q["counts"][answer] == expected


def test_a_paper_opinion_is_flagged_with_its_scan_and_dates(live: LiveServer) -> None:
    cid = _open(live, ["daibieu", "daibieu3"])
    scan = make_pdf(None, "Bản quét phiếu giấy", pages=1)
    consultation.enter_paper(live.server.db, live.server.blobs, cid, username="daibieu3",
                             answers=_answers("disagree"), scan=scan, written_on="2030-03-15",
                             entered_by="thuky", now=DEADLINE - 5)  # fmt: skip
    rep = consultation.report(live.server.db, cid).to_json()
    (response,) = rep["responses"]
    assert response["paper"] is True and response["written_on"] == "2030-03-15"
    assert response["received_at"] == DEADLINE - 5 and response["counted"] is True
    assert response["sha256"] == hashlib.sha256(scan).hexdigest()
    assert live.server.blobs.size(response["sha256"]) == len(scan)  # the scan is kept
    assert [x["user_id"] for x in rep["summary"]["paper"]] == [
        x["user_id"] for x in rep["summary"]["answered"]
    ]
    assert rep["summary"]["questions"][0]["counts"]["disagree"] == 1


def test_opinions_not_signed_by_the_respondent_are_refused(live: LiveServer) -> None:
    keys_ = _signers(live, "daibieu", "daibieu2")
    stranger = make_signer("someone else")  # under no root of the council
    cid = _open(live, ["daibieu"])
    with Api(live.base_url) as api:
        d1 = api.login("daibieu")
        untrusted = _send(d1, cid, stranger, _answers("agree"))
        assert (untrusted.status, untrusted.reason) == (p.REJECTED, psig.REASON_UNTRUSTED)
        other_key = _send(d1, cid, keys_["daibieu2"], _answers("agree"))
        assert (other_key.status, other_key.reason) == (p.REJECTED, psig.REASON_WRONG_SIGNER)
        appended = _signed_pdf(keys_["daibieu"], cid, _answers("agree")) + b"\n% changed\n"
        changed = _respond(d1, cid, appended, _answers("agree"))
        assert (changed.status, changed.reason) == (p.REJECTED, psig.REASON_UNEXPECTED_CHANGE)
        bad = _send(d1, cid, keys_["daibieu"], {"q1": {"answer": "other"}})
        assert (bad.status, bad.reason) == (p.REJECTED, pc.REASON_BAD_ANSWERS)
        # Not a respondent (the chair here): indistinguishable from no such consultation.
        chair = api.login("chutich")
        foreign = _send(chair, cid, keys_["daibieu"], _answers("agree"))
        assert (foreign.status, foreign.reason) == (p.REJECTED, p.REASON_NOT_FOUND)
        good = _send(d1, cid, keys_["daibieu"], _answers("agree"))
        assert good.status == p.APPLIED
    assert len(consultation.report(live.server.db, cid).responses) == 1
    (response,) = consultation.report(live.server.db, cid).responses
    with Api(live.base_url) as api:
        # The signed opinion: its respondent and the secretariat read it, another member not.
        for user, status in (("daibieu", 200), ("thuky", 200), ("daibieu2", 404)):
            r = api.login(user).get(f"/v1/blobs/{response['sha256']}")
            assert r.status_code == status, user


def test_an_opinion_is_counted_only_with_the_answers_it_signs(live: LiveServer) -> None:
    """Review 20, finding 8: a sheet signed for "agree" sent with "disagree", a
    sheet carrying no answers, and one signed for another consultation are
    refused answers_mismatch; nothing is counted, then the honest one is (also
    when one batch names the same sheet with other answers after it)."""
    keys_ = _signers(live, "daibieu")
    cid = _open(live, ["daibieu"])
    other = consultation.create(live.server.db, COUNCIL_ID, "16/PLYK-HĐND", "Lấy ý kiến khác",
                                DEADLINE, questions=QUESTIONS, respondents=["daibieu"])  # fmt: skip
    consultation.move(live.server.db, other, "open")
    key = keys_["daibieu"]
    with Api(live.base_url) as api:
        d1 = api.login("daibieu")
        agree, disagree = _answers("agree"), _answers("disagree")
        swapped = _respond(d1, cid, _signed_pdf(key, cid, agree), disagree)
        unbound = _respond(d1, cid, _signed_pdf(key, cid, None), agree)
        elsewhere = _respond(d1, cid, _signed_pdf(key, other, agree), agree)
        for refused in (swapped, unbound, elsewhere):
            assert (refused.status, refused.reason) == (p.REJECTED, pc.REASON_ANSWERS_MISMATCH)
        assert not consultation.report(live.server.db, cid).responses
        # One sheet named twice in one batch: judged with each mutation's answers.
        upload_id, sha = upload(d1, _signed_pdf(key, cid, disagree))
        batch = [p.Mutation(n, uuid.uuid4().hex, pc.KIND_CONSULTATION_RESPOND,
                            pc.ConsultationRespond(cid, upload_id, sha, answers).to_json())
                 for n, answers in enumerate((disagree, agree), start=1)]  # fmt: skip
        results = d1.push(*batch, client_id=uuid.uuid4().hex).results
        assert [(r.status, r.reason) for r in results] == [
            (p.APPLIED, None), (p.REJECTED, pc.REASON_ANSWERS_MISMATCH),
        ]  # fmt: skip
    (counted,) = consultation.report(live.server.db, cid).responses
    assert counted["answers"]["q1"]["answer"] == "disagree" and counted["counted"]


def test_the_demo_has_an_open_consultation_for_the_council(live: LiveServer) -> None:
    """In every respondent's feed and the secretary's, not in a guest's; its
    deadline is ahead, so a delegate can answer it in the demo."""
    with Api(live.base_url) as api:
        for user, expected in (("daibieu", True), ("thuky", True), ("khachmoi", False)):
            changes, _ = api.login(user).pull_all()
            found = [c for c in changes if c.type == pc.CONSULTATION]
            assert bool(found) is expected, user
            if found:
                (record,) = found
                assert record.id == consultation.DEMO_CONSULTATION
                assert record.data["state"] == "open" and len(record.data["questions"]) == 2
                assert record.data["respondent"] is (user == "daibieu")


def test_the_secretariat_runs_a_consultation_from_the_server_command_line(
    live: LiveServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """``server consult-create|consult-state|consult-paper|consult-summary`` in process,
    on the test's server (SQLite and PostgreSQL); bad input is a clear error, nothing made."""
    run = server_cli(live, capsys, monkeypatch)
    questions = tmp_path / "q.json"
    questions.write_text(json.dumps(QUESTIONS, ensure_ascii=False), encoding="utf-8")
    code, _, err = run("consult-create", COUNCIL_ID, "--reference", "17/PLYK", "--title", "Đề án",
                       "--deadline", "2030-03-17T17:00", "--questions", str(questions))  # fmt: skip
    assert code == 1 and "+07:00" in err  # a deadline without its offset is ambiguous
    code, out, _ = run("consult-create", COUNCIL_ID, "--reference", "17/PLYK", "--title", "Đề án",
                       "--deadline", "2030-03-17T17:00+07:00", "--questions", str(questions),
                       "--respondent", "daibieu", "--respondent", "daibieu2")  # fmt: skip
    assert code == 0
    cid = out.split(": ", 1)[1].split(".", 1)[0]
    assert run("consult-state", cid, "closed")[0] == 1  # a draft is opened first
    assert run("consult-state", cid, "open")[0] == 0
    answers, scan = tmp_path / "a.json", tmp_path / "scan.pdf"
    answers.write_text(json.dumps(_answers("disagree")), encoding="utf-8")
    scan.write_bytes(b"%PDF-1.4 scan of the paper opinion")
    paper = ["--answers", str(answers), "--scan", str(scan), "--entered-by", "thuky"]
    code, _, err = run("consult-paper", cid, "daibieu2", *paper, "--written-on", "17/03/2030")
    assert code == 1 and "YYYY-MM-DD" in err
    assert run("consult-paper", cid, "daibieu2", *paper, "--written-on", "2030-03-16")[0] == 0
    code, out, _ = run("consult-summary", cid)
    assert code == 0
    rep = json.loads(out)
    assert rep["consultation"]["deadline"] == 1_899_972_000  # 17:00 in Hà Nội is 10:00 UTC
    assert (
        [x["name"] for x in rep["summary"]["paper"]]
        == [x["name"] for x in rep["summary"]["answered"]]
        and len(rep["summary"]["answered"]) == 1
        and len(rep["summary"]["missing"]) == 1
    )
    assert rep["summary"]["questions"][0]["counts"]["disagree"] == 1
