"""Action items of conclusions end to end (docs/action-items.md): the real server
on 127.0.0.1, the secretariat's host commands, real SQLCipher profiles synced by
the real sync, and ``hanoi-desk actions list|status`` in child processes.

A unit member changes a status offline and syncs; a delegate of the meeting who
is neither in the unit nor the secretariat is refused before queueing (client)
and by the server; overdue is derived from the due date and shown; the history
keeps every change with its note.
"""

from __future__ import annotations

import io
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.server.api import Api
from tests.server.live import DEMO_PASSWORD, LiveServer
from tests.server.test_server_signing_requests import _version_id as version_of

from hanoi_desk import protocol as p
from hanoi_desk.protocol import action_items as pa
from hanoi_desk.server import action_items
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.models import ActionItem
from helpers import PASSPHRASE, FixedPrompt, run_cli

BODY = "HĐND quận Đống Đa"
UNIT = "Phòng Nội vụ"


class Member:
    """One user's profile on their own computer (home folder)."""

    def __init__(self, live: LiveServer, home: Path, user: str) -> None:
        from hanoi_desk.app.session import Desk
        from hanoi_desk.app.wiring import default_vault

        self.live, self.home, self.user = live, home, user
        self.desk = Desk(default_vault(home))
        self.desk.create("p", FixedPrompt())

    def sync(self) -> None:
        from hanoi_desk.app.sync_service import SyncOptions, SyncService

        with self.desk.open("p", FixedPrompt(), "passphrase") as session:
            options = SyncOptions(server=self.live.base_url, username=self.user,
                                  password=lambda: DEMO_PASSWORD)  # fmt: skip
            report = SyncService(session, options).run()
        assert report.rejected == [], report.rejected

    def cli(self, *args: str, lang: str = "en") -> Any:
        env = {**os.environ, "HANOI_DESK_HOME": str(self.home), "HANOI_DESK_LANG": lang}
        return run_cli("actions", *args, "--profile", "p", "--passphrase-stdin",
                       stdin=PASSPHRASE + "\n", env=env)  # fmt: skip

    def listed(self, *args: str) -> list[dict[str, Any]]:
        out = self.cli("list", "--json", *args)
        assert out.returncode == 0, out.stderr
        return list(json.loads(out.stdout))

    def queued(self) -> list[str]:
        with self.desk.open("p", FixedPrompt(), "passphrase") as session:
            return [e.kind for e in session.cache.repos.outbox.entries()]


def _host(live: LiveServer, capsys: Any, monkeypatch: Any, *args: str) -> tuple[int, str, str]:
    """A ``hanoi-desk server …`` host command in process (as the other host tests)."""
    from hanoi_desk.cli.main import main

    store = ["--data", str(live.data_dir),
             *([] if live.server.db.is_sqlite else ["--db", live.server.db.url])]  # fmt: skip
    monkeypatch.setenv("HANOI_DESK_LANG", "en")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    capsys.readouterr()
    try:
        code = main(["server", *args, *store])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("db_kind", ["sqlite"], indirect=True)
