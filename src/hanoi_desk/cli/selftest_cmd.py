"""``hanoi-desk --self-test [--self-test-pdf FILE]``: a top-level flag, not a
subcommand, so that it reads the same in the console twin, the windowed
executable and a source checkout.

A windowed Windows executable has no standard output: the report then goes to
the console the command was typed in, or, when there is none (started from
Explorer), to ``hanoi-desk-self-test.txt`` in the temporary folder.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from hanoi_desk.i18n import current_language


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check that every part of Hanoi Desk works on this computer, then exit",
    )
    parser.add_argument(
        "--self-test-pdf",
        type=Path,
        metavar="FILE",
        help="with --self-test: import, render and sign this PDF instead of the bundled sample",
    )


@contextmanager
def _output() -> Iterator[TextIO]:
    if sys.stdout is not None:
        yield sys.stdout
        return
    if sys.platform == "win32":
        import ctypes

        attach_parent_process = -1
        if ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            with open("CONOUT$", "w", encoding="utf-8") as console:
                yield console
            return
    report = Path(tempfile.gettempdir()) / "hanoi-desk-self-test.txt"
    with open(report, "w", encoding="utf-8") as f:
        yield f


def run(args: argparse.Namespace) -> int:
    from hanoi_desk.app.selftest import run_self_test
    from hanoi_desk.app.selftest_checks import core_checks
    from hanoi_desk.ui.selftest import qt_check

    if not args.debug:  # pyHanko logs validation details at WARNING: one line per check here
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    with _output() as out:

        def emit(line: str) -> None:
            print(line, file=out, flush=True)

        return run_self_test(
            core_checks(),
            [qt_check()],
            emit,
            language=current_language(),
            sample=args.self_test_pdf,
        )
