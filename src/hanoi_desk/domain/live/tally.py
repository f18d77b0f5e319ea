"""Counting a round, the RFC 9162 Merkle tree over its ballots, and the
recount anyone can do from the published bulletin.

The authority counts with :func:`count` when it closes a round and publishes
the :class:`~hanoi_desk.domain.live.polls.Tally` (counts, pass or fail, the
Merkle root) in the close event. A client fetches the bulletin, runs
:func:`recount` (which checks the bulletin against the log: one ballot per
counted member, the same receipts, the stated order) and compares with the
published tally (:func:`verify`), then checks its own ballot's inclusion
proof (:func:`inclusion_proof`, :func:`verify_inclusion`).

Bulletin order (the order of the tree's leaves):
- named polls: ballots sorted by member id;
- secret polls: ballots sorted by receipt hash. Receipt hashes are hashes of
  random secrets, so this order is a deterministic shuffle that owes nothing
  to who voted or when; participations are sorted by member id.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from hanoi_desk.domain.live.ballots import NamedBallot, Participation, SecretBallot
from hanoi_desk.domain.live.polls import Poll, PollKind, Round, Tally
from hanoi_desk.domain.live.quorum import base_count, needed, passes
from hanoi_desk.errors import IntegrityError
from hanoi_desk.i18n import N_

__all__ = [
    "Bulletin",
    "Tally",
    "TallyMismatch",
    "count",
    "inclusion_proof",
    "leaf_hash",
    "merkle_root",
    "node_hash",
    "recount",
    "verify",
    "verify_inclusion",
]

TALLY_MISMATCH = N_("The vote's published result does not add up: {problem}.")


class TallyMismatch(IntegrityError):
    """The ballots do not match the log or the published result. ``problem``
    names what differs, never a ballot."""

    template = TALLY_MISMATCH

    def __init__(self, problem: str) -> None:
        super().__init__(TALLY_MISMATCH, problem=problem)
        self.problem = problem


# --- RFC 9162 §2.1 Merkle tree ----------------------------------------------------------------


def leaf_hash(leaf: bytes) -> bytes:
    """HASH(0x00 ‖ leaf): a leaf can never pass for an inner node."""
    return hashlib.sha256(b"\x00" + leaf).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """HASH(0x01 ‖ left ‖ right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (n > 1): RFC 9162's k."""
    return 1 << ((n - 1).bit_length() - 1)


def _root(hashes: Sequence[bytes]) -> bytes:
    # Bottom up, in one pass per level: pair neighbours, carry an odd last node
    # up unchanged. That builds RFC 9162's left-heavy tree (k = the largest power
    # of two below n) without the recursion's repeated slicing; the tests check it
    # against the recursive definition for every size up to 64.
    level = list(hashes)
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])
        level = paired
    return level[0]


def merkle_root(leaves: Sequence[bytes]) -> str:
    """MTH over ``leaves`` in order (hex); the empty tree's is sha256 of nothing."""
    if not leaves:
        return hashlib.sha256(b"").hexdigest()
    return _root([leaf_hash(leaf) for leaf in leaves]).hex()


def _path(hashes: Sequence[bytes], index: int) -> list[bytes]:
    # RFC 9162 §2.1.3.1 PATH(m, D[n]), on leaf hashes.
    n = len(hashes)
    if n == 1:
        return []
    k = _split(n)
    if index < k:
        return [*_path(hashes[:k], index), _root(hashes[k:])]
    return [*_path(hashes[k:], index - k), _root(hashes[:k])]


def inclusion_proof(leaves: Sequence[bytes], index: int) -> tuple[str, ...]:
    """The audit path of leaf ``index`` (hex digests, nearest the leaf first)."""
    if not 0 <= index < len(leaves):
        raise ValueError("the leaf index lies outside the tree")
    return tuple(h.hex() for h in _path([leaf_hash(leaf) for leaf in leaves], index))


def verify_inclusion(leaf: bytes, index: int, size: int, proof: Sequence[str], root: str) -> bool:
    """Whether ``leaf`` is leaf ``index`` of the tree of ``size`` leaves with
    ``root``, by ``proof`` (RFC 9162 §2.1.3.2)."""
    if not 0 <= index < size:
        return False
    try:
        path = [bytes.fromhex(p) for p in proof]
        expected = bytes.fromhex(root)
    except (TypeError, ValueError):
        return False
    if any(len(p) != 32 for p in path) or len(expected) != 32:
        return False
    fn, sn, r = index, size - 1, leaf_hash(leaf)
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while not fn & 1 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == expected


