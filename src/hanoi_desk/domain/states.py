"""The states the client shows, typed once: an outgoing action's place in the
outbox and a meeting's status as the server sets it."""

from __future__ import annotations

import enum


class OutboxState(enum.StrEnum):
    """Where an outgoing action is (the ``outbox.state`` column holds these words)."""

    QUEUED = "queued"
    """Written locally, not sent yet."""
    SENDING = "sending"
    """Sent once without an answer; sent again (the server applies an op id once)."""
    DONE = "done"
    """The server applied it (or had already)."""
    REJECTED = "rejected"
    """The server refused it for good; its reason is kept and shown."""

    @classmethod
    def after_answer(cls, rejected: bool) -> OutboxState:
        """The state a server's answer leaves an action in: refused or done."""
        return cls.REJECTED if rejected else cls.DONE


UNSENT: frozenset[OutboxState] = frozenset({OutboxState.QUEUED, OutboxState.SENDING})
"""Not yet accepted by the server: what a wipe would lose, what a sync sends."""

SHOWN: tuple[OutboxState, ...] = (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.REJECTED)
"""What the outbox list shows: waiting work and refusals, not what went through."""


class MeetingStatus(enum.StrEnum):
    """A meeting's status as the server sets it (protocol ``MEETING_STATUSES``)."""

    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    """Closed meetings refuse comments."""
    CANCELLED = "cancelled"

    @classmethod
    def parse(cls, value: object) -> MeetingStatus:
        """A stored status; anything else reads as scheduled (the schema's default).

        The sync checks every status against the protocol before it is written,
        so only a row from an older client could hold another word; showing
        that meeting as scheduled beats hiding it."""
        try:
            return cls(str(value))
        except ValueError:
            return cls.SCHEDULED
