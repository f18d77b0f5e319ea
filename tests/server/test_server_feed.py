"""The changes feed: paging, no-op second pull, access changes, versions, policy, watermark."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from tests.server.api import Api, mutation
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.domain.action_items import ActionItem
from hanoi_desk.domain.consultation import Consultation
from hanoi_desk.protocol.consultation import CONSULTATION
from hanoi_desk.samples import make_pdf
from hanoi_desk.server import admin
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.feed import feed_of, republish_meeting
from hanoi_desk.server.models import Meeting
from hanoi_desk.server.packs import document_id, import_pack


def test_pages_cover_the_feed_once_and_the_second_pull_is_empty(api: Api) -> None:
    s = api.login("demo")
    whole, cursor = s.pull_all(limit=p.MAX_CHANGES_LIMIT)
    paged, paged_cursor = s.pull_all(limit=3)
    assert [c.to_json() for c in paged] == [c.to_json() for c in whole]
    assert paged_cursor == cursor
    kinds = {c.type for c in whole}
    assert {p.MEETING, p.AGENDA_ITEM, p.PARTICIPANT, p.DOCUMENT_VERSION, p.POLICY} <= kinds
    assert len({(c.type, c.id) for c in whole}) == len(whole)
    for c in whole:  # every record parses with the shared models
        if c.type == CONSULTATION:  # the demo's open consultation (docs/consultation.md)
            Consultation.parse(c.data)
            continue
        if c.type == "action_item":  # the demo's action items (docs/action-items.md)
            ActionItem.parse(c.data)
            continue
        {p.MEETING: p.MeetingData, p.AGENDA_ITEM: p.AgendaItemData,
         p.PARTICIPANT: p.ParticipantData, p.DOCUMENT_VERSION: p.DocumentVersionData,
         p.POLICY: p.PolicyData}[c.type].parse(c)  # fmt: skip
    again, same = s.pull_all(cursor)
    assert again == [] and same == cursor


def test_bad_limit_or_cursor_is_a_clear_400(api: Api) -> None:
    s = api.login("demo")
    for limit in ("0", "1001", "x", "-1"):
        r = s.get("/v1/changes", params={"limit": limit})
        assert r.status_code == 400 and r.json()["error"] == p.ERR_BAD_REQUEST
    r = s.get("/v1/changes", params={"cursor": p.encode_cursor(3)[:-1] + "!"})
    assert r.status_code == 400 and "cursor" in r.json()["message"]


def test_removing_a_participant_sends_tombstones_and_closes_the_blobs(
    api: Api, live: LiveServer
) -> None:
    s = api.login("daibieu")
    before, cursor = s.pull_all()
    # The meeting's records; a consultation follows its respondents list, not the meeting.
    council = {(c.type, c.id) for c in before if c.type not in (p.POLICY, CONSULTATION)}
    # The action items of their own unit stay theirs to carry out (docs/action-items.md);
    # the demo puts daibieu in the unit of two of the three.
    own_unit = {
        (c.type, c.id)
        for c in before
        if c.type == "action_item" and s.tokens.user.id in c.data["unit_members"]
    }
    assert len(own_unit) == 2 and len({k for k in council if k[0] == "action_item"}) == 3
    council -= own_unit
    sha = next(c.data["sha256"] for c in before if c.type == p.DOCUMENT_VERSION)
    assert s.get(f"/v1/blobs/{sha}", headers={"Range": "bytes=0-9"}).status_code == 206

    admin.set_participant(live.server.db, COUNCIL_ID, "daibieu", None)
    after, cursor = s.pull_all(cursor)
    assert all(c.type == p.TOMBSTONE for c in after)
    assert {(c.data["type"], c.id) for c in after} == council
    assert s.get(f"/v1/blobs/{sha}", headers={"Range": "bytes=0-9"}).status_code == 404
    others = api.login("demo").pull_all()[0]
    gone = [c for c in others if c.type == p.PARTICIPANT and c.data["user_id"] == s.tokens.user.id]
    assert gone == []

    admin.set_participant(live.server.db, COUNCIL_ID, "daibieu", "delegate")
    back, _ = s.pull_all(cursor)
    assert {(c.type, c.id) for c in back} == council


def test_a_changed_file_supersedes_its_version(api: Api, live: LiveServer, tmp_path: Path) -> None:
    s = api.login("demo")
    _, cursor = s.pull_all()
    pack = tmp_path / "pack"
    pack.mkdir()
    for f in live.demo.pack_dirs[1].iterdir() if live.demo else []:
        (pack / f.name).write_bytes(f.read_bytes())
    report = import_pack(live.server.db, live.server.blobs, pack)
    assert report.new_versions == 0
    assert s.pull_all(cursor)[0] == []  # an unchanged pack moves nothing

    make_pdf(pack / "03-to-trinh.pdf", "TỜ TRÌNH (bản sửa đổi lần 2)", pages=4)
    assert import_pack(live.server.db, live.server.blobs, pack).new_versions == 1
    changes, _ = s.pull_all(cursor)
    versions = [p.DocumentVersionData.parse(c) for c in changes]
    assert len(versions) == 2
    old, new = sorted(versions, key=lambda v: v.version)
    assert old.document_id == new.document_id == document_id(COUNCIL_ID, "to-trinh-ngan-sach")
    assert old.superseded_by == new.id and new.superseded_by is None
    assert new.version == old.version + 1
    assert new.sha256 != old.sha256
    # Both versions stay readable: the user is shown both when a signature is refused.
    for v in (old, new):
        assert s.get(f"/v1/blobs/{v.sha256}").status_code == 200


def test_wipe_and_lease_are_per_device_policy_records(api: Api, live: LiveServer) -> None:
    laptop, tablet = api.login("demo", "laptop-1"), api.login("demo", "tablet-1")
    first, laptop_cursor = laptop.pull_all()
    policies = [p.PolicyData.parse(c) for c in first if c.type == p.POLICY]
    assert [(x.device_id, x.wipe) for x in policies] == [("laptop-1", False)]
    _, tablet_cursor = tablet.pull_all()

    admin.wipe_device(live.server.db, "demo", "laptop-1")
    ordered = [p.PolicyData.parse(c) for c in laptop.pull_all(laptop_cursor)[0]]
    assert [(x.device_id, x.wipe) for x in ordered] == [("laptop-1", True)]
    assert tablet.pull_all(tablet_cursor)[0] == []  # another device's order is not shown

    admin.set_policy(live.server.db, None, offline_lease_hours=12, retention_days=7)
    admin.set_policy(live.server.db, "HĐND quận Đống Đa", offline_lease_hours=12)
    # demo belongs to the default organisation: its devices get the new lease.
    leases = [p.PolicyData.parse(c) for c in tablet.pull_all(tablet_cursor)[0]]
    assert [(x.device_id, x.offline_lease_hours, x.retention_days) for x in leases] == [
        ("tablet-1", 12, 7)
    ]
    with pytest.raises(Exception, match="has no device"):
        admin.wipe_device(live.server.db, "demo", "no-such-device")


def test_a_late_commit_is_never_skipped(api: Api, live: LiveServer) -> None:
    """A transaction that took a seq but commits late holds back every later writer.

    Thread A numbers its feed rows and waits before committing; a push from
    another client (thread B) must not get a higher seq and commit first. A
    reader meanwhile sees neither; afterwards it sees both, A's first.
    """
    reader, writer = api.login("demo"), api.login("chutich")  # logins write: before A holds
    _, cursor = reader.pull_all()
    version = next(iter(writer.versions().values()))
    numbered, release = threading.Event(), threading.Event()

    def late_writer() -> None:
        with live.server.db.write() as session:
            meeting = session.get(Meeting, COUNCIL_ID)
            assert meeting is not None
            meeting.place = "Phòng họp trực tuyến"
            session.flush()
            republish_meeting(session, COUNCIL_ID)
            feed_of(session).flush()  # seq taken here, commit much later
            numbered.set()
            assert release.wait(60)

    a = threading.Thread(target=late_writer)
    a.start()
    assert numbered.wait(60)
    comment_id = uuid.uuid4().hex
    payload = {"comment_id": comment_id, "document_version_id": version.id, "text": "Nhất trí"}
    pushed: list[p.MutationResults] = []
    b = threading.Thread(
        target=lambda: pushed.append(writer.push(mutation(1, p.KIND_COMMENT_ADD, payload)))
    )
    b.start()
    b.join(1.0)
    assert b.is_alive(), "a later writer committed while an earlier seq was still open"
    assert reader.pull_all(cursor)[0] == []
    release.set()
    a.join(60)
    b.join(60)
    assert pushed[0].results[0].status == p.APPLIED
    changes, _ = reader.pull_all(cursor)
    kinds = [c.type for c in changes]
    assert kinds == [p.MEETING, p.COMMENT]
    assert changes[0].data["place"] == "Phòng họp trực tuyến"


def test_concurrent_writers_and_readers_lose_nothing(api: Api) -> None:
    """Readers pulling while four clients push comments end with every comment."""
    chair = api.login("chutich")
    version = next(v for v in chair.versions().values() if v.superseded_by is None)
    writers = [api.login(name) for name in ("chutich", "thuky", "demo", "daibieu")]
    readers = [api.login("demo"), api.login("thuky")]
    created: list[str] = []
    seen: list[set[str]] = [set(), set()]
    cursors = [r.pull_all()[1] for r in readers]
    done = threading.Event()
    errors: list[BaseException] = []

    def write(s: object, n: int) -> None:
        try:
            for i in range(1, n + 1):
                cid = uuid.uuid4().hex
                payload = {"comment_id": cid, "document_version_id": version.id, "text": f"ý {i}"}
                res = s.push(mutation(i, p.KIND_COMMENT_ADD, payload))  # type: ignore[attr-defined]
                assert res.results[0].status == p.APPLIED and res.results[0].result
                created.append(res.results[0].result["comment_id"])  # the id in the feeds
        except BaseException as e:
            errors.append(e)

    def read(k: int) -> None:
        try:
            while not done.is_set():
                changes, cursors[k] = readers[k].pull_all(cursors[k], limit=5)
                seen[k] |= {c.id for c in changes if c.type == p.COMMENT}
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=write, args=(w, 12)) for w in writers]
    readers_t = [threading.Thread(target=read, args=(k,)) for k in range(2)]
    for t in threads + readers_t:
        t.start()
    for t in threads:
        t.join(120)
    done.set()
    for t in readers_t:
        t.join(120)
    assert errors == []
    for k in range(2):
        changes, cursors[k] = readers[k].pull_all(cursors[k])
        seen[k] |= {c.id for c in changes if c.type == p.COMMENT}
        assert seen[k] == set(created)
    assert len(created) == 48


def test_events_stream_keeps_alive_and_ends(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    from hanoi_desk.server import app as server_app

    monkeypatch.setattr(server_app, "EVENTS_KEEPALIVE_SECONDS", 0.5)
    s = api.login("demo")
    _, cursor = s.pull_all()
    params = {"cursor": cursor, "timeout": "2"}
    with s.http.stream("GET", "/v1/events", params=params, headers=s.auth) as r:
        assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
        lines = [line for line in r.iter_lines() if line]
    assert "event: changes" not in lines  # nothing moved after this cursor
    assert lines.count(": keep-alive") >= 1
    # From an older cursor the first thing said is that there are changes.
    with s.http.stream("GET", "/v1/events", params={"timeout": "1"}, headers=s.auth) as r:
        first = [line for line in r.iter_lines() if line.startswith("event:")]
    assert first == ["event: changes"]
