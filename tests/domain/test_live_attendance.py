"""Attendance and substitutes (domain.live.rules): absolute states, reasons,
who sets whom, and the argument checks both sides share."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.live import BAD_REQUEST, MAX_TEXT, NOT_FOUND, AttendanceState
from live_rooms import Room


def test_a_retried_checkin_changes_nothing() -> None:
    room = Room()
    assert len(room.do("d1", "attendance.checkin", state="present")) == 1
    head = room.state.head_seq
    for _ in range(3):
        assert room.do("d1", "attendance.checkin", state="present") == ()
    assert room.state.head_seq == head
    assert room.state.attendance_of("d1").state is AttendanceState.PRESENT
    assert room.do("d1", "attendance.checkin", state="left")[0].data == {
        "user": "d1",
        "state": "left",
        "reason": "",
    }


def test_excused_needs_a_reason_and_only_excused_has_one() -> None:
    room = Room()
    refusal = room.refused("d1", "attendance.checkin", state="excused")
    assert (refusal.reason, refusal.field) == (BAD_REQUEST, "reason")
    assert room.refused("d1", "attendance.checkin", state="excused", reason="  ").field == "reason"
    assert room.refused("d1", "attendance.checkin", state="present", reason="ốm").field == "reason"
    room.do("d1", "attendance.checkin", state="excused", reason="  Đi công tác  ")
    assert room.state.attendance_of("d1").reason == "Đi công tác"
    assert room.do("d1", "attendance.checkin", state="excused", reason="Đi công tác") == ()
    assert len(room.do("d1", "attendance.checkin", state="excused", reason="Ốm")) == 1
    room.do("d1", "attendance.checkin", state="present")
    assert room.state.attendance_of("d1").reason == ""  # the reason goes with the absence


def test_chair_and_secretary_set_others_attendance() -> None:
    room = Room()
    room.do("sec", "attendance.set", user="d2", state="excused", reason="Họp ở tỉnh")
    room.do("chair", "attendance.set", user="d3", state="present")
    assert room.do("chair", "attendance.set", user="d3", state="present") == ()
    assert room.state.attendance_of("d2").state is AttendanceState.EXCUSED
    assert [e.actor for e in room.log] == ["sec", "chair"]
    # Only the secretary's undo puts someone back to "nobody said anything yet".
    room.do("sec", "attendance.set", user="d3", state="expected")
    assert room.state.attendance_of("d3").state is AttendanceState.EXPECTED
    assert room.refused("d1", "attendance.checkin", state="expected").field == "state"


@pytest.mark.parametrize("user", ["guest", "admin", "nobody"])
def test_attendance_is_set_only_for_members_of_the_meeting(user: str) -> None:
    room = Room()
    assert room.refused("chair", "attendance.set", user=user, state="present").reason == NOT_FOUND


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"state": "here"}, "state"),
        ({"state": 1}, "state"),
        ({}, "state"),
        ({"state": "present", "user": "d2"}, "args"),  # check-in is for oneself only
        ({"state": "excused", "reason": "x" * (MAX_TEXT + 1)}, "reason"),
        ({"state": "excused", "reason": "ốm\x1b[2J"}, "reason"),
        ({"state": "excused", "reason": "ốm\u202e"}, "reason"),
        ({"state": "excused", "reason": 5}, "reason"),
    ],
)
def test_bad_checkins_are_refused_with_the_field(args: dict[str, object], field: str) -> None:
    refusal = Room().refused("d1", "attendance.checkin", **args)
    assert (refusal.reason, refusal.field) == (BAD_REQUEST, field)
    # The message names the field, never the value sent.
    assert field in str(refusal) and "\x1b" not in str(refusal) and "xxxx" not in str(refusal)


def test_set_attendance_checks_the_user_id() -> None:
    refusal = Room().refused("chair", "attendance.set", user="../d1", state="present")
    assert (refusal.reason, refusal.field) == (BAD_REQUEST, "user")


def test_a_delegate_names_and_clears_their_substitute() -> None:
    room = Room()
    room.do("d1", "attendance.substitute", substitute="Nguye\u0302\u0303n Văn An ")
    assert room.state.attendance_of("d1").substitute == "Nguyễn Văn An"  # NFC, trimmed
    assert room.do("d1", "attendance.substitute", substitute="Nguyễn Văn An") == ()
    room.do("d1", "attendance.substitute", substitute="")
    assert room.state.attendance_of("d1").substitute == ""
    assert room.refused("d1", "attendance.substitute", substitute="A\nB").field == "substitute"
    assert room.refused("d1", "attendance.substitute", substitute="a" * 201).field == "substitute"
    refusal = room.refused("chair", "attendance.substitute", substitute="X", user="d2")
    assert refusal.field == "args"  # nobody names a substitute for someone else


def test_substitute_and_attendance_are_kept_apart() -> None:
    room = Room()
    room.do("d1", "attendance.substitute", substitute="Lê Thị Hoa")
    room.do("d1", "attendance.checkin", state="present")
    a = room.state.attendance_of("d1")
    assert (a.state, a.substitute) == (AttendanceState.PRESENT, "Lê Thị Hoa")
    assert room.state.list_version == 0  # attendance is no speaker event
