"""The body's administrator and votes: ``server member-cert`` and ``server
body-setting`` through the real CLI entry point against a real server
(SQLite and PostgreSQL), and what the authority then does with them."""

from __future__ import annotations

import hashlib
import io
import sys
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from asn1crypto import keys
from asn1crypto import x509 as ax509
from cryptography.hazmat.primitives import serialization
from cryptography.x509 import load_der_x509_certificate
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore
from tests.server.api import Api
from tests.server.ballots import Signer, Voter, make_signer, named, round_of, send
from tests.server.live import LiveServer, running_server

from hanoi_desk import protocol as p
from hanoi_desk.cli.main import main
from hanoi_desk.domain.live.state import LiveEvent, fold
from hanoi_desk.protocol import signatures as psig
from hanoi_desk.server import admin, votes
from hanoi_desk.server.demo import COUNCIL_ID, DEMO_POLLS, build_demo
from hanoi_desk.server.packs import agenda_item_id

BODY = "HĐND quận Đống Đa"
ITEM = agenda_item_id(COUNCIL_ID, 1, "hdnd-dongda-ky12.1")


@pytest.fixture
def cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, live: LiveServer
) -> Callable[..., tuple[int, str, str]]:
    """``hanoi-desk server ACTION … --data D [--db URL]`` on the test's server, in process."""
    monkeypatch.setenv("HANOI_DESK_LANG", "en")
    url = live.server.db.url
    store = ["--data", str(live.data_dir), *([] if live.server.db.is_sqlite else ["--db", url])]

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        capsys.readouterr()
        try:
            code = main(["server", args[0], *store, *args[1:]])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_member_cert_registers_and_replaces_what_ballots_are_checked_against(
    live: LiveServer, cli: Callable[..., tuple[int, str, str]], tmp_path: Path
) -> None:
    first, second = make_signer("demo-1"), make_signer("demo-2")
    pem = tmp_path / "demo.pem"
    pem.write_bytes(
        load_der_x509_certificate(first.cert_der).public_bytes(serialization.Encoding.PEM)
    )
    code, out, err = cli("member-cert", "demo", str(pem))
    assert code == 0, err
    assert "for “demo” (replaced: none)" in out
    with Api(live.base_url) as api:
        chair, demo_s = api.login("chutich"), api.login("demo")
        demo_s.live_command(COUNCIL_ID, "attendance.checkin", {"state": "present"})
        poll = uuid.uuid4().hex
        for kind, args in (("poll.create", {"poll": poll, "item": ITEM, "title": "Báo cáo",
                                            "kind": "named"}),
                           ("poll.open", {"poll": poll, "round": 1})):  # fmt: skip
            assert chair.live_command(COUNCIL_ID, kind, args).status == "applied"
        number, anchor = round_of(chair, poll)
        old = Voter(demo_s, demo_s.tokens.user.id, first)
        new = Voter(demo_s, demo_s.tokens.user.id, second)
        der = tmp_path / "demo.der"
        der.write_bytes(second.cert_der)
        code, out, err = cli("member-cert", "demo", str(der))  # DER, and a replacement
        assert code == 0 and "(replaced: " in out and "none" not in out, err
        assert send(old, named(old, poll, number, anchor, 0)).reason == "wrong_certificate"
        assert send(new, named(new, poll, number, anchor, 0)).status == "counted"
    not_a_cert = tmp_path / "x.pem"
    not_a_cert.write_text("-----BEGIN CERTIFICATE-----\nxx\n-----END CERTIFICATE-----\n")
    code, _out, err = cli("member-cert", "demo", str(not_a_cert))
    assert code == 1 and "not an X.509 certificate" in err
    code, _out, err = cli("member-cert", "khong-co-ai", str(der))
    assert code == 1 and "There is no user named “khong-co-ai”" in err


def test_body_setting_substitute_may_vote_reaches_the_round_snapshot(
    live: LiveServer, cli: Callable[..., tuple[int, str, str]]
) -> None:
    with Api(live.base_url) as api:
        chair, demo_s = api.login("chutich"), api.login("demo")
        demo_id = demo_s.tokens.user.id
        # demo is in the room through a substitute (ủy quyền tham dự).
        for kind, args in (("attendance.substitute", {"substitute": "Ngô Văn Tư"}),
                           ("attendance.checkin", {"state": "present"})):  # fmt: skip
            assert demo_s.live_command(COUNCIL_ID, kind, args).status == "applied"

        def snapshot_present() -> list[str]:
            poll = uuid.uuid4().hex
            chair.live_command(
                COUNCIL_ID,
                "poll.create",
                {"poll": poll, "item": ITEM, "title": "Báo cáo", "kind": "named"},
            )
            assert (
                chair.live_command(COUNCIL_ID, "poll.open", {"poll": poll, "round": 1}).status
                == "applied"
            )
            opened = chair.live_page(COUNCIL_ID).events[-1]
            assert opened.kind == "poll.opened"
            for kind, extra in (("poll.closing", {"grace_ms": 0}), ("poll.close", {})):
                chair.live_command(COUNCIL_ID, kind, {"poll": poll, "round": 1, **extra})
            return list(opened.data["present"])  # fmt: skip

        assert demo_id not in snapshot_present()  # off by default: People's Council rules
        code, out, err = cli("body-setting", BODY, "substitute-may-vote", "on")
        assert code == 0, err
        assert out.strip() == f"Body “{BODY}”: substitute-may-vote is now on (before: off)."
        assert demo_id in snapshot_present()
        code, out, _err = cli("body-setting", BODY, "substitute-may-vote", "off")
        assert code == 0 and "(before: on)" in out
        assert demo_id not in snapshot_present()
    code, _out, err = cli("body-setting", "Không có", "vote-delegation", "on")
    assert code == 1 and "There is no body (organisation) named “Không có”" in err
    assert cli("body-setting", BODY, "quorum", "on")[0] == 2


