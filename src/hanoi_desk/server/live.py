"""The authority's side of live meetings: deciding commands, appending the log, reading it.

The rules are not here: ``domain.live.rules.decide`` says what a command does
(or why it is refused) and ``domain.live.state.apply`` folds the events; this
module only gives them the meeting's state, the sender's role and the clock,
and stores what they return (docs/live-meetings.md).

One command is one write transaction: lock the meeting, look up its ``op_id``
(a retry gets the stored outcome, ``duplicate``), take the folded state, decide,
append the events with their seq and hashes, store the outcome, commit. The
meeting row's lock (PostgreSQL ``SELECT … FOR UPDATE``; SQLite's one writer)
serialises the appends of one meeting, so seqs have no gaps, commit in order,
and two chair commands made against the same list version apply once.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError as DbIntegrityError
from sqlalchemy.orm import Session

from hanoi_desk import protocol as p
from hanoi_desk.domain.live import chain
from hanoi_desk.domain.live.ballots import (
    NamedBallot,
    Participation,
    ReceiptStatus,
    SecretSubmission,
    signed_record,
)
from hanoi_desk.domain.live.checks import BALLOT_ID_REUSED
from hanoi_desk.domain.live.roles import CommandKind, Role, may, role_of
from hanoi_desk.domain.live.rules import Command, Refused, check_meeting_open, execute
from hanoi_desk.domain.live.state import POLL_EVENTS, LiveEvent, LiveState, fold
from hanoi_desk.domain.live.tally import Bulletin
from hanoi_desk.domain.live.votes import SignatureCheck, due_closes, execute_ballot
from hanoi_desk.protocol import live as pl
from hanoi_desk.server import cms, votes
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.authority_key import AuthorityKeys
from hanoi_desk.server.db import Database
from hanoi_desk.server.models import Device, Meeting, Participant, Token, User
from hanoi_desk.server.models import LiveCommand as CommandRow
from hanoi_desk.server.models import LiveEvent as EventRow

log = logging.getLogger(__name__)
StoredEvent = LiveEvent
COMMAND, BALLOT = "command", "ballot"
"""Kinds of stored live outcomes (``live_commands.kind``)."""
AUTHORITY_DEVICE = "authority"
"""The device id of the authority's own commands (the closer's)."""
NOTIFY_CHANNEL = "hanoi_live"
"""PostgreSQL's notification channel for appends; the payload is the meeting id."""
CACHED_MEETINGS = 256


def now_ms() -> int:
    """The server's wall clock: milliseconds since the epoch."""
    return time.time_ns() // 1_000_000


def _monotonic_ms() -> int:
    return time.monotonic_ns() // 1_000_000


STEP_BACK_WARN_MS = 2_000
"""A wall clock this far behind the authority's time is logged (a step, not jitter)."""


