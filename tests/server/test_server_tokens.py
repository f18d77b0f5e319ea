"""Tokens after the review of issue 10: only a refresh token really exchanged before
revokes its family, an events stream ends when its token stops being good, and
no server object shows a password, a hash or a token in its repr."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import pkgutil
import time

import httpx
import pytest
from tests.server.api import HEADERS, Api, Session
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.server import admin, auth
from hanoi_desk.server.models import Token


def _refresh(api: Api, token: str) -> httpx.Response:
    return api.http.post("/v1/auth/refresh", json={"refresh_token": token}, headers=HEADERS)


def test_a_forged_token_naming_a_family_revokes_nothing(api: Api, live: LiveServer) -> None:
    """Refresh tokens once carried their family's id before a dot, and any string
    '<family>.<anything>' ended the family: anyone who saw one token could sign its
    device out for good. Only a token the server really exchanged before counts."""
    s = api.login("demo", "laptop-1")
    with live.server.db.read() as session:
        digest = hashlib.sha256(s.tokens.refresh_token.encode()).hexdigest()
        row = session.get(Token, digest)
        assert row is not None and row.family
        family = row.family
    for forged in (f"{family}.{'y' * 43}", f"{family}.", family):
        r = _refresh(api, forged)
        assert r.status_code == 401 and r.json()["error"] == p.ERR_UNAUTHORIZED
    assert s.get("/v1/changes").status_code == 200
    r = _refresh(api, s.tokens.refresh_token)
    assert r.status_code == 200
    renewed = Session(api.http, p.TokenResponse.parse(r.json()), "laptop-1")
    # The exchanged token, presented again, is a real reuse: the family goes.
    assert _refresh(api, s.tokens.refresh_token).status_code == 401
    assert renewed.get("/v1/changes").status_code == 401
    assert _refresh(api, renewed.tokens.refresh_token).status_code == 401


def _cut_off(live: LiveServer, how: str, s: Session) -> None:
    if how == "revoke":
        admin.revoke(live.server.db, "demo", s.device_id)
    elif how == "disable":
        admin.set_disabled(live.server.db, "demo")
    else:  # the order, then the pull that delivers it
        admin.wipe_device(live.server.db, "demo", s.device_id)
        assert s.get("/v1/changes").status_code == 200


@pytest.mark.parametrize("how", ["revoke", "disable", "wipe"])
def test_an_events_stream_ends_when_its_device_is_cut_off(
    api: Api, live: LiveServer, how: str
) -> None:
    s = api.login("demo", "laptop-1")
    _, cursor = s.pull_all()
    params: dict[str, str | int] = {"cursor": cursor, "timeout": 30}
    with api.http.stream("GET", "/v1/events", params=params, headers=s.auth) as r:
        assert r.status_code == 200
        lines = r.iter_lines()
        assert next(lines) == ": hanoi-desk events"
        _cut_off(live, how, s)
        cut = time.monotonic()
        rest = list(lines)  # until the server ends the stream
        ended = time.monotonic() - cut
    # Polled once a second: the stream must not outlive the token by the 30 s asked for.
    assert ended < 10, (how, ended, rest)
    assert s.get("/v1/events").status_code in (401, 403)


SECRET_FIELDS = {"password", "password_hash", "access_token", "refresh_token", "token"}


def _dataclasses_of(package: str) -> list[type]:
    found = []
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if ".migrations" in info.name:
            continue  # Alembic's scripts run only inside a migration
        module = importlib.import_module(info.name)
        found += [
            v
            for v in vars(module).values()
            if isinstance(v, type) and dataclasses.is_dataclass(v) and v.__module__ == info.name
        ]
    return found


def test_no_server_or_wire_object_shows_a_secret_in_its_repr() -> None:
    account = auth.Account("u1", auth.hash_password("mật khẩu", cheap=True), False)
    assert "argon2" not in repr(account) and "u1" in repr(account)
    tokens = p.TokenResponse("access-7Qx", "refresh-9f8", 900, p.UserInfo("u1", "An"))
    login = p.LoginRequest("an", "mật-khẩu-bí-mật", "d1", "Máy")
    shown = repr(tokens) + repr(login) + repr(p.RefreshRequest("refresh-9f8"))
    assert not any(s in shown for s in ("access-7Qx", "refresh-9f8", "mật-khẩu-bí-mật"))
    classes = _dataclasses_of("hanoi_desk.server") + _dataclasses_of("hanoi_desk.protocol")
    secret = [
        f"{cls.__qualname__}.{f.name}"
        for cls in classes
        for f in dataclasses.fields(cls)
        if f.name in SECRET_FIELDS
    ]
    assert len(secret) >= 5  # the scan finds them: Account, LoginRequest, tokens ...
    shown_fields = [
        f"{cls.__qualname__}.{f.name}"
        for cls in classes
        for f in dataclasses.fields(cls)
        if f.name in SECRET_FIELDS and f.repr
    ]
    assert shown_fields == []
