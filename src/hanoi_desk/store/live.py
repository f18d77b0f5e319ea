"""Live meetings in the encrypted cache: the meeting's event log, its folded
state, the clock offset, and the live outbox (docs/live-meetings.md).

The log is the authority's hash chain as received. Nothing is stored that does
not chain: :meth:`LiveStore.append` checks every new event against the head
it holds (``domain.live.chain``) and folds it into the state
(``domain.live.state``) in the same transaction, so the state, the head and the
events always agree, and a forged, reordered or skipped event leaves the cache
as it was. The store decides nothing about the meeting itself: every rule is in
``domain.live``.

The live outbox is a table of its own, not the main ``outbox``: a check-in must
not wait behind a note, a comment or a 2 MB signature upload. Each command is
sent once by ``op_id``; its state moves ``queued → sending → applied | refused``
(a lost answer leaves it ``sending`` and it is sent again with the same id).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hanoi_desk.domain.live import state as live_state
from hanoi_desk.domain.live.chain import GENESIS
from hanoi_desk.domain.live.state import BadLiveData, LiveEvent, LiveState
from hanoi_desk.errors import IntegrityError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.cache import Cache, now

FORKED = N_(
    "Live event {seq} of meeting {meeting} differs from the one this computer holds: the "
    "server's log and this one have parted."
)
UNKNOWN_MEETING = N_(
    "No meeting “{meeting}” in this profile. Sync first (`hanoi-desk sync`); "
    "`hanoi-desk live status` takes a meeting id from the synced list."
)
AMBIGUOUS_MEETING = N_("“{meeting}” matches several meetings: {candidates}. Type more of the id.")
UNKNOWN_COMMAND = N_("No live command {op} in this profile.")
UNKNOWN_BALLOT = N_("No ballot {ballot} in this profile.")

BALLOT_KIND = "ballot"
"""The live outbox kind of a ballot: not a live command (it goes to the ballots
endpoint), but it travels on the same lane, in the same order, by the same rule."""


class CommandState(StrEnum):
    """Where a queued live command stands."""

    QUEUED = "queued"
    """Written here, not yet sent (offline, or waiting its turn)."""
    SENDING = "sending"
    """Sent at least once, answer not recorded: it goes again with the same op id."""
    APPLIED = "applied"
    """The authority applied it (or had applied it before: a duplicate)."""
    REFUSED = "refused"
    """The authority refused it for good; ``reason`` says why."""


PENDING = (CommandState.QUEUED, CommandState.SENDING)


class BallotState(StrEnum):
    """Where one of my ballots stands (docs/live-votes.md)."""

    QUEUED = "queued"
    """Signed and written here, not sent yet."""
    SENT = "sent"
    """Sent at least once, no answer recorded: it goes again with the same ballot id."""
    COUNTED = "counted"
    """The authority counted it (now, or before: a duplicate of a lost answer)."""
    NOT_COUNTED = "not_counted"
    """Valid, but it reached the authority after its round closed: permanent."""
    REFUSED = "refused"
    """Refused for good (``reason``); a resend would get the same answer."""


@dataclass(frozen=True)
class StoredBallot:
    """One of my ballots, as signed and sent, with the authority's answer."""

    ballot_id: str
    meeting_id: str
    poll: str
    round: int
    kind: str
    """``named`` or ``secret``."""
    member: str
    """Whose ballot it is (mine, or a member whose vote I hold)."""
    choice: int
    text: str
    request: Mapping[str, Any]
    """The ballot request as sent (records and the detached signature)."""
    signed_hash: str
    """sha256 of the bytes the token signed (named ballot or participation)."""
    receipt_hash: str
    """How I find my ballot in the bulletin: ``signed_hash`` (named), sha256 of
    the secret (secret)."""
    state: BallotState
    reason: str | None
    counted_receipt: str | None
    """The authority's receipt hash: this ballot's when counted; the other
    ballot's when refused ``already_voted``."""
    event_seq: int | None
    attempts: int
    created_at: str
    secret: bytes | None = field(default=None, repr=False)
    """The secret poll's 32 random bytes: only in this encrypted file, never in
    a repr, a log line or an exception."""


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


