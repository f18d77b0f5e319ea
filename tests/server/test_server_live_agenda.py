"""The current agenda item over HTTP on the real server (SQLite):
``agenda.current`` goes through the generic rules path with the meeting's
agenda as the rules' ``items`` — the chair's or secretary's move reaches a
delegate's stream and fold; an item of another meeting is ``not_found``, a
delegate is ``forbidden``, the item already current appends nothing
(docs/live-meetings.md, "The current agenda item")."""

from __future__ import annotations

import pytest
from tests.server.api import Api
from tests.server.live import LiveServer
from tests.server.test_server_live import lives, next_heartbeat, state_of

from hanoi_desk import protocol as p
from hanoi_desk.server.demo import COUNCIL_ID, WARD_ID
from hanoi_desk.server.packs import agenda_item_id

KIND = "agenda.current"
ITEM_2 = agenda_item_id(COUNCIL_ID, 2, "hdnd-dongda-ky12.2")
WARD_ITEM = agenda_item_id(WARD_ID, 1, None)
"""An agenda item of the ward's meeting: a real id, not of the council's agenda."""


@pytest.mark.parametrize("db_kind", ["sqlite"])
def test_the_secretarys_current_item_reaches_a_delegates_stream(live_fast: LiveServer) -> None:
    with Api(live_fast.base_url) as api:
        secretary, delegate = api.login("thuky"), api.login("daibieu")
        assert state_of(delegate).current_item is None
        head = delegate.live_page(COUNCIL_ID).head
        with delegate.live_stream(COUNCIL_ID, last_event_id=head.seq) as events:
            next_heartbeat(events)
            result = secretary.live_command(COUNCIL_ID, KIND, {"item": ITEM_2})
            assert result.status == p.APPLIED and len(result.seqs) == 1, result
            (event,) = lives(events, 1)
        assert (event.kind, event.actor) == ("agenda.current", secretary.tokens.user.id)
        assert dict(event.data) == {"item": ITEM_2}
        assert state_of(delegate).current_item == ITEM_2

        # The same item again: applied, nothing appended.
        again = secretary.live_command(COUNCIL_ID, KIND, {"item": ITEM_2})
        assert (again.status, again.reason, again.seqs) == (p.APPLIED, None, ())
        # Another meeting's item, and a delegate moving the agenda: refused, nothing moves.
        outside = secretary.live_command(COUNCIL_ID, KIND, {"item": WARD_ITEM})
        assert (outside.status, outside.reason) == ("refused", "not_found")
        forbidden = delegate.live_command(COUNCIL_ID, KIND, {"item": ITEM_2})
        assert (forbidden.status, forbidden.reason) == ("refused", "forbidden")
        assert delegate.live_page(COUNCIL_ID).head.seq == event.seq
        assert state_of(delegate).current_item == ITEM_2
