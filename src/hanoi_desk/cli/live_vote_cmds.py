"""``hanoi-desk live vote|poll|verify``: votes in a live meeting (issue 15).

``vote`` signs one ballot on the token (the signing options of ``sign``),
queues it and sends it when the server answers; ``poll create|open|close|
extend|publish`` are the chair's and secretary's commands; ``verify`` fetches
a closed round's bulletin, recounts it and checks my ballot's inclusion.
Each prints where things stand and works offline (queues). Exit 1: refused or
not counted, a verification that failed, or a server that answered but could
not be used; 0 otherwise (a ballot queued offline included). Output:
docs/cli-output.md.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

from hanoi_desk.cli.common import SubParsers
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.cli.sign_cmds import add_key_options, chosen_key
from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

BALLOT_STATES = {
    "queued": N_("queued: it is sent when the server can be reached"),
    "sent": N_("sent, no answer yet: it is sent again with the same ballot id"),
    "counted": N_("counted"),
    "not_counted": N_("NOT counted: {message}"),
    "refused": N_("refused: {message}"),
}
KINDS = {"named": N_("named"), "secret": N_("secret")}
ROUND_STATES = {"open": N_("open"), "closing": N_("closing"), "closed": N_("closed")}
POLL_STATES = {
    "draft": N_("not opened yet"),
    "open": N_("open"),
    "closing": N_("closing"),
    "closed": N_("closed"),
    "published": N_("announced"),
}
T_BALLOT = N_("ballot [{ballot}] “{title}”: {option} — {state}")
T_COUNTED_AS = N_(
    "ballot [{ballot}] “{title}”: another ballot was counted for {member}: your ballot "
    "[{other}] — your vote counts once"
)
T_POLL_ID = N_("Vote id: {id}")
T_VOTES = N_("Votes:")
T_POLL = N_("  [{id}] {title} ({kind}, {status})")
T_ROUND = N_("    round {round}: {state}; {cast} cast, {missing} entitled not voted yet")
T_OPTIONS = N_("    options: {options}")
T_WITH_TEXT = N_("(with text)")
T_RESULT = N_("    result of round {round}: {counts} — {verdict} ({needed} needed of {base})")
T_PASSED = N_("passed")
T_FAILED = N_("not passed")
T_MINE = N_("    my ballot [{ballot}] round {round}: {option} — {state}")
T_VERIFY_HEAD = N_("Vote “{title}” [{id}], round {round} ({kind}): {size} ballots in the bulletin")
T_VERIFY_RESULT = N_("Published result: {counts} — {verdict}")
T_VERIFY_RECOUNT = N_("Recount: the same result and the same Merkle root")
T_VERIFY_SIGS = N_("Signatures in the bulletin: {count} checked")
T_VERIFY_MINE = N_("My ballot [{ballot}]: in the bulletin at #{index}, its inclusion proof holds")
T_VERIFY_AUTHORITY = N_("The close event is signed by the authority's key {key}")
T_NOT_VOTED = N_("    not voted yet: {names}")
T_SILENT = N_("    laptops not heard from lately: {names}")
T_VERIFY_OK = N_(
    "Verified: the bulletin is the one the close event {seq} published, and its recount "
    "equals the published result."
)
T_VERIFY_BAD = N_("NOT verified: {problem}")
TEXT_OPTION_FROM_ONE = N_("--text-option counts from 1 (the first option).")
SECONDS_AT_LEAST_ONE = N_("SECONDS is a whole number of seconds, at least 1.")


def register(commands: SubParsers, options: Callable[..., None]) -> None:
    """The vote commands, under ``live`` (``options``: the live commands' own)."""
    p = commands.add_parser("vote", help="cast my ballot, signed with my token")
    p.add_argument("poll", metavar="POLL", help="the vote's id (or a unique start of it)")
    p.add_argument("choice", metavar="CHOICE", help="the option's number (1 = first) or label")
    p.add_argument("--text", metavar="TEXT", default="", help="my opinion (Ý kiến khác)")
    p.add_argument("--meeting", metavar="MEETING", help="the meeting (when POLL is not enough)")
    p.add_argument(
        "--for", dest="member", metavar="USER", help="the member whose vote I hold (proxy)"
    )
    add_key_options(p)
    options(p)
    p.set_defaults(handler=vote)

    p = commands.add_parser("poll", help="create and run a vote (chair, secretary)")
    actions = p.add_subparsers(dest="poll_action", metavar="ACTION", required=True)
    a = actions.add_parser("create", help="a new vote on an agenda item")
    a.add_argument("meeting", metavar="MEETING")
    a.add_argument("--item", required=True, metavar="ITEM", help="agenda item id or number")
    a.add_argument("--title", required=True, metavar="TEXT")
    a.add_argument("--secret", action="store_true", help="a secret vote (bỏ phiếu kín)")
    a.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="LABEL",
        help="an option (repeat; default: Đồng ý, Không đồng ý, Ý kiến khác)",
    )
    a.add_argument("--text-option", type=int, metavar="N", help="the option that takes a text")
    a.add_argument("--base", choices=("members", "present", "cast"))
    a.add_argument("--threshold", choices=("majority", "two_thirds"))
    options(a)
    a.set_defaults(handler=poll_create)
    for name, text in (
        ("open", "open the vote's next round"),
        ("close", "start the closing period (then close once it has ended)"),
        ("publish", "announce the closed round's result"),
    ):
        a = actions.add_parser(name, help=text)
        a.add_argument("poll", metavar="POLL")
        a.add_argument("--meeting", metavar="MEETING")
        if name == "close":
            a.add_argument("--grace", type=int, metavar="SECONDS", help="closing period")
        options(a)
        a.set_defaults(handler=poll_action)
    a = actions.add_parser("extend", help="extend the closing period")
    a.add_argument("poll", metavar="POLL")
    a.add_argument("seconds", type=int, metavar="SECONDS")
    a.add_argument("--meeting", metavar="MEETING")
    options(a)
    a.set_defaults(handler=poll_action)

    p = commands.add_parser("verify", help="recount a closed vote and find my ballot in it")
    p.add_argument("poll", metavar="POLL")
    p.add_argument("--meeting", metavar="MEETING")
    p.add_argument("--round", type=int, metavar="N", help="which round (default: the last closed)")
    options(p)
    p.set_defaults(handler=verify)


