"""PKCS#11 tokens: loading modules, listing tokens and certificates, logging in
(one login per token per process, owned by the session that typed the PIN), and
finding the private key *from the certificate*.

Every call into python-pkcs11 runs on the :class:`TokenThread`; the functions
suffixed ``_on_thread`` assert it. No PIN is kept after login, and no code path
logs in twice with a PIN it was not just given. A login is lent only to the
owner that made it (an unlocked profile session; ``None`` for the CLI) and ends
with the batch unless the signer chose to keep it for a while (:meth:`release`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pkcs11
from asn1crypto import keys as asn1_keys
from asn1crypto import x509
from pkcs11 import Attribute, ObjectClass
from pkcs11 import exceptions as p11e

from hanoi_desk.errors import Cancelled, EnvironmentFault, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.certs import CertInfo, cert_info
from hanoi_desk.signing.messages import Localized, LocalizedUserError
from hanoi_desk.signing.pin import PinPrompt, PinState
from hanoi_desk.signing.slots import (
    MODULE_FAILED,
    in_use,
    serial_text,
    session_closed,
    session_opened,
)
from hanoi_desk.signing.thread import TokenThread, TokenUnavailable

log = logging.getLogger(__name__)

NO_TOKEN = N_("No token labelled “{token}” is plugged in (module {module}). Present: {present}.")
WRONG_PIN = N_(
    "Wrong PIN for token “{token}”. Nothing was signed and the PIN was not tried again. "
    "The token now reports: {state}."
)
TOKEN_LOCKED = N_(
    "The PIN of token “{token}” is locked. Nothing was tried. Ask the certificate authority "
    "to unlock it."
)
PIN_REJECTED = N_("The token “{token}” refused the PIN: {reason}.")
TOKEN_GONE = N_("Token “{token}” was removed or stopped answering ({reason}).")
NO_CERT = N_("No certificate on token “{token}” matches “{query}”.")
CERT_REFUSED = N_("The certificate “{subject}” cannot be used to sign: {reasons}.")
MANY_CERTS = N_(
    "Token “{token}” holds several certificates that can sign; choose one with --cert or "
    "--cert-id: {choices}."
)
CERT_PROBLEM = N_("{name}: {problem}")
NO_USABLE_CERT = N_("Token “{token}” has no certificate that can sign: {reasons}.")
NO_FLAGS = N_("no warning flags")
IN_USE = N_(
    "Token “{token}” is already logged in by another part of this program; finish or close "
    "that first."
)
NO_PIN_PAD = N_("Token “{token}” asks for its PIN pad, but the driver refused it ({reason}).")

CKF_TOKEN_INITIALIZED = 0x400

_LOAD_LOCK = threading.Lock()
"""python-pkcs11 keeps one loaded library per process and initialises it on the
first ``pkcs11.lib()``; two token threads (two managers: the vault's unlocker
and the signing service, or several clients in one test process) loading it at
once race into CKR_CRYPTOKI_ALREADY_INITIALIZED. The first load is serialised."""

FlagReader = Callable[[Any], int]
"""Reads a token's CK_TOKEN_INFO flags afresh (python-pkcs11 caches them)."""
Clock = Callable[[], float]
"""Seconds from an arbitrary start that never goes back (``time.monotonic``)."""

REMOVED_ERRORS: tuple[type[BaseException], ...] = (
    p11e.DeviceRemoved,
    p11e.TokenNotPresent,
    p11e.SessionHandleInvalid,
    p11e.SessionClosed,
    p11e.DeviceError,
    p11e.ObjectHandleInvalid,
    p11e.KeyHandleInvalid,
    p11e.GeneralError,
    p11e.FunctionFailed,
    p11e.UserNotLoggedIn,
)


class TokenGone(TokenUnavailable):
    template = TOKEN_GONE


def _answering_tokens(lib: Any) -> list[Any]:
    """The tokens present, leaving out a slot whose token does not answer (pulled
    out, or its files gone under SoftHSM until it re-initialises): another token
    of the module is still found. python-pkcs11's ``get_tokens`` stops there."""
    out = []
    for slot in lib.get_slots(token_present=True):
        try:
            out.append(slot.get_token())
        except (p11e.TokenNotRecognised, *REMOVED_ERRORS):
            continue
    return out


def read_flags(token: Any) -> int:
    return int(token.slot.get_token().flags)


