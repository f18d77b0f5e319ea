"""What every live rule shares: commands, refusals and the argument checks
(docs/live-meetings.md).

They live apart from ``rules`` so that the speakers' rules, the poll rules
(``votes``) and the quorum arithmetic can all use them without importing one
another in a circle. ``rules`` re-exports every public name, so
``from hanoi_desk.domain.live.rules import Refused`` keeps working.

A refusal is :class:`Refused` with a stable machine ``reason`` (it travels on
the wire) and a translated message. No refusal quotes what was sent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_

# Stable refusal reasons (they travel in ``LiveCommandResult.reason`` and in a
# ballot's receipt).
FORBIDDEN: Final = "forbidden"
STALE: Final = "stale"
NOT_FOUND: Final = "not_found"
BAD_STATE: Final = "bad_state"
BAD_REQUEST: Final = "bad_request"
NOT_YET_CALLED: Final = "not_yet_called"
ALREADY_REQUESTED: Final = "already_requested"
TOO_MANY_REQUESTS: Final = "too_many_requests"
NOTHING_TO_CALL: Final = "nothing_to_call"
UNKNOWN_KIND: Final = "unknown_kind"
DELEGATION_CHAIN: Final = "delegation_chain"
DELEGATION_OFF: Final = "delegation_off"
# Polls and ballots (Live meetings II).
NO_SUCH_POLL: Final = "no_such_poll"
POLL_STATE: Final = "poll_state"
NO_QUORUM: Final = "no_quorum"
POLL_RUNNING: Final = "poll_running"
GRACE_RUNNING: Final = "grace_running"
STALE_ROUND: Final = "stale_round"
ROUND_CLOSED: Final = "round_closed"
NOT_ENTITLED: Final = "not_entitled"
ALREADY_VOTED: Final = "already_voted"
BALLOT_ID_REUSED: Final = "ballot_id_reused"
RECEIPT_REUSED: Final = "receipt_reused"
BAD_SIGNATURE: Final = "bad_signature"
WRONG_CERTIFICATE: Final = "wrong_certificate"
NO_CERTIFICATE: Final = "no_certificate"
MEETING_CLOSED: Final = "meeting_closed"

_MESSAGES: Final = {
    FORBIDDEN: N_("Your role in this meeting does not allow this."),
    STALE: N_(
        "The speakers' list changed before this command arrived. Look at the list "
        "again and repeat the command if it still applies."
    ),
    NOT_FOUND: N_("There is no such speaker request, participant or agenda item in this meeting."),
    BAD_STATE: N_("The speaker request is no longer in a state that allows this."),
    BAD_REQUEST: N_("The live command is not valid: {field} is missing or wrong."),
    NOT_YET_CALLED: N_("Nobody has the floor at the moment."),
    ALREADY_REQUESTED: N_("You already have a request of this kind waiting in the speakers' list."),
    TOO_MANY_REQUESTS: N_(
        "You have made as many requests to speak in this meeting as one member may. "
        "Ask the chair if you need the floor again."
    ),
    NOTHING_TO_CALL: N_("Nobody is speaking and no approved request is waiting."),
    UNKNOWN_KIND: N_("The meeting's server does not know this live command yet."),
    DELEGATION_CHAIN: N_(
        "A member who hands their vote to someone cannot hold another member's vote, "
        "and nobody can hand their vote to themselves."
    ),
    DELEGATION_OFF: N_("This body's rules do not let a member hand their vote to another."),
    NO_SUCH_POLL: N_("There is no such vote in this meeting."),
    POLL_STATE: N_(
        "The vote is not in a state that allows this (it may have opened, closed or "
        "been announced in the meantime). Look at the vote again."
    ),
    NO_QUORUM: N_(
        "The vote cannot open: fewer members are present than the quorum requires. "
        "Check the attendance first."
    ),
    POLL_RUNNING: N_("Another vote is open in this meeting. Close it before opening this one."),
    GRACE_RUNNING: N_("The vote is still in its closing period; it closes when the period ends."),
    STALE_ROUND: N_(
        "The ballot or command names a voting round that is not the current one. "
        "Look at the vote again."
    ),
    ROUND_CLOSED: N_("The voting round had closed before the ballot arrived: it was not counted."),
    NOT_ENTITLED: N_(
        "You are not entitled to vote for this member in this round (not present "
        "when the round opened, or no vote handed to you)."
    ),
    ALREADY_VOTED: N_("A ballot for this member has already been counted in this round."),
    BALLOT_ID_REUSED: N_("A different ballot was already sent under this ballot id."),
    RECEIPT_REUSED: N_(
        "This ballot's receipt is already used in this round. Vote again: a new receipt is made."
    ),
    BAD_SIGNATURE: N_("The ballot's signature does not verify: it was not counted."),
    WRONG_CERTIFICATE: N_(
        "The ballot was signed with a certificate that is not the one registered for you."
    ),
    NO_CERTIFICATE: N_(
        "No signing certificate is registered for you on the meeting's server. "
        "Ask the body's administrator to register it."
    ),
    MEETING_CLOSED: N_("The meeting is closed or cancelled: its live side takes nothing more."),
}
_OTHER = N_("The meeting's server refused the live command ({reason}).")
_REASON = re.compile(r"[a-z][a-z0-9_]{0,63}")

MAX_TEXT: Final = 200
"""Longest name, topic, reason or substitute (characters, after NFC and trimming)."""
# Control, format (bidi overrides, zero-width), surrogate, private-use and
# line/paragraph separator characters: they reorder or hide what a chair reads
# on screen. Unassigned code points are allowed: whether one is assigned depends
# on the Unicode version of each side's Python, and both sides must agree.
_BAD_CATEGORIES: Final = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}")
_HEX64 = re.compile(r"[0-9a-f]{64}")


class Refused(UserError):
    """The authority does not apply the command; nothing changed.

    ``reason`` is one of the module's constants, or, from a newer server, a
    reason this version does not know (shown with a general message)."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        if not isinstance(reason, str) or not _REASON.fullmatch(reason):
            reason = "unknown"
        template = _MESSAGES.get(reason, _OTHER)
        super().__init__(template, reason=reason, field=f"“{field or 'args'}”")
        self.reason = reason
        self.field = field


