"""A wipe names the live commands still queued (they would be lost with the profile)."""

from __future__ import annotations

from hanoi_desk.app.session import Session
from hanoi_desk.app.unsent import count_unsent
from hanoi_desk.store.live import LiveStore
from live_client_helpers import add_meeting


def test_queued_live_commands_count_as_unsent_work(session: Session) -> None:
    add_meeting(session.cache, "hdnd-ky12")
    live = LiveStore(session.cache)
    live.enqueue("hdnd-ky12", "attendance.checkin", {"state": "present"})
    sent = live.enqueue("hdnd-ky12", "speakers.request", {"request_id": "r1", "type": "speak"})
    live.enqueue("hdnd-ky12", "speakers.withdraw", {"request_id": "r1"})
    live.record_outcome(sent.op_id, "applied", None, [3])  # answered: not lost by a wipe
    unsent = count_unsent(session.cache)
    assert unsent.total == 2
    assert unsent.describe("en") == "live meeting commands (check-ins, requests to speak): 2"
    assert "điểm danh" in unsent.describe("vi")