# --- the bulletin ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bulletin:
    """A round's ballots as the authority publishes them after the close, in
    bulletin order (named: ``named``; secret: ``secret`` and ``participations``).
    The signatures travel beside it on the wire (protocol ``Bulletin``)."""

    poll: str
    round: int
    named: tuple[NamedBallot, ...] = ()
    secret: tuple[SecretBallot, ...] = ()
    participations: tuple[Participation, ...] = ()

    @classmethod
    def ordered(
        cls,
        poll: str,
        round: int,
        *,
        named: Sequence[NamedBallot] = (),
        secret: Sequence[SecretBallot] = (),
        participations: Sequence[Participation] = (),
    ) -> Bulletin:
        """The bulletin of these ballots in bulletin order (as the authority builds it)."""
        return cls(
            poll,
            round,
            tuple(sorted(named, key=lambda b: b.member)),
            tuple(sorted(secret, key=lambda b: b.receipt_hash)),
            tuple(sorted(participations, key=lambda p: p.member)),
        )

    def leaves(self) -> list[bytes]:
        """The tree's leaves: the canonical bytes of each ballot, in order."""
        if self.named:
            return [b.signed_bytes() for b in self.named]
        return [b.leaf_bytes() for b in self.secret]

    def participation_leaves(self) -> list[bytes]:
        return [p.signed_bytes() for p in self.participations]

    def index_of(self, receipt: str) -> int | None:
        """Where a voter's ballot is: by its ``signed_hash`` (named) or its
        secret's receipt hash (secret)."""
        for i, b in enumerate(self.named):
            if b.signed_hash == receipt:
                return i
        for i, s in enumerate(self.secret):
            if s.receipt_hash == receipt:
                return i
        return None


def _check_named(poll: Poll, rnd: Round, bulletin: Bulletin) -> Sequence[NamedBallot]:
    if bulletin.secret or bulletin.participations:
        raise TallyMismatch("a named vote's bulletin holds secret ballots")
    signed = {b.member: b.signed_hash for b in bulletin.named}
    if len(signed) != len(bulletin.named) or signed != dict(rnd.voted):
        raise TallyMismatch("the ballots are not the ones the meeting's record counted")
    if [b.member for b in bulletin.named] != sorted(signed):
        raise TallyMismatch("the ballots are not in bulletin order")
    return bulletin.named


def _check_secret(poll: Poll, rnd: Round, bulletin: Bulletin) -> Sequence[Participation]:
    if bulletin.named:
        raise TallyMismatch("a secret vote's bulletin holds named ballots")
    if len(bulletin.secret) != len(bulletin.participations):
        raise TallyMismatch("there are not as many ballots as participations")
    signed = {p.member: p.signed_hash for p in bulletin.participations}
    if len(signed) != len(bulletin.participations) or signed != dict(rnd.voted):
        raise TallyMismatch("the participations are not the ones the meeting's record counted")
    if [p.member for p in bulletin.participations] != sorted(signed):
        raise TallyMismatch("the participations are not in bulletin order")
    receipts = [b.receipt_hash for b in bulletin.secret]
    if receipts != sorted(set(receipts)):
        raise TallyMismatch("the ballots are not in bulletin order or share a receipt")
    if any((b.poll, b.round) != (poll.id, rnd.number) for b in bulletin.secret):
        raise TallyMismatch("a ballot is another round's")
    return bulletin.participations


def _check_bulletin(poll: Poll, rnd: Round, bulletin: Bulletin) -> None:
    """The bulletin holds exactly the ballots the log counted, in bulletin order."""
    if (bulletin.poll, bulletin.round) != (poll.id, rnd.number):
        raise TallyMismatch("the bulletin is another round's")
    named = poll.kind is PollKind.NAMED
    records = _check_named(poll, rnd, bulletin) if named else _check_secret(poll, rnd, bulletin)
    for r in records:
        if (r.poll, r.round, r.round_open_hash) != (poll.id, rnd.number, rnd.open_hash):
            raise TallyMismatch("a ballot names another round")


def count(poll: Poll, rnd: Round, bulletin: Bulletin) -> Tally:
    """The round's result from its ballots (the authority, at the close).

    The bulletin must hold exactly the ballots the log counted (one per
    ``ballot.cast`` event, with the same receipt) in bulletin order, else
    :class:`TallyMismatch`: the close never publishes a tally the log
    contradicts. Pass or fail is ``quorum.passes`` on the first option's
    ballots with the poll's base and threshold over the round's snapshot."""
    _check_bulletin(poll, rnd, bulletin)
    choices = [b.choice for b in bulletin.named] + [b.choice for b in bulletin.secret]
    counts = [0] * len(poll.options)
    for choice in choices:
        if isinstance(choice, bool) or not 0 <= choice < len(counts):
            raise TallyMismatch("a ballot chose no option of the vote")
        counts[choice] += 1
    cast = len(choices)
    e = rnd.entitlement
    secret = poll.kind is PollKind.SECRET
    return Tally(
        counts=tuple(counts),
        cast=cast,
        base_count=base_count(e, poll.base, cast),
        needed=needed(base_count(e, poll.base, cast), poll.threshold),
        passed=passes(counts[0], cast, e, poll.base, poll.threshold),
        root=merkle_root(bulletin.leaves()),
        participation_root=merkle_root(bulletin.participation_leaves()) if secret else None,
    )


def recount(poll: Poll, rnd: Round, bulletin: Bulletin) -> Tally:
    """Anyone's recount of a published bulletin: the same computation as the
    authority's :func:`count`, from the bulletin alone and the round's record."""
    return count(poll, rnd, bulletin)


def verify(poll: Poll, rnd: Round, bulletin: Bulletin) -> Tally:
    """Recount ``bulletin`` and compare with the result the close event
    published; :class:`TallyMismatch` naming what differs."""
    published = rnd.result
    if published is None:
        raise TallyMismatch("the round has no published result yet")
    mine = recount(poll, rnd, bulletin)
    if mine.root != published.root or mine.participation_root != published.participation_root:
        raise TallyMismatch("the Merkle root differs from the published one")
    if mine != published:
        raise TallyMismatch("the recount differs from the published result")
    return mine
