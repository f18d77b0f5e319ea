"""``hanoi-desk demo``: a walk-through on generated Vietnamese documents.

It uses its own home directory (``HANOI_DESK_HOME`` or a ``demo`` folder in
the user-data directory), so it never touches a person's real profiles.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from hanoi_desk.app.samples import make_pdf
from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_home, default_vault
from hanoi_desk.cli.common import SubParsers
from hanoi_desk.i18n import N_, translate

DEMO_PASSPHRASE = "demo-passphrase"  # noqa: S105 - a published demo secret, not a real one
DOCUMENTS = [
    ("Báo cáo kinh tế - xã hội quận Đống Đa năm 2026", 12),
    ("Tờ trình dự toán ngân sách thành phố Hà Nội", 8),
    ("Nghị quyết về đầu tư xây dựng trường học", 5),
]


class _DemoPrompt:
    def passphrase(self, profile: str, *, new: bool) -> str:
        return DEMO_PASSPHRASE


def register(sub: SubParsers) -> None:
    p = sub.add_parser("demo", help="try Hanoi Desk on generated sample documents")
    p.add_argument("--home", type=Path, help="where the demo profile lives")
    p.set_defaults(handler=demo)


def demo(args: argparse.Namespace) -> int:
    home = args.home or Path(os.environ.get("HANOI_DESK_HOME") or default_home() / "demo")
    desk = Desk(default_vault(home))
    say = print
    if "demo" in [p.name for p in desk.profiles()]:
        desk.wipe("demo")
    desk.create("demo", _DemoPrompt())
    say(translate(N_("1. Created the encrypted profile “demo” in {home}."), home=home))
    with (
        tempfile.TemporaryDirectory(prefix="hanoi-desk-demo-") as tmp,
        desk.open("demo", _DemoPrompt(), "passphrase") as session,
    ):
        files = []
        for number, (title, pages) in enumerate(DOCUMENTS, start=1):
            path = Path(tmp) / f"tai-lieu-{number}.pdf"
            make_pdf(path, title, pages=pages)
            files.append(path)
        say(translate(N_("2. Imported {n} documents into the encrypted cache:"), n=len(files)))
        for result in session.import_pdfs(files):
            if result.document is not None:
                d = result.document
                say(f"   {d.id[:8]}  {d.title}  ({d.pages} trang/pages)")
        for query in ("ha noi", "truong hoc"):
            hits = session.search(query, limit=3)
            say(
                translate(
                    N_("3. Search “{q}” (no accents typed): {n} pages, e.g."),
                    q=query,
                    n=len(session.search(query, limit=1000)),
                )
            )
            for hit in hits:
                say(f"   {hit.title} p.{hit.page}: {hit.snippet}")
        problems = session.cache.verify_all()
        say(
            translate(
                N_("4. Verified every cached document: {state}."),
                state="OK" if not problems else f"{len(problems)} damaged",
            )
        )
    say(
        translate(
            N_("Try: hanoi-desk cache list --profile demo (passphrase: {p})"), p=DEMO_PASSPHRASE
        )
    )
    say(f"   HANOI_DESK_HOME={home}")
    return 0
