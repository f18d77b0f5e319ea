"""Error classes shared by every layer.

Four kinds, as in STYLE.md: a user-facing error says what happened and what to
do next; a cancel is silent; an environment fault (disk, network, token, keyring)
is not the user's mistake but not a bug either; anything else is a bug and
becomes a crash report. Messages never carry secrets or document text: callers
pass names and ids, never contents.
"""

from __future__ import annotations

from hanoi_desk.i18n import translate


class HanoiDeskError(Exception):
    """Base of the errors a person is meant to read."""

    template = "Something went wrong."

    def __init__(self, template: str | None = None, **params: object) -> None:
        self.template = template or self.template
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str | None = None) -> str:
        return translate(self.template, language, **self.params)


class UserError(HanoiDeskError):
    """The user can fix this (wrong passphrase, unknown profile, bad file)."""


class Cancelled(HanoiDeskError):
    """The user stopped the operation: never shown as an error."""

    template = "Cancelled."


class EnvironmentFault(HanoiDeskError):
    """The machine, not the user or the code: disk full, keyring missing, token gone."""


class IntegrityError(HanoiDeskError):
    """Stored data failed its authentication: tampered, truncated or from elsewhere."""
