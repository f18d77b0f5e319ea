"""``hanoi-desk server sign-request|sign-request-cancel|sign-request-show``: the
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
from collections.abc import Callable, Iterator
from typing import Any

from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

CREATED = N_("Signing request created: {id}. The first signer sees it at their next sync.")
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
    c.set_defaults(handler=create)

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


def create(args: argparse.Namespace) -> int:
    from hanoi_desk.server import signing_requests

    steps = parse_steps(args.step)
    with _server(args) as server:
        rid = signing_requests.create(server.db, server.blobs, args.version_id, args.title, steps)
    print(translate(CREATED, id=rid))
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
