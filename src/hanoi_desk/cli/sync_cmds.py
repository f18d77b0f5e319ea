"""``hanoi-desk sync``: one full sync of a profile, headless."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from hanoi_desk.cli.common import SubParsers, add_profile_option, desk, profile_name
from hanoi_desk.cli.prompt import CliPrompt
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import Cancelled, UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.protocol import DEFAULT_CHANGES_LIMIT, MAX_CHANGES_LIMIT
from hanoi_desk.sync.events import BlobFailed, Rejected, StateChanged, SyncEvent, SyncState
from hanoi_desk.sync.limits import DEFAULT_REQUEST_TIMEOUT, DEFAULT_RUN_TIMEOUT

NO_PASSWORD_TTY = N_(
    "No terminal to ask for the server password: pass it on standard input with "
    "--passphrase-stdin (the line after the passphrase)."
)
REJECTED = N_("The server refused action {op} ({kind}): {reason}.")
REASONS = {
    "document_superseded": N_(
        "the document was replaced by a newer version; both versions are in the cache"
    ),
    "meeting_closed": N_("the meeting is closed"),
    "not_found": N_("the document or meeting is not available to you"),
    "unknown_kind": N_("this server does not support that action"),
    # Signing requests (docs/signing-requests.md): never re-signed on their own.
    "stale_head": N_(
        "someone signed that file first; after this sync, sign the new file with "
        "hanoi-desk requests sign (one more PIN)"
    ),
    "not_your_step": N_("it is not your turn to sign this request"),
    "wrong_field": N_("the signature is not in your step's signature field"),
    "request_expired": N_("the signing request expired before your signature reached the server"),
    # The server's check of a signed upload (docs/server-uploads.md).
    "untrusted": N_(
        "your certificate is not issued under a root this body trusts (the administrator "
        "adds it with hanoi-desk server trust-root add)"
    ),
    "wrong_signer": N_(
        "the signature was made with another certificate than the one registered for you"
    ),
    "no_registered_certificate": N_(
        "no signing certificate is registered for you on the server (the administrator "
        "registers it with hanoi-desk server member-cert)"
    ),
    "unexpected_change": N_("the signed file changes the document beyond your signature"),
    "certificate_in_use": N_(
        "the signature's certificate is registered to another member (the administrator "
        "registers certificates with hanoi-desk server member-cert)"
    ),
    "signature_invalid": N_("the signature does not hold (a damaged file or not a signed PDF)"),
    "answers_mismatch": N_(
        "the signed opinion sheet does not carry the answers sent with it (sign the opinion again)"
    ),
}
NOT_DOWNLOADED = N_("Document {sha} was not downloaded: {reason}")
BAD_TIMEOUT = N_("--request-timeout and --run-timeout take a whole number of seconds, at least 1.")
SHOWN_REASON = 64
"""Characters of a server's unknown refusal reason that are printed."""


def register(sub: SubParsers) -> None:
    p = sub.add_parser("sync", help="sync a profile with the central server once")
    add_profile_option(p)
    p.add_argument("--server", metavar="URL", help="server address (needed the first time)")
    p.add_argument("--user", metavar="NAME", help="user name to sign in with (first time)")
    p.add_argument(
        "--ca-file",
        metavar="PEM",
        type=Path,
        help="trust only this CA for the server's certificate (pinning)",
    )
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    p.add_argument(
        "--page-limit",
        type=int,
        default=DEFAULT_CHANGES_LIMIT,
        metavar="N",
        help="change records asked per page (smaller pages commit more often)",
    )
    p.add_argument(
        "--request-timeout",
        type=int,
        default=DEFAULT_REQUEST_TIMEOUT,
        metavar="SECONDS",
        help=f"total time for one request, answer included (default {DEFAULT_REQUEST_TIMEOUT})",
    )
    p.add_argument(
        "--run-timeout",
        type=int,
        default=DEFAULT_RUN_TIMEOUT,
        metavar="SECONDS",
        help=f"total time for the whole sync; the next one goes on from there "
        f"(default {DEFAULT_RUN_TIMEOUT})",
    )
    p.set_defaults(handler=sync)


