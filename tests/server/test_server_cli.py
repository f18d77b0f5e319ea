"""``hanoi-desk server …`` and meeting packs: good packs import, bad ones change nothing."""

from __future__ import annotations

import io
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from tests.server.api import Api
from tests.server.live import running_server, running_server_process

from hanoi_desk.cli.main import main
from hanoi_desk.errors import UserError
from hanoi_desk.server.admin import add_user
from hanoi_desk.server.app import ServerConfig, open_server
from hanoi_desk.server.models import Document, DocumentVersion, Meeting
from hanoi_desk.server.packs import import_pack


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Ran]:
    """The real ``hanoi-desk server …`` entry point, in this process (a new interpreter per
    command costs seconds here); the server itself runs as a child process below."""
    monkeypatch.setenv("HANOI_DESK_LANG", "en")

    def run(*args: str, stdin: str = "") -> Ran:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            code = main(["server", *args])
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


PACK = """\
[meeting]
title = "Họp chuyên đề về chuyển đổi số"
starts_at = 2027-06-01T08:00:00+07:00
place = "Phòng họp 1"

[[participants]]
username = "an"
role = "chair"

[[agenda]]
title = "Kế hoạch chuyển đổi số"
documents = [{ title = "Kế hoạch", file = "ke-hoach.pdf" }]
"""


