"""Two connections of one profile catching up with the same meeting (the
desktop's follower, an action, the chair's vote watch), against the real server
on 127.0.0.1: one stores newer events between the moment the other's page was
served and the moment it compares heads. That is not a fork: nothing is
rewound, so nobody reading the profile sees the room go back."""

from __future__ import annotations

from typing import Any

from sync_helpers import fast_backoff
from test_live_client import M, new_delegate, server_events, sign_in, use
from tests.server.live import LiveServer

from hanoi_desk.app.live import LiveOptions, LiveService
from hanoi_desk.app.session import Desk
from hanoi_desk.store.live import LiveStore
from hanoi_desk.sync.live import LiveReport
from helpers import FixedPrompt


def test_a_log_another_connection_moved_ahead_is_kept_not_rewound(
    live: LiveServer, desk: Desk
) -> None:
    chair = sign_in(desk, live.base_url, "chutich", "ahead-chair")
    other = sign_in(desk, live.base_url, new_delegate(live, "aheaddb"))
    use(desk, chair, lambda s: s.status(M))  # this profile holds the authority's head
    options = LiveOptions(backoff=fast_backoff(attempts=10), run_timeout=30.0)
    with (
        desk.open(chair, FixedPrompt(), "passphrase") as session,
        LiveService(session, options, own_connection=True) as first,
        LiveService(session, options, own_connection=True) as second,
    ):
        client = first.client()
        served = client._page
        moved: list[int] = []

        def page_then_the_other_connection(meeting_id: str, after: int, limit: int) -> Any:
            # The real page; then, before this client compares heads, the room
            # moves on and the profile's other connection stores the new event.
            answer = served(meeting_id, after, limit)
            if not moved:
                moved.append(after)
                use(desk, other, lambda s: s.checkin(M))
                second.status(M)
            return answer

        client._page = page_then_the_other_connection  # type: ignore[method-assign]
        report = LiveReport()
        head = client.catch_up(M, report)
        store = LiveStore(first.cache)
        assert moved and report.rewound == 0
        assert head.seq == server_events(live)[-1].seq == store.head(M).seq
        assert not [e for e in first.cache.audit_entries() if e.action == "live-rewind"]