class AuthorityClock:
    """The time a live meeting's authority stamps on events and sends in heartbeats
    and pages: never earlier than the log's head, and never stepping back.

    ``seal`` already stamps ``max(now, head_at)``; if heartbeats sent the raw
    wall clock, one forward jump of the server clock (a bad RTC at boot, an NTP
    step) followed by its correction would stamp every later event at the
    future head while clients measure speeches against the true time: every
    timer would show 0 for the rest of the meeting. So after a step back this
    clock goes on from where it was at the rate of the monotonic clock, and
    events and heartbeats share it: durations stay true, the chain monotone.
    One per process (events of every meeting come from the same clock)."""

    def __init__(
        self, wall: Callable[[], int] = now_ms, monotonic: Callable[[], int] = _monotonic_ms
    ) -> None:
        self._wall = wall
        self._monotonic = monotonic
        self._given = 0
        self._given_mono = 0
        self._behind = False
        self._lock = threading.Lock()

    def now(self, head_at: int = 0) -> int:
        """The authority's time for a meeting whose newest event has ``head_at``."""
        wall, mono = self._wall(), self._monotonic()
        with self._lock:
            ahead = head_at
            if self._given:  # where this clock was, moved on by the time since
                ahead = max(ahead, self._given + (mono - self._given_mono))
            at = max(wall, ahead)
            behind = at - wall >= STEP_BACK_WARN_MS
            if behind and not self._behind:
                log.warning("live: the server clock is %d s behind the live log's time; "
                            "live time goes on from the log's (check NTP)",
                            (at - wall) // 1000)  # fmt: skip
            self._behind = behind
            self._given, self._given_mono = at, mono
            return at


CLOCK = AuthorityClock()
"""This process's authority clock (events, heartbeats, pages, the closer)."""


# --- reading ---------------------------------------------------------------------------------


def _event(row: EventRow) -> LiveEvent:
    return LiveEvent(row.seq, row.meeting_id, row.kind, row.actor, row.at, json.loads(row.data),
                     row.prev_hash, row.hash)  # fmt: skip


def events_after(session: Session, meeting_id: str, after: int, limit: int) -> list[LiveEvent]:
    rows = session.scalars(
        select(EventRow)
        .where(EventRow.meeting_id == meeting_id, EventRow.seq > after)
        .order_by(EventRow.seq)
        .limit(limit)
    )
    return [_event(r) for r in rows]


def head_and_at(session: Session, meeting_id: str) -> tuple[tuple[int, str], int]:
    """((seq, hash), at) of the meeting's newest event; ((0, GENESIS), 0) before the first."""
    row = session.execute(
        select(EventRow.seq, EventRow.hash, EventRow.at)
        .where(EventRow.meeting_id == meeting_id)
        .order_by(EventRow.seq.desc())
        .limit(1)
    ).first()
    return ((0, chain.GENESIS), 0) if row is None else ((int(row[0]), str(row[1])), int(row[2]))


def head_at_of(session: Session, meeting_id: str) -> int:
    """The ``at`` of the meeting's newest event (0 before the first)."""
    at = session.scalar(
        select(EventRow.at)
        .where(EventRow.meeting_id == meeting_id)
        .order_by(EventRow.seq.desc())
        .limit(1)
    )
    return 0 if at is None else int(at)


def head_of(session: Session, meeting_id: str) -> tuple[int, str]:
    """(seq, hash) of the meeting's newest event; (0, GENESIS) before the first."""
    row = session.execute(
        select(EventRow.seq, EventRow.hash)
        .where(EventRow.meeting_id == meeting_id)
        .order_by(EventRow.seq.desc())
        .limit(1)
    ).first()
    return (0, chain.GENESIS) if row is None else (int(row[0]), str(row[1]))


@dataclass(frozen=True)
class Access:
    """A participant's view of a meeting's live side."""

    meeting_id: str
    role: str
    authority: str


def access(session: Session, meeting_id: str, user_id: str) -> Access | None:
    """The user's role in the meeting, or None: not a participant (or no such meeting)."""
    row = session.execute(
        select(Participant.role, Meeting.authority)
        .join(Meeting, Meeting.id == Participant.meeting_id)
        .where(Participant.meeting_id == meeting_id, Participant.user_id == user_id)
    ).first()
    return None if row is None else Access(meeting_id, str(row[0]), str(row[1]))


def still_allowed(session: Session, meeting_id: str, digests: Sequence[str]) -> set[str]:
    """Which of these access tokens may still read the meeting's live log: not
    revoked or expired, user enabled, still a participant, device not ordered wiped."""
    allowed: set[str] = set()
    now = int(time.time())
    for start in range(0, len(digests), 500):
        chunk = list(digests[start : start + 500])
        rows = session.scalars(
            select(Token.token_hash)
            .join(User, User.id == Token.user_id)
            .join(Participant, Participant.user_id == Token.user_id)
            .outerjoin(
                Device, and_(Device.user_id == Token.user_id, Device.device_id == Token.device_id)
            )
            .where(
                Token.token_hash.in_(chunk),
                Token.kind == "access",
                Token.expires_at >= now,
                User.disabled.is_(False),
                Participant.meeting_id == meeting_id,
                Device.wipe.is_not(True),
            )
        )
        allowed.update(rows)
    return allowed


# --- the folded state, cached per process ----------------------------------------------------


class StateCache:
    """Each meeting's folded state as of a head, so a command does not refold the log.

    Keyed by the head (seq, hash) it was folded to: an entry is used only when the
    database's head is exactly that; behind it, it is brought forward from the
    rows after it; anything else (another process's log, a rebuilt database)
    folds the log again. Only states of committed logs are stored.
    """

    def __init__(self, size: int = CACHED_MEETINGS) -> None:
        self._states: OrderedDict[str, LiveState] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size
        self.refolds = 0
        """How many times a whole log was folded (tests check the cache is used)."""
        self.folded = 0
        """How many events were folded, in all (tests count the ones under a write lock)."""

    def get(self, session: Session, meeting_id: str, head: tuple[int, str]) -> LiveState:
        with self._lock:
            cached = self._states.get(meeting_id)
        if cached is not None and (cached.head_seq, cached.head_hash) == head:
            return cached
        if cached is not None and cached.head_seq < head[0]:
            try:
                return self._fold(meeting_id, _all_after(session, meeting_id, cached.head_seq),
                                  cached)  # fmt: skip
            except chain.ChainBroken:
                pass  # not our log's past: fold it whole
        self.refolds += 1
        return self._fold(meeting_id, _all_after(session, meeting_id, 0))

    def _fold(
        self, meeting_id: str, events: list[LiveEvent], state: LiveState | None = None
    ) -> LiveState:
        with self._lock:
            self.folded += len(events)
        return fold(meeting_id, events, state)

    def warm(self, db: Database, meeting_id: str, user_id: str) -> None:
        """Fold a meeting this process holds no state of from a read snapshot, before
        its first write transaction: that transaction then folds only the rows
        committed since, instead of the whole log while it holds the write lock
        (SQLite's only one) — a long log after a restart froze every writer."""
        with self._lock:
            if meeting_id in self._states:
                return  # the usual case: nothing read, the write brings it forward
        with db.read() as session:
            if access(session, meeting_id, user_id) is None:
                return  # no entry for a meeting the sender cannot write to (the 404 comes later)
            state = self.get(session, meeting_id, head_of(session, meeting_id))
        with self._lock:
            if meeting_id not in self._states:  # a committed write may have put one meanwhile
                self._states[meeting_id] = state
                while len(self._states) > self._size:
                    self._states.popitem(last=False)

    def put(self, state: LiveState) -> None:
        with self._lock:
            self._states[state.meeting_id] = state
            self._states.move_to_end(state.meeting_id)
            while len(self._states) > self._size:
                self._states.popitem(last=False)


def _all_after(session: Session, meeting_id: str, after: int) -> list[LiveEvent]:
    events: list[LiveEvent] = []
    while True:
        page = events_after(session, meeting_id, after, 1000)
        events += page
        if len(page) < 1000:
            return events
        after = page[-1].seq


# --- commands --------------------------------------------------------------------------------

OP_ID_REUSED = "op_id_reused"
"""A refusal of the server's own: the op_id names this user's command in another meeting."""
Outcome = pl.LiveCommandResult


class NotParticipant(Exception):
    """The meeting does not exist or the sender does not take part in it (a 404)."""


def _lock_meeting(session: Session, meeting_id: str) -> Meeting | None:
    # PostgreSQL: the row lock orders the meeting's appends. SQLite: the
    # transaction already holds the database's write lock (BEGIN IMMEDIATE).
    return session.scalars(
        select(Meeting).where(Meeting.id == meeting_id).with_for_update()
    ).first()


def roster_of(session: Session, meeting_id: str) -> dict[str, Role]:
    """Every participant's role (a role this version does not know is left out)."""
    rows = session.execute(
        select(Participant.user_id, Participant.role).where(Participant.meeting_id == meeting_id)
    )
    return {user: role for user, text in rows if (role := role_of(text)) is not None}


class Authority:
    """Decides this server's live commands and ballots: one per write transaction,
    exactly once."""

    def __init__(
        self, db: Database, committed: Callable[[str], None], keys: AuthorityKeys | None = None
    ) -> None:
        self.db = db
        self.cache = StateCache()
        self.committed = committed
        """Wakes this process's subscribers of a meeting (called after each commit)."""
        self.keys = keys or AuthorityKeys(db)
        self.clock = CLOCK
        """The time events are stamped with (tests give one of their own)."""
        self.folded_under_lock = 0
        """Events folded inside write transactions (a test checks a restart folds few)."""
        self.rounds_moved: Callable[[], None] = lambda: None
        """Wakes this process's closer (a round entered or moved its closing period)."""
        self._seen: dict[tuple[str, str], int] = {}

    def run(
        self, who: Principal, meeting_id: str, *, op_id: str | None, command: Command
    ) -> pl.LiveCommandResult:
        """:meth:`append` in its own transaction; after the commit the state is
        cached and this process's subscribers are woken. ``op_id`` None: the
        authority's own command (the closer's), no outcome stored."""
        if command.kind == CommandKind.POLL_CLOSE:
            self.keys.get()  # loaded before the write transaction (it may write the key)
        self.cache.warm(self.db, meeting_id, who.user_id)
        try:
            with self.db.write() as session:
                outcome, state, moved = self.append(session, who, meeting_id, op_id=op_id,
                                                    command=command)  # fmt: skip
        except DbIntegrityError:
            # The same op_id raced in for another meeting (another meeting's lock):
            # it is stored now, so a second attempt answers with that outcome.
            with self.db.write() as session:
                outcome, state, moved = self.append(session, who, meeting_id, op_id=op_id,
                                                    command=command)  # fmt: skip
        if state is not None:
            self.cache.put(state)
        if outcome.seqs:
            self.committed(meeting_id)
        if moved:
            self.rounds_moved()
        return outcome

    def append(
        self,
        session: Session,
        who: Principal,
        meeting_id: str,
        *,
        op_id: str | None,
        command: Command,
    ) -> tuple[Outcome, LiveState | None, bool]:
        """Decide one command in ``session`` (a write transaction). The new state
        is returned for the cache, to be stored once the transaction has committed,
        and whether a round's closing period moved."""
        meeting = _lock_meeting(session, meeting_id)
        if meeting is None:
            raise NotParticipant
        seen = access(session, meeting_id, who.user_id)
        if seen is None:
            raise NotParticipant
        if op_id is not None:
            stored = session.get(CommandRow, (who.user_id, op_id))
            if stored is not None:
                if stored.meeting_id != meeting_id or stored.kind != COMMAND:
                    return Outcome(pl.REFUSED, OP_ID_REUSED, ()), None, False
                kept = Outcome.parse(json.loads(stored.outcome))
                return Outcome(p.DUPLICATE, kept.reason, kept.seqs), None, False
        state = self._locked_state(session, meeting_id)
        new_state: LiveState | None = None
        moved = False
        try:
            check_meeting_open(meeting.status)
            context = self._context(session, meeting, command, state)
            new_state, events = execute(state, who.user_id, seen.role, command,
                                        self.clock.now(state.head_at), **context)  # fmt: skip
        except Refused as r:
            outcome = Outcome(pl.REFUSED, r.reason, ())
        else:
            self._append_events(session, meeting_id, events)
            if any(e.kind in POLL_EVENTS for e in events):
                closes = command.kind == CommandKind.POLL_CLOSE
                moved = votes.project(session, meeting_id, events, new_state,
                                      self.keys.get() if closes else None)  # fmt: skip
            outcome = Outcome(p.APPLIED, None, tuple(e.seq for e in events))
        if op_id is not None:
            row = CommandRow(user_id=who.user_id, op_id=op_id, meeting_id=meeting_id,
                             outcome=_canonical(outcome.to_json()), kind=COMMAND)  # fmt: skip
            session.add(row)
            votes.touch(session, meeting_id, [who.user_id], now_ms())
        return outcome, new_state, moved

    def _locked_state(self, session: Session, meeting_id: str) -> LiveState:
        """The meeting's state inside a write transaction (warmed before it began)."""
        before = self.cache.folded
        state = self.cache.get(session, meeting_id, head_of(session, meeting_id))
        self.folded_under_lock += self.cache.folded - before
        return state

    def _context(
        self, session: Session, meeting: Meeting, command: Command, state: LiveState
    ) -> dict[str, Any]:
        """What the rules read beside the log: the roster always; for poll commands
        and delegations the body's rules; for poll commands and agenda.current
        the agenda; for poll commands the recorded delegations; for a close the
        round's stored ballots."""
        ctx: dict[str, Any] = {"roster": roster_of(session, meeting.id)}
        if command.kind == CommandKind.DELEGATE:
            ctx["body"] = votes.body_settings(session, meeting)
            return ctx
        if command.kind == CommandKind.AGENDA_CURRENT:
            ctx["items"] = votes.agenda_items(session, meeting.id)  # the item must be one of them
            return ctx
        if not command.kind.startswith("poll."):
            return ctx  # the speakers' and attendance rules need no more (no extra reads)
        ctx["body"] = body = votes.body_settings(session, meeting)
        ctx["items"] = votes.agenda_items(session, meeting.id)
        # Delegations recorded while the body enabled them are left unused once it
        # switches delegation off (the snapshot would refuse them, and with them the round).
        ctx["delegations"] = state.delegations if body.vote_delegation else {}
        if command.kind == CommandKind.POLL_CLOSE:
            poll, number = command.args.get("poll"), command.args.get("round")
            if isinstance(poll, str) and isinstance(number, int) and not isinstance(number, bool):
                ctx["bulletin"] = votes.stored_bulletin(session, meeting.id, poll, number)
            else:
                ctx["bulletin"] = Bulletin("", 1)  # the rules refuse the arguments first
        return ctx

    def _append_events(
        self, session: Session, meeting_id: str, events: Sequence[LiveEvent]
    ) -> None:
        for e in events:
            session.add(EventRow(meeting_id=meeting_id, seq=e.seq, kind=e.kind,
                                 actor=e.actor, at=e.at, data=_canonical(e.data),
                                 prev_hash=e.prev_hash, hash=e.hash))  # fmt: skip
        if events and session.get_bind().dialect.name == "postgresql":
            # Delivered to every listening process when this transaction commits.
            session.execute(select(func.pg_notify(NOTIFY_CHANNEL, meeting_id)))

    # --- ballots -----------------------------------------------------------------------------

    def ballot(
        self, who: Principal, meeting_id: str, request: pl.BallotRequest
    ) -> pl.BallotReceipt:
        """Decide one ballot in its own transaction (docs/server-votes.md)."""
        self.cache.warm(self.db, meeting_id, who.user_id)
        try:
            with self.db.write() as session:
                receipt, state = self.cast(session, who, meeting_id, request)
        except DbIntegrityError:
            # A ballot id raced in through another meeting's lock (ids are unique
            # server-wide): stored now, so a second attempt answers from it.
            with self.db.write() as session:
                receipt, state = self.cast(session, who, meeting_id, request)
        if state is not None:
            self.cache.put(state)
            self.committed(meeting_id)
        return receipt

    def cast(
        self, session: Session, who: Principal, meeting_id: str, request: pl.BallotRequest
    ) -> tuple[pl.BallotReceipt, LiveState | None]:
        """Decide one ballot in ``session`` under the meeting's lock: the stored
        receipt of a resend; else the meeting's status, the signature against the
        sender's registered certificate, the domain's decision; store the receipt,
        the ``ballot.cast`` event and the ballot, all or nothing."""
        meeting = _lock_meeting(session, meeting_id)
        if meeting is None:
            raise NotParticipant
        seen = access(session, meeting_id, who.user_id)
        if seen is None:
            raise NotParticipant
        submission = votes.submission_of(request)
        record = signed_record(submission)
        row = session.get(CommandRow, (who.user_id, request.ballot_id))
        stored = None
        if row is not None:
            if row.kind != BALLOT or row.meeting_id != meeting_id:
                # This op id names a command, or a ballot of another meeting: the first stays.
                return self._answer(record, ReceiptStatus.REFUSED, BALLOT_ID_REUSED), None
            stored = votes.stored_receipt(row.outcome)
        state = self._locked_state(session, meeting_id)
        now = self.clock.now(state.head_at)
        if stored is None:
            votes.touch(session, meeting_id, [who.user_id], now)
            try:
                check_meeting_open(meeting.status)
                if votes.ballot_id_taken(session, request.ballot_id):
                    raise Refused(BALLOT_ID_REUSED)  # another sender's counted ballot has it
            except Refused as r:
                receipt = self._answer(record, ReceiptStatus.REFUSED, r.reason)
                self._store_receipt(session, who, meeting_id, request.ballot_id, receipt)
                return receipt, None
        signature = SignatureCheck.VALID  # a stored answer is answered before any check
        taken = False
        if stored is None:
            registered = votes.certificate_of(session, who.user_id)
            signature = cms.check_detached(request.signature_bytes(), record.signed_bytes(),
                                           registered)  # fmt: skip
            if isinstance(submission, SecretSubmission):
                taken = votes.receipt_taken(session, meeting_id, submission.ballot)
        outcome = execute_ballot(state, who.user_id, seen.role, submission, now,
                                 signature=signature, stored=stored,
                                 receipt_taken=taken)  # fmt: skip
        self._append_events(session, meeting_id, outcome.events)
        if outcome.stored_ballot is not None and outcome.events:
            votes.store_ballot(session, meeting_id, sender=who.user_id,
                               seq=outcome.events[-1].seq, signature=request.signature,
                               ballot=outcome.stored_ballot,
                               participation=outcome.participation)  # fmt: skip
        receipt = pl.BallotReceipt.parse(votes.receipt_json(outcome.receipt))
        if outcome.store:
            self._store_receipt(session, who, meeting_id, request.ballot_id, receipt)
        return receipt, (outcome.state if outcome.events else None)

    @staticmethod
    def _answer(
        record: NamedBallot | Participation, status: ReceiptStatus, reason: str
    ) -> pl.BallotReceipt:
        return pl.BallotReceipt(record.ballot_id, record.poll, record.round,
                                status.value,
                                reason, record.signed_hash, None, None)  # fmt: skip

    @staticmethod
    def _store_receipt(
        session: Session, who: Principal, meeting_id: str, ballot_id: str,
        receipt: pl.BallotReceipt,
    ) -> None:  # fmt: skip
        session.add(CommandRow(user_id=who.user_id, op_id=ballot_id, meeting_id=meeting_id,
                               outcome=_canonical(receipt.to_json()), kind=BALLOT))  # fmt: skip

    # --- the closer's work -------------------------------------------------------------------

    def close_due(self, meeting_id: str) -> int:
        """Close every round of the meeting whose closing period has ended, as a
        ``poll.close`` of whoever started the closing (or, if they no longer
        hold the role, of the first chair or secretary). Returns how many closed."""
        with self.db.read() as session:
            state = self.cache.get(session, meeting_id, head_of(session, meeting_id))
            roster = roster_of(session, meeting_id)
        closed = 0
        for poll, number, by in due_closes(state, self.clock.now(state.head_at)):
            actor = (
                by
                if may(roster.get(by, ""), CommandKind.POLL_CLOSE)
                else next(
                    (u for u, r in sorted(roster.items()) if may(r, CommandKind.POLL_CLOSE)), None
                )
            )
            if actor is None:
                log.warning("live: nobody in meeting %s may close a vote", meeting_id)
                continue
            command = Command(CommandKind.POLL_CLOSE, {"poll": poll, "round": number})
            try:
                outcome = self.run(Principal(actor, AUTHORITY_DEVICE), meeting_id, op_id=None,
                                   command=command)  # fmt: skip
            except NotParticipant:
                continue  # left the meeting meanwhile: the next pass picks another
            if outcome.seqs:
                closed += 1
        return closed


def _canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