class ServerPassword:
    """The server password, asked at most once per process.

    A run may sign in more than once (the access token runs out and the server
    refuses the refresh mid-run): each sign-in gets the password read the
    first time, so ``--passphrase-stdin`` needs one line for it, and a
    terminal asks once. A wrong password is never asked again in the same
    run: the sign-in fails with one clear error (sync/http.py).
    """

    def __init__(self, prompt: CliPrompt, user: str | None) -> None:
        self._prompt = prompt
        self._user = user
        self._password: str | None = None

    def __call__(self) -> str:
        if self._password is None:
            self._password = self._ask()
        return self._password

    def _ask(self) -> str:
        if self._prompt.stdin is not None:
            return self._prompt.stdin.line()
        if not sys.stdin.isatty():
            raise UserError(NO_PASSWORD_TTY)
        try:
            text = translate(N_("Server password for {user}: "), user=self._user or "-")
            return getpass.getpass(printable(text))
        except (EOFError, KeyboardInterrupt):
            raise Cancelled() from None


STATES = {
    SyncState.OFFLINE: N_("offline"),
    SyncState.CONNECTING: N_("connecting"),
    SyncState.SYNCING: N_("syncing"),
    SyncState.UP_TO_DATE: N_("up to date"),
    SyncState.ERROR: N_("error"),
}


def sync(args: argparse.Namespace) -> int:
    # httpx and the engine cost ~0.7 s to import: only for this command, not every CLI start.
    from hanoi_desk.app.sync_service import SyncOptions, SyncService

    d = desk()
    name = profile_name(d, args)
    prompt = CliPrompt(args.passphrase_stdin)
    # An error or offline state is shown only once the run returns: when the run
    # raises instead, main() prints that same error, and it must be one line.
    held: list[str] = []

    def show(event: SyncEvent) -> None:
        if args.quiet:
            return
        if isinstance(event, StateChanged) and event.state is not SyncState.SYNCING:
            line = translate(STATES[event.state]) + (f": {event.reason}" if event.reason else "")
            if event.reason and event.state in (SyncState.ERROR, SyncState.OFFLINE):
                held.append(printable(line))
                return
            print(printable(line), file=sys.stderr, flush=True)
        elif isinstance(event, Rejected):
            reason = REASONS.get(event.reason)
            text = translate(reason) if reason else printable(event.reason, limit=SHOWN_REASON)
            message = translate(REJECTED, op=event.op_id[:8], kind=event.kind, reason=text)
            print(message, file=sys.stderr, flush=True)
        elif isinstance(event, BlobFailed):
            line = translate(NOT_DOWNLOADED, sha=event.sha256[:12], reason=event.reason)
            print(printable(line), file=sys.stderr, flush=True)

    if args.request_timeout < 1 or args.run_timeout < 1:
        raise UserError(BAD_TIMEOUT)
    session = d.open(name, prompt, args.unlock)
    options = SyncOptions(
        server=args.server,
        username=args.user,
        password=ServerPassword(prompt, args.user),
        ca_file=args.ca_file,
        page_limit=max(1, min(args.page_limit, MAX_CHANGES_LIMIT)),
        request_timeout=float(args.request_timeout),
        run_timeout=float(args.run_timeout),
    )

    def wipe() -> None:
        session.close()
        d.wipe(name)

    service = SyncService(session, options, listener=show, wipe=wipe)
    try:
        report = service.run()
    finally:
        session.close()
    for line in held:
        print(line, file=sys.stderr, flush=True)
    if report.wipe:
        print(
            translate(
                N_(
                    "The server ordered this device wiped: profile “{name}” was deleted "
                    "after its queued actions were sent."
                ),
                name=name,
            )
        )
        return 0
    print(
        translate(
            N_(
                "Synced: {pulled} changes, {downloaded} documents downloaded, {pushed} actions "
                "sent, {rejected} refused, {uploaded} files uploaded."
            ),
            pulled=report.pulled,
            downloaded=report.downloaded,
            pushed=report.pushed,
            rejected=len(report.rejected),
            uploaded=report.uploaded,
        )
    )
    from hanoi_desk.cli.cache_cmds import print_completion

    print_completion(report.signatures)  # signatures made offline: completed, waiting, refused
    # Some documents are missing (each was named above): a script must not take
    # this run for a complete one.
    return 1 if report.failed else 0
