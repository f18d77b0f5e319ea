"""Tokens on real SoftHSM: listing, key found from the certificate, refused
certificates, PIN handling; lockout flags through a documented double."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pkcs11
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509 import load_der_x509_certificate

from hanoi_desk.errors import EnvironmentFault, UserError
from hanoi_desk.signing import modules
from hanoi_desk.signing import pin as pinmod
from hanoi_desk.signing.modules import candidates
from hanoi_desk.signing.thread import TOKEN_HUNG, TokenThread
from hanoi_desk.signing.tokens import (
    CERT_REFUSED,
    MANY_CERTS,
    MODULE_FAILED,
    NO_PIN_PAD,
    TOKEN_LOCKED,
    WRONG_PIN,
    TokenManager,
)

from .conftest import FixedPin
from .signing_pki import PIN, SIGNER_NAME, TOKEN, TestPki


def test_scan_lists_tokens_certificates_and_reports_bad_modules(
    pki: TestPki, manager: TokenManager, tmp_path: Path
) -> None:
    bogus = tmp_path / "vnptca_p11_v8.so"
    bogus.write_bytes(b"not a shared object")
    reports = manager.scan([str(bogus), pki.module])
    assert reports[0].error is not None and reports[0].error.template == MODULE_FAILED
    tokens = {t.label: t for t in reports[1].tokens}
    assert set(tokens) >= {"HANOI-SIGNER", "HANOI-PINTEST", "HANOI-REMOVE", "HANOI-UNLOCK"}
    signer = tokens[TOKEN]
    assert signer.manufacturer == "SoftHSM project" and signer.serial
    by_name = {c.common_name: c for c in signer.certificates}
    good = by_name[SIGNER_NAME]
    assert good.usable and "non_repudiation" in good.key_usage
    assert good.label == "Chu ky so " + SIGNER_NAME  # not the key's label
    assert "Issuing CA" in good.issuer and good.not_before < good.not_after
    expired = by_name["Trần Thị Hết Hạn"]
    assert not expired.usable and "expired" in expired.problems[0].text("en")
    nosign = by_name["Lê Văn Mã Hóa"]
    assert not nosign.usable and "digitalSignature" in nosign.problems[0].text("en")
    assert "hết hạn" in expired.problems[0].text("vi")


def test_module_discovery_keeps_configured_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANOI_DESK_PKCS11_MODULES", "/opt/a.so:/opt/b.so")
    found = candidates(["/opt/x.so"], platform="linux")
    assert found[:3] == ["/opt/x.so", "/opt/a.so", "/opt/b.so"]
    assert "/usr/lib/softhsm/libsofthsm2.so" in found


def test_a_library_reached_by_two_paths_is_listed_once(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Debian's pkcs11/opensc-pkcs11.so links to opensc-pkcs11.so: loading both
    made the second C_Initialize fail with "already initialized"."""
    real = tmp_path / "opensc-pkcs11.so"
    real.write_bytes(b"")
    (tmp_path / "pkcs11").mkdir()
    link = tmp_path / "pkcs11" / "opensc-pkcs11.so"
    link.symlink_to(real)
    monkeypatch.delenv("HANOI_DESK_PKCS11_MODULES", raising=False)
    monkeypatch.setattr(modules, "LINUX_CANDIDATES", (str(real), str(link)))
    assert candidates(platform="linux") == [str(real)]


def test_hung_call_is_reported_and_the_thread_replaced() -> None:
    """A vendor driver that never returns cannot be produced by SoftHSM: this stands
    in for it with a call that blocks, to test the executor's abandonment."""
    thread = TokenThread("test-token")
    release = threading.Event()
    with pytest.raises(EnvironmentFault) as err:
        thread.call(release.wait, timeout=0.2, what="hung.so")
    assert err.value.template == TOKEN_HUNG
    assert thread.call(thread.on_thread) is True  # a fresh worker answers
    release.set()
    thread.close()


def test_key_is_found_from_the_certificate_not_the_label(
    pki: TestPki, manager: TokenManager
) -> None:
    prompt = FixedPin()
    ts = manager.login(pki.module, TOKEN, prompt)
    key = manager.signing_key(ts, cert_text=SIGNER_NAME)
    label = manager.thread.call(lambda: key.key.label)
    assert label == "KEY-0001" and key.cert.label != label
    assert {c.subject.native["common_name"] for c in key.chain} >= {"Hanoi Desk Test Root CA"}
    again = manager.login(pki.module, TOKEN, prompt)
    assert again is ts and len(prompt.asked) <= 1  # one login per token per process


@pytest.mark.parametrize(
    ("query", "reason"),
    [("Hết Hạn", "expired"), ("Mã Hóa", "digitalSignature")],
)
def test_unusable_certificates_are_refused(
    pki: TestPki, manager: TokenManager, query: str, reason: str
) -> None:
    ts = manager.login(pki.module, TOKEN, FixedPin())
    with pytest.raises(UserError) as err:
        manager.signing_key(ts, cert_text=query)
    assert err.value.template == CERT_REFUSED and reason in str(err.value)


