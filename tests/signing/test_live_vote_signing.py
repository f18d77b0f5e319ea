"""Voting from a real profile with the real SoftHSM2 token (issue 15), before
any server is involved: the ballot is checked with the authority's rules first
(a closed round, a guest, a member already counted: refused before the PIN is
asked), then signed with one ``C_Sign`` after one login that ends with the
vote, and the signed ballot is queued with its outbox entry. The authority's
own rules (``tests/vote_rooms.VoteRoom``) take the request as it would arrive
and count it; ``live verify``'s check passes on the honest bulletin and fails
when a choice in it is changed. The send over HTTP is in tests/sync/test_live_votes.py."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import cms
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
from pyhanko_certvalidator import ValidationContext

from hanoi_desk.app.live import LiveOptions, LiveService
from hanoi_desk.app.live_votes import KeyChoice, LiveVotes
from hanoi_desk.app.session import Session
from hanoi_desk.demo.kit import DEMO_KEY_PASSPHRASE, make_software_key
from hanoi_desk.domain.live import (
    NamedBallot,
    Participation,
    Role,
    SecretBallot,
    SecretSubmission,
)
from hanoi_desk.domain.live.checks import Refused
from hanoi_desk.errors import UserError
from hanoi_desk.protocol.live import (
    AuthorityKeyRecord,
    BallotRequest,
    BulletinRecord,
    CloseSignature,
    LiveHead,
    NamedBallotRecord,
    ParticipationRecord,
    SecretBallotRecord,
    SignedNamedBallot,
    SignedParticipation,
    close_signed_bytes,
)
from hanoi_desk.signing.detached import sign_detached
from hanoi_desk.signing.pades import batch_signer
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.store.live import BALLOT_KIND, BallotState, LiveStore
from hanoi_desk.store.replica import Replica
from helpers import PASSPHRASE, run_cli
from live_client_helpers import add_meeting
from vote_rooms import VoteRoom

from .conftest import FixedPin
from .signing_pki import TOKEN, TestPki
from .token_state import logged_in

M = "hdnd-ky12"
SERVER = "http://127.0.0.1:1"
ME = "d001"
MEMBERS = ["chair", "sec", "d001", "d002", "d003", "d004"]


def _roster() -> dict[str, Role]:
    roster = {m: Role.DELEGATE for m in MEMBERS}
    roster.update({"chair": Role.CHAIR, "sec": Role.SECRETARY, "guest0": Role.GUEST})
    return roster


@pytest.fixture
def room() -> VoteRoom:
    """The authority: everyone checked in, a named poll p-1 with round 1 open."""
    room = VoteRoom(M, _roster())
    room.checkin(*MEMBERS)
    room.create("p-1", "named", title="Nghị quyết về dự toán ngân sách")
    room.open("p-1")
    return room


def _profile(session: Session, me: str = ME) -> LiveStore:
    people = [(m, f"Đại biểu {m}", str(r)) for m, r in _roster().items()]
    add_meeting(session.cache, M, people)
    Replica(session.cache).save_account(
        SERVER, username=me, device_id="dev", access_token="", refresh_token="", user_id=me
    )
    return LiveStore(session.cache)


def _sync(store: LiveStore, room: VoteRoom) -> None:
    """What a catch-up would store: the authority's log after our head."""
    store.append(M, room.log[store.head(M).seq :])


@pytest.fixture
def tokens(pki: TestPki, manager: TokenManager) -> Iterator[TokenManager]:
    manager.logout_all()  # the package's shared login (one login per token per process)
    m = TokenManager()
    yield m
    m.close()
    m.thread.close()


@pytest.fixture
def key(pki: TestPki) -> KeyChoice:
    return KeyChoice(pki.module, TOKEN, cert_id="a1")


def _votes(session: Session, tokens: TokenManager) -> tuple[LiveService, LiveVotes]:
    service = LiveService(session, LiveOptions(server=SERVER, offline=True))
    return service, LiveVotes(service, tokens)


def _holds(request: BallotRequest, data: bytes, pki: TestPki) -> bool:
    signed = cms.ContentInfo.load(base64.b64decode(request.signature))["content"]
    context = ValidationContext(trust_roots=[pki.certs["root"]])
    status = asyncio.run(async_validate_detached_cms(data, signed, context))
    return bool(status.intact and status.valid and status.trusted)


