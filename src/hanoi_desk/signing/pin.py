"""PIN state of a token and the interface through which a person types the PIN.

The core never reads a terminal: the CLI and the UI implement :class:`PinPrompt`.
The prompt receives the token's PIN flags so that "few tries left", "last try"
and "locked" are shown *before* a try is spent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from hanoi_desk.i18n import N_, translate

COUNT_LOW = N_("A wrong PIN was entered on this token recently: few tries remain.")
FINAL_TRY = N_("This is the LAST try: a wrong PIN now locks the token.")
LOCKED = N_("The PIN of this token is locked. Ask the certificate authority to unlock it.")
TO_BE_CHANGED = N_("The token asks for its PIN to be changed with the vendor's tool.")
PIN_PAD = N_("Enter the PIN on the token's PIN pad.")
SOFTWARE_KEY_NOTE = N_(
    "This is the demo's software key: a file on this computer, not a hardware token. "
    "Its signatures name a DEMO signer and are only for trying Hanoi Desk."
)

# PKCS#11 CK_TOKEN_INFO flags (numeric so this module needs no driver loaded).
CKF_PROTECTED_AUTHENTICATION_PATH = 0x00000100
CKF_USER_PIN_COUNT_LOW = 0x00010000
CKF_USER_PIN_FINAL_TRY = 0x00020000
CKF_USER_PIN_LOCKED = 0x00040000
CKF_USER_PIN_TO_BE_CHANGED = 0x00080000


@dataclass(frozen=True)
class PinState:
    """What the token says about its user PIN, read just before asking for it."""

    count_low: bool = False
    final_try: bool = False
    locked: bool = False
    to_be_changed: bool = False
    protected_path: bool = False
    software_key: bool = False
    """Not a token at all: the "PIN" asked is the passphrase of the demo's
    software key (``signing.softkey``), and the prompt should say so."""

    @classmethod
    def from_flags(cls, flags: int) -> PinState:
        return cls(
            count_low=bool(flags & CKF_USER_PIN_COUNT_LOW),
            final_try=bool(flags & CKF_USER_PIN_FINAL_TRY),
            locked=bool(flags & CKF_USER_PIN_LOCKED),
            to_be_changed=bool(flags & CKF_USER_PIN_TO_BE_CHANGED),
            protected_path=bool(flags & CKF_PROTECTED_AUTHENTICATION_PATH),
        )

    def templates(self) -> list[str]:
        """The warnings to show, most serious first (English templates)."""
        out = []
        if self.locked:
            out.append(LOCKED)
        elif self.final_try:
            out.append(FINAL_TRY)
        elif self.count_low:
            out.append(COUNT_LOW)
        if self.to_be_changed:
            out.append(TO_BE_CHANGED)
        if self.protected_path:
            out.append(PIN_PAD)
        if self.software_key:
            out.append(SOFTWARE_KEY_NOTE)
        return out

    def describe(self, language: str | None = None) -> list[str]:
        return [translate(t, language) for t in self.templates()]

    def flag_names(self) -> list[str]:
        names = ("count_low", "final_try", "locked", "to_be_changed", "protected_path")
        return [n for n in names if getattr(self, n)]


@runtime_checkable
class PinPrompt(Protocol):
    """Asks a person for a token's user PIN (or, when ``state.software_key``, the
    demo software key's passphrase), once. Raise ``Cancelled`` to stop."""

    def pin(self, token: str, state: PinState) -> str: ...
