"""``hanoi-desk server trust-root add|list|remove``: the certificates a body
trusts as the roots of its members' signing certificates (docs/server-uploads.md).

A body with no root refuses every signed upload (``untrusted``): the server
cannot tell a member's certificate from one anybody made. Like the other
``server`` actions these work on the server's database directly and import the
server only inside the handlers.
"""

from __future__ import annotations

import argparse
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hanoi_desk.domain.text import printable
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

ROOT_ADDED = N_("Body “{body}” now trusts {fingerprint} ({subject}).")
ROOT_KEPT = N_("Body “{body}” already trusts {fingerprint} ({subject}); nothing changed.")
ROOT_REMOVED = N_(
    "Body “{body}” no longer trusts {fingerprint}; signatures accepted before stay accepted."
)
NO_ROOTS = N_(
    "Body “{body}” has no trust root: every signed upload is refused until "
    "“hanoi-desk server trust-root add” names one."
)
CANNOT_READ = N_("Cannot read {path}: {reason}.")


def register(
    s: Any,
    child: Callable[[Any, str, str], argparse.ArgumentParser],
    store_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """``store_options`` adds --data/--db to each action, so they may follow it."""
    c = child(s, "trust-root", "the certificates a body's signed uploads must chain to")
    t = c.add_subparsers(dest="trust_root_command", metavar="ACTION", required=True)
    a = t.add_parser("add", help="trust a root certificate (PEM or DER) for a body")
    store_options(a)
    a.add_argument("body", metavar="BODY", help="the organisation's name, as in meeting.toml")
    a.add_argument("file", metavar="FILE", type=Path, help="the certificate, PEM or DER")
    a.set_defaults(handler=add)
    a = t.add_parser("list", help="print a body's trust roots")
    store_options(a)
    a.add_argument("body", metavar="BODY")
    a.set_defaults(handler=list_roots)
    a = t.add_parser("remove", help="stop trusting a root (named by its SHA-256 fingerprint)")
    store_options(a)
    a.add_argument("body", metavar="BODY")
    a.add_argument("fingerprint", metavar="FINGERPRINT")
    a.set_defaults(handler=remove)


def add(args: argparse.Namespace) -> int:
    from hanoi_desk.cli.server_cmds import _open, _require_server

    _require_server()
    from hanoi_desk.server import admin

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserError(CANNOT_READ, path=str(args.file),
                        reason=exc.strerror or type(exc).__name__) from None  # fmt: skip
    db = _open(args).db
    try:
        fingerprint, subject, new = admin.add_trust_root(db, args.body, data)
    finally:
        db.dispose()
    print(translate(ROOT_ADDED if new else ROOT_KEPT, body=printable(args.body),
                    fingerprint=fingerprint, subject=printable(subject)))  # fmt: skip
    return 0


def list_roots(args: argparse.Namespace) -> int:
    from hanoi_desk.cli.server_cmds import _open, _require_server

    _require_server()
    from hanoi_desk.server import admin

    db = _open(args).db
    try:
        roots = admin.list_trust_roots(db, args.body)
    finally:
        db.dispose()
    if not roots:
        print(translate(NO_ROOTS, body=printable(args.body)))
    for fingerprint, subject, added_at in roots:
        day = datetime.datetime.fromtimestamp(added_at, datetime.UTC).strftime("%Y-%m-%d")
        print(f"{fingerprint}  {day}  {printable(subject)}")
    return 0


def remove(args: argparse.Namespace) -> int:
    from hanoi_desk.cli.server_cmds import _open, _require_server

    _require_server()
    from hanoi_desk.server import admin

    db = _open(args).db
    try:
        admin.remove_trust_root(db, args.body, args.fingerprint)
    finally:
        db.dispose()
    print(
        translate(ROOT_REMOVED, body=printable(args.body), fingerprint=printable(args.fingerprint))
    )
    return 0
