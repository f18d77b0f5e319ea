"""Follow the presenter (domain.live): ``presenter.show`` is the chair's and the
secretary's; the event ``presenter.shown`` folds into ``LiveState.presented``;
only the position travels, and it survives the client's cached state."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.live import (
    BAD_REQUEST,
    FORBIDDEN,
    EventKind,
    Presented,
    fold,
    from_json,
    to_json,
)
from live_rooms import Room


def test_the_secretary_presents_a_page_and_the_fold_holds_it() -> None:
    room = Room()
    assert room.state.presented is None
    (event,) = room.do("sec", "presenter.show", document_version="v-7", page=7)
    assert event.kind == EventKind.PRESENTER_SHOWN.value
    assert dict(event.data) == {"document_version": "v-7", "page": 7}
    assert room.state.presented == Presented("v-7", 7, event.seq)
    # A client folding the log reaches the authority's state.
    assert fold("m-1", room.log).presented == room.state.presented
    (later,) = room.do("chair", "presenter.show", document_version="v-7", page=8)
    assert room.state.presented == Presented("v-7", 8, later.seq)


def test_presenting_leaves_the_speakers_list_version_alone() -> None:
    # A chair's list command made before the secretary turned a page is not stale.
    room = Room()
    before = room.state.list_version
    room.do("sec", "presenter.show", document_version="v-1", page=2)
    assert room.state.list_version == before


def test_the_same_page_again_appends_nothing() -> None:
    room = Room()
    room.do("sec", "presenter.show", document_version="v-1", page=3)
    assert room.do("sec", "presenter.show", document_version="v-1", page=3) == ()


@pytest.mark.parametrize("who", ["d1", "guest", "admin"])
def test_only_the_chair_and_secretary_present(who: str) -> None:
    room = Room()
    refusal = room.refused(who, "presenter.show", document_version="v-1", page=1)
    assert refusal.reason == FORBIDDEN


@pytest.mark.parametrize(
    "args",
    [
        {"document_version": "v-1", "page": 0},
        {"document_version": "v-1", "page": True},
        {"document_version": "v-1", "page": "7"},
        {"document_version": "../etc", "page": 1},
        {"document_version": "v-1"},
        {"document_version": "v-1", "page": 1, "extra": 1},
    ],
)
def test_a_bad_position_is_refused(args: dict[str, object]) -> None:
    room = Room()
    assert room.refused("sec", "presenter.show", **args).reason == BAD_REQUEST


def test_the_presented_page_survives_the_cached_state() -> None:
    room = Room()
    room.do("sec", "presenter.show", document_version="v-9", page=4)
    assert from_json(to_json(room.state)) == room.state
    room2 = Room()
    assert from_json(to_json(room2.state)).presented is None