@dataclass(frozen=True)
class TokenInfo:
    module: str
    label: str
    serial: str
    manufacturer: str
    model: str
    pin: PinState
    certificates: tuple[CertInfo, ...]
    software_key: bool = False
    """The demo's software key (``signing.softkey``): ``module`` is its file.
    Whoever shows the list labels it as such, never as a token."""


@dataclass(frozen=True)
class ModuleReport:
    module: str
    tokens: tuple[TokenInfo, ...] = ()
    error: HanoiDeskError | None = None
    software_key: bool = False


@dataclass
class TokenSession:
    """The one logged-in session of a token in this process."""

    module: str
    label: str
    serial: str
    token: Any
    session: Any
    owner: Hashable | None = None
    """Who typed the PIN: an unlocked profile session's scope (``None``: the CLI).
    Nobody else is ever handed this login."""
    logged_in_at: float = 0.0
    kept_until: float | None = None
    """Set when a batch ended and its signer chose to keep the login; ``None``
    while a batch (or the vault unlocker) is using it."""


@dataclass
class SigningKey:
    """A private key found from its certificate, with the chain found beside it."""

    session: TokenSession
    cert: CertInfo
    key: Any
    chain: tuple[x509.Certificate, ...]


@dataclass
class Counters:
    logins: int = 0
    signs: int = 0
    decrypts: int = 0
    extra: dict[str, int] = field(default_factory=dict)


_serial = serial_text


def _public_numbers(cert: x509.Certificate) -> tuple[str, Any]:
    pub: asn1_keys.PublicKeyInfo = cert.public_key
    if pub.algorithm == "rsa":
        return "rsa", pub["public_key"].parsed["modulus"].native
    return pub.algorithm, pub["public_key"].native


def _key_matches(key: Any, cert: x509.Certificate, cert_id: bytes) -> bool:
    """The key belongs to the certificate: same RSA modulus, else the same CKA_ID."""
    kind, value = _public_numbers(cert)
    if kind == "rsa":
        try:
            return bool(int.from_bytes(key[Attribute.MODULUS], "big") == value)
        except p11e.PKCS11Error:
            pass
    try:
        return bool(cert_id) and bytes(key[Attribute.ID]) == cert_id
    except p11e.PKCS11Error:
        return False


def choose_certificate(
    label: str,
    infos: list[tuple[CertInfo, x509.Certificate]],
    cert_text: str | None,
    cert_id: str | None,
) -> CertInfo:
    """``--cert``/``--cert-id`` or the only usable certificate; a refused one says why."""
    certs = [c for c, _ in infos]
    if cert_id is not None:
        wanted = cert_id.lower().removeprefix("0x")
        certs = [c for c in certs if c.id_hex == wanted]
    if cert_text is not None:
        certs = [c for c in certs if c.matches(cert_text)]
    if (cert_id or cert_text) and not certs:
        raise UserError(NO_CERT, token=label, query=cert_id or cert_text)
    if len(certs) == 1 or ((cert_id or cert_text) and certs):
        chosen = certs[0]
        if not chosen.usable:
            reasons = Localized((p.template, dict(p.params)) for p in chosen.problems)
            raise LocalizedUserError(CERT_REFUSED, subject=chosen.common_name, reasons=reasons)
        return chosen
    usable = [c for c in certs if c.usable]
    if len(usable) == 1:
        return usable[0]
    if not usable:
        reasons = Localized(
            (
                CERT_PROBLEM,
                {
                    "name": c.common_name,
                    "problem": Localized((p.template, dict(p.params)) for p in c.problems),
                },
            )
            for c in certs
        )
        raise LocalizedUserError(NO_USABLE_CERT, token=label, reasons=reasons)
    choices = ", ".join(f"{c.common_name} ({c.id_hex})" for c in usable)
    raise UserError(MANY_CERTS, token=label, choices=choices)


