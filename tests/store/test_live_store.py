"""The live side of the encrypted cache (store/live.py): events are stored only
when they chain onto the head, the folded state survives a restart, the live
outbox keeps each command's outcome once."""

from __future__ import annotations

import dataclasses

import pytest

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.domain.live.chain import GENESIS, ChainBroken
from hanoi_desk.domain.live.state import AttendanceState, RequestState
from hanoi_desk.errors import UserError
from hanoi_desk.store.live import CommandState, Head, LiveStore, LogForked
from helpers import FixedPrompt
from live_client_helpers import add_meeting, chained

M = "hdnd-ky12"
CHECKIN = ("attendance", "u1", {"user": "u1", "state": "present", "reason": ""})
REQUEST = (
    "speaker.requested",
    "u2",
    {"request_id": "r1", "user": "u2", "type": "speak", "to": "", "topic": "", "position": 0},
)
APPROVE = ("speaker.state", "chair", {"request_id": "r1", "state": "approved"})


@pytest.fixture
def live(session: Session) -> LiveStore:
    add_meeting(session.cache, M, [("u1", "Phạm Thu Dung", "delegate")])
    return LiveStore(session.cache)


def rows(store: LiveStore) -> int:
    return len(store.events(M))


def test_chained_events_are_folded_and_kept_across_a_restart(desk: Desk, live: LiveStore) -> None:
    events = chained(M, [CHECKIN, REQUEST, APPROVE])
    head = live.append(M, events)
    assert head == Head(3, events[-1].hash)
    live._cache.close()
    with desk.open("alice", FixedPrompt(), "passphrase") as again:
        meeting = LiveStore(again.cache).meeting(M)
    assert meeting.head == head
    assert meeting.state.attendance_of("u1").state is AttendanceState.PRESENT
    request = meeting.state.request("r1")
    assert request is not None and request.state is RequestState.APPROVED
    assert meeting.state.list_version == 2


def test_a_forged_event_is_refused_and_nothing_of_its_page_is_stored(live: LiveStore) -> None:
    first = chained(M, [CHECKIN])
    live.append(M, first)
    good = chained(M, [REQUEST, APPROVE], after=(1, first[0].hash))
    forged = dataclasses.replace(good[1], data={"request_id": "r1", "state": "rejected"})
    with pytest.raises(ChainBroken) as caught:
        live.append(M, [good[0], forged])
    assert caught.value.problem == "hash"
    assert live.head(M) == Head(1, first[0].hash)
    assert rows(live) == 1
    assert live.meeting(M).state.request("r1") is None


def test_reordered_and_skipped_events_are_refused(live: LiveStore) -> None:
    events = chained(M, [CHECKIN, REQUEST, APPROVE])
    with pytest.raises(ChainBroken) as caught:
        live.append(M, [events[0], events[2], events[1]])
    assert caught.value.problem == "gap"
    with pytest.raises(ChainBroken):
        live.append(M, [events[1]])  # seq 2 onto an empty log
    assert live.head(M) == Head(0, GENESIS)
    assert rows(live) == 0


def test_overlap_is_skipped_and_a_different_past_event_is_a_fork(live: LiveStore) -> None:
    events = chained(M, [CHECKIN, REQUEST, APPROVE])
    live.append(M, events[:2])
    assert live.append(M, events).seq == 3  # 1 and 2 again, then 3
    other = chained(M, [("attendance", "u1", {"user": "u1", "state": "left", "reason": ""})])
    with pytest.raises(LogForked) as caught:
        live.append(M, other)
    assert caught.value.seq == 1
    assert live.rewind(M, 1) == Head(1, events[0].hash)
    assert rows(live) == 1
    assert live.meeting(M).state.request("r1") is None
    assert live.append(M, chained(M, [REQUEST], after=(1, events[0].hash))).seq == 2


def test_the_live_outbox_records_one_outcome_per_command(live: LiveStore) -> None:
    first = live.enqueue(M, "attendance.checkin", {"state": "present"})
    second = live.enqueue(M, "speakers.request", {"request_id": "r9", "type": "speak"})
    assert [c.op_id for c in live.pending(M)] == [first.op_id, second.op_id]
    live.mark_sending(first.op_id)
    live.mark_sending(first.op_id)
    assert live.command(first.op_id).state is CommandState.SENDING
    assert live.command(first.op_id).attempts == 2
    done = live.record_outcome(first.op_id, "applied", None, [4])
    assert (done.state, done.seqs) == (CommandState.APPLIED, (4,))
    # A later answer to the same op id (a duplicate) does not overwrite the first.
    assert live.record_outcome(first.op_id, "refused", "stale", []).state is CommandState.APPLIED
    refused = live.record_outcome(second.op_id, "refused", "not_allowed", [])
    assert (refused.state, refused.reason) == (CommandState.REFUSED, "not_allowed")
    assert live.pending() == []
    audit = [e for e in live._cache.audit_entries() if e.action == "live-refused"]
    assert [(e.subject, e.detail) for e in audit] == [(second.op_id, "not_allowed")]


def test_meetings_resolve_by_id_or_unique_prefix(live: LiveStore, session: Session) -> None:
    add_meeting(session.cache, "hdnd-ky13")
    assert live.resolve_meeting(M) == (M, "Kỳ họp thứ 12")
    assert live.resolve_meeting("hdnd-ky12")[0] == M
    with pytest.raises(UserError, match="several meetings"):
        live.resolve_meeting("hdnd-ky1")
    with pytest.raises(UserError, match="Sync first"):
        live.resolve_meeting("nope")
    assert [p.display_name for p in live.people(M)] == ["Phạm Thu Dung"]
