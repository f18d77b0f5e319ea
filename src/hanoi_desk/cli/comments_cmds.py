"""``hanoi-desk comments list|add|edit|resolve|export``: comment threads on drafts
(góp ý, docs/comment-threads.md).

Each works on the profile's cache, offline too: ``add``, ``edit`` and
``resolve`` queue an action that the next ``hanoi-desk sync`` sends (the server
decides; a refusal is shown by ``comments list`` and by the sync). ``list``
and ``export`` show what the last sync brought, threads placed on the version
named (re-anchored or orphaned when written on an older one). Exit 0, or 1
with one line on standard error for bad input (nothing queued then).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from hanoi_desk.cli.common import SubParsers, add_profile_option, open_session
from hanoi_desk.domain.comment_threads import Anchor, ThreadState, Visibility
from hanoi_desk.domain.comments import Comment, Thread
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.store.cache import Cache

NO_VERSION = N_("There is no document or version “{id}” in this profile's cache.")
NO_THREADS = N_("No comments on this document yet.")
T_DOC = N_("“{title}” version {version} [{version_id}]")
T_THREAD = N_("[{id}] {author} — {state} ({visibility}){place}")
T_QUOTE = N_("    quote, page {page}: “{quote}”")
T_TEXT = N_("    {text}")
T_EDITED = N_("    (edited {n} times; earlier texts kept)")
T_REPLY = N_("    ↳ [{id}] {author}: {text}")
T_ANSWER = N_("    answer by {who}: {answer}")
T_ORPHANED = N_(" — ORPHANED: {why}")
T_REANCHORED = N_(" — found again on page {page}")
T_QUEUED = N_("Queued [{id}]: the next sync sends it.")
T_EXPORTED = N_("Exported {n} threads: {csv} and {pdf}")
ME = N_("me")
VISIBILITY = {
    Visibility.ALL: N_("all members"),
    Visibility.SECRETARIAT: N_("secretariat only"),
    Visibility.DRAFTING: N_("drafting unit"),
}
WHY = {
    "orphaned_missing": N_("the quote is no longer in this version"),
    "orphaned_ambiguous": N_("the quote occurs more than once"),
}


def register(sub: SubParsers) -> None:
    p = sub.add_parser("comments", help="comment threads on drafts (góp ý)")
    csub = p.add_subparsers(dest="comments_command", metavar="ACTION", required=True)

    ls = csub.add_parser("list", help="threads on a document, placed on the version named")
    add_profile_option(ls)
    ls.add_argument("--document", metavar="VERSION",
                    help="a version id, or a document id (its current version); "
                         "default: every document with comments")  # fmt: skip
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    ls.set_defaults(handler=list_threads)

    a = csub.add_parser("add", help="queue a comment on a version, or a reply")
    add_profile_option(a)
    a.add_argument("version", metavar="VERSION")
    a.add_argument("text", metavar="TEXT")
    a.add_argument("--quote", metavar="TEXT", default="", help="the exact text commented on")
    a.add_argument("--prefix", metavar="TEXT", default="", help="the text just before the quote")
    a.add_argument("--suffix", metavar="TEXT", default="", help="the text just after the quote")
    a.add_argument("--page", type=int, default=0, metavar="N", help="the quote's page (1 = first)")
    a.add_argument("--visibility", choices=[v.value for v in Visibility], default="all")
    a.add_argument("--reply-to", metavar="ID", help="the thread's first comment")
    a.set_defaults(handler=add)

    e = csub.add_parser("edit", help="queue a new text of my comment (the old one is kept)")
    add_profile_option(e)
    e.add_argument("comment", metavar="ID")
    e.add_argument("text", metavar="TEXT")
    e.set_defaults(handler=edit)

    r = csub.add_parser("resolve", help="queue the drafting unit's answer, or my withdrawal")
    add_profile_option(r)
    r.add_argument("thread", metavar="THREAD")
    r.add_argument("--state", required=True,
                   choices=[s.value for s in ThreadState if s is not ThreadState.OPEN]
                   + ["open"])  # fmt: skip
    r.add_argument("--answer", metavar="TEXT", default="")
    r.set_defaults(handler=resolve)

    x = csub.add_parser("export", help="the summary of answers (tiếp thu, giải trình): PDF, CSV")
    add_profile_option(x)
    x.add_argument("version", metavar="VERSION")
    x.add_argument("--out", type=Path, required=True, metavar="DIR")
    x.set_defaults(handler=export)


def _version(cache: Cache, ident: str) -> DocumentSummary:
    found = cache.versions([ident]).get(ident)
    if found is not None:
        return found
    try:
        return cache.document(ident)
    except UserError:
        raise UserError(NO_VERSION, id=printable(ident, limit=80)) from None


def _comment_json(c: Comment) -> dict[str, object]:
    return {
        "id": c.id,
        "version": c.version,
        "author": c.author,
        "mine": c.mine,
        "text": c.text,
        "created_at": c.created_at,
        "sent": str(c.state),
        "reason": c.reason,
        "revisions": [{"text": t, "created_at": at} for t, at in c.revisions],
    }


def _thread_json(t: Thread) -> dict[str, object]:
    a = t.root.anchor
    quote = None
    if a is not None:
        quote = {"text": a.quote, "prefix": a.prefix, "suffix": a.suffix, "page": a.page}
    return {
        **_comment_json(t.root),
        "quote": quote,
        "visibility": str(t.root.visibility),
        "state": str(t.root.thread_state),
        "answer": t.root.answer,
        "answered_by": t.root.answered_by,
        "placement": str(t.located.placement),
        "page": t.located.page,
        "orphaned": t.orphaned,
        "replies": [_comment_json(r) for r in t.replies],
    }


def list_threads(args: argparse.Namespace) -> int:
    from hanoi_desk.app.comment_export import STATES
    from hanoi_desk.app.comments import Comments

    with open_session(args) as session:
        comments = Comments(session.cache)
        if args.document:
            docs = [_version(session.cache, args.document)]
        else:
            docs = [d for d in session.documents() if d.meeting_id is not None]
        found = [(d, comments.threads(d)) for d in docs]
    if not args.document:
        found = [(d, threads) for d, threads in found if threads]
    if args.json:
        print(printable_json([{"document_id": d.id, "version_id": d.version_id,
                               "version": d.version, "title": d.title,
                               "threads": [_thread_json(t) for t in threads]}
                              for d, threads in found]))  # fmt: skip
        return 0
    if not found:
        print(translate(NO_THREADS))
    for doc, threads in found:
        print(printable(translate(T_DOC, title=doc.title, version=doc.version,
                                  version_id=doc.version_id)))  # fmt: skip
        if not threads:
            print(translate(NO_THREADS))
        # Placed ones first, the orphaned listed apart at the end: never shown as if moved.
        for t in sorted(threads, key=lambda t: t.orphaned):
            _print_thread(t, STATES)
    return 0


def _print_thread(t: Thread, states: dict[ThreadState, str]) -> None:
    root = t.root
    if t.orphaned:
        place = translate(T_ORPHANED, why=translate(WHY[str(t.located.placement)]))
    elif str(t.located.placement) == "reanchored":
        place = translate(T_REANCHORED, page=t.located.page)
    else:
        place = ""
    author = root.author or translate(ME)
    print(printable(translate(T_THREAD, id=root.id, author=author,
                              state=translate(states[root.thread_state]),
                              visibility=translate(VISIBILITY[root.visibility]),
                              place=place)))  # fmt: skip
    if root.anchor is not None:
        print(printable(translate(T_QUOTE, page=root.anchor.page or "?",
                                  quote=root.anchor.quote)))  # fmt: skip
    print(printable(translate(T_TEXT, text=root.text)))
    if root.revisions:
        print(translate(T_EDITED, n=len(root.revisions)))
    for r in t.replies:
        print(printable(translate(T_REPLY, id=r.id, author=r.author or translate(ME),
                                  text=r.text)))  # fmt: skip
    if root.answer or root.answered_by:
        print(printable(translate(T_ANSWER, who=root.answered_by, answer=root.answer)))


def add(args: argparse.Namespace) -> int:
    from hanoi_desk.app.comments import Comments

    anchor = None
    if args.quote:
        anchor = Anchor(args.quote, args.prefix, args.suffix, max(0, args.page))
    with open_session(args) as session:
        doc = _version(session.cache, args.version)
        added = Comments(session.cache, session.changes).add(
            doc, args.text, anchor=anchor, visibility=Visibility(args.visibility),
            reply_to=args.reply_to,
        )  # fmt: skip
    print(translate(T_QUEUED, id=added.id))
    return 0


def edit(args: argparse.Namespace) -> int:
    from hanoi_desk.app.comments import Comments

    with open_session(args) as session:
        Comments(session.cache, session.changes).edit(args.comment, args.text)
    print(translate(T_QUEUED, id=printable(args.comment, limit=80)))
    return 0


def resolve(args: argparse.Namespace) -> int:
    from hanoi_desk.app.comments import Comments

    with open_session(args) as session:
        mine = session.cache.repos.comments.my_user_ids()
        Comments(session.cache, session.changes).resolve(
            args.thread, ThreadState(args.state), args.answer, my_user_ids=mine
        )
    print(translate(T_QUEUED, id=printable(args.thread, limit=80)))
    return 0


def export(args: argparse.Namespace) -> int:
    from hanoi_desk.app.comment_export import export_summary
    from hanoi_desk.app.comments import Comments

    with open_session(args) as session:
        doc = _version(session.cache, args.version)
        done = export_summary(Comments(session.cache), doc, args.out)
    print(printable(translate(T_EXPORTED, n=done.threads, csv=str(done.csv),
                              pdf=str(done.pdf))))  # fmt: skip
    return 0
