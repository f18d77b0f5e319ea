"""A meeting room that votes, for the pure tests of polls and ballots: the
authority's state and log (``live_rooms.Room``) plus what the server stores
beside the log (receipts under (voter, ballot id), named ballots, secret
ballots apart from participations), kept the way docs/live-meetings.md
("Votes") asks the server to keep them. Pure: no file, no process, no clock.
"""

from __future__ import annotations

import hashlib
from typing import Any

from hanoi_desk.domain.live import (
    BodySettings,
    Bulletin,
    Command,
    LiveEvent,
    NamedBallot,
    Participation,
    Receipt,
    Role,
    Round,
    SecretBallot,
    SecretSubmission,
    SignatureCheck,
    execute,
    execute_ballot,
    secret_receipt,
)
from live_rooms import Room

ITEMS = ("item-1", "item-2")


def council(members: int, *, guests: int = 1) -> dict[str, Role]:
    """A chair, a secretary, ``members - 2`` delegates, guests and an admin."""
    roster: dict[str, Role] = {"chair": Role.CHAIR, "sec": Role.SECRETARY}
    roster.update({f"d{i:03}": Role.DELEGATE for i in range(1, members - 1)})
    roster.update({f"guest{i}": Role.GUEST for i in range(guests)})
    roster["admin"] = Role.ADMIN
    return roster


class VoteRoom(Room):
    """The authority of one meeting that votes: decide, seal, fold, and store."""

    def __init__(
        self,
        meeting: str = "m-1",
        roster: dict[str, Role] | None = None,
        body: BodySettings | None = None,
    ) -> None:
        super().__init__(meeting, roster)
        self.body = body or BodySettings()
        self.receipts: dict[tuple[str, str], Receipt] = {}
        self.named: dict[tuple[str, int], list[NamedBallot]] = {}
        self.secret: dict[tuple[str, int], list[SecretBallot]] = {}
        self.participations: dict[tuple[str, int], list[Participation]] = {}

    def do(self, actor: str, kind: str, /, **args: Any) -> tuple[LiveEvent, ...]:
        bulletin = None
        if kind == "poll.close":
            bulletin = self.bulletin(str(args.get("poll")), int(args.get("round", 0)))
        self.state, events = execute(
            self.state,
            actor,
            self.roster[actor],
            Command(kind, args),
            self.now,
            roster=self.roster,
            body=self.body,
            items=ITEMS,
            bulletin=bulletin,
        )
        self.log.extend(events)
        return events

    # --- polls -------------------------------------------------------------------------------

    def checkin(self, *users: str) -> None:
        members = [u for u, r in self.roster.items() if r not in {Role.GUEST, Role.ADMIN}]
        for user in users or members:
            self.do(user, "attendance.checkin", state="present")

    def create(self, poll: str = "p-1", kind: str = "named", **more: Any) -> None:
        title = more.pop("title", "Nghị quyết về dự toán ngân sách năm 2027")
        self.do("chair", "poll.create", poll=poll, item="item-1", title=title, kind=kind, **more)

    def open(self, poll: str = "p-1") -> Round:
        p = self.state.poll(poll)
        assert p is not None
        self.do("chair", "poll.open", poll=poll, round=len(p.rounds) + 1)
        return self.round(poll)

    def round(self, poll: str = "p-1") -> Round:
        p = self.state.poll(poll)
        assert p is not None and p.current is not None
        return p.current

    def close(self, poll: str = "p-1", grace_ms: int = 0) -> tuple[LiveEvent, ...]:
        number = self.round(poll).number
        self.do("chair", "poll.closing", poll=poll, round=number, grace_ms=grace_ms)
        self.later(grace_ms)
        return self.do("chair", "poll.close", poll=poll, round=number)

    def bulletin(self, poll: str, number: int) -> Bulletin:
        key = (poll, number)
        return Bulletin.ordered(
            poll,
            number,
            named=self.named.get(key, []),
            secret=self.secret.get(key, []),
            participations=self.participations.get(key, []),
        )

    # --- ballots -----------------------------------------------------------------------------

    def named_ballot(
        self,
        member: str,
        choice: int,
        text: str = "",
        *,
        ballot_id: str | None = None,
        poll: str = "p-1",
        number: int | None = None,
        anchor: str | None = None,
    ) -> NamedBallot:
        r = self.round(poll)
        return NamedBallot(
            self.state.meeting_id,
            poll,
            number or r.number,
            anchor or r.open_hash,
            ballot_id or f"b-{member}-{len(self.receipts)}",
            member,
            choice,
            text,
        )

    def secret_submission(
        self,
        member: str,
        choice: int,
        text: str = "",
        *,
        ballot_id: str | None = None,
        poll: str = "p-1",
        secret: bytes | None = None,
    ) -> tuple[SecretSubmission, bytes]:
        r = self.round(poll)
        secret = secret or hashlib.sha256(f"{member}/{len(self.receipts)}".encode()).digest()
        bid = ballot_id or f"s-{member}-{len(self.receipts)}"
        participation = Participation(
            self.state.meeting_id, poll, r.number, r.open_hash, bid, member
        )
        ballot = SecretBallot(poll, r.number, choice, text, secret_receipt(secret))
        return SecretSubmission(participation, ballot), secret

    def cast(
        self,
        actor: str,
        submission: NamedBallot | SecretSubmission,
        signature: SignatureCheck = SignatureCheck.VALID,
    ) -> Receipt:
        """Send a ballot as the server handles it: look up the stored receipt
        and the receipt hash, decide, store what it says to store."""
        record = submission if isinstance(submission, NamedBallot) else submission.participation
        key = (actor, record.ballot_id)
        taken = isinstance(submission, SecretSubmission) and any(
            b.receipt_hash == submission.ballot.receipt_hash
            for b in self.secret.get((record.poll, record.round), [])
        )
        out = execute_ballot(
            self.state,
            actor,
            self.roster[actor],
            submission,
            self.now,
            signature=signature,
            stored=self.receipts.get(key),
            receipt_taken=taken,
        )
        self.state = out.state
        self.log.extend(out.events)
        if out.store:
            assert key not in self.receipts
            self.receipts[key] = out.receipt
        where = (record.poll, record.round)
        if isinstance(out.stored_ballot, NamedBallot):
            self.named.setdefault(where, []).append(out.stored_ballot)
        elif isinstance(out.stored_ballot, SecretBallot):
            assert out.participation is not None
            self.secret.setdefault(where, []).append(out.stored_ballot)
            self.participations.setdefault(where, []).append(out.participation)
        return out.receipt

    def vote(
        self, member: str, choice: int, text: str = "", *, actor: str | None = None
    ) -> Receipt:
        """``member`` (or ``actor`` for them) votes in the current round of p-1."""
        p = self.state.poll("p-1")
        assert p is not None
        if p.kind.value == "secret":
            submission, _ = self.secret_submission(member, choice, text)
            return self.cast(actor or member, submission)
        return self.cast(actor or member, self.named_ballot(member, choice, text))
