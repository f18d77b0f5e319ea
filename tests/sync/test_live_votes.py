"""Votes through the real server on 127.0.0.1 (issue 15), from real SQLCipher
profiles, each delegate with a SoftHSM2 token of their own (one SoftHSM2
configuration holding a token per delegate: ``vote_tokens``), and the fault
proxy of tests/sync/sync_proxy.py between them, which drops answers after the
server committed, resets connections and delays. Nothing is mocked.

The ballots go through the client's whole path: the rules first, one
``C_Sign`` on the delegate's token, the ballot and its outbox entry in one
transaction, the live lane, the receipt stored once."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import fast_backoff
from sync_proxy import Fault, FaultProxy
from test_live_client import M, fresh_srv, server_events, server_state, sign_in  # noqa: F401
from tests.server.live import DEMO_PASSWORD, LiveServer
from vote_tokens import VoterTokens, make_voter_tokens

from hanoi_desk.app.live import LiveOptions, LiveService
from hanoi_desk.app.live_votes import KeyChoice, LiveVotes, VoteOutcome
from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.domain.live import NamedBallot
from hanoi_desk.domain.live.checks import Refused
from hanoi_desk.server import admin
from hanoi_desk.signing.pin import PinState
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.store.keys import Argon2Params
from hanoi_desk.store.live import BallotState, LiveStore
from hanoi_desk.store.unlockers import PassphraseUnlocker
from hanoi_desk.sync.live import wall_ms
from helpers import PASSPHRASE, FixedPrompt, run_cli

CLIENTS = 30
CHAIR = "chutich"


class TokenPin:
    """The delegate typing their PIN: counts every time they are asked."""

    def __init__(self, pin: str) -> None:
        self.pin_value = pin
        self.asked = 0

    def pin(self, token: str, state: PinState) -> str:
        self.asked += 1
        return self.pin_value


@pytest.fixture(scope="module")
def voters(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoterTokens]:
    """A token per delegate (VOTER-00 …), and SOFTHSM2_CONF pointing at them
    before this process loads the module (and for the CLIs it starts)."""
    labels = [f"VOTER-{i:02d}" for i in range(CLIENTS + 4)]
    names = [f"Đại biểu bỏ phiếu {i:02d}" for i in range(CLIENTS + 4)]
    tokens = make_voter_tokens(tmp_path_factory.mktemp("voters"), labels, names)
    old = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(tokens.conf)
    yield tokens
    if old is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = old


def register(srv: LiveServer, username: str, certificate: bytes) -> None:
    """The admin registers the member's signing certificate (``server member-cert``)."""
    admin.set_member_certificate(srv.server.db, username, certificate)


def delegate(srv: LiveServer, voters: VoterTokens, index: int, username: str) -> str:
    admin.add_user(srv.server.db, username, DEMO_PASSWORD, f"Đại biểu {username}", cheap_hash=True)
    admin.set_participant(srv.server.db, M, username, "delegate")
    register(srv, username, voters.tokens[index].certificate)
    return username


def key_of(voters: VoterTokens, index: int) -> KeyChoice:
    return KeyChoice(voters.module, voters.tokens[index].label)


def votes_of(desk: Desk, profile: str, **options: Any) -> Iterator[LiveVotes]:
    options.setdefault("backoff", fast_backoff(attempts=10))
    options.setdefault("run_timeout", 30.0)
    tokens = options.pop("tokens", None)
    with (
        desk.open(profile, FixedPrompt(), "passphrase") as session,
        LiveService(session, LiveOptions(**options)) as service,
        LiveVotes(service, tokens) as votes,
    ):
        yield votes


def use(desk: Desk, profile: str, act: Callable[[LiveVotes], Any], **options: Any) -> Any:
    for votes in votes_of(desk, profile, **options):
        return act(votes)
    raise AssertionError("unreachable")


