"""The vault's token unlocker on real SoftHSM: RSA-OAEP where the key may decrypt,
the signature-derived key where it may only sign; wrong PIN and wrong token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.errors import UserError
from hanoi_desk.signing.pin import PinState
from hanoi_desk.signing.tokens import WRONG_PIN, TokenManager
from hanoi_desk.signing.unlocker import OAEP_PARAMS, WRONG_TOKEN, TokenUnlocker
from helpers import PASSPHRASE

from .signing_pki import PIN, TestPki

UNLOCK = "HANOI-UNLOCK"


@pytest.fixture
def managers() -> Iterator[list[TokenManager]]:
    """Each test's managers log out at the end, even when the test fails, so the
    next test's login to the same token is a first login again."""
    made: list[TokenManager] = []
    yield made
    for m in made:
        m.close()
        m.thread.close()


def new_manager(made: list[TokenManager]) -> TokenManager:
    m = TokenManager()
    made.append(m)
    return m


class PersonAtKeyboard:
    """Knows the profile passphrase and the token PIN; counts what was asked."""

    def __init__(self, pin: str = PIN) -> None:
        self.pin_value = pin
        self.pins = 0

    def passphrase(self, profile: str, *, new: bool) -> str:
        return PASSPHRASE

    def pin(self, token: str, state: PinState) -> str:
        self.pins += 1
        return self.pin_value


@pytest.mark.parametrize("case", [("e5", "oaep"), ("f6", "rsa-sig-sha256")], ids=("oaep", "sig"))
def test_profile_unlocks_with_token_and_pin(
    pki: TestPki,
    home: Path,
    fast_kdf: None,
    managers: list[TokenManager],
    case: tuple[str, str],
) -> None:
    cert_id, method = case
    manager = new_manager(managers)
    enrol = TokenUnlocker(manager, pki.module, UNLOCK, cert_id)
    desk = Desk(default_vault(home, extra={"token": enrol}))
    person = PersonAtKeyboard()
    desk.create("an", person)
    opened = desk.vault.unlock("an", person, "passphrase")
    meta = desk.vault.add_unlocker(opened, "token", person)
    record = next(u for u in meta.unlockers if u["kind"] == "token")
    if method == "oaep":
        assert record["method"] in OAEP_PARAMS  # the key has CKA_DECRYPT
    else:
        assert record["method"] == method and "challenge" in record
    assert opened.master.hex() not in str(record) and PIN not in str(record)
    manager.close()

    # a fresh process: the unlocker registered by wiring, with nothing configured
    later = new_manager(managers)
    vault = default_vault(home, extra={"token": TokenUnlocker(later)})
    person2 = PersonAtKeyboard()
    unlocked = vault.unlock("an", person2, "token")
    assert unlocked.master == opened.master and person2.pins == 1
    assert later.sessions == {}  # logged out again: the signing service may log in next
    with Desk(vault).open("an", person2, "token") as session:  # the database opens too
        assert session.documents() == []


def test_wrong_pin_does_not_unlock(
    pki: TestPki, home: Path, fast_kdf: None, managers: list[TokenManager]
) -> None:
    manager = new_manager(managers)
    desk = Desk(
        default_vault(home, extra={"token": TokenUnlocker(manager, pki.module, UNLOCK, "f6")})
    )
    person = PersonAtKeyboard()
    desk.create("binh", person)
    desk.vault.add_unlocker(desk.vault.unlock("binh", person, "passphrase"), "token", person)
    manager.close()
    fresh = new_manager(managers)
    vault = default_vault(home, extra={"token": TokenUnlocker(fresh)})
    wrong = PersonAtKeyboard("999999")
    with pytest.raises(UserError) as err:
        vault.unlock("binh", wrong, "token")
    assert err.value.template == WRONG_PIN and wrong.pins == 1


def test_record_for_another_key_is_refused(
    pki: TestPki, home: Path, fast_kdf: None, managers: list[TokenManager]
) -> None:
    manager = new_manager(managers)
    desk = Desk(
        default_vault(home, extra={"token": TokenUnlocker(manager, pki.module, UNLOCK, "e5")})
    )
    person = PersonAtKeyboard()
    desk.create("chi", person)
    meta = desk.vault.add_unlocker(desk.vault.unlock("chi", person, "passphrase"), "token", person)
    record = dict(next(u for u in meta.unlockers if u["kind"] == "token"))
    record["cert_id"] = "f6"  # as if another token's key were presented
    unlocker = TokenUnlocker(manager)
    with pytest.raises(UserError) as err:
        unlocker.unwrap(record, meta, person)
    assert err.value.template == WRONG_TOKEN
    manager.close()
