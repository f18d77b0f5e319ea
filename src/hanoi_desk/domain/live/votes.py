"""Deciding votes: the poll commands and the ballots (docs/live-meetings.md, "Votes").

The poll commands (``poll.create``, ``poll.open``, ``poll.closing``,
``poll.extend``, ``poll.close``, ``poll.publish``) go through
``rules.decide``/``rules.execute`` like every live command; this module holds
their rules. Ballots are no commands (they carry signatures and are answered
with receipts): the authority runs :func:`decide_ballot` (or
:func:`execute_ballot`) inside the transaction that stores the receipt, and a
client runs it to refuse a ballot before queueing it.

A ballot counts if and only if the authority commits its ``ballot.cast``
event while its round is open or closing. Time plays no part in that rule: the
grace period only says when the authority may close; until the close event is
in the log, ballots count.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final, TypeVar

from hanoi_desk.domain.live.ballots import (
    NamedBallot,
    Participation,
    Receipt,
    ReceiptStatus,
    SecretBallot,
    SecretSubmission,
    Submission,
    signed_record,
)
from hanoi_desk.domain.live.checks import (
    ALREADY_VOTED,
    BAD_REQUEST,
    BAD_SIGNATURE,
    BALLOT_ID_REUSED,
    FORBIDDEN,
    GRACE_RUNNING,
    NO_CERTIFICATE,
    NO_QUORUM,
    NO_SUCH_POLL,
    NOT_ENTITLED,
    NOT_FOUND,
    POLL_RUNNING,
    POLL_STATE,
    RECEIPT_REUSED,
    ROUND_CLOSED,
    STALE_ROUND,
    WRONG_CERTIFICATE,
    Command,
    Refused,
    check_args,
    clean_text,
    ident,
    integer,
    sha256_hex,
)
from hanoi_desk.domain.live.polls import (
    DEFAULT_GRACE_MS,
    DEFAULT_OPTIONS,
    MAX_BALLOT_TEXT,
    MAX_GRACE_MS,
    MAX_LABEL,
    MAX_OPTIONS,
    MAX_TITLE,
    MAX_VOTERS,
    Option,
    Poll,
    PollKind,
    Round,
    RoundStatus,
)
from hanoi_desk.domain.live.quorum import Base, BodySettings, Threshold, quorum_met, snapshot
from hanoi_desk.domain.live.roles import CommandKind, Role, may_vote
from hanoi_desk.domain.live.state import EventBody, EventKind, LiveEvent, LiveState, apply, seal
from hanoi_desk.domain.live.tally import Bulletin, count

Roster = Mapping[str, Role]


@dataclass(frozen=True)
class PollContext:
    """What the authority knows beside the log when it decides a poll command."""

    roster: Roster | None = None
    """Every participant's role: needed to open a round (the snapshot)."""
    body: BodySettings = field(default_factory=BodySettings)
    """The body's rules: quorum, default base and threshold, substitutes, delegation."""
    delegations: Mapping[str, str] | None = None
    """Votes handed over for this meeting (represented -> proxy), if the body allows."""
    items: Collection[str] | None = None
    """The meeting's agenda item ids; a poll on another item is refused ``not_found``.
    None: not checked (a client deciding ahead)."""
    bulletin: Bulletin | None = None
    """``poll.close`` only: the round's stored ballots, which the close counts."""


# --- argument readers ------------------------------------------------------------------------


def _poll(state: LiveState, args: Mapping[str, Any]) -> Poll:
    poll = state.poll(ident(args.get("poll"), "poll"))
    if poll is None:
        raise Refused(NO_SUCH_POLL)
    return poll


def _current(poll: Poll, args: Mapping[str, Any]) -> Round:
    """The poll's latest round, which the command must name (a command made on
    a screen that showed an older round is stale)."""
    number = integer(args.get("round"), "round", low=1)
    current = poll.current
    if current is None or current.number != number:
        raise Refused(STALE_ROUND)
    return current


_E = TypeVar("_E", bound=StrEnum)


def _enum_arg(kind: type[_E], value: object, name: str, default: _E | None) -> _E:
    if value is None:
        if default is None:
            raise Refused(BAD_REQUEST, name)
        return default
    try:
        return kind(value) if isinstance(value, str) else kind("")
    except ValueError:
        raise Refused(BAD_REQUEST, name) from None


