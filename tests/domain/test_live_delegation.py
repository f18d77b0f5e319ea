"""Recording vote delegations (attendance.delegate): only where the body enables
them, one step between two members, folded into LiveState.delegations and
taken by the next round's snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from hanoi_desk.domain.live import (
    DELEGATION_CHAIN,
    DELEGATION_OFF,
    FORBIDDEN,
    NOT_FOUND,
    Command,
    LiveState,
    Refused,
    execute,
    fold,
)
from hanoi_desk.domain.live.quorum import BodySettings, snapshot
from hanoi_desk.domain.live.state import from_json, to_json
from live_rooms import ROSTER, T0

ON = BodySettings(vote_delegation=True)


class Body:
    """The authority of one meeting of a body with ``settings``."""

    def __init__(self, settings: BodySettings = ON) -> None:
        self.settings = settings
        self.state = LiveState("m-1")
        self.log: list[Any] = []

    def do(self, actor: str, kind: str, /, **args: Any) -> tuple[Any, ...]:
        self.state, events = execute(self.state, actor, ROSTER[actor], Command(kind, args), T0,
                                     roster=ROSTER, body=self.settings)  # fmt: skip
        self.log.extend(events)
        return events

    def refused(self, actor: str, proxy: str) -> str:
        before = self.state
        with pytest.raises(Refused) as caught:
            self.do(actor, "attendance.delegate", proxy=proxy)
        assert self.state == before
        return caught.value.reason


def test_a_member_delegates_withdraws_and_the_fold_agrees() -> None:
    body = Body()
    (event,) = body.do("d1", "attendance.delegate", proxy="d2")
    assert event.data == {"user": "d1", "proxy": "d2"}
    assert dict(body.state.delegations) == {"d1": "d2"}
    assert body.do("d1", "attendance.delegate", proxy="d2") == ()  # a retry changes nothing
    body.do("d1", "attendance.delegate", proxy="d3")  # one ballot per member: replaced, not added
    assert dict(body.state.delegations) == {"d1": "d3"}
    assert fold("m-1", body.log).delegations == body.state.delegations
    assert from_json(to_json(body.state)) == body.state
    body.do("d1", "attendance.delegate", proxy="")
    assert dict(body.state.delegations) == {}
    assert body.do("d1", "attendance.delegate", proxy="") == ()


def test_only_where_the_body_enables_delegation() -> None:
    assert Body(BodySettings()).refused("d1", "d2") == DELEGATION_OFF
    # The chair and secretary are members: they may hand on their vote; guests cannot.
    Body().do("chair", "attendance.delegate", proxy="d1")
    with pytest.raises(Refused) as caught:
        Body().do("guest", "attendance.delegate", proxy="d1")
    assert caught.value.reason == FORBIDDEN


@pytest.mark.parametrize("proxy", ["guest", "admin", "nobody"])
def test_the_proxy_is_a_voting_member(proxy: str) -> None:
    assert Body().refused("d1", proxy) == NOT_FOUND


def test_no_self_delegation_and_no_chains() -> None:
    body = Body()
    assert body.refused("d1", "d1") == DELEGATION_CHAIN
    body.do("d1", "attendance.delegate", proxy="d2")
    assert body.refused("d3", "d1") == DELEGATION_CHAIN  # d1 has handed on their own vote
    assert body.refused("d2", "d3") == DELEGATION_CHAIN  # d2 holds d1's vote


def test_the_round_snapshot_takes_the_recorded_delegation() -> None:
    body = Body()
    body.do("d2", "attendance.checkin", state="present")
    body.do("d1", "attendance.delegate", proxy="d2")
    entitlement = snapshot(body.state, ROSTER, ON, body.state.delegations)
    assert entitlement.ballots_of("d2") == {"d1", "d2"}
