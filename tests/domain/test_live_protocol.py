"""The live wire records (protocol/live.py): round trips, strict parsing with
the protocol's error, and a parsed page that folds and verifies."""

from __future__ import annotations

from typing import Any

import pytest

from hanoi_desk.domain.live import GENESIS, LiveEvent, fold, verify_chain
from hanoi_desk.protocol import (
    Heartbeat,
    LiveCommandRequest,
    LiveCommandResult,
    LiveEventsPage,
    LiveEventWire,
    LiveHead,
    ProtocolError,
)
from live_rooms import Room


def _page() -> tuple[Room, dict[str, Any]]:
    room = Room()
    room.do("d1", "attendance.checkin", state="present")
    room.request(
        "d1", "r-1", "interpellation", to="Giám đốc Sở Y tế", topic="Bệnh viện tuyến huyện"
    )
    room.run("chair", "speakers.call", request_id="r-1")
    page = LiveEventsPage(
        tuple(LiveEventWire(**e.to_json()) for e in room.log),
        LiveHead(room.state.head_seq, room.state.head_hash),
        room.now,
        "delegate",
        "central",
    )
    return room, page.to_json()


def test_records_round_trip() -> None:
    _, page = _page()
    assert LiveEventsPage.parse(page).to_json() == page
    for record in (
        LiveCommandRequest("op-1", "speakers.next", {"list_version": 3}),
        LiveCommandResult("applied", None, (7, 8, 9)),
        LiveCommandResult("applied", None, ()),
        LiveCommandResult("refused", "stale", ()),
        LiveCommandResult("duplicate", None, (4,)),
        LiveCommandResult("duplicate", "forbidden", ()),
        Heartbeat(1_800_000_000_000, 12, "ab" * 32),
        LiveHead(0, GENESIS),
    ):
        assert type(record).parse(record.to_json()) == record


def test_a_parsed_page_verifies_and_folds_to_the_authoritys_state() -> None:
    room, page = _page()
    parsed = LiveEventsPage.parse(page)
    events = [LiveEvent(**e.fields()) for e in parsed.events]
    verify_chain(GENESIS, events)
    assert fold("m-1", events) == room.state
    assert parsed.head == LiveHead(room.state.head_seq, room.state.head_hash)


def _event(**change: Any) -> dict[str, Any]:
    _, page = _page()
    event: dict[str, Any] = page["events"][0]
    event.update(change)
    return event


@pytest.mark.parametrize(
    "event",
    [
        _event(seq=0),
        _event(seq=True),
        _event(seq="1"),
        _event(at=2**53),
        _event(at=-1),
        _event(kind="Attendance"),
        _event(kind="attendance..x"),
        _event(actor="d 1"),
        _event(meeting_id=""),
        _event(hash="AB" * 32),
        _event(prev_hash="0" * 63),
        _event(data=[]),
        _event(data={"x": 0.5}),
        _event(data={"x": 2**60}),
        _event(data={"x": "y" * 300_000}),
        _event(data={"a": [[[[[[[[[["deep"]]]]]]]]]]}),
        _event(data={"x": {1, 2}}),
    ],
)
def test_bad_events_are_refused(event: dict[str, Any]) -> None:
    with pytest.raises(ProtocolError):
        LiveEventWire.parse(event)


@pytest.mark.parametrize(
    "body",
    [
        {"op_id": "op 1", "kind": "speakers.next", "args": {}},
        {"op_id": "op-1", "kind": "speakers.next"},
        {"op_id": "op-1", "kind": "speakers.next", "args": {"list_version": 1.0}},
        {"op_id": "op-1", "kind": "speakers.next", "args": {"a": {"b": 1}}},
        {"op_id": "op-1", "kind": "speakers.next", "args": {"a": [1]}},
        {"op_id": "op-1", "kind": "speakers.request", "args": {"topic": "t" * 5000}},
        {"op_id": "op-1", "kind": "NEXT", "args": {}},
        [],
    ],
)
def test_bad_commands_are_refused(body: object) -> None:
    with pytest.raises(ProtocolError):
        LiveCommandRequest.parse(body)


@pytest.mark.parametrize(
    "body",
    [
        {"status": "refused", "reason": None, "seqs": []},
        {"status": "applied", "reason": "stale", "seqs": []},
        {"status": "refused", "reason": "stale", "seqs": [3]},
        {"status": "refused", "reason": "Stale!", "seqs": []},
        {"status": "applied", "reason": None, "seqs": [3, 3]},
        {"status": "applied", "reason": None, "seqs": [0]},
        {"status": "applied", "reason": None, "seqs": list(range(1, 100))},
        {"status": "rejected", "reason": "stale", "seqs": []},
        {"status": "applied", "reason": None},
    ],
)
def test_bad_results_are_refused(body: object) -> None:
    with pytest.raises(ProtocolError):
        LiveCommandResult.parse(body)


def test_bad_pages_and_heartbeats_are_refused() -> None:
    _, page = _page()
    gap = {**page, "events": [page["events"][0], page["events"][2]]}
    behind = {**page, "head": {"seq": 1, "hash": page["head"]["hash"]}}
    for bad in (
        gap,
        behind,
        {**page, "role": "Chair"},
        {**page, "authority": ""},
        {**page, "now": 1.5},
        {**page, "events": {}},
        {**page, "events": [page["events"][0]] * 1001},
    ):
        with pytest.raises(ProtocolError):
            LiveEventsPage.parse(bad)
    # A role this client does not know parses: it may simply do nothing.
    assert LiveEventsPage.parse({**page, "role": "observer"}).role == "observer"
    for hb in (
        {"now": 1, "seq": -1, "hash": GENESIS},
        {"now": 1, "seq": 0},
        {"seq": 0, "hash": GENESIS},
    ):
        with pytest.raises(ProtocolError):
            Heartbeat.parse(hb)


def test_errors_name_the_field_never_the_value() -> None:
    secret = "Nội dung mật\x1b[2J"
    with pytest.raises(ProtocolError) as caught:
        LiveEventWire.parse(_event(actor=secret))
    assert "actor" in str(caught.value) and "mật" not in str(caught.value)
    with pytest.raises(ProtocolError) as caught:
        LiveCommandRequest.parse({"op_id": "o", "kind": "k", "args": {"topic": {"t": secret}}})
    assert "args" in str(caught.value) and "mật" not in str(caught.value)
