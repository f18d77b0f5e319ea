"""What the authority keeps beside the live log for votes (docs/server-votes.md).

The rules are ``domain.live.votes`` and ``domain.live.tally``; this module
stores what they return and reads it back: the rounds (for the closer and the
close signatures), the counted ballots (named with their signatures;
participations and secret ballots in two tables that nothing links), the
bulletin and inclusion proofs built from them, the members' certificates, and
when each member's laptop last spoke to the live side.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from hanoi_desk.domain.live.ballots import (
    NamedBallot,
    Participation,
    Receipt,
    ReceiptStatus,
    SecretBallot,
    SecretSubmission,
    Submission,
)
from hanoi_desk.domain.live.polls import PollKind
from hanoi_desk.domain.live.quorum import BodySettings
from hanoi_desk.domain.live.state import EventKind, LiveEvent, LiveState
from hanoi_desk.domain.live.tally import Bulletin, inclusion_proof
from hanoi_desk.protocol import live as pl
from hanoi_desk.server.authority_key import SigningKey
from hanoi_desk.server.models import (
    AgendaItem,
    LivePresence,
    LiveRound,
    Meeting,
    MemberCertificate,
    NamedBallotRow,
    Organisation,
    ParticipationRow,
    SecretBallotRow,
)

OPEN, CLOSING, CLOSED = "open", "closing", "closed"
SILENT_AFTER_MS = 15_000
"""A laptop that has sent no request and held no stream for this long is
"silent" on the chair's screen: three of the default heartbeats missed."""
PRESENCE_WRITE_MS = 5_000
"""A member's presence is written at most this often per process from reads."""


# --- the wire and the domain -----------------------------------------------------------------


def submission_of(req: pl.BallotRequest) -> Submission:
    if req.participation is None:
        return NamedBallot(**req.ballot.fields())
    return SecretSubmission(Participation(**req.participation.fields()),
                            SecretBallot(**req.ballot.fields()))  # fmt: skip


def receipt_json(r: Receipt) -> dict[str, Any]:
    return pl.BallotReceipt(r.ballot_id, r.poll, r.round, r.status.value,
                            r.reason, r.signed_hash, r.receipt_hash, r.seq).to_json()  # fmt: skip


def stored_receipt(outcome: str) -> Receipt:
    w = pl.BallotReceipt.parse(json.loads(outcome))
    return Receipt(w.ballot_id, w.poll, w.round, ReceiptStatus(w.status), w.reason,
                   w.signed_hash, w.receipt_hash, w.seq)  # fmt: skip


# --- the body's rules and the meeting --------------------------------------------------------


def body_settings(session: Session, meeting: Meeting) -> BodySettings:
    """The body's rules from its organisation row (quorum, base and threshold
    keep the People's Council defaults of ``BodySettings``)."""
    org = session.get(Organisation, meeting.organisation_id)
    if org is None:
        return BodySettings()
    return BodySettings(substitute_may_vote=bool(org.substitute_may_vote),
                        vote_delegation=bool(org.vote_delegation))  # fmt: skip


def agenda_items(session: Session, meeting_id: str) -> set[str]:
    return set(session.scalars(select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)))


def certificate_of(session: Session, user_id: str) -> bytes | None:
    row = session.get(MemberCertificate, user_id)
    return None if row is None else bytes(row.der)


# --- storing a counted ballot ----------------------------------------------------------------


def store_ballot(
    session: Session,
    meeting_id: str,
    *,
    sender: str,
    seq: int,
    signature: str,
    ballot: NamedBallot | SecretBallot,
    participation: Participation | None,
) -> None:
    """Store a counted ballot. A secret one goes in two rows that share nothing
    but the round: the participation (who, signed) and the ballot (what), the
    latter under a random key with no time, seq, sender or ballot id."""
    if isinstance(ballot, NamedBallot):
        session.add(NamedBallotRow(
            meeting_id=meeting_id, poll_id=ballot.poll, round=ballot.round, member=ballot.member,
            ballot_id=ballot.ballot_id, sender=sender, round_open_hash=ballot.round_open_hash,
            choice=ballot.choice, text=ballot.text, signature=signature,
            signed_hash=ballot.signed_hash, seq=seq,
        ))  # fmt: skip
        return
    assert participation is not None
    session.add(ParticipationRow(
        meeting_id=meeting_id, poll_id=participation.poll, round=participation.round,
        member=participation.member, ballot_id=participation.ballot_id, sender=sender,
        round_open_hash=participation.round_open_hash, signature=signature,
        signed_hash=participation.signed_hash, seq=seq,
    ))  # fmt: skip
    session.add(SecretBallotRow(
        id=secrets.token_hex(16), meeting_id=meeting_id, poll_id=ballot.poll, round=ballot.round,
        choice=ballot.choice, text=ballot.text, receipt_hash=ballot.receipt_hash,
    ))  # fmt: skip


