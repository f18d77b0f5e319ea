"""``hanoi-desk live``: a live meeting from the command line (issue 14).

``status`` shows the room; ``checkin``, ``speak``, ``attendance`` and
``speakers`` queue one live command each, send it when the server can be
reached, and print where it stands. Offline the command stays queued (exit 0)
and the next ``live`` command sends it. Exit 1: the command was refused (by
the rules here, before anything was queued, or by the server), or the server
could not be used for another reason than the link (a refused sign-in, a
forged event). Text from the server or the pack is escaped
(docs/cli-output.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hanoi_desk.cli.common import SubParsers, add_profile_option, desk, profile_name
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.sync.limits import DEFAULT_REQUEST_TIMEOUT

LIVE_RUN_TIMEOUT = 60
"""Seconds a live command may spend reaching the server (app.live's default)."""
BAD_TIMEOUT = N_("--request-timeout and --run-timeout take a whole number of seconds, at least 1.")
NEEDS_TO_AND_TOPIC = N_("An interpellation needs --to NAME and --topic TEXT.")
TO_ONLY_WITH_INTERPELLATION = N_("--to and --topic go with --interpellation only.")
REASON_ONLY_WHEN_ABSENT = N_("--reason goes with --absent only.")
DELEGATE_ALONE = N_(
    "--delegate-to goes alone: it hands on your vote and does not check you in or out."
)
SUBSTITUTE_NOT_WHEN_ABSENT = N_(
    "--substitute names who attends in your place: it does not go with --absent."
)
POSITION_FROM_ONE = N_("POSITION counts from 1 (the first in the waiting queue).")
POSITION_ONLY_FOR_REORDER = N_("POSITION goes with reorder only.")

STATES = {
    "queued": N_("queued: it is sent when the server can be reached"),
    "sending": N_("sent, no answer yet: it is sent again with the same id"),
    "applied": N_("applied"),
    "refused": N_("refused: {message}"),
}
KINDS = {
    "attendance.checkin": N_("check-in"),
    "attendance.set": N_("attendance"),
    "attendance.substitute": N_("substitute"),
    "attendance.delegate": N_("vote delegation"),
    "speakers.request": N_("request to speak"),
    "speakers.withdraw": N_("withdrawal"),
    "speakers.approve": N_("approve"),
    "speakers.reject": N_("reject"),
    "speakers.call": N_("call"),
    "speakers.reorder": N_("reorder"),
    "speakers.pause": N_("pause"),
    "speakers.resume": N_("resume"),
    "speakers.stop": N_("stop"),
    "speakers.next": N_("next"),
    "poll.create": N_("new vote"),
    "poll.open": N_("open the vote"),
    "poll.closing": N_("close the vote (closing period)"),
    "poll.extend": N_("extend the closing period"),
    "poll.close": N_("close the vote"),
    "poll.publish": N_("announce the result"),
    "agenda.current": N_("current agenda item"),
    "ballot": N_("ballot"),
}
ATTENDANCE = {
    "expected": N_("expected"),
    "present": N_("present"),
    "left": N_("left"),
    "excused": N_("absent with reason"),
    "absent": N_("absent"),
}
REQUEST_STATES = {
    "requested": N_("requested"),
    "approved": N_("approved"),
    "rejected": N_("rejected"),
    "withdrawn": N_("withdrawn"),
    "called": N_("called"),
    "speaking": N_("speaking"),
    "paused": N_("paused"),
    "done": N_("done"),
}
REQUEST_TYPES = {
    "speak": N_("to speak"),
    "interpellation": N_("interpellation"),
    "point_of_order": N_("point of order"),
}
ROLES = {
    "chair": N_("chair"),
    "secretary": N_("secretary"),
    "delegate": N_("delegate"),
    "guest": N_("guest"),
    "admin": N_("admin"),
}
OFFLINE = N_("offline: {reason}")
NOT_SENT = N_("not sent: {reason}")


def _options(p: argparse.ArgumentParser, *, json_flag: bool = True) -> None:
    add_profile_option(p)
    p.add_argument("--server", metavar="URL", help="server address (when the profile has several)")
    p.add_argument("--user", metavar="NAME", help="user name, if the server asks to sign in again")
    p.add_argument(
        "--ca-file", metavar="PEM", type=Path, help="trust only this CA for the server (pinning)"
    )
    p.add_argument(
        "--offline", action="store_true", help="do not contact the server: queue, show the cache"
    )
    p.add_argument(
        "--request-timeout",
        type=int,
        default=DEFAULT_REQUEST_TIMEOUT,
        metavar="SECONDS",
        help=f"total time for one request (default {DEFAULT_REQUEST_TIMEOUT})",
    )
    p.add_argument(
        "--run-timeout",
        type=int,
        default=LIVE_RUN_TIMEOUT,
        metavar="SECONDS",
        help=f"time to reach the server, then the command stays queued "
        f"(default {LIVE_RUN_TIMEOUT})",
    )
    if json_flag:
        p.add_argument("--json", action="store_true", help="print JSON (docs/cli-output.md)")


def register(sub: SubParsers) -> None:
    live = sub.add_parser("live", help="a live meeting: attendance, speakers and votes")
    commands = live.add_subparsers(dest="live_command", metavar="COMMAND", required=True)

    p = commands.add_parser("status", help="the room: attendance, speakers, my queued commands")
    p.add_argument("meeting", metavar="MEETING")
    _options(p)
    p.set_defaults(handler=status)

    p = commands.add_parser("checkin", help="check in (or say you are absent)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("--absent", action="store_true", help="absent instead of present")
    p.add_argument("--reason", metavar="TEXT", help="with --absent: why (absent with reason)")
    p.add_argument(
        "--substitute",
        metavar="NAME",
        help='present through this substitute (named first); "" clears a substitute',
    )
    p.add_argument(
        "--delegate-to",
        metavar="USER",
        help='hand your vote to this member where the body allows it; "" takes it back',
    )
    _options(p)
    p.set_defaults(handler=checkin)

    p = commands.add_parser("speak", help="ask to speak, to interpellate, or withdraw")
    p.add_argument("meeting", metavar="MEETING")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--interpellation", action="store_true", help="an interpellation")
    group.add_argument("--withdraw", action="store_true", help="withdraw my waiting request")
    group.add_argument("--point-of-order", action="store_true", help="a point of order")
    p.add_argument("--to", metavar="NAME", help="with --interpellation: the official asked")
    p.add_argument("--topic", metavar="TEXT", help="with --interpellation: the topic")
    p.add_argument("--request", metavar="ID", help="with --withdraw: which request")
    _options(p)
    p.set_defaults(handler=speak)

    p = commands.add_parser("attendance", help="set a participant's attendance (chair, secretary)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument("user", metavar="USER", help="user id or full name")
    p.add_argument(
        "state", metavar="STATE", help="expected, present, left, excused (needs --reason), absent"
    )
    p.add_argument("--reason", metavar="TEXT", help="why the participant is excused")
    _options(p)
    p.set_defaults(handler=attendance)

    p = commands.add_parser("speakers", help="run the speakers' list (chair, secretary)")
    p.add_argument("meeting", metavar="MEETING")
    p.add_argument(
        "action",
        choices=("approve", "reject", "call", "reorder", "pause", "resume", "stop", "next"),
        metavar="ACTION",
        help="approve, reject, call (each naming a REQUEST), reorder REQUEST POSITION, "
        "pause, resume, stop, next",
    )
    p.add_argument("request", metavar="REQUEST", nargs="?", help="request id (or its start)")
    p.add_argument(
        "position",
        metavar="POSITION",
        nargs="?",
        type=int,
        help="with reorder: the place in the waiting queue, 1 = first",
    )
    p.add_argument(
        "--list-version",
        type=int,
        metavar="N",
        help="the list version the command was decided on (default: the latest known)",
    )
    _options(p)
    p.set_defaults(handler=speakers)

    p = commands.add_parser(
        "agenda", help="make an agenda item the one under discussion (chair, secretary)"
    )
    p.add_argument("item", metavar="ITEM", help="the item's id, or its number in the agenda")
    p.add_argument(
        "--meeting", metavar="MEETING", help="the meeting (needed when ITEM is a number)"
    )
    _options(p)
    p.set_defaults(handler=agenda)

    from hanoi_desk.cli import live_vote_cmds

    live_vote_cmds.register(commands, _options)


# -- running a use case ------------------------------------------------------------------------


def _service(args: argparse.Namespace) -> Any:
    # httpx and the live client load only for these commands, not every CLI start.
    from hanoi_desk.app.live import LiveOptions, LiveService
    from hanoi_desk.cli.sync_cmds import ServerPassword

    if args.request_timeout < 1 or args.run_timeout < 1:
        raise UserError(BAD_TIMEOUT)
    d = desk()
    prompt = CliPrompt(args.passphrase_stdin)
    kind = args.unlock or ("passphrase" if args.passphrase_stdin else None)
    session = d.open(profile_name(d, args), prompt, kind)
    options = LiveOptions(
        server=args.server,
        username=args.user,
        password=ServerPassword(prompt, args.user),
        ca_file=args.ca_file,
        request_timeout=float(args.request_timeout),
        run_timeout=float(args.run_timeout),
        offline=args.offline,
    )
    return session, LiveService(session, options)


def _run(args: argparse.Namespace, act: Any) -> int:
    session, service = _service(args)
    try:
        with service:
            outcome = act(service)
    finally:
        session.close()
    return _print_outcome(args, outcome)


# -- printing ----------------------------------------------------------------------------------


def _minutes(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def _command_json(command: Any) -> dict[str, Any]:
    return {
        "op_id": command.op_id,
        "kind": command.kind,
        "args": dict(command.args),
        "state": str(command.state),
        "reason": command.reason,
        "message": command.message,
        "seqs": list(command.seqs),
    }


def _view_json(view: Any) -> dict[str, Any]:
    return {
        "meeting": {"id": view.meeting_id, "title": view.title},
        "me": view.me,
        "role": view.role,
        "online": view.online,
        "problem": view.problem,
        "head_seq": view.head_seq,
        "list_version": view.list_version,
        "clock_offset_ms": view.clock_offset_ms,
        "attendance": [
            {
                "user": p.user,
                "name": p.name,
                "role": p.role,
                "state": str(p.attendance),
                "reason": p.reason,
                "substitute": p.substitute,
            }
            for p in view.people
        ],
        "speakers": [
            {
                "request_id": s.request_id,
                "user": s.user,
                "name": s.name,
                "type": str(s.type),
                "to": s.to,
                "topic": s.topic,
                "state": str(s.state),
                "elapsed_ms": s.elapsed_ms,
                "waiting": None if s.waiting is None else s.waiting + 1,
            }
            for s in view.speakers
        ],
        "current": view.current.request_id if view.current else None,
        "current_item": None
        if view.current_item is None
        else {
            "id": view.current_item.id,
            "number": view.current_item.position,
            "title": view.current_item.title,
        },
        "queued": [_command_json(c) for c in view.queued],
    }


def _word(table: dict[str, str], value: object) -> str:
    text = table.get(str(value))
    return translate(text) if text else printable(value, limit=64)


def _command_line(command: Any) -> str:
    what = _word(KINDS, command.kind)
    state = str(command.state)
    if state == "refused":
        where = translate(STATES[state], message=command.message)
    else:
        where = translate(STATES[state])
    return f"{what} [{command.op_id[:8]}]: {where}"


def _problem_line(view: Any) -> str | None:
    if not view.problem:
        return None
    template = OFFLINE if view.offline_only else NOT_SENT
    return printable(translate(template, reason=view.problem))


def _print_outcome(args: argparse.Namespace, outcome: Any) -> int:
    view, command = outcome.view, outcome.command
    if args.json:
        document: dict[str, Any] = {
            "command": _command_json(command),
            "status": _view_json(view),
        }
        if outcome.earlier:
            document["earlier"] = [_command_json(c) for c in outcome.earlier]
        print(printable_json(document))
    else:
        for earlier in outcome.earlier:
            print(printable(_command_line(earlier)))
        print(printable(_command_line(command)))
    problem = _problem_line(view)
    if problem:
        print(problem, file=sys.stderr)
    refused = any(str(c.state) == "refused" for c in (*outcome.earlier, command))
    failed = refused or (view.problem and not view.offline_only)
    return 1 if failed else 0


def _speaker_line(s: Any) -> str:
    line = f"  [{s.request_id[:8]}] {s.name}: {_word(REQUEST_TYPES, s.type)}"
    if s.to or s.topic:
        line += f" → {s.to}: {s.topic}"
    line += f" — {_word(REQUEST_STATES, s.state)}"
    if s.waiting is not None:
        line += " " + translate(N_("(waiting, #{position})"), position=s.waiting + 1)
    if s.elapsed_ms or str(s.state) in ("speaking", "paused"):
        line += f" {_minutes(s.elapsed_ms)}"
    return line


def _item_line(view: Any) -> str:
    item = view.current_item
    if item is None:
        return translate(N_("Current agenda item: none yet"))
    if item.position is None:
        # Made current before this computer synced the agenda: the id is all it has.
        template = N_("Current agenda item: {id} (not in this computer's agenda yet)")
        return translate(template, id=item.id)
    template = N_("Current agenda item: {number}. {title}")
    return translate(template, number=item.position, title=item.title)


def _print_status(view: Any) -> None:
    p = printable
    print(p(translate(N_("Meeting: {title} ({id})"), title=view.title, id=view.meeting_id)))
    me = view.person(view.me)
    print(
        p(
            translate(
                N_("You: {name}, {role}"),
                name=me.name if me else view.me,
                role=_word(ROLES, view.role) if view.role else "-",
            )
        )
    )
    if view.online:
        print(translate(N_("Server: reached; the room as of event {seq}."), seq=view.head_seq))
    else:
        print(translate(N_("Server: not reached; the room as of event {seq}."), seq=view.head_seq))
    print(p(_item_line(view)))
    counts: dict[str, int] = {}
    for person in view.people:
        counts[str(person.attendance)] = counts.get(str(person.attendance), 0) + 1
    summary = ", ".join(f"{_word(ATTENDANCE, k)} {counts[k]}" for k in ATTENDANCE if k in counts)
    print(translate(N_("Attendance: {summary}"), summary=summary or "-"))
    for person in view.people:
        line = (
            f"  {person.name} ({_word(ROLES, person.role)}): {_word(ATTENDANCE, person.attendance)}"
        )
        if person.reason:
            line += f" — {person.reason}"
        if person.substitute:
            line += " — " + translate(N_("substitute: {name}"), name=person.substitute)
        print(p(line))
    print(translate(N_("Speakers (list version {version}):"), version=view.list_version))
    if not view.speakers:
        print("  -")
    for s in view.speakers:
        print(p(_speaker_line(s)))
    if view.queued:
        print(translate(N_("My commands not yet answered:")))
        for command in view.queued:
            print(p("  " + _command_line(command)))


# -- the commands ------------------------------------------------------------------------------


def status(args: argparse.Namespace) -> int:
    from hanoi_desk.app.live_votes import LiveVotes
    from hanoi_desk.cli import live_vote_cmds

    session, service = _service(args)
    try:
        with service:
            view = service.status(args.meeting)
            polls = LiveVotes(service).polls(view.meeting_id, view.me, view.state)
    finally:
        session.close()
    if args.json:
        document = _view_json(view)
        document["polls"] = [live_vote_cmds.poll_json(p) for p in polls]
        print(printable_json(document))
    else:
        _print_status(view)
        if polls:
            print(translate(live_vote_cmds.T_VOTES))
            names = {p.user: p.name for p in view.people}
            for poll in polls:
                print("\n".join(live_vote_cmds.poll_lines(poll, names)))
    problem = _problem_line(view)
    if problem:
        print(problem, file=sys.stderr)
    return 1 if view.problem and not view.offline_only else 0


def checkin(args: argparse.Namespace) -> int:
    if args.delegate_to is not None:
        # Its own command: handing on a vote says nothing about being in the room.
        if args.absent or args.reason is not None or args.substitute is not None:
            raise UserError(DELEGATE_ALONE)
        return _run(args, lambda s: s.delegate(args.meeting, args.delegate_to))
    if args.reason is not None and not args.absent:
        raise UserError(REASON_ONLY_WHEN_ABSENT)
    if args.absent:
        if args.substitute is not None:
            raise UserError(SUBSTITUTE_NOT_WHEN_ABSENT)
        return _run(args, lambda s: s.absent(args.meeting, args.reason or ""))
    return _run(args, lambda s: s.checkin(args.meeting, args.substitute))


def speak(args: argparse.Namespace) -> int:
    if args.interpellation:
        if not args.to or not args.topic:
            raise UserError(NEEDS_TO_AND_TOPIC)
        return _run(args, lambda s: s.interpellate(args.meeting, args.to, args.topic))
    if args.to or args.topic:
        raise UserError(TO_ONLY_WITH_INTERPELLATION)
    if args.withdraw:
        return _run(args, lambda s: s.withdraw(args.meeting, args.request))
    return _run(args, lambda s: s.speak(args.meeting, point_of_order=args.point_of_order))


def attendance(args: argparse.Namespace) -> int:
    return _run(
        args, lambda s: s.set_attendance(args.meeting, args.user, args.state, args.reason or "")
    )


def agenda(args: argparse.Namespace) -> int:
    return _run(args, lambda s: s.make_current(args.item, args.meeting))


def speakers(args: argparse.Namespace) -> int:
    position = None
    if args.position is not None:
        if args.action != "reorder":
            raise UserError(POSITION_ONLY_FOR_REORDER)
        if args.position < 1:
            raise UserError(POSITION_FROM_ONE)
        position = args.position - 1  # people count from 1, the wire from 0
    return _run(
        args,
        lambda s: s.speakers(args.meeting, args.action, args.request, args.list_version, position),
    )
