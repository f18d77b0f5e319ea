"""A closed or cancelled meeting's live side takes no command and no ballot
(``rules.check_meeting_open``, which the authority runs before deciding)."""

from __future__ import annotations

import pytest

from hanoi_desk.domain.live.rules import MEETING_CLOSED, Refused, check_meeting_open


@pytest.mark.parametrize("status", ["closed", "cancelled"])
def test_an_ended_meeting_refuses_everything(status: str) -> None:
    with pytest.raises(Refused) as refused:
        check_meeting_open(status)
    assert refused.value.reason == MEETING_CLOSED


@pytest.mark.parametrize("status", ["scheduled", "open", "something newer"])
def test_a_meeting_not_ended_takes_commands(status: str) -> None:
    check_meeting_open(status)  # a session often starts before its status is set to open