def test_a_named_ballot_is_one_c_sign_queued_with_its_outbox_entry_and_counted(
    session: Session, room: VoteRoom, pki: TestPki, tokens: TokenManager, key: KeyChoice
) -> None:
    store = _profile(session)
    _sync(store, room)
    service, votes = _votes(session, tokens)
    prompt = FixedPin()
    done = votes.vote("p-1", "Đồng ý", key=key, prompt=prompt)
    assert tokens.counters.signs == 1 and tokens.counters.logins == 1 and len(prompt.asked) == 1
    assert not logged_in(tokens, pki.module, TOKEN)  # the login ended with the vote
    ballot = done.ballot
    assert (ballot.state, ballot.choice, ballot.option) == (BallotState.QUEUED, 0, "Đồng ý")
    entry = store.command(ballot.ballot_id)
    assert entry.kind == BALLOT_KIND and done.outcome.command.op_id == ballot.ballot_id
    # The request as it will travel: the canonical ballot, signed by my token.
    request = BallotRequest.parse(store.ballot_request(ballot.ballot_id))
    assert isinstance(request.ballot, NamedBallotRecord)
    named = NamedBallot(**request.ballot.fields())
    rnd = room.round("p-1")
    assert (named.member, named.round, named.round_open_hash) == (ME, 1, rnd.open_hash)
    assert named.signed_hash == ballot.receipt_hash == store.ballot(ballot.ballot_id).signed_hash
    assert _holds(request, named.signed_bytes(), pki)
    assert not _holds(request, dataclasses.replace(named, choice=1).signed_bytes(), pki)

    # The authority counts it as it arrives; the receipt and the event come back.
    receipt = room.cast(ME, named)
    assert receipt.status.value == "counted" and receipt.receipt_hash == named.signed_hash
    store.record_receipt(
        ballot.ballot_id, status="counted", reason=None, receipt_hash=receipt.receipt_hash,
        seq=receipt.seq,
    )  # fmt: skip
    _sync(store, room)
    assert votes.ballot_view(ballot.ballot_id).state is BallotState.COUNTED

    # A second ballot for me is refused by the rules here: no PIN, no signature.
    with pytest.raises(Refused) as refused:
        votes.vote("p-1", "2", key=key, prompt=prompt)
    assert refused.value.reason == "already_voted"
    assert tokens.counters.signs == 1 and len(prompt.asked) == 1
    service.close()


def test_checks_come_before_the_pin_and_a_wrong_pin_queues_nothing(
    session: Session, room: VoteRoom, pki: TestPki, tokens: TokenManager, key: KeyChoice
) -> None:
    store = _profile(session)
    _sync(store, room)
    _, votes = _votes(session, tokens)
    prompt = FixedPin()
    with pytest.raises(UserError, match="no option"):
        votes.vote("p-1", "Phiếu trắng", key=key, prompt=prompt)
    with pytest.raises(UserError, match="--text"):
        votes.vote("p-1", "3", key=key, prompt=prompt)  # Ý kiến khác needs its text
    with pytest.raises(Refused) as bidi:
        votes.vote("p-1", "3", text="Đồng ý\u202e", key=key, prompt=prompt)
    assert bidi.value.reason == "bad_request"
    assert prompt.asked == [] and tokens.counters.logins == 0

    wrong = FixedPin("000000")
    wrong_key = dataclasses.replace(key, token="HANOI-PINTEST")
    with pytest.raises(UserError, match="Wrong PIN"):
        votes.vote("p-1", "1", key=wrong_key, prompt=wrong)
    assert len(wrong.asked) == 1 and tokens.counters.logins == 1 and tokens.counters.signs == 0
    assert store.ballots() == [] and store.pending() == []  # nothing signed, nothing queued

    room.close("p-1")
    _sync(store, room)
    with pytest.raises(Refused) as closed:
        votes.vote("p-1", "1", key=key, prompt=prompt)
    assert closed.value.reason == "round_closed"
    assert prompt.asked == [] and store.ballots() == []


def test_a_guest_is_told_before_the_pin(
    session: Session, room: VoteRoom, tokens: TokenManager, key: KeyChoice
) -> None:
    store = _profile(session, "guest0")
    _sync(store, room)
    _, votes = _votes(session, tokens)
    prompt = FixedPin()
    with pytest.raises(Refused) as refused:
        votes.vote("p-1", "1", key=key, prompt=prompt)
    assert refused.value.reason == "forbidden" and prompt.asked == []


