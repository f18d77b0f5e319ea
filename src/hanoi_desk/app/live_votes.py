"""Votes in a live meeting (issue 15): what a delegate, the chair and the
secretary do, over a :class:`~hanoi_desk.app.live.LiveService`.

- **vote**: the ballot is checked with the authority's own rules
  (``domain.live.votes.decide_ballot``) on the state this computer holds, so a
  closed round, a guest or a member who already voted is told at once and the
  token is never asked; then the token signs (one ``C_Sign``; the PIN asked
  once through the same prompt as any signature, never retried), and the
  signed ballot and its live outbox entry commit in one transaction. A named
  ballot signs the canonical ballot; a secret one signs the participation,
  and the ballot carries ``sha256(secret)`` of 32 random bytes kept in the
  encrypted profile. Offline the ballot stays queued; it is sent by the next
  ``live`` command, exactly once by its ballot id (``sync.live``).
- **poll commands** (chair, secretary): ``poll.create/open/closing/extend/
  close/publish`` are live commands, checked with ``rules.decide`` before they
  are queued, like every live command.
- **verify**: fetch the round's bulletin, check it is the one the log's close
  event published, recount it with ``domain.live.tally.verify``, check my
  ballots' inclusion proofs against the published root and the signatures in
  the bulletin (docs/live-votes.md).

No rule is written here: the refusals are ``domain.live``'s.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from asn1crypto import cms
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyhanko.sign.validation.generic_cms import (
    extract_certificate_info,
    extract_signer_info,
    validate_sig_integrity,
)

from hanoi_desk.app.live import NOT_A_PARTICIPANT, LiveOutcome, LiveService
from hanoi_desk.domain.live.ballots import (
    NamedBallot,
    Participation,
    ReceiptStatus,
    SecretBallot,
    SecretSubmission,
    Submission,
    secret_receipt,
)
from hanoi_desk.domain.live.checks import (
    ALREADY_VOTED,
    NO_SUCH_POLL,
    ROUND_CLOSED,
    Refused,
    clean_text,
)
from hanoi_desk.domain.live.polls import MAX_BALLOT_TEXT, Poll, PollKind, Round, RoundStatus, Tally
from hanoi_desk.domain.live.quorum import Base, Threshold
from hanoi_desk.domain.live.roles import CommandKind
from hanoi_desk.domain.live.state import LiveState
from hanoi_desk.domain.live.tally import (
    Bulletin,
    TallyMismatch,
    inclusion_proof,
    verify,
    verify_inclusion,
)
from hanoi_desk.domain.live.votes import SignatureCheck, decide_ballot
from hanoi_desk.domain.text import fold
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol.live import (
    NAMED,
    SECRET,
    AuthorityKeyRecord,
    BallotRequest,
    BulletinRecord,
    NamedBallotRecord,
    ParticipationRecord,
    SecretBallotRecord,
    VotingWatch,
    close_signed_bytes,
)
from hanoi_desk.signing.detached import sign_detached
from hanoi_desk.signing.pades import batch_signer
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.store.live import BallotState, StoredBallot
from hanoi_desk.sync import faults
from hanoi_desk.sync.live import run_deadline

NO_POLL_HERE = N_(
    "No vote “{poll}” in the meetings this profile follows. Name the meeting with "
    "--meeting (`hanoi-desk live status MEETING` lists its votes)."
)
SEVERAL_POLLS = N_("Several votes start with “{poll}”: {candidates}. Type more of the id.")
NO_ROUND = N_("Vote “{poll}” has no open round yet: the chair opens it.")
ROUND_MOVED = N_("The vote moved on to a new round — look again.")
NO_SUCH_OPTION = N_("Vote “{poll}” has no option “{choice}”. Its options: {options}.")
NEEDS_TEXT = N_("The option “{option}” takes your opinion as a text: add --text TEXT.")
NO_TEXT_HERE = N_("Only the option that takes a text carries --text; “{option}” does not.")
BALLOT_PENDING = N_(
    "Your ballot {ballot} for this round is already queued or on its way: it is sent "
    "with the next `hanoi-desk live` command. A second ballot is not signed."
)
NO_ITEM = N_(
    "Meeting “{meeting}” has no agenda item “{item}” (use its id or its number in the "
    "agenda; `hanoi-desk sync` brings the latest agenda)."
)
NEEDS_ITEM = N_("Name the agenda item the vote is about with --item.")
NOT_CLOSED = N_("Round {round} of vote “{poll}” is not closed yet: there is nothing to verify.")
NOT_REACHED = N_("The server could not be reached to fetch the bulletin: {reason}")
ROUND_UNKNOWN = N_("Vote “{poll}” has no round {round}.")

V_CLOSE_MISMATCH = N_("the bulletin is not the one the close event published")
V_SIGNATURE = N_("the signature of the ballot of {member} does not hold over its ballot")
V_MINE_MISSING = N_("my ballot {ballot} is not in the bulletin")
V_MINE_CHANGED = N_("my ballot {ballot} is in the bulletin with another choice")
V_PROOF = N_("the inclusion proof of my ballot {ballot} does not lead to the published root")
V_UNSIGNED = N_("the close event carries no signature of the authority")
V_OTHER_KEY = N_("the close event was signed with another key than the authority's ({key})")
V_BAD_AUTHORITY = N_("the authority's signature of the close event does not hold")


@dataclass(frozen=True)
class KeyChoice:
    """What signs the ballot: a token (module, label) or, in the demo, the
    software key file in ``module``; the certificate as ``sign`` chooses it."""

    module: str
    token: str = ""
    software_key: bool = False
    cert_text: str | None = None
    cert_id: str | None = None


@dataclass(frozen=True)
class BallotView:
    ballot_id: str
    poll: str
    round: int
    kind: str
    member: str
    choice: int
    option: str
    """The chosen option's label."""
    text: str
    state: BallotState
    reason: str | None
    message: str
    """The refusal or the "not counted" answer as a sentence ('' otherwise)."""
    counted_as: str | None
    """Refused ``already_voted`` with the receipt of another ballot of mine: that
    ballot's id (my vote *was* counted, under the other id)."""
    receipt_hash: str
    event_seq: int | None


