"""Login throttling, token lifetime, and upgrading a database from schema 0001."""

from __future__ import annotations

import time
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import update
from tests.server.api import Api
from tests.server.live import LiveServer, running_server

from hanoi_desk import protocol as p
from hanoi_desk.server import auth
from hanoi_desk.server.app import ServerConfig, open_server
from hanoi_desk.server.db import MIGRATIONS, Database, sqlite_url
from hanoi_desk.server.models import Token, User


def test_repeated_wrong_passwords_make_the_user_wait(api: Api, live: LiveServer) -> None:
    for _ in range(auth.FREE_ATTEMPTS - 1):
        r = api.login_response("daibieu", password="đoán bừa")
        assert r.status_code == 401 and r.json()["error"] == p.ERR_INVALID_CREDENTIALS
    r = api.login_response("daibieu", password="đoán bừa")
    assert r.status_code == 429 and r.json()["error"] == p.ERR_TOO_MANY_ATTEMPTS
    assert r.headers["retry-after"] == "30" and r.json()["retry_after"] == 30
    # Even the right password waits: nothing is checked while the user is locked.
    r = api.login_response("daibieu")
    assert r.status_code == 429 and 0 < int(r.headers["retry-after"]) <= 30
    # Other users are not affected, and unknown names are not told apart from wrong passwords.
    assert api.login_response("demo").status_code == 200
    assert api.login_response("khong-ai-ca", password="x").status_code == 401
    with live.server.db.write() as session:  # the wait is over (clock moved for the test)
        session.execute(update(User).where(User.username == "daibieu").values(locked_until=0))
    assert api.login_response("daibieu").status_code == 200
    with live.server.db.read() as session:
        user = session.scalars(sa.select(User).where(User.username == "daibieu")).one()
        assert (user.failed_logins, user.locked_until) == (0, 0)
    assert [auth.lockout_seconds(n) for n in (4, 5, 6, 7, 20)] == [0, 30, 60, 120, 3600]


def test_oversized_login_fields_are_a_clear_400(api: Api) -> None:
    for field, value in (("device_name", "Máy " * 100), ("username", "u" * 201),
                         ("password", "p" * 1025), ("device_id", "../etc")):  # fmt: skip
        body = {"username": "demo", "password": "x", "device_id": "d1", "device_name": "Máy"}
        r = api.http.post("/v1/auth/login", json={**body, field: value})
        assert r.status_code == 400, field
        assert field in r.json()["message"] and value not in r.text


def test_an_expired_access_token_is_refused(api: Api, live: LiveServer) -> None:
    s = api.login("demo")
    assert s.get("/v1/changes").status_code == 200
    with live.server.db.write() as session:
        session.execute(update(Token).values(expires_at=int(time.time()) - 1))
    r = s.get("/v1/changes")
    assert r.status_code == 401 and r.json()["error"] == p.ERR_UNAUTHORIZED
    body = {"refresh_token": s.tokens.refresh_token}
    assert api.http.post("/v1/auth/refresh", json=body).status_code == 401


def test_a_schema_0001_database_upgrades_with_its_data(db_url: str | None, tmp_path: Path) -> None:
    """Data written by the first release survives the upgrade and can log in."""
    url = db_url or sqlite_url(tmp_path)
    db = Database(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with db.write_engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    hashed = auth.hash_password("mật khẩu cũ", cheap=True)
    with db.write_engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO organisations VALUES ('o1', 'Phường Láng Hạ', 30, 72, true)")
        )
        conn.execute(
            sa.text("INSERT INTO users VALUES ('u1', 'cu', 'Người dùng cũ', :h, 'o1', false)"),
            {"h": hashed},
        )
    db.dispose()
    with running_server(tmp_path, db_url, demo=False) as srv, Api(srv.base_url) as api:
        r = api.login_response("cu", password="mật khẩu cũ")
        assert r.status_code == 200
        assert p.TokenResponse.parse(r.json()).user.display_name == "Người dùng cũ"
    server = open_server(ServerConfig(tmp_path, db_url))
    with server.db.read() as session:
        version = session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    server.db.dispose()
    assert version == "0002"
