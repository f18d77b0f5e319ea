"""Hostile input gets a 400, never a 500; the server's files are its account's alone."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from tests.server.api import Api, Session
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.server.admin import add_user
from hanoi_desk.server.app import ServerConfig, open_server
from hanoi_desk.server.packs import import_pack

DEEP = b"[" * 10**6 + b"]" * 10**6  # the review's JSON nested a million deep (2 MB)
BIG_CURSOR = p.encode_cursor(10**23)  # the review's cursor: no database integer holds it


@pytest.fixture
def api(module_live: LiveServer) -> Iterator[Api]:
    with Api(module_live.base_url) as a:
        yield a


def _json(s: Session, path: str, body: bytes) -> httpx.Response:
    return s.request("POST", path, content=body, headers={"Content-Type": "application/json"})


def _mutation(body: str) -> bytes:
    """An annotation whose ``body`` is the given JSON text, in a batch of one."""
    payload = ('{"note_id": "n1", "document_version_id": "v1", "updated_at": 1, "body": '
               + body + "}")  # fmt: skip
    mutation = '{"seq": 1, "op_id": "o1", "kind": "annotation.upsert", "payload": ' + payload
    return ('{"client_id": "c1", "mutations": [' + mutation + "}]}").encode()


CASES: dict[str, Callable[[Session], httpx.Response]] = {
    "changes: cursor 10^23": lambda s: s.get("/v1/changes", params={"cursor": BIG_CURSOR}),
    "events: cursor 10^23": lambda s: s.get(
        "/v1/events", params={"cursor": BIG_CURSOR, "timeout": "1"}
    ),
    "changes: limit ²": lambda s: s.get("/v1/changes", params={"limit": "²"}),
    "events: timeout ²": lambda s: s.get("/v1/events", params={"timeout": "²"}),
    "changes: limit of 5000 digits": lambda s: s.get("/v1/changes", params={"limit": "9" * 5000}),
    "login: nested 10^6": lambda s: s.http.post("/v1/auth/login", content=DEEP),
    "refresh: nested 10^6": lambda s: s.http.post("/v1/auth/refresh", content=DEEP),
    "mutations: nested 10^6": lambda s: _json(s, "/v1/mutations", DEEP),
    "uploads: nested 10^6": lambda s: _json(s, "/v1/uploads", DEEP),
    "mutations: note body nested 200": lambda s: _json(
        s, "/v1/mutations", _mutation('{"a": ' * 200 + "1" + "}" * 200)
    ),
    "mutations: NaN": lambda s: _json(s, "/v1/mutations", _mutation('{"page": NaN}')),
    "mutations: 1e400": lambda s: _json(s, "/v1/mutations", _mutation('{"page": 1e400}')),
    "upload chunk: offset ²": lambda s: s.request(
        "PATCH",
        "/v1/uploads/abc",
        content=b"%PDF",
        headers={"Upload-Offset": "²".encode("latin-1")},
    ),
    "upload chunk: offset 10^23": lambda s: s.request(
        "PATCH", "/v1/uploads/abc", content=b"%PDF", headers={"Upload-Offset": "1" + "0" * 23}
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_numbers_and_json_get_a_400_not_a_500(api: Api, case: str) -> None:
    r = CASES[case](api.login("demo"))
    assert r.status_code == 400, r.text
    assert r.json()["error"] == p.ERR_BAD_REQUEST


def test_a_range_of_thousands_of_digits_gets_the_whole_blob(api: Api) -> None:
    s = api.login("demo")
    sha = s.current_version().sha256
    r = s.get(f"/v1/blobs/{sha}", headers={"Range": "bytes=" + "1" * 5000 + "-"})
    assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == sha


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, under which the server used to create everything world-readable."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.stat().st_mode)
    return found


@pytest.mark.usefixtures("umask_022")
def test_data_folder_database_and_blobs_are_private(
    db_url: str | None, tmp_path: Path, packs_dir: Path
) -> None:
    data = tmp_path / "data"
    server = open_server(ServerConfig(data, db_url))
    try:
        for name in ("khach", "thuky"):
            add_user(server.db, name, "mật khẩu", cheap_hash=True)
        import_pack(server.db, server.blobs, packs_dir / "ubnd-langha")  # put_bytes
        signed = b"%PDF-1.7 signed " + os.urandom(64)
        server.blobs.write_part("u1", 0, signed)  # an upload, then its commit
        server.blobs.commit_part("u1", hashlib.sha256(signed).hexdigest())
        modes = _modes(data)  # while the database is open: its -wal and -shm exist
    finally:
        server.db.dispose()
    if db_url is None:
        assert {"server.db", "server.db-wal", "server.db-shm"} <= set(modes)
    assert sum(1 for name in modes if len(name.rsplit("/", 1)[-1]) == 64) == 2  # two blobs
    for path in (data, *data.rglob("*")):
        expected = 0o700 if path.is_dir() else 0o600
        name = str(path.relative_to(data)) if path != data else "."
        assert modes[name] == expected, f"{name}: {oct(modes[name])}"


@pytest.mark.usefixtures("umask_022")
def test_a_data_folder_left_readable_by_an_older_version_is_made_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "server.db").touch(mode=0o644)
    os.chmod(data, 0o755)
    os.chmod(data / "server.db", 0o644)
    open_server(ServerConfig(data)).db.dispose()
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "server.db").stat().st_mode) == 0o600