def test_action_items_from_the_host_to_two_profiles(
    live: LiveServer, tmp_path: Path, capsys: Any, monkeypatch: Any
) -> None:
    version = version_of(live)
    # The first current version by id may be the one the demo's items are on (ids
    # are random): this test's items are numbered after those already there.
    with live.server.db.read() as session:
        already = len(session.scalars(select(ActionItem.id).where(
            ActionItem.document_version_id == version)).all())  # fmt: skip
    assert _host(live, capsys, monkeypatch, "unit", "add", BODY, UNIT)[0] == 0
    assert _host(live, capsys, monkeypatch, "unit", "add", BODY, "Văn phòng HĐND và UBND")[0] == 0
    for user in ("daibieu", "khach"):  # khach is not in the meeting: reached as a member
        assert _host(live, capsys, monkeypatch, "unit", "member", UNIT, user)[0] == 0
    code, _, err = _host(live, capsys, monkeypatch, "action-item", "add", version, "--unit", UNIT,
                         "--due", "31/12/2020", "--text", "x")  # fmt: skip
    assert code == 1 and "YYYY-MM-DD" in err
    ids = []
    for unit, due, text in ((UNIT, "2020-03-31", "Báo cáo giải ngân vốn đầu tư công"),
                            ("Văn phòng HĐND và UBND", "2099-06-30", "Chỉnh trang vỉa hè"),
                            (UNIT, "2099-12-31", "Tổng hợp ý kiến cử tri")):  # fmt: skip
        code, out, err = _host(live, capsys, monkeypatch, "action-item", "add", version,
                               "--unit", unit, "--due", due, "--text", text)  # fmt: skip
        assert code == 0, err
        ids.append(out.split(": ", 1)[1].split(".", 1)[0])
    late = ids[0]

    member = Member(live, tmp_path / "a", "daibieu")
    other = Member(live, tmp_path / "b", "daibieu2")
    outsider = Member(live, tmp_path / "c", "khach")
    for m in (member, other, outsider):
        m.sync()
    # Per meeting: everyone of the meeting sees the three, the overdue one first.
    listed = [i for i in other.listed("--meeting", COUNCIL_ID) if i["id"] in ids]
    assert [i["id"] for i in listed] == ids  # (the demo's own items are there too)
    assert [i["overdue"] for i in listed] == [True, False, False]
    assert [i["number"] for i in listed] == [already + 1, already + 2, already + 3]
    assert listed[0]["may_change_to"] == []
    # Per unit: the unit's two; the member outside the meeting receives its unit's items only.
    assert [i["id"] for i in member.listed("--unit", UNIT)] == [ids[0], ids[2]]
    assert {i["id"] for i in outsider.listed()} == {ids[0], ids[2]}
    demo = member.listed("--unit", "Phòng Tài chính – Kế hoạch")  # server/demo.py's items
    assert [i["overdue"] for i in demo] == [True, False], demo
    text = member.cli("list", "--unit", UNIT, lang="vi")
    assert text.returncode == 0, text.stderr
    assert "QUÁ HẠN" in text.stdout and text.stdout.count("QUÁ HẠN") == 1, text.stdout

    # A delegate outside the unit: refused before queueing, nothing queued …
    refused = other.cli("status", late, "done")
    assert refused.returncode == 1 and "owner unit" in refused.stderr, refused.stderr
    assert pa.KIND_ACTION_ITEM_STATUS not in other.queued()
    # … and by the server, whatever a modified client sends.
    with Api(live.base_url) as api:
        session = api.login("daibieu2")
        payload = pa.ActionItemStatus(late, "done", "").to_json()
        m = p.Mutation(1, uuid.uuid4().hex, pa.KIND_ACTION_ITEM_STATUS, payload)
        out = session.push(m, client_id=uuid.uuid4().hex).results[0]
        assert (out.status, out.reason) == (p.REJECTED, pa.REASON_NOT_OWNER_UNIT)

    # The unit member, offline: in progress with a note (queued), then a sync sends it.
    assert member.cli("status", late[:10], "in_progress", "--note", "Đang rà soát").returncode == 0
    again = member.cli("status", late, "done")
    assert again.returncode == 1 and "already queued" in again.stderr
    member.sync()
    assert member.cli("status", late, "cancelled").returncode == 1  # the secretariat's call
    assert member.cli("status", late, "done", "--note", "Đã gửi UBND quận").returncode == 0
    member.sync()

    other.sync()
    (item,) = [i for i in other.listed() if i["id"] == late]
    assert item["status"] == "done" and item["overdue"] is False
    assert [(h["status"], h["note"], h["by_name"]) for h in item["history"]] == [
        ("open", "", ""),
        ("in_progress", "Đang rà soát", "Phạm Thu Dung"),
        ("done", "Đã gửi UBND quận", "Phạm Thu Dung"),
    ]
    shown = json.loads(_host(live, capsys, monkeypatch, "action-item", "show", late)[1])
    assert len(shown["history"]) == 3


def test_the_secretariat_may_cancel_and_reopen_on_each_database(live: LiveServer) -> None:
    """Over HTTP on SQLite and PostgreSQL: the chair cancels and reopens; a unit
    member may not cancel; a second 'done' is a bad transition; a member added
    to the unit afterwards receives its items."""
    unit = action_items.add_unit(live.server.db, BODY, UNIT)
    action_items.add_member(live.server.db, unit, "daibieu")
    import datetime

    item = action_items.add(live.server.db, version_of(live), UNIT, datetime.date(2099, 1, 1),
                            "Báo cáo")  # fmt: skip
    with Api(live.base_url) as api:
        chair, member = api.login("chutich"), api.login("daibieu")

        def send(s: Any, status: str) -> p.MutationResult:
            m = p.Mutation(1, uuid.uuid4().hex, pa.KIND_ACTION_ITEM_STATUS,
                           pa.ActionItemStatus(item, status, "").to_json())  # fmt: skip
            return s.push(m, client_id=uuid.uuid4().hex).results[0]

        assert send(member, "cancelled").reason == pa.REASON_BAD_TRANSITION
        assert send(chair, "cancelled").status == p.APPLIED
        assert send(chair, "open").status == p.APPLIED
        assert send(member, "done").status == p.APPLIED
        assert send(member, "done").reason == pa.REASON_BAD_TRANSITION
        # A member who joins the unit later (not in the meeting) receives its items then.
        late = api.login("khach")
        assert item not in {c.id for c in late.pull_all()[0] if c.type == pa.ACTION_ITEM}
        action_items.add_member(live.server.db, UNIT, "khach")
        got = [c for c in late.pull_all()[0] if c.type == pa.ACTION_ITEM and c.id == item]
        assert got and got[-1].data["status"] == "done"
    assert [h["status"] for h in action_items.show(live.server.db, item)["history"]] == [
        "open", "cancelled", "open", "done"
    ]  # fmt: skip
