"""Ballots, participations and receipts, and the canonical bytes a token signs.

What is signed is RFC 8785 canonical JSON (``jcs.canonical_json``) of exactly
the fields below, so any verifier rebuilds the same bytes from the bulletin:

- a named ballot: ``{meeting, poll, round, round_open_hash, ballot_id, member,
  choice, text}``, signed by the voter's token (detached CMS);
- a secret ballot's participation: ``{meeting, poll, round, round_open_hash,
  ballot_id, member}``, signed by the voter's token; the ballot itself,
  ``{poll, round, choice, text, receipt_hash}``, is not signed and names nobody:
  ``receipt_hash = sha256(secret)`` of 32 random bytes the voter's profile keeps.

``choice`` is the option's index (0 = the first option, the one that carries
the motion); ``text`` is the option's text or ``""``. ``round_open_hash`` is
the hash of the round's ``poll.opened`` event: through the hash chain it fixes
the poll's title, options and the round's snapshot, so a signature cannot be
moved to another round or another log. The contract is docs/live-meetings.md,
"Votes".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from hanoi_desk.domain.live.jcs import canonical_json

SECRET_BYTES: Final = 32
"""A secret ballot's secret: 32 random bytes (``secrets.token_bytes(32)``)."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def secret_receipt(secret: bytes) -> str:
    """The receipt hash a secret ballot carries: sha256 of the voter's secret."""
    if not isinstance(secret, bytes) or len(secret) != SECRET_BYTES:
        raise ValueError(f"a ballot secret is {SECRET_BYTES} random bytes")
    return sha256_hex(secret)


@dataclass(frozen=True)
class NamedBallot:
    """A named (công khai) ballot: what the voter's token signs, and a Merkle leaf."""

    meeting: str
    poll: str
    round: int
    round_open_hash: str
    ballot_id: str
    """Made by the client (a UUID): a resend of this ballot gets the stored receipt."""
    member: str
    """The member whose ballot this is: the voter, or a member whose vote they hold."""
    choice: int
    text: str = ""

    def fields(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "poll": self.poll,
            "round": self.round,
            "round_open_hash": self.round_open_hash,
            "ballot_id": self.ballot_id,
            "member": self.member,
            "choice": self.choice,
            "text": self.text,
        }

    def signed_bytes(self) -> bytes:
        """What the token signs (and the ballot's Merkle leaf)."""
        return canonical_json(self.fields())

    @property
    def signed_hash(self) -> str:
        """sha256 of :meth:`signed_bytes`: the ballot's receipt hash once counted."""
        return sha256_hex(self.signed_bytes())


@dataclass(frozen=True)
class Participation:
    """A secret poll's signed record that a member took part (no choice in it)."""

    meeting: str
    poll: str
    round: int
    round_open_hash: str
    ballot_id: str
    member: str

    def fields(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "poll": self.poll,
            "round": self.round,
            "round_open_hash": self.round_open_hash,
            "ballot_id": self.ballot_id,
            "member": self.member,
        }

    def signed_bytes(self) -> bytes:
        return canonical_json(self.fields())

    @property
    def signed_hash(self) -> str:
        return sha256_hex(self.signed_bytes())


@dataclass(frozen=True)
class SecretBallot:
    """A secret (kín) ballot: the choice and a receipt hash, nobody's name."""

    poll: str
    round: int
    choice: int
    text: str
    receipt_hash: str
    """sha256 of the voter's secret (:func:`secret_receipt`): how the voter finds
    their ballot in the bulletin; unique in its round."""

    def fields(self) -> dict[str, Any]:
        return {
            "poll": self.poll,
            "round": self.round,
            "choice": self.choice,
            "text": self.text,
            "receipt_hash": self.receipt_hash,
        }

    def leaf_bytes(self) -> bytes:
        """The ballot's Merkle leaf."""
        return canonical_json(self.fields())


@dataclass(frozen=True)
class SecretSubmission:
    """What a voter sends for a secret poll: the signed participation and the
    ballot, in one request (the authority stores them apart, unlinked)."""

    participation: Participation
    ballot: SecretBallot


Submission = NamedBallot | SecretSubmission


def signed_record(submission: Submission) -> NamedBallot | Participation:
    """The record the voter's token signed for ``submission``."""
    return submission if isinstance(submission, NamedBallot) else submission.participation


class ReceiptStatus(StrEnum):
    COUNTED = "counted"
    """Counted now (its ``ballot.cast`` event is ``seq``)."""
    DUPLICATE = "duplicate"
    """This ballot id was counted before: the stored receipt, repeated."""
    REFUSED = "refused"
    """Not a valid ballot (``reason``); a resend gets the same answer."""
    NOT_COUNTED = "not_counted"
    """Valid, but it arrived after its round closed (``reason``): permanent."""


COUNTED_STATUSES: Final = frozenset({ReceiptStatus.COUNTED, ReceiptStatus.DUPLICATE})


@dataclass(frozen=True)
class Receipt:
    """The authority's answer to a ballot, stored under (voter, ballot id)."""

    ballot_id: str
    poll: str
    round: int
    status: ReceiptStatus
    reason: str | None
    """Why it was refused or not counted (``checks``' reasons); None when counted."""
    signed_hash: str
    """sha256 of what the voter signed under this ballot id (the named ballot or
    the participation): a resend is recognised by it."""
    receipt_hash: str | None
    """The member's counted ballot in this round, as the sha256 of what was
    signed for it: this ballot's ``signed_hash`` when counted (or duplicate);
    the *other* ballot's when refused ``already_voted`` (the client recognises
    its own vote); None otherwise."""
    seq: int | None = None
    """The ``ballot.cast`` event that counted it (counted and duplicate)."""

    @property
    def counted(self) -> bool:
        return self.status in COUNTED_STATUSES