def test_the_demo_has_a_vote_per_resolution_and_counts_its_signer(
    tmp_path: Path, packs_dir: Path
) -> None:
    signer = make_signer("demo key")
    data = tmp_path / "demo"
    build_demo(data, cheap_hash=True, packs_dir=packs_dir,
               member_certificates={"demo": signer.cert_der})  # fmt: skip
    with running_server(data, demo=False) as srv, Api(srv.base_url) as api:
        chair, demo_s = api.login("chutich"), api.login("demo")
        state = fold(COUNCIL_ID, [LiveEvent(**e.fields())
                                  for e in chair.live_page(COUNCIL_ID).events])  # fmt: skip
        items = {agenda_item_id(COUNCIL_ID, pos, item) for _p, pos, item, _t in DEMO_POLLS}
        assert [(p.id, p.status.value) for p in state.polls] == [
            (p, "draft") for p, *_ in DEMO_POLLS
        ]
        assert {p.item for p in state.polls} == items
        demo_s.live_command(COUNCIL_ID, "attendance.checkin", {"state": "present"})
        poll = DEMO_POLLS[1][0]
        assert chair.live_command(COUNCIL_ID, "poll.open", {"poll": poll, "round": 1}).seqs
        number, anchor = round_of(chair, poll)
        voter = Voter(demo_s, demo_s.tokens.user.id, signer)
        assert send(voter, named(voter, poll, number, anchor, 0)).status == "counted"


def _signed_pdf(signer: Signer, pdf: bytes) -> bytes:
    """``pdf`` signed by ``signer`` with pyHanko (the client's engine signs the same way)."""
    key = signer.key.private_bytes(serialization.Encoding.DER,
                                   serialization.PrivateFormat.PKCS8,
                                   serialization.NoEncryption())  # fmt: skip
    simple = signers.SimpleSigner(signing_cert=ax509.Certificate.load(signer.cert_der),
                                  signing_key=keys.PrivateKeyInfo.load(key),
                                  cert_registry=SimpleCertificateStore())  # fmt: skip
    out = io.BytesIO()
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="ChuKy"), signer=simple,
                     output=out)  # fmt: skip
    return out.getvalue()


def test_the_first_signed_pdf_gives_the_certificate_where_the_body_allows(
    live: LiveServer, cli: Callable[..., tuple[int, str, str]]
) -> None:
    signer, later = make_signer("daibieu"), make_signer("daibieu, another key")
    stranger = make_signer("daibieu, under no root")
    for trusted in (signer, later):  # self-signed: each its own root
        admin.add_trust_root(live.server.db, BODY, trusted.cert_der)
    with Api(live.base_url) as api:
        s = api.login("daibieu")
        version = next(v for v in s.versions().values() if v.superseded_by is None)
        base = s.get(f"/v1/blobs/{version.sha256}").content

        def upload_signed(who: Signer) -> p.MutationResult:
            data = _signed_pdf(who, base)
            req = p.UploadCreate(uuid.uuid4().hex, len(data), hashlib.sha256(data).hexdigest())
            upload_id = s.request("POST", "/v1/uploads", json=req.to_json()).json()["upload_id"]
            r = s.request("PATCH", f"/v1/uploads/{upload_id}", content=data,
                          headers={"Upload-Offset": "0"})  # fmt: skip
            assert r.status_code == 200, r.text
            payload = {"document_version_id": version.id, "upload_id": upload_id,
                       "sha256": hashlib.sha256(data).hexdigest()}  # fmt: skip
            result = s.push(p.Mutation(1, uuid.uuid4().hex, p.KIND_SIGNATURE_SUBMIT, payload),
                            client_id=uuid.uuid4().hex)  # fmt: skip
            return result.results[0]

        def registered() -> bytes | None:
            with live.server.db.read() as session:
                return votes.certificate_of(session, s.tokens.user.id)

        # Off (the default; the test servers turn it on): only the administrator registers.
        assert cli("body-setting", BODY, "certificate-from-first-signature", "off")[0] == 0
        refused = upload_signed(signer)
        assert (refused.status, refused.reason) == (
            p.REJECTED,
            psig.REASON_NO_REGISTERED_CERTIFICATE,
        )
        assert registered() is None
        assert cli("body-setting", BODY, "certificate-from-first-signature", "on")[0] == 0
        # Only a signature the server accepts gives it: not one under no root.
        untrusted = upload_signed(stranger)
        assert (untrusted.status, untrusted.reason) == (p.REJECTED, psig.REASON_UNTRUSTED)
        assert registered() is None
        assert upload_signed(signer).status == p.APPLIED
        assert registered() == signer.cert_der
        # Only the first: a later key is another signer's.
        other = upload_signed(later)
        assert (other.status, other.reason) == (p.REJECTED, psig.REASON_WRONG_SIGNER)
        assert registered() == signer.cert_der
