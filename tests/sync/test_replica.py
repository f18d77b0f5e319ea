"""The replica's own rules on a real SQLCipher profile (no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sync_helpers import meeting, sha, version

from hanoi_desk.protocol import Change
from hanoi_desk.store.replica import Replica
from helpers import raw_sql

SERVER = "https://sync.example.vn"


def changes(*records: dict[str, object]) -> list[Change]:
    return [Change(str(r["type"]), str(r["id"]), r["data"]) for r in records]  # type: ignore[arg-type]


def test_documents_of_the_nearest_meeting_come_first(replica: Replica) -> None:
    now = datetime.now(UTC)
    far = (now + timedelta(days=60)).isoformat()
    near = (now + timedelta(hours=3)).isoformat()
    past = (now - timedelta(days=10)).isoformat()
    a, b, c, d = b"far meeting", b"near meeting", b"past meeting", b"near, old version"
    page = changes(
        meeting("far", far), meeting("near", near), meeting("past", past),
        version("vf", a, mid="far", doc="df"),
        version("vn-old", d, mid="near", doc="dn", n=1, superseded_by="vn"),
        version("vn", b, mid="near", doc="dn", n=2),
        version("vp", c, mid="past", doc="dp"),
    )  # fmt: skip
    replica.apply_page(SERVER, page, "c1")
    order = [w.sha256 for w in replica.wanted_blobs()]
    # Current versions first, nearest meeting first; a superseded version last.
    assert order == [sha(b), sha(c), sha(a), sha(d)]
    assert replica.cursor(SERVER) == "c1"


def test_a_tombstone_removes_the_version_and_its_search_text(replica: Replica) -> None:
    pdf = b"%PDF-1.4 not really"
    replica.apply_page(SERVER, changes(meeting(), version("v1", pdf)), "c1")
    with replica.cache.transaction() as c:
        replica.cache._index_pages(c, "v1", ["Nghị quyết về ngân sách"])
    assert replica.cache.search("ngan sach")
    tomb = {"type": "tombstone", "id": "t1", "data": {"type": "document_version", "id": "v1"}}
    replica.apply_page(SERVER, changes(tomb), "c2")
    assert raw_sql(replica).execute("SELECT COUNT(*) FROM document_versions").fetchone()[0] == 0
    assert raw_sql(replica).execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    assert replica.cache.search("ngan sach") == []
    assert raw_sql(replica).execute("SELECT COUNT(*) FROM page_fts").fetchone()[0] == 0


def test_only_this_devices_policy_is_kept(replica: Replica) -> None:
    replica.save_account(
        SERVER, username="an", device_id="dev-1", access_token="a", refresh_token="r",
        user_id="u1",
    )  # fmt: skip

    def policy(device: str, wipe: bool) -> dict[str, object]:
        data = {"retention_days": 30, "offline_lease_hours": 72, "wipe": wipe, "watermark": True}
        return {"type": "policy", "id": device, "data": data}

    replica.apply_page(SERVER, changes(policy("dev-2", True), policy("dev-1", False)), "c1")
    assert replica.policy(SERVER).wipe is False
    assert replica.policy(SERVER).offline_lease_hours == 72
