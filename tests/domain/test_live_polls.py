"""Polls and rounds (domain.live.votes and the fold): the state machine, every
refusal, the snapshot a round takes, the close and the re-vote, and that the
fold of the authority's log gives the authority's state."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from hanoi_desk.domain.live import (
    BAD_REQUEST,
    DEFAULT_GRACE_MS,
    DEFAULT_OPTIONS,
    FORBIDDEN,
    GRACE_RUNNING,
    NO_QUORUM,
    NO_SUCH_POLL,
    NOT_FOUND,
    POLL_RUNNING,
    POLL_STATE,
    STALE_ROUND,
    BadLiveData,
    Base,
    BodySettings,
    Command,
    LiveEvent,
    PollKind,
    PollStatus,
    Role,
    RoundStatus,
    TallyMismatch,
    Threshold,
    decide,
    due_closes,
    fold,
    from_json,
    seal,
    to_json,
)
from vote_rooms import VoteRoom, council


def _room(members: int = 5, body: BodySettings | None = None) -> VoteRoom:
    room = VoteRoom(roster=council(members), body=body)
    room.checkin()
    return room


def test_create_takes_the_defaults_and_the_bodys_rule() -> None:
    room = _room(body=BodySettings(base=Base.PRESENT, threshold=Threshold.TWO_THIRDS))
    (event,) = room.do(
        "sec", "poll.create", poll="p-1", item="item-1", title="  Nghị quyết số 1  ", kind="named"
    )
    assert event.kind == "poll.created"
    assert event.data == {
        "poll": "p-1",
        "item": "item-1",
        "title": "Nghị quyết số 1",
        "kind": "named",
        "options": [
            {"label": "Đồng ý", "text": False},
            {"label": "Không đồng ý", "text": False},
            {"label": "Ý kiến khác", "text": True},
        ],
        "base": "present",
        "threshold": "two_thirds",
    }
    poll = room.state.poll("p-1")
    assert poll is not None
    assert (poll.status, poll.options, poll.kind) == (PollStatus.DRAFT, DEFAULT_OPTIONS, "named")
    assert poll.current is None and room.state.voting is None


def test_create_with_options_and_an_overridden_rule() -> None:
    room = _room()
    room.create(
        kind="secret",
        options=["Tán thành", "Không tán thành", "Ý kiến khác"],
        text_option=2,
        base="members",
        threshold="two_thirds",
    )
    poll = room.state.poll("p-1")
    assert poll is not None
    assert [(o.label, o.text) for o in poll.options] == [
        ("Tán thành", False),
        ("Không tán thành", False),
        ("Ý kiến khác", True),
    ]
    assert (poll.kind, poll.base, poll.threshold) == (
        PollKind.SECRET,
        Base.MEMBERS,
        Threshold.TWO_THIRDS,
    )


def test_create_again_is_one_poll_and_another_content_is_refused() -> None:
    room = _room()
    room.create()
    assert (
        room.do(
            "chair",
            "poll.create",
            poll="p-1",
            item="item-1",
            title="Nghị quyết về dự toán ngân sách năm 2027",
            kind="named",
        )
        == ()
    )
    refusal = room.refused(
        "chair", "poll.create", poll="p-1", item="item-1", title="Khác", kind="named"
    )
    assert (refusal.reason, refusal.field) == (BAD_REQUEST, "poll")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"kind": "open"}, "kind"),
        ({"kind": None}, "kind"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"title": "A\u202eB"}, "title"),
        ({"poll": "p 1"}, "poll"),
        ({"item": ""}, "item"),
        ({"options": ["Có"]}, "options"),
        ({"options": ["Có", "có"]}, "options"),
        ({"options": [str(i) for i in range(11)]}, "options"),
        ({"options": ["Có", "x" * 101]}, "options"),
        ({"options": "Có,Không"}, "options"),
        ({"options": ["Có", "Không"], "text_option": 2}, "text_option"),
        ({"options": ["Có", "Không"], "text_option": True}, "text_option"),
        ({"text_option": 2}, "text_option"),
        ({"base": "everyone"}, "base"),
        ({"threshold": "half"}, "threshold"),
        ({"quorum": "none"}, "args"),
    ],
)
def test_create_refuses_bad_arguments(args: dict[str, Any], field: str) -> None:
    room = _room()
    full = {"poll": "p-1", "item": "item-1", "title": "Nghị quyết", "kind": "named", **args}
    refusal = room.refused("chair", "poll.create", **full)
    assert (refusal.reason, refusal.field) == (BAD_REQUEST, field)


def test_a_poll_belongs_to_an_item_of_the_meeting() -> None:
    room = _room()
    refusal = room.refused(
        "chair", "poll.create", poll="p-1", item="item-9", title="T", kind="named"
    )
    assert refusal.reason == NOT_FOUND


@pytest.mark.parametrize("actor", ["d001", "guest0", "admin"])
@pytest.mark.parametrize(
    "kind",
    ["poll.create", "poll.open", "poll.closing", "poll.extend", "poll.close", "poll.publish"],
)
def test_only_the_chair_and_secretary_run_polls(actor: str, kind: str) -> None:
    room = _room()
    room.create()
    room.open()
    assert room.refused(actor, kind, poll="p-1", round=1).reason == FORBIDDEN


def test_open_takes_the_snapshot_and_anchors_the_round() -> None:
    room = VoteRoom(roster=council(6))
    room.checkin("chair", "sec", "d001", "d002")
    room.do("d003", "attendance.checkin", state="excused", reason="Công tác")
    room.create()
    (event,) = room.do("chair", "poll.open", poll="p-1", round=1)
    assert event.kind == "poll.opened"
    assert event.data == {
        "poll": "p-1",
        "round": 1,
        "voters": ["chair", "d001", "d002", "d003", "d004", "sec"],
        "present": ["chair", "d001", "d002", "sec"],
        "delegations": {},
        "substitutes_may_vote": False,
    }
    r = room.round()
    assert (r.number, r.open_seq, r.open_hash, r.opened_at) == (1, event.seq, event.hash, event.at)
    assert r.status is RoundStatus.OPEN and r.cast == 0
    assert r.not_voted == {"chair", "d001", "d002", "sec"}
    assert room.state.voting is not None and room.state.voting[1] == r
    # Arriving after the round opened changes nothing in it.
    room.do("d004", "attendance.checkin", state="present")
    assert room.round().entitlement == r.entitlement


def test_a_substitute_counts_only_where_the_body_allows() -> None:
    for allowed in (False, True):
        room = VoteRoom(
            roster=council(3),
            body=BodySettings(substitute_may_vote=allowed, quorum=Threshold.MAJORITY),
        )
        room.checkin()
        room.do("d001", "attendance.substitute", substitute="Nguyễn Văn B")
        room.create()
        assert ("d001" in room.open().entitlement.present) is allowed


def test_no_quorum_no_vote() -> None:
    room = VoteRoom(roster=council(30))
    room.checkin(*[f"d{i:03}" for i in range(1, 20)])  # 19 of 30: two thirds is 20
    room.create()
    assert room.refused("chair", "poll.open", poll="p-1", round=1).reason == NO_QUORUM
    room.do("chair", "attendance.checkin", state="present")  # the 20th
    assert room.open().entitlement.present >= {"chair"}


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ({"poll": "p-9", "round": 1}, NO_SUCH_POLL),
        ({"poll": "p-1", "round": 2}, STALE_ROUND),
        ({"poll": "p-1", "round": 0}, BAD_REQUEST),
        ({"poll": "p-1"}, BAD_REQUEST),
    ],
)
def test_open_refusals(args: dict[str, Any], reason: str) -> None:
    room = _room()
    room.create()
    assert room.refused("chair", "poll.open", **args).reason == reason


def test_open_twice_is_one_round_and_the_client_needs_the_roster() -> None:
    room = _room()
    room.create()
    room.open()
    assert room.do("sec", "poll.open", poll="p-1", round=1) == ()  # the second laptop's click
    room.close()
    with pytest.raises(ValueError, match="roster"):
        decide(
            room.state,
            "chair",
            Role.CHAIR,
            Command("poll.open", {"poll": "p-1", "round": 2}),
            room.now,
        )


def test_one_vote_at_a_time_and_a_new_round_only_after_the_close() -> None:
    room = _room()
    room.create("p-1")
    room.create("p-2")
    room.open("p-1")
    assert room.refused("chair", "poll.open", poll="p-2", round=1).reason == POLL_RUNNING
    assert room.refused("chair", "poll.open", poll="p-1", round=2).reason == POLL_STATE
    room.close("p-1")
    room.open("p-2")
    room.close("p-2")
    # Re-vote: a new round; the first round stays with its result.
    second = room.open("p-1")
    poll = room.state.poll("p-1")
    assert poll is not None
    assert [r.number for r in poll.rounds] == [1, 2] and second.number == 2
    assert poll.rounds[0].status is RoundStatus.CLOSED and poll.rounds[0].result is not None
    assert second.open_hash != poll.rounds[0].open_hash
    # The screen that still shows round 1 is stale.
    assert room.refused("chair", "poll.closing", poll="p-1", round=1).reason == STALE_ROUND
    assert room.refused("chair", "poll.open", poll="p-1", round=1).reason == STALE_ROUND


def test_closing_extend_and_close_with_the_grace_period() -> None:
    room = _room()
    room.create()
    room.open()
    assert room.refused("chair", "poll.extend", poll="p-1", round=1, ms=5000).reason == POLL_STATE
    assert room.refused("chair", "poll.close", poll="p-1", round=1).reason == POLL_STATE
    (closing,) = room.do("chair", "poll.closing", poll="p-1", round=1)
    assert closing.data == {"poll": "p-1", "round": 1, "until": closing.at + DEFAULT_GRACE_MS}
    r = room.round()
    assert (r.status, r.until, r.closing_by) == (RoundStatus.CLOSING, closing.at + 10_000, "chair")
    assert room.do("sec", "poll.closing", poll="p-1", round=1) == ()  # a second click
    assert room.state.poll("p-1").status is PollStatus.CLOSING  # type: ignore[union-attr]
    room.later(9_999)
    assert due_closes(room.state, room.now) == []
    assert room.refused("sec", "poll.close", poll="p-1", round=1).reason == GRACE_RUNNING
    (extended,) = room.do("sec", "poll.extend", poll="p-1", round=1, ms=30_000)
    assert extended.data["until"] == closing.at + 40_000
    room.later(35_000)
    assert due_closes(room.state, room.now) == [("p-1", 1, "chair")]
    # The period ran out but the close is not written: an extension counts from now.
    (late,) = room.do("sec", "poll.extend", poll="p-1", round=1, ms=1_000)
    assert late.data["until"] == room.now + 1_000
    room.later(1_000)
    (closed,) = room.do("chair", "poll.close", poll="p-1", round=1)
    assert closed.kind == "poll.closed" and closed.data["cast"] == 0
    assert room.round().status is RoundStatus.CLOSED and due_closes(room.state, room.now) == []
    assert room.do("chair", "poll.close", poll="p-1", round=1) == ()  # the timer's close, too late


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("poll.closing", {"grace_ms": 600_001}),
        ("poll.closing", {"grace_ms": -1}),
        ("poll.extend", {"ms": 0}),
        ("poll.extend", {"ms": 600_001}),
        ("poll.extend", {}),
    ],
)
def test_grace_bounds(kind: str, args: dict[str, Any]) -> None:
    room = _room()
    room.create()
    room.open()
    if kind == "poll.extend":
        room.do("chair", "poll.closing", poll="p-1", round=1)
    assert room.refused("chair", kind, poll="p-1", round=1, **args).reason == BAD_REQUEST


def test_the_close_needs_the_rounds_ballots_and_refuses_others() -> None:
    room = _room()
    room.create()
    room.open()
    room.vote("d001", 0)
    room.do("chair", "poll.closing", poll="p-1", round=1, grace_ms=0)
    with pytest.raises(ValueError, match="ballots"):
        decide(
            room.state,
            "chair",
            Role.CHAIR,
            Command("poll.close", {"poll": "p-1", "round": 1}),
            room.now,
        )
    # Ballots lost by the store (or one too many) never give a published tally.
    room.named[("p-1", 1)].clear()
    before = room.state
    with pytest.raises(TallyMismatch):
        room.do("chair", "poll.close", poll="p-1", round=1)
    assert room.state == before


def test_publish_is_final() -> None:
    room = _room()
    room.create()
    room.open()
    assert room.refused("chair", "poll.publish", poll="p-1", round=1).reason == POLL_STATE
    room.close()
    (published,) = room.do("sec", "poll.publish", poll="p-1", round=1)
    assert published.data == {"poll": "p-1", "round": 1}
    poll = room.state.poll("p-1")
    assert poll is not None and (poll.status, poll.published_round) == (PollStatus.PUBLISHED, 1)
    assert room.do("chair", "poll.publish", poll="p-1", round=1) == ()
    assert room.refused("chair", "poll.open", poll="p-1", round=2).reason == POLL_STATE


def test_poll_events_leave_the_speakers_list_alone() -> None:
    room = _room()
    version = room.state.list_version
    room.create()
    room.open()
    room.vote("d001", 1)
    room.close()
    assert room.state.list_version == version


def test_the_fold_of_the_log_is_the_authoritys_state_and_survives_json() -> None:
    room = _room(7)
    room.create("p-1")
    room.create("p-2", kind="secret")
    room.open("p-1")
    for member, choice in (("d001", 0), ("d002", 1), ("chair", 2)):
        room.vote(member, choice, "Cần bổ sung số liệu" if choice == 2 else "")
    room.close("p-1")
    room.open("p-1")
    room.vote("d003", 0)
    room.close("p-1", grace_ms=5)
    room.do("chair", "poll.publish", poll="p-1", round=2)
    room.open("p-2")
    room.vote("sec", 0)
    assert fold(room.state.meeting_id, room.log) == room.state
    assert from_json(to_json(room.state)) == room.state
    poll = room.state.poll("p-1")
    assert poll is not None and [r.cast for r in poll.rounds] == [3, 1]


def _append(room: VoteRoom, kind: str, data: dict[str, Any], actor: str = "chair") -> LiveEvent:
    from hanoi_desk.domain.live import EventBody, EventKind

    return seal(room.state, actor, EventBody(EventKind(kind), data), room.now)


def test_the_fold_refuses_poll_events_the_rules_never_write() -> None:
    room = _room()
    room.create()
    room.open()
    room.vote("d001", 0)
    result = {
        "counts": [1, 0, 0],
        "cast": 1,
        "base_count": 5,
        "needed": 3,
        "passed": False,
        "root": "0" * 64,
        "participation_root": None,
    }
    bad = [
        ("poll.created", {**room.log[-3].data}),  # the same poll again
        ("poll.opened", {**room.log[-2].data, "round": 2}),  # a round while one is open
        ("ballot.cast", {"poll": "p-1", "round": 1, "member": "d001", "receipt": "0" * 64}),
        ("ballot.cast", {"poll": "p-1", "round": 1, "member": "guest0", "receipt": "0" * 64}),
        ("ballot.cast", {"poll": "p-1", "round": 2, "member": "d002", "receipt": "0" * 64}),
        ("poll.closed", {"poll": "p-1", "round": 1, **result}),  # not closing
        ("poll.extended", {"poll": "p-1", "round": 1, "until": 5}),  # not closing
        ("poll.published", {"poll": "p-1", "round": 1}),  # not closed
        ("poll.closing", {"poll": "p-9", "round": 1, "until": 5}),
    ]
    for kind, data in bad:
        with pytest.raises(BadLiveData):
            fold(room.state.meeting_id, [_append(room, kind, data)], room.state)
    room.do("chair", "poll.closing", poll="p-1", round=1, grace_ms=0)
    close = room.bulletin("p-1", 1)
    assert len(close.named) == 1
    good = room.do("chair", "poll.close", poll="p-1", round=1)[0]
    room.state = fold(room.state.meeting_id, room.log[:-1])
    for data in (
        {**good.data, "cast": 2},
        {**good.data, "counts": [2, 0, 0], "cast": 2},
        {**good.data, "counts": [1, 0]},
        {**good.data, "root": "xyz"},
        {**good.data, "passed": 1},
    ):
        with pytest.raises(BadLiveData):
            fold(room.state.meeting_id, [_append(room, "poll.closed", data)], room.state)
    assert fold(room.state.meeting_id, [replace(good)], room.state).poll("p-1") is not None