def _options(args: Mapping[str, Any]) -> tuple[Option, ...]:
    labels, text_option = args.get("options"), args.get("text_option")
    if labels is None:
        if text_option is not None:
            raise Refused(BAD_REQUEST, "text_option")  # it names one of the options given
        return DEFAULT_OPTIONS
    if not isinstance(labels, list | tuple) or not 2 <= len(labels) <= MAX_OPTIONS:
        raise Refused(BAD_REQUEST, "options")
    cleaned = [clean_text(label, "options", required=True, limit=MAX_LABEL) for label in labels]
    if len({c.casefold() for c in cleaned}) != len(cleaned):
        raise Refused(BAD_REQUEST, "options")  # two options a delegate could not tell apart
    if text_option is not None:
        integer(text_option, "text_option", high=len(cleaned) - 1)
    return tuple(Option(c, i == text_option) for i, c in enumerate(cleaned))


# --- the poll commands -----------------------------------------------------------------------


def _create(state: LiveState, command: Command, now_ms: int, ctx: PollContext) -> list[EventBody]:
    check_args(
        command, {"poll", "item", "title", "kind"}, {"options", "text_option", "base", "threshold"}
    )
    args = command.args
    poll_id = ident(args["poll"], "poll")
    item = ident(args["item"], "item")
    title = clean_text(args["title"], "title", required=True, limit=MAX_TITLE)
    kind = _enum_arg(PollKind, args["kind"], "kind", None)
    options = _options(args)
    base = _enum_arg(Base, args.get("base"), "base", ctx.body.base)
    threshold = _enum_arg(Threshold, args.get("threshold"), "threshold", ctx.body.threshold)
    if ctx.items is not None and item not in ctx.items:
        raise Refused(NOT_FOUND)
    existing = state.poll(poll_id)
    if existing is not None:
        same = (existing.item, existing.title, existing.kind, existing.options, existing.base,
                existing.threshold) == (item, title, kind, options, base, threshold)  # fmt: skip
        if same:
            return []  # the same poll sent again (a queued retry)
        raise Refused(BAD_REQUEST, "poll")
    data = {
        "poll": poll_id,
        "item": item,
        "title": title,
        "kind": kind.value,
        "options": [{"label": o.label, "text": o.text} for o in options],
        "base": base.value,
        "threshold": threshold.value,
    }
    return [EventBody(EventKind.POLL_CREATED, data)]


def _open(state: LiveState, command: Command, now_ms: int, ctx: PollContext) -> list[EventBody]:
    check_args(command, {"poll", "round"})
    poll = _poll(state, command.args)
    number = integer(command.args["round"], "round", low=1)
    current = poll.current
    if current is not None and current.number == number:
        if current.accepts_ballots:
            return []  # a second "open" click: it is open
        raise Refused(STALE_ROUND)  # the screen showed a round that has closed since
    if number != len(poll.rounds) + 1:
        raise Refused(STALE_ROUND)
    if poll.published_round is not None:
        raise Refused(POLL_STATE)  # announced: a re-vote is a new poll
    voting = state.voting
    if voting is not None:
        # The previous round of this poll is still open (a re-vote needs its
        # close first: no ballot is ever reset while being filled), or another poll's.
        raise Refused(POLL_STATE if voting[0].id == poll.id else POLL_RUNNING)
    if ctx.roster is None:
        raise ValueError("poll.open is decided with the meeting's roster")
    entitlement = snapshot(state, ctx.roster, ctx.body, ctx.delegations)
    if len(entitlement.voters) > MAX_VOTERS:
        raise Refused(BAD_REQUEST, "voters")
    if not quorum_met(entitlement, ctx.body.quorum):
        raise Refused(NO_QUORUM)
    data = {
        "poll": poll.id,
        "round": number,
        "voters": sorted(entitlement.voters),
        "present": sorted(entitlement.present),
        "delegations": dict(sorted(entitlement.delegations.items())),
        "substitutes_may_vote": entitlement.substitutes_may_vote,
    }
    return [EventBody(EventKind.POLL_OPENED, data)]


def _clock(state: LiveState, now_ms: int) -> int:
    # The time the event will carry (``rules.seal``): never before the log's head.
    return max(now_ms, state.head_at)