# -- running -----------------------------------------------------------------------------------


def _run(args: argparse.Namespace, act: Callable[[Any], Any]) -> Any:
    from hanoi_desk.app.live_votes import LiveVotes
    from hanoi_desk.cli.live_cmds import _service

    session, service = _service(args)
    try:
        with service, LiveVotes(service) as votes:
            return act(votes)
    finally:
        session.close()


def _word(table: dict[str, str], value: object) -> str:
    text = table.get(str(value))
    return translate(text) if text else printable(value, limit=64)


def ballot_line(ballot: Any, title: str) -> str:
    if ballot.counted_as:
        return translate(
            T_COUNTED_AS,
            ballot=ballot.ballot_id[:8],
            title=title,
            member=ballot.member,
            other=ballot.counted_as[:8],
        )
    state = translate(BALLOT_STATES[str(ballot.state)], message=ballot.message)
    option = ballot.option + (f" — {ballot.text}" if ballot.text else "")
    return translate(T_BALLOT, ballot=ballot.ballot_id[:8], title=title, option=option, state=state)


def ballot_json(ballot: Any) -> dict[str, Any]:
    return {
        "ballot_id": ballot.ballot_id,
        "poll": ballot.poll,
        "round": ballot.round,
        "kind": ballot.kind,
        "member": ballot.member,
        "choice": ballot.choice + 1,
        "option": ballot.option,
        "text": ballot.text,
        "state": str(ballot.state),
        "reason": ballot.reason,
        "message": ballot.message,
        "counted_as": ballot.counted_as,
        "receipt_hash": ballot.receipt_hash,
        "seq": ballot.event_seq,
    }


def _tally_json(tally: Any) -> dict[str, Any] | None:
    return None if tally is None else tally.to_data()