class TokenManager:
    """Owns the loaded modules and the logged-in sessions of this process."""

    def __init__(
        self,
        thread: TokenThread | None = None,
        flag_reader: FlagReader = read_flags,
        load_timeout: float = 20.0,
        sign_timeout: float = 120.0,
        clock: Clock = time.monotonic,
    ) -> None:
        self.thread = thread or TokenThread()
        self.flag_reader = flag_reader
        self.load_timeout = load_timeout
        self.sign_timeout = sign_timeout
        self.clock = clock
        self.sessions: dict[tuple[str, str], TokenSession] = {}
        self.counters = Counters()
        # Logins come from the token lane (signing) and the database lane (the
        # vault's token unlocker); one at a time keeps the owner checks honest.
        # Held across the PIN prompt: the GUI thread that answers it never takes it.
        self._lock = threading.RLock()

    # -- modules and listing ------------------------------------------------
    def lib_on_thread(self, module: str) -> Any:
        """The loaded module (python-pkcs11 keeps one per process); loads it the first time."""
        return self._lib_on_thread(module)

    def _lib_on_thread(self, module: str) -> Any:
        self.thread.assert_on_thread()
        try:
            with _LOAD_LOCK:
                return pkcs11.lib(module)
        except (OSError, RuntimeError, p11e.PKCS11Error) as exc:
            raise EnvironmentFault(
                MODULE_FAILED, module=module, reason=str(exc) or type(exc).__name__
            ) from None

    def scan(self, modules: Iterable[str]) -> list[ModuleReport]:
        """Every module and its tokens; a module that fails or hangs is a report line."""
        reports = []
        for module in modules:
            try:
                tokens = self.thread.call(
                    lambda m=module: self._scan_on_thread(m),  # type: ignore[misc]
                    timeout=self.load_timeout,
                    what=module,
                )
                reports.append(ModuleReport(module, tuple(tokens)))
            except HanoiDeskError as exc:
                reports.append(ModuleReport(module, error=exc))
        return reports

    def _scan_on_thread(self, module: str) -> list[TokenInfo]:
        lib = self._lib_on_thread(module)
        out = []
        try:
            with in_use(module):  # its short sessions: no re-initialisation meanwhile
                for slot in lib.get_slots(token_present=True):
                    try:
                        token = slot.get_token()
                    except (p11e.TokenNotRecognised, *REMOVED_ERRORS):
                        continue  # pulled out while listed, or its files gone (SoftHSM)
                    if not token.flags & CKF_TOKEN_INITIALIZED:  # an empty slot (SoftHSM)
                        continue
                    out.append(self._token_info_on_thread(module, token))
        except p11e.PKCS11Error as exc:
            reason = type(exc).__name__
            raise EnvironmentFault(MODULE_FAILED, module=module, reason=reason) from None
        return out

    def _token_info_on_thread(self, module: str, token: Any) -> TokenInfo:
        existing = self.sessions.get((module, token.label))
        if existing is not None:
            certs = self._certs_on_thread(existing.session)
        else:
            with token.open() as session:
                certs = self._certs_on_thread(session)
        return TokenInfo(
            module=module,
            label=token.label,
            serial=_serial(token.serial),
            manufacturer=token.manufacturer_id,
            model=token.model,
            pin=PinState.from_flags(self.flag_reader(token)),
            certificates=tuple(c for c, _ in certs),
        )

    def _certs_on_thread(self, session: Any) -> list[tuple[CertInfo, x509.Certificate]]:
        """Certificates with a flag telling whether a private key is visible for them.

        Before login, private keys are usually hidden; then ``has_key`` is True
        for certificates with a leaf-like key usage so the listing is not alarming.
        """
        self.thread.assert_on_thread()
        keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}))
        out = []
        for obj in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE}):
            cert = x509.Certificate.load(bytes(obj[Attribute.VALUE]))
            if cert.ca:
                continue
            cid = bytes(obj[Attribute.ID] or b"")
            has_key = any(_key_matches(k, cert, cid) for k in keys) if keys else True
            out.append((cert_info(cert, cid.hex(), str(obj[Attribute.LABEL] or ""), has_key), cert))
        return out

    # -- login ----------------------------------------------------------------
    def login(
        self, module: str, token_label: str, prompt: PinPrompt, owner: Hashable | None = None
    ) -> TokenSession:
        """The token's login for ``owner``: its own login still in use or kept
        (and within its time) is reused without asking; any other login of that
        token (another profile's, or one whose time is up) is logged out first
        and the PIN asked, once."""
        with self._lock:
            existing = self.sessions.get((module, token_label))
            if existing is not None:
                if existing.owner == owner and not self._expired(existing):
                    return existing
                self.logout(existing)
            # From finding the token to its session being counted, the token
            # object is kept: the slot watcher must not re-initialise the module.
            with in_use(module):
                token, state = self.thread.call(
                    lambda: self._find_token_on_thread(module, token_label),
                    timeout=self.load_timeout,
                    what=module,
                )
                if state.locked:
                    raise UserError(TOKEN_LOCKED, token=token_label)
                pin: object
                if state.protected_path:
                    pin = pkcs11.PROTECTED_AUTH
                else:
                    pin = prompt.pin(token_label, state)
                    if not pin:
                        raise Cancelled()
                session = self.thread.call(lambda: self._open_on_thread(token, token_label, pin))
                ts = TokenSession(
                    module, token_label, _serial(token.serial), token, session, owner, self.clock()
                )
                self.sessions[(module, token_label)] = ts
                session_opened(module)
            return ts

    def _expired(self, ts: TokenSession) -> bool:
        return ts.kept_until is not None and self.clock() >= ts.kept_until

    def release(self, ts: TokenSession, keep_for: float = 0.0) -> float:
        """A batch is over: log out, unless its signer chose to keep the login for
        ``keep_for`` seconds counted from the PIN (a kept login never outlives
        that, however often it is reused). Returns the seconds it stays logged in."""
        with self._lock:
            if self.sessions.get((ts.module, ts.label)) is not ts:
                return 0.0  # already logged out (a lock, another owner, its time)
            deadline = ts.logged_in_at + keep_for
            if keep_for > 0 and self.clock() < deadline:
                ts.kept_until = deadline
                return deadline - self.clock()
            self.logout(ts)
            return 0.0

    def kept_for(self, module: str, token_label: str, owner: Hashable | None) -> float:
        """Seconds left of ``owner``'s kept login of that token (0: none). Takes no
        lock, so the GUI thread may ask while a login waits for its PIN dialog."""
        ts = self.sessions.get((module, token_label))
        if ts is None or ts.owner != owner or ts.kept_until is None:
            return 0.0
        return max(0.0, ts.kept_until - self.clock())

    def expire(self) -> int:
        """Log out every kept login whose time is up; how many were."""
        with self._lock:
            due = [ts for ts in self.sessions.values() if self._expired(ts)]
            for ts in due:
                self.logout(ts)
            return len(due)

    def _find_token_on_thread(self, module: str, label: str) -> tuple[Any, PinState]:
        lib = self._lib_on_thread(module)
        try:
            tokens = _answering_tokens(lib)
            found = [t for t in tokens if t.label == label]
            if len(found) != 1:
                present = ", ".join(t.label for t in tokens) or "-"
                raise UserError(NO_TOKEN, token=label, module=module, present=present)
            token = found[0]
            return token, PinState.from_flags(self.flag_reader(token))
        except p11e.PKCS11Error as exc:
            raise TokenGone(TOKEN_GONE, token=label, reason=type(exc).__name__) from None

    def _open_on_thread(self, token: Any, label: str, pin: object) -> Any:
        self.thread.assert_on_thread()
        self.counters.logins += 1
        try:
            return token.open(user_pin=pin)
        except p11e.PinIncorrect:
            after = PinState.from_flags(self.flag_reader(token))
            state = Localized(((t, {}) for t in after.templates()), sep=" ", empty=NO_FLAGS)
            raise LocalizedUserError(WRONG_PIN, token=label, state=state) from None
        except p11e.PinLocked:
            raise UserError(TOKEN_LOCKED, token=label) from None
        except (p11e.PinInvalid, p11e.PinLenRange, p11e.PinExpired) as exc:
            raise UserError(PIN_REJECTED, token=label, reason=type(exc).__name__) from None
        except p11e.FunctionCancelled:
            raise Cancelled() from None
        except p11e.UserAlreadyLoggedIn:
            raise EnvironmentFault(IN_USE, token=label) from None
        except p11e.ArgumentsBad as exc:
            if pin is pkcs11.PROTECTED_AUTH:
                raise EnvironmentFault(NO_PIN_PAD, token=label, reason=str(exc)) from None
            raise UserError(PIN_REJECTED, token=label, reason=type(exc).__name__) from None
        except REMOVED_ERRORS as exc:
            raise TokenGone(TOKEN_GONE, token=label, reason=type(exc).__name__) from None

    def logout(self, ts: TokenSession) -> None:
        """C_Logout and C_CloseSession on the token thread. Never raises: it runs
        at the end of batches and on lock, where a token already pulled out (or a
        driver that hangs) must not hide the batch's results or stop the lock.
        The login is forgotten either way, so nothing of ours can reuse it."""
        with self._lock:
            if self.sessions.pop((ts.module, ts.label), None) is None:
                return  # forgotten already; its session was closed then

            def close() -> None:
                try:
                    ts.session.close()  # python-pkcs11: C_Logout, then C_CloseSession
                except p11e.PKCS11Error as exc:  # a removed token cannot be logged out of
                    log.debug("closing the session of %s: %s", ts.label, type(exc).__name__)

            try:
                self.thread.call(close, timeout=self.load_timeout, what=ts.module)
            except HanoiDeskError as exc:
                log.warning("logging out of %s: %s", ts.label, exc.message("en"))
            finally:
                session_closed(ts.module)  # closed (or dead): the watcher may re-initialise

    def logout_all(self) -> None:
        """Every login of this process: on lock, on profile switch, on quit."""
        with self._lock:
            for ts in list(self.sessions.values()):
                self.logout(ts)

    def close(self) -> None:
        self.logout_all()

    # -- keys -------------------------------------------------------------------
    def signing_key(
        self, ts: TokenSession, cert_text: str | None = None, cert_id: str | None = None
    ) -> SigningKey:
        return self.thread.call(lambda: self._signing_key_on_thread(ts, cert_text, cert_id))

    def _signing_key_on_thread(
        self, ts: TokenSession, cert_text: str | None, cert_id: str | None
    ) -> SigningKey:
        self.thread.assert_on_thread()
        try:
            session = ts.session
            keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}))
            all_certs = [
                x509.Certificate.load(bytes(o[Attribute.VALUE]))
                for o in session.get_objects({Attribute.CLASS: ObjectClass.CERTIFICATE})
            ]
            infos = self._certs_on_thread(session)
        except REMOVED_ERRORS as exc:
            raise TokenGone(TOKEN_GONE, token=ts.label, reason=type(exc).__name__) from None
        chosen = choose_certificate(ts.label, infos, cert_text, cert_id)
        cid = bytes.fromhex(chosen.id_hex)
        key = next(k for k in keys if _key_matches(k, chosen.cert, cid))
        chain = tuple(c for c in all_certs if c.ca)
        return SigningKey(ts, chosen, key, chain)

    def any_key(self, ts: TokenSession, cert_id: str | None = None) -> SigningKey:
        """A key for the vault unlocker: any certificate with its private key (no
        signing-usage check), by CKA_ID, else the only one on the token."""

        def run() -> SigningKey:
            self.thread.assert_on_thread()
            try:
                keys = list(ts.session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY}))
                infos = [c for c, _ in self._certs_on_thread(ts.session) if c.has_key]
            except REMOVED_ERRORS as exc:
                reason = type(exc).__name__
                raise TokenGone(TOKEN_GONE, token=ts.label, reason=reason) from None
            if cert_id is not None:
                infos = [c for c in infos if c.id_hex == cert_id.lower().removeprefix("0x")]
            if len(infos) != 1:
                choices = ", ".join(f"{c.common_name} ({c.id_hex})" for c in infos) or "-"
                if cert_id is not None and not infos:
                    raise UserError(NO_CERT, token=ts.label, query=cert_id)
                raise UserError(MANY_CERTS, token=ts.label, choices=choices)
            cert = infos[0]
            cid = bytes.fromhex(cert.id_hex)
            key = next(k for k in keys if _key_matches(k, cert.cert, cid))
            return SigningKey(ts, cert, key, ())

        return self.thread.call(run)

    # -- operations -------------------------------------------------------------
    def sign_on_thread(self, key: SigningKey, data: bytes, **kwargs: Any) -> bytes:
        self.thread.assert_on_thread()
        self.counters.signs += 1
        try:
            return bytes(key.key.sign(data, **kwargs))
        except REMOVED_ERRORS as exc:
            raise TokenGone(
                TOKEN_GONE, token=key.session.label, reason=type(exc).__name__
            ) from None

    def sign(self, key: SigningKey, data: bytes, **kwargs: Any) -> bytes:
        return self.thread.call(lambda: self.sign_on_thread(key, data, **kwargs))

    def decrypt(self, key: SigningKey, data: bytes, **kwargs: Any) -> bytes:
        def run() -> bytes:
            self.thread.assert_on_thread()
            self.counters.decrypts += 1
            return bytes(key.key.decrypt(data, **kwargs))

        return self.thread.call(run)

    def can_decrypt(self, key: SigningKey) -> bool:
        def run() -> bool:
            try:
                return bool(key.key[Attribute.DECRYPT])
            except p11e.PKCS11Error:
                return False

        return self.thread.call(run)
