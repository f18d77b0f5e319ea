"""The current agenda item (domain.live): ``agenda.current`` is the chair's and
the secretary's, names one of the meeting's agenda items, folds into
``LiveState.current_item`` and survives the client's cached state; a cache of
the form before it refolds."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.live import (
    BAD_REQUEST,
    FORBIDDEN,
    NOT_FOUND,
    BadLiveData,
    EventKind,
    fold,
    from_json,
    to_json,
)
from live_rooms import Room


def _room() -> Room:
    room = Room()
    room.items = {"item-1", "item-2", "item-3"}
    return room


def test_the_chair_makes_an_item_current_and_the_fold_holds_it() -> None:
    room = _room()
    assert room.state.current_item is None
    (event,) = room.do("chair", "agenda.current", item="item-2")
    assert event.kind == EventKind.AGENDA_CURRENT.value
    assert dict(event.data) == {"item": "item-2"}
    assert room.state.current_item == "item-2"
    # A client folding the log reaches the authority's state.
    assert fold("m-1", room.log).current_item == "item-2"
    room.do("sec", "agenda.current", item="item-3")
    assert room.state.current_item == "item-3"
    assert fold("m-1", room.log).current_item == "item-3"


def test_moving_to_another_item_leaves_the_speakers_list_version_alone() -> None:
    # A chair's list command made before the secretary moved on is not stale.
    room = _room()
    before = room.state.list_version
    room.do("sec", "agenda.current", item="item-1")
    assert room.state.list_version == before


def test_the_current_item_again_appends_nothing() -> None:
    room = _room()
    room.do("chair", "agenda.current", item="item-1")
    assert room.do("sec", "agenda.current", item="item-1") == ()
    assert len(room.log) == 1


def test_an_item_outside_the_meetings_agenda_is_not_found() -> None:
    room = _room()
    assert room.refused("chair", "agenda.current", item="item-9").reason == NOT_FOUND
    assert room.state.current_item is None


@pytest.mark.parametrize("who", ["d1", "guest", "admin"])
def test_only_the_chair_and_secretary_move_the_agenda(who: str) -> None:
    room = _room()
    assert room.refused(who, "agenda.current", item="item-1").reason == FORBIDDEN


@pytest.mark.parametrize(
    "args",
    [{}, {"item": ""}, {"item": 2}, {"item": "../etc"}, {"item": "item-1", "extra": 1}],
)
def test_a_bad_item_is_refused(args: dict[str, object]) -> None:
    assert _room().refused("chair", "agenda.current", **args).reason == BAD_REQUEST


def test_the_current_item_survives_the_cached_state() -> None:
    room = _room()
    assert from_json(to_json(room.state)).current_item is None
    room.do("chair", "agenda.current", item="item-2")
    assert from_json(to_json(room.state)) == room.state
    assert from_json(to_json(room.state)).current_item == "item-2"


def test_a_cached_state_of_the_form_before_is_refolded() -> None:
    # The form before the current item (format 4) is read as "refold the events".
    room = _room()
    room.do("chair", "agenda.current", item="item-2")
    stored = to_json(room.state)
    old = {k: v for k, v in stored.items() if k != "current_item"}
    for bad in ({**old, "format": 4}, old, {**stored, "current_item": "../x"}):
        with pytest.raises(BadLiveData):
            from_json(bad)