def test_a_secret_ballot_signs_the_participation_and_keeps_its_secret(
    session: Session, pki: TestPki, tokens: TokenManager, key: KeyChoice
) -> None:
    room = VoteRoom(M, _roster())
    room.checkin(*MEMBERS)
    room.create("p-2", "secret", title="Bầu Phó Chủ tịch")
    room.open("p-2")
    store = _profile(session)
    _sync(store, room)
    _, votes = _votes(session, tokens)
    done = votes.vote("p-2", "2", key=key, prompt=FixedPin())
    stored = store.ballot(done.ballot.ballot_id)
    assert stored.secret is not None and len(stored.secret) == 32
    assert stored.receipt_hash == hashlib.sha256(stored.secret).hexdigest()
    request = BallotRequest.parse(store.ballot_request(stored.ballot_id))
    assert request.kind == "secret" and request.participation is not None
    assert isinstance(request.ballot, SecretBallotRecord)
    # The ballot names nobody; the signed participation names me and no choice.
    assert request.ballot.receipt_hash == stored.receipt_hash and request.ballot.choice == 1
    assert "member" not in request.ballot.fields()
    participation = Participation(**request.participation.fields())
    assert participation.member == ME and "choice" not in participation.fields()
    assert _holds(request, participation.signed_bytes(), pki)
    assert stored.secret.hex() not in repr(stored) and stored.secret.hex() not in str(
        request.to_json()
    )
    receipt = room.cast(
        ME, SecretSubmission(participation, SecretBallot(**request.ballot.fields()))
    )
    assert receipt.status.value == "counted"


# -- verify: the honest bulletin passes, a changed choice fails ---------------------------------


def _signed(signer: Any, data: bytes) -> str:
    return base64.b64encode(sign_detached(signer, data).cms).decode("ascii")


def _authority() -> tuple[Ed25519PrivateKey, AuthorityKeyRecord]:
    """An authority's Ed25519 key and its public record, as the server serves it."""
    key = Ed25519PrivateKey.generate()
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    record = AuthorityKeyRecord(
        "ed25519", hashlib.sha256(raw).hexdigest(), base64.b64encode(raw).decode("ascii")
    )
    return key, record


def _close_signed(record: BulletinRecord, key: Ed25519PrivateKey, key_id: str) -> BulletinRecord:
    signature = key.sign(close_signed_bytes(record.close.hash))
    return dataclasses.replace(
        record, signature=CloseSignature(key_id, base64.b64encode(signature).decode("ascii"))
    )


def test_verify_recounts_the_bulletin_and_finds_my_ballot(
    session: Session, room: VoteRoom, pki: TestPki, tokens: TokenManager, tmp_path: Path
) -> None:
    key = KeyChoice(pki.module, TOKEN, cert_id="a1")
    store = _profile(session)
    _sync(store, room)
    _, votes = _votes(session, tokens)
    mine = votes.vote("p-1", "2", key=key, prompt=FixedPin())
    request = BallotRequest.parse(store.ballot_request(mine.ballot.ballot_id))
    assert isinstance(request.ballot, NamedBallotRecord)
    signatures = {ME: request.signature}
    receipt = room.cast(ME, NamedBallot(**request.ballot.fields()))
    store.record_receipt(
        mine.ballot.ballot_id, status="counted", reason=None, receipt_hash=receipt.receipt_hash,
        seq=receipt.seq,
    )  # fmt: skip
    # The other members' ballots, signed with a key of their own (the demo's).
    demo = make_software_key(tmp_path / "demo")
    with batch_signer(
        tokens, demo.module, "", FixedPin(DEMO_KEY_PASSPHRASE), software_key=True
    ) as signer:
        for i, member in enumerate(["chair", "sec", "d002", "d003"]):
            ballot = room.named_ballot(member, i % 2)
            signatures[member] = _signed(signer, ballot.signed_bytes())
            room.cast(member, ballot)
    room.close("p-1")
    _sync(store, room)
    rnd = room.round("p-1")
    poll = room.state.poll("p-1")
    assert poll is not None and rnd.result is not None
    bulletin = room.bulletin("p-1", 1)
    record = BulletinRecord(
        M, "p-1", 1, "named", rnd.open_hash,
        tuple(SignedNamedBallot(NamedBallotRecord(**b.fields()), signatures[b.member])
              for b in bulletin.named),
        (), (), rnd.result.root, None, LiveHead(rnd.closed_seq or 0, rnd.closed_hash or ""),
    )  # fmt: skip
    authority, public = _authority()
    unsigned = record
    record = _close_signed(record, authority, public.key_id)
    report = votes._check(M, poll, rnd, record, public)
    assert report.ok, report.problems
    assert report.recount == rnd.result and report.signatures_checked == 5
    assert report.authority_key_id == public.key_id
    # The close event unsigned, or signed by a key that is not the authority's.
    assert votes._check(M, poll, rnd, unsigned, public).problems == (
        "the close event carries no signature of the authority",
    )
    impostor, _ = _authority()
    forged = _close_signed(unsigned, impostor, public.key_id)
    assert votes._check(M, poll, rnd, forged, public).problems == (
        "the authority's signature of the close event does not hold",
    )
    assert [(m.ballot_id, m.included) for m in report.mine] == [(mine.ballot.ballot_id, True)]

    # Someone on the path (or the server) changes one choice in the bulletin.
    changed = list(record.named)
    other = next(i for i, b in enumerate(changed) if b.ballot.member == "d002")
    flipped = 1 - changed[other].ballot.choice
    changed[other] = dataclasses.replace(
        changed[other], ballot=dataclasses.replace(changed[other].ballot, choice=flipped)
    )
    report = votes._check(M, poll, rnd, dataclasses.replace(record, named=tuple(changed)), public)
    assert not report.ok
    assert any("does not add up" in p for p in report.problems)  # the recount
    assert any("d002" in p for p in report.problems)  # its signature no longer holds
    # My own ballot changed: found, with another choice, not included.
    mine_at = next(i for i, b in enumerate(record.named) if b.ballot.member == ME)
    forged = list(record.named)
    forged[mine_at] = dataclasses.replace(
        forged[mine_at], ballot=dataclasses.replace(forged[mine_at].ballot, choice=0)
    )
    report = votes._check(M, poll, rnd, dataclasses.replace(record, named=tuple(forged)), public)
    assert not report.ok and not report.mine[0].included
    # A bulletin that is not the one the close event published.
    moved = dataclasses.replace(record, close=LiveHead(1, "0" * 64))
    report = votes._check(M, poll, rnd, moved, public)
    assert not report.ok