def open_poll(desk: Desk, chair: str, *, secret: bool = False, title: str = "") -> str:
    """The chair creates a vote on the first agenda item and opens its first round
    (closing first a vote an earlier test left open: one vote at a time)."""
    voting = use(desk, chair, lambda v: v.live.status(M).state.voting)
    if voting is not None:
        close_now(desk, chair, voting[0].id)
    created = use(
        desk,
        chair,
        lambda v: v.create_poll(
            M, item="1", title=title or "Nghị quyết về dự toán ngân sách", secret=secret
        ),
    )
    assert str(created.command.state) == "applied", created.command
    poll = str(created.command.args["poll"])
    opened = use(desk, chair, lambda v: v.open_poll(poll, M))
    assert str(opened.command.state) == "applied", opened.command
    return poll


def round_status(desk: Desk, profile: str, poll: str) -> str:
    state = use(desk, profile, lambda v: v.live.status(M).state)
    found = state.poll(poll)
    assert found is not None and found.current is not None
    return str(found.current.status)


def close_now(desk: Desk, chair: str, poll: str) -> None:
    """A closing period of 0 s: the authority closes the round by itself (its
    closer); should it not have yet, the chair's own close does."""
    done = use(desk, chair, lambda v: v.close_poll(poll, M, grace_s=0))
    assert str(done.command.state) == "applied", done.command
    deadline = time.monotonic() + 5
    while round_status(desk, chair, poll) != "closed":
        if time.monotonic() > deadline:
            closed = use(desk, chair, lambda v: v.close_poll(poll, M))
            assert str(closed.command.state) == "applied", closed.command
            break
        time.sleep(0.05)
    assert round_status(desk, chair, poll) == "closed"


def check_in(desk: Desk, profile: str) -> None:
    for votes in votes_of(desk, profile):
        assert str(votes.live.checkin(M).command.state) == "applied"


# -- exactly once through a hostile link ----------------------------------------------------------


