"""``hanoi-desk server consult-create|consult-state|consult-paper|consult-summary``:
the secretariat's side of a written consultation on the server's host
(docs/consultation.md). Like the other ``server`` actions they work on the
server's database directly and import the server only inside the handlers.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

CREATED = N_("Consultation created (a draft): {id}. Open it with: server consult-state {id} open")
MOVED = N_("Consultation {id} is now {state}.")
ENTERED = N_("Paper opinion entered for {user}: {id}.")
BAD_DEADLINE = N_("“{value}” is not a deadline; write it as 2030-03-17T17:00+07:00.")
BAD_JSON = N_("Cannot read {path}: {problem}.")
STATES = ("open", "closed", "summarised")


def register(s: Any, child: Callable[[Any, str, str], argparse.ArgumentParser]) -> None:
    c = child(s, "consult-create", "create a written consultation on a meeting (a draft)")
    c.add_argument("meeting_id", metavar="MEETING")
    c.add_argument("--reference", required=True, metavar="TEXT", help="e.g. 15/PLYK-HĐND")
    c.add_argument("--title", required=True, metavar="TEXT")
    c.add_argument("--deadline", required=True, metavar="ISO8601",
                   help="with its offset, e.g. 2030-03-17T17:00+07:00")  # fmt: skip
    c.add_argument("--questions", required=True, type=Path, metavar="FILE.json",
                   help='[{"id": "q1", "text": "..."}, ...]')  # fmt: skip
    c.add_argument("--respondent", action="append", metavar="USER",
                   help="a user consulted (repeat; default: the chair and delegates)")  # fmt: skip
    c.add_argument("--document", action="append", metavar="VERSION",
                   help="a version consulted on (repeat; default: the current ones)")  # fmt: skip
    c.set_defaults(handler=create)

    c = child(s, "consult-state", "open, close or mark summarised a consultation")
    c.add_argument("consultation_id", metavar="CONSULTATION")
    c.add_argument("state", choices=STATES)
    c.set_defaults(handler=state)

    c = child(s, "consult-paper", "enter a member's paper opinion (flagged paper, with its scan)")
    c.add_argument("consultation_id", metavar="CONSULTATION")
    c.add_argument("username", metavar="USER")
    c.add_argument("--answers", required=True, type=Path, metavar="FILE.json")
    c.add_argument("--scan", required=True, type=Path, metavar="FILE")
    c.add_argument("--written-on", required=True, metavar="YYYY-MM-DD",
                   help="the date written on the paper")  # fmt: skip
    c.add_argument("--entered-by", required=True, metavar="USER", help="the secretary")
    c.set_defaults(handler=paper)

    c = child(s, "consult-summary", "print a consultation's summary and responses (JSON)")
    c.add_argument("consultation_id", metavar="CONSULTATION")
    c.set_defaults(handler=summary)


@contextlib.contextmanager
def _server(args: argparse.Namespace) -> Iterator[Any]:
    """The server's database and blobs for one action, its connections closed after."""
    from hanoi_desk.cli.server_cmds import _open

    server = _open(args)
    try:
        yield server
    finally:
        server.db.dispose()


def _json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UserError(BAD_JSON, path=str(path), problem=type(e).__name__) from None


def create(args: argparse.Namespace) -> int:
    from hanoi_desk.server import consultation

    try:
        deadline = datetime.fromisoformat(args.deadline)
    except ValueError:
        raise UserError(BAD_DEADLINE, value=args.deadline) from None
    if deadline.tzinfo is None:  # a deadline without its offset is ambiguous
        raise UserError(BAD_DEADLINE, value=args.deadline)
    with _server(args) as server:
        cid = consultation.create(server.db, args.meeting_id, args.reference, args.title,
                                  int(deadline.timestamp()), questions=_json(args.questions),
                                  respondents=args.respondent,
                                  documents=args.document)  # fmt: skip
    print(translate(CREATED, id=cid))
    return 0


def state(args: argparse.Namespace) -> int:
    from hanoi_desk.server import consultation

    with _server(args) as server:
        consultation.move(server.db, args.consultation_id, args.state)
    print(printable(translate(MOVED, id=args.consultation_id, state=args.state)))
    return 0


def paper(args: argparse.Namespace) -> int:
    from hanoi_desk.server import consultation

    try:
        scan = args.scan.read_bytes()
    except OSError as e:
        raise UserError(BAD_JSON, path=str(args.scan), problem=type(e).__name__) from None
    with _server(args) as server:
        rid = consultation.enter_paper(server.db, server.blobs, args.consultation_id,
                                       username=args.username, answers=_json(args.answers),
                                       scan=scan, written_on=args.written_on,
                                       entered_by=args.entered_by)  # fmt: skip
    print(printable(translate(ENTERED, user=args.username, id=rid)))
    return 0


def summary(args: argparse.Namespace) -> int:
    from hanoi_desk.server import consultation

    with _server(args) as server:
        report = consultation.report(server.db, args.consultation_id).to_json()
    print(printable_json(report))
    return 0
