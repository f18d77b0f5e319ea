"""``hanoi-desk profile create|list|wipe|passphrase|keyring``."""

from __future__ import annotations

import argparse
import sys

from hanoi_desk.cli.common import SubParsers, desk
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.errors import Cancelled, UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.store.vault import NO_PROFILE

CONFIRM_WIPE = N_(
    "Wipe profile “{name}” and every document, note and queued action in it? Type its name: "
)
WIPE_NEEDS_YES = N_("Refusing to wipe without a terminal: add --yes.")


def register(sub: SubParsers) -> None:
    p = sub.add_parser("profile", help="create, list and wipe encrypted profiles")
    psub = p.add_subparsers(dest="profile_command", metavar="ACTION", required=True)

    c = psub.add_parser("create", help="create a profile protected by a passphrase")
    c.add_argument("name")
    c.add_argument("--passphrase-stdin", action="store_true")
    c.add_argument(
        "--keyring",
        action="store_true",
        help="also let the system keyring unlock it without typing",
    )
    c.set_defaults(handler=create)

    ls = psub.add_parser("list", help="list the profiles on this machine")
    ls.set_defaults(handler=list_profiles)

    w = psub.add_parser("wipe", help="destroy a profile and everything in it")
    w.add_argument("name")
    w.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    w.set_defaults(handler=wipe)

    pw = psub.add_parser("passphrase", help="change the passphrase (the data is not rewritten)")
    pw.add_argument("name")
    pw.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="old passphrase on the first line of standard input, new on the second",
    )
    pw.set_defaults(handler=change_passphrase)

    k = psub.add_parser("keyring", help="let the system keyring unlock a profile, or stop it")
    k.add_argument("name")
    k.add_argument("--disable", action="store_true")
    k.add_argument("--passphrase-stdin", action="store_true")
    k.set_defaults(handler=keyring)


def create(args: argparse.Namespace) -> int:
    meta = desk().create(args.name, CliPrompt(args.passphrase_stdin), also_keyring=args.keyring)
    print(
        translate(
            N_("Created profile “{name}” ({unlock})."),
            name=meta.name,
            unlock=", ".join(meta.unlocker_kinds),
        )
    )
    return 0


def list_profiles(args: argparse.Namespace) -> int:
    d = desk()
    for meta in d.profiles():
        print(f"{meta.name}\t{meta.created_at}\t{','.join(meta.unlocker_kinds)}")
    for name in d.vault.damaged():
        print(f"{name}\t-\t" + translate(N_("damaged: can only be wiped")))
    return 0


def wipe(args: argparse.Namespace) -> int:
    d = desk()
    if not d.vault.exists(args.name):  # a clear error before asking anything
        raise UserError(NO_PROFILE, name=args.name)
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError(WIPE_NEEDS_YES)
        try:
            answer = input(translate(CONFIRM_WIPE, name=args.name))
        except EOFError:
            raise Cancelled() from None
        if answer.strip() != args.name:
            raise Cancelled()
    d.wipe(args.name)
    print(translate(N_("Wiped profile “{name}”."), name=args.name))
    return 0


def change_passphrase(args: argparse.Namespace) -> int:
    d = desk()
    prompt = CliPrompt(args.passphrase_stdin)
    profile = d.vault.unlock(args.name, prompt, "passphrase")
    try:
        d.vault.add_unlocker(profile, "passphrase", prompt)
    finally:
        profile.wipe()
    print(translate(N_("Changed the passphrase of profile “{name}”."), name=args.name))
    return 0


def keyring(args: argparse.Namespace) -> int:
    d = desk()
    if args.disable:
        d.vault.remove_unlocker(args.name, "keyring")
        print(translate(N_("The keyring no longer unlocks profile “{name}”."), name=args.name))
        return 0
    prompt = CliPrompt(args.passphrase_stdin)
    profile = d.vault.unlock(args.name, prompt, "passphrase")
    try:
        d.vault.add_unlocker(profile, "keyring", prompt)
    finally:
        profile.wipe()
    print(translate(N_("The system keyring now unlocks profile “{name}”."), name=args.name))
    return 0