def poll_json(poll: Any) -> dict[str, Any]:
    return {
        "id": poll.id,
        "item": poll.item,
        "title": poll.title,
        "kind": str(poll.kind),
        "options": list(poll.options),
        "text_option": None if poll.text_option is None else poll.text_option + 1,
        "status": poll.status,
        "round": poll.round,
        "round_status": None if poll.round_status is None else str(poll.round_status),
        "until": poll.until,
        "cast": poll.cast,
        "not_voted_count": poll.not_voted,
        "mine": list(poll.mine),
        "result": _tally_json(poll.result),
        "result_round": poll.result_round,
        "ballots": [ballot_json(b) for b in poll.ballots],
        "not_voted": list(poll.not_voted_members),
        "silent": list(poll.silent),
    }


def _counts(poll: Any, tally: Any) -> str:
    return ", ".join(f"{label} {n}" for label, n in zip(poll.options, tally.counts, strict=False))


def poll_lines(poll: Any, names: dict[str, str] | None = None) -> list[str]:
    """A vote in ``live status``: its round, options, result and my ballots; for
    the chair and the secretary, who has not voted and whose laptop is silent
    (``names``: user id -> display name)."""
    names = names or {}
    lines = [
        translate(
            T_POLL,
            id=poll.id[:8],
            title=poll.title,
            kind=_word(KINDS, poll.kind),
            status=_word(POLL_STATES, poll.status),
        )
    ]
    if poll.round is not None and poll.round_status is not None:
        lines.append(
            translate(
                T_ROUND,
                round=poll.round,
                state=_word(ROUND_STATES, poll.round_status),
                cast=poll.cast,
                missing=poll.not_voted,
            )
        )
    if poll.not_voted_members:
        who = ", ".join(names.get(m, m) for m in poll.not_voted_members)
        lines.append(translate(T_NOT_VOTED, names=who))
    if poll.silent:
        lines.append(translate(T_SILENT, names=", ".join(names.get(m, m) for m in poll.silent)))
    labels = [
        f"{i + 1} {label}" + (f" {translate(T_WITH_TEXT)}" if i == poll.text_option else "")
        for i, label in enumerate(poll.options)
    ]
    lines.append(translate(T_OPTIONS, options=", ".join(labels)))
    if poll.result is not None:
        verdict = translate(T_PASSED if poll.result.passed else T_FAILED)
        lines.append(
            translate(
                T_RESULT,
                round=poll.result_round,
                counts=_counts(poll, poll.result),
                verdict=verdict,
                needed=poll.result.needed,
                base=poll.result.base_count,
            )
        )
    for ballot in poll.ballots:
        state = translate(BALLOT_STATES[str(ballot.state)], message=ballot.message)
        lines.append(
            translate(
                T_MINE,
                ballot=ballot.ballot_id[:8],
                round=ballot.round,
                option=ballot.option,
                state=state,
            )
        )
    return [printable(line) for line in lines]


# -- the commands ------------------------------------------------------------------------------


def vote(args: argparse.Namespace) -> int:
    from hanoi_desk.app.live_votes import KeyChoice
    from hanoi_desk.cli.live_cmds import _problem_line, _view_json

    module, token, software_key = chosen_key(args)
    key = KeyChoice(module, token, software_key, args.cert, args.cert_id)
    prompt = CliPrompt(args.pin_stdin, flag="--pin-stdin")
    outcome = _run(
        args,
        lambda votes: votes.vote(
            args.poll,
            args.choice,
            key=key,
            prompt=prompt,
            text=args.text,
            member=args.member,
            meeting=args.meeting,
        ),
    )
    ballot, view = outcome.ballot, outcome.outcome.view
    if args.json:
        document = {
            "ballot": ballot_json(ballot),
            "poll": poll_json(outcome.poll),
            "status": _view_json(view),
        }
        print(printable_json(document))
    else:
        print(printable(ballot_line(ballot, outcome.poll.title)))
    problem = _problem_line(view)
    if problem:
        print(problem, file=sys.stderr)
    counted_elsewhere = ballot.counted_as is not None
    failed = (str(ballot.state) in ("refused", "not_counted") and not counted_elsewhere) or (
        view.problem and not view.offline_only
    )
    return 1 if failed else 0