@dataclass(frozen=True)
class Command:
    kind: str
    args: Mapping[str, Any] = field(default_factory=dict)


# --- argument checks -------------------------------------------------------------------------


def clean_text(value: object, name: str, *, required: bool, limit: int = MAX_TEXT) -> str:
    """Text a person typed (a name, a topic, a reason): NFC, trimmed, at most
    ``limit`` characters, none that hides or reorders text on screen."""
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise Refused(BAD_REQUEST, name)
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise Refused(BAD_REQUEST, name)
    if len(text) > limit or any(unicodedata.category(c) in _BAD_CATEGORIES for c in text):
        raise Refused(BAD_REQUEST, name)
    return text


def ident(value: object, name: str) -> str:
    """A protocol identifier (letters, digits, ``._:-``, at most 128)."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise Refused(BAD_REQUEST, name)
    return value


def integer(value: object, name: str, *, low: int = 0, high: int = 2**63 - 1) -> int:
    """An integer (never a bool) from ``low`` to ``high``."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise Refused(BAD_REQUEST, name)
    return value


def sha256_hex(value: object, name: str) -> str:
    """A SHA-256 digest as 64 lowercase hex digits."""
    if not isinstance(value, str) or not _HEX64.fullmatch(value):
        raise Refused(BAD_REQUEST, name)
    return value


def check_args(command: Command, required: Collection[str], optional: Collection[str] = ()) -> None:
    """The command's arguments are an object with every ``required`` key and
    no key outside ``required`` and ``optional``."""
    args = command.args
    if not isinstance(args, Mapping) or any(not isinstance(k, str) for k in args):
        raise Refused(BAD_REQUEST, "args")
    # Unknown arguments are refused, not ignored: a newer client's argument
    # that an older authority silently dropped would do something else than asked.
    if set(args) - set(required) - set(optional):
        raise Refused(BAD_REQUEST, "args")
    for key in sorted(required):
        if key not in args:
            raise Refused(BAD_REQUEST, key)
