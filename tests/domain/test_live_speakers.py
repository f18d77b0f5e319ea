"""The speakers' list (domain.live.rules + state): the whole state machine,
its refusals, list_version, timers on the authority's clock."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.live import (
    ALREADY_REQUESTED,
    BAD_REQUEST,
    BAD_STATE,
    NOT_FOUND,
    NOT_YET_CALLED,
    NOTHING_TO_CALL,
    STALE,
    TOO_MANY_REQUESTS,
    UNKNOWN_KIND,
    Command,
    LiveState,
    Refused,
    decide,
    elapsed_ms,
)
from hanoi_desk.domain.live.rules import MAX_REQUESTS_PER_USER
from live_rooms import T0, Room


def test_a_request_goes_through_every_state() -> None:
    room = Room()
    room.request("d1", "r-1")
    assert room.states() == {"r-1": "requested"}
    room.run("chair", "speakers.approve", request_id="r-1")
    assert room.states() == {"r-1": "approved"}
    events = room.run("sec", "speakers.call", request_id="r-1")
    assert [e.data["state"] for e in events] == ["called", "speaking"]
    assert room.state.current is not None and room.state.current.id == "r-1"
    room.run("chair", "speakers.pause")
    assert room.states() == {"r-1": "paused"}
    room.run("chair", "speakers.resume")
    assert room.states() == {"r-1": "speaking"}
    room.run("chair", "speakers.stop")
    assert room.states() == {"r-1": "done"}
    assert room.state.current is None
    # Every speaker event moved the list version: requested, approved, called,
    # speaking, paused, speaking, done.
    assert room.state.list_version == 7


def test_refusals_along_the_way() -> None:
    room = Room()
    assert room.refused("chair", "speakers.pause", list_version=0).reason == NOT_YET_CALLED
    assert room.refused("chair", "speakers.stop", list_version=0).reason == NOT_YET_CALLED
    assert room.refused("chair", "speakers.resume", list_version=0).reason == NOT_YET_CALLED
    assert room.refused("chair", "speakers.next", list_version=0).reason == NOTHING_TO_CALL
    v = room.state.list_version
    assert room.refused("chair", "speakers.approve", request_id="r-9", list_version=v).reason == (
        NOT_FOUND
    )
    room.request("d1", "r-1")
    room.run("chair", "speakers.approve", request_id="r-1")
    v = room.state.list_version
    assert room.refused("chair", "speakers.approve", request_id="r-1", list_version=v).reason == (
        BAD_STATE
    )
    room.run("chair", "speakers.call", request_id="r-1")
    v = room.state.list_version
    assert room.refused("chair", "speakers.resume", list_version=v).reason == BAD_STATE
    assert room.refused("d1", "speakers.withdraw", request_id="r-1").reason == BAD_STATE
    for kind in ("speakers.reject", "speakers.call", "speakers.approve"):
        assert room.refused("chair", kind, request_id="r-1", list_version=v).reason == BAD_STATE
    room.run("chair", "speakers.pause")
    v = room.state.list_version
    assert room.refused("chair", "speakers.pause", list_version=v).reason == BAD_STATE
    room.run("chair", "speakers.stop")
    v = room.state.list_version
    assert room.refused("chair", "speakers.stop", list_version=v).reason == NOT_YET_CALLED
    assert room.refused("chair", "speakers.next", list_version=v).reason == NOTHING_TO_CALL


def test_withdraw_until_called_and_a_retried_withdrawal() -> None:
    room = Room()
    room.request("d1", "r-1")
    room.request("d2", "r-2")
    room.run("chair", "speakers.approve", request_id="r-2")
    room.do("d1", "speakers.withdraw", request_id="r-1")
    room.do("d2", "speakers.withdraw", request_id="r-2")  # approved is still withdrawable
    assert room.do("d2", "speakers.withdraw", request_id="r-2") == ()  # sent again from the queue
    assert room.states() == {"r-1": "withdrawn", "r-2": "withdrawn"}
    assert room.queue() == []
    assert room.refused("d1", "speakers.withdraw", request_id="r-7").reason == NOT_FOUND
    # Withdrawn, a delegate may ask again.
    room.request("d1", "r-3")
    assert room.queue() == ["r-3"]


def test_reject_ends_a_waiting_request() -> None:
    room = Room()
    room.request("d1", "r-1")
    room.run("sec", "speakers.reject", request_id="r-1")
    assert room.states() == {"r-1": "rejected"}
    assert room.refused("d1", "speakers.withdraw", request_id="r-1").reason == BAD_STATE


def test_one_waiting_request_per_person_and_kind() -> None:
    room = Room()
    room.request("d1", "r-1")
    assert room.refused("d1", "speakers.request", request_id="r-2", type="speak").reason == (
        ALREADY_REQUESTED
    )
    room.request("d1", "r-3", "point_of_order")  # another kind is another hand
    ask = {"type": "interpellation", "topic": "Ngân sách"}
    room.request("d1", "r-4", to="Giám đốc Sở Tài chính", **ask)
    room.request("d1", "r-5", to="Giám đốc Sở Xây dựng", **ask)  # another official
    refusal = room.refused(
        "d1", "speakers.request", request_id="r-6", to="giám đốc sở xây dựng", **ask
    )
    assert refusal.reason == ALREADY_REQUESTED
    room.request("d2", "r-7")  # someone else
    # The same request sent again (a queued retry) is no second request.
    assert room.do("d1", "speakers.request", request_id="r-1", type="speak") == ()
    # The same id with another content is refused, as is another user's id.
    assert room.refused(
        "d1", "speakers.request", request_id="r-1", type="point_of_order"
    ).field == ("request_id")
    assert (
        room.refused("d3", "speakers.request", request_id="r-1", type="speak").field == "request_id"
    )
    # Once called, the person may raise their hand again.
    room.run("chair", "speakers.call", request_id="r-1")
    room.request("d1", "r-8")
    assert "r-8" in room.queue()


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"request_id": "r-1", "type": "interpellation", "topic": "Đất đai"}, "to"),
        ({"request_id": "r-1", "type": "interpellation", "to": "Chủ tịch UBND"}, "topic"),
        ({"request_id": "r-1", "type": "speak", "to": "Chủ tịch UBND"}, "to"),
        ({"request_id": "r-1", "type": "question"}, "type"),
        ({"request_id": "r 1", "type": "speak"}, "request_id"),
        ({"request_id": 7, "type": "speak"}, "request_id"),
        ({"type": "speak"}, "request_id"),
        ({"request_id": "r-1", "type": "speak", "topic": "t" * 201}, "topic"),
        ({"request_id": "r-1", "type": "speak", "topic": "zero\u200bwidth"}, "topic"),
        ({"request_id": "r-1", "type": "speak", "list_version": 0}, "args"),
    ],
)
def test_bad_requests_are_refused_with_the_field(args: dict[str, object], field: str) -> None:
    refusal = Room().refused("d1", "speakers.request", **args)
    assert (refusal.reason, refusal.field) == (BAD_REQUEST, field)


def test_an_interpellation_keeps_official_and_topic() -> None:
    room = Room()
    room.request("d2", "q-1", "interpellation", to=" Chủ tịch UBND ", topic="Ngập úng nội thành")
    (request,) = room.state.requests
    assert (request.type, request.to, request.topic) == (
        "interpellation",
        "Chủ tịch UBND",
        "Ngập úng nội thành",
    )


def test_points_of_order_go_before_waiting_speeches() -> None:
    room = Room()
    room.request("d1", "s-1")
    room.request("d2", "s-2")
    room.request("d3", "p-1", "point_of_order")
    room.request("d1", "p-2", "point_of_order")
    room.request("d3", "s-3")
    assert room.queue() == ["p-1", "p-2", "s-1", "s-2", "s-3"]


def test_reorder_moves_within_the_waiting_queue() -> None:
    room = Room()
    for user, rid in (("d1", "a"), ("d2", "b"), ("d3", "c"), ("chair", "d")):
        room.request(user, rid)
    room.run("chair", "speakers.reorder", request_id="a", position=2)
    assert room.queue() == ["b", "c", "a", "d"]
    room.run("chair", "speakers.reorder", request_id="d", position=0)
    assert room.queue() == ["d", "b", "c", "a"]
    room.run("chair", "speakers.reorder", request_id="a", position=3)  # already last
    assert room.queue() == ["d", "b", "c", "a"]
    v = room.state.list_version
    assert room.run("chair", "speakers.reorder", request_id="c", position=2) == ()
    assert room.state.list_version == v
    refusal = room.refused("chair", "speakers.reorder", request_id="c", position=4, list_version=v)
    assert (refusal.reason, refusal.field) == (BAD_REQUEST, "position")
    # Finished requests keep their place and do not count as positions.
    room.run("chair", "speakers.call", request_id="b")
    room.run("chair", "speakers.stop")
    room.run("chair", "speakers.reorder", request_id="a", position=0)
    assert room.queue() == ["a", "d", "c"]
    assert [r.id for r in room.state.requests] == ["a", "d", "b", "c"]
    v = room.state.list_version
    refusal = room.refused("chair", "speakers.reorder", request_id="b", position=0, list_version=v)
    assert refusal.reason == BAD_STATE
    # With finished requests before the waiting ones, positions still count waiting ones only.
    room.run("chair", "speakers.call", request_id="a")
    room.run("chair", "speakers.stop")
    assert room.queue() == ["d", "c"]
    room.run("chair", "speakers.reorder", request_id="d", position=1)
    assert room.queue() == ["c", "d"]
    assert [r.id for r in room.state.requests] == ["a", "b", "c", "d"]


def test_next_stops_the_speaker_and_calls_the_first_approved() -> None:
    room = Room()
    room.request("d1", "r-1")
    room.request("d2", "r-2")
    room.request("d3", "r-3")
    room.run("chair", "speakers.approve", request_id="r-3")
    room.run("chair", "speakers.approve", request_id="r-2")
    room.run("chair", "speakers.next")
    assert room.states() == {"r-1": "requested", "r-2": "speaking", "r-3": "approved"}
    events = room.run("chair", "speakers.next")
    assert [(e.data["request_id"], e.data["state"]) for e in events] == [
        ("r-2", "done"),
        ("r-3", "called"),
        ("r-3", "speaking"),
    ]
    # Nothing approved waits (r-1 is only requested): next ends the speaker.
    events = room.run("chair", "speakers.next")
    assert [(e.data["request_id"], e.data["state"]) for e in events] == [("r-3", "done")]
    assert room.state.current is None
    assert room.states()["r-1"] == "requested"


def test_call_approves_and_ends_whoever_had_the_floor() -> None:
    room = Room()
    room.request("d1", "r-1")
    room.request("d2", "r-2")
    room.run("chair", "speakers.call", request_id="r-2")  # not approved yet: the call approves it
    room.run("chair", "speakers.pause")
    room.run("chair", "speakers.call", request_id="r-1")
    assert room.states() == {"r-1": "speaking", "r-2": "done"}


def test_two_next_commands_made_on_the_same_list_apply_once() -> None:
    room = Room()
    for user, rid in (("d1", "r-1"), ("d2", "r-2"), ("d3", "r-3")):
        room.request(user, rid)
        room.run("chair", "speakers.approve", request_id=rid)
    room.run("chair", "speakers.next")
    seen = room.state.list_version  # both laptops show this list
    room.do("chair", "speakers.next", list_version=seen)
    refusal = room.refused("sec", "speakers.next", list_version=seen)
    assert refusal.reason == STALE
    assert room.states() == {"r-1": "done", "r-2": "speaking", "r-3": "approved"}
    # Any speaker event in between makes a command stale, a delegate's request too.
    seen = room.state.list_version
    room.request("d1", "r-4")
    assert room.refused("chair", "speakers.stop", list_version=seen).reason == STALE
    refusal = room.refused("chair", "speakers.approve", request_id="r-4", list_version=seen)
    assert refusal.reason == STALE
    assert room.refused("chair", "speakers.next", list_version=True).field == "list_version"
    assert room.refused("chair", "speakers.next").field == "list_version"


def test_speaking_time_runs_on_the_authority_clock_with_pauses() -> None:
    room = Room()
    room.request("d1", "r-1")
    room.run("chair", "speakers.call", request_id="r-1")
    start = room.now
    room.later(30_000)
    room.run("chair", "speakers.pause")
    room.later(10_000)  # paused: does not count
    paused = room.state.request("r-1")
    assert paused is not None and elapsed_ms(paused, room.now) == 30_000
    room.run("chair", "speakers.resume")
    room.later(5_000)
    speaking = room.state.request("r-1")
    assert speaking is not None and speaking.started_at == start + 40_000
    assert elapsed_ms(speaking, room.now) == 35_000
    # A client whose corrected clock is a little behind the event never shows less than spoken.
    assert elapsed_ms(speaking, start + 39_000) == 30_000
    room.later(15_000)
    room.run("chair", "speakers.stop")
    done = room.state.request("r-1")
    assert done is not None and done.spoken_ms == 50_000
    assert elapsed_ms(done, room.now + 3_600_000) == 50_000


def test_an_authority_clock_stepped_back_does_not_run_the_log_backwards() -> None:
    room = Room()
    room.request("d1", "r-1")
    room.run("chair", "speakers.call", request_id="r-1")
    room.later(-60_000)  # NTP stepped the server's clock back a minute
    (event,) = room.run("chair", "speakers.stop")
    assert event.at == T0
    done = room.state.request("r-1")
    assert done is not None and done.spoken_ms == 0
    assert [e.at for e in room.log] == sorted(e.at for e in room.log)


def test_unknown_commands_and_arguments() -> None:
    room = Room()
    assert room.refused("chair", "speakers.vote", list_version=0).reason == UNKNOWN_KIND
    assert room.refused("chair", "speakers.stop", list_version=0, force=True).field == "args"
    with pytest.raises(Refused) as caught:
        decide(LiveState("m-1"), "d1", "delegate", Command("speakers.request", []), T0)  # type: ignore[arg-type]
    assert caught.value.field == "args"
    with pytest.raises(Refused) as caught:
        decide(LiveState("m-1"), "bad actor", "delegate", Command("speakers.withdraw", {}), T0)
    assert caught.value.field == "actor"


def test_speaking_time_counts_from_the_epoch_itself() -> None:
    # A test authority (or a room hub) whose clock reads 0 still times the speaker.
    room = Room()
    room.now = 0
    room.request("d1", "r-1")
    room.run("chair", "speakers.call", request_id="r-1")
    room.later(5_000)
    room.run("chair", "speakers.pause")
    paused = room.state.request("r-1")
    assert paused is not None and paused.spoken_ms == 5_000


def test_a_member_may_make_only_so_many_requests_in_a_meeting() -> None:
    """Waiting and finished requests count together: a loop of requests and
    withdrawals stops at the cap, others may still ask, and a retry of a request
    already in the list is still answered as one (no event)."""
    room = Room()
    for n in range(MAX_REQUESTS_PER_USER):
        room.request("d1", f"r-{n}")
        if n < MAX_REQUESTS_PER_USER - 1:  # the last one stays waiting
            room.do("d1", "speakers.withdraw", request_id=f"r-{n}")
    assert room.state.requests_of("d1") == MAX_REQUESTS_PER_USER
    head = room.state.head_seq
    refusal = room.refused("d1", "speakers.request", request_id="r-over", type="interpellation",
                           to="Chủ tịch UBND", topic="Trường học")  # fmt: skip
    assert refusal.reason == TOO_MANY_REQUESTS
    assert room.state.head_seq == head
    assert room.do("d1", "speakers.request", request_id="r-1", type="speak") == ()
    room.request("d2", "r-other")  # another member is not counted with them
    assert room.state.request("r-other") is not None
