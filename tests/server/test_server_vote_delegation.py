"""Vote delegation over HTTP on the real server (SQLite): a member records it
with ``attendance.delegate`` where the body enables it, the next round's
snapshot takes it, the proxy's ballot for the represented member counts once
and the represented member's own ballot is refused (docs/live-meetings.md)."""

from __future__ import annotations

import uuid

import pytest
from tests.server.api import Api
from tests.server.ballots import Voter, make_signer, named, register, round_of, send
from tests.server.live import LiveServer

from hanoi_desk.server import admin
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.packs import agenda_item_id

BODY = "HĐND quận Đống Đa"
ITEM = agenda_item_id(COUNCIL_ID, 2, "hdnd-dongda-ky12.2")


@pytest.mark.parametrize("db_kind", ["sqlite"])
def test_a_recorded_delegation_gives_the_proxy_one_ballot_for_the_member(live: LiveServer) -> None:
    with Api(live.base_url) as api:
        chair = api.login("chutich")
        voters = {}
        for name in ("daibieu", "daibieu3"):
            s = api.login(name)
            signer = make_signer(name)
            register(live.server.db, name, signer)
            voters[name] = Voter(s, s.tokens.user.id, signer)
        proxy, member = voters["daibieu"], voters["daibieu3"]
        demo = api.login("demo")  # checked in so that the room keeps its quorum without daibieu3
        checked_in = demo.live_command(COUNCIL_ID, "attendance.checkin", {"state": "present"})
        assert checked_in.reason is None

        def delegate(to: str) -> tuple[str, str | None]:
            r = member.session.live_command(COUNCIL_ID, "attendance.delegate", {"proxy": to})
            return r.status, r.reason

        # Off by default (People's Council rules): refused, nothing recorded.
        assert delegate(proxy.user_id) == ("refused", "delegation_off")
        admin.set_body_setting(live.server.db, BODY, "vote-delegation", True)
        left = member.session.live_command(COUNCIL_ID, "attendance.checkin", {"state": "left"})
        assert left.status == "applied"
        assert delegate(proxy.user_id) == ("applied", None)

        poll = uuid.uuid4().hex
        for kind, args in (("poll.create", {"poll": poll, "item": ITEM, "title": "Dự toán",
                                            "kind": "named"}),
                           ("poll.open", {"poll": poll, "round": 1})):  # fmt: skip
            assert chair.live_command(COUNCIL_ID, kind, args).reason is None
        number, anchor = round_of(chair, poll)
        opened = chair.live_page(COUNCIL_ID).events[-1]
        assert opened.data["delegations"] == {member.user_id: proxy.user_id}

        for_member = named(proxy, poll, number, anchor, 0, member=member.user_id)
        assert send(proxy, for_member).status == "counted"
        again = named(proxy, poll, number, anchor, 1, member=member.user_id)
        assert (send(proxy, again).status, send(proxy, again).reason) == (
            "refused",
            "already_voted",
        )
        assert send(proxy, named(proxy, poll, number, anchor, 1)).status == "counted"  # their own
        own = send(member, named(member, poll, number, anchor, 1))
        assert (own.status, own.reason) == ("refused", "not_entitled")
        casts = [e.data["member"] for e in chair.live_page(COUNCIL_ID).events
                 if e.kind == "ballot.cast"]  # fmt: skip
        assert sorted(casts) == sorted([member.user_id, proxy.user_id])