def _closing(state: LiveState, command: Command, now_ms: int, ctx: PollContext) -> list[EventBody]:
    check_args(command, {"poll", "round"}, {"grace_ms"})
    poll = _poll(state, command.args)
    current = _current(poll, command.args)
    raw = command.args.get("grace_ms")
    grace = DEFAULT_GRACE_MS if raw is None else integer(raw, "grace_ms", high=MAX_GRACE_MS)
    if current.status is RoundStatus.CLOSING:
        return []  # a second "close" click: it is closing
    if current.status is not RoundStatus.OPEN:
        raise Refused(POLL_STATE)
    until = _clock(state, now_ms) + grace
    return [EventBody(EventKind.POLL_CLOSING, {"poll": poll.id, "round": current.number,
                                               "until": until})]  # fmt: skip


def _extend(state: LiveState, command: Command, now_ms: int, ctx: PollContext) -> list[EventBody]:
    check_args(command, {"poll", "round", "ms"})
    poll = _poll(state, command.args)
    current = _current(poll, command.args)
    ms = integer(command.args["ms"], "ms", low=1, high=MAX_GRACE_MS)
    if current.status is not RoundStatus.CLOSING or current.until is None:
        raise Refused(POLL_STATE)
    # From now if the period has run out already (the close has not been written yet).
    until = max(current.until, _clock(state, now_ms)) + ms
    return [EventBody(EventKind.POLL_EXTENDED, {"poll": poll.id, "round": current.number,
                                                "until": until})]  # fmt: skip


def _close(state: LiveState, command: Command, now_ms: int, ctx: PollContext) -> list[EventBody]:
    check_args(command, {"poll", "round"})
    poll = _poll(state, command.args)
    current = _current(poll, command.args)
    if current.status is RoundStatus.CLOSED:
        return []  # closed already (the authority's timer and the chair both asked)
    if current.status is not RoundStatus.CLOSING or current.until is None:
        raise Refused(POLL_STATE)  # a round closes through its closing period
    if now_ms < current.until:
        raise Refused(GRACE_RUNNING)
    if ctx.bulletin is None:
        raise ValueError("poll.close is decided with the round's stored ballots")
    tally = count(poll, current, ctx.bulletin)
    data = {"poll": poll.id, "round": current.number, **tally.to_data()}
    return [EventBody(EventKind.POLL_CLOSED, data)]


def _publish(state: LiveState, command: Command, now_ms: int, ctx: PollContext) -> list[EventBody]:
    check_args(command, {"poll", "round"})
    poll = _poll(state, command.args)
    current = _current(poll, command.args)
    if poll.published_round == current.number:
        return []  # announced already
    if current.status is not RoundStatus.CLOSED:
        raise Refused(POLL_STATE)
    return [EventBody(EventKind.POLL_PUBLISHED, {"poll": poll.id, "round": current.number})]


_PollRule = Callable[[LiveState, Command, int, PollContext], list[EventBody]]

POLL_RULES: Final[Mapping[CommandKind, _PollRule]] = {
    CommandKind.POLL_CREATE: _create,
    CommandKind.POLL_OPEN: _open,
    CommandKind.POLL_CLOSING: _closing,
    CommandKind.POLL_EXTEND: _extend,
    CommandKind.POLL_CLOSE: _close,
    CommandKind.POLL_PUBLISH: _publish,
}


def decide_poll(
    state: LiveState, kind: CommandKind, command: Command, now_ms: int, ctx: PollContext
) -> list[EventBody]:
    """The events of a poll command whose kind and role ``rules.decide`` checked."""
    return POLL_RULES[kind](state, command, now_ms, ctx)


def due_closes(state: LiveState, now_ms: int) -> list[tuple[str, int, str]]:
    """(poll, round, who started the closing) for every round whose closing
    period has ended at ``now_ms``: the authority closes each, as a ``poll.close``
    command of that person, with the round's ballots."""
    due = []
    for poll in state.polls:
        r = poll.current
        if (
            r is not None
            and r.status is RoundStatus.CLOSING
            and r.until is not None
            and now_ms >= r.until
            and r.closing_by is not None
        ):
            due.append((poll.id, r.number, r.closing_by))
    return due


# --- ballots ---------------------------------------------------------------------------------


