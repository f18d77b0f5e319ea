"""``hanoi-desk cache add|list|cat|search|verify|signatures``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from hanoi_desk.cli.common import (
    SubParsers,
    add_profile_option,
    open_session,
    print_error,
    print_warning,
)
from hanoi_desk.domain.signatures import (
    DEFAULT_OVERDUE_DAYS,
    OVERDUE,
    OVERDUE_FILE,
    STATE_TEXT,
    UPLOAD_TEXT,
    CompletionState,
    SignatureRecord,
    SignedCopy,
    reason_template,
    unstamped_too_long,
)
from hanoi_desk.domain.text import printable, printable_json
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

if TYPE_CHECKING:
    from collections.abc import Sequence

    from hanoi_desk.signing.verify import FileReport
    from hanoi_desk.sync.completion import CompletionReport

CAT_TO_TERMINAL = N_(
    "`cache cat` writes the PDF's bytes, which would garble the terminal: redirect them to a "
    "file or a program (hanoi-desk cache cat ID > copy.pdf)."
)


def register(sub: SubParsers) -> None:
    p = sub.add_parser("cache", help="the encrypted local cache of documents")
    csub = p.add_subparsers(dest="cache_command", metavar="ACTION", required=True)

    a = csub.add_parser("add", help="import PDF files into the encrypted cache")
    add_profile_option(a)
    a.add_argument("files", nargs="+", type=Path, metavar="FILE.pdf")
    a.set_defaults(handler=add)

    ls = csub.add_parser("list", help="list cached documents")
    add_profile_option(ls)
    ls.set_defaults(handler=list_documents)

    cat = csub.add_parser("cat", help="write a document's plaintext to standard output (audited)")
    add_profile_option(cat)
    cat.add_argument("doc_id", metavar="DOC_ID")
    cat.set_defaults(handler=cat_document)

    s = csub.add_parser("search", help="full-text search, accents optional")
    add_profile_option(s)
    s.add_argument("words")
    s.add_argument("--limit", type=int, default=50)
    s.set_defaults(handler=search)

    v = csub.add_parser("verify", help="check every cached document against its hash")
    add_profile_option(v)
    v.set_defaults(handler=verify)

    sg = csub.add_parser(
        "signatures", help="this profile's signatures: level, completion at sync, upload"
    )
    add_profile_option(sg)
    sg.add_argument("--json", action="store_true", help="machine-readable output")
    sg.add_argument("--all", action="store_true",
                    help="also the other members' signatures the server shows you (the "
                    "secretariat's)")  # fmt: skip
    sg.set_defaults(handler=list_signatures)


def add(args: argparse.Namespace) -> int:
    failed = 0
    with open_session(args) as session:
        for result in session.import_pdfs(args.files):
            if result.document is not None:
                d = result.document
                print(f"{printable(d.id)}\t{printable(d.title)}\t{d.pages} pages")
                for warning in result.warnings:
                    print_warning(warning)
            else:
                failed += 1
                assert result.error is not None
                print_error(result.error)
    return 1 if failed else 0


def list_documents(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        for d in session.documents():
            state = "" if d.available else "\t" + translate(N_("not downloaded"))
            print(
                f"{printable(d.id)}\t{printable(d.title)}\t{d.pages} pages\t{d.size} bytes"
                f"\tv{d.version}{state}"
            )
    return 0


def cat_document(args: argparse.Namespace) -> int:
    # A PDF's bytes can hold any escape sequence; refuse before asking for the passphrase.
    if sys.stdout.isatty():
        raise UserError(CAT_TO_TERMINAL)
    with open_session(args) as session:
        _doc, chunks = session.export(args.doc_id, reason="cli cat")
        out = sys.stdout.buffer
        for chunk in chunks:
            out.write(chunk)
        out.flush()
    return 0


def search(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        for hit in session.search(args.words, args.limit):
            print(
                f"{printable(hit.document_id)}\t{printable(hit.title)}\tp.{hit.page}"
                f"\t{printable(hit.snippet)}"
            )
    return 0


def verify(args: argparse.Namespace) -> int:
    with open_session(args) as session:
        problems = session.cache.verify_all()
        for problem in problems:
            print_error(problem)
        if not problems:
            print(translate(N_("All {n} documents verified."), n=len(session.documents())))
    return 1 if problems else 0


SHOWN_REASON = 120
"""Characters of a reason this client does not know (the server's word) shown."""
NO_SIGNATURES = N_("This profile has made no signature.")
SIGNATURE_LINE = N_("{title} (version {version})\t{level}\t{state}\t{upload}")
OTHERS_HEADER = N_("Signed by other members (accepted by the server):")
NO_OTHERS = N_("No other member's signature is shown to you.")
OTHER_LINE = N_("{title} (version {version})\tsigned by {name}\t{date}\t{sha}")


def reason_text(reason: str | None) -> str:
    """A stored reason in the reader's language, or escaped as it came."""
    template = reason_template(reason)
    if template is not None:
        return translate(template)
    return printable(reason or "", limit=SHOWN_REASON)


def signature_state(record: SignatureRecord) -> str:
    state = translate(STATE_TEXT[record.state])
    if record.reason and record.state in (CompletionState.WAITING, CompletionState.REFUSED):
        state += f": {reason_text(record.reason)}"
    return state


def upload_state(record: SignatureRecord) -> str:
    if record.upload is None:
        return "?"
    return translate(UPLOAD_TEXT[str(record.upload)])


def list_signatures(args: argparse.Namespace) -> int:
    from hanoi_desk.app.signature_completion import (
        overdue,
        overdue_limit,
        plan_for,
        signatures,
        signed_by_others,
    )

    with open_session(args) as session:
        records = signatures(session.cache)
        others = signed_by_others(session.cache) if args.all else []
        late = overdue(session.cache)
        days = overdue_limit(session.cache)
        servers = session.cache.repos.accounts.servers()
        # The TSA the next sync would use (the profile's tsa_url setting, else
        # the synced server's policy when it may be used): shown, never implied.
        tsa_url = plan_for(session.cache, servers[0] if len(servers) == 1 else None).tsa_url
    if args.json:
        print(
            printable_json(
                [
                    {
                        "id": r.id,
                        "document_version_id": r.document_version_id,
                        "title": r.title,
                        "version": r.version,
                        "level": r.level,
                        "state": str(r.state),
                        "reason": r.reason,
                        "upload": None if r.upload is None else str(r.upload),
                        "created_at": r.created_at,
                        "tsa_url": tsa_url,
                    }
                    for r in records
                ]
            )
        )
    elif not records:
        print(translate(NO_SIGNATURES))
    for r in records if not args.json else ():
        line = translate(
            SIGNATURE_LINE,
            title=printable(r.title),
            version=r.version if r.version is not None else "?",
            level=r.level,
            state=signature_state(r),
            upload=upload_state(r),
        )
        print(line)
    if args.all and not args.json:
        _print_others(others)
    if late:
        print_warning(UserError(OVERDUE, count=len(late), days=days))
    return 0


def _print_others(others: list[tuple[SignedCopy, str, int | None]]) -> None:
    """Other members' signatures (docs/server-uploads.md): the signer's name is
    the server's text, printed escaped."""
    import datetime

    print(translate(OTHERS_HEADER if others else NO_OTHERS))
    for copy, title, version in others:
        day = datetime.datetime.fromtimestamp(copy.created_at, datetime.UTC)
        print(translate(OTHER_LINE, title=printable(title or copy.document_version_id),
                        version=version if version is not None else "?",
                        name=printable(copy.name), date=day.strftime("%Y-%m-%d"),
                        sha=copy.sha256[:12]))  # fmt: skip


SYNC_WAITING = N_("Signature of “{title}” waits for completion: {reason}.")
SYNC_REFUSED = N_("Signature of “{title}” cannot be completed: {reason}.")
SYNC_COMPLETED = N_("Signatures completed and queued for upload: {count}.")


def print_completion(report: CompletionReport) -> None:
    """What the sync's completion step did, after the sync's summary line
    (``hanoi-desk sync``): completed, each waiting or refused one with why, and
    the warning for signatures too long without a trusted time."""
    if report.completed:
        print(translate(SYNC_COMPLETED, count=len(report.completed)))
    for title, reason in report.waiting:
        line = translate(SYNC_WAITING, title=printable(title), reason=reason_text(reason))
        print(line, file=sys.stderr)
    for title, reason in report.refused:
        line = translate(SYNC_REFUSED, title=printable(title), reason=reason_text(reason))
        print(line, file=sys.stderr)
    if report.overdue:
        print_warning(UserError(OVERDUE, count=report.overdue, days=report.overdue_days))


def warn_unstamped(reports: Sequence[FileReport]) -> None:
    """``hanoi-desk verify``: a B-B signature made longer ago than the default
    limit is warned about (a file has no profile, so no body's policy)."""
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    for report in reports:
        for sig in report.signatures:
            if sig.kind == "signature" and unstamped_too_long(
                sig.level, sig.claimed_time, now, DEFAULT_OVERDUE_DAYS
            ):
                warning = UserError(  # print_warning escapes the whole line
                    OVERDUE_FILE,
                    field=sig.field,
                    signer=sig.signer,
                    date=(sig.claimed_time or "")[:10],
                    days=DEFAULT_OVERDUE_DAYS,
                )
                print_warning(warning)