@dataclass(frozen=True)
class PollView:
    id: str
    item: str
    title: str
    kind: PollKind
    options: tuple[str, ...]
    text_option: int | None
    status: str
    round: int | None
    """The latest round's number (None: not opened yet)."""
    round_status: RoundStatus | None
    until: int | None
    """While closing: when the grace period ends (authority clock, ms)."""
    cast: int
    not_voted: int
    """Entitled ballots of the latest round not counted yet."""
    mine: tuple[str, ...]
    """The members whose ballot I cast in the latest round (myself, or whose vote I hold)."""
    result: Tally | None
    """The latest closed round's published result."""
    result_round: int | None
    ballots: tuple[BallotView, ...]
    """My ballots of this poll, every round, oldest first."""
    not_voted_members: tuple[str, ...] = ()
    """Chair and secretary only, while the round takes ballots: who has not voted."""
    silent: tuple[str, ...] = ()
    """Of those, whose laptop has not been heard from lately (the authority's watch)."""


@dataclass(frozen=True)
class VoteOutcome:
    ballot: BallotView
    poll: PollView
    outcome: LiveOutcome = field(repr=False)
    """The meeting as it is now (its ``command`` is the ballot's outbox entry)."""


@dataclass(frozen=True)
class MyInclusion:
    ballot_id: str
    member: str
    index: int | None
    included: bool
    """Found with my choice, and its audit path leads to the published root."""


@dataclass(frozen=True)
class VerifyReport:
    meeting_id: str
    poll: str
    round: int
    kind: str
    size: int
    published: Tally | None
    recount: Tally | None
    signatures_checked: int
    mine: tuple[MyInclusion, ...]
    problems: tuple[str, ...]
    """What failed, as sentences (empty: everything checked holds)."""
    close_seq: int
    close_hash: str
    authority_key_id: str | None = None
    """sha256 of the authority's public key that signed the close event (None: unsigned)."""

    @property
    def ok(self) -> bool:
        return not self.problems