def ballot_id_taken(session: Session, ballot_id: str) -> bool:
    """Whether a counted ballot (of anyone) already has this id (unique server-wide)."""
    for table in (NamedBallotRow, ParticipationRow):
        if session.scalars(select(table.seq).where(table.ballot_id == ballot_id)).first():
            return True
    return False


def receipt_taken(session: Session, meeting_id: str, ballot: SecretBallot) -> bool:
    found = session.scalars(
        select(SecretBallotRow.id).where(
            SecretBallotRow.meeting_id == meeting_id,
            SecretBallotRow.poll_id == ballot.poll,
            SecretBallotRow.round == ballot.round,
            SecretBallotRow.receipt_hash == ballot.receipt_hash,
        )
    ).first()
    return found is not None


# --- the bulletin ----------------------------------------------------------------------------


def _round_rows(session: Session, table: Any, meeting_id: str, poll: str, number: int) -> Any:
    return session.scalars(
        select(table).where(
            table.meeting_id == meeting_id, table.poll_id == poll, table.round == number
        )
    )


def stored_bulletin(session: Session, meeting_id: str, poll: str, number: int) -> Bulletin:
    """The round's stored ballots in bulletin order (what the close counts)."""
    named = [
        NamedBallot(
            meeting_id,
            r.poll_id,
            r.round,
            r.round_open_hash,
            r.ballot_id,
            r.member,
            r.choice,
            r.text,
        )
        for r in _round_rows(session, NamedBallotRow, meeting_id, poll, number)
    ]
    parts = [
        Participation(meeting_id, r.poll_id, r.round, r.round_open_hash, r.ballot_id, r.member)
        for r in _round_rows(session, ParticipationRow, meeting_id, poll, number)
    ]
    secret = [
        SecretBallot(r.poll_id, r.round, r.choice, r.text, r.receipt_hash)
        for r in _round_rows(session, SecretBallotRow, meeting_id, poll, number)
    ]
    return Bulletin.ordered(poll, number, named=named, secret=secret, participations=parts)


def bulletin_record(
    session: Session, state: LiveState, meeting_id: str, poll_id: str, number: int
) -> pl.BulletinRecord | None:
    """The published bulletin of a closed round; None if there is no such closed round."""
    poll = state.poll(poll_id)
    rnd = None if poll is None else poll.round(number)
    row = session.get(LiveRound, (meeting_id, poll_id, number))
    if poll is None or rnd is None or rnd.closed_seq is None or rnd.closed_hash is None:
        return None
    bulletin = stored_bulletin(session, meeting_id, poll_id, number)
    named_sigs = {
        r.member: r.signature
        for r in _round_rows(session, NamedBallotRow, meeting_id, poll_id, number)
    }
    part_sigs = {
        r.member: r.signature
        for r in _round_rows(session, ParticipationRow, meeting_id, poll_id, number)
    }
    named = tuple(pl.SignedNamedBallot(pl.NamedBallotRecord(**b.fields()), named_sigs[b.member])
                  for b in bulletin.named)  # fmt: skip
    secret = tuple(pl.SecretBallotRecord(**b.fields()) for b in bulletin.secret)
    parts = tuple(
        pl.SignedParticipation(pl.ParticipationRecord(**p.fields()), part_sigs[p.member])
        for p in bulletin.participations
    )
    signature = None
    if row is not None and row.close_signature and row.key_id:
        signature = pl.CloseSignature(row.key_id, row.close_signature)
    assert rnd.result is not None
    return pl.BulletinRecord(
        meeting_id, poll_id, number,
        pl.SECRET if poll.kind is PollKind.SECRET else pl.NAMED,
        rnd.open_hash, named, secret, parts, rnd.result.root, rnd.result.participation_root,
        pl.LiveHead(rnd.closed_seq, rnd.closed_hash), signature,
    )  # fmt: skip


