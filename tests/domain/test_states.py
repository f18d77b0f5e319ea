"""domain.states: the outbox states and the meeting statuses, typed once. Pure."""

from __future__ import annotations

from hanoi_desk.domain.states import SHOWN, UNSENT, MeetingStatus, OutboxState
from hanoi_desk.protocol import MEETING_STATUSES


def test_outbox_states_are_the_words_the_cache_stores() -> None:
    # The outbox table's CHECK constraint (store/schema.py, V1) allows exactly these.
    assert {str(s) for s in OutboxState} == {"queued", "sending", "done", "rejected"}
    assert OutboxState("queued") is OutboxState.QUEUED


def test_unsent_and_shown() -> None:
    assert frozenset({OutboxState.QUEUED, OutboxState.SENDING}) == UNSENT
    # The outbox list shows what waits and what was refused, not what went through.
    assert SHOWN == (OutboxState.QUEUED, OutboxState.SENDING, OutboxState.REJECTED)


def test_a_server_answer_leaves_an_action_done_or_rejected() -> None:
    assert OutboxState.after_answer(rejected=True) is OutboxState.REJECTED
    assert OutboxState.after_answer(rejected=False) is OutboxState.DONE


def test_meeting_statuses_are_the_protocols() -> None:
    assert {str(s) for s in MeetingStatus} == set(MEETING_STATUSES)


def test_an_unknown_stored_status_reads_as_scheduled() -> None:
    assert MeetingStatus.parse("open") is MeetingStatus.OPEN
    assert MeetingStatus.parse("adjourned") is MeetingStatus.SCHEDULED
    assert MeetingStatus.parse(None) is MeetingStatus.SCHEDULED
