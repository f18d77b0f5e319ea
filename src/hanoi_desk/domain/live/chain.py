"""The live log's hash chain: ``hash = sha256(prev_hash ‖ canonical(event))``.

The chain makes a changed, reordered, dropped or foreign event visible to
every client that folds the log (it is no signature: it proves the log is the
one the authority wrote in that order, given the head the authority announces).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, Protocol

from hanoi_desk.errors import IntegrityError
from hanoi_desk.i18n import N_

GENESIS: Final = "0" * 64
"""The ``prev_hash`` of a meeting's first event (seq 1)."""

_HEX64 = re.compile(r"[0-9a-f]{64}")

CHAIN_BROKEN = N_(
    "The meeting's live record does not add up at event {seq}: an event was changed, "
    "reordered or left out."
)


class ChainBroken(IntegrityError):
    """An event does not chain onto what came before it.

    ``problem`` is one of ``gap`` (its seq does not follow), ``prev_hash`` (it
    names another predecessor), ``hash`` (its content does not give its hash),
    ``meeting`` (it belongs to another meeting) or ``format`` (it cannot be
    hashed: a float, a non-string key, text that is not Unicode)."""

    template = CHAIN_BROKEN

    def __init__(self, seq: int, problem: str) -> None:
        super().__init__(CHAIN_BROKEN, seq=seq)
        self.seq = seq
        self.problem = problem


class EventFields(Protocol):
    """What the chain reads of an event (``state.LiveEvent`` and the wire record both fit)."""

    @property
    def seq(self) -> int: ...
    @property
    def meeting_id(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def actor(self) -> str: ...
    @property
    def at(self) -> int: ...
    @property
    def data(self) -> Mapping[str, Any]: ...
    @property
    def prev_hash(self) -> str: ...
    @property
    def hash(self) -> str: ...


def _check_json(value: object, seq: int) -> None:
    # Floats are refused: two JSON libraries may spell one float two ways, and
    # the hash must not depend on who serialised the event. Every number in
    # the live log is an integer (milliseconds, positions, versions).
    if value is None or isinstance(value, bool | int | str):
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                raise ChainBroken(seq, "format")
            _check_json(item, seq)
        return
    if isinstance(value, list | tuple):
        for item in value:
            _check_json(item, seq)
        return
    raise ChainBroken(seq, "format")


def canonical(event: EventFields) -> bytes:
    """The bytes that are hashed: UTF-8 JSON of seq, meeting_id, kind, actor, at
    and data, keys sorted, no spaces, non-ASCII written as itself."""
    body = {
        "seq": event.seq,
        "meeting_id": event.meeting_id,
        "kind": event.kind,
        "actor": event.actor,
        "at": event.at,
        "data": event.data,
    }
    _check_json(body, event.seq if isinstance(event.seq, int) else 0)
    try:
        text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return text.encode("utf-8")
    except (UnicodeEncodeError, ValueError, TypeError):
        # A lone surrogate (not Unicode text) or something JSON cannot write.
        raise ChainBroken(event.seq, "format") from None


def link_hash(prev_hash: str, event: EventFields) -> str:
    """The hash an event must carry after ``prev_hash`` (64 lowercase hex digits)."""
    if not isinstance(prev_hash, str) or not _HEX64.fullmatch(prev_hash):
        raise ChainBroken(event.seq, "prev_hash")
    return hashlib.sha256(bytes.fromhex(prev_hash) + canonical(event)).hexdigest()


def check_link(prev_seq: int, prev_hash: str, meeting_id: str, event: EventFields) -> None:
    """Raise :class:`ChainBroken` unless ``event`` is the one right after
    (``prev_seq``, ``prev_hash``) in ``meeting_id``'s log."""
    if event.meeting_id != meeting_id:
        raise ChainBroken(event.seq, "meeting")
    if event.seq != prev_seq + 1:
        raise ChainBroken(event.seq, "gap")
    if event.prev_hash != prev_hash:
        raise ChainBroken(event.seq, "prev_hash")
    if event.hash != link_hash(prev_hash, event):
        raise ChainBroken(event.seq, "hash")


def verify_chain(
    prev_hash: str,
    events: Iterable[EventFields],
    *,
    prev_seq: int | None = None,
    meeting_id: str | None = None,
) -> None:
    """Check that ``events`` follow ``prev_hash`` one by one, with no gap.

    ``prev_seq`` is the seq ``prev_hash`` belongs to (0 for :data:`GENESIS`,
    the default then); without it the first event's seq is taken as given.
    ``meeting_id`` defaults to the first event's. Raises :class:`ChainBroken`
    naming the first event that does not chain."""
    seq, head, meeting = prev_seq, prev_hash, meeting_id
    if seq is None and prev_hash == GENESIS:
        seq = 0
    for event in events:
        if seq is None:
            seq = event.seq - 1
        if meeting is None:
            meeting = event.meeting_id
        check_link(seq, head, meeting, event)
        seq, head = event.seq, event.hash
