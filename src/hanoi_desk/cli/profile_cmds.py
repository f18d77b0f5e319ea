"""``hanoi-desk profile create|list|wipe|passphrase|keyring``."""

from __future__ import annotations

import argparse
import getpass
import sys

from hanoi_desk.app.session import Desk
from hanoi_desk.app.unsent import UnsentWork
from hanoi_desk.cli.common import SubParsers, desk
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.errors import Cancelled, UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.store.vault import NO_PROFILE

CONFIRM_WIPE = N_(
    "Wipe profile “{name}” and every document, note and queued action in it? Type its name: "
)
WIPE_NEEDS_YES = N_("Refusing to wipe without a terminal: add --yes.")
KEYRING_OPENS_FOR_ANYONE = N_(
    "Warning: anyone who can log in to this OS account can now open profile “{name}” "
    "without its passphrase, because the system keyring unlocks it. Keep it only on an "
    "account nobody else uses; `hanoi-desk profile keyring {name} --disable` turns it off."
)
ASK_TO_COUNT = N_(
    "Passphrase of profile “{name}”, to find work not yet sent to the server "
    "(press Enter if you do not know it): "
)
UNSENT_KNOWN = N_(
    "Profile “{name}” holds work the server has not received yet, which wiping loses for "
    "good: {work}."
)
UNSENT_UNKNOWN = N_(
    "Without the passphrase, Hanoi Desk cannot tell whether profile “{name}” holds work the "
    "server has not received yet (signed documents, votes, comments, notes): anything "
    "unsent is lost for good."
)
DAMAGED_NOTHING_TO_SEND = N_(
    "The key file of profile “{name}” is damaged: nothing in it can be read or sent any more."
)
CONFIRM_LOSS = N_("Type the profile name to wipe it anyway: ")
NOT_WIPED = N_(
    "{reason} Nothing was wiped. Give its passphrase with --passphrase-stdin to check, or "
    "add --discard-unsent to wipe it and lose that work."
)


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

    w = psub.add_parser(
        "wipe",
        # Written out: argparse would list the options flat, and the README's line
        # once nested --passphrase-stdin under --yes, which it does not need.
        usage="%(prog)s NAME [--passphrase-stdin] [--yes [--discard-unsent]]",
        help="destroy a profile and everything in it",
        description="Destroy a profile. Work not yet sent to the server (signed documents, "
        "votes, comments, notes) is counted first with the passphrase (or the keyring) and "
        "named before anything is lost.",
    )
    w.add_argument("name")
    w.add_argument(
        "--yes",
        action="store_true",
        help="do not ask; refused unless the profile is shown to hold no unsent work "
        "(counted with --passphrase-stdin, or the keyring where it may be used) or "
        "--discard-unsent is given",
    )
    w.add_argument(
        "--passphrase-stdin",
        action="store_true",
        help="read the passphrase (to count unsent work) from standard input",
    )
    w.add_argument(
        "--discard-unsent",
        action="store_true",
        help="with --yes: wipe even if work not yet sent to the server is lost",
    )
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
    if "keyring" in meta.unlocker_kinds:
        print(translate(KEYRING_OPENS_FOR_ANYONE, name=meta.name), file=sys.stderr)
    return 0


def list_profiles(args: argparse.Namespace) -> int:
    d = desk()
    for meta in d.profiles():
        print(f"{meta.name}\t{meta.created_at}\t{','.join(meta.unlocker_kinds)}")
    for name in d.vault.damaged():
        print(f"{name}\t-\t" + translate(N_("damaged: can only be wiped")))
    return 0


def _count_unsent(d: Desk, args: argparse.Namespace) -> UnsentWork | None:
    """What a wipe would lose, or None when that cannot be known without a
    passphrase nobody gave. A wrong passphrase is an error (one try, nothing wiped)."""
    if args.passphrase_stdin:
        return d.unsent_work(args.name, CliPrompt(True), "passphrase")
    found = d.unsent_work_without_typing(args.name)
    if found is not None or args.yes or not sys.stdin.isatty():
        return found
    try:
        typed = getpass.getpass(translate(ASK_TO_COUNT, name=args.name))
    except (EOFError, KeyboardInterrupt):
        raise Cancelled() from None
    if not typed:
        return None
    return d.unsent_work(args.name, _Typed(typed), "passphrase")


class _Typed:
    def __init__(self, value: str) -> None:
        self.value = value

    def passphrase(self, profile: str, *, new: bool) -> str:
        return self.value


def _confirm(text: str, name: str) -> None:
    """The person types the profile's name after reading ``text``."""
    if not sys.stdin.isatty():
        raise UserError(WIPE_NEEDS_YES)
    try:
        answer = input(text)
    except EOFError:
        raise Cancelled() from None
    if answer.strip() != name:
        raise Cancelled()


def wipe(args: argparse.Namespace) -> int:
    d = desk()
    name = args.name
    if not d.vault.exists(name):  # a clear error before asking anything
        raise UserError(NO_PROFILE, name=name)
    if not args.yes and not sys.stdin.isatty():
        raise UserError(WIPE_NEEDS_YES)
    if name in d.vault.damaged():
        warning: str | None = translate(DAMAGED_NOTHING_TO_SEND, name=name)
    elif args.yes and args.discard_unsent:
        warning = None  # the caller accepted to lose whatever is unsent
    else:
        work = _count_unsent(d, args)
        if work is None:
            warning = translate(UNSENT_UNKNOWN, name=name)
        elif work.total:
            warning = translate(UNSENT_KNOWN, name=name, work=work.describe())
        else:
            warning = None
        if warning is not None and args.yes and not args.discard_unsent:
            raise UserError(NOT_WIPED, reason=warning)
    if not args.yes:
        if warning is not None:
            print(warning, file=sys.stderr)
            _confirm(translate(CONFIRM_LOSS), name)
        else:
            _confirm(translate(CONFIRM_WIPE, name=name), name)
    d.wipe(name)
    print(translate(N_("Wiped profile “{name}”."), name=name))
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
    d.enable_keyring(args.name, CliPrompt(args.passphrase_stdin))
    print(translate(N_("The system keyring now unlocks profile “{name}”."), name=args.name))
    print(translate(KEYRING_OPENS_FOR_ANYONE, name=args.name), file=sys.stderr)
    return 0