class SignatureCheck(StrEnum):
    """What the authority found when it verified the ballot's detached CMS
    signature against the voter's registered certificate (outside the domain:
    the domain does no cryptography beyond hashing)."""

    VALID = "valid"
    INVALID = "invalid"
    """It does not verify over the canonical bytes (forged, or other bytes)."""
    WRONG_CERTIFICATE = "wrong_certificate"
    """It verifies, but with a certificate that is not the voter's registered one."""
    NO_CERTIFICATE = "no_certificate"
    """The voter has no registered certificate (and the body takes none from a first signature)."""


_SIGNATURE_REASONS: Final = {
    SignatureCheck.INVALID: BAD_SIGNATURE,
    SignatureCheck.WRONG_CERTIFICATE: WRONG_CERTIFICATE,
    SignatureCheck.NO_CERTIFICATE: NO_CERTIFICATE,
}


@dataclass(frozen=True)
class BallotDecision:
    receipt: Receipt
    """The answer (its ``seq`` is set by :func:`execute_ballot` once sealed)."""
    events: tuple[EventBody, ...]
    """``ballot.cast`` when counted now; nothing otherwise."""
    store: bool
    """Whether the authority stores ``receipt`` under (voter, ballot id): every
    first answer, refusals and "not counted" included; never a repeated answer
    (already stored) or a refused reuse of a ballot id (the first stays)."""


def _check_shape(state: LiveState, submission: Submission) -> tuple[NamedBallot | Participation,
                                                                     int, str]:  # fmt: skip
    """The signed record's fields, and the choice and text; Refused(bad_request)."""
    record = signed_record(submission)
    if record.meeting != state.meeting_id:
        raise Refused(BAD_REQUEST, "meeting")
    ident(record.poll, "poll")
    ident(record.ballot_id, "ballot_id")
    ident(record.member, "member")
    integer(record.round, "round", low=1)
    sha256_hex(record.round_open_hash, "round_open_hash")
    if isinstance(submission, NamedBallot):
        return record, submission.choice, submission.text
    ballot = submission.ballot
    if (ballot.poll, ballot.round) != (record.poll, record.round):
        raise Refused(BAD_REQUEST, "ballot")
    sha256_hex(ballot.receipt_hash, "receipt_hash")
    return record, ballot.choice, ballot.text


def _check_choice(poll: Poll, choice: int, text: str) -> None:
    integer(choice, "choice", high=len(poll.options) - 1)
    option = poll.options[choice]
    if not isinstance(text, str):
        raise Refused(BAD_REQUEST, "text")
    if option.text:
        # The text is signed as sent: it must already be in its clean form
        # (NFC, trimmed), or the bytes the token signed would not be the ones counted.
        if clean_text(text, "text", required=True, limit=MAX_BALLOT_TEXT) != text:
            raise Refused(BAD_REQUEST, "text")
    elif text:
        raise Refused(BAD_REQUEST, "text")  # only an "other opinion" carries a text


class _AlreadyVoted(Refused):
    """``already_voted``, with the receipt hash of the ballot counted for the member."""

    def __init__(self, counted: str) -> None:
        super().__init__(ALREADY_VOTED)
        self.counted = counted


def _judge(
    state: LiveState,
    actor: str,
    role: Role | str,
    submission: Submission,
    *,
    signature: SignatureCheck,
    receipt_taken: bool,
) -> tuple[Poll, Round]:
    """The poll and round a valid ballot goes to, or :class:`Refused`, checked in
    this order: the role, the fields, the poll and round, the choice, the
    signature, the entitlement, a ballot already counted for the member, a
    receipt already used."""
    if not may_vote(role):
        raise Refused(FORBIDDEN)
    record, choice, text = _check_shape(state, submission)
    poll = state.poll(record.poll)
    if poll is None:
        raise Refused(NO_SUCH_POLL)
    if (poll.kind is PollKind.NAMED) != isinstance(submission, NamedBallot):
        raise Refused(BAD_REQUEST, "kind")
    rnd = poll.round(record.round)
    if rnd is None or rnd.open_hash != record.round_open_hash:
        raise Refused(STALE_ROUND)  # made against another round or another log
    _check_choice(poll, choice, text)
    reason = _SIGNATURE_REASONS.get(signature)
    if reason is not None:
        raise Refused(reason)
    if record.member not in rnd.entitlement.ballots_of(actor):
        raise Refused(NOT_ENTITLED)
    counted = rnd.voted.get(record.member)
    if counted is not None:
        raise _AlreadyVoted(counted)
    if receipt_taken:
        raise Refused(RECEIPT_REUSED)
    return poll, rnd


