"""``hanoi-desk consult list|answer``: written consultation (lấy ý kiến bằng văn
bản, docs/consultation.md).

Both work on the profile's cache, offline too: ``answer`` checks the answers
against the consultation's questions (before any PIN), generates the opinion
PDF, signs it with the token (one PIN) and queues it; the next ``hanoi-desk
sync`` uploads and sends it, and the server's receipt time judges whether it
is on time. Exit 0, or 1 with one line on standard error (nothing queued then).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from hanoi_desk.cli.common import SubParsers, add_profile_option, open_session
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.cli.sign_cmds import add_queued_key_options, queued_signing
from hanoi_desk.domain import consultation as dc
from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

NONE = N_("No consultations on this computer (sync first).")
T_LINE = N_("[{id}] {reference} — {title}: {state}, deadline {deadline}; {mine}")
T_QUESTION = N_("    {n}. {text}")
MINE_NONE = N_("no opinion of mine yet")
MINE_COUNTED = N_("my opinion received {when}")
MINE_LATE = N_("only late opinions of mine ({n})")
MINE_SECRETARIAT = N_("secretariat")
T_QUEUED = N_("Opinion signed and queued [{op}]: the next sync sends it.")
T_EXPORTED = N_("Summary exported: {csv} and {pdf} (sign the PDF with hanoi-desk sign).")
BAD_FILE = N_("Cannot read the answers file {path}: {problem}.")


def register(sub: SubParsers) -> None:
    p = sub.add_parser("consult", help="written consultation (lấy ý kiến bằng văn bản)")
    csub = p.add_subparsers(dest="consult_command", metavar="ACTION", required=True)

    ls = csub.add_parser("list", help="consultations this profile's last sync brought")
    add_profile_option(ls)
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    ls.set_defaults(handler=list_consultations)

    a = csub.add_parser("answer", help="sign and queue my opinion")
    add_profile_option(a)
    a.add_argument("consultation", metavar="CONSULTATION", help="its id (or a unique start)")
    a.add_argument(
        "--answers",
        required=True,
        type=Path,
        metavar="FILE.json",
        help='{"QUESTION_ID": {"answer": "agree|disagree|other", "text": "..."}, ...}',
    )
    add_queued_key_options(a)
    a.set_defaults(handler=answer)

    sm = csub.add_parser("summary", help="export the summary as PDF and CSV (secretariat)")
    add_profile_option(sm)
    sm.add_argument("consultation", metavar="CONSULTATION", help="its id (or a unique start)")
    sm.add_argument("--out", required=True, type=Path, metavar="DIR")
    sm.add_argument("--server", metavar="URL", help="server address (default: the profile's)")
    sm.add_argument("--user", metavar="NAME", help="user name, if the server asks to sign in")
    sm.add_argument("--ca-file", type=Path, metavar="PEM", help="trust only this CA (pinning)")
    sm.set_defaults(handler=summary)


def _find(found: list[dc.Consultation], wanted: str) -> dc.Consultation:
    from hanoi_desk.app.consultation import NO_CONSULTATION

    exact = [c for c in found if c.id == wanted]
    if exact:
        return exact[0]
    starts = [c for c in found if c.id.startswith(wanted)] if len(wanted) >= 4 else []
    if len(starts) != 1:
        raise UserError(NO_CONSULTATION, id=wanted)
    return starts[0]


def _mine(c: dc.Consultation) -> str:
    from hanoi_desk.app.consultation import when

    if not c.respondent:
        return translate(MINE_SECRETARIAT)
    counted = c.counted
    if counted is not None:
        return translate(MINE_COUNTED, when=when(counted.received_at))
    if c.my_responses:
        return translate(MINE_LATE, n=len(c.my_responses))
    return translate(MINE_NONE)


def consultation_json(c: dc.Consultation) -> dict[str, Any]:
    counted = c.counted
    return {
        "id": c.id,
        "meeting_id": c.meeting_id,
        "reference": c.reference,
        "title": c.title,
        "deadline": c.deadline,
        "state": c.state.value,
        "questions": [{"id": q.id, "text": q.text} for q in c.questions],
        "documents": list(c.documents),
        "respondent": c.respondent,
        "secretariat": c.secretariat,
        "my_responses": [
            {
                "id": r.id,
                "received_at": r.received_at,
                "late": r.late,
                "paper": r.paper,
                "counted": counted is not None and r.id == counted.id,
            }
            for r in c.my_responses
        ],
    }


def list_consultations(args: argparse.Namespace) -> int:
    from hanoi_desk.app.consultation import STATES, consultations, when

    with open_session(args) as session:
        found = consultations(session.cache)
    if args.json:
        print(printable_json([consultation_json(c) for c in found]))
        return 0
    if not found:
        print(translate(NONE))
    for c in found:
        line = translate(T_LINE, id=c.id, reference=c.reference, title=c.title,
                         state=translate(STATES[c.state]), deadline=when(c.deadline),
                         mine=_mine(c))  # fmt: skip
        print(printable(line))
        for n, q in enumerate(c.questions, 1):
            print(printable(translate(T_QUESTION, n=n, text=q.text)))
    return 0


def _answers(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise UserError(BAD_FILE, path=str(path), problem=type(e).__name__) from None


def answer(args: argparse.Namespace) -> int:
    from hanoi_desk.app.consultation import answer as sign_and_queue
    from hanoi_desk.app.consultation import check_answers, consultations, my_name

    raw = _answers(args.answers)
    with queued_signing(args) as (session, manager, how, prompt):
        cache = session.cache
        c = _find(consultations(cache), args.consultation)
        check_answers(c, raw)  # every refusal before the PIN
        op = sign_and_queue(cache, manager, c, raw_answers=raw, respondent=my_name(cache, c),
                            how=how, prompt=prompt)  # fmt: skip
    print(translate(T_QUEUED, op=op))
    return 0


def summary(args: argparse.Namespace) -> int:
    """The server computes the summary (its secretariat only); it is written here
    as a CSV and a PDF. Needs the server: the counts are the server's."""
    from hanoi_desk.app.consultation import consultations, export_summary, fetch_summary
    from hanoi_desk.app.sync_service import SyncOptions
    from hanoi_desk.cli.common import desk, profile_name
    from hanoi_desk.cli.sync_cmds import ServerPassword

    d = desk()
    prompt = CliPrompt(args.passphrase_stdin)
    kind = args.unlock or ("passphrase" if args.passphrase_stdin else None)
    with d.open(profile_name(d, args), prompt, kind) as session:
        c = _find(consultations(session.cache), args.consultation)
        options = SyncOptions(server=args.server, username=args.user,
                              password=ServerPassword(prompt, args.user),
                              ca_file=args.ca_file)  # fmt: skip
        report = fetch_summary(session, options, c.id)
    out = export_summary(report, args.out)
    print(printable(translate(T_EXPORTED, csv=str(out.csv), pdf=str(out.pdf))))
    return 0
