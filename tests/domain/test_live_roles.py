"""The live permission table (domain.live.roles), and that decide() goes by it.

The expected matrix is written out here by hand, not derived from the table it
checks, so a change of the table shows up as a change of this file."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.live import FORBIDDEN, CommandKind, Role, acts_on_self_only, may
from live_rooms import Room

# C = chair, S = secretary, D = delegate, G = guest, A = admin: who may send it.
MATRIX = {
    "attendance.checkin": "CSD",
    "attendance.set": "CS",
    "attendance.substitute": "CSD",
    "attendance.delegate": "CSD",
    "speakers.request": "CSD",
    "speakers.withdraw": "CSD",
    "speakers.approve": "CS",
    "speakers.reject": "CS",
    "speakers.call": "CS",
    "speakers.reorder": "CS",
    "speakers.pause": "CS",
    "speakers.resume": "CS",
    "speakers.stop": "CS",
    "speakers.next": "CS",
    "poll.create": "CS",
    "poll.open": "CS",
    "poll.closing": "CS",
    "poll.extend": "CS",
    "poll.close": "CS",
    "poll.publish": "CS",
    "presenter.show": "CS",
    "agenda.current": "CS",
}
LETTER = {
    Role.CHAIR: "C",
    Role.SECRETARY: "S",
    Role.DELEGATE: "D",
    Role.GUEST: "G",
    Role.ADMIN: "A",
}


def test_the_matrix_names_every_command_kind() -> None:
    assert set(MATRIX) == {k.value for k in CommandKind}


@pytest.mark.parametrize("kind", sorted(MATRIX))
@pytest.mark.parametrize("role", list(Role))
def test_permission_matrix(role: Role, kind: str) -> None:
    assert may(role, kind) is (LETTER[role] in MATRIX[kind])
    assert may(role.value, CommandKind(kind)) is (LETTER[role] in MATRIX[kind])


def test_guest_and_admin_may_do_nothing_and_unknown_names_nothing() -> None:
    for role in (Role.GUEST, Role.ADMIN, "observer", ""):
        assert [k for k in CommandKind if may(role, k)] == []
    assert not may(Role.CHAIR, "speakers.vote")


@pytest.mark.parametrize(
    ("actor", "kind", "args"),
    [
        ("guest", "attendance.checkin", {"state": "present"}),
        ("guest", "speakers.request", {"request_id": "g-1", "type": "speak"}),
        ("admin", "attendance.checkin", {"state": "present"}),
        ("admin", "speakers.next", {"list_version": 0}),
        ("admin", "attendance.set", {"user": "d1", "state": "present"}),
        ("d1", "attendance.set", {"user": "d2", "state": "absent"}),
        ("d1", "speakers.next", {"list_version": 0}),
        ("d1", "speakers.approve", {"request_id": "r-1", "list_version": 1}),
    ],
)
def test_decide_refuses_what_the_role_may_not(
    actor: str, kind: str, args: dict[str, object]
) -> None:
    room = Room()
    room.request("d2", "r-1")
    assert room.refused(actor, kind, **args).reason == FORBIDDEN


def test_nobody_withdraws_someone_elses_request() -> None:
    assert acts_on_self_only("speakers.withdraw")
    assert acts_on_self_only("attendance.checkin")
    assert not acts_on_self_only("speakers.next")
    assert not acts_on_self_only("attendance.set")
    room = Room()
    room.request("d1", "r-1")
    for someone in ("d2", "chair", "sec"):
        assert room.refused(someone, "speakers.withdraw", request_id="r-1").reason == FORBIDDEN
    room.do("d1", "speakers.withdraw", request_id="r-1")
    assert room.states() == {"r-1": "withdrawn"}


def test_checkin_and_substitute_act_on_the_sender() -> None:
    room = Room()
    room.do("chair", "attendance.checkin", state="present")
    room.do("d1", "attendance.substitute", substitute="Trần Văn Bình")
    assert room.state.attendance_of("chair").state == "present"
    assert room.state.attendance_of("d1").substitute == "Trần Văn Bình"
    assert set(room.state.attendance) == {"chair", "d1"}