def test_thirty_delegates_vote_exactly_once_through_a_faulty_link(
    fresh_srv: LiveServer,  # noqa: F811 - the fixture of test_live_client
    desk: Desk,
    voters: VoterTokens,
) -> None:
    srv = fresh_srv
    rng = random.Random(15)
    faulty = threading.Event()

    def plan(_n: int) -> Fault:
        if not faulty.is_set():
            return Fault()
        roll = rng.random()
        if roll < 0.3:  # a ballot's receipt is lost after the server committed it
            return Fault(drop_answer_to=b"/live/ballots")
        if roll < 0.5:  # a reset or a truncation anywhere (an answer, a page)
            return Fault(down_after=rng.randint(1, 12_000), reset=rng.random() < 0.7)
        if roll < 0.6:  # the request is cut on its way up
            return Fault(up_after=rng.randint(1, 4_000))
        return Fault(delay=rng.choice([0.0, 0.002, 0.01]))

    users = [delegate(srv, voters, i, f"dbvote{i:02d}") for i in range(CLIENTS)]
    chair = sign_in(desk, srv.base_url, CHAIR, "vote-chair")
    with FaultProxy(int(srv.base_url.rsplit(":", 1)[1]), plan, seed=15) as proxy:
        for user in users:
            sign_in(desk, proxy.url, user)
            check_in(desk, user)
        poll = open_poll(desk, chair)
        faulty.set()
        outcomes: dict[str, VoteOutcome] = {}
        asked: dict[str, int] = {}
        duplicates: list[int] = []
        errors: list[BaseException] = []
        choices = {user: i % 3 for i, user in enumerate(users)}
        # One token thread for the process, as in the app: python-pkcs11 initialises
        # the module without OS locking, so PKCS#11 calls from several threads at
        # once are not safe (30 laptops are 30 processes; here they are 30 threads).
        # Each delegate still has a token, a login and a PIN of their own.
        tokens = TokenManager()

        def client(index: int, user: str) -> None:
            pin = TokenPin(voters.pin)
            try:
                for votes in votes_of(desk, user, tokens=tokens,
                                      backoff=fast_backoff(attempts=12, seed=index)):  # fmt: skip
                    choice = choices[user]
                    text = "Đề nghị làm rõ nguồn vốn" if choice == 2 else ""
                    outcomes[user] = votes.vote(
                        poll, str(choice + 1), key=key_of(voters, index), prompt=pin,
                        text=text, meeting=M,
                    )  # fmt: skip
                    for _ in range(20):  # whatever a run left unanswered goes at the next call
                        if not votes.live.store.pending():
                            break
                        votes.live.status(M)
                    duplicates.append(votes.live.totals.duplicates)
            except BaseException as exc:  # reported below, not lost in a thread
                errors.append(exc)
            finally:
                asked[user] = pin.asked

        threads = [threading.Thread(target=client, args=(i, u)) for i, u in enumerate(users)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(180)
        signs, logins = tokens.counters.signs, tokens.counters.logins
        tokens.close()
        tokens.thread.close()
        assert not errors, errors[:3]
        cuts = proxy.stats.cuts
        faulty.clear()
        close_now(desk, chair, poll)
    assert cuts >= CLIENTS // 2  # the link really was hostile
    assert sum(duplicates) > 0  # some receipts were lost after the server had committed
    # One signature, one login, one PIN per delegate, whatever the link did: every
    # delegate signed and was asked once, and there are as many C_Sign as ballots.
    assert set(asked.values()) == {1} and len(asked) == CLIENTS
    assert (signs, logins) == (CLIENTS, CLIENTS)
    rnd = server_state(srv).poll(poll)
    assert rnd is not None and rnd.current is not None and rnd.current.result is not None
    tally = rnd.current.result
    cast = Counter(choices.values())
    assert list(tally.counts) == [cast[0], cast[1], cast[2]] and tally.cast == CLIENTS
    # No member twice in the log, and each client's ballot is the one counted.
    with srv.server.db.read() as s:
        ids = {user: admin.user_by_name(s, user).id for user in users}
    ballots = [e for e in server_events(srv) if e.kind == "ballot.cast" and e.data["poll"] == poll]
    assert sorted(e.data["member"] for e in ballots) == sorted(ids.values())
    seq_of = {e.data["member"]: e.seq for e in ballots}
    for user in users:
        mine = use(desk, user, lambda v, u=user: v.ballot_view(outcomes[u].ballot.ballot_id),
                   offline=True)  # fmt: skip
        assert mine.state is BallotState.COUNTED, (user, mine)
        assert mine.event_seq == seq_of[ids[user]]


# -- late, refused and recognised ballots ---------------------------------------------------------


@pytest.fixture(scope="module")
def srv(live: LiveServer) -> LiveServer:
    live.server.live.heartbeat = 0.3
    return live


@pytest.fixture(scope="module")
def room(srv: LiveServer, voters: VoterTokens, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The demo council with three token-holding delegates and four of the
    demo's members checked in (so the quorum holds), in a desk of the module's
    own (its profiles made with the tests' cheap Argon2, kept in each profile)."""
    home = tmp_path_factory.mktemp("room-home")
    desk = Desk(default_vault(home))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            PassphraseUnlocker,
            "__init__",
            lambda self, params=None: setattr(self, "params", Argon2Params(8 * 1024, 1, 1)),
        )
        people = [delegate(srv, voters, CLIENTS + i, f"room{i}") for i in range(3)]
        chair = sign_in(desk, srv.base_url, CHAIR, "room-chair")
        for user in people:
            sign_in(desk, srv.base_url, user)
            check_in(desk, user)
        for other in ("thuky", "demo", "daibieu", "daibieu2"):
            check_in(desk, sign_in(desk, srv.base_url, other, f"room-{other}"))
    return desk, chair, people, home


def test_a_ballot_queued_offline_and_sent_after_the_close_is_not_counted(
    room: Any, voters: VoterTokens
) -> None:
    desk, chair, people, _ = room
    poll = open_poll(desk, chair, title="Nghị quyết về giá đất")
    use(desk, people[0], lambda v: v.live.status(M))  # the round is open here
    late = use(
        desk, people[0],
        lambda v: v.vote(poll, "1", key=key_of(voters, CLIENTS), prompt=TokenPin(voters.pin),
                         meeting=M),
        offline=True,
    )  # fmt: skip
    assert late.ballot.state is BallotState.QUEUED
    close_now(desk, chair, poll)
    sent = use(desk, people[0], lambda v: (v.live.status(M), v.ballot_view(late.ballot.ballot_id)))
    ballot = sent[1]
    assert (ballot.state, ballot.reason) == (BallotState.NOT_COUNTED, "round_closed")
    assert "closed before the ballot arrived" in ballot.message
    # Permanent: another contact does not change the stored answer.
    again = use(desk, people[0], lambda v: (v.live.status(M), v.ballot_view(ballot.ballot_id)))[1]
    assert (again.state, again.reason) == (BallotState.NOT_COUNTED, "round_closed")
    p = server_state_of(desk, chair).poll(poll)
    assert p is not None and p.current is not None and p.current.cast == 0


def server_state_of(desk: Desk, profile: str) -> Any:
    with desk.open(profile, FixedPrompt(), "passphrase") as session:
        return LiveStore(session.cache).meeting(M).state


def test_two_ballots_of_mine_count_once_and_i_recognise_my_vote(
    room: Any, voters: VoterTokens
) -> None:
    """Two ballots for me left this profile before either was answered (a
    double click on two screens, a restored backup): the authority counts the
    first and refuses the second with its receipt hash, which is mine."""
    desk, chair, people, _ = room
    poll = open_poll(desk, chair, title="Nghị quyết về chỉ tiêu biên chế")
    key = key_of(voters, CLIENTS + 1)
    use(desk, people[1], lambda v: v.live.status(M))  # the round is open here
    first = use(
        desk, people[1],
        lambda v: v.vote(poll, "1", key=key, prompt=TokenPin(voters.pin), meeting=M),
        offline=True,
    )  # fmt: skip
    for votes in votes_of(desk, people[1], offline=True):
        # The second, as a second screen would have queued it (past this
        # screen's own check that one is already waiting).
        meeting_id, found = votes.find_poll(poll, M)
        rnd = found.current
        assert rnd is not None
        submission = votes._submission(
            meeting_id, found, rnd, ballot_id="second-" + first.ballot.ballot_id[:8],
            member=first.ballot.member, choice=1, text="", secret=None,
        )  # fmt: skip
        assert isinstance(submission, NamedBallot)
        signature = votes._sign(key, TokenPin(voters.pin), submission.signed_bytes())
        request = votes._request(submission, signature)
        votes.live.store.queue_ballot(
            meeting_id=meeting_id, ballot_id=request.ballot_id, poll=found.id, round=rnd.number,
            kind="named", member=first.ballot.member, choice=1, text="",
            request=request.to_json(), signed_hash=submission.signed_hash,
            receipt_hash=submission.signed_hash,
        )  # fmt: skip
        second_id = request.ballot_id
    use(desk, people[1], lambda v: v.live.status(M))  # sends both, in order
    counted = use(desk, people[1], lambda v: v.ballot_view(first.ballot.ballot_id), offline=True)
    refused = use(desk, people[1], lambda v: v.ballot_view(second_id), offline=True)
    assert counted.state is BallotState.COUNTED
    assert (refused.state, refused.reason) == (BallotState.REFUSED, "already_voted")
    assert refused.counted_as == counted.ballot_id  # recognised from the stored receipt hash
    close_now(desk, chair, poll)
    p = server_state_of(desk, chair).poll(poll)
    assert p.current.result.counts[0] == 1 and p.current.result.cast == 1


def test_a_ballot_for_the_round_shown_is_not_cast_in_a_newer_round(
    room: Any, voters: VoterTokens
) -> None:
    """The delegate chose while round 1 was shown; by the time the token lane
    reads the poll again the chair has closed it and opened round 2: nothing is
    signed (no PIN asked) or queued, and the delegate is told to look again."""
    from hanoi_desk.errors import UserError

    desk, chair, people, _ = room
    poll = open_poll(desk, chair, title="Nghị quyết về quy hoạch chợ dân sinh")
    close_now(desk, chair, poll)
    reopened = use(desk, chair, lambda v: v.open_poll(poll, M))
    assert str(reopened.command.state) == "applied", reopened.command
    key, pin = key_of(voters, CLIENTS + 2), TokenPin(voters.pin)
    use(desk, people[2], lambda v: v.live.status(M))  # round 2 is open here
    with pytest.raises(UserError) as moved:
        use(desk, people[2],
            lambda v: v.vote(poll, "1", key=key, prompt=pin, meeting=M, round_no=1))  # fmt: skip
    assert moved.value.message("en") == "The vote moved on to a new round — look again."
    assert moved.value.message("vi") == "Cuộc biểu quyết đã sang vòng mới — xin xem lại."
    assert pin.asked == 0
    state = use(desk, people[2], lambda v: v.live.status(M).state, offline=True)
    assert state.poll(poll).current.number == 2
    # The round shown is the open one: cast as before.
    cast = use(desk, people[2],
               lambda v: v.vote(poll, "1", key=key, prompt=pin, meeting=M, round_no=2))  # fmt: skip
    assert cast.ballot.round == 2 and pin.asked == 1
    close_now(desk, chair, poll)


# -- kill -9 between the commit and the answer ----------------------------------------------------


def live_cli(home: Path, profile: str, *args: str, pin: str | None = None) -> Any:
    env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
    stdin = f"{PASSPHRASE}\n{DEMO_PASSWORD}\n" if pin is None else f"{PASSPHRASE}\n{pin}\n"
    return run_cli("live", *args, "--profile", profile, "--passphrase-stdin", stdin=stdin, env=env)


def test_a_client_killed_between_commit_and_answer_loses_and_doubles_nothing(
    room: Any, srv: LiveServer, voters: VoterTokens
) -> None:
    desk, chair, _, home = room
    slow = threading.Event()

    def plan(_n: int) -> Fault:
        return Fault(delay=1.5) if slow.is_set() else Fault()

    username = delegate(srv, voters, CLIENTS + 3, "killed-voter")
    poll = open_poll(desk, chair, title="Nghị quyết về quy hoạch")
    with FaultProxy(int(srv.base_url.rsplit(":", 1)[1]), plan) as proxy:
        me = sign_in(desk, proxy.url, username)
        check_in(desk, me)
        # A round opened before the check-in does not count this member: a new round.
        close_now(desk, chair, poll)
        use(desk, chair, lambda v: v.open_poll(poll, M))
        token = ["--module", voters.module, "--token", voters.tokens[CLIENTS + 3].label]
        done = live_cli(home, me, "vote", poll, "2", *token, "--pin-stdin", "--meeting", M,
                        "--json", pin=voters.pin)  # fmt: skip
        assert done.returncode == 0, done.stderr
        queued = json.loads(done.stdout)["ballot"]
        assert queued["state"] == "counted"  # the reference: a vote through the CLI
        # … and one more round, voted offline, sent by a CLI that is killed.
        close_now(desk, chair, poll)
        use(desk, chair, lambda v: v.open_poll(poll, M))
        live_cli(home, me, "status", M)
        done = live_cli(home, me, "vote", poll, "1", *token, "--pin-stdin", "--meeting", M,
                        "--offline", "--json", pin=voters.pin)  # fmt: skip
        assert done.returncode == 0, done.stderr
        ballot = json.loads(done.stdout)["ballot"]
        assert ballot["state"] == "queued" and ballot["round"] == 3
        slow.set()
        env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
        child = subprocess.Popen(
            [sys.executable, "-m", "hanoi_desk", "live", "status", M, "--profile", me,
             "--passphrase-stdin", "--json"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, text=True,
        )  # fmt: skip
        assert child.stdin is not None
        child.stdin.write(f"{PASSPHRASE}\n")
        child.stdin.close()
        with srv.server.db.read() as s:
            member = admin.user_by_name(s, username).id

        def counted() -> list[Any]:
            return [e for e in server_events(srv) if e.kind == "ballot.cast"
                    and e.data["member"] == member and e.data["poll"] == poll
                    and e.data["round"] == 3]  # fmt: skip

        deadline = time.monotonic() + 60
        while not counted() and time.monotonic() < deadline:
            time.sleep(0.02)
        child.send_signal(signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
        assert len(counted()) == 1
        held = use(desk, me, lambda v: v.ballot_view(ballot["ballot_id"]), offline=True)
        assert held.state is BallotState.SENT  # the receipt never reached the profile
        slow.clear()
        done = live_cli(home, me, "status", M, "--json")
    assert done.returncode == 0, done.stderr
    assert len(counted()) == 1  # sent again with the same ballot id: the stored receipt
    again = use(desk, me, lambda v: v.ballot_view(ballot["ballot_id"]), offline=True)
    assert again.state is BallotState.COUNTED and again.event_seq == counted()[0].seq
    close_now(desk, chair, poll)  # one vote at a time in a meeting


# -- secret votes and verification ----------------------------------------------------------------


def test_a_secret_vote_each_finds_its_receipt_and_a_changed_choice_fails_verify(
    room: Any, srv: LiveServer, voters: VoterTokens
) -> None:
    desk, chair, people, home = room
    poll = open_poll(desk, chair, secret=True, title="Bầu Phó Chủ tịch HĐND")
    chosen = {people[0]: "1", people[1]: "2", people[2]: "1"}
    for index, (user, choice) in enumerate(chosen.items()):
        key, pin = key_of(voters, CLIENTS + index), TokenPin(voters.pin)
        done = use(
            desk,
            user,
            lambda v, c=choice, k=key, p=pin: v.vote(poll, c, key=k, prompt=p, meeting=M),
        )
        assert done.ballot.state is BallotState.COUNTED
    close_now(desk, chair, poll)
    for user in chosen:
        report = use(desk, user, lambda v: v.verify(poll, M))
        assert report.ok, report.problems
        assert report.size == 3 and [m.included for m in report.mine] == [True]
    # No stored row on the server links a member and a choice: the secret ballots
    # name nobody, the participations no choice (the server's own tests read its tables).
    done = live_cli(home, people[0], "verify", poll, "--meeting", M, "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["ok"] and answer["published"]["counts"] == [2, 1, 0]

    # The same check from a laptop whose path to the server changes one choice
    # in the bulletin (the JSON as sent, one byte): the recount catches it.
    flipping = threading.Event()

    def flip(data: bytes) -> bytes:
        return re.sub(rb'("choice":\s*)1', rb"\g<1>0", data, count=1)

    def plan(_n: int) -> Fault:
        return Fault(rewrite=flip) if flipping.is_set() else Fault()

    with FaultProxy(int(srv.base_url.rsplit(":", 1)[1]), plan) as proxy:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                PassphraseUnlocker,
                "__init__",
                lambda self, params=None: setattr(self, "params", Argon2Params(8 * 1024, 1, 1)),
            )
            other = sign_in(desk, proxy.url, people[0], "room0-second-laptop")
        done = live_cli(home, other, "verify", poll, "--meeting", M, "--json")
        assert done.returncode == 0, done.stderr
        flipping.set()
        done = live_cli(home, other, "verify", poll, "--meeting", M, "--json")
    assert done.returncode == 1, done.stdout
    answer = json.loads(done.stdout)
    assert answer["ok"] is False and answer["problems"], answer


# -- the demo -------------------------------------------------------------------------------------


def test_the_demo_registers_its_key_and_its_first_vote_can_be_cast(
    desk: Desk, tmp_path: Path
) -> None:
    """``hanoi-desk demo``'s server: the demo software key's certificate is the
    demo delegate's registered one and the first resolution's vote is open, so
    the demo user's signed ballot is counted."""
    from hanoi_desk.cli.demo_cmds import DEMO_FIRST_VOTE, _server
    from hanoi_desk.demo.kit import make_software_key

    key = make_software_key(tmp_path / "softkey")
    with _server(tmp_path / "server", {"demo": key.certificate}) as running:
        assert running is not None
        url, user, password = running
        assert (user, password) == ("demo", DEMO_PASSWORD)
        me = sign_in(desk, url, "demo")
        choice = KeyChoice(key.module, software_key=True)
        done = use(
            desk, me,
            lambda v: v.vote(DEMO_FIRST_VOTE, "Đồng ý", key=choice, prompt=TokenPin(key.secret)),
        )  # fmt: skip
    assert done.ballot.state is BallotState.COUNTED, done.ballot
    assert done.poll.title.startswith("Thông qua Báo cáo kết quả")
    # A demo home used again keeps its log: nothing is opened twice, nothing fails.
    with _server(tmp_path / "server", {"demo": key.certificate}) as again:
        assert again is not None


def test_a_client_killed_between_its_commit_and_the_send_loses_nothing(
    room: Any, srv: LiveServer, voters: VoterTokens
) -> None:
    """``live vote`` is killed after the ballot and its outbox entry committed
    in the profile, while its request is still on the way (held by the proxy):
    the server never saw it; the next ``live`` command sends it, counted once."""
    desk, chair, people, home = room
    held = threading.Event()

    def plan(_n: int) -> Fault:
        return Fault(delay=2.0) if held.is_set() else Fault()

    poll = open_poll(desk, chair, title="Nghị quyết về chương trình giám sát")
    username = people[2]
    with FaultProxy(int(srv.base_url.rsplit(":", 1)[1]), plan) as proxy:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                PassphraseUnlocker,
                "__init__",
                lambda self, params=None: setattr(self, "params", Argon2Params(8 * 1024, 1, 1)),
            )
            me = sign_in(desk, proxy.url, username, f"{username}-slow-laptop")
        live_cli(home, me, "status", M)  # the round is open here
        held.set()
        env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
        token = ["--module", voters.module, "--token", voters.tokens[CLIENTS + 2].label]
        child = subprocess.Popen(
            [sys.executable, "-m", "hanoi_desk", "live", "vote", poll, "1", *token, "--pin-stdin",
             "--meeting", M, "--profile", me, "--passphrase-stdin", "--json"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env, text=True,
        )  # fmt: skip
        assert child.stdin is not None
        child.stdin.write(f"{PASSPHRASE}\n{voters.pin}\n")
        child.stdin.close()
        with srv.server.db.read() as s:
            member = admin.user_by_name(s, username).id

        def counted() -> list[Any]:
            return [e for e in server_events(srv) if e.kind == "ballot.cast"
                    and e.data["member"] == member and e.data["poll"] == poll]  # fmt: skip

        def mine() -> list[Any]:
            return use(desk, me, lambda v: v.live.store.ballots(M, poll), offline=True)

        deadline = time.monotonic() + 60
        while not mine() and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        assert child.wait(30) == -signal.SIGKILL
        assert not counted()  # killed before the server saw the ballot
        [ballot] = mine()
        assert ballot.state in (BallotState.QUEUED, BallotState.SENT)
        held.clear()
        done = live_cli(home, me, "status", M, "--json")
    assert done.returncode == 0, done.stderr
    [event] = counted()
    again = use(desk, me, lambda v: v.ballot_view(ballot.ballot_id), offline=True)
    assert again.state is BallotState.COUNTED and again.event_seq == event.seq
    close_now(desk, chair, poll)


def test_the_chair_runs_a_vote_and_a_delegate_votes_and_verifies_from_the_cli(
    room: Any, voters: VoterTokens
) -> None:
    desk, chair, people, home = room
    use(desk, chair, lambda v: v.live.status(M))
    voting = use(desk, chair, lambda v: v.live.status(M).state.voting)
    if voting is not None:
        close_now(desk, chair, voting[0].id)
    done = live_cli(home, chair, "poll", "create", M, "--item", "2", "--title",
                    "Nghị quyết về dự toán ngân sách quận năm 2027", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    command = json.loads(done.stdout)["command"]
    with desk.open(chair, FixedPrompt(), "passphrase") as session:
        second = session.cache.repos.meetings.agenda(M)[1]
    assert command["state"] == "applied" and command["args"]["item"] == second.id
    poll = command["args"]["poll"]
    done = live_cli(home, chair, "poll", "open", poll[:10])
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("open the vote [") and done.stdout.rstrip().endswith("applied")
    token = ["--module", voters.module, "--token", voters.tokens[CLIENTS].label, "--pin-stdin"]
    done = live_cli(home, people[0], "vote", poll[:10], "Không đồng ý", *token, pin=voters.pin)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ballot [") and "“Nghị quyết về dự toán ngân sách" in done.stdout
    assert done.stdout.rstrip().endswith("Không đồng ý — counted")
    # The chair sees it counted, and who has not voted yet, by name.
    text = live_cli(home, chair, "status", M).stdout
    assert "round 1: open; 1 cast" in text and "not voted yet: " in text
    assert "Đại biểu room1" in text.split("not voted yet: ")[1].splitlines()[0]
    done = live_cli(home, chair, "poll", "close", poll[:10], "--grace", "0")
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 10
    while round_status(desk, chair, poll) != "closed" and time.monotonic() < deadline:
        time.sleep(0.05)
    done = live_cli(home, chair, "poll", "publish", poll[:10], "--json")
    assert done.returncode == 0, done.stderr
    polls = json.loads(done.stdout)["status"]
    assert json.loads(done.stdout)["command"]["kind"] == "poll.publish"
    assert polls["head_seq"] > 0
    done = live_cli(home, people[0], "verify", poll[:10])
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Vote “Nghị quyết về dự toán ngân sách") and "1 ballots" in lines[0]
    assert "Published result: Đồng ý 0, Không đồng ý 1, Ý kiến khác 0 — not passed" in lines[1]
    assert any(line.startswith("My ballot [") and "#1" in line for line in lines)
    assert any(
        line.startswith("The close event is signed by the authority's key") for line in lines
    )
    assert lines[-1].startswith("Verified: ")
    # A round that is still open cannot be verified: said so, exit 1.
    done = live_cli(home, chair, "verify", poll[:10], "--round", "2")
    assert done.returncode == 1 and "has no round 2" in done.stderr


def test_the_closing_period_is_judged_on_the_authoritys_clock(room: Any) -> None:
    """A chair's laptop whose clock runs five minutes ahead: the closing period
    has not ended on the authority's clock, so closing now is refused here
    (grace_running), nothing queued, though this laptop's own clock says it ended."""
    desk, chair, _, _ = room
    poll = open_poll(desk, chair, title="Nghị quyết về kế hoạch đầu tư công")
    ahead = {"clock": lambda: wall_ms() + 300_000}
    use(desk, chair, lambda v: v.live.status(M), **ahead)  # the offset measured
    started = use(desk, chair, lambda v: v.close_poll(poll, M, grace_s=3), **ahead)
    assert str(started.command.state) == "applied"
    with pytest.raises(Refused) as refused:
        use(desk, chair, lambda v: v.close_poll(poll, M), **ahead)
    assert refused.value.reason == "grace_running"
    assert use(desk, chair, lambda v: v.live.store.pending(), offline=True) == []
    deadline = time.monotonic() + 15  # the authority closes it when the period ends
    while round_status(desk, chair, poll) != "closed" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert round_status(desk, chair, poll) == "closed"
