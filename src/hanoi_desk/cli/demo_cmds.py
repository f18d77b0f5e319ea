"""``hanoi-desk demo``: the reference server with a demo meeting pack on
127.0.0.1, a demo profile, a demo token (SoftHSM2, else the DEMO software key),
and the desktop app open on them.

Everything lives in its own home directory (``--home``, ``HANOI_DESK_HOME`` or a
``demo`` folder in the user-data directory), so a person's real profiles are
never touched. Without a display (a server, CI) it runs the text walk-through
instead: import, search and verify on generated Vietnamese documents.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_home, default_vault
from hanoi_desk.cli.common import SubParsers
from hanoi_desk.domain import settings as settings_table
from hanoi_desk.domain.settings import Assignment
from hanoi_desk.i18n import N_, translate
from hanoi_desk.samples import make_pdf

DEMO_PASSPHRASE = "demo-passphrase"  # noqa: S105 - a published demo secret, not a real one
DOCUMENTS = [
    ("Báo cáo kinh tế - xã hội quận Đống Đa năm 2026", 12),
    ("Tờ trình dự toán ngân sách thành phố Hà Nội", 8),
    ("Nghị quyết về đầu tư xây dựng trường học", 5),
]
NO_SERVER = N_(
    "The reference server is not installed here ({module} is missing): the demo shows "
    "local documents only."
)
VOTE_HINT = N_(
    "  the vote “{poll}” is open and the demo key is the demo delegate's registered signing "
    "certificate; vote from the command line (after a sync):"
)
DEMO_FIRST_VOTE = "demo-bieu-quyet-1"
"""The demo's first vote (server/demo.py's DEMO_POLLS), opened by the demo."""
NO_TOKEN = N_(
    "SoftHSM2 is not installed: the demo signs with a software key instead, a file labelled "
    "DEMO that is not a hardware token (install softhsm2 and opensc for a demo token)."
)


class _DemoPrompt:
    def passphrase(self, profile: str, *, new: bool) -> str:
        return DEMO_PASSPHRASE


def register(sub: SubParsers) -> None:
    p = sub.add_parser(
        "demo", help="open Hanoi Desk on a demo server, profile and token (or a text walk-through)"
    )
    p.add_argument("--home", type=Path, help="where the demo's server data, profile and token live")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--gui", action="store_true", help="open the desktop app (default with a display)"
    )
    mode.add_argument("--cli", action="store_true", help="only the text walk-through")
    p.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(handler=demo)


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "") in ("offscreen", "minimal"):
        return False
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def demo(args: argparse.Namespace) -> int:
    home = args.home or Path(os.environ.get("HANOI_DESK_HOME") or default_home() / "demo")
    if args.cli or not (args.gui or _has_display()):
        return walk_through(home)
    return desktop(home, smoke=args.smoke)


def _fresh_profile(desk: Desk) -> None:
    if "demo" in [p.name for p in desk.profiles()]:
        desk.wipe("demo")
    desk.create("demo", _DemoPrompt())


def walk_through(home: Path) -> int:
    desk = Desk(default_vault(home))
    say = print
    _fresh_profile(desk)
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


def _open_first_vote(server: Any) -> str | None:
    """Make the demo's first vote one the demo delegate can cast at once: the
    secretary marks ``demo`` present (the room's snapshot is taken when a
    round opens) and the chair opens its first round. A demo home used before
    keeps what it holds: only a vote still in draft is opened."""
    from hanoi_desk.domain.live.checks import Command
    from hanoi_desk.server import admin
    from hanoi_desk.server.auth import Principal
    from hanoi_desk.server.demo import COUNCIL_ID
    from hanoi_desk.server.live import head_of

    poll = DEMO_FIRST_VOTE
    with server.db.read() as session:
        state = server.authority.cache.get(session, COUNCIL_ID, head_of(session, COUNCIL_ID))
        demo, secretary, chair = (
            admin.user_by_name(session, name).id for name in ("demo", "thuky", "chutich")
        )
    found = state.poll(poll)
    if found is None or found.rounds or state.voting is not None:
        return None
    steps: tuple[tuple[str, str, dict[str, Any]], ...] = (
        (secretary, "attendance.set", {"user": demo, "state": "present"}),
        (chair, "poll.open", {"poll": poll, "round": 1}),
    )
    for n, (who, kind, args) in enumerate(steps, 1):
        server.authority.run(
            Principal(who, "hanoi-desk-demo"), COUNCIL_ID, op_id=f"demo-vote-{n}",
            command=Command(kind, args),
        )  # fmt: skip
    return poll


@contextlib.contextmanager
def _server(
    data: Path, certificates: dict[str, bytes] | None = None, roots: tuple[bytes, ...] = ()
) -> Iterator[tuple[str, str, str] | None]:
    """The reference server with its demo data on 127.0.0.1 (None when not installed).
    ``certificates`` (user name -> DER) are registered as those members' signing
    certificates, so their signed ballots count; the first vote is then opened.
    ``roots`` (PEM) are the demo bodies' trust roots, so the server accepts the
    demo's signed documents (docs/server-uploads.md)."""
    try:
        import uvicorn

        from hanoi_desk.server.app import ServerConfig, build_app, open_server
        from hanoi_desk.server.demo import DEMO_PASSWORD, build_demo
        from hanoi_desk.server.demo_requests import add_demo_request
        from hanoi_desk.server.demo_threads import add_demo_threads
    except ImportError as exc:
        print(translate(NO_SERVER, module=exc.name or "?"), flush=True)
        yield None
        return
    build_demo(data, member_certificates=certificates, trust_roots=roots)
    server = open_server(ServerConfig(data, None))
    add_demo_threads(server.db)  # docs/comment-threads.md: a draft with threads
    add_demo_request(server.db, server.blobs)  # docs/signing-requests.md: the minutes to sign
    if certificates:
        _open_first_vote(server)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(build_app(server), log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", "demo", DEMO_PASSWORD
    finally:
        uv.should_exit = True
        thread.join(10)
        sock.close()
        server.db.dispose()


def desktop(home: Path, smoke: bool = False) -> int:
    from hanoi_desk.app.sign_cached import TokenManager, token_unlocker
    from hanoi_desk.demo.kit import (
        ORGANISATION,
        make_demo_token,
        make_images,
        make_software_key,
        softhsm_module,
    )
    from hanoi_desk.ui.demo import run_demo

    home.mkdir(parents=True, exist_ok=True)
    say = print
    settings: list[Assignment[Any]] = [settings_table.ORGANISATION.to(ORGANISATION)]
    module = softhsm_module()
    if module is None:
        say(translate(NO_TOKEN), flush=True)
        key = make_software_key(home / "softkey")
        settings += [
            settings_table.SOFTWARE_KEYS.to((key.module,)),
            settings_table.TRUST_ROOTS.to((str(key.root_pem),)),
        ]
    else:
        token = make_demo_token(home / "softhsm", module)
        os.environ["SOFTHSM2_CONF"] = str(token.softhsm_conf)  # before the module is loaded
        settings += [
            settings_table.PKCS11_MODULES.to((module,)),
            settings_table.TRUST_ROOTS.to((str(token.root_pem),)),
        ]
        key = token.key
    signature, seal = make_images(home / "images")
    settings += [
        settings_table.SIGNATURE_IMAGE.to(str(signature)),
        settings_table.SEAL_IMAGE.to(str(seal)),
    ]
    tokens = TokenManager()
    desk = Desk(default_vault(home, extra={"token": token_unlocker(tokens)}))
    _fresh_profile(desk)
    certificates = {"demo": key.certificate} if key.certificate else None
    with _server(home / "server", certificates, (key.root_pem.read_bytes(),)) as server:
        if server is None:
            with (
                tempfile.TemporaryDirectory(prefix="hanoi-desk-demo-") as tmp,
                desk.open("demo", _DemoPrompt(), "passphrase") as session,
            ):
                for number, (title, pages) in enumerate(DOCUMENTS, start=1):
                    make_pdf(Path(tmp) / f"tai-lieu-{number}.pdf", title, pages=pages)
                session.import_pdfs(sorted(Path(tmp).glob("*.pdf")))
        else:
            settings += [
                settings_table.SERVER_URL.to(server[0]),
                settings_table.USERNAME.to(server[1]),
            ]
        say(translate(N_("Hanoi Desk demo in {home}"), home=home))
        say(translate(N_("  profile “demo”, passphrase: {p}"), p=DEMO_PASSPHRASE))
        if server is not None:
            say(
                translate(
                    N_("  server {url}, user “{user}”, password: {pw}"),
                    url=server[0],
                    user=server[1],
                    pw=server[2],
                )
            )
        if key.software_key:
            say(
                translate(
                    N_("  {label}: {path}, passphrase: {passphrase}"),
                    label=translate(key.label),
                    path=key.module,
                    passphrase=key.secret,
                )
            )
            say(
                translate(
                    N_("  on the command line: hanoi-desk tokens --software-key {path}"),
                    path=key.module,
                )
            )
        else:
            say(
                translate(
                    N_("  demo token “{label}” (SoftHSM2), PIN: {pin}"),
                    label=key.label,
                    pin=key.secret,
                )
            )
        if server is not None and key.certificate:
            say(translate(VOTE_HINT, poll=DEMO_FIRST_VOTE))
            option = f"--software-key {key.module}" if key.software_key else (
                f"--module {key.module} --token {key.label}"
            )  # fmt: skip
            say(f"    hanoi-desk live vote {DEMO_FIRST_VOTE} 1 --profile demo {option}")
        sys.stdout.flush()
        try:
            return run_demo(
                desk,
                tokens,
                profile="demo",
                passphrase=DEMO_PASSPHRASE,
                settings=settings,
                server=server,
                smoke=smoke,
                smoke_key=key if smoke else None,
            )
        finally:
            tokens.close()
            tokens.thread.close()