@dataclass(frozen=True)
class LiveCommand:
    """One entry of the live outbox."""

    seq: int
    op_id: str
    meeting_id: str
    kind: str
    args: Mapping[str, Any]
    state: CommandState
    reason: str | None
    attempts: int
    seqs: tuple[int, ...]
    """The authority's event numbers the command produced (empty: it changed nothing)."""
    created_at: str


@dataclass(frozen=True)
class Clock:
    offset_ms: int
    """Authority's clock minus this computer's, at the last measurement."""
    rtt_ms: int | None
    """Round trip of the measurement (None: a heartbeat, one way)."""
    measured_at: str


@dataclass(frozen=True)
class LiveMeeting:
    """What the cache knows of one meeting's live side."""

    meeting_id: str
    title: str
    state: LiveState
    head: Head
    role: str
    """The role the authority last said this user holds ('' before the first contact)."""
    authority: str
    clock: Clock | None


@dataclass(frozen=True)
class Person:
    """A participant of the meeting, from the synced pack."""

    user_id: str
    display_name: str
    role: str


class LogForked(IntegrityError):
    """The authority's event at a number this cache holds differs from ours."""

    template = FORKED

    def __init__(self, seq: int, meeting: str) -> None:
        super().__init__(FORKED, seq=seq, meeting=meeting)
        self.seq = seq


def _command(row: Sequence[Any]) -> LiveCommand:
    return LiveCommand(
        seq=int(row[0]),
        op_id=str(row[1]),
        meeting_id=str(row[2]),
        kind=str(row[3]),
        args=json.loads(row[4]),
        state=CommandState(row[5]),
        reason=row[6],
        attempts=int(row[7]),
        seqs=tuple(int(s) for s in json.loads(row[8])),
        created_at=str(row[9]),
    )


_COMMAND_COLUMNS = "seq, op_id, meeting_id, kind, args, state, reason, attempts, seqs, created_at"

_BALLOT_COLUMNS = (
    "b.ballot_id, b.meeting_id, b.poll, b.round, b.kind, b.member, b.choice, b.text, "
    "b.request, b.signed_hash, b.receipt_hash, b.status, b.reason, b.counted_receipt, "
    "b.event_seq, o.attempts, b.created_at, b.secret, o.state"
)
_RECEIPT_STATES = {
    "counted": BallotState.COUNTED,
    "duplicate": BallotState.COUNTED,
    "not_counted": BallotState.NOT_COUNTED,
    "refused": BallotState.REFUSED,
}


def _ballot(row: Sequence[Any]) -> StoredBallot:
    status, outbox = row[11], row[18]
    if status is not None:
        state = BallotState(status)
    elif outbox == CommandState.QUEUED:
        state = BallotState.QUEUED
    elif outbox == CommandState.SENDING:
        state = BallotState.SENT
    else:  # answered without a receipt (an HTTP refusal recorded as the outbox's)
        state = BallotState.REFUSED
    return StoredBallot(
        ballot_id=str(row[0]),
        meeting_id=str(row[1]),
        poll=str(row[2]),
        round=int(row[3]),
        kind=str(row[4]),
        member=str(row[5]),
        choice=int(row[6]),
        text=str(row[7]),
        request=json.loads(row[8]),
        signed_hash=str(row[9]),
        receipt_hash=str(row[10]),
        state=state,
        reason=row[12],
        counted_receipt=row[13],
        event_seq=None if row[14] is None else int(row[14]),
        attempts=int(row[15]),
        created_at=str(row[16]),
        secret=None if row[17] is None else bytes(row[17]),
    )


_EVENT_COLUMNS = "seq, kind, actor, at, data, hash"


