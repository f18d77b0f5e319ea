"""``hanoi-desk``: the entry point of the desktop app and of every subcommand.

Exit codes: 0 success, 1 an error a person can read (one line on stderr),
2 a usage error, 130 cancelled. ``--debug`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from types import ModuleType

from hanoi_desk import __version__
from hanoi_desk.cli import (
    actions_cmds,
    cache_cmds,
    comments_cmds,
    consult_cmds,
    demo_cmds,
    live_cmds,
    profile_cmds,
    requests_cmds,
    selftest_cmd,
    server_cmds,
    sign_cmds,
    sync_cmds,
)
from hanoi_desk.cli.common import print_error
from hanoi_desk.cli.process import make_undumpable
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import Cancelled, HanoiDeskError
from hanoi_desk.i18n import N_, translate

COMMAND_MODULES: list[ModuleType] = [
    profile_cmds,
    cache_cmds,
    demo_cmds,
    sync_cmds,
    live_cmds,
    server_cmds,
    sign_cmds,
    comments_cmds,
    consult_cmds,
    requests_cmds,
    actions_cmds,
]

Handler = Callable[[argparse.Namespace], int]
UNEXPECTED = N_(
    "Unexpected error ({kind}). Nothing secret was printed; run again with --debug for details."
)


class TerminalFormatter(logging.Formatter):
    """Log records quote files, certificates and servers (MuPDF's messages do):
    escaped like every other untrusted text the CLI prints."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(super().format(record), keep_newlines=True)


def _print_traceback() -> None:
    # --debug asked for it, but an exception's text can still quote a hostile file.
    print(printable(traceback.format_exc(), keep_newlines=True), end="", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hanoi-desk",
        description="Paperless meetings and offline signing. Without a command: the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    selftest_cmd.add_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def _open_desktop(args: argparse.Namespace) -> int:
    from hanoi_desk.ui import app as ui_app  # Qt loads only when the window is wanted

    result: int = ui_app.run(args)
    return result


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one exit per outcome
    # Before any passphrase or key is in memory: no core dump, and no other process
    # of this OS account may read ours (desktop app and every subcommand start here).
    make_undumpable()
    parser = build_parser()
    args = parser.parse_args(argv)
    log_handler = logging.StreamHandler()
    log_handler.setFormatter(TerminalFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING, handlers=[log_handler]
    )
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if args.self_test_qt is not None:
            return selftest_cmd.run_qt_child(args)
        if args.self_test:
            return selftest_cmd.run(args)
        if handler is None:
            return _open_desktop(args)
        return handler(args)
    except Cancelled:
        return 130
    except BrokenPipeError:
        # The reader went away (`hanoi-desk cache cat ID | head`): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        return 130
    except HanoiDeskError as exc:
        if args.debug:
            _print_traceback()
        print_error(exc)
        return 1
    except Exception as exc:
        # A bug. Its message may quote data, so only the type is printed by default.
        if args.debug:
            _print_traceback()
        print_error(translate(UNEXPECTED, kind=type(exc).__name__))
        return 1