def _ballot_view(
    ballot: StoredBallot, poll: Poll | None, others: Sequence[StoredBallot]
) -> BallotView:
    option = ""
    if poll is not None and 0 <= ballot.choice < len(poll.options):
        option = poll.options[ballot.choice].label
    message = ""
    if ballot.state in (BallotState.REFUSED, BallotState.NOT_COUNTED):
        message = Refused(ballot.reason or "unknown").message()
    counted_as = None
    if ballot.reason == ALREADY_VOTED and ballot.counted_receipt:
        counted_as = next(
            (
                o.ballot_id
                for o in others
                if o.ballot_id != ballot.ballot_id and o.signed_hash == ballot.counted_receipt
            ),
            None,
        )
    return BallotView(
        ballot.ballot_id,
        ballot.poll,
        ballot.round,
        ballot.kind,
        ballot.member,
        ballot.choice,
        option,
        ballot.text,
        ballot.state,
        ballot.reason,
        message,
        counted_as,
        ballot.receipt_hash,
        ballot.event_seq,
    )


def _poll_view(
    poll: Poll, me: str, ballots: Sequence[StoredBallot], watch: VotingWatch | None = None
) -> PollView:
    current = poll.current
    watched = (
        watch is not None
        and current is not None
        and (watch.poll, watch.round) == (poll.id, current.number)
    )
    closed = [r for r in poll.rounds if r.result is not None]
    text_option = next((i for i, o in enumerate(poll.options) if o.text), None)
    mine_all = [b for b in ballots if b.poll == poll.id]
    return PollView(
        id=poll.id,
        item=poll.item,
        title=poll.title,
        kind=poll.kind,
        options=tuple(o.label for o in poll.options),
        text_option=text_option,
        status=str(poll.status),
        round=current.number if current else None,
        round_status=current.status if current else None,
        until=current.until if current else None,
        cast=current.cast if current else 0,
        not_voted=len(current.not_voted) if current else 0,
        mine=tuple(sorted(current.entitlement.ballots_of(me))) if current else (),
        result=closed[-1].result if closed else None,
        result_round=closed[-1].number if closed else None,
        ballots=tuple(_ballot_view(b, poll, ballots) for b in mine_all),
        not_voted_members=watch.not_voted if watched and watch else (),
        silent=watch.silent if watched and watch else (),
    )


def _bulletin(record: BulletinRecord) -> Bulletin:
    """The domain's bulletin from the wire's, in the order it was published."""
    return Bulletin(
        record.poll,
        record.round,
        named=tuple(NamedBallot(**b.ballot.fields()) for b in record.named),
        secret=tuple(SecretBallot(**b.fields()) for b in record.secret),
        participations=tuple(
            Participation(**p.participation.fields()) for p in record.participations
        ),
    )


def _signature_holds(signature_b64: str, signed: bytes) -> bool:
    """The detached CMS signature is intact over ``signed``: the digest in its
    signed attributes and the signature by the certificate it carries
    (pyHanko's integrity check; whose certificate it must be is the authority's
    check against the registered one, not the reader's)."""
    try:
        signed_data = cms.ContentInfo.load(base64.b64decode(signature_b64))["content"]
        signer_info = extract_signer_info(signed_data)
        cert = extract_certificate_info(signed_data).signer_cert
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        digest = hashlib.new(algorithm, signed).digest()
        intact, valid = validate_sig_integrity(signer_info, cert, "data", digest)
    except Exception:
        return False
    return bool(intact and valid)