class LiveStore:
    """The live side of one profile's cache, on the connection of ``cache``
    (used on the thread that opened it, like every repository)."""

    def __init__(self, cache: Cache) -> None:
        self._cache = cache
        self._conn = cache._conn  # a repository of the store: it shares the cache's connection

    # -- meetings and people (from the synced pack) ----------------------------

    def resolve_meeting(self, text: str) -> tuple[str, str]:
        """(id, title) of the meeting named by its id or a unique prefix of it."""
        rows = self._conn.execute(
            "SELECT id, title FROM meetings WHERE id = ? OR substr(id, 1, length(?)) = ? "
            "ORDER BY id = ? DESC, id LIMIT 6",
            (text, text, text, text),
        ).fetchall()
        if not rows or not text:
            raise UserError(UNKNOWN_MEETING, meeting=text)
        if rows[0][0] == text or len(rows) == 1:
            return str(rows[0][0]), str(rows[0][1])
        names = ", ".join(str(r[0]) for r in rows[:5]) + (", …" if len(rows) > 5 else "")
        raise UserError(AMBIGUOUS_MEETING, meeting=text, candidates=names)

    def people(self, meeting_id: str) -> list[Person]:
        rows = self._conn.execute(
            "SELECT user_id, display_name, role FROM participants WHERE meeting_id = ? "
            "ORDER BY display_name, user_id",
            (meeting_id,),
        ).fetchall()
        return [Person(str(r[0]), str(r[1]), str(r[2])) for r in rows]

    def user_id(self, server: str) -> str | None:
        """This profile's user on ``server`` (known after its first sign-in)."""
        row = self._conn.execute(
            "SELECT user_id FROM sync_accounts WHERE server = ?", (server,)
        ).fetchone()
        return str(row[0]) if row and row[0] else None

    def live_meeting_ids(self) -> list[str]:
        """Meetings this profile has followed live (caught up at least once),
        the latest contact first."""
        rows = self._conn.execute(
            "SELECT meeting_id FROM live_meetings ORDER BY updated_at DESC, meeting_id"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def synced_meeting_ids(self) -> list[str]:
        """Every meeting of the synced packs, the latest first."""
        rows = self._conn.execute("SELECT id FROM meetings ORDER BY starts_at DESC, id").fetchall()
        return [str(r[0]) for r in rows]

    def servers(self) -> list[str]:
        return [str(r[0]) for r in self._conn.execute("SELECT server FROM sync_accounts")]

    # -- the log and the folded state ------------------------------------------

    def meeting(self, meeting_id: str) -> LiveMeeting:
        """The live side of a known meeting (an empty state before any event)."""
        found = self._conn.execute(
            "SELECT m.title, l.state, l.head_seq, l.head_hash, l.role, l.authority, "
            "l.clock_offset_ms, l.clock_rtt_ms, l.clock_measured_at "
            "FROM meetings m LEFT JOIN live_meetings l ON l.meeting_id = m.id WHERE m.id = ?",
            (meeting_id,),
        ).fetchone()
        if found is None:
            raise UserError(UNKNOWN_MEETING, meeting=meeting_id)
        title, state, seq, head_hash, role, authority, offset, rtt, measured = found
        clock = None if offset is None else Clock(int(offset), rtt, str(measured))
        return LiveMeeting(
            meeting_id=meeting_id,
            title=str(title),
            state=self._state(meeting_id, state),
            head=Head(int(seq or 0), str(head_hash or GENESIS)),
            role=str(role or ""),
            authority=str(authority or ""),
            clock=clock,
        )

    def head(self, meeting_id: str) -> Head:
        row = self._conn.execute(
            "SELECT head_seq, head_hash FROM live_meetings WHERE meeting_id = ?", (meeting_id,)
        ).fetchone()
        return Head(int(row[0]), str(row[1])) if row else Head(0, GENESIS)

    def hash_at(self, meeting_id: str, seq: int) -> str | None:
        """Our hash of event ``seq`` (the zero hash for 0), None when not held."""
        if seq == 0:
            return GENESIS
        row = self._conn.execute(
            "SELECT hash FROM live_events WHERE meeting_id = ? AND seq = ?", (meeting_id, seq)
        ).fetchone()
        return str(row[0]) if row else None

    def events(self, meeting_id: str, after: int = 0) -> list[LiveEvent]:
        """The stored events after ``after``, each with its predecessor's hash
        (the log is held whole from seq 1, so every predecessor is here)."""
        rows = self._conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM live_events WHERE meeting_id = ? AND seq > ? "  # noqa: S608 - constant columns
            "ORDER BY seq",
            (meeting_id, after),
        ).fetchall()
        prev = self.hash_at(meeting_id, after) or GENESIS
        out: list[LiveEvent] = []
        for seq, kind, actor, at, data, digest in rows:
            out.append(
                LiveEvent(
                    int(seq), meeting_id, kind, actor, int(at), json.loads(data), prev, digest
                )
            )
            prev = str(digest)
        return out

    def append(self, meeting_id: str, events: Sequence[LiveEvent]) -> Head:
        """Fold ``events`` into the stored state and store them, in one transaction.

        Events at or below the head that we already hold (the stream and a
        catch-up overlap) are skipped; one that differs from ours raises
        :class:`LogForked`. The rest go through ``domain.live.state.fold``,
        which checks that each chains onto the one before (seq, predecessor,
        hash, meeting): a forged, reordered or missing event raises
        ``ChainBroken`` and nothing of the page is stored."""
        with self._cache.transaction() as c:
            state = self._locked_state(c, meeting_id)
            fresh: list[LiveEvent] = []
            for event in events:
                if event.seq <= state.head_seq and not fresh:
                    if self.hash_at(meeting_id, event.seq) != event.hash:
                        raise LogForked(event.seq, meeting_id)
                    continue
                fresh.append(event)
            if not fresh:
                return Head(state.head_seq, state.head_hash)
            state = live_state.fold(meeting_id, fresh, state)
            c.executemany(
                f"INSERT INTO live_events ({_EVENT_COLUMNS}, meeting_id) "  # noqa: S608 - constant columns
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        e.seq,
                        e.kind,
                        e.actor,
                        e.at,
                        json.dumps(e.data, ensure_ascii=False, sort_keys=True),
                        e.hash,
                        meeting_id,
                    )
                    for e in fresh
                ],
            )
            self._save_state(c, meeting_id, state)
            return Head(state.head_seq, state.head_hash)

    def rewind(self, meeting_id: str, seq: int) -> Head:
        """Drop every event after ``seq`` (the last one the authority and this
        cache agree on) and fold the state again from the events kept. An
        audit line records it: the room's history as shown here changed."""
        with self._cache.transaction() as c:
            c.execute("DELETE FROM live_events WHERE meeting_id = ? AND seq > ?", (meeting_id, seq))
            state = live_state.fold(meeting_id, self.events(meeting_id))
            self._save_state(c, meeting_id, state)
            Cache._audit(c, "live-rewind", meeting_id, f"after {seq}")
            return Head(state.head_seq, state.head_hash)

    def _locked_state(self, c: Any, meeting_id: str) -> LiveState:
        """The folded state, read inside the caller's write transaction (so two
        connections appending at once serialise: the second sees the first's head)."""
        row = c.execute(
            "SELECT state FROM live_meetings WHERE meeting_id = ?", (meeting_id,)
        ).fetchone()
        return self._state(meeting_id, row[0] if row else None)

    def _state(self, meeting_id: str, stored: str | None) -> LiveState:
        if not stored:
            return LiveState(meeting_id)
        try:
            return live_state.from_json(json.loads(stored))
        except (BadLiveData, ValueError):
            # Another format (an older or newer release wrote it): the events are
            # the truth, fold them again.
            return live_state.fold(meeting_id, self.events(meeting_id))

    def _save_state(self, c: Any, meeting_id: str, state: LiveState) -> None:
        self._ensure(c, meeting_id)
        c.execute(
            "UPDATE live_meetings SET state = ?, head_seq = ?, head_hash = ?, updated_at = ? "
            "WHERE meeting_id = ?",
            (
                json.dumps(live_state.to_json(state), ensure_ascii=False, sort_keys=True),
                state.head_seq,
                state.head_hash,
                now(),
                meeting_id,
            ),
        )

    def record_contact(self, meeting_id: str, *, role: str, authority: str) -> None:
        """What the authority said of this user and meeting at the last contact."""
        with self._cache.transaction() as c:
            self._ensure(c, meeting_id)
            c.execute(
                "UPDATE live_meetings SET role = ?, authority = ?, updated_at = ? "
                "WHERE meeting_id = ?",
                (role, authority, now(), meeting_id),
            )

    def record_clock(self, meeting_id: str, offset_ms: int, rtt_ms: int | None) -> None:
        with self._cache.transaction() as c:
            self._ensure(c, meeting_id)
            c.execute(
                "UPDATE live_meetings SET clock_offset_ms = ?, clock_rtt_ms = ?, "
                "clock_measured_at = ? WHERE meeting_id = ?",
                (offset_ms, rtt_ms, now(), meeting_id),
            )

    def _ensure(self, c: Any, meeting_id: str) -> None:
        c.execute(
            "INSERT OR IGNORE INTO live_meetings (meeting_id, state, head_seq, head_hash, "
            "updated_at) VALUES (?, ?, 0, ?, ?)",
            (
                meeting_id,
                json.dumps(live_state.to_json(LiveState(meeting_id)), sort_keys=True),
                GENESIS,
                now(),
            ),
        )

    # -- the live outbox -------------------------------------------------------

    def enqueue(self, meeting_id: str, kind: str, args: Mapping[str, Any]) -> LiveCommand:
        return self.enqueue_many(meeting_id, [(kind, args)])[0]

    def enqueue_many(
        self, meeting_id: str, steps: Sequence[tuple[str, Mapping[str, Any]]]
    ) -> list[LiveCommand]:
        """Queue (kind, args) commands in this order, in one transaction: one
        action's commands are all queued or none is."""
        op_ids = [uuid.uuid4().hex for _ in steps]
        with self._cache.transaction() as c:
            for op_id, (kind, args) in zip(op_ids, steps, strict=True):
                self._insert_command(c, op_id, meeting_id, kind, args)
        return [self.command(op_id) for op_id in op_ids]

    @staticmethod
    def _insert_command(
        c: Any, op_id: str, meeting_id: str, kind: str, args: Mapping[str, Any]
    ) -> None:
        stamp = now()
        c.execute(
            "INSERT INTO live_outbox (op_id, meeting_id, kind, args, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                op_id,
                meeting_id,
                kind,
                json.dumps(dict(args), ensure_ascii=False, sort_keys=True),
                stamp,
                stamp,
            ),
        )

    def command(self, op_id: str) -> LiveCommand:
        row = self._conn.execute(
            f"SELECT {_COMMAND_COLUMNS} FROM live_outbox WHERE op_id = ?",  # noqa: S608 - constant columns
            (op_id,),
        ).fetchone()
        if row is None:
            raise UserError(UNKNOWN_COMMAND, op=op_id[:8])
        return _command(row)

    def commands(
        self, meeting_id: str | None = None, states: Iterable[CommandState] = tuple(CommandState)
    ) -> list[LiveCommand]:
        wanted = [str(s) for s in states]
        marks = ",".join("?" * len(wanted))
        where = f"state IN ({marks})" + ("" if meeting_id is None else " AND meeting_id = ?")
        params: list[Any] = [*wanted] + ([] if meeting_id is None else [meeting_id])
        rows = self._conn.execute(
            f"SELECT {_COMMAND_COLUMNS} FROM live_outbox WHERE {where} ORDER BY seq",  # noqa: S608 - placeholders only
            params,
        ).fetchall()
        return [_command(r) for r in rows]

    def pending(self, meeting_id: str | None = None) -> list[LiveCommand]:
        """Commands still to send, oldest first (the authority orders them as they arrive)."""
        return self.commands(meeting_id, PENDING)

    def mark_sending(self, op_id: str) -> None:
        """Before the request goes out: a crash after it leaves the command to be
        sent again with the same op id, which the authority answers as a duplicate."""
        with self._cache.transaction() as c:
            c.execute(
                "UPDATE live_outbox SET state = 'sending', attempts = attempts + 1, "
                "updated_at = ? WHERE op_id = ? AND state IN ('queued', 'sending')",
                (now(), op_id),
            )

    def record_outcome(
        self, op_id: str, state: str, reason: str | None, seqs: Sequence[int]
    ) -> LiveCommand:
        """The authority's answer, stored once: a later answer to the same op id
        (a duplicate) does not overwrite the first."""
        with self._cache.transaction() as c:
            c.execute(
                "UPDATE live_outbox SET state = ?, reason = ?, seqs = ?, updated_at = ? "
                "WHERE op_id = ? AND state IN ('queued', 'sending')",
                (str(CommandState(state)), reason, json.dumps(list(seqs)), now(), op_id),
            )
            changed = c.execute("SELECT changes()").fetchone()[0]
            if changed and state == CommandState.REFUSED:
                Cache._audit(c, "live-refused", op_id, reason or "")
                # A ballot refused by HTTP (403, 404, 400) has no receipt: the refusal
                # is its answer, stored once like a receipt.
                c.execute(
                    "UPDATE live_ballots SET status = 'refused', reason = ?, answered_at = ? "
                    "WHERE ballot_id = ? AND status IS NULL",
                    (reason, now(), op_id),
                )
        return self.command(op_id)

    # -- my ballots ------------------------------------------------------------

    def queue_ballot(
        self,
        *,
        meeting_id: str,
        ballot_id: str,
        poll: str,
        round: int,
        kind: str,
        member: str,
        choice: int,
        text: str,
        request: Mapping[str, Any],
        signed_hash: str,
        receipt_hash: str,
        secret: bytes | None = None,
    ) -> StoredBallot:
        """The signed ballot and its live outbox entry, in one transaction: a
        ballot is never signed and lost, nor queued without its record."""
        stamp = now()
        with self._cache.transaction() as c:
            self._insert_command(
                c, ballot_id, meeting_id, BALLOT_KIND, {"poll": poll, "round": round}
            )
            c.execute(
                "INSERT INTO live_ballots (ballot_id, meeting_id, poll, round, kind, member, "
                "choice, text, request, signed_hash, secret, receipt_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ballot_id,
                    meeting_id,
                    poll,
                    round,
                    kind,
                    member,
                    choice,
                    text,
                    json.dumps(dict(request), ensure_ascii=False, sort_keys=True),
                    signed_hash,
                    secret,
                    receipt_hash,
                    stamp,
                ),
            )
        return self.ballot(ballot_id)

    def ballot(self, ballot_id: str) -> StoredBallot:
        row = self._conn.execute(
            f"SELECT {_BALLOT_COLUMNS} FROM live_ballots b "  # noqa: S608 - constant columns
            "JOIN live_outbox o ON o.op_id = b.ballot_id WHERE b.ballot_id = ?",
            (ballot_id,),
        ).fetchone()
        if row is None:
            raise UserError(UNKNOWN_BALLOT, ballot=ballot_id[:8])
        return _ballot(row)

    def ballots(
        self, meeting_id: str | None = None, poll: str | None = None, round: int | None = None
    ) -> list[StoredBallot]:
        """My ballots, oldest first (of a meeting, a poll, a round)."""
        where, params = [], []
        for column, value in (("b.meeting_id", meeting_id), ("b.poll", poll), ("b.round", round)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self._conn.execute(
            f"SELECT {_BALLOT_COLUMNS} FROM live_ballots b "  # noqa: S608 - placeholders only
            f"JOIN live_outbox o ON o.op_id = b.ballot_id {clause} ORDER BY o.seq",
            params,
        ).fetchall()
        return [_ballot(r) for r in rows]

    def ballot_request(self, op_id: str) -> Mapping[str, Any] | None:
        """The request to send for a live outbox entry that is a ballot, else None."""
        row = self._conn.execute(
            "SELECT request FROM live_ballots WHERE ballot_id = ?", (op_id,)
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def record_receipt(
        self,
        ballot_id: str,
        *,
        status: str,
        reason: str | None,
        receipt_hash: str | None,
        seq: int | None,
    ) -> StoredBallot:
        """The authority's receipt, stored once (a later answer to the same ballot
        id, a duplicate, changes nothing), with the outbox entry it answers:
        counted → applied; refused or not counted → refused with the reason."""
        state = _RECEIPT_STATES[status]
        with self._cache.transaction() as c:
            c.execute(
                "UPDATE live_ballots SET status = ?, reason = ?, counted_receipt = ?, "
                "event_seq = ?, answered_at = ? WHERE ballot_id = ? AND status IS NULL",
                (str(state), reason, receipt_hash, seq, now(), ballot_id),
            )
            first = c.execute("SELECT changes()").fetchone()[0]
            outbox = CommandState.APPLIED if state is BallotState.COUNTED else CommandState.REFUSED
            c.execute(
                "UPDATE live_outbox SET state = ?, reason = ?, seqs = ?, updated_at = ? "
                "WHERE op_id = ? AND state IN ('queued', 'sending')",
                (str(outbox), reason, json.dumps([] if seq is None else [seq]), now(), ballot_id),
            )
            if first and state is not BallotState.COUNTED:
                Cache._audit(c, "ballot-" + state.value.replace("_", "-"), ballot_id, reason or "")
        return self.ballot(ballot_id)
