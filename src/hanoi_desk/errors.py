"""Error classes shared by every layer.

Four kinds, as in STYLE.md (docs/decision-errors.md): a user-facing error
(``HanoiDeskError``) says what happened and what to do next; a cancel is
silent and no ``HanoiDeskError``; an environment fault (disk, network, token,
keyring) is not the user's mistake but not a bug either; anything else is a
bug and becomes a crash report. Messages never carry secrets or document
text: callers pass names and ids, never contents.
"""

from __future__ import annotations

from hanoi_desk.i18n import translate


class Translated(Exception):
    """An exception whose text is a translatable template with parameters."""

    template = "Something went wrong."

    def __init__(self, template: str | None = None, **params: object) -> None:
        self.template = template or self.template
        self.params = params
        super().__init__(self.message("en"))

    def message(self, language: str | None = None) -> str:
        return translate(self.template, language, **self.params)


class HanoiDeskError(Translated):
    """Base of the errors a person is meant to read: a handler of these shows them."""


class UserError(HanoiDeskError):
    """The user can fix this (wrong passphrase, unknown profile, bad file)."""


class Cancelled(Translated):
    """The user stopped the operation: silent, never shown as an error.

    Deliberately not a ``HanoiDeskError``: a handler that shows errors to the
    user must not catch a cancel by accident (a closed PIN dialog is no failed
    document). Its text exists only to label what a batch did not start."""

    template = "Cancelled."


class EnvironmentFault(HanoiDeskError):
    """The machine, not the user or the code: disk full, keyring missing, token gone."""


class IntegrityError(HanoiDeskError):
    """Stored data failed its authentication: tampered, truncated or from elsewhere."""
