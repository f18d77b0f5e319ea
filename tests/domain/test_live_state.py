"""The fold (domain.live.state): a decided sequence folds to the authority's
state, unknown kinds are skipped, malformed events refused, and the state
survives the client's cache as JSON."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from typing import Any

import pytest

from hanoi_desk.domain.live import (
    BadLiveData,
    LiveEvent,
    LiveState,
    Refused,
    fold,
    from_json,
    link_hash,
    to_json,
)
from live_rooms import Room

USERS = ["chair", "sec", "d1", "d2", "d3", "guest"]
STATES = ["present", "left", "excused", "absent", "expected"]


def _random_command(rng: random.Random, room: Room) -> tuple[str, str, dict[str, Any]]:
    actor = rng.choice(USERS)
    waiting = [r.id for r in room.state.queue]
    ids = waiting * 3 + [r.id for r in room.state.requests] + [f"r-{rng.randrange(40)}"]
    version = room.state.list_version if rng.random() < 0.85 else room.state.list_version - 1
    kind = rng.choice(
        ["attendance.checkin", "attendance.set", "attendance.substitute", "speakers.request",
         "speakers.request", "speakers.request", "speakers.withdraw", "speakers.approve",
         "speakers.approve", "speakers.reject", "speakers.call", "speakers.reorder",
         "speakers.pause", "speakers.resume", "speakers.stop", "speakers.next", "speakers.next"]
    )  # fmt: skip
    state = rng.choice(STATES)
    args: dict[str, Any] = {
        "attendance.checkin": {"state": state, "reason": "Ốm" if state == "excused" else None},
        "attendance.set": {"user": rng.choice(USERS), "state": state}
        | ({"reason": "Công tác"} if state == "excused" else {}),
        "attendance.substitute": {"substitute": rng.choice(["", "Phạm Văn Đồng", "Lê Lợi"])},
        "speakers.request": {
            # Mostly a new request; sometimes one sent again, or another's id.
            "request_id": rng.choice([f"r-{room.state.head_seq}"] * 4 + ids),
            "type": rng.choice(["speak", "point_of_order"]),
        },
        "speakers.withdraw": {"request_id": rng.choice(ids)},
        "speakers.reorder": {
            "request_id": rng.choice(ids),
            "position": rng.randrange(4),
            "list_version": version,
        },
    }.get(kind, {"request_id": rng.choice(ids), "list_version": version})
    if kind in ("speakers.pause", "speakers.resume", "speakers.stop", "speakers.next"):
        args = {"list_version": version}
    if kind == "attendance.checkin" and args["reason"] is None:
        del args["reason"]
    # Mostly someone who may: a walk of refusals would test little.
    if kind.startswith("speakers.") and kind not in ("speakers.request", "speakers.withdraw"):
        actor = rng.choice(["chair", "sec", "chair", "sec", actor])
    if kind == "speakers.withdraw" and rng.random() < 0.8:
        owner = room.state.request(args["request_id"])
        actor = owner.user if owner is not None else actor
    return actor, kind, args


@pytest.mark.parametrize("seed", range(8))
def test_folding_the_log_gives_the_authoritys_state(seed: int) -> None:
    rng = random.Random(seed)
    room = Room()
    applied = refused = 0
    snapshots: list[LiveState] = []
    for _ in range(600):
        actor, kind, args = _random_command(rng, room)
        room.later(rng.randrange(0, 20_000))
        try:
            room.do(actor, kind, **args)
            applied += 1
        except Refused:
            refused += 1
        snapshots.append(room.state)
    assert applied > 50 and refused > 50  # the walk really went both ways
    seen = {r.state.value for state in snapshots for r in state.requests}
    assert seen >= {"requested", "approved", "withdrawn", "speaking", "paused", "done"}
    # A client folding the whole log, or catching up from any cached point,
    # arrives at the authority's state.
    assert fold("m-1", room.log) == room.state
    for cached in snapshots[::37]:
        restored = from_json(json.loads(json.dumps(to_json(cached))))
        assert restored == cached
        assert fold("m-1", room.log[cached.head_seq :], restored) == room.state


def test_apply_leaves_the_old_state_alone() -> None:
    room = Room()
    room.do("d1", "attendance.checkin", state="present")
    before = room.state
    room.request("d1", "r-1")
    room.do("d2", "attendance.checkin", state="present")
    assert before.requests == () and set(before.attendance) == {"d1"}
    with pytest.raises(TypeError):
        room.state.attendance["d9"] = before.attendance["d1"]  # type: ignore[index]


def _next_event(state: LiveState, kind: str, data: dict[str, Any], at: int = 1) -> LiveEvent:
    event = LiveEvent(
        state.head_seq + 1, state.meeting_id, kind, "d1", at, data, state.head_hash, ""
    )
    return replace(event, hash=link_hash(state.head_hash, event))


def test_an_unknown_event_kind_only_moves_the_head() -> None:
    room = Room()
    room.request("d1", "r-1")
    newer = _next_event(room.state, "election.opened", {"election_id": "e-1", "seats": 3})
    after = fold("m-1", [newer], room.state)
    assert (after.head_seq, after.head_hash) == (newer.seq, newer.hash)
    assert replace(after, head_seq=room.state.head_seq, head_hash=room.state.head_hash) == replace(
        room.state, head_at=after.head_at
    )
    assert after.list_version == room.state.list_version


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("attendance", {"user": "d1", "state": "asleep", "reason": ""}),
        ("attendance", {"user": "d1", "state": "present"}),
        ("substitute", {"user": 5, "substitute": ""}),
        (
            "speaker.requested",
            {
                "request_id": "r-1",
                "user": "d1",
                "type": "speak",
                "to": "",
                "topic": "",
                "position": -1,
            },
        ),
        ("speaker.state", {"request_id": "r-404", "state": "done"}),
        ("speaker.order", {"request_id": "r-1", "position": True}),
    ],
)
def test_a_malformed_known_event_is_refused(kind: str, data: dict[str, Any]) -> None:
    room = Room()
    room.request("d1", "r-1")
    with pytest.raises(BadLiveData) as caught:
        fold("m-1", [_next_event(room.state, kind, data)], room.state)
    assert caught.value.seq == room.state.head_seq + 1


def test_the_same_request_id_twice_is_refused_by_the_fold() -> None:
    room = Room()
    room.request("d1", "r-1")
    data = {
        "request_id": "r-1",
        "user": "d2",
        "type": "speak",
        "to": "",
        "topic": "",
        "position": 0,
    }
    with pytest.raises(BadLiveData):
        fold("m-1", [_next_event(room.state, "speaker.requested", data)], room.state)


def test_the_stored_state_is_checked_when_read_back() -> None:
    room = Room()
    room.do("d1", "attendance.checkin", state="excused", reason="Đi học")
    room.request("d2", "r-1")
    good = to_json(room.state)
    assert from_json(good) == room.state
    bad_cases: list[dict[str, Any]] = [
        {**good, "format": 1},  # the form before polls: refolded from the events
        {**good, "head_hash": room.state.head_hash.upper()},
        {**good, "requests": [*good["requests"], *good["requests"]]},
        {**good, "attendance": [{"user": "d1", "state": "gone", "reason": "", "substitute": ""}]},
        {**good, "list_version": -1},
        {k: v for k, v in good.items() if k != "requests"},
    ]
    for bad in bad_cases:
        with pytest.raises(BadLiveData):
            from_json(bad)
    with pytest.raises(BadLiveData):
        from_json([good])
