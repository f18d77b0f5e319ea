"""``hanoi-desk --self-test [--self-test-pdf FILE]``: a top-level flag, not a
subcommand, so that it reads the same in the console twin, the windowed
executable and a source checkout.

A windowed Windows executable has no standard output: the report then goes to
the console the command was typed in, or, when there is none (started from
Explorer), to ``hanoi-desk-self-test.txt`` in the temporary folder.

The Qt check runs in a child process, the same program with the hidden flag
``--self-test-qt FILE``: Qt aborts the process when a platform plugin is
present but cannot start (a missing library, no display), and an import of
PySide6 can fail outright (no libEGL). Either way the child's exit status and
its last lines of stderr become the check's ``FAIL`` line, and the summary is
still printed. The child writes its outcome to ``FILE`` (a windowed Windows
program may have no standard output).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from hanoi_desk.i18n import N_, current_language
from hanoi_desk.selftest.runner import QT_CHECK, Check, CheckFailed, Workbench, run_check

QT_CHILD_FLAG = "--self-test-qt"
QT_CHILD_TIMEOUT = 120.0
STDERR_LINES = 3

QT_CRASHED = N_("the Qt check stopped with {status}: {stderr}")
QT_HUNG = N_("the Qt check did not finish within {seconds} s")
QT_NO_RESULT = N_("the Qt check ended without a result (exit status {status})")
NO_STDERR = N_("nothing on stderr")


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
    # The Qt check's child process (see the module docstring); not for people.
    parser.add_argument(QT_CHILD_FLAG, type=Path, metavar="FILE", help=argparse.SUPPRESS)


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


def _child_command(debug: bool) -> list[str]:
    """This program again: the frozen executable is ``sys.executable`` itself."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "hanoi_desk"]
    return [*command, "--debug"] if debug else command


def _status(code: int) -> str:
    if code < 0:
        try:
            return signal.Signals(-code).name
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


def _stderr_tail(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(lines[-STDERR_LINES:])


def _qt_in_child(bench: Workbench) -> str:
    fd, name = tempfile.mkstemp(prefix="hanoi-desk-selftest-qt-", suffix=".json")
    os.close(fd)
    result_file = Path(name)
    try:
        try:
            child = subprocess.run(
                [*_child_command(bench.debug), QT_CHILD_FLAG, str(result_file)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                timeout=QT_CHILD_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise CheckFailed(QT_HUNG, seconds=int(QT_CHILD_TIMEOUT)) from None
        stderr = child.stderr.decode("utf-8", "replace")
        text = result_file.read_text("utf-8")
    finally:
        result_file.unlink(missing_ok=True)
    outcome = json.loads(text) if text else None
    if isinstance(outcome, dict) and outcome.get("ok") is True:
        return str(outcome.get("text", ""))
    if isinstance(outcome, dict) and isinstance(outcome.get("reason"), str):
        raise CheckFailed(outcome["reason"])  # already translated by the child
    if child.returncode == 0:
        raise CheckFailed(QT_NO_RESULT, status=child.returncode)
    tail = _stderr_tail(stderr) or bench.t(NO_STDERR)
    raise CheckFailed(QT_CRASHED, status=_status(child.returncode), stderr=tail)


def qt_child_check() -> Check:
    """The Qt check as this process sees it: run in a child that may abort."""
    return Check(QT_CHECK, _qt_in_child)


def _qt_check_here(bench: Workbench) -> str:
    from hanoi_desk.ui.selftest import qt_check  # PySide6: may fail to import (libEGL)

    return qt_check().run(bench)


def run_qt_child(args: argparse.Namespace) -> int:
    """``--self-test-qt FILE``: the Qt check in this process; the outcome goes to
    FILE as JSON. Exit status 0 when it passed, 1 when it failed; an abort by
    Qt leaves FILE empty and the parent reads the signal."""
    language = current_language()
    bench = Workbench(Path(tempfile.gettempdir()), Path(), language, args.debug)
    outcome = run_check(Check(QT_CHECK, _qt_check_here), bench)
    passed = outcome.status.value == "ok"
    body = {"ok": True, "text": outcome.text} if passed else {"reason": outcome.text}
    args.self_test_qt.write_text(json.dumps(body, ensure_ascii=False), "utf-8")
    return 0 if passed else 1


def run(args: argparse.Namespace) -> int:
    from hanoi_desk.selftest.checks import core_checks
    from hanoi_desk.selftest.runner import run_self_test

    if not args.debug:  # pyHanko logs validation details at WARNING: one line per check here
        for name in ("pyhanko", "pyhanko_certvalidator"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    with _output() as out:

        def emit(line: str) -> None:
            print(line, file=out, flush=True)

        return run_self_test(
            core_checks(),
            [qt_child_check()],
            emit,
            language=current_language(),
            sample=args.self_test_pdf,
            debug=args.debug,
        )
