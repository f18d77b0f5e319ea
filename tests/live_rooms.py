"""A meeting room for the live rules' tests: a roster, the authority's state and
log, and a clock the test moves. Pure: no file, no process, no real clock."""

from __future__ import annotations

from typing import Any

from hanoi_desk.domain.live import (
    Command,
    LiveEvent,
    LiveState,
    Refused,
    Role,
    execute,
)

T0 = 1_800_000_000_000
"""The authority's clock at the start of each test (ms since the epoch)."""

ROSTER: dict[str, Role] = {
    "chair": Role.CHAIR,
    "sec": Role.SECRETARY,
    "d1": Role.DELEGATE,
    "d2": Role.DELEGATE,
    "d3": Role.DELEGATE,
    "guest": Role.GUEST,
    "admin": Role.ADMIN,
}


class Room:
    """The authority of one meeting, as the server runs it: decide, seal, fold."""

    def __init__(self, meeting: str = "m-1", roster: dict[str, Role] | None = None) -> None:
        self.roster = dict(ROSTER if roster is None else roster)
        self.state = LiveState(meeting)
        self.log: list[LiveEvent] = []
        self.now = T0
        self.items: set[str] | None = None
        """The meeting's agenda items the authority passes (None: not passed)."""

    def do(self, actor: str, kind: str, /, **args: Any) -> tuple[LiveEvent, ...]:
        """Run a command; returns the events it appended (raises Refused)."""
        self.state, events = execute(
            self.state,
            actor,
            self.roster[actor],
            Command(kind, args),
            self.now,
            roster=self.roster,
            items=self.items,
        )
        self.log.extend(events)
        return events

    def run(self, actor: str, kind: str, /, **args: Any) -> tuple[LiveEvent, ...]:
        """A chair or secretary speakers command made against the current list."""
        return self.do(actor, kind, list_version=self.state.list_version, **args)

    def refused(self, actor: str, kind: str, /, **args: Any) -> Refused:
        """Run a command that must be refused; checks that nothing changed."""
        before, logged = self.state, len(self.log)
        try:
            self.do(actor, kind, **args)
        except Refused as refusal:
            assert self.state == before and len(self.log) == logged
            return refusal
        raise AssertionError(f"{kind} by {actor} was applied")

    def later(self, ms: int) -> None:
        self.now += ms

    def request(self, user: str, request_id: str, type: str = "speak", **more: Any) -> None:
        self.do(user, "speakers.request", request_id=request_id, type=type, **more)

    def states(self) -> dict[str, str]:
        return {r.id: r.state.value for r in self.state.requests}

    def queue(self) -> list[str]:
        return [r.id for r in self.state.queue]
