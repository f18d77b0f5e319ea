"""A remote wipe order over real HTTP: the device reads nothing more from the moment
of the order, gets the order whatever cursor it sends, cannot keep refreshing
while it dodges the order, and may still send what it had queued."""

from __future__ import annotations

import time

import httpx
from sqlalchemy import update
from tests.server.api import HEADERS, Api, Session, mutation
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.server import admin, auth
from hanoi_desk.server.models import Device

# The client chooses its cursor: one past every seq the server will ever hand out.
PAST_EVERYTHING = p.encode_cursor(2**63 - 1)


def _refresh(api: Api, s: Session) -> httpx.Response:
    body = {"refresh_token": s.tokens.refresh_token}
    return api.http.post("/v1/auth/refresh", json=body, headers=HEADERS)


def _page(s: Session, cursor: str) -> p.ChangesPage:
    r = s.get("/v1/changes", params={"cursor": cursor})
    assert r.status_code == 200, r.text
    return p.ChangesPage.parse(r.json())


def _only_the_order(page: p.ChangesPage, device_id: str) -> bool:
    return [(c.type, c.id, c.data.get("wipe")) for c in page.changes] == [
        (p.POLICY, device_id, True)
    ] and not page.has_more


def _delivered_at(live: LiveServer, s: Session) -> int | None:
    with live.server.db.read() as session:
        device = session.get(Device, (s.tokens.user.id, s.device_id))
        assert device is not None
        return device.wipe_delivered_at


def test_a_wipe_order_stops_documents_at_once_and_reaches_the_device_whatever_it_asks(
    api: Api, live: LiveServer
) -> None:
    laptop, tablet = api.login("demo", "laptop-1"), api.login("demo", "tablet-1")
    version = laptop.current_version()
    admin.wipe_device(live.server.db, "demo", "laptop-1")
    # Before the device has pulled anything: no more documents.
    r = laptop.get(f"/v1/blobs/{version.sha256}")
    assert r.status_code == 403 and r.json()["error"] == p.ERR_FORBIDDEN
    assert "wiped" in r.json()["message"]
    assert _delivered_at(live, laptop) is None
    # A cursor past the order still gets it, and nothing of the meetings with it.
    page = _page(laptop, PAST_EVERYTHING)
    assert _only_the_order(page, "laptop-1") and page.cursor == PAST_EVERYTHING
    assert _delivered_at(live, laptop) is not None
    # From the start of the feed: the same, no titles, agenda or comments any more.
    assert _only_the_order(_page(laptop, ""), "laptop-1")
    r = _refresh(api, laptop)
    assert r.status_code == 401 and r.json()["error"] == p.ERR_UNAUTHORIZED
    # What was queued on it still goes up before it wipes itself.
    note = {"note_id": "truoc-khi-xoa", "document_version_id": version.id, "updated_at": 1,
            "body": {"text": "ghi chú"}}  # fmt: skip
    assert laptop.push(mutation(1, p.KIND_ANNOTATION_UPSERT, note)).results[0].status == "applied"
    # A sign-in from that device opens nothing again.
    again = api.login("demo", "laptop-1")
    assert again.get(f"/v1/blobs/{version.sha256}").status_code == 403
    assert _only_the_order(_page(again, ""), "laptop-1")
    assert _refresh(api, again).status_code == 401
    assert again.get("/v1/events", params={"timeout": 1}).status_code == 403
    # Other devices of the user are not touched.
    assert tablet.get(f"/v1/blobs/{version.sha256}").status_code == 200
    assert any(c.type == p.MEETING for c in _page(tablet, "").changes)
    assert _refresh(api, tablet).status_code == 200
    # Cancelled: the device signs in again and reads as before.
    admin.wipe_device(live.server.db, "demo", "laptop-1", wipe=False)
    assert _delivered_at(live, laptop) is None
    back = api.login("demo", "laptop-1")
    assert back.get(f"/v1/blobs/{version.sha256}").status_code == 200
    assert any(c.type == p.MEETING for c in _page(back, "").changes)


def test_a_device_that_never_pulls_its_order_cannot_keep_refreshing(
    api: Api, live: LiveServer
) -> None:
    laptop = api.login("demo", "laptop-1")
    admin.wipe_device(live.server.db, "demo", "laptop-1")
    # Within an access token's life of the order, a client whose access token ran
    # out may still refresh, to fetch the order and send its queued work.
    r = _refresh(api, laptop)
    assert r.status_code == 200
    renewed = Session(api.http, p.TokenResponse.parse(r.json()), "laptop-1")
    # Ordering again does not restart that time.
    admin.wipe_device(live.server.db, "demo", "laptop-1")
    with live.server.db.write() as session:
        long_ago = int(time.time()) - auth.ACCESS_SECONDS - 1
        session.execute(update(Device).values(wipe_ordered_at=long_ago))
    r = _refresh(api, renewed)
    assert r.status_code == 401 and r.json()["error"] == p.ERR_UNAUTHORIZED
    assert _delivered_at(live, laptop) is None  # it never pulled the order


def test_the_events_stream_tells_a_device_to_pull_its_order_whatever_its_cursor(
    api: Api, live: LiveServer
) -> None:
    laptop = api.login("demo", "laptop-1")
    admin.wipe_device(live.server.db, "demo", "laptop-1")
    params: dict[str, str | int] = {"cursor": PAST_EVERYTHING, "timeout": 20}
    started = time.monotonic()
    with api.http.stream("GET", "/v1/events", params=params, headers=laptop.auth) as r:
        assert r.status_code == 200
        lines = r.iter_lines()
        event = next(line for line in lines if line.startswith("event:"))
        assert event == "event: changes" and time.monotonic() - started < 10
        # The pull it asked for delivers the order, and the stream ends by itself.
        assert _only_the_order(_page(laptop, PAST_EVERYTHING), "laptop-1")
        for _ in lines:
            pass
    assert time.monotonic() - started < 15