class LiveVotes:
    """The vote use cases over one :class:`LiveService` (its session, store and link)."""

    def __init__(self, service: LiveService, tokens: TokenManager | None = None) -> None:
        self.live = service
        self._tokens = tokens
        self._own_tokens = tokens is None

    @property
    def tokens(self) -> TokenManager:
        if self._tokens is None:
            self._tokens = TokenManager()
        return self._tokens

    def close(self) -> None:
        if self._own_tokens and self._tokens is not None:
            self._tokens.close()  # logs out every login of this process
            self._tokens.thread.close()
            self._tokens = None

    def __enter__(self) -> LiveVotes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- finding polls ---------------------------------------------------------

    def _polls_in(self, meeting_id: str, text: str) -> list[Poll]:
        state = self.live.store.meeting(meeting_id).state
        exact = state.poll(text)
        if exact is not None:
            return [exact]
        return [p for p in state.polls if text and p.id.startswith(text)]

    def find_poll(self, poll: str, meeting: str | None = None) -> tuple[str, Poll]:
        """(meeting id, poll) of a poll named by its id or a unique start of it,
        after catching up with its meeting (the named one, else each meeting this
        profile follows live until one holds it)."""
        if meeting is not None:
            candidates = [self.live.store.resolve_meeting(meeting)[0]]
        else:
            # Where the vote already is, then the meetings followed live, then the
            # other synced ones (a profile that has not opened the room yet).
            held = self.live.store.live_meeting_ids()
            first = [m for m in held if self._polls_in(m, poll)]
            rest = [m for m in self.live.store.synced_meeting_ids() if m not in held]
            candidates = first + [m for m in held if m not in first] + rest
        for meeting_id in candidates:
            try:
                self.live.contact(meeting_id)
            except UserError:
                if meeting is not None:
                    raise
                continue  # not a participant of that one: look further
            found = self._polls_in(meeting_id, poll)
            if len(found) > 1:
                names = ", ".join(p.id[:12] for p in found[:5])
                raise UserError(SEVERAL_POLLS, poll=poll, candidates=names)
            if found:
                return meeting_id, found[0]
        if meeting is not None:
            raise Refused(NO_SUCH_POLL)
        raise UserError(NO_POLL_HERE, poll=poll)

    # -- the view --------------------------------------------------------------

    def polls(self, meeting_id: str, me: str, state: LiveState) -> tuple[PollView, ...]:
        ballots = self.live.store.ballots(meeting_id)
        watch = self.live.totals.watch.get(meeting_id)
        return tuple(_poll_view(p, me, ballots, watch) for p in state.polls)

    def poll_view(self, meeting_id: str, poll_id: str) -> PollView:
        me = self.live.me()
        state = self.live.store.meeting(meeting_id).state
        found = state.poll(poll_id)
        if found is None:
            raise Refused(NO_SUCH_POLL)
        return _poll_view(found, me, self.live.store.ballots(meeting_id))

    def ballot_view(self, ballot_id: str) -> BallotView:
        ballot = self.live.store.ballot(ballot_id)
        state = self.live.store.meeting(ballot.meeting_id).state
        others = self.live.store.ballots(ballot.meeting_id, ballot.poll, ballot.round)
        return _ballot_view(ballot, state.poll(ballot.poll), others)

    # -- voting ----------------------------------------------------------------

    @staticmethod
    def _choice(poll: Poll, choice: str) -> int:
        """An option by its number as shown (1 = the first) or its label (case
        and accents ignored)."""
        text = choice.strip()
        if text.isdigit() and 1 <= int(text) <= len(poll.options):
            return int(text) - 1
        wanted = fold(" ".join(text.split()))
        for i, option in enumerate(poll.options):
            if fold(" ".join(option.label.split())) == wanted:
                return i
        options = ", ".join(f"{i + 1} {o.label}" for i, o in enumerate(poll.options))
        raise UserError(NO_SUCH_OPTION, poll=poll.id[:12], choice=choice, options=options)

    def vote(
        self,
        poll: str,
        choice: str,
        *,
        key: KeyChoice,
        prompt: PinPrompt,
        text: str = "",
        member: str | None = None,
        meeting: str | None = None,
        round_no: int | None = None,
    ) -> VoteOutcome:
        """Cast my ballot (or the ballot of ``member``, whose vote I hold) in the
        poll's open round: checked, signed, queued, sent when the server answers.

        ``round_no``: the round the voter was shown (the desktop's panel passes
        it). The poll is read again here, on the token lane, after the click: if
        the chair has since closed that round and opened another, the choice was
        made for a question no longer asked, so nothing is signed and the voter
        is told to look again (no PIN asked)."""
        meeting_id, found = self.find_poll(poll, meeting)
        me = self.live.me()
        live = self.live.store.meeting(meeting_id)
        role = self.live.role(live, me)
        if role is None:
            raise UserError(NOT_A_PARTICIPANT, meeting=meeting_id)
        rnd = found.current
        if rnd is None:
            raise UserError(NO_ROUND, poll=found.id[:12])
        if round_no is not None and rnd.number != round_no:
            raise UserError(ROUND_MOVED)
        index = self._choice(found, choice)
        option = found.options[index]
        if option.text and not text.strip():
            raise UserError(NEEDS_TEXT, option=option.label)
        if text.strip() and not option.text:
            raise UserError(NO_TEXT_HERE, option=option.label)
        # The text is signed as sent: its clean form (NFC, trimmed), refused when
        # it holds what hides or reorders text on screen.
        clean = (
            clean_text(text, "text", required=True, limit=MAX_BALLOT_TEXT) if option.text else ""
        )
        whose = me if member is None else self.live.person(meeting_id, member)
        ballot_id = uuid.uuid4().hex
        secret = secrets.token_bytes(32) if found.kind is PollKind.SECRET else None
        submission = self._submission(
            meeting_id,
            found,
            rnd,
            ballot_id=ballot_id,
            member=whose,
            choice=index,
            text=clean,
            secret=secret,
        )
        # The authority's own decision on the state this computer holds, before
        # the token is asked: a guest, a closed round, a member not entitled or
        # already counted is told now, and nothing is signed or queued.
        answer = decide_ballot(
            live.state, me, role, submission, signature=SignatureCheck.VALID
        ).receipt
        if answer.status is ReceiptStatus.NOT_COUNTED:
            raise Refused(ROUND_CLOSED)
        if answer.status is ReceiptStatus.REFUSED:
            raise Refused(answer.reason or "unknown")
        self._no_second_ballot(meeting_id, found.id, rnd.number, whose)
        record = submission if isinstance(submission, NamedBallot) else submission.participation
        signature = self._sign(key, prompt, record.signed_bytes())
        request = self._request(submission, signature)
        stored = self.live.store.queue_ballot(
            meeting_id=meeting_id,
            ballot_id=ballot_id,
            poll=found.id,
            round=rnd.number,
            kind=str(found.kind),
            member=whose,
            choice=index,
            text=clean,
            request=request.to_json(),
            signed_hash=record.signed_hash,
            receipt_hash=record.signed_hash if secret is None else secret_receipt(secret),
            secret=secret,
        )
        outcome = self.live.after_queueing(meeting_id, stored.ballot_id)
        return VoteOutcome(
            self.ballot_view(stored.ballot_id), self.poll_view(meeting_id, found.id), outcome
        )

    @staticmethod
    def _submission(
        meeting_id: str,
        poll: Poll,
        rnd: Round,
        *,
        ballot_id: str,
        member: str,
        choice: int,
        text: str,
        secret: bytes | None,
    ) -> Submission:
        anchor = (meeting_id, poll.id, rnd.number, rnd.open_hash, ballot_id, member)
        if secret is None:
            return NamedBallot(*anchor, choice, text)
        ballot = SecretBallot(poll.id, rnd.number, choice, text, secret_receipt(secret))
        return SecretSubmission(Participation(*anchor), ballot)

    @staticmethod
    def _request(submission: Submission, signature: bytes) -> BallotRequest:
        sig = base64.b64encode(signature).decode("ascii")
        if isinstance(submission, NamedBallot):
            return BallotRequest(NAMED, NamedBallotRecord(**submission.fields()), sig)
        return BallotRequest(
            SECRET,
            SecretBallotRecord(**submission.ballot.fields()),
            sig,
            ParticipationRecord(**submission.participation.fields()),
        )

    def _no_second_ballot(self, meeting_id: str, poll: str, round_: int, member: str) -> None:
        """One signed ballot per member and round leaves this profile: a second
        click while the first is queued or on its way would spend a signature
        on a ballot the authority refuses."""
        for ballot in self.live.store.ballots(meeting_id, poll, round_):
            if ballot.member != member:
                continue
            if ballot.state is BallotState.COUNTED:
                raise Refused(ALREADY_VOTED)
            if ballot.state in (BallotState.QUEUED, BallotState.SENT):
                raise UserError(BALLOT_PENDING, ballot=ballot.ballot_id[:8])

    def _sign(self, key: KeyChoice, prompt: PinPrompt, data: bytes) -> bytes:
        """One batch of one signature: one login (the PIN asked once, never
        retried), one ``C_Sign``, the login ended with the batch."""
        with batch_signer(
            self.tokens,
            key.module,
            key.token,
            prompt,
            software_key=key.software_key,
            cert_text=key.cert_text,
            cert_id=key.cert_id,
            owner=self.live.session.token_scope,
        ) as signer:
            return sign_detached(signer, data).cms

    # -- the chair's and secretary's poll commands -----------------------------

    def _item(self, meeting_id: str, item: str) -> str:
        agenda = self.live.cache.repos.meetings.agenda(meeting_id)  # this thread's connection
        for entry in agenda:
            if entry.id == item:
                return entry.id
        if item.isdigit():
            number = int(item)
            for entry in agenda:
                if entry.position == number:
                    return entry.id
        raise UserError(NO_ITEM, meeting=meeting_id, item=item)

    def create_poll(
        self,
        meeting: str,
        *,
        item: str,
        title: str,
        secret: bool = False,
        options: Sequence[str] = (),
        text_option: int | None = None,
        base: Base | None = None,
        threshold: Threshold | None = None,
    ) -> LiveOutcome:
        """A new poll on an agenda item (its id is made here, so a queued create
        sent twice is one poll). ``options`` empty: the default three."""
        meeting_id, _ = self.live.store.resolve_meeting(meeting)
        if not item:
            raise UserError(NEEDS_ITEM)
        args: dict[str, Any] = {
            "poll": uuid.uuid4().hex,
            "item": self._item(meeting_id, item),
            "title": title,
            "kind": PollKind.SECRET.value if secret else PollKind.NAMED.value,
        }
        if options:
            args["options"] = list(options)
        if text_option is not None:
            args["text_option"] = text_option
        if base is not None:
            args["base"] = base.value
        if threshold is not None:
            args["threshold"] = threshold.value
        return self.live.act(meeting_id, CommandKind.POLL_CREATE, lambda _s: (args, True))

    def _poll_command(
        self, poll: str, meeting: str | None, kind: CommandKind, extra: Mapping[str, Any] = {}
    ) -> LiveOutcome:
        meeting_id, found = self.find_poll(poll, meeting)
        number = found.current.number if found.current else None
        if kind is CommandKind.POLL_OPEN:
            number = len(found.rounds) + 1
        if number is None:
            raise UserError(NO_ROUND, poll=found.id[:12])
        args = {"poll": found.id, "round": number, **extra}
        return self.live.act(meeting_id, kind, lambda _s: (args, True), poll_command=True)

    def open_poll(self, poll: str, meeting: str | None = None) -> LiveOutcome:
        """Open the poll's next round (the first, or a re-vote after a close)."""
        return self._poll_command(poll, meeting, CommandKind.POLL_OPEN)

    def close_poll(
        self, poll: str, meeting: str | None = None, grace_s: int | None = None
    ) -> LiveOutcome:
        """Start the closing period of the open round (``grace_s``; the body's
        10 s by default); once it has ended, close the round (the authority also
        closes it by itself then)."""
        meeting_id, found = self.find_poll(poll, meeting)
        current = found.current
        if current is not None and current.status is RoundStatus.CLOSING:
            return self._poll_command(found.id, meeting_id, CommandKind.POLL_CLOSE)
        extra = {} if grace_s is None else {"grace_ms": grace_s * 1000}
        return self._poll_command(found.id, meeting_id, CommandKind.POLL_CLOSING, extra)

    def extend_poll(self, poll: str, seconds: int, meeting: str | None = None) -> LiveOutcome:
        return self._poll_command(poll, meeting, CommandKind.POLL_EXTEND, {"ms": seconds * 1000})

    def publish_poll(self, poll: str, meeting: str | None = None) -> LiveOutcome:
        return self._poll_command(poll, meeting, CommandKind.POLL_PUBLISH)

    # -- verification ----------------------------------------------------------

    def verify(
        self, poll: str, meeting: str | None = None, round_: int | None = None
    ) -> VerifyReport:
        """Fetch the round's bulletin (the latest closed round by default),
        check it against the log's close event, recount it, check the
        signatures it carries and my ballots' inclusion proofs."""
        meeting_id, found = self.find_poll(poll, meeting)
        closed = [r for r in found.rounds if r.status is RoundStatus.CLOSED]
        if round_ is None:
            if not closed:
                raise UserError(NOT_CLOSED, poll=found.id[:12], round=len(found.rounds) or 1)
            rnd = closed[-1]
        else:
            chosen = found.round(round_)
            if chosen is None:
                raise UserError(ROUND_UNKNOWN, poll=found.id[:12], round=round_)
            if chosen.status is not RoundStatus.CLOSED:
                raise UserError(NOT_CLOSED, poll=found.id[:12], round=round_)
            rnd = chosen
        client = self.live.client()
        try:
            with run_deadline(client.link, self.live.options.run_timeout):
                record = client.bulletin(meeting_id, found.id, rnd.number)
                key = client.authority_key(meeting_id)
        except (faults.Transient, faults.RunTimeout) as exc:
            raise UserError(NOT_REACHED, reason=exc.message()) from None
        return self._check(meeting_id, found, rnd, record, key)

    @staticmethod
    def _mine(
        ballot: StoredBallot, bulletin: Bulletin, rnd: Round, problems: list[str]
    ) -> MyInclusion:
        """My counted ballot in the bulletin: found by its receipt, with my
        choice, and its RFC 9162 audit path leading to the published root."""
        index = bulletin.index_of(ballot.receipt_hash)
        short = ballot.ballot_id[:8]
        if index is None:
            problems.append(translate(V_MINE_MISSING, ballot=short))
            return MyInclusion(ballot.ballot_id, ballot.member, None, False)
        listed = bulletin.named[index].choice if bulletin.named else bulletin.secret[index].choice
        if listed != ballot.choice:
            problems.append(translate(V_MINE_CHANGED, ballot=short))
            return MyInclusion(ballot.ballot_id, ballot.member, index, False)
        leaves = bulletin.leaves()
        root = rnd.result.root if rnd.result is not None else ""
        proof = inclusion_proof(leaves, index)
        included = verify_inclusion(leaves[index], index, len(leaves), proof, root)
        if not included:
            problems.append(translate(V_PROOF, ballot=short))
        return MyInclusion(ballot.ballot_id, ballot.member, index, included)

    @staticmethod
    def _authority(
        record: BulletinRecord, key: AuthorityKeyRecord | None, problems: list[str]
    ) -> str | None:
        """The close event's Ed25519 signature by the authority's key (the key
        named by its sha256, as the authority serves it)."""
        if record.signature is None or key is None:
            problems.append(translate(V_UNSIGNED))
            return None
        raw = base64.b64decode(key.public_key)
        if record.signature.key_id != key.key_id or hashlib.sha256(raw).hexdigest() != key.key_id:
            problems.append(translate(V_OTHER_KEY, key=record.signature.key_id[:16]))
            return None
        try:
            Ed25519PublicKey.from_public_bytes(raw).verify(
                base64.b64decode(record.signature.signature), close_signed_bytes(record.close.hash)
            )
        except (InvalidSignature, ValueError):
            problems.append(translate(V_BAD_AUTHORITY))
            return None
        return key.key_id

    def _check(
        self,
        meeting_id: str,
        poll: Poll,
        rnd: Round,
        record: BulletinRecord,
        key: AuthorityKeyRecord | None = None,
    ) -> VerifyReport:
        problems: list[str] = []
        if (
            record.meeting != meeting_id
            or (record.poll, record.round) != (poll.id, rnd.number)
            or record.round_open_hash != rnd.open_hash
            or (record.close.seq, record.close.hash) != (rnd.closed_seq, rnd.closed_hash)
            or record.kind != str(poll.kind)
        ):
            problems.append(translate(V_CLOSE_MISMATCH))
        signed_by = self._authority(record, key, problems)
        bulletin = _bulletin(record)
        recount: Tally | None = None
        try:
            recount = verify(poll, rnd, bulletin)
        except TallyMismatch as exc:
            problems.append(exc.message())
        checked = 0
        for signed in record.named:
            checked += 1
            named = NamedBallot(**signed.ballot.fields())
            if not _signature_holds(signed.signature, named.signed_bytes()):
                problems.append(translate(V_SIGNATURE, member=named.member))
        for part in record.participations:
            checked += 1
            participation = Participation(**part.participation.fields())
            if not _signature_holds(part.signature, participation.signed_bytes()):
                problems.append(translate(V_SIGNATURE, member=participation.member))
        mine = [
            self._mine(b, bulletin, rnd, problems)
            for b in self.live.store.ballots(meeting_id, poll.id, rnd.number)
            if b.state is BallotState.COUNTED
        ]
        return VerifyReport(
            meeting_id=meeting_id,
            poll=poll.id,
            round=rnd.number,
            kind=str(poll.kind),
            size=len(bulletin.leaves()),
            published=rnd.result,
            recount=recount,
            signatures_checked=checked,
            mine=tuple(mine),
            problems=tuple(problems),
            close_seq=record.close.seq,
            close_hash=record.close.hash,
            authority_key_id=signed_by,
        )


__all__ = [
    "BallotView",
    "KeyChoice",
    "LiveVotes",
    "MyInclusion",
    "PollView",
    "VerifyReport",
    "VoteOutcome",
]
