"""The demo data set: users, two meetings and a pack of Vietnamese PDFs.

Used by ``hanoi-desk demo`` (through :func:`build_demo`), by ``hanoi-desk server
demo``, by the tests and by the benchmarks. The PDFs are generated on the spot
(``hanoi_desk.samples``), so nothing real is shipped. Building twice is
harmless: existing users are kept and an unchanged pack imports as a no-op.

The user ``demo`` takes part in the district council session (one of its
documents already has a second version); the ward briefing is someone else's
meeting, so ``demo`` must never see it.

The council session is under way on the live side: chaired by ``chutich``
with ``thuky`` as secretary, delegates ``demo``, ``daibieu``, ``daibieu2`` and
``daibieu3``, and ``khachmoi`` as a guest. Its live log holds a few check-ins
(one excused absence), a speakers' queue (one approved, one waiting) and one
interpellation, all sent as real commands through the server's authority, so
the rules decided them. ``demo`` itself has not checked in yet. The chair has
prepared a vote (biểu quyết) for each agenda item's resolution, none opened:
the chair opens one once the delegates have checked in (a round's snapshot
takes who is present then). The demo command passes the demo key's
certificate in (``member_certificates``), registered as ``demo``'s so that
ballots signed with the demo token or software key count; the server makes no
key of its own for anyone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from hanoi_desk.domain.live.roles import RUNS_THE_LIST
from hanoi_desk.domain.live.rules import Command
from hanoi_desk.samples import make_pdf
from hanoi_desk.server import action_items, consultation
from hanoi_desk.server.admin import CERT_ADMIN, add_trust_root, add_user, store_certificate
from hanoi_desk.server.app import ServerConfig, open_server
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.db import Database
from hanoi_desk.server.live import Authority, head_of
from hanoi_desk.server.models import Meeting, Organisation, User
from hanoi_desk.server.packs import agenda_item_id, import_pack

DEMO_PASSWORD = "hanoi-demo-2027"  # noqa: S105 (public demo credentials, by design)
"""Printed by the demo command; the demo server listens on loopback only."""

USERS = {
    "demo": "Nguyễn Văn An",
    "chutich": "Trần Thị Bình",
    "thuky": "Lê Văn Cường",
    "daibieu": "Phạm Thu Dung",
    "khach": "Hoàng Minh Đức",
    "daibieu2": "Vũ Quốc Hùng",
    "daibieu3": "Đặng Thị Lan",
    "khachmoi": "Bùi Thanh Hải",
}
COUNCIL_ID = "hdnd-dongda-ky12"
WARD_ID = "ubnd-langha-giaoban"

COUNCIL_TOML = """\
[meeting]
id = "hdnd-dongda-ky12"
title = "Kỳ họp thứ 12 Hội đồng nhân dân quận Đống Đa khóa XX"
starts_at = "2027-05-12T08:00:00+07:00"
ends_at = "2027-05-12T11:30:00+07:00"
place = "Hội trường tầng 3, Trụ sở UBND quận Đống Đa, 86 Tôn Đức Thắng"
status = "scheduled"
organisation = "HĐND quận Đống Đa"

[[participants]]
username = "chutich"
role = "chair"

[[participants]]
username = "thuky"
role = "secretary"

[[participants]]
username = "demo"
role = "delegate"

[[participants]]
username = "daibieu"
role = "delegate"

[[participants]]
username = "daibieu2"
role = "delegate"

[[participants]]
username = "daibieu3"
role = "delegate"

[[participants]]
username = "khachmoi"
role = "guest"

[[agenda]]
id = "hdnd-dongda-ky12.1"
title = "Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm"
presenter = "Trần Thị Bình"
documents = [
  { id = "bao-cao-ktxh", title = "Báo cáo kinh tế - xã hội 6 tháng", file = "01-bao-cao-ktxh.pdf" },
  { id = "phu-luc-so-lieu", title = "Phụ lục số liệu thống kê", file = "02-phu-luc.pdf" },
]

[[agenda]]
id = "hdnd-dongda-ky12.2"
title = "Tờ trình dự toán ngân sách quận năm 2027"
presenter = "Lê Văn Cường"
documents = [
  { id = "to-trinh-ngan-sach", title = "Tờ trình ngân sách 2027", file = "03-to-trinh.pdf" },
]

[[agenda]]
id = "hdnd-dongda-ky12.3"
title = "Phương án đầu tư xây dựng trường trung học cơ sở Láng Thượng"
presenter = "Phạm Thu Dung"
documents = [
  { id = "phuong-an-truong-hoc", title = "Phương án đầu tư trường học", file = "04-phuong-an.pdf" },
]

