"""``hanoi-desk server``: run the reference server and administer it.

The server is a separate product: everything from ``hanoi_desk.server`` is
imported inside the handlers, so the desktop client never loads it (and a
client build without the server extras still starts).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hanoi_desk.cli import (
    actions_cmds,
    consult_admin_cmds,
    signing_request_admin_cmds,
    trust_root_cmds,
)
from hanoi_desk.cli.common import SubParsers
from hanoi_desk.cli.prompt import StdinSecrets
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

NOT_INSTALLED = N_(
    "The reference server is not installed here ({module} is missing): "
    "install hanoi-desk with the “server” extra."
)
NO_TTY_PASSWORD = N_("No terminal to ask for the password: pass it with --password-stdin.")
PASSWORDS_DIFFER = N_("The two passwords differ. No user was added.")
PASSWORDS_DIFFER_RESET = N_("The two passwords differ. The password was not changed.")
NOT_LOOPBACK = N_(
    "Warning: plain HTTP on {host}. Put a TLS proxy in front (docs/server-deployment.md)."
)
SERVING = N_("Hanoi Desk server (protocol {version}) on http://{host}:{port}, data in {data}")
USER_ADDED = N_("Added user “{username}” ({id}).")
PACK_IMPORTED = N_("Imported meeting {meeting}: {documents} documents, {new} new versions.")
WIPE_ORDERED = N_(
    "Ordered a wipe of device “{device}” of “{username}”; it happens at its next sync."
)
WIPE_CANCELLED = N_("Cancelled the wipe of device “{device}” of “{username}”.")
USER_DISABLED = N_(
    "Disabled user “{username}”: sign-in is refused and every session ended (devices signed "
    "out: {devices}). “enable-user” lets them sign in again."
)
USER_ENABLED = N_("Enabled user “{username}”: they can sign in again.")
REVOKED_USER = N_(
    "Signed out every device of “{username}” (devices: {devices}); they must sign in again."
)
REVOKED_DEVICE = N_("Signed out device “{device}” of “{username}”; it must sign in again.")
PASSWORD_RESET = N_(
    "Set a new password for “{username}” and ended every session (devices signed out: {devices})."
)
DONE = N_("Done.")
BAD_HEARTBEAT = N_("the heartbeat must be a number of seconds from 0.05 to 300")
BAD_LIMIT = N_("the limit must be a whole number from 1 to {most}")
ROLE_SET = N_("“{username}” is now {role} in meeting {meeting} (before: {before}).")
NOT_A_PARTICIPANT = N_("not a participant")
DEMO_READY = N_("Demo data in {data}. Users: {users}; password for all: {password}")
CERT_REGISTERED = N_(
    "Registered the signing certificate {fingerprint} for “{username}” (replaced: {before})."
)
NO_CERT_BEFORE = N_("none")
BODY_SETTING_SET = N_("Body “{body}”: {setting} is now {value} (before: {before}).")
BODY_SETTINGS = ("substitute-may-vote", "vote-delegation", "certificate-from-first-signature")
"""As ``server.admin.BODY_SETTINGS`` (the server is not imported here)."""

PARTICIPANT_ROLES = ("chair", "secretary", "delegate", "guest")
"""As ``protocol.ROLES``, in the order help lists them (the server is not imported here)."""

DATA_ENV = "HANOI_DESK_SERVER_DATA"
DB_ENV = "HANOI_DESK_SERVER_DB"


def _default_data() -> Path:
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    import platformdirs

    return platformdirs.user_data_path("hanoi-desk-server", appauthor=False)


def _store_options(p: argparse.ArgumentParser, *, child: bool) -> None:
    default: Any = argparse.SUPPRESS if child else None
    p.add_argument(
        "--data",
        type=Path,
        default=default,
        metavar="DIR",
        help=f"data folder: database and blobs (default: ${DATA_ENV} or user data)",
    )
    p.add_argument("--db", default=default, metavar="URL",
                   help=f"SQLAlchemy URL, e.g. postgresql+psycopg://… (default: ${DB_ENV} "
                   "or SQLite in the data folder)")  # fmt: skip


def register(sub: SubParsers) -> None:
    p = sub.add_parser("server", help="run or administer the reference document server")
    _store_options(p, child=False)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8470)
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--no-migrate", action="store_true", help="do not upgrade the schema first")
    p.add_argument("--proxy", metavar="IP",
                   help="the TLS proxy in front: its X-Forwarded-For names the client, whose "
                   "address the login throttle counts (default: trust no header)")  # fmt: skip
    p.add_argument("--live-heartbeat", type=_heartbeat, default=5.0, metavar="SECONDS",
                   help="seconds between live meeting stream heartbeats (default 5)")  # fmt: skip
    # docs/server-live.md, "Limits": what one participant may hold of a process.
    p.add_argument("--live-streams-per-token", type=_limit, default=2, metavar="N",
                   help="live streams one sign-in may hold open (default 2)")  # fmt: skip
    p.add_argument("--live-streams-per-user", type=_limit, default=8, metavar="N",
                   help="live streams one user may hold open (default 8)")  # fmt: skip
    p.add_argument("--live-command-rate", type=_limit, default=10, metavar="N",
                   help="live commands per second per user, 20 at once (default 10)")  # fmt: skip
    p.add_argument("--limit-concurrency", type=_limit, default=None, metavar="N",
                   help="connections and tasks per process before answering 503 (default: "
                   "the open-file limit less 256)")  # fmt: skip
    p.set_defaults(handler=serve)
    s = p.add_subparsers(dest="server_command", metavar="ACTION")

    _register_users(s)
    _register_meetings(s)
    consult_admin_cmds.register(s, _child)  # docs/consultation.md
    signing_request_admin_cmds.register(s, _child)  # docs/signing-requests.md
    # docs/server-uploads.md
    trust_root_cmds.register(s, _child, lambda a: _store_options(a, child=True))
    # docs/action-items.md
    actions_cmds.register_server(s, _child, lambda a: _store_options(a, child=True))
    # The desktop bundle leaves the server out: every action says so before
    # its first import from hanoi_desk.server.
    for parser in (p, *s.choices.values()):
        parser.set_defaults(handler=_server_only(parser.get_default("handler")))


def _heartbeat(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.05 <= value <= 300:  # also refuses nan
        raise argparse.ArgumentTypeError(translate(BAD_HEARTBEAT))
    return value


def _limit(text: str) -> int:
    most = 1_000_000
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= most:
        raise argparse.ArgumentTypeError(translate(BAD_LIMIT, most=most))
    return value


def _server_only(
    handler: Callable[[argparse.Namespace], int],
) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        _require_server()
        return handler(args)

    return run


def _child(s: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    c: argparse.ArgumentParser = s.add_parser(name, help=help_text)
    _store_options(c, child=True)
    return c


def _register_users(s: Any) -> None:
    c = _child(s, "add-user", help_text="add a user (the password is hashed with Argon2id)")
    c.add_argument("username")
    c.add_argument("--display-name", help="the name shown to others (default: the username)")
    c.add_argument("--organisation", help="organisation name (created on first use)")
    c.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input")  # fmt: skip
    c.set_defaults(handler=add_user)

    c = _child(s, "import-pack", "import or update a meeting from a folder with meeting.toml")
    c.add_argument("folder", type=Path)
    c.set_defaults(handler=import_pack)

    c = _child(s, "wipe-device", "order a device's profile wiped at its next sync")
    c.add_argument("username")
    c.add_argument("device_id")
    c.add_argument("--cancel", action="store_true", help="cancel an order not yet carried out")
    c.set_defaults(handler=wipe_device)

    c = _child(s, "disable-user", "refuse a user's sign-in and end their sessions at once")
    c.add_argument("username")
    c.set_defaults(handler=disable_user)

    c = _child(s, "enable-user", "let a disabled user sign in again")
    c.add_argument("username")
    c.set_defaults(handler=enable_user)

    c = _child(s, "revoke", "sign out all devices of a user, or one (--device), at once")
    c.add_argument("username")
    c.add_argument("--device", metavar="DEVICE_ID", help="only this device (see “devices”)")
    c.set_defaults(handler=revoke)

    c = _child(s, "reset-password", "set a new password and sign out every device of the user")
    c.add_argument("username")
    c.add_argument("--password-stdin", action="store_true",
                   help="read the new password from the first line of standard input")  # fmt: skip
    c.set_defaults(handler=reset_password)

    c = _child(s, "devices", "list a user's devices")
    c.add_argument("username")
    c.set_defaults(handler=devices)

    c = _child(s, "policy", "retention, offline lease and watermark of an organisation")
    c.add_argument("--organisation")
    c.add_argument("--retention-days", type=int)
    c.add_argument("--offline-lease-hours", type=int)
    c.add_argument("--watermark", choices=("on", "off"))
    c.add_argument(
        "--signature-level",
        choices=("B-LT", "B-LTA", ""),
        help='level signatures made offline are raised to at sync ("": B-LT)',
    )
    c.add_argument("--tsa-url", help='the body\'s timestamp authority ("": none)')
    c.add_argument(
        "--signature-overdue-days",
        type=int,
        choices=range(0, 3651),
        metavar="DAYS",
        help="warn about signatures this long without a trusted time",
    )
    c.set_defaults(handler=policy)


def _register_meetings(s: Any) -> None:

    c = _child(s, "meeting-status", "set a meeting's status (closed meetings refuse comments)")
    c.add_argument("meeting_id")
    c.add_argument("status", choices=("scheduled", "open", "closed", "cancelled"))
    c.set_defaults(handler=meeting_status)

    c = _child(s, "participant", "add a participant, change their role, or remove them")
    c.add_argument("meeting_id")
    c.add_argument("username")
    g = c.add_mutually_exclusive_group(required=True)
    g.add_argument("--role", choices=PARTICIPANT_ROLES)
    g.add_argument("--remove", action="store_true")
    c.set_defaults(handler=participant)

    c = _child(s, "drafting-unit", "add a user to a document's drafting unit (answers comments)")
    c.add_argument("document_id", metavar="DOCUMENT")
    c.add_argument("username", metavar="USER")
    c.add_argument("--remove", action="store_true", help="take them out of it")
    c.set_defaults(handler=drafting_unit)

    c = _child(s, "meeting-role", "set a user's role in a meeting (added if not a participant)")
    c.add_argument("meeting_id", metavar="MEETING")
    c.add_argument("username", metavar="USER")
    c.add_argument("role", metavar="ROLE", choices=PARTICIPANT_ROLES,
                   help="chair, secretary, delegate or guest (guests follow the live "
                   "meeting and send no command)")  # fmt: skip
    c.set_defaults(handler=meeting_role)

    c = _child(s, "member-cert", "register or replace the certificate a member's ballots are "
               "verified against")  # fmt: skip
    c.add_argument("username", metavar="USER")
    c.add_argument("file", metavar="FILE", type=Path, help="the certificate, PEM or DER")
    c.set_defaults(handler=member_cert)

    c = _child(s, "body-setting", "set a body's vote rule (a round already open keeps its own)")
    c.add_argument("body", metavar="BODY", help="the organisation's name, as in meeting.toml")
    c.add_argument("setting", metavar="SETTING", choices=BODY_SETTINGS,
                   help=", ".join(BODY_SETTINGS))  # fmt: skip
    c.add_argument("value", choices=("on", "off"))
    c.set_defaults(handler=body_setting)

    c = _child(s, "demo", "create the demo users and meetings")
    c.set_defaults(handler=demo)

    c = _child(s, "migrate", "upgrade the database schema to this version")
    c.set_defaults(handler=migrate)

    c = _child(s, "openapi", "print the protocol's OpenAPI document")
    c.set_defaults(handler=openapi)


def _require_server() -> None:
    for module in ("starlette", "uvicorn", "sqlalchemy", "alembic", "argon2"):
        try:
            __import__(module)
        except ImportError:
            raise UserError(NOT_INSTALLED, module=module) from None


def _config(args: argparse.Namespace) -> Any:
    from hanoi_desk.server.app import ServerConfig

    data = args.data or _default_data()
    return ServerConfig(Path(data), args.db or os.environ.get(DB_ENV) or None)


def _open(args: argparse.Namespace) -> Any:
    from hanoi_desk.server.app import open_server

    return open_server(_config(args))


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from hanoi_desk.protocol import PROTOCOL_VERSION

    config = _config(args)
    if args.host not in ("127.0.0.1", "::1", "localhost"):
        print(translate(NOT_LOOPBACK, host=args.host), file=sys.stderr)
    server = _open(args) if not args.no_migrate else None
    if server is not None:
        server.db.dispose()
    print(translate(SERVING, version=PROTOCOL_VERSION, host=args.host, port=args.port,
                    data=config.data_dir), flush=True)  # fmt: skip
    os.environ["HANOI_DESK_SERVER_DATA"] = str(config.data_dir)
    os.environ["HANOI_DESK_LIVE_HEARTBEAT"] = repr(args.live_heartbeat)
    from hanoi_desk.server.asgi import LIMITS_ENV
    from hanoi_desk.server.limits import default_concurrency

    os.environ[LIMITS_ENV] = json.dumps({
        "streams_per_token": args.live_streams_per_token,
        "streams_per_user": args.live_streams_per_user,
        "command_rate": args.live_command_rate,
        "command_burst": 2 * args.live_command_rate,
    })  # fmt: skip
    if config.db_url:
        os.environ["HANOI_DESK_SERVER_DB"] = config.db_url
    uvicorn.run("hanoi_desk.server.asgi:app_from_env", factory=True, host=args.host,
                port=args.port, workers=max(1, args.workers), log_level="warning",
                access_log=False, proxy_headers=bool(args.proxy),
                forwarded_allow_ips=args.proxy,
                limit_concurrency=args.limit_concurrency or default_concurrency())  # fmt: skip
    return 0


def _password(args: argparse.Namespace, differ: str = PASSWORDS_DIFFER) -> str:
    if args.password_stdin:
        return StdinSecrets().line()
    if not sys.stdin.isatty():
        raise UserError(NO_TTY_PASSWORD)
    first = getpass.getpass(translate(N_("Password: ")))
    if getpass.getpass(translate(N_("Password again: "))) != first:
        raise UserError(differ)
    return first


def add_user(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    password = _password(args)
    server = _open(args)
    user_id = admin.add_user(server.db, args.username, password, args.display_name,
                             args.organisation)  # fmt: skip
    print(translate(USER_ADDED, username=args.username, id=user_id))
    return 0


def import_pack(args: argparse.Namespace) -> int:
    from hanoi_desk.server.packs import import_pack as run

    server = _open(args)
    report = run(server.db, server.blobs, args.folder)
    print(translate(PACK_IMPORTED, meeting=report.meeting_id, documents=report.documents,
                    new=report.new_versions))  # fmt: skip
    return 0


def wipe_device(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    admin.wipe_device(_open(args).db, args.username, args.device_id, wipe=not args.cancel)
    done = WIPE_CANCELLED if args.cancel else WIPE_ORDERED
    print(translate(done, device=args.device_id, username=args.username))
    return 0


def disable_user(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    count = admin.set_disabled(_open(args).db, args.username, True)
    print(translate(USER_DISABLED, username=args.username, devices=count))
    return 0


def enable_user(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    admin.set_disabled(_open(args).db, args.username, False)
    print(translate(USER_ENABLED, username=args.username))
    return 0


def revoke(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    count = admin.revoke(_open(args).db, args.username, args.device)
    if args.device is None:
        print(translate(REVOKED_USER, username=args.username, devices=count))
    else:
        print(translate(REVOKED_DEVICE, username=args.username, device=args.device))
    return 0


def reset_password(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    password = _password(args, PASSWORDS_DIFFER_RESET)
    count = admin.reset_password(_open(args).db, args.username, password)
    print(translate(PASSWORD_RESET, username=args.username, devices=count))
    return 0


def devices(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from hanoi_desk.server import admin

    def iso(at: int) -> str:
        return datetime.fromtimestamp(at, UTC).isoformat()

    listed = admin.list_devices(_open(args).db, args.username)
    for device_id, name, seen, wipe, delivered in listed:
        # The administrator needs to know whether the order has reached the device yet.
        state = "" if not wipe else f"\twipe delivered {iso(delivered)}" if delivered else "\twipe"
        # The id and name are what each device sent when it signed in.
        print(f"{printable(device_id)}\t{printable(name)}\t{iso(seen)}{state}")
    return 0


def meeting_status(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    admin.set_meeting_status(_open(args).db, args.meeting_id, args.status)
    print(translate(DONE))
    return 0


def participant(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    role = None if args.remove else args.role
    admin.set_participant(_open(args).db, args.meeting_id, args.username, role)
    print(translate(DONE))
    return 0


def drafting_unit(args: argparse.Namespace) -> int:
    """docs/comment-threads.md: who answers a draft's comment threads."""
    from hanoi_desk.server.threads import set_drafter

    set_drafter(_open(args).db, args.document_id, args.username, not args.remove)
    print(translate(DONE))
    return 0


