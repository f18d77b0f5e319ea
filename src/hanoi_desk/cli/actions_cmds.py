"""``hanoi-desk actions list|status``: the action items of meetings' conclusions
(docs/action-items.md), per meeting or per unit, from the profile's cache
(offline too); a status change is queued and the next ``hanoi-desk sync`` sends
it. And the secretariat's host commands ``hanoi-desk server unit add|member|list``
and ``server action-item add|show`` (:func:`register_server`), which work on the
server's database directly and import the server only inside the handlers.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
from collections.abc import Callable, Iterator
from typing import Any

from hanoi_desk.cli.common import SubParsers, add_profile_option, open_session
from hanoi_desk.domain import action_items as da
from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.i18n import N_, translate

NONE = N_("No action items on this computer for that choice (sync first).")
T_ITEM = N_("[{id}] {number}. {text}")
T_WHERE = N_("    {unit} — due {due}: {status}{overdue}")
T_OVERDUE = N_(" — OVERDUE")
T_CHANGE = N_("      {when} {who}: {status}{note}")
T_QUEUED = N_("Status change queued [{op}]: the next sync sends it.")
T_UNIT = N_("Unit created: {id} ({name}).")
T_MEMBER = N_("{username} is a member of the unit and receives its action items at the next sync.")
T_ADDED = N_("Action item added: {id}. Its unit and the meeting see it at their next sync.")
SECRETARIAT = N_("the secretariat")


def register(sub: SubParsers) -> None:
    p = sub.add_parser("actions", help="action items of meetings' conclusions")
    asub = p.add_subparsers(dest="actions_command", metavar="ACTION", required=True)

    ls = asub.add_parser("list", help="action items, overdue first (per meeting or unit)")
    add_profile_option(ls)
    ls.add_argument("--meeting", metavar="MEETING", help="only this meeting's items (its id)")
    ls.add_argument("--unit", metavar="UNIT", help="only this unit's items (its id or name)")
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    ls.set_defaults(handler=list_items)

    st = asub.add_parser("status", help="queue a status change of an action item")
    add_profile_option(st)
    st.add_argument("item", metavar="ITEM", help="its id (or a unique start)")
    st.add_argument("state", metavar="STATE", choices=da.STATUSES,
                    help="open, in_progress, done or cancelled")  # fmt: skip
    st.add_argument("--note", default="", metavar="TEXT", help="a short note (500 characters)")
    st.set_defaults(handler=change_status)


def item_json(i: da.ActionItem, mine: frozenset[str], on: datetime.date) -> dict[str, Any]:
    return {
        "id": i.id,
        "meeting_id": i.meeting_id,
        "document_version_id": i.document_version_id,
        "number": i.number,
        "text": i.text,
        "unit_id": i.unit_id,
        "unit_name": i.unit_name,
        "due_date": i.due_date.isoformat(),
        "status": i.status,
        "overdue": i.overdue(on),
        "may_change_to": sorted(i.moves_for(mine)),
        "history": [
            {"status": h.status, "note": h.note, "by": h.by, "by_name": h.by_name, "at": h.at}
            for h in i.history
        ],
    }


def list_items(args: argparse.Namespace) -> int:
    from hanoi_desk.app import action_items as app

    on = app.today()
    with open_session(args) as session:
        found = app.items(session.cache, meeting=args.meeting, unit=args.unit)
        mine = app.me(session.cache)
    if args.json:
        print(printable_json([item_json(i, mine, on) for i in found]))
        return 0
    if not found:
        print(translate(NONE))
    for i in found:
        print(printable(translate(T_ITEM, id=i.id, number=i.number, text=i.text)))
        overdue = translate(T_OVERDUE) if i.overdue(on) else ""
        print(printable(translate(T_WHERE, unit=i.unit_name, due=i.due_date.isoformat(),
                                  status=app.status_word(i.status), overdue=overdue)))  # fmt: skip
        for h in i.history:
            when = datetime.datetime.fromtimestamp(h.at).strftime("%Y-%m-%d %H:%M")
            print(printable(translate(T_CHANGE, when=when, who=h.by_name or translate(SECRETARIAT),
                                      status=app.status_word(h.status),
                                      note=f" — {h.note}" if h.note else "")))  # fmt: skip
    return 0


def change_status(args: argparse.Namespace) -> int:
    from hanoi_desk.app import action_items as app

    with open_session(args) as session:
        item = app.find(session.cache, args.item)
        op = app.queue_status(session.cache, item, args.state, args.note)
    print(translate(T_QUEUED, op=op))
    return 0


# --- the secretariat's host commands ------------------------------------------------------------


def register_server(
    s: Any,
    child: Callable[[Any, str, str], argparse.ArgumentParser],
    store_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    c = child(s, "unit", "units of a body that own action items, and their members")
    u = c.add_subparsers(dest="unit_command", metavar="ACTION", required=True)
    a = u.add_parser("add", help="create a unit in a body")
    store_options(a)
    a.add_argument("org", metavar="ORG", help="the body's name (as in meeting.toml) or id")
    a.add_argument("name", metavar="NAME", help="e.g. Phòng Tài chính – Kế hoạch")
    a.set_defaults(handler=unit_add)
    a = u.add_parser("member", help="make a user a member of a unit")
    store_options(a)
    a.add_argument("unit", metavar="UNIT", help="the unit's id or name")
    a.add_argument("username", metavar="USER")
    a.set_defaults(handler=unit_member)
    a = u.add_parser("list", help="print a body's units and their members (JSON)")
    store_options(a)
    a.add_argument("org", metavar="ORG")
    a.set_defaults(handler=unit_list)

    c = child(s, "action-item", "action items of a meeting's conclusions")
    t = c.add_subparsers(dest="action_item_command", metavar="ACTION", required=True)
    a = t.add_parser("add", help="add an action item to a conclusions document version")
    store_options(a)
    a.add_argument("version_id", metavar="VERSION", help="the conclusions document's version")
    a.add_argument("--unit", required=True, metavar="UNIT", help="the owner unit (id or name)")
    a.add_argument("--due", required=True, metavar="YYYY-MM-DD")
    a.add_argument("--text", required=True, metavar="TEXT")
    a.set_defaults(handler=item_add)
    a = t.add_parser("show", help="print an action item and its history (JSON)")
    store_options(a)
    a.add_argument("item_id", metavar="ITEM")
    a.set_defaults(handler=item_show)


@contextlib.contextmanager
def _server(args: argparse.Namespace) -> Iterator[Any]:
    from hanoi_desk.cli.server_cmds import _open

    server = _open(args)
    try:
        yield server
    finally:
        server.db.dispose()


def unit_add(args: argparse.Namespace) -> int:
    from hanoi_desk.server import action_items

    with _server(args) as server:
        uid = action_items.add_unit(server.db, args.org, args.name)
    print(printable(translate(T_UNIT, id=uid, name=" ".join(args.name.split()))))
    return 0


def unit_member(args: argparse.Namespace) -> int:
    from hanoi_desk.server import action_items

    with _server(args) as server:
        action_items.add_member(server.db, args.unit, args.username)
    print(printable(translate(T_MEMBER, username=args.username)))
    return 0


def unit_list(args: argparse.Namespace) -> int:
    from hanoi_desk.server import action_items

    with _server(args) as server:
        print(printable_json(action_items.units(server.db, args.org)))
    return 0


def item_add(args: argparse.Namespace) -> int:
    from hanoi_desk.server import action_items

    due = action_items.parse_due(args.due)  # before opening anything
    with _server(args) as server:
        iid = action_items.add(server.db, args.version_id, args.unit, due, args.text)
    print(translate(T_ADDED, id=iid))
    return 0


def item_show(args: argparse.Namespace) -> int:
    from hanoi_desk.server import action_items

    with _server(args) as server:
        print(printable_json(action_items.show(server.db, args.item_id)))
    return 0