[[agenda]]
id = "hdnd-dongda-ky12.4"
title = "Dự thảo Nghị quyết kỳ họp"
presenter = "Trần Thị Bình"
documents = [
  { id = "du-thao-nghi-quyet", title = "Dự thảo Nghị quyết", file = "05-du-thao-nq.pdf" },
]
"""

WARD_TOML = """\
[meeting]
id = "ubnd-langha-giaoban"
title = "Họp giao ban Ủy ban nhân dân phường Láng Hạ tháng 5"
starts_at = "2027-05-20T14:00:00+07:00"
place = "Phòng họp số 2, UBND phường Láng Hạ"
status = "scheduled"
organisation = "UBND phường Láng Hạ"

[[participants]]
username = "khach"
role = "chair"

[[participants]]
username = "thuky"
role = "secretary"

[[agenda]]
title = "Tình hình trật tự đô thị trên địa bàn phường"
presenter = "Hoàng Minh Đức"
documents = [{ title = "Báo cáo trật tự đô thị", file = "bao-cao-trat-tu.pdf" }]
"""

LIVE_COMMANDS: tuple[tuple[str, str, dict[str, object]], ...] = (
    # (username, command kind, args): the session's first minutes.
    ("chutich", "attendance.checkin", {"state": "present"}),
    ("thuky", "attendance.checkin", {"state": "present"}),
    ("daibieu", "attendance.checkin", {"state": "present"}),
    ("daibieu3", "attendance.checkin", {"state": "present"}),
    ("thuky", "attendance.set", {"user": "daibieu2", "state": "excused",
                                 "reason": "Đi công tác theo quyết định của UBND thành phố"}),
    ("daibieu", "speakers.request", {"request_id": "demo-phat-bieu-1", "type": "speak"}),
    ("daibieu3", "speakers.request", {"request_id": "demo-chat-van-1", "type": "interpellation",
                                      "to": "Chủ tịch UBND quận Đống Đa",
                                      "topic": "Tiến độ xây dựng trường THCS Láng Thượng"}),
    ("chutich", "speakers.request", {"request_id": "demo-phat-bieu-2", "type": "speak"}),
    ("chutich", "speakers.approve", {"request_id": "demo-phat-bieu-1"}),
)  # fmt: skip
"""``attendance.set`` names users by name here; they are turned into ids when sent.
Chair commands get the list version they are made against when sent."""

DEMO_POLLS: tuple[tuple[str, int, str, str], ...] = (
    # (poll id, agenda position, the pack's item id, the resolution put to the vote)
    ("demo-bieu-quyet-1", 1, "hdnd-dongda-ky12.1",
     "Thông qua Báo cáo kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội 6 tháng đầu năm"),
    ("demo-bieu-quyet-2", 2, "hdnd-dongda-ky12.2",
     "Thông qua Nghị quyết về dự toán ngân sách quận năm 2027"),
    ("demo-bieu-quyet-3", 3, "hdnd-dongda-ky12.3",
     "Thông qua chủ trương đầu tư xây dựng trường THCS Láng Thượng"),
    ("demo-bieu-quyet-4", 4, "hdnd-dongda-ky12.4", "Thông qua Nghị quyết kỳ họp thứ 12"),
)  # fmt: skip
"""A vote per resolution, created by the chair (named, the default options)."""

REVISED_FILE = "05-du-thao-nq.pdf"
COUNCIL_FILES = {
    "01-bao-cao-ktxh.pdf": ("BÁO CÁO Kết quả thực hiện nhiệm vụ kinh tế - xã hội", 24),
    "02-phu-luc.pdf": ("PHỤ LỤC Số liệu thống kê 6 tháng đầu năm 2027", 12),
    "03-to-trinh.pdf": ("TỜ TRÌNH Dự toán ngân sách quận Đống Đa năm 2027", 18),
    "04-phuong-an.pdf": ("PHƯƠNG ÁN Đầu tư xây dựng trường THCS Láng Thượng", 30),
    "05-du-thao-nq.pdf": ("DỰ THẢO NGHỊ QUYẾT Kỳ họp thứ 12 HĐND quận", 6),
}


@dataclass(frozen=True)
class DemoInfo:
    data_dir: Path
    users: dict[str, str]
    """username -> password."""
    meetings: tuple[str, ...]
    pack_dirs: tuple[Path, ...]
    """The council pack as first published, its revision, and the ward pack."""


def write_packs(root: Path) -> tuple[Path, Path, Path]:
    """The demo packs as folders (meeting.toml + PDFs) under ``root``: the council
    session, the same session with a revised draft resolution, and the ward briefing.
    Files already there are kept, so every server built from one folder is identical."""
    council, revised, ward = root / "hdnd-dongda", root / "hdnd-dongda-v2", root / "ubnd-langha"
    for folder in (council, revised, ward):
        folder.mkdir(parents=True, exist_ok=True)
    for folder in (council, revised):
        (folder / "meeting.toml").write_text(COUNCIL_TOML, "utf-8")
    for name, (title, pages) in COUNCIL_FILES.items():
        if not (council / name).exists():
            make_pdf(council / name, title, pages=pages)
        if not (revised / name).exists():
            if name == REVISED_FILE:
                make_pdf(revised / name, title + " (sửa đổi)", pages=pages + 1)
            else:
                (revised / name).write_bytes((council / name).read_bytes())
    (ward / "meeting.toml").write_text(WARD_TOML, "utf-8")
    if not (ward / "bao-cao-trat-tu.pdf").exists():
        make_pdf(ward / "bao-cao-trat-tu.pdf", "BÁO CÁO Trật tự đô thị phường Láng Hạ", pages=5)
    return council, revised, ward


def build_demo(
    data_dir: Path,
    db_url: str | None = None,
    *,
    cheap_hash: bool = False,
    packs_dir: Path | None = None,
    member_certificates: Mapping[str, bytes] | None = None,
    trust_roots: Sequence[bytes] = (),
) -> DemoInfo:
    """Create (or refresh) the demo users and meetings in a server data directory.

    ``packs_dir`` lets tests generate the PDFs once and share them between servers.
    ``member_certificates`` (user name -> DER) registers the demo signers'
    certificates (the demo command passes the demo token's or software key's).
    ``trust_roots`` (PEM or DER) become every demo body's trust roots (the demo token's
    or software key's root), so the server accepts the demo's signatures.
    """
    server = open_server(ServerConfig(data_dir, db_url))
    try:
        with server.db.read() as session:
            existing = set(session.scalars(select(User.username)))
        for username, display in USERS.items():
            if username not in existing:
                add_user(server.db, username, DEMO_PASSWORD, display, cheap_hash=cheap_hash)
        council, revised, ward = write_packs(packs_dir or data_dir / "packs")
        with server.db.read() as session:
            fresh = session.get(Meeting, COUNCIL_ID) is None
        if fresh:
            import_pack(server.db, server.blobs, council)
        # The draft resolution's second version supersedes the first (a no-op when built).
        import_pack(server.db, server.blobs, revised)
        import_pack(server.db, server.blobs, ward)
        _live_demo(server.db)
        consultation.demo(server.db, COUNCIL_ID)  # an open written consultation (issue 13)
        action_items.demo(server.db, COUNCIL_ID)  # the conclusions' action items (issue 13)
        if member_certificates:
            with server.db.write() as session:
                for username, der in member_certificates.items():
                    user = session.scalars(select(User).where(User.username == username)).one()
                    store_certificate(session, user.id, der, CERT_ADMIN)
        if trust_roots:
            with server.db.read() as session:
                bodies = list(session.scalars(select(Organisation.name)))
            for body in bodies:
                for root in trust_roots:
                    add_trust_root(server.db, body, root)
    finally:
        server.db.dispose()
    return DemoInfo(
        data_dir,
        dict.fromkeys(USERS, DEMO_PASSWORD),
        (COUNCIL_ID, WARD_ID),
        (council, revised, ward),
    )


def _live_demo(db: Database) -> None:
    """Send :data:`LIVE_COMMANDS` to the council session once (a log already
    begun is left alone, so building twice adds nothing)."""
    with db.read() as session:
        if head_of(session, COUNCIL_ID)[0] > 0:
            return
        ids = {name: user_id for name, user_id in session.execute(select(User.username, User.id))}
    authority = Authority(db, committed=lambda _meeting: None)
    for n, (username, kind, given) in enumerate(LIVE_COMMANDS, 1):
        args = dict(given)
        if kind == "attendance.set":
            args["user"] = ids[str(args["user"])]
        if kind in RUNS_THE_LIST:
            with db.read() as session:
                state = authority.cache.get(session, COUNCIL_ID, head_of(session, COUNCIL_ID))
            args["list_version"] = state.list_version
        who = Principal(ids[username], "server-demo")
        command = Command(kind, args)
        outcome = authority.run(who, COUNCIL_ID, op_id=f"demo-live-{n}", command=command)
        assert outcome.status == "applied", (kind, outcome.reason)
    chair = Principal(ids["chutich"], "server-demo")
    for poll, position, item, title in DEMO_POLLS:
        args = {"poll": poll, "item": agenda_item_id(COUNCIL_ID, position, item), "title": title,
                "kind": "named"}  # fmt: skip
        outcome = authority.run(chair, COUNCIL_ID, op_id=f"demo-{poll}",
                                command=Command("poll.create", args))  # fmt: skip
        assert outcome.status == "applied", (poll, outcome.reason)