def test_verify_finds_my_secret_ballot_by_its_receipt(
    session: Session, tokens: TokenManager, key: KeyChoice, pki: TestPki
) -> None:
    room = VoteRoom(M, _roster())
    room.checkin(*MEMBERS)
    room.create("p-2", "secret", title="Bầu Phó Chủ tịch")
    room.open("p-2")
    store = _profile(session)
    _sync(store, room)
    _, votes = _votes(session, tokens)
    mine = votes.vote("p-2", "1", key=key, prompt=FixedPin())
    request = BallotRequest.parse(store.ballot_request(mine.ballot.ballot_id))
    assert request.participation is not None and isinstance(request.ballot, SecretBallotRecord)
    submission = SecretSubmission(
        Participation(**request.participation.fields()),
        SecretBallot(**request.ballot.fields()),
    )
    receipt = room.cast(ME, submission)
    store.record_receipt(
        mine.ballot.ballot_id, status="counted", reason=None, receipt_hash=receipt.receipt_hash,
        seq=receipt.seq,
    )  # fmt: skip
    others = {}
    for member in ("chair", "d002"):
        sub, _secret = room.secret_submission(member, 1, poll="p-2")
        room.cast(member, sub)
        others[member] = request.signature  # their signatures are not what is checked here
    room.close("p-2")
    _sync(store, room)
    rnd = room.round("p-2")
    poll = room.state.poll("p-2")
    assert poll is not None and rnd.result is not None
    bulletin = room.bulletin("p-2", 1)
    signatures = {p.member: request.signature if p.member == ME else others[p.member]
                  for p in bulletin.participations}  # fmt: skip
    record = BulletinRecord(
        M, "p-2", 1, "secret", rnd.open_hash, (),
        tuple(SecretBallotRecord(**b.fields()) for b in bulletin.secret),
        tuple(SignedParticipation(ParticipationRecord(**p.fields()), signatures[p.member])
              for p in bulletin.participations),
        rnd.result.root, rnd.result.participation_root,
        LiveHead(rnd.closed_seq or 0, rnd.closed_hash or ""),
    )  # fmt: skip
    authority, public = _authority()
    report = votes._check(M, poll, rnd, _close_signed(record, authority, public.key_id), public)
    # My ballot is found by sha256 of the secret this profile kept, and included.
    assert [m.included for m in report.mine] == [True]
    assert report.recount == rnd.result
    # The two other participations carry my signature, which does not hold over theirs.
    assert len([p for p in report.problems if "signature" in p]) == 2


# -- the CLI, offline -------------------------------------------------------------------------


