"""What PKCS#11 itself says about a token's login in this process, for the
tests of when Hanoi Desk logs out (shared by the signing and desktop tests)."""

from __future__ import annotations

import pkcs11
from pkcs11 import Attribute, ObjectClass

from hanoi_desk.signing.slots import in_use
from hanoi_desk.signing.tokens import TokenManager


def logged_in(manager: TokenManager, module: str, label: str) -> bool:
    """True while this process is logged in to the token. A login belongs to the
    application, not to one session, so a session opened here *without* a PIN
    sees the private keys exactly while any login of ours is still open: this
    reads the token's state, not the manager's bookkeeping."""

    def look() -> bool:
        with in_use(module):  # no slot watcher re-initialises the module under this session
            token = pkcs11.lib(module).get_token(token_label=label)
            with token.open() as session:  # public session: closing it logs nothing out
                return bool(list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY})))

    return manager.thread.call(look)


class FakeClock:
    """The token manager's clock, moved by hand instead of sleeping 15 minutes."""

    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
