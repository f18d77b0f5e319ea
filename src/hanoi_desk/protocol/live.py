"""The live meeting's wire records (docs/protocol.md, "Live meetings" and "Votes").

Commands go up as ``POST /v1/meetings/{id}/live/commands``; events come down
as pages (``GET …/live/events``) and as Server-Sent Events (``GET …/live``)
with heartbeats. Ballots go up as :class:`BallotRequest` and are answered with
a :class:`BallotReceipt`; a closed round's ballots come down as a
:class:`BulletinRecord`, one ballot's place in it as an :class:`InclusionProof`.
Parsing is as strict as the rest of the protocol about types and bounds; what
the events and ballots *mean* is ``hanoi_desk.domain.live``'s business (an
event's fields here are exactly ``domain.live.LiveEvent``'s, so
``LiveEvent(**wire.fields())`` builds one; likewise ``NamedBallot``,
``Participation`` and ``SecretBallot`` from the ballot records' ``fields()``).
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from hanoi_desk.protocol.base import (
    APPLIED,
    DUPLICATE,
    ProtocolError,
    _ident,
    _int,
    _obj,
    _str,
    check_ident,
    check_sha256,
)

REFUSED: Final = "refused"
LiveCommandStatus = Literal["applied", "duplicate", "refused"]

MAX_LIVE_EVENTS_LIMIT: Final = 1000
DEFAULT_LIVE_EVENTS_LIMIT: Final = 500
MAX_LIVE_ARGS_CHARS: Final = 4096
"""A command's ``args`` as compact JSON: a few ids, a state, texts of at most
200 characters; ``poll.create``: a title of 500 and ten option labels of 100."""
MAX_LIVE_ARG_LIST: Final = 16
"""A command argument may be a list of at most this many strings (a poll's options)."""
MAX_LIVE_DATA_CHARS: Final = 262_144
"""An event's ``data`` as compact JSON (``poll.opened`` lists every member twice:
1000 members with ids of 128 characters fit)."""
MAX_LIVE_SEQS: Final = 64
"""Event seqs one command may answer with (today at most three: stop, called, speaking)."""
SSE_LIVE: Final = "live"
"""The SSE ``event:`` name of a live event (its ``id:`` is the seq)."""
SSE_HEARTBEAT: Final = "heartbeat"

MAX_MS: Final = 2**53 - 1
"""Times are milliseconds since the epoch; kept where every JSON reader is exact."""

_KIND = re.compile(r"[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31}){0,3}")
_REASON = re.compile(r"[a-z][a-z0-9_]{0,63}")
_ROLE = re.compile(r"[a-z][a-z0-9_]{0,31}")
_MAX_DEPTH = 8


def _kind(d: Mapping[str, Any], key: str, what: str) -> str:
    value = _str(d, key, what)
    if not _KIND.fullmatch(value):
        raise ProtocolError(what, f"“{key}” must be dotted lowercase words")
    return value


def _compact_size(value: object) -> int:
    return len(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def _json_value(value: object, what: str, key: str, depth: int = 0) -> None:
    """Only what the live log can hash: no floats (two writers may spell one
    float two ways), string keys, bounded nesting."""
    if depth > _MAX_DEPTH:
        raise ProtocolError(what, f"“{key}” is nested too deeply")
    if value is None or isinstance(value, bool | str):
        return
    if isinstance(value, int):
        if not -MAX_MS <= value <= MAX_MS:
            raise ProtocolError(what, f"“{key}” holds an integer out of range")
        return
    if isinstance(value, Mapping):
        for k, v in value.items():
            if not isinstance(k, str):
                raise ProtocolError(what, f"“{key}” has a key that is not a string")
            _json_value(v, what, key, depth + 1)
        return
    if isinstance(value, list):
        for v in value:
            _json_value(v, what, key, depth + 1)
        return
    raise ProtocolError(
        what, f"“{key}” holds a value other than text, integers, true/false or null"
    )


# --- commands --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveCommandRequest:
    op_id: str
    """The client's idempotency key (a UUID): the same op_id is applied once per user."""
    kind: str
    args: Mapping[str, Any]

    @classmethod
    def parse(cls, body: object) -> LiveCommandRequest:
        w = "live command"
        d = _obj(body, w)
        args = _obj(d.get("args"), w, "“args”")
        for key, value in args.items():
            if not isinstance(key, str):
                raise ProtocolError(w, "“args” has a key that is not a string")
            if isinstance(value, list):
                # One level of strings only (a poll's option labels).
                if len(value) > MAX_LIVE_ARG_LIST or not all(isinstance(v, str) for v in value):
                    raise ProtocolError(
                        w, f"a list in “args” holds at most {MAX_LIVE_ARG_LIST} strings"
                    )
            elif value is not None and not isinstance(value, bool | int | str):
                raise ProtocolError(
                    w, "“args” values must be text, integers, true/false, null or a list of text"
                )
            _json_value(value, w, "args")
        if _compact_size(args) > MAX_LIVE_ARGS_CHARS:
            raise ProtocolError(w, f"“args” is longer than {MAX_LIVE_ARGS_CHARS} characters")
        return cls(_ident(d, "op_id", w), _kind(d, "kind", w), dict(args))

    def to_json(self) -> dict[str, Any]:
        args = {k: list(v) if isinstance(v, list | tuple) else v for k, v in self.args.items()}
        return {"op_id": self.op_id, "kind": self.kind, "args": args}


@dataclass(frozen=True)
class LiveCommandResult:
    status: LiveCommandStatus
    """``applied`` now; ``duplicate``: this op_id was decided before, its stored
    outcome is repeated (``reason`` set if it was refused, else its ``seqs``);
    ``refused``: nothing changed, never retry the same command."""
    reason: str | None
    """Why it was refused (``domain.live.rules``' reasons, e.g. ``stale``)."""
    seqs: tuple[int, ...]
    """The events the command appended (none when it changed nothing)."""

    @classmethod
    def parse(cls, body: object) -> LiveCommandResult:
        w = "live command result"
        d = _obj(body, w)
        status = _str(d, "status", w)
        if status not in (APPLIED, DUPLICATE, REFUSED):
            raise ProtocolError(w, "“status” must be applied, duplicate or refused")
        reason = d.get("reason")
        if reason is not None and (not isinstance(reason, str) or not _REASON.fullmatch(reason)):
            raise ProtocolError(w, "“reason” must be a lowercase word")
        if (status == REFUSED) != (reason is not None) and status != DUPLICATE:
            raise ProtocolError(w, "a refusal, and only a refusal, gives a “reason”")
        items = d.get("seqs")
        if not isinstance(items, list) or len(items) > MAX_LIVE_SEQS:
            raise ProtocolError(w, f"“seqs” must be a list of at most {MAX_LIVE_SEQS}")
        seqs = tuple(_int({"seq": s}, "seq", w, low=1) for s in items)
        if list(seqs) != sorted(set(seqs)):
            raise ProtocolError(w, "“seqs” must be strictly increasing")
        if reason is not None and seqs:
            raise ProtocolError(w, "a refused command appended no event")
        return cls(status, reason, seqs)  # type: ignore[arg-type]

    def to_json(self) -> dict[str, Any]:
        return {"status": self.status, "reason": self.reason, "seqs": list(self.seqs)}


# --- events ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveEventWire:
    seq: int
    meeting_id: str
    kind: str
    actor: str
    at: int
    data: Mapping[str, Any]
    prev_hash: str
    hash: str

    @classmethod
    def parse(cls, body: object) -> LiveEventWire:
        w = "live event"
        d = _obj(body, w)
        data = _obj(d.get("data"), w, "“data”")
        _json_value(data, w, "data")
        if _compact_size(data) > MAX_LIVE_DATA_CHARS:
            raise ProtocolError(w, f"“data” is longer than {MAX_LIVE_DATA_CHARS} characters")
        return cls(
            _int(d, "seq", w, low=1),
            _ident(d, "meeting_id", w),
            _kind(d, "kind", w),
            _ident(d, "actor", w),
            _int(d, "at", w, high=MAX_MS),
            data,
            check_sha256(_str(d, "prev_hash", w), f"{w} “prev_hash”"),
            check_sha256(_str(d, "hash", w), f"{w} “hash”"),
        )

    def fields(self) -> dict[str, Any]:
        """The fields by name (those of ``domain.live.LiveEvent``)."""
        return {
            "seq": self.seq,
            "meeting_id": self.meeting_id,
            "kind": self.kind,
            "actor": self.actor,
            "at": self.at,
            "data": self.data,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    def to_json(self) -> dict[str, Any]:
        return {**self.fields(), "data": dict(self.data)}


@dataclass(frozen=True)
class LiveHead:
    seq: int
    """The last event's seq (0: no event yet)."""
    hash: str
    """The last event's hash (64 zeros when there is none)."""

    @classmethod
    def parse(cls, body: object, what: str = "live head") -> LiveHead:
        d = _obj(body, what)
        return cls(_int(d, "seq", what), check_sha256(_str(d, "hash", what), f"{what} “hash”"))

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.hash}


@dataclass(frozen=True)
class LiveEventsPage:
    events: tuple[LiveEventWire, ...]
    """Consecutive events after the requested seq (fewer than asked at the head)."""
    head: LiveHead
    now: int
    """The authority's clock when answering (ms), for the client's clock offset."""
    role: str
    """The caller's role in the meeting; a role this client does not know may do nothing."""
    authority: str
    """Who decides this meeting's commands (``central`` today)."""
    watch: VotingWatch | None = None
    """For the chair and the secretary while a round is open or closing: who has
    not voted and whose laptop is silent. Absent for everyone else."""

    @classmethod
    def parse(cls, body: object) -> LiveEventsPage:
        w = "live events page"
        d = _obj(body, w)
        items = d.get("events")
        if not isinstance(items, list):
            raise ProtocolError(w, "“events” must be a list")
        if len(items) > MAX_LIVE_EVENTS_LIMIT:
            raise ProtocolError(w, "more events than any limit allows")
        events = tuple(LiveEventWire.parse(i) for i in items)
        for before, after in itertools.pairwise(events):
            if after.seq != before.seq + 1:
                raise ProtocolError(w, "“events” must have consecutive seqs")
        head = LiveHead.parse(d.get("head"), w)
        if events and events[-1].seq > head.seq:
            raise ProtocolError(w, "an event lies past the “head”")
        role = _str(d, "role", w)
        if not _ROLE.fullmatch(role):
            raise ProtocolError(w, "“role” must be a lowercase word")
        watch = None if d.get("watch") is None else VotingWatch.parse(d.get("watch"))
        return cls(events, head, _int(d, "now", w, high=MAX_MS), role, _ident(d, "authority", w),
                   watch)  # fmt: skip

    def to_json(self) -> dict[str, Any]:
        return {
            "events": [e.to_json() for e in self.events],
            "head": self.head.to_json(),
            "now": self.now,
            "role": self.role,
            "authority": self.authority,
            **({} if self.watch is None else {"watch": self.watch.to_json()}),
        }


@dataclass(frozen=True)
class Heartbeat:
    """Sent on the stream every few seconds: the authority's time and head, so a
    client measures its clock offset and notices a gap or a fork."""

    now: int
    seq: int
    hash: str

    @classmethod
    def parse(cls, body: object) -> Heartbeat:
        w = "live heartbeat"
        d = _obj(body, w)
        return cls(
            _int(d, "now", w, high=MAX_MS),
            _int(d, "seq", w),
            check_sha256(_str(d, "hash", w), f"{w} “hash”"),
        )

    def to_json(self) -> dict[str, Any]:
        return {"now": self.now, "seq": self.seq, "hash": self.hash}


# --- votes (docs/protocol.md, "Votes"; docs/live-meetings.md, "Votes") ----------------------

NAMED: Final = "named"
SECRET: Final = "secret"  # noqa: S105 (a poll's kind, no password)
BallotKind = Literal["named", "secret"]
COUNTED: Final = "counted"
NOT_COUNTED: Final = "not_counted"
BallotStatus = Literal["counted", "duplicate", "refused", "not_counted"]
BALLOT_STATUSES: Final = frozenset({COUNTED, DUPLICATE, REFUSED, NOT_COUNTED})

MAX_SIGNATURE_CHARS: Final = 65_536
"""A detached CMS signature in base64, with the signer's certificate chain."""
MAX_BALLOT_TEXT_CHARS: Final = 4000
"""A ballot's text on the wire (the rules allow 1000 characters; this bounds the parse)."""
MAX_CHOICE: Final = 63
MAX_ROUND: Final = 2**31 - 1
MAX_BULLETIN: Final = 1000
"""Ballots of one round: one per member, and a round lists at most 1000 members."""
MAX_PROOF: Final = 64


def _exact_keys(d: Mapping[str, Any], keys: frozenset[str], what: str) -> None:
    # A signed record is rebuilt from exactly these fields: an extra one would be
    # sent but never signed, a missing one fails below. Unlike other records,
    # unknown keys are refused, not ignored.
    extra = set(d) - keys
    if extra:
        raise ProtocolError(what, "it has fields that are not signed")


def _text(d: Mapping[str, Any], key: str, what: str) -> str:
    value = _str(d, key, what, empty=True)
    if len(value) > MAX_BALLOT_TEXT_CHARS:
        raise ProtocolError(what, f"“{key}” is longer than {MAX_BALLOT_TEXT_CHARS} characters")
    return value


def _b64(d: Mapping[str, Any], key: str, what: str) -> str:
    value = _str(d, key, what)
    if len(value) > MAX_SIGNATURE_CHARS:
        raise ProtocolError(what, f"“{key}” is longer than {MAX_SIGNATURE_CHARS} characters")
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ProtocolError(what, f"“{key}” must be base64") from None
    return value


_NAMED_KEYS: Final = frozenset(
    {"meeting", "poll", "round", "round_open_hash", "ballot_id", "member", "choice", "text"}
)
_PARTICIPATION_KEYS: Final = frozenset(
    {"meeting", "poll", "round", "round_open_hash", "ballot_id", "member"}
)
_SECRET_KEYS: Final = frozenset({"poll", "round", "choice", "text", "receipt_hash"})


@dataclass(frozen=True)
class NamedBallotRecord:
    """A named ballot's signed fields (``domain.live.NamedBallot``)."""

    meeting: str
    poll: str
    round: int
    round_open_hash: str
    ballot_id: str
    member: str
    choice: int
    text: str

    @classmethod
    def parse(cls, body: object, what: str = "named ballot") -> NamedBallotRecord:
        d = _obj(body, what)
        _exact_keys(d, _NAMED_KEYS, what)
        return cls(
            _ident(d, "meeting", what),
            _ident(d, "poll", what),
            _int(d, "round", what, low=1, high=MAX_ROUND),
            check_sha256(_str(d, "round_open_hash", what), f"{what} “round_open_hash”"),
            _ident(d, "ballot_id", what),
            _ident(d, "member", what),
            _int(d, "choice", what, high=MAX_CHOICE),
            _text(d, "text", what),
        )

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

    def to_json(self) -> dict[str, Any]:
        return self.fields()


@dataclass(frozen=True)
class ParticipationRecord:
    """A secret poll's signed participation (``domain.live.Participation``)."""

    meeting: str
    poll: str
    round: int
    round_open_hash: str
    ballot_id: str
    member: str

    @classmethod
    def parse(cls, body: object, what: str = "participation") -> ParticipationRecord:
        d = _obj(body, what)
        _exact_keys(d, _PARTICIPATION_KEYS, what)
        return cls(
            _ident(d, "meeting", what),
            _ident(d, "poll", what),
            _int(d, "round", what, low=1, high=MAX_ROUND),
            check_sha256(_str(d, "round_open_hash", what), f"{what} “round_open_hash”"),
            _ident(d, "ballot_id", what),
            _ident(d, "member", what),
        )

    def fields(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "poll": self.poll,
            "round": self.round,
            "round_open_hash": self.round_open_hash,
            "ballot_id": self.ballot_id,
            "member": self.member,
        }

    def to_json(self) -> dict[str, Any]:
        return self.fields()


@dataclass(frozen=True)
class SecretBallotRecord:
    """A secret ballot: choice, text and receipt hash, no name (``domain.live.SecretBallot``)."""

    poll: str
    round: int
    choice: int
    text: str
    receipt_hash: str

    @classmethod
    def parse(cls, body: object, what: str = "secret ballot") -> SecretBallotRecord:
        d = _obj(body, what)
        _exact_keys(d, _SECRET_KEYS, what)
        return cls(
            _ident(d, "poll", what),
            _int(d, "round", what, low=1, high=MAX_ROUND),
            _int(d, "choice", what, high=MAX_CHOICE),
            _text(d, "text", what),
            check_sha256(_str(d, "receipt_hash", what), f"{what} “receipt_hash”"),
        )

    def fields(self) -> dict[str, Any]:
        return {
            "poll": self.poll,
            "round": self.round,
            "choice": self.choice,
            "text": self.text,
            "receipt_hash": self.receipt_hash,
        }

    def to_json(self) -> dict[str, Any]:
        return self.fields()


@dataclass(frozen=True)
class BallotRequest:
    """A ballot as the voter's client sends it.

    ``named``: ``ballot`` is the named ballot and ``signature`` the detached CMS
    signature (base64) over its canonical bytes. ``secret``: ``participation``
    and its ``signature``, and ``ballot`` the unsigned secret ballot; both name
    the same poll and round."""

    kind: BallotKind
    ballot: NamedBallotRecord | SecretBallotRecord
    signature: str
    participation: ParticipationRecord | None = None

    @classmethod
    def parse(cls, body: object) -> BallotRequest:
        w = "ballot"
        d = _obj(body, w)
        kind = _str(d, "kind", w)
        signature = _b64(d, "signature", w)
        if kind == NAMED:
            if d.get("participation") is not None:
                raise ProtocolError(w, "a named ballot has no “participation”")
            return cls(NAMED, NamedBallotRecord.parse(d.get("ballot")), signature)
        if kind == SECRET:
            participation = ParticipationRecord.parse(d.get("participation"))
            ballot = SecretBallotRecord.parse(d.get("ballot"))
            if (ballot.poll, ballot.round) != (participation.poll, participation.round):
                raise ProtocolError(w, "the ballot and the participation name another round")
            return cls(SECRET, ballot, signature, participation)
        raise ProtocolError(w, "“kind” must be named or secret")

    @property
    def ballot_id(self) -> str:
        """The client's ballot id (the signed record's)."""
        if isinstance(self.ballot, NamedBallotRecord):
            return self.ballot.ballot_id
        assert self.participation is not None
        return self.participation.ballot_id

    def signature_bytes(self) -> bytes:
        return base64.b64decode(self.signature)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "ballot": self.ballot.to_json(),
            "signature": self.signature,
        }
        if self.participation is not None:
            out["participation"] = self.participation.to_json()
        return out


@dataclass(frozen=True)
class BallotReceipt:
    """The authority's answer to a ballot (stored: a resend gets it again)."""

    ballot_id: str
    poll: str
    round: int
    status: BallotStatus
    """``counted`` now; ``duplicate``: counted before under this ballot id;
    ``refused`` (never counts; the same ballot gets the same answer);
    ``not_counted``: it arrived after its round closed (permanent)."""
    reason: str | None
    """Why it was refused or not counted; None when counted or duplicate."""
    signed_hash: str
    """sha256 of the canonical bytes the voter signed (named ballot or participation)."""
    receipt_hash: str | None
    """The member's counted ballot (sha256 of what was signed for it): this
    ballot's ``signed_hash`` when counted; another's when refused
    ``already_voted``; else null."""
    seq: int | None
    """The ``ballot.cast`` event (counted and duplicate); else null."""

    @classmethod
    def parse(cls, body: object) -> BallotReceipt:
        w = "ballot receipt"
        d = _obj(body, w)
        status = _str(d, "status", w)
        if status not in BALLOT_STATUSES:
            raise ProtocolError(w, "“status” must be counted, duplicate, refused or not_counted")
        reason = d.get("reason")
        if reason is not None and (not isinstance(reason, str) or not _REASON.fullmatch(reason)):
            raise ProtocolError(w, "“reason” must be a lowercase word")
        counted = status in (COUNTED, DUPLICATE)
        if counted == (reason is not None):
            raise ProtocolError(w, "a refused or uncounted ballot, and only one, gives a “reason”")
        signed = check_sha256(_str(d, "signed_hash", w), f"{w} “signed_hash”")
        receipt = None if d.get("receipt_hash") is None else _str(d, "receipt_hash", w)
        if receipt is not None:
            check_sha256(receipt, f"{w} “receipt_hash”")
        seq = None if d.get("seq") is None else _int(d, "seq", w, low=1)
        if counted and (receipt != signed or seq is None):
            raise ProtocolError(w, "a counted ballot gives its own receipt hash and its event")
        if not counted and seq is not None:
            raise ProtocolError(w, "only a counted ballot has an event")
        return cls(
            _ident(d, "ballot_id", w),
            _ident(d, "poll", w),
            _int(d, "round", w, low=1, high=MAX_ROUND),
            status,  # type: ignore[arg-type]
            reason,
            signed,
            receipt,
            seq,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "ballot_id": self.ballot_id,
            "poll": self.poll,
            "round": self.round,
            "status": self.status,
            "reason": self.reason,
            "signed_hash": self.signed_hash,
            "receipt_hash": self.receipt_hash,
            "seq": self.seq,
        }


@dataclass(frozen=True)
class SignedNamedBallot:
    ballot: NamedBallotRecord
    signature: str

    @classmethod
    def parse(cls, body: object) -> SignedNamedBallot:
        w = "bulletin ballot"
        d = _obj(body, w)
        return cls(NamedBallotRecord.parse(d.get("ballot"), w), _b64(d, "signature", w))

    def to_json(self) -> dict[str, Any]:
        return {"ballot": self.ballot.to_json(), "signature": self.signature}


@dataclass(frozen=True)
class SignedParticipation:
    participation: ParticipationRecord
    signature: str

    @classmethod
    def parse(cls, body: object) -> SignedParticipation:
        w = "bulletin participation"
        d = _obj(body, w)
        return cls(ParticipationRecord.parse(d.get("participation"), w), _b64(d, "signature", w))

    def to_json(self) -> dict[str, Any]:
        return {"participation": self.participation.to_json(), "signature": self.signature}


def _items(d: Mapping[str, Any], key: str, what: str) -> list[Any]:
    items = d.get(key)
    if not isinstance(items, list) or len(items) > MAX_BULLETIN:
        raise ProtocolError(what, f"“{key}” must be a list of at most {MAX_BULLETIN}")
    return items


@dataclass(frozen=True)
class BulletinRecord:
    """A closed round's ballots as the authority publishes them, in bulletin
    order (named: by member; secret: ballots by receipt hash, participations
    by member), with the Merkle roots and the close event they were published in."""

    meeting: str
    poll: str
    round: int
    kind: BallotKind
    round_open_hash: str
    named: tuple[SignedNamedBallot, ...]
    secret: tuple[SecretBallotRecord, ...]
    participations: tuple[SignedParticipation, ...]
    root: str
    participation_root: str | None
    close: LiveHead
    """The ``poll.closed`` event's seq and hash."""
    signature: CloseSignature | None = None
    """The authority's Ed25519 signature over the close event's hash
    (:func:`close_signed_bytes`); null from an authority that signs none."""

    @classmethod
    def parse(cls, body: object) -> BulletinRecord:
        w = "bulletin"
        d = _obj(body, w)
        kind = _str(d, "kind", w)
        if kind not in (NAMED, SECRET):
            raise ProtocolError(w, "“kind” must be named or secret")
        named = tuple(SignedNamedBallot.parse(i) for i in _items(d, "named", w))
        secret = tuple(SecretBallotRecord.parse(i, w) for i in _items(d, "secret", w))
        parts = tuple(SignedParticipation.parse(i) for i in _items(d, "participations", w))
        if kind == NAMED and (secret or parts):
            raise ProtocolError(w, "a named vote's bulletin has no secret ballots")
        if kind == SECRET and (named or len(secret) != len(parts)):
            raise ProtocolError(w, "a secret vote's bulletin has as many ballots as participations")
        proot = d.get("participation_root")
        if (kind == SECRET) != (proot is not None):
            raise ProtocolError(
                w, "a secret vote's bulletin, and only one, has a participation root"
            )
        return cls(
            _ident(d, "meeting", w),
            _ident(d, "poll", w),
            _int(d, "round", w, low=1, high=MAX_ROUND),
            kind,  # type: ignore[arg-type]
            check_sha256(_str(d, "round_open_hash", w), f"{w} “round_open_hash”"),
            named,
            secret,
            parts,
            check_sha256(_str(d, "root", w), f"{w} “root”"),
            None if proot is None else check_sha256(_str(d, "participation_root", w), w),
            LiveHead.parse(d.get("close"), f"{w} close"),
            None if d.get("signature") is None else CloseSignature.parse(d.get("signature")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "poll": self.poll,
            "round": self.round,
            "kind": self.kind,
            "round_open_hash": self.round_open_hash,
            "named": [b.to_json() for b in self.named],
            "secret": [b.to_json() for b in self.secret],
            "participations": [p.to_json() for p in self.participations],
            "root": self.root,
            "participation_root": self.participation_root,
            "close": self.close.to_json(),
            "signature": None if self.signature is None else self.signature.to_json(),
        }


@dataclass(frozen=True)
class InclusionProof:
    """One ballot's audit path in its round's Merkle tree (RFC 9162 §2.1.3)."""

    index: int
    size: int
    path: tuple[str, ...]
    """Sibling hashes, hex, from the leaf up."""
    root: str

    @classmethod
    def parse(cls, body: object) -> InclusionProof:
        w = "inclusion proof"
        d = _obj(body, w)
        items = d.get("path")
        if not isinstance(items, list) or len(items) > MAX_PROOF:
            raise ProtocolError(w, f"“path” must be a list of at most {MAX_PROOF}")
        path = tuple(check_sha256(p, f"{w} “path”") for p in items)
        size = _int(d, "size", w, low=1, high=MAX_BULLETIN)
        index = _int(d, "index", w, high=size - 1)
        return cls(index, size, path, check_sha256(_str(d, "root", w), f"{w} “root”"))

    def to_json(self) -> dict[str, Any]:
        return {"index": self.index, "size": self.size, "path": list(self.path), "root": self.root}


# --- the authority's close signature and the chair's watch (server-votes.md) ------------------

ED25519: Final = "ed25519"
CLOSE_SIGNATURE_CONTEXT: Final = b"hanoi-desk live close v1\n"
"""What precedes a close event's hash in the bytes the authority signs, so the
signature can never pass for one over anything else."""
MAX_WATCH: Final = 1000


def close_signed_bytes(event_hash: str) -> bytes:
    """The bytes the authority's key signs for a close event: the context, then
    the event's hash as 32 raw bytes (it covers meeting, seq, tally and roots)."""
    return CLOSE_SIGNATURE_CONTEXT + bytes.fromhex(check_sha256(event_hash, "close hash"))


def encode_signature(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


@dataclass(frozen=True)
class CloseSignature:
    key_id: str
    """sha256 (hex) of the raw public key that made it."""
    signature: str
    """Base64 Ed25519 signature over :func:`close_signed_bytes`."""

    @classmethod
    def parse(cls, body: object) -> CloseSignature:
        w = "close signature"
        d = _obj(body, w)
        return cls(check_sha256(_str(d, "key_id", w), f"{w} “key_id”"), _b64(d, "signature", w))

    def to_json(self) -> dict[str, Any]:
        return {"key_id": self.key_id, "signature": self.signature}


@dataclass(frozen=True)
class AuthorityKeyRecord:
    """The authority's public key (``GET /v1/meetings/{id}/live/authority``)."""

    algorithm: str
    """``ed25519``."""
    key_id: str
    public_key: str
    """Base64 of the raw 32-byte public key."""

    @classmethod
    def parse(cls, body: object) -> AuthorityKeyRecord:
        w = "authority key"
        d = _obj(body, w)
        algorithm = _str(d, "algorithm", w)
        if algorithm != ED25519:
            raise ProtocolError(w, "“algorithm” must be ed25519")
        key = _b64(d, "public_key", w)
        if len(base64.b64decode(key)) != 32:
            raise ProtocolError(w, "“public_key” must be 32 bytes")
        return cls(algorithm, check_sha256(_str(d, "key_id", w), f"{w} “key_id”"), key)

    def to_json(self) -> dict[str, Any]:
        return {"algorithm": self.algorithm, "key_id": self.key_id, "public_key": self.public_key}


def _ids(d: Mapping[str, Any], key: str, what: str) -> tuple[str, ...]:
    items = d.get(key)
    if not isinstance(items, list) or len(items) > MAX_WATCH:
        raise ProtocolError(what, f"“{key}” must be a list of at most {MAX_WATCH}")
    return tuple(check_ident(i, f"{what} “{key}”") for i in items)


@dataclass(frozen=True)
class VotingWatch:
    """What the chair and the secretary see while a round takes ballots."""

    poll: str
    round: int
    not_voted: tuple[str, ...]
    """Members entitled in the round whose ballot is not counted yet (sorted)."""
    silent: tuple[str, ...]
    """Of those, the ones whose laptop has not spoken to the live side (stream
    or request) for ``silent_after_ms``: probably not hearing the vote."""
    silent_after_ms: int

    @classmethod
    def parse(cls, body: object) -> VotingWatch:
        w = "voting watch"
        d = _obj(body, w)
        return cls(
            _ident(d, "poll", w),
            _int(d, "round", w, low=1, high=MAX_ROUND),
            _ids(d, "not_voted", w),
            _ids(d, "silent", w),
            _int(d, "silent_after_ms", w, high=MAX_MS),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "poll": self.poll,
            "round": self.round,
            "not_voted": list(self.not_voted),
            "silent": list(self.silent),
            "silent_after_ms": self.silent_after_ms,
        }
