"""``hanoi-desk cache add|list|cat|search|verify``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hanoi_desk.cli.common import (
    SubParsers,
    add_profile_option,
    open_session,
    print_error,
    print_warning,
)
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_, translate

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
