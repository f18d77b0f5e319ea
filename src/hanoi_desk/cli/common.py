"""Options and helpers shared by the subcommands.

Text that comes from a PDF, a certificate, a server or the cache reaches the
terminal only through :func:`hanoi_desk.domain.text.printable` (each value, as
it is put into a line) or the printers below (whole messages, whose
parameters were filled in by lower layers).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import HanoiDeskError, UserError
from hanoi_desk.i18n import N_, translate

WHICH_PROFILE = N_("Name the profile with --profile (there are {count}).")
T_WARNING = N_("warning: {text}")

SubParsers = Any  # argparse's _SubParsersAction is private


def add_profile_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--profile", metavar="NAME", help="profile to use (may be omitted when there is only one)"
    )
    p.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase from the first line of standard input",
    )
    p.add_argument(
        "--unlock",
        choices=("passphrase", "keyring", "token"),
        help="how to unlock (default: the keyring when set up, else the passphrase)",
    )


def desk() -> Desk:
    return Desk(default_vault())


def profile_name(d: Desk, args: argparse.Namespace) -> str:
    if args.profile:
        return str(args.profile)
    names = [p.name for p in d.profiles()]
    if len(names) == 1:
        return names[0]
    raise UserError(WHICH_PROFILE, count=len(names))


def open_session(args: argparse.Namespace) -> Session:
    d = desk()
    kind = args.unlock
    if kind is None and args.passphrase_stdin:
        kind = "passphrase"  # the script gave a passphrase: use it, not the keyring
    return d.open(profile_name(d, args), CliPrompt(args.passphrase_stdin), kind)


def print_error(error: HanoiDeskError | str) -> None:
    """One line on standard error, the way every command reports a failure."""
    text = error.message() if isinstance(error, HanoiDeskError) else error
    print(f"hanoi-desk: {printable(text)}", file=sys.stderr)


def print_warning(warning: HanoiDeskError) -> None:
    """One line on standard error: the command went on, but the person should know."""
    print(printable(translate(T_WARNING, text=warning.message())), file=sys.stderr)