def _cli(home: Path, pki: TestPki, *args: str, pin: str | None = None) -> Any:
    env = dict(pki_env(pki), HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
    stdin = f"{PASSPHRASE}\n" + (f"{pin}\n" if pin is not None else "")
    return run_cli("live", *args, "--profile", "alice", "--passphrase-stdin", stdin=stdin, env=env)


def pki_env(pki: TestPki) -> dict[str, str]:
    return {**os.environ, "SOFTHSM2_CONF": str(pki.softhsm_conf)}


def test_the_cli_votes_offline_and_shows_the_ballot_queued(
    session: Session, room: VoteRoom, pki: TestPki, home: Path
) -> None:
    store = _profile(session)
    _sync(store, room)
    token = ["--module", pki.module, "--token", TOKEN, "--cert-id", "a1"]
    done = _cli(home, pki, "status", M, "--offline")
    assert done.returncode == 0, done.stderr
    assert "Votes:" in done.stdout and "[p-1] Nghị quyết về dự toán ngân sách" in done.stdout
    assert "options: 1 Đồng ý, 2 Không đồng ý, 3 Ý kiến khác (with text)" in done.stdout
    # The key options are sign's: a token or a software key, not neither.
    done = _cli(home, pki, "vote", "p-1", "1", "--offline")
    assert done.returncode == 1 and "--module PATH and --token LABEL" in done.stderr
    done = _cli(
        home, pki, "vote", "p-1", "3", "--text", "Cần bổ sung kinh phí", *token,
        "--pin-stdin", "--offline", "--json", pin=pki.pin,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    ballot = answer["ballot"]
    assert (ballot["state"], ballot["choice"], ballot["option"], ballot["text"]) == (
        "queued", 3, "Ý kiến khác", "Cần bổ sung kinh phí",
    )  # fmt: skip
    assert answer["status"]["queued"][0]["kind"] == "ballot"
    assert answer["poll"]["ballots"][0]["ballot_id"] == ballot["ballot_id"]
    # A second ballot while the first waits: not signed (no PIN line is read).
    done = _cli(home, pki, "vote", "p-1", "1", *token, "--pin-stdin", "--offline")
    assert done.returncode == 1 and "already queued or on its way" in done.stderr
    done = _cli(home, pki, "status", M, "--offline", "--json")
    polls = json.loads(done.stdout)["polls"]
    assert [b["state"] for b in polls[0]["ballots"]] == ["queued"]
    assert polls[0]["round_status"] == "open" and polls[0]["mine"] == [ME]
    text = _cli(home, pki, "status", M, "--offline").stdout
    assert f"my ballot [{ballot['ballot_id'][:8]}] round 1: Ý kiến khác — queued" in text
    # A delegate may not run the vote: refused by the rules here, nothing queued.
    done = _cli(home, pki, "poll", "close", "p-1", "--offline")
    assert done.returncode == 1 and "Your role in this meeting does not allow this." in done.stderr
    assert len(store.pending()) == 1


def test_the_cli_chair_creates_and_opens_a_vote_offline(
    session: Session, room: VoteRoom, pki: TestPki, home: Path
) -> None:
    store = _profile(session, "chair")
    with session.cache.transaction() as c:  # the pack's agenda, as a sync stores it
        c.execute(
            "INSERT INTO agenda_items (id, meeting_id, position, title) VALUES (?, ?, ?, ?)",
            ("item-2", M, 2, "Nghị quyết về đầu tư xây dựng trường học"),
        )
    room.close("p-1")
    _sync(store, room)
    done = _cli(home, pki, "poll", "create", M, "--item", "7", "--title", "X", "--offline")
    assert done.returncode == 1 and "no agenda item “7”" in done.stderr
    done = _cli(
        home, pki, "poll", "create", M, "--item", "2", "--title", "Nghị quyết trường học",
        "--secret", "--offline", "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    command = json.loads(done.stdout)["command"]
    assert command["kind"] == "poll.create" and command["state"] == "queued"
    assert command["args"]["item"] == "item-2" and command["args"]["kind"] == "secret"
    # The poll exists for the authority only once it applies the command: here,
    # opening the closed p-1 again is a new round, checked by the rules first.
    done = _cli(home, pki, "poll", "open", "p-1", "--offline", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["command"]["args"] == {"poll": "p-1", "round": 2}
    done = _cli(home, pki, "poll", "publish", "p-1", "--offline")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("announce the result [")
    assert [c.kind for c in store.pending()] == ["poll.create", "poll.open", "poll.publish"]