def proof_of(record: pl.BulletinRecord, receipt: str) -> pl.InclusionProof | None:
    """The audit path of the ballot whose receipt is ``receipt`` (named: the
    ballot's signed hash; secret: the receipt hash it carries)."""
    if record.kind == pl.NAMED:
        leaves = [NamedBallot(**b.ballot.fields()).signed_bytes() for b in record.named]
        hashes = [hashlib.sha256(leaf).hexdigest() for leaf in leaves]
    else:
        leaves = [SecretBallot(**b.fields()).leaf_bytes() for b in record.secret]
        hashes = [b.receipt_hash for b in record.secret]
    if receipt not in hashes:
        return None
    index = hashes.index(receipt)
    return pl.InclusionProof(index, len(leaves), inclusion_proof(leaves, index), record.root)


# --- rounds beside the log -------------------------------------------------------------------


def project(
    session: Session,
    meeting_id: str,
    events: Sequence[LiveEvent],
    state: LiveState,
    key: SigningKey | None,
) -> bool:
    """Keep ``live_rounds`` in step with the poll events just appended; sign each
    close event with the authority key. True when a round started or moved its
    closing period (the closer should look again)."""
    moved = False
    for e in events:
        if e.kind not in _ROUND_EVENTS:
            continue
        key_ = (meeting_id, str(e.data["poll"]), int(e.data["round"]))
        if e.kind == EventKind.POLL_OPENED:
            poll = state.poll(key_[1])
            kind = PollKind.NAMED if poll is None else poll.kind
            session.add(LiveRound(meeting_id=meeting_id, poll_id=key_[1], round=key_[2],
                                  kind=kind.value, open_seq=e.seq, status=OPEN))  # fmt: skip
            continue
        row = session.get(LiveRound, key_)
        if row is None:
            continue  # a round opened before this table existed: nothing to keep
        if e.kind in (EventKind.POLL_CLOSING, EventKind.POLL_EXTENDED):
            row.status, row.until = CLOSING, int(e.data["until"])
            moved = True
        elif e.kind == EventKind.POLL_CLOSED:
            row.status, row.until, row.closed_seq, row.close_hash = CLOSED, None, e.seq, e.hash
            if key is not None:
                row.close_signature, row.key_id = key.sign_close(e.hash), key.key_id
    return moved


_ROUND_EVENTS = frozenset(
    {EventKind.POLL_OPENED, EventKind.POLL_CLOSING, EventKind.POLL_EXTENDED, EventKind.POLL_CLOSED}
)


def closing_rounds(session: Session) -> list[tuple[str, int]]:
    """(meeting, until) of every round in its closing period, on every meeting."""
    rows = session.execute(
        select(LiveRound.meeting_id, LiveRound.until).where(LiveRound.status == CLOSING)
    )
    return [(str(m), int(u or 0)) for m, u in rows]


# --- presence and the chair's watch ----------------------------------------------------------


def touch(session: Session, meeting_id: str, users: Iterable[str], now_ms: int) -> None:
    """Record that these members' laptops spoke to the meeting's live side now."""
    rows = [{"meeting_id": meeting_id, "user_id": u, "last_seen": now_ms} for u in set(users)]
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(LivePresence).values(rows)
    stmt = stmt.on_conflict_do_update(
        index_elements=["meeting_id", "user_id"], set_={"last_seen": stmt.excluded.last_seen}
    )
    session.execute(stmt)


def watch(
    session: Session, state: LiveState, meeting_id: str, now_ms: int
) -> pl.VotingWatch | None:
    """Who has not voted in the round taking ballots, and whose laptops are silent."""
    voting = state.voting
    if voting is None:
        return None
    poll, rnd = voting
    missing = sorted(rnd.not_voted)
    seen = dict(
        session.execute(
            select(LivePresence.user_id, LivePresence.last_seen).where(
                LivePresence.meeting_id == meeting_id
            )
        ).all()
    )
    delegations = rnd.entitlement.delegations
    silent = [m for m in missing
              if now_ms - int(seen.get(delegations.get(m, m), 0)) > SILENT_AFTER_MS]  # fmt: skip
    return pl.VotingWatch(poll.id, rnd.number, tuple(missing), tuple(silent), SILENT_AFTER_MS)


def now_ms() -> int:
    return time.time_ns() // 1_000_000
