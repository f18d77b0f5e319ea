"""Polls (biểu quyết), their rounds and results, as the live state holds them.

Records only: ``state`` folds the poll events into them, ``votes`` decides
the poll commands and ballots, ``tally`` counts and builds the Merkle tree.
The contract is docs/live-meetings.md, "Votes".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

from hanoi_desk.domain.live.quorum import Base, Entitlement, Threshold


class PollKind(StrEnum):
    NAMED = "named"
    """Công khai: each ballot names its member and is signed with their token."""
    SECRET = "secret"  # noqa: S105 (the poll's kind, no password)
    """Kín: the token signs the participation; the ballot carries only a receipt hash."""


class RoundStatus(StrEnum):
    OPEN = "open"
    CLOSING = "closing"
    """The grace period: ballots still count until the close event."""
    CLOSED = "closed"


class PollStatus(StrEnum):
    """A poll's status as screens show it (its latest round's, or these)."""

    DRAFT = "draft"
    """Created, no round opened yet."""
    OPEN = "open"
    CLOSING = "closing"
    CLOSED = "closed"
    """The latest round is closed and its result is in the log; a new round may open."""
    PUBLISHED = "published"
    """The chair announced the latest round's result: final, no further round."""


DEFAULT_GRACE_MS: Final = 10_000
"""The closing period when the chair names none (10 s)."""
MAX_GRACE_MS: Final = 600_000
"""The longest closing period or extension one command sets (10 min)."""
MAX_TITLE: Final = 500
"""A resolution's title is long: “Nghị quyết về việc phê duyệt chủ trương đầu tư …”."""
MAX_LABEL: Final = 100
MAX_OPTIONS: Final = 10
MAX_BALLOT_TEXT: Final = 1000
"""The text of an “other opinion” ballot (characters after NFC and trimming)."""
MAX_VOTERS: Final = 1000
"""A round's snapshot lists every member: 1000 of them fit an event's data."""


@dataclass(frozen=True)
class Option:
    label: str
    """The words the delegate sees and chooses (the meeting's language)."""
    text: bool = False
    """Whether a ballot for this option carries a text (Ý kiến khác)."""


DEFAULT_OPTIONS: Final = (
    Option("Đồng ý"),
    Option("Không đồng ý"),
    Option("Ý kiến khác", text=True),
)
"""Agree, disagree, another opinion (with its text). The first option is always
the one that carries the motion: ``passes`` counts its ballots."""


@dataclass(frozen=True)
class Tally:
    """A round's result, published in its close event and recomputed by anyone
    from the bulletin (``tally.recount``)."""

    counts: tuple[int, ...]
    """Ballots per option, in the poll's option order."""
    cast: int
    """Every ballot counted (the sum of ``counts``)."""
    base_count: int
    """What the share is a share of (the poll's base over the round's snapshot)."""
    needed: int
    """The smallest number of first-option ballots that carries the motion."""
    passed: bool
    root: str
    """RFC 9162 Merkle tree hash over the round's ballots in bulletin order (hex)."""
    participation_root: str | None = None
    """Secret polls: the same over the signed participation records; else None."""

    def to_data(self) -> dict[str, Any]:
        return {
            "counts": list(self.counts),
            "cast": self.cast,
            "base_count": self.base_count,
            "needed": self.needed,
            "passed": self.passed,
            "root": self.root,
            "participation_root": self.participation_root,
        }


def _frozen(voted: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(voted))


@dataclass(frozen=True)
class Round:
    number: int
    """1, 2, 3… per poll: a re-vote is a new round, nothing is deleted."""
    open_seq: int
    open_hash: str
    """The hash of the ``poll.opened`` event: the round's anchor, named by every
    ballot (through the chain it commits to the poll's options and the snapshot)."""
    opened_at: int
    entitlement: Entitlement
    """Who may vote, taken when the round opened (``quorum.snapshot``)."""
    status: RoundStatus = RoundStatus.OPEN
    until: int | None = None
    """While closing: when the grace period ends (authority clock, ms)."""
    closing_by: str | None = None
    """Who started the closing; the authority closes the round in their name."""
    voted: Mapping[str, str] = field(default_factory=lambda: _frozen({}))
    """Member -> receipt hash of the ballot counted for them."""
    result: Tally | None = None
    closed_seq: int | None = None
    closed_hash: str | None = None

    @property
    def accepts_ballots(self) -> bool:
        return self.status is not RoundStatus.CLOSED

    @property
    def cast(self) -> int:
        return len(self.voted)

    @property
    def not_voted(self) -> frozenset[str]:
        """Members whose ballot can still be cast (present or represented, not counted yet)."""
        return self.entitlement.ballots - frozenset(self.voted)


@dataclass(frozen=True)
class Poll:
    id: str
    """Made by the chair's client, so a queued ``poll.create`` sent twice is one poll."""
    item: str
    """The agenda item the poll belongs to."""
    title: str
    kind: PollKind
    options: tuple[Option, ...]
    base: Base
    threshold: Threshold
    created_seq: int
    rounds: tuple[Round, ...] = ()
    published_round: int | None = None

    @property
    def current(self) -> Round | None:
        """The latest round (the only one that may be open), if any."""
        return self.rounds[-1] if self.rounds else None

    def round(self, number: int) -> Round | None:
        if 1 <= number <= len(self.rounds):
            return self.rounds[number - 1]
        return None

    @property
    def status(self) -> PollStatus:
        if self.published_round is not None:
            return PollStatus.PUBLISHED
        current = self.current
        if current is None:
            return PollStatus.DRAFT
        return PollStatus(current.status.value)
