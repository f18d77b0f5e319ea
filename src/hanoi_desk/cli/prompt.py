"""Secrets from the terminal or from standard input, for the CLI."""

from __future__ import annotations

import getpass
import sys

from hanoi_desk.errors import Cancelled, UserError
from hanoi_desk.i18n import N_, translate
from hanoi_desk.signing.pin import PinState

NO_STDIN = N_("Expected a secret on standard input, but it ended.")
MISMATCH = N_("The two passphrases differ. Nothing was changed.")
NO_TTY = N_("No terminal to ask for a secret: pass it on standard input with {flag}.")


class StdinSecrets:
    """Reads successive lines of standard input, one per secret asked.

    Scripts pipe secrets in (``--passphrase-stdin``); a line is read only when a
    secret is actually needed, so an unlock with the keyring reads nothing.
    """

    def __init__(self) -> None:
        self._lines_read = 0

    def line(self) -> str:
        raw = sys.stdin.readline()
        if not raw:
            raise UserError(NO_STDIN)
        self._lines_read += 1
        return raw.rstrip("\r\n")


class CliPrompt:
    def __init__(self, from_stdin: bool, flag: str = "--passphrase-stdin") -> None:
        self.stdin = StdinSecrets() if from_stdin else None
        self.flag = flag

    def _ask(self, text: str) -> str:
        if not sys.stdin.isatty():
            raise UserError(NO_TTY, flag=self.flag)
        try:
            return getpass.getpass(text)
        except (EOFError, KeyboardInterrupt):
            raise Cancelled() from None

    def passphrase(self, profile: str, *, new: bool) -> str:
        if self.stdin is not None:
            return self.stdin.line()
        if not new:
            return self._ask(translate(N_("Passphrase for profile “{name}”: "), name=profile))
        first = self._ask(translate(N_("New passphrase for profile “{name}”: "), name=profile))
        second = self._ask(translate(N_("Repeat the new passphrase: ")))
        if first != second:
            raise UserError(MISMATCH)
        return first

    def pin(self, token: str, state: PinState) -> str:
        """A token's PIN (or the demo software key's passphrase), once; the warnings
        are printed before it is asked."""
        for warning in state.describe():
            print(warning, file=sys.stderr)
        if self.stdin is not None:
            return self.stdin.line()
        if state.software_key:
            return self._ask(translate(N_("Passphrase of the DEMO software key: ")))
        return self._ask(translate(N_("PIN of token “{token}”: "), token=token))
