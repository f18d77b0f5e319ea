"""The hardware-token unlocker of the profile vault.

It matches ``hanoi_desk.store.vault.Unlocker`` structurally (signing may not
import store). The master key is sealed with AES-256-GCM under a key-encryption
key (KEK) that only the token can reproduce:

- ``rsa-oaep-sha256`` / ``rsa-oaep-sha1``: the KEK is encrypted to the
  certificate's RSA key with OAEP and decrypted on the token (when the key has
  CKA_DECRYPT and the token supports the mechanism; tried at enrolment);
- ``rsa-sig-sha256``: otherwise the KEK is derived (HKDF) from a deterministic
  RSA PKCS#1 v1.5 signature, made on the token, over a domain-separated random
  challenge stored in the record.

See docs/token-unlocker.md for the threat model.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
from collections.abc import Iterator, Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pkcs11 import MGF, Mechanism
from pkcs11 import exceptions as p11e

from hanoi_desk.errors import UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.pin import PinPrompt
from hanoi_desk.signing.tokens import SigningKey, TokenManager

NO_PIN_PROMPT = N_("This program cannot ask for a token PIN here.")
NOT_CONFIGURED = N_(
    "Say which token unlocks the profile: hanoi-desk profile-token NAME --module PATH "
    "--token LABEL."
)
WRONG_TOKEN = N_(
    "The token “{token}” does not hold the key that locks profile “{name}” (certificate "
    "{cert}). Plug in the token used when the unlocker was set up."
)
NOT_RSA = N_("The certificate on token “{token}” has no RSA key; the token unlocker needs RSA.")
DOMAIN = b"hanoi-desk/token-unlock/v1\x00"


def _b64e(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def _b64d(s: str) -> bytes:
    return base64.b64decode(s.encode("ascii"), validate=True)


def _seal(kek: bytes, master: bytes | bytearray, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(12)
    return nonce, AESGCM(kek).encrypt(nonce, master, aad)


def _hkdf(secret: bytes, salt: bytes, aad: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, salt, b"hanoi-desk/token-kek/" + aad).derive(secret)


OAEP_PARAMS = {
    "rsa-oaep-sha256": ((Mechanism.SHA256, MGF.SHA256, None), hashes.SHA256()),
    "rsa-oaep-sha1": ((Mechanism.SHA_1, MGF.SHA1, None), hashes.SHA1()),  # noqa: S303
}


class TokenUnlocker:
    kind = "token"
    label = "hardware token"

    def __init__(
        self,
        manager: TokenManager | None = None,
        module: str | None = None,
        token: str | None = None,
        cert_id: str | None = None,
    ) -> None:
        self._manager = manager
        self.module = module
        self.token = token
        self.cert_id = cert_id

    @property
    def manager(self) -> TokenManager:
        """Made on first use, so wiring this unlocker costs nothing until a token is used."""
        if self._manager is None:
            self._manager = TokenManager()
        return self._manager

    def _login(self, module: str, token: str, prompt: object) -> Any:
        if not isinstance(prompt, PinPrompt):
            raise UserError(NO_PIN_PROMPT)
        return self.manager.login(module, token, prompt)

    @staticmethod
    def _public(key: SigningKey) -> rsa.RSAPublicKey:
        pub = serialization.load_der_public_key(key.cert.cert.public_key.dump())
        if not isinstance(pub, rsa.RSAPublicKey):
            raise UserError(NOT_RSA, token=key.session.label)
        return pub

    def _oaep_method(self, key: SigningKey, pub: rsa.RSAPublicKey) -> str | None:
        """The first OAEP variant the token really decrypts with, tried on a test value."""
        if not self.manager.can_decrypt(key):
            return None
        probe = os.urandom(32)
        for name, (param, digest) in OAEP_PARAMS.items():
            ct = pub.encrypt(probe, padding.OAEP(padding.MGF1(digest), digest, None))
            try:
                got = self.manager.decrypt(
                    key, ct, mechanism=Mechanism.RSA_PKCS_OAEP, mechanism_param=param
                )
            except (
                p11e.MechanismInvalid,
                p11e.MechanismParamInvalid,
                p11e.ArgumentsBad,
                p11e.FunctionNotSupported,
                p11e.FunctionFailed,
            ):
                continue
            if got == probe:
                return name
        return None

    def _sig_kek(
        self, key: SigningKey, pub: rsa.RSAPublicKey, challenge: bytes, aad: bytes
    ) -> bytes:
        message = DOMAIN + aad + challenge
        sig = self.manager.sign(key, message, mechanism=Mechanism.SHA256_RSA_PKCS)
        try:  # a wrong key would derive a wrong KEK: say so instead of "damaged"
            pub.verify(sig, message, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            raise UserError(WRONG_TOKEN, token=key.session.label, name="?", cert="?") from None
        return _hkdf(sig, challenge, aad)

    @contextlib.contextmanager
    def _session(self, module: str, token: str, prompt: object) -> Iterator[Any]:
        """Logged in for this one operation only: a login this unlocker made is
        closed afterwards, so the next signing batch asks for the PIN again (and
        can log in: PKCS#11 allows one login per application). The unlocker owns
        no profile session, so a login kept by a profile is never reused here."""
        before = self.manager.sessions.get((module, token))
        ts = self._login(module, token, prompt)
        try:
            yield ts
        finally:
            if ts is not before:
                self.manager.logout(ts)

    def wrap(self, master: bytes | bytearray, meta: Any, prompt: Any) -> dict[str, Any]:
        if not (self.module and self.token):
            raise UserError(NOT_CONFIGURED)
        with self._session(self.module, self.token, prompt) as ts:
            return self._wrap(ts, master, meta)

    def _wrap(self, ts: Any, master: bytes | bytearray, meta: Any) -> dict[str, Any]:
        key = self.manager.any_key(ts, self.cert_id)
        pub = self._public(key)
        aad = meta.aad(self.kind)
        record: dict[str, Any] = {
            "kind": self.kind,
            "module": ts.module,
            "token": ts.label,
            "cert_id": key.cert.id_hex,
            "cert_sha256": hashlib.sha256(key.cert.cert.dump()).hexdigest(),
            "subject": key.cert.common_name,
        }
        method = self._oaep_method(key, pub)
        if method is not None:
            _, digest = OAEP_PARAMS[method]
            kek = os.urandom(32)
            record["encrypted_kek"] = _b64e(
                pub.encrypt(kek, padding.OAEP(padding.MGF1(digest), digest, None))
            )
        else:
            method = "rsa-sig-sha256"
            challenge = os.urandom(32)
            record["challenge"] = _b64e(challenge)
            kek = self._sig_kek(key, pub, challenge, aad)
        nonce, wrapped = _seal(kek, master, aad)
        record.update(method=method, nonce=_b64e(nonce), wrapped=_b64e(wrapped))
        return record

    def unwrap(self, record: Mapping[str, Any], meta: Any, prompt: Any) -> bytes:
        module = self.module or str(record["module"])
        token = self.token or str(record["token"])
        with self._session(module, token, prompt) as ts:
            return self._unwrap(ts, record, meta)

    def _unwrap(self, ts: Any, record: Mapping[str, Any], meta: Any) -> bytes:
        token = ts.label
        try:
            key = self.manager.any_key(ts, str(record["cert_id"]))
        except UserError:
            raise UserError(
                WRONG_TOKEN, token=token, name=meta.name, cert=record.get("subject", "?")
            ) from None
        if hashlib.sha256(key.cert.cert.dump()).hexdigest() != record["cert_sha256"]:
            raise UserError(WRONG_TOKEN, token=token, name=meta.name, cert=record.get("subject"))
        aad = meta.aad(self.kind)
        method = str(record["method"])
        if method in OAEP_PARAMS:
            param, _ = OAEP_PARAMS[method]
            kek = self.manager.decrypt(
                key,
                _b64d(record["encrypted_kek"]),
                mechanism=Mechanism.RSA_PKCS_OAEP,
                mechanism_param=param,
            )
        else:
            kek = self._sig_kek(key, self._public(key), _b64d(record["challenge"]), aad)
        try:
            return AESGCM(kek).decrypt(_b64d(record["nonce"]), _b64d(record["wrapped"]), aad)
        except InvalidTag:
            raise UserError(
                WRONG_TOKEN, token=token, name=meta.name, cert=record.get("subject", "?")
            ) from None

    def forget(self, record: Mapping[str, Any], meta: Any) -> None:
        """Nothing is stored outside the profile; the token keeps its key."""
        return None