def test_several_usable_certificates_need_a_choice(pki: TestPki, manager: TokenManager) -> None:
    ts = manager.login(pki.module, TOKEN, FixedPin())
    with pytest.raises(UserError) as err:
        manager.signing_key(ts)
    assert err.value.template == MANY_CERTS
    assert manager.signing_key(ts, cert_id="a1").cert.common_name == SIGNER_NAME


def test_wrong_pin_spends_exactly_one_try(pki: TestPki) -> None:
    m = TokenManager()
    wrong = FixedPin("000000")
    with pytest.raises(UserError) as err:
        m.login(pki.module, "HANOI-PINTEST", wrong)
    assert err.value.template == WRONG_PIN
    assert len(wrong.asked) == 1 and m.counters.logins == 1  # never retried
    assert "few tries remain" in str(err.value)  # SoftHSM sets COUNT_LOW after a miss
    assert "Sai mã PIN" in err.value.message("vi")
    right = FixedPin()
    ts = m.login(pki.module, "HANOI-PINTEST", right)
    assert right.asked[0].count_low  # shown before the next try is spent
    assert m.counters.logins == 2
    m.logout(ts)
    m.thread.close()


class _FlagsDouble:
    """SoftHSM never sets FINAL_TRY or LOCKED and never advertises a PIN pad, so the
    flag *reader* is replaced by this double; the token itself stays real."""

    def __init__(self, flags: int) -> None:
        self.flags = flags

    def __call__(self, token: object) -> int:
        return self.flags


def test_locked_token_is_not_tried(pki: TestPki) -> None:
    m = TokenManager(flag_reader=_FlagsDouble(pinmod.CKF_USER_PIN_LOCKED))
    prompt = FixedPin()
    with pytest.raises(UserError) as err:
        m.login(pki.module, "HANOI-PINTEST", prompt)
    assert err.value.template == TOKEN_LOCKED
    assert prompt.asked == [] and m.counters.logins == 0
    m.thread.close()


def test_final_try_is_shown_before_asking(pki: TestPki) -> None:
    m = TokenManager(flag_reader=_FlagsDouble(pinmod.CKF_USER_PIN_FINAL_TRY))
    prompt = FixedPin()
    ts = m.login(pki.module, "HANOI-PINTEST", prompt)
    state = prompt.asked[0]
    assert state.final_try and state.describe("en") == [pinmod.FINAL_TRY]
    assert "LẦN THỬ CUỐI" in state.describe("vi")[0]
    m.logout(ts)
    m.thread.close()


class _PinPadToken:
    """A token with a PIN pad, made of the real SoftHSM token: SoftHSM has no pad
    and refuses a protected-path login, so this double stands in for ``open``
    (C_OpenSession + C_Login) only. It records what the program gave as the PIN
    (the test wants the protected path, no PIN), then logs in as the pad would
    once the signer typed the PIN on it. Everything else goes to the real token."""

    def __init__(self, token: Any) -> None:
        self._token = token
        self.pins_given: list[object] = []

    def open(self, user_pin: object = None, **kwargs: Any) -> Any:
        self.pins_given.append(user_pin)
        return self._token.open(user_pin=PIN, **kwargs)  # typed on the pad, not by us

    def __getattr__(self, name: str) -> Any:
        return getattr(self._token, name)


class _PinPadManager(TokenManager):
    """Hands the login the pad double instead of the token it found."""

    pad: _PinPadToken | None = None

    def _find_token_on_thread(self, module: str, label: str) -> tuple[Any, pinmod.PinState]:
        token, state = super()._find_token_on_thread(module, label)
        self.pad = _PinPadToken(token)
        return self.pad, state


def test_pin_pad_logs_in_without_asking(pki: TestPki) -> None:
    # The flags double says "protected authentication path" (SoftHSM never does).
    m = _PinPadManager(flag_reader=_FlagsDouble(pinmod.CKF_PROTECTED_AUTHENTICATION_PATH))
    prompt = FixedPin()
    ts = m.login(pki.module, "HANOI-PINTEST", prompt)
    assert prompt.asked == []  # the PIN prompt was never shown
    assert m.pad is not None and m.pad.pins_given == [pkcs11.PROTECTED_AUTH]  # C_Login, no PIN
    assert m.counters.logins == 1
    # The login is real: the private key shows, and it signs.
    key = m.signing_key(ts, cert_id="a1")
    data = b"to be signed after a PIN-pad login"
    signature = m.sign(key, data, mechanism=pkcs11.Mechanism.SHA256_RSA_PKCS)
    cert = load_der_x509_certificate(key.cert.cert.dump())
    public = cert.public_key()
    assert isinstance(public, rsa.RSAPublicKey)
    public.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
    m.logout(ts)
    m.thread.close()


def test_a_pin_pad_the_driver_refuses_is_a_clear_error(pki: TestPki) -> None:
    m = TokenManager(flag_reader=_FlagsDouble(pinmod.CKF_PROTECTED_AUTHENTICATION_PATH))
    prompt = FixedPin()
    # The real SoftHSM has no pad: python-pkcs11 refuses the protected-path login,
    # which must come back as a clear error, with no PIN ever asked.
    with pytest.raises(EnvironmentFault) as err:
        m.login(pki.module, "HANOI-PINTEST", prompt)
    assert err.value.template == NO_PIN_PAD
    assert prompt.asked == []
    m.thread.close()
