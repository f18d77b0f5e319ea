"""The login throttle after the review of issue 10: IPv4 clients of a dual-stack
server, a shared office address, what the log says, a row swept away mid-attempt,
and a table that a spray of made-up names cannot grow for ever."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy import func, update
from sqlalchemy.orm import Session as DbSession
from tests.server.api import Api
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.domain.text import printable
from hanoi_desk.server import admin, auth
from hanoi_desk.server.http import ApiError
from hanoi_desk.server.models import LoginThrottle


def test_ipv4_clients_of_a_server_bound_to_all_addresses_are_counted_apart(
    dual_stack_live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bound to ``::``, the server sees IPv4 clients as ::ffff:a.b.c.d. Cut to a /64,
    all of them shared one bucket: a few wrong guesses from anyone locked every
    IPv4 login. Two real clients, from 127.0.0.1 and 127.0.0.2."""
    monkeypatch.setattr(auth, "ADDRESS_FREE_ATTEMPTS", 3)
    url = dual_stack_live.base_url
    with Api(url, source="127.0.0.1") as guesser, Api(url, source="127.0.0.2") as colleague:
        tries = [guesser.login_response(f"ten-{i}", "đoán").status_code for i in range(3)]
        assert tries == [401, 401, 429]
        assert guesser.login_response("ten-9", "đoán").status_code == 429
        # Another IPv4 client, on a device never seen, is not in that bucket.
        assert colleague.login_response("demo").status_code == 200
        assert colleague.login_response("ten-3", "đoán").status_code == 401
    # One client whichever way its address is written; an IPv6 host by its /64.
    assert auth.client_key("::ffff:127.0.0.1") == auth.client_key("127.0.0.1")
    assert auth.client_key("::ffff:127.0.0.1") != auth.client_key("::ffff:127.0.0.2")
    assert auth.client_key("2001:db8::1") == auth.client_key("2001:db8::2:3")


def test_a_locked_office_address_still_lets_its_users_in_on_their_own_devices(
    api: Api, live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Everyone in the office shares one address (NAT). Someone's guessing locks it;
    a user signing in from a device that signed in as them before still gets in,
    while a new device, or a name nobody has, waits: answered alike, so the lock
    tells nothing about which names exist."""
    monkeypatch.setattr(auth, "ADDRESS_FREE_ATTEMPTS", 4)
    api.login("demo", "office-pc")
    api.login("daibieu", "phone-2")
    statuses = [api.login_response(f"ten-{i}", "đoán").status_code for i in range(3)]
    assert statuses == [401, 401, 401]  # the office's one success above cost nothing
    assert api.login_response("ten-3", "đoán").status_code == 429
    assert api.login_response("demo", device_id="office-pc").status_code == 200
    assert api.login_response("daibieu", device_id="phone-2").status_code == 200
    refused = [
        api.login_response("demo", device_id="new-pc"),  # right password, unknown device
        api.login_response("khong-co-ai", "đoán", device_id="office-pc"),
        api.login_response("daibieu", device_id="office-pc"),  # someone else's device
    ]
    assert [r.status_code for r in refused] == [429] * 3
    assert len({r.json()["error"] for r in refused}) == 1
    # On its own device a user still has the name's own limit.
    for _ in range(auth.FREE_ATTEMPTS):
        api.login_response("demo", "đoán", device_id="office-pc")
    assert api.login_response("demo", device_id="office-pc").status_code == 429
    # A device ordered wiped is nobody's any more.
    admin.wipe_device(live.server.db, "daibieu", "phone-2")
    assert api.login_response("daibieu", device_id="phone-2").status_code == 429


def test_client_text_in_the_log_follows_the_one_escaping_rule(
    live: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The address is what uvicorn took from X-Forwarded-For (``server --proxy``),
    so it is any text the proxy passed on; logins are called the way the endpoint
    calls them, with that address."""
    caplog.set_level(logging.WARNING, logger="hanoi_desk.server.auth")
    hostile = "10.0.0.1\x1b[2J\u202e\u00a0C:\\tmp " + "9" * 200
    logins = auth.Logins(live.server.db)
    with pytest.raises(ApiError):
        asyncio.run(logins.login(p.LoginRequest("daibieu", "sai", "d1", "Máy"), hostile))
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [f"failed login for user daibieu from {printable(hostile, limit=100)}"]
    assert lines[0].endswith("9…")  # cut, and marked as cut
    assert "\x1b" not in lines[0] and "\u202e" not in lines[0] and "9" * 101 not in lines[0]


def _stale(session: DbSession) -> int:
    cutoff = int(time.time()) - auth.FORGET_SECONDS
    return int(
        session.scalar(
            sa.select(func.count())
            .select_from(LoginThrottle)
            .where(LoginThrottle.updated_at < cutoff)
        )
        or 0
    )


def test_a_row_swept_away_mid_attempt_is_counted_afresh(
    api: Api, live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another login's sweep deletes this attempt's old rows between the insert that
    finds them and the lock that reads them. On PostgreSQL that is a real second
    transaction, committed in that gap; SQLite has one writer at a time, so there
    the same delete runs inside the attempt's own transaction, at the same point."""
    api.login_response("daibieu", "đoán")
    long_ago = int(time.time()) - auth.FORGET_SECONDS - 60
    with live.server.db.write() as session:
        session.execute(update(LoginThrottle).values(updated_at=long_ago))
    real = auth._ensure_rows
    swept: list[int] = []

    def then_swept(session: DbSession, keys: list[str], now: int) -> None:
        real(session, keys, now)
        if swept:
            return  # once: the retry finds the gap closed
        if live.server.db.is_sqlite:
            swept.append(auth.sweep(session, now, keep=[]))
        else:
            with live.server.db.write() as other:
                swept.append(auth.sweep(other, now, keep=[]))

    monkeypatch.setattr(auth, "_ensure_rows", then_swept)
    r = api.login_response("daibieu", "đoán")
    assert swept == [2]  # the name's and the address's rows were gone
    assert r.status_code == 401 and r.json()["error"] == p.ERR_INVALID_CREDENTIALS
    with live.server.db.read() as session:
        row = session.get(LoginThrottle, auth.throttle_key("user", "daibieu"))
        assert row is not None and row.failures == 1  # counted afresh


def test_each_attempt_sweeps_a_few_rows_that_count_nothing(
    api: Api, live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A spray of made-up names adds a row each; rows quiet for a day go a few at a
    time with every attempt (not only after a successful sign-in)."""
    monkeypatch.setattr(auth, "SWEEP_ROWS", 4)
    now = int(time.time())
    long_ago = now - auth.FORGET_SECONDS - 60
    rows = [LoginThrottle(key=f"cu-{i}", failures=3, locked_until=0, updated_at=long_ago)
            for i in range(10)]  # fmt: skip
    rows.append(LoginThrottle(key="cu-khoa", failures=9, locked_until=now + 600,
                              updated_at=long_ago))  # fmt: skip
    with live.server.db.write() as session:
        session.add_all(rows)
    left = []
    for _ in range(4):
        assert api.login_response(f"bia-{uuid.uuid4().hex}", "đoán").status_code == 401
        with live.server.db.read() as session:
            left.append(_stale(session))
    assert left == [7, 3, 1, 1]  # the one still locked stays until its lock ends
    with live.server.db.read() as session:
        assert session.get(LoginThrottle, "cu-khoa") is not None
        total = session.scalar(sa.select(func.count()).select_from(LoginThrottle))
    assert total == 1 + 1 + 4  # the locked old row, the address, four made-up names