def meeting_role(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    before = admin.set_participant(_open(args).db, args.meeting_id, args.username, args.role)
    print(translate(ROLE_SET, username=printable(args.username), role=args.role,
                    meeting=printable(args.meeting_id),
                    before=before or translate(NOT_A_PARTICIPANT)))  # fmt: skip
    return 0


def policy(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    watermark = None if args.watermark is None else args.watermark == "on"
    admin.set_policy(_open(args).db, args.organisation, retention_days=args.retention_days,
                     offline_lease_hours=args.offline_lease_hours,
                     watermark=watermark, signature_level=args.signature_level,
                     tsa_url=args.tsa_url,
                     signature_overdue_days=args.signature_overdue_days)  # fmt: skip
    print(translate(DONE))
    return 0


def member_cert(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserError(N_("Cannot read {path}: {reason}."), path=str(args.file),
                        reason=exc.strerror or type(exc).__name__) from None  # fmt: skip
    db = _open(args).db
    try:
        fingerprint, before = admin.set_member_certificate(db, args.username, data)
    finally:
        db.dispose()
    print(translate(CERT_REGISTERED, fingerprint=fingerprint, username=printable(args.username),
                    before=before or translate(NO_CERT_BEFORE)))  # fmt: skip
    return 0


def body_setting(args: argparse.Namespace) -> int:
    from hanoi_desk.server import admin

    db = _open(args).db
    try:
        before = admin.set_body_setting(db, args.body, args.setting, args.value == "on")
    finally:
        db.dispose()
    print(translate(BODY_SETTING_SET, body=printable(args.body), setting=args.setting,
                    value=args.value, before="on" if before else "off"))  # fmt: skip
    return 0


def demo(args: argparse.Namespace) -> int:
    from hanoi_desk.server.demo import DEMO_PASSWORD, build_demo

    config = _config(args)
    info = build_demo(config.data_dir, config.db_url)
    print(translate(DEMO_READY, data=info.data_dir, users=", ".join(info.users),
                    password=DEMO_PASSWORD))  # fmt: skip
    return 0


def migrate(args: argparse.Namespace) -> int:
    _open(args).db.dispose()
    print(translate(DONE))
    return 0


def openapi(args: argparse.Namespace) -> int:
    from hanoi_desk.server.openapi import openapi_document

    print(json.dumps(openapi_document(), ensure_ascii=False, indent=2))
    return 0
