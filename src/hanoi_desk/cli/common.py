"""Options and helpers shared by the subcommands."""

from __future__ import annotations

import argparse
from typing import Any

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_

WHICH_PROFILE = N_("Name the profile with --profile (there are {count}).")

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
