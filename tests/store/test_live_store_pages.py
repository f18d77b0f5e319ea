"""A page of live events is stored with one write of the folded state, not one per
event (the review of issue 14: the state JSON grows with the meeting, so a write
per event made a catch-up quadratic)."""

from __future__ import annotations

from typing import Any

from hanoi_desk.app.session import Session
from hanoi_desk.store.live import Head, LiveStore
from live_client_helpers import add_meeting, chained

M = "hdnd-ky12"


def test_a_page_of_500_events_writes_the_state_once(session: Session) -> None:
    add_meeting(session.cache, M, [("u1", "Phạm Thu Dung", "delegate")])
    live = LiveStore(session.cache)
    writes: list[int] = []
    save = live._save_state

    def counted(c: Any, meeting_id: str, state: Any) -> None:  # a spy: the real write runs
        writes.append(state.head_seq)
        save(c, meeting_id, state)

    live._save_state = counted  # type: ignore[method-assign]
    states = ["present", "left"]
    bodies = [("attendance", "u1", {"user": "u1", "state": states[n % 2], "reason": ""})
              for n in range(500)]  # fmt: skip
    events = chained(M, bodies)
    assert live.append(M, events) == Head(500, events[-1].hash)
    assert writes == [500]
    assert live.meeting(M).head == Head(500, events[-1].hash)  # and it is stored
