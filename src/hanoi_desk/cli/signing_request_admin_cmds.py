"""``hanoi-desk server sign-request|sign-request-start|sign-request-cancel|sign-request-show``: the
secretariat's side of a signing request on the server's host
(docs/signing-requests.md). Like the other ``server`` actions they work on the
server's database directly and import the server only inside the handlers.

The secretary is not a client role that may create server objects (the client
only pushes its own user's mutations), so creating and cancelling is a host
command, as for consultations.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import time
from collections.abc import Callable, Iterator
from typing import Any

from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

CREATED = N_("Signing request created: {id}. The first signer sees it at their next sync.")
CREATED_DRAFT = N_(
    "Draft signing request created: {id}. Nobody is asked to sign until "
    "hanoi-desk server sign-request-start {id}."
)
STARTED = N_("Signing request {id} is started. The first signer sees it at their next sync.")
BAD_EXPIRY = N_(
    "“{value}” is not a time; write it as 2026-12-31T17:00+07:00 (a date and time with its zone)."
)
BAD_DAYS = N_("--expires-in-days takes a whole number of days from 1 to 365.")
CANCELLED = N_("Signing request {id} is cancelled.")
BAD_STEP = N_(
    "“{value}” is not a step; write it as USER:KIND:ROLE (KIND: approval, issuing or copy)."
)


def register(s: Any, child: Callable[[Any, str, str], argparse.ArgumentParser]) -> None:
    c = child(s, "sign-request", "ask several members to sign a document version in order")
    c.add_argument("version_id", metavar="VERSION")
    c.add_argument("--title", required=True, metavar="TEXT", help="e.g. Biên bản kỳ họp thứ 12")
    c.add_argument("--step", action="append", required=True, metavar="USER:KIND:ROLE",
                   help="a signer, in signing order (repeat); a leading + signs in the same "
                   "stage as the previous one, in either order")  # fmt: skip
    c.add_argument("--draft", action="store_true",
                   help="prepare it without asking anyone (sign-request-start asks)")  # fmt: skip
    when = c.add_mutually_exclusive_group()
    when.add_argument("--expires-at", metavar="ISO",
                      help="after this time (e.g. 2026-12-31T17:00+07:00) the request, if not "
                      "finished, is expired")  # fmt: skip
    when.add_argument("--expires-in-days", metavar="N",
                      help="the request expires N days after it is made")  # fmt: skip
    c.set_defaults(handler=create)

    c = child(s, "sign-request-start", "ask the signers of a draft signing request")
    c.add_argument("request_id", metavar="REQUEST")
    c.set_defaults(handler=start)

    c = child(s, "sign-request-cancel", "cancel a signing request in progress")
    c.add_argument("request_id", metavar="REQUEST")
    c.set_defaults(handler=cancel)

    c = child(s, "sign-request-show", "print a signing request and its steps (JSON)")
    c.add_argument("request_id", metavar="REQUEST")
    c.set_defaults(handler=show)


@contextlib.contextmanager
def _server(args: argparse.Namespace) -> Iterator[Any]:
    """The server's database and blobs for one action, its connections closed after."""
    from hanoi_desk.cli.server_cmds import _open

    server = _open(args)
    try:
        yield server
    finally:
        server.db.dispose()


def parse_steps(values: list[str]) -> list[Any]:
    from hanoi_desk.server.signing_requests import StepSpec

    steps: list[StepSpec] = []
    stage = 0
    for value in values:
        together = value.startswith("+") and bool(steps)
        parts = value.removeprefix("+").split(":", 2)
        if len(parts) != 3 or not parts[0] or not parts[2].strip():
            raise UserError(BAD_STEP, value=value)
        stage = stage if together else stage + 1
        steps.append(StepSpec(parts[0], parts[2], parts[1], stage=stage))
    return steps


def expiry(expires_at: str | None, days: str | None, now: float) -> int | None:
    """Epoch seconds from ``--expires-at`` (an ISO time with its zone: a bare time
    would mean the host's zone, which the secretary may not know) or
    ``--expires-in-days``; None without either."""
    if days is not None:
        if not days.isdigit() or not 1 <= int(days) <= 365:
            raise UserError(BAD_DAYS)
        return int(now) + int(days) * 86400
    if expires_at is None:
        return None
    try:
        when = datetime.datetime.fromisoformat(expires_at)
    except ValueError:
        raise UserError(BAD_EXPIRY, value=expires_at) from None
    if when.tzinfo is None:
        raise UserError(BAD_EXPIRY, value=expires_at)
    return int(when.timestamp())


def create(args: argparse.Namespace) -> int:
    from hanoi_desk.server import signing_requests

    steps = parse_steps(args.step)
    until = expiry(args.expires_at, args.expires_in_days, time.time())
    with _server(args) as server:
        rid = signing_requests.create(server.db, server.blobs, args.version_id, args.title, steps,
                                      draft=args.draft, expires_at=until)  # fmt: skip
    print(translate(CREATED_DRAFT if args.draft else CREATED, id=rid))
    return 0


def start(args: argparse.Namespace) -> int:
    from hanoi_desk.server import signing_requests

    with _server(args) as server:
        signing_requests.start(server.db, args.request_id)
    print(printable(translate(STARTED, id=args.request_id)))
    return 0


def cancel(args: argparse.Namespace) -> int:
    from hanoi_desk.server import signing_requests

    with _server(args) as server:
        signing_requests.cancel(server.db, args.request_id)
    print(printable(translate(CANCELLED, id=args.request_id)))
    return 0


def show(args: argparse.Namespace) -> int:
    from hanoi_desk.server import signing_requests

    with _server(args) as server:
        data = signing_requests.show(server.db, args.request_id)
    print(printable_json(data))
    return 0