def poll_create(args: argparse.Namespace) -> int:
    from hanoi_desk.cli.live_cmds import _print_outcome
    from hanoi_desk.domain.live.quorum import Base, Threshold

    text_option = None
    if args.text_option is not None:
        if args.text_option < 1:
            raise UserError(TEXT_OPTION_FROM_ONE)
        text_option = args.text_option - 1
    outcome = _run(
        args,
        lambda votes: votes.create_poll(
            args.meeting,
            item=args.item,
            title=args.title,
            secret=args.secret,
            options=tuple(args.option),
            text_option=text_option,
            base=Base(args.base) if args.base else None,
            threshold=Threshold(args.threshold) if args.threshold else None,
        ),
    )
    code = _print_outcome(args, outcome)
    if not args.json:
        print(translate(T_POLL_ID, id=printable(outcome.command.args.get("poll", ""))))
    return code


def poll_action(args: argparse.Namespace) -> int:
    from hanoi_desk.cli.live_cmds import _print_outcome

    action = args.poll_action
    if action == "extend" and args.seconds < 1:
        raise UserError(SECONDS_AT_LEAST_ONE)
    if action == "close" and args.grace is not None and args.grace < 0:
        raise UserError(SECONDS_AT_LEAST_ONE)

    def act(votes: Any) -> Any:
        if action == "open":
            return votes.open_poll(args.poll, args.meeting)
        if action == "close":
            return votes.close_poll(args.poll, args.meeting, args.grace)
        if action == "extend":
            return votes.extend_poll(args.poll, args.seconds, args.meeting)
        return votes.publish_poll(args.poll, args.meeting)

    return _print_outcome(args, _run(args, act))


def verify(args: argparse.Namespace) -> int:
    def act(votes: Any) -> tuple[Any, Any]:
        report = votes.verify(args.poll, args.meeting, args.round)
        return report, votes.poll_view(report.meeting_id, report.poll)

    report, poll = _run(args, act)
    if args.json:
        print(
            printable_json(
                {
                    "ok": report.ok,
                    "meeting": report.meeting_id,
                    "poll": report.poll,
                    "round": report.round,
                    "kind": report.kind,
                    "size": report.size,
                    "published": _tally_json(report.published),
                    "recount": _tally_json(report.recount),
                    "signatures_checked": report.signatures_checked,
                    "mine": [
                        {
                            "ballot_id": m.ballot_id,
                            "member": m.member,
                            "index": m.index,
                            "included": m.included,
                        }
                        for m in report.mine
                    ],
                    "close": {"seq": report.close_seq, "hash": report.close_hash},
                    "authority_key": report.authority_key_id,
                    "problems": list(report.problems),
                }
            )
        )
        return 0 if report.ok else 1
    p = printable
    print(
        p(
            translate(
                T_VERIFY_HEAD,
                title=poll.title,
                id=report.poll[:8],
                round=report.round,
                kind=_word(KINDS, report.kind),
                size=report.size,
            )
        )
    )
    if report.published is not None:
        verdict = translate(T_PASSED if report.published.passed else T_FAILED)
        counts = _counts(poll, report.published)
        print(p(translate(T_VERIFY_RESULT, counts=counts, verdict=verdict)))
    if report.recount is not None:
        print(translate(T_VERIFY_RECOUNT))
    print(translate(T_VERIFY_SIGS, count=report.signatures_checked))
    if report.authority_key_id:
        print(translate(T_VERIFY_AUTHORITY, key=report.authority_key_id))
    for mine in report.mine:
        if mine.included and mine.index is not None:
            print(translate(T_VERIFY_MINE, ballot=mine.ballot_id[:8], index=mine.index + 1))
    for problem in report.problems:
        print(p(translate(T_VERIFY_BAD, problem=problem)), file=sys.stderr)
    if report.ok:
        print(translate(T_VERIFY_OK, seq=report.close_seq))
    return 0 if report.ok else 1
