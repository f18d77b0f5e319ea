"""``hanoi-desk requests list|sign|decline``: signing requests — several signers of the
minutes or a conclusion in order (docs/signing-requests.md).

Both work on the profile's cache, offline too: the sync brings each request
and, for my active steps, the file to sign. ``sign`` fills my step's prepared
field through the signing pipeline (one PIN) and queues it; the next
``hanoi-desk sync`` uploads and sends it. If someone signed that file first,
the server refuses it (``stale_head``); after the next sync the same command
signs the new file — one more PIN entry, never automatic. ``decline`` queues my
refusal with its reason (the server then ends the request). Exit 0, or 1 with
one line on standard error (nothing queued then).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from hanoi_desk.cli.common import SubParsers, add_profile_option, open_session
from hanoi_desk.cli.sign_cmds import add_queued_key_options, queued_signing
from hanoi_desk.domain import signing_requests as dr
from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.i18n import N_, translate

NONE = N_("No signing requests on this computer (sync first).")
T_LINE = N_("[{id}] {title}: {state}{mine}")
T_MINE = N_(" — WAITING FOR MY SIGNATURE (step {step}, field {field})")
T_STEP = N_("    {position}. {name} ({role}, {kind}): {state}")
T_REASON = N_("       reason: {reason}")
T_QUEUED = N_("Signed and queued [{op}]: the next sync sends it.")
T_DECLINED = N_("Declined and queued [{op}]: the next sync sends it; the request then ends.")
STATES = {
    "in_progress": N_("in progress"),
    "completed": N_("completed"),
    "cancelled": N_("cancelled"),
    "expired": N_("expired"),
    "draft": N_("draft"),
    "pending": N_("waiting for an earlier signer"),
    "active": N_("to sign now"),
    "signed": N_("signed"),
    "declined": N_("declined"),
}
KINDS = {"approval": N_("approval"), "issuing": N_("issuing, with the seal"), "copy": N_("copy")}


def register(sub: SubParsers) -> None:
    p = sub.add_parser("requests", help="signing requests (minutes, conclusions)")
    rsub = p.add_subparsers(dest="requests_command", metavar="ACTION", required=True)

    ls = rsub.add_parser("list", help="requests this profile's last sync brought, mine first")
    add_profile_option(ls)
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    ls.set_defaults(handler=list_requests)

    s = rsub.add_parser("sign", help="sign my step of a request and queue it")
    add_profile_option(s)
    s.add_argument("request", metavar="REQUEST", help="its id (or a unique start)")
    add_queued_key_options(s)
    s.set_defaults(handler=sign)

    d = rsub.add_parser("decline", help="decline my step of a request, with a reason")
    add_profile_option(d)
    d.add_argument("request", metavar="REQUEST", help="its id (or a unique start)")
    d.add_argument("--reason", required=True, metavar="TEXT", help="why (shown to everyone)")
    d.set_defaults(handler=decline)


def _state(value: str) -> str:
    return translate(STATES[value]) if value in STATES else value


def request_json(r: dr.SigningRequest, me: frozenset[str], now: float) -> dict[str, Any]:
    """``state`` at ``now`` (expired past ``expires_at``, epoch seconds or null)."""
    return {
        "id": r.id,
        "meeting_id": r.meeting_id,
        "document_version_id": r.document_version_id,
        "title": r.title,
        "state": r.state_at(now),
        "expires_at": r.expires_at,
        "head_sha256": r.head_sha256,
        "waiting_for_me": [s.position for s in r.my_active_steps(me, now)],
        "steps": [
            {
                "position": s.position,
                "stage": s.stage,
                "user_id": s.user_id,
                "name": s.name,
                "role": s.role,
                "field_name": s.field_name,
                "decree_kind": s.decree_kind,
                "state": s.state,
                "reason": s.reason,
            }
            for s in r.steps
        ],
    }


def list_requests(args: argparse.Namespace) -> int:
    from hanoi_desk.app.signing_requests import deadline_text, me, requests

    now = time.time()  # one instant for the whole list
    with open_session(args) as session:
        found = requests(session.cache)
        mine = me(session.cache)
    if args.json:
        print(printable_json([request_json(r, mine, now) for r in found]))
        return 0
    if not found:
        print(translate(NONE))
    for r in found:
        active = r.my_active_steps(mine, now)
        flag = (translate(T_MINE, step=active[0].position, field=active[0].field_name)
                if active else "")  # fmt: skip
        print(printable(translate(T_LINE, id=r.id, title=r.title, state=_state(r.state_at(now)),
                                  mine=flag)))  # fmt: skip
        deadline = deadline_text(r, now)
        if deadline:
            print("    " + deadline)  # translated, and only a time of ours in it
        for s in r.steps:
            kind = translate(KINDS[s.decree_kind]) if s.decree_kind in KINDS else s.decree_kind
            print(printable(translate(T_STEP, position=s.position, name=s.name, role=s.role,
                                      kind=kind, state=_state(s.state))))  # fmt: skip
            if s.reason:
                print(printable(translate(T_REASON, reason=s.reason)))
    return 0


def sign(args: argparse.Namespace) -> int:
    from hanoi_desk.app.signing_requests import check_sign, find
    from hanoi_desk.app.signing_requests import sign as sign_and_queue

    with queued_signing(args) as (session, manager, how, prompt):
        cache = session.cache
        r = find(cache, args.request)
        check_sign(cache, r)  # every refusal before the PIN
        op = sign_and_queue(cache, manager, r, how=how, prompt=prompt)
    print(translate(T_QUEUED, op=op))
    return 0


def decline(args: argparse.Namespace) -> int:
    from hanoi_desk.app.signing_requests import decline as queue_decline
    from hanoi_desk.app.signing_requests import find

    with open_session(args) as session:
        op = queue_decline(session.cache, find(session.cache, args.request), args.reason)
    print(translate(T_DECLINED, op=op))
    return 0
