"""Login throttling, revocation (disable, revoke, reset, refresh reuse), token
lifetime, and upgrading a database from schema 0001. Everything over real HTTP.
The wipe order is in test_server_wipe.py; the review's follow-ups on the throttle
and tokens in test_server_throttle.py and test_server_tokens.py."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy import update
from starlette.concurrency import run_in_threadpool
from tests.server.api import HEADERS, Api, Session
from tests.server.live import LiveServer, running_server

from hanoi_desk import protocol as p
from hanoi_desk.app.session import Session as Profile
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.server import admin, auth
from hanoi_desk.server.app import ServerConfig, open_server
from hanoi_desk.server.db import MIGRATIONS, Database, sqlite_url
from hanoi_desk.server.demo import DEMO_PASSWORD
from hanoi_desk.server.models import LoginThrottle, Token
from hanoi_desk.sync.backoff import Backoff
from hanoi_desk.sync.faults import AuthFailed


def _unlock_all(live: LiveServer) -> None:
    """The wait is over: the clock moved on, for the test."""
    with live.server.db.write() as session:
        session.execute(update(LoginThrottle).values(locked_until=0))


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
    _unlock_all(live)
    assert api.login_response("daibieu").status_code == 200
    with live.server.db.read() as session:
        row = session.get(LoginThrottle, auth.throttle_key("user", "daibieu"))
        assert row is not None and (row.failures, row.locked_until) == (0, 0)
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
        conn.execute(
            sa.text(
                "INSERT INTO meetings VALUES ('m1', 'o1', 'Họp cũ', "
                "'2027-01-05T08:00:00+07:00', NULL, '', 'scheduled')"
            )
        )
    db.dispose()
    with running_server(tmp_path, db_url, demo=False) as srv, Api(srv.base_url) as api:
        r = api.login_response("cu", password="mật khẩu cũ")
        assert r.status_code == 200
        assert p.TokenResponse.parse(r.json()).user.display_name == "Người dùng cũ"
    server = open_server(ServerConfig(tmp_path, db_url))
    with server.db.read() as session:
        version = session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
        # 0004: an old meeting is decided by this server, an old body forbids substitute votes.
        authority = session.execute(sa.text("SELECT authority FROM meetings")).scalar()
        substitutes = session.execute(sa.text("SELECT substitute_may_vote FROM organisations"))
        substitute_votes = substitutes.scalar()
        # 0005: an old body has vote delegation and certificates from signatures off.
        switches = session.execute(
            sa.text("SELECT vote_delegation, certificate_from_first_signature FROM organisations")
        ).one()
    server.db.dispose()
    assert version == "0012"  # the head: 0012 adds action items of conclusions
    assert authority == "central" and not substitute_votes
    assert not switches[0] and not switches[1]


# --- login throttle: counted before the hash, for every name and address --------------------


class HeldGate(auth.PasswordGate):
    """Holds every Argon2 check until the test releases it.

    At production cost under load a check takes from a tenth of a second to
    several; holding them makes the race of the review (every attempt passes an
    unlocked check while the hashes still run) certain instead of likely.
    """

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.arrived = 0

    async def verify(self, stored: str | None, password: str) -> bool:
        self.arrived += 1
        await run_in_threadpool(self.release.wait, 30)
        return await super().verify(stored, password)


def _wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.mark.parametrize("username", ["daibieu", "khong-co-ai"])
def test_a_burst_of_wrong_passwords_gets_at_most_the_free_checks(
    api: Api, live: LiveServer, username: str
) -> None:
    """19 wrong passwords at once, then the right one while their hashes still run."""
    gate = HeldGate()
    live.server.logins.gate = gate
    burst = 19
    with ThreadPoolExecutor(burst + 1) as pool:
        wrong = [pool.submit(api.login_response, username, "sai-mật-khẩu") for _ in range(burst)]
        # Every wrong attempt is either answered or waiting for its hash.
        _wait_for(lambda: gate.arrived + sum(f.done() for f in wrong) == burst)
        before = gate.arrived
        right = pool.submit(api.login_response, username, DEMO_PASSWORD)
        _wait_for(lambda: right.done() or gate.arrived > before)
        gate.release.set()
        answers = [f.result() for f in wrong]
        last = right.result()
    assert last.status_code == 429 and last.json()["error"] == p.ERR_TOO_MANY_ATTEMPTS
    assert gate.checks <= auth.FREE_ATTEMPTS  # the right password was not even checked
    statuses = sorted(r.status_code for r in answers)
    assert statuses == [401] * (auth.FREE_ATTEMPTS - 1) + [429] * (burst - auth.FREE_ATTEMPTS + 1)


def test_password_checks_run_at_most_slots_at_a_time(
    api: Api, live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    live.server.logins.gate = auth.PasswordGate(slots=2)
    real = auth.verify_password
    lock, active, most = threading.Lock(), [0], [0]

    def watched(stored: str | None, password: str) -> bool:
        with lock:
            active[0] += 1
            most[0] = max(most[0], active[0])
        try:
            time.sleep(0.05)  # long enough for the others to pile up
            return real(stored, password)
        finally:
            with lock:
                active[0] -= 1

    monkeypatch.setattr(auth, "verify_password", watched)
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda i: api.login_response(f"ten-{i}", "x"), range(12)))
    assert [r.status_code for r in answers] == [401] * 12
    assert live.server.logins.gate.checks == 12 and most[0] == 2


def test_unknown_and_known_names_are_answered_alike(
    api: Api, live: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="hanoi_desk.server.auth")
    gate = live.server.logins.gate
    names = {"known": "daibieu", "unknown": "khong-co-ai\x1b[2J"}
    seen: dict[str, list[tuple[int, dict[str, object], str | None]]] = {}
    for kind, name in names.items():
        seen[kind] = []
        for attempt in range(1, auth.FREE_ATTEMPTS + 1):
            checks = gate.checks
            r = api.login_response(name, password="sai-mật-khẩu-9174")
            # The same work: one Argon2 check each (a dummy hash for the unknown name).
            assert gate.checks == checks + 1, (kind, attempt)
            seen[kind].append((r.status_code, r.json(), r.headers.get("retry-after")))
    assert seen["known"] == seen["unknown"]
    assert [s for s, _, _ in seen["known"]] == [401] * (auth.FREE_ATTEMPTS - 1) + [429]
    # A locked name, known or not, is refused without a check.
    for name in names.values():
        checks = gate.checks
        assert api.login_response(name, password="x").status_code == 429
        assert gate.checks == checks
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "failed login for user daibieu from 127.0.0.1" in logged
    # A name nobody has may be a password typed in the wrong field: never logged,
    # neither raw nor escaped; a keyed hash tells its repeats apart from others.
    assert "failed login for unknown name #" in logged and "lockout: unknown name #" in logged
    assert "khong-co-ai" not in logged and "\x1b" not in logged
    assert "sai-mật-khẩu-9174" not in logged


def test_one_address_trying_many_names_is_throttled(
    api: Api, live: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(auth, "ADDRESS_FREE_ATTEMPTS", 8)
    for i in range(7):
        assert api.login_response(f"ten-{i}", password="đoán").status_code == 401
    r = api.login_response("ten-7", password="đoán")
    assert r.status_code == 429 and r.json()["retry_after"] == 30
    # From that address, even a real user with the right password now waits.
    assert api.login_response("demo").status_code == 429
    _unlock_all(live)
    # A right password costs the address nothing: it is not counted as a failure.
    for _ in range(3):
        assert api.login_response("demo").status_code == 200
    assert api.login_response("ten-8", password="đoán").status_code == 429  # the 9th failure


# --- cutting a device or a user off ---------------------------------------------------------


def _refresh(api: Api, s: Session) -> httpx.Response:
    body = {"refresh_token": s.tokens.refresh_token}
    return api.http.post("/v1/auth/refresh", json=body, headers=HEADERS)


def _blob(s: Session, sha256: str) -> int:
    return s.get(f"/v1/blobs/{sha256}").status_code


def test_disabling_a_user_refuses_their_tokens_at_once(api: Api, live: LiveServer) -> None:
    s = api.login("daibieu")
    version = s.current_version()
    assert admin.set_disabled(live.server.db, "daibieu") == 1
    assert s.get("/v1/changes").status_code == 401
    assert _blob(s, version.sha256) == 401
    assert _refresh(api, s).status_code == 401
    r = api.login_response("daibieu")
    assert r.status_code == 403 and r.json()["error"] == p.ERR_ACCOUNT_DISABLED
    # A wrong password tells nothing about the account.
    wrong = api.login_response("daibieu", password="sai")
    assert wrong.status_code == 401 and wrong.json() == api.login_response("ai", "sai").json()
    admin.set_disabled(live.server.db, "daibieu", False)
    assert s.get("/v1/changes").status_code == 401  # enabling brings no old session back
    assert _blob(api.login("daibieu"), version.sha256) == 200


def test_revoking_a_device_or_a_user(api: Api, live: LiveServer) -> None:
    laptop, tablet = api.login("demo", "laptop-1"), api.login("demo", "tablet-1")
    other = api.login("chutich")
    assert admin.revoke(live.server.db, "demo", "laptop-1") == 1
    assert laptop.get("/v1/changes").status_code == 401
    assert _refresh(api, laptop).status_code == 401
    assert tablet.get("/v1/changes").status_code == 200
    with pytest.raises(Exception, match="has no device"):
        admin.revoke(live.server.db, "demo", "khong-co")
    tablet2 = api.login("demo", "tablet-2")
    assert admin.revoke(live.server.db, "demo") == 2
    for s in (tablet, tablet2):
        assert s.get("/v1/changes").status_code == 401 and _refresh(api, s).status_code == 401
    assert other.get("/v1/changes").status_code == 200
    assert api.login("demo", "laptop-1").get("/v1/changes").status_code == 200


def test_a_password_reset_ends_every_session_and_the_lock(api: Api, live: LiveServer) -> None:
    s = api.login("thuky")
    for _ in range(auth.FREE_ATTEMPTS):
        api.login_response("thuky", password="đoán")
    assert api.login_response("thuky").status_code == 429
    assert admin.reset_password(live.server.db, "thuky", "mật-khẩu-mới-2027", cheap_hash=True) == 1
    assert s.get("/v1/changes").status_code == 401 and _refresh(api, s).status_code == 401
    assert api.login_response("thuky").status_code == 401  # the old password
    assert api.login_response("thuky", password="mật-khẩu-mới-2027").status_code == 200
    with pytest.raises(Exception, match="must not be empty"):
        admin.reset_password(live.server.db, "thuky", "")


def test_a_reused_refresh_token_revokes_its_whole_family(api: Api, live: LiveServer) -> None:
    first = api.login("demo", "laptop-1")
    bystander = api.login("demo", "tablet-1")
    r = _refresh(api, first)
    assert r.status_code == 200
    second = Session(api.http, p.TokenResponse.parse(r.json()), "laptop-1")
    r = _refresh(api, second)
    assert r.status_code == 200
    newest = Session(api.http, p.TokenResponse.parse(r.json()), "laptop-1")
    assert newest.get("/v1/changes").status_code == 200
    # The first refresh token again: someone holds a copy. Every descendant goes.
    assert _refresh(api, first).status_code == 401
    assert newest.get("/v1/changes").status_code == 401
    assert _refresh(api, newest).status_code == 401
    # Another login of the same user is another family.
    assert bystander.get("/v1/changes").status_code == 200
    assert _refresh(api, bystander).status_code == 200
    # A made-up token naming no family, or an unknown one, revokes nothing.
    for fake in ("x" * 22 + "." + "y" * 43, "khong-phai-token"):
        assert api.http.post("/v1/auth/refresh", json={"refresh_token": fake}).status_code == 401


def _sync(profile: Profile, url: str, password: str | None) -> SyncService:
    options = SyncOptions(
        server=url,
        username="daibieu",
        password=(lambda: password) if password is not None else None,
        backoff=Backoff(base=0.005, cap=0.05, attempts=3),
    )
    return SyncService(profile, options)


def test_the_client_says_why_it_was_cut_off(
    live: LiveServer, session: Profile, fast_kdf: None
) -> None:
    """The real sync engine and a real profile: each refusal is one clear message."""
    _sync(session, live.base_url, DEMO_PASSWORD).run()
    admin.revoke(live.server.db, "daibieu")
    with pytest.raises(AuthFailed, match="Sign in to"):
        _sync(session, live.base_url, None).run()
    _sync(session, live.base_url, DEMO_PASSWORD).run()  # signing in again is enough
    admin.set_disabled(live.server.db, "daibieu")
    with pytest.raises(AuthFailed, match="account is disabled"):
        _sync(session, live.base_url, DEMO_PASSWORD).run()
    admin.set_disabled(live.server.db, "daibieu", False)
    admin.reset_password(live.server.db, "daibieu", "mật-khẩu-mới", cheap_hash=True)
    with pytest.raises(AuthFailed, match="did not accept the user name or password"):
        _sync(session, live.base_url, DEMO_PASSWORD).run()
    _sync(session, live.base_url, "mật-khẩu-mới").run()
    with live.server.db.read() as db_session:
        owners = db_session.scalars(sa.select(Token.user_id).distinct()).all()
    assert len(owners) == 1  # only daibieu ever signed in here, and is signed in again


def test_failures_are_forgotten_after_a_quiet_day(api: Api, live: LiveServer) -> None:
    for _ in range(auth.FREE_ATTEMPTS - 1):
        assert api.login_response("daibieu", password="đoán").status_code == 401
    assert api.login_response("khong-co-ai", password="đoán").status_code == 401
    long_ago = int(time.time()) - auth.FORGET_SECONDS - 60
    with live.server.db.write() as session:
        session.execute(update(LoginThrottle).values(updated_at=long_ago))
    # One more failure would have locked the name; a day later it is the first again.
    assert api.login_response("daibieu", password="đoán").status_code == 401
    api.login("demo")  # a sign-in sweeps the rows that count nothing any more
    with live.server.db.read() as session:
        kept = set(session.scalars(sa.select(LoginThrottle.key)))
    assert auth.throttle_key("user", "khong-co-ai") not in kept
    assert auth.throttle_key("user", "daibieu") in kept