def decide_ballot(
    state: LiveState,
    actor: str,
    role: Role | str,
    submission: Submission,
    *,
    signature: SignatureCheck,
    stored: Receipt | None = None,
    receipt_taken: bool = False,
) -> BallotDecision:
    """The authority's answer to ``submission`` from ``actor``.

    ``stored`` is the receipt stored under (``actor``, ballot id), if any;
    ``receipt_taken`` (secret polls) whether the round already holds a ballot
    with this receipt hash; ``signature`` the authority's check of the
    signature. The member's counted ballot is read from ``state`` (the
    round's ``voted``); the authority's unique constraint on (round, member)
    backs it up.

    A stored answer comes first (the same ballot again: that answer, a counted
    one as ``duplicate``; another ballot under the same id: refused
    ``ballot_id_reused``, nothing stored); then the checks of :func:`_judge`;
    then a closed round (``not_counted``, ``round_closed``); else counted."""
    record = signed_record(submission)
    signed_hash = record.signed_hash

    def answer(status: ReceiptStatus, reason: str | None, counted: str | None) -> Receipt:
        return Receipt(record.ballot_id, record.poll, record.round, status, reason, signed_hash,
                       counted)  # fmt: skip

    if stored is not None:
        if stored.signed_hash != signed_hash:
            refused = answer(ReceiptStatus.REFUSED, BALLOT_ID_REUSED, None)
            return BallotDecision(refused, (), store=False)
        if stored.status is ReceiptStatus.COUNTED:
            stored = replace(stored, status=ReceiptStatus.DUPLICATE)
        return BallotDecision(stored, (), store=False)
    try:
        poll, rnd = _judge(state, actor, role, submission, signature=signature,
                           receipt_taken=receipt_taken)  # fmt: skip
    except Refused as r:
        counted = r.counted if isinstance(r, _AlreadyVoted) else None
        return BallotDecision(answer(ReceiptStatus.REFUSED, r.reason, counted), (), store=True)
    if not rnd.accepts_ballots:
        late = answer(ReceiptStatus.NOT_COUNTED, ROUND_CLOSED, None)
        return BallotDecision(late, (), store=True)
    data = {"poll": poll.id, "round": rnd.number, "member": record.member, "receipt": signed_hash}
    counted_now = answer(ReceiptStatus.COUNTED, None, signed_hash)
    return BallotDecision(counted_now, (EventBody(EventKind.BALLOT_CAST, data),), store=True)


@dataclass(frozen=True)
class BallotOutcome:
    state: LiveState
    """The state after the ballot (unchanged unless counted)."""
    receipt: Receipt
    events: tuple[LiveEvent, ...]
    store: bool
    stored_ballot: NamedBallot | SecretBallot | None
    """What the authority stores as the counted ballot (named: the ballot; secret:
    the ballot only, never with the participation), or None when not counted."""
    participation: Participation | None
    """Secret polls: the participation to store (with its signature), apart from the ballot."""


def execute_ballot(
    state: LiveState,
    actor: str,
    role: Role | str,
    submission: Submission,
    now_ms: int,
    *,
    signature: SignatureCheck,
    stored: Receipt | None = None,
    receipt_taken: bool = False,
) -> BallotOutcome:
    """What the authority does with a ballot: decide, seal and fold the
    ``ballot.cast`` event, set the receipt's seq, and say what to store."""
    decision = decide_ballot(state, actor, role, submission, signature=signature,
                             stored=stored, receipt_taken=receipt_taken)  # fmt: skip
    receipt, events = decision.receipt, []
    for body in decision.events:
        event = seal(state, actor, body, now_ms)
        state = apply(state, event)
        events.append(event)
        receipt = replace(receipt, seq=event.seq)
    ballot: NamedBallot | SecretBallot | None = None
    participation: Participation | None = None
    if events:
        if isinstance(submission, SecretSubmission):
            ballot, participation = submission.ballot, submission.participation
        else:
            ballot = submission
    return BallotOutcome(state, receipt, tuple(events), decision.store, ballot, participation)


__all__ = [
    "BallotDecision",
    "BallotOutcome",
    "PollContext",
    "SignatureCheck",
    "decide_ballot",
    "decide_poll",
    "due_closes",
    "execute_ballot",
]