def make_pack(folder: Path, toml: str = PACK, pdf: bytes = b"%PDF-1.7\n%...\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "meeting.toml").write_text(toml, "utf-8")
    (folder / "ke-hoach.pdf").write_bytes(pdf)
    return folder


BAD_PACKS = {
    "no meeting.toml": (None, "has no meeting.toml"),
    "broken TOML": ("[meeting\ntitle=", "not valid TOML"),
    "path outside": (PACK.replace('file = "ke-hoach.pdf"', 'file = "../ke-hoach.pdf"'),
                     "must be a file name inside"),
    "absolute path": (PACK.replace('file = "ke-hoach.pdf"', 'file = "/etc/passwd"'),
                      "must be a file name inside"),
    "missing file": (PACK.replace('file = "ke-hoach.pdf"', 'file = "khong-co.pdf"'),
                     "not in the pack folder"),
    "not a PDF": (PACK.replace('file = "ke-hoach.pdf"', 'file = "meeting.toml"'),
                  "is not a PDF"),
    "unknown user": (PACK.replace('username = "an"', 'username = "ai-do"'),
                     "users this server does not have: ai-do"),
    "bad role": (PACK.replace('role = "chair"', 'role = "king"'), "has role “king”"),
    "bad status": (PACK.replace('place = "Phòng họp 1"', 'status = "done"'), "status “done”"),
    "no title": (PACK.replace('title = "Họp chuyên đề về chuyển đổi số"\n', ""), "“title”"),
    "time without offset": (PACK.replace("+07:00", ""), "a time with an offset"),
    "agenda not a list": ("agenda = 3\n" + PACK.split("[[agenda]]", maxsplit=1)[0],
                          "“agenda” \\(a list"),
    "documents not a list": (PACK.replace("documents = [", "documents = 5 #["),
                             "agenda item 1 needs “documents”"),
    "title too long": (PACK.replace("Kế hoạch chuyển đổi số", "Kế hoạch " * 60),
                       "text of 1 to 400 characters"),
}  # fmt: skip


def test_bad_packs_are_refused_and_change_nothing(
    db_url: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HANOI_DESK_LANG", "en")
    server = open_server(ServerConfig(tmp_path / "data", db_url))
    add_user(server.db, "an", "mật khẩu", "Ngô Thị An", cheap_hash=True)
    try:
        for name, (toml, message) in BAD_PACKS.items():
            folder = tmp_path / name.replace(" ", "-")
            make_pack(folder, toml or PACK)
            if toml is None:
                (folder / "meeting.toml").unlink()
            with pytest.raises(UserError, match=message):
                import_pack(server.db, server.blobs, folder)
        folder = make_pack(tmp_path / "symlink")
        (folder / "ke-hoach.pdf").unlink()
        (folder / "ke-hoach.pdf").symlink_to(tmp_path / "symlink" / "meeting.toml")
        with pytest.raises(UserError, match="must be a file name inside"):
            import_pack(server.db, server.blobs, folder)
        with server.db.read() as session:
            for table in (Meeting, Document, DocumentVersion):
                assert session.scalar(select(func.count()).select_from(table)) == 0
        assert [f for f in (tmp_path / "data" / "blobs").rglob("*") if f.is_file()] == []

        report = import_pack(server.db, server.blobs, make_pack(tmp_path / "good"))
        assert (report.documents, report.new_versions) == (1, 1)
        assert import_pack(server.db, server.blobs, tmp_path / "good").new_versions == 0
    finally:
        server.db.dispose()


def test_admin_cli_end_to_end(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    data = tmp_path / "data"
    r = cli("add-user", "an", "--data", str(data), "--display-name", "Ngô Thị An",
            "--password-stdin", stdin="mật-khẩu-1\n")  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert "Added user “an”" in r.stdout and "mật-khẩu-1" not in r.stdout + r.stderr
    r = cli("add-user", "an", "--data", str(data), "--password-stdin", stdin="x\n")
    assert r.returncode == 1 and r.stderr.strip() == (
        "hanoi-desk: A user named “an” already exists on this server."
    )
    bad = make_pack(tmp_path / "bad", PACK.replace('file = "ke-hoach.pdf"', 'file = "../x.pdf"'))
    r = cli("import-pack", str(bad), "--data", str(data))
    assert r.returncode == 1 and len(r.stderr.strip().splitlines()) == 1
    r = cli("import-pack", str(make_pack(tmp_path / "good")), "--data", str(data))
    assert r.returncode == 0 and "1 documents, 1 new versions" in r.stdout
    assert cli("meeting-status", "x", "finished", "--data", str(data)).returncode == 2

    with running_server_process(data, demo=False) as (url, _proc), Api(url) as api:
        response = api.login_response("an", password="mật-khẩu-1", device_id="may-1")
        assert response.status_code == 200
        r = cli("wipe-device", "an", "may-1", "--data", str(data))
        assert r.returncode == 0, r.stderr
        r = cli("devices", "an", "--data", str(data))
        assert r.stdout.rstrip().endswith("\twipe")  # ordered, not yet delivered
        token = response.json()["access_token"]
        changes = httpx.get(f"{url}/v1/changes", headers={"Authorization": f"Bearer {token}"})
        policy = [c for c in changes.json()["changes"] if c["type"] == "policy"]
        assert [(c["id"], c["data"]["wipe"]) for c in policy] == [("may-1", True)]
    r = cli("devices", "an", "--data", str(data))
    assert r.returncode == 0 and r.stdout.startswith("may-1\t")
    assert "\twipe delivered 20" in r.stdout  # the pull above carried the order to it
    r = cli("wipe-device", "an", "khong-co", "--data", str(data))
    assert r.returncode == 1 and "has no device" in r.stderr


def test_demo_command_builds_a_loginable_server(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    data = tmp_path / "demo"
    r = cli("demo", "--data", str(data))
    assert r.returncode == 0, r.stderr
    assert "hanoi-demo-2027" in r.stdout
    shutil.rmtree(data / "packs")  # the server serves from its own blob store, not the packs
    with running_server(data, demo=False) as srv, Api(srv.base_url) as api:
        versions = api.login("demo").versions()
        assert len(versions) == 6  # five documents, one of them in two versions


def test_cutting_users_off_from_the_cli(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    """revoke, disable-user, enable-user and reset-password against a running server."""
    data = tmp_path / "data"
    at = ("--data", str(data))
    assert cli("add-user", "an", *at, "--password-stdin", stdin="mật-khẩu-1\n").returncode == 0
    with running_server_process(data, demo=False) as (url, _proc), Api(url) as api:
        laptop = api.login("an", "may-1", password="mật-khẩu-1")
        tablet = api.login("an", "may-2", password="mật-khẩu-1")

        r = cli("revoke", "an", "--device", "may-1", *at)
        assert r.returncode == 0 and "Signed out device “may-1” of “an”" in r.stdout
        assert laptop.get("/v1/changes").status_code == 401
        assert tablet.get("/v1/changes").status_code == 200
        r = cli("revoke", "an", "--device", "khong-co", *at)
        assert r.returncode == 1 and "has no device" in r.stderr

        r = cli("disable-user", "an", *at)
        assert r.returncode == 0 and "(devices signed out: 1)" in r.stdout
        assert tablet.get("/v1/changes").status_code == 401
        refused = api.login_response("an", password="mật-khẩu-1")
        assert refused.status_code == 403
        assert cli("enable-user", "an", *at).returncode == 0
        tablet = api.login("an", "may-2", password="mật-khẩu-1")

        r = cli("reset-password", "an", *at, "--password-stdin", stdin="mật-khẩu-2\n")
        assert r.returncode == 0 and "Set a new password for “an”" in r.stdout
        assert "mật-khẩu-2" not in r.stdout + r.stderr
        assert tablet.get("/v1/changes").status_code == 401
        assert api.login_response("an", password="mật-khẩu-1").status_code == 401
        api.login("an", "may-2", password="mật-khẩu-2")
        r = cli("revoke", "an", *at)
        assert r.returncode == 0 and "(devices: 1)" in r.stdout

    r = cli("reset-password", "an", *at, "--password-stdin", stdin="\n")
    assert r.returncode == 1 and "must not be empty" in r.stderr
    r = cli("disable-user", "khong-co-ai", *at)
    assert r.returncode == 1 and "There is no user named “khong-co-ai”" in r.stderr
    r = cli("reset-password", "an", *at)  # no terminal, no --password-stdin
    assert r.returncode == 1 and "--password-stdin" in r.stderr


def test_meeting_roles_from_the_cli(tmp_path: Path, cli: Callable[..., Ran]) -> None:
    """``server meeting-role MEETING USER ROLE`` sets a role the live meeting obeys at once."""
    data = tmp_path / "data"
    at = ("--data", str(data))
    for name in ("an", "binh"):
        r = cli("add-user", name, *at, "--password-stdin", stdin="mật-khẩu-1\n")
        assert r.returncode == 0, r.stderr
    r = cli("import-pack", str(make_pack(tmp_path / "pack")), *at)
    meeting = r.stdout.split("Imported meeting ", 1)[1].split(":", 1)[0]
    r = cli("meeting-role", meeting, "binh", "guest", *at)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == (
        f"“binh” is now guest in meeting {meeting} (before: not a participant)."
    )
    assert cli("meeting-role", meeting, "binh", "king", *at).returncode == 2
    assert cli("meeting-role", meeting, "binh", "admin", *at).returncode == 2
    r = cli("meeting-role", "khong-co", "binh", "guest", *at)
    assert r.returncode == 1 and "There is no meeting “khong-co”" in r.stderr
    assert cli("--live-heartbeat", "0", *at).returncode == 2
    options = ("--live-heartbeat", "0.2")
    with running_server_process(data, demo=False, options=options) as (url, _proc), Api(url) as api:
        binh = api.login("binh", password="mật-khẩu-1")
        assert binh.live_page(meeting).role == "guest"
        checkin = binh.live_command(meeting, "attendance.checkin", {"state": "present"})
        assert (checkin.status, checkin.reason) == ("refused", "forbidden")
        r = cli("meeting-role", meeting, "binh", "delegate", *at)
        assert r.returncode == 0 and "(before: guest)" in r.stdout
        checkin = binh.live_command(meeting, "attendance.checkin", {"state": "present"})
        assert (checkin.status, len(checkin.seqs)) == ("applied", 1)
        with binh.live_stream(meeting, timeout=5) as events:
            kinds = [next(events).event for _ in range(3)]  # the check-in, then heartbeats
        assert kinds == ["live", "heartbeat", "heartbeat"]  # 0.2 s apart: within the timeout
