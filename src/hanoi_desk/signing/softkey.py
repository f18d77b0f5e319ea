"""The demo's software key: a private key in a passphrase-protected file, so a
newcomer can try signing where SoftHSM2 is not installed.

It must never pass for a hardware token, nor become a quiet way around one:

- it is listed only when the caller names its file (the demo profile's
  ``software_keys`` setting, ``--software-key`` on the command line); nothing
  searches for key files;
- the certificate's common name must say DEMO, so the label "Software key
  (DEMO — not a hardware token)" is always true and every signature made with
  it names a DEMO signer;
- the private key must be encrypted (PKCS#8, PBES2) and, on POSIX, the file
  readable by its owner only;
- the passphrase is asked once per batch through the same :class:`PinPrompt`
  as a token PIN (``PinState.software_key`` tells the prompt what it asks
  for), is not kept, and a wrong one is one try.

The file is PEM: an explanatory header, the signer's certificate, the demo
root, and the encrypted key. Certificates are public, so the key can be listed
without the passphrase.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import keys, pem, x509
from cryptography import x509 as cx509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from hanoi_desk.errors import Cancelled, HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.signing.certs import CertInfo, cert_info
from hanoi_desk.signing.messages import Localized, LocalizedUserError
from hanoi_desk.signing.pin import PinPrompt, PinState
from hanoi_desk.signing.tokens import ModuleReport, TokenInfo, choose_certificate

SOFTWARE_KEY = N_("Software key (DEMO — not a hardware token)")
MAKER = "Hanoi Desk (DEMO)"

UNREADABLE = N_("The software key file {path} cannot be read ({reason}).")
NOT_KEY_FILE = N_(
    "{path} is not a software key file (a certificate and an encrypted private key in PEM): "
    "{reason}."
)
NOT_DEMO = N_(
    "The software key {path} is not a demo key: its certificate “{subject}” does not say DEMO. "
    "Hanoi Desk signs with a software key only in the demo; real signatures need a hardware "
    "token."
)
NOT_ENCRYPTED = N_(
    "The private key in {path} is not protected by a passphrase; Hanoi Desk does not use it."
)
TOO_OPEN = N_(
    "The software key {path} can be read by other users of this computer: make it private "
    "(chmod 600 {path}) and try again."
)
WRONG_PASSPHRASE = N_(
    "Wrong passphrase for the software key {path}. Nothing was signed and the passphrase was "
    "not tried again."
)
KEY_MISMATCH = N_("The private key in {path} does not belong to its certificate.")
R_NO_KEY = N_("no encrypted private key")
R_CERTS = N_("expected one signer certificate, found {count}")
R_BROKEN = N_("damaged PEM ({reason})")

HEADER = b"""Hanoi Desk DEMO software key - NOT a hardware token.
Made by `hanoi-desk demo` where SoftHSM2 is not installed, so that signing can be
tried. The certificate is issued by a demo root that nobody else trusts: never
use this key for real documents. The private key is encrypted with the demo's
published passphrase.

"""


@dataclass
class SoftKey:
    """The decrypted key of one batch; dropped with the batch's context."""

    path: Path
    cert: CertInfo
    chain: tuple[x509.Certificate, ...]
    private: keys.PrivateKeyInfo = field(repr=False)
    """Decrypted: never in a repr (a log line or a crash report would carry it)."""


@dataclass(frozen=True)
class _KeyFile:
    signer: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    encrypted_key: bytes = field(repr=False)


def write_key_file(
    path: Path,
    key: PrivateKeyTypes,
    certs: Sequence[cx509.Certificate],
    passphrase: str,
) -> None:
    """Written through a private temp file (mode 0600) renamed into place, so the
    key file is never readable by others, not even for a moment."""
    locked = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    body = HEADER + b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs) + locked
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _common_name(cert: x509.Certificate) -> str:
    cn = cert.subject.native.get("common_name", "")
    return str(cn[-1] if isinstance(cn, list) else cn)


def _not_key_file(path: str, why: str, **params: object) -> UserError:
    return LocalizedUserError(NOT_KEY_FILE, path=path, reason=Localized([(why, params)]))


def _read(path: Path) -> _KeyFile:
    name = str(path)
    try:
        info = path.stat()
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(UNREADABLE, path=name, reason=exc.strerror or type(exc).__name__) from None
    if os.name == "posix" and stat.S_IMODE(info.st_mode) & 0o077:
        raise UserError(TOO_OPEN, path=name)
    certs: list[x509.Certificate] = []
    encrypted: list[bytes] = []
    try:
        for kind, _headers, der in pem.unarmor(data, multiple=True):
            if kind == "CERTIFICATE":
                certs.append(x509.Certificate.load(der))
            elif kind == "ENCRYPTED PRIVATE KEY":
                keys.EncryptedPrivateKeyInfo.load(der).native  # noqa: B018 - parses it now
                encrypted.append(der)
            elif kind.endswith("PRIVATE KEY"):
                raise UserError(NOT_ENCRYPTED, path=name)
        leaves = [c for c in certs if not c.ca]  # asn1crypto parses lazily: parse them here
    except (ValueError, TypeError) as exc:
        raise _not_key_file(name, R_BROKEN, reason=type(exc).__name__) from None
    if len(leaves) != 1:
        raise _not_key_file(name, R_CERTS, count=len(leaves))
    if len(encrypted) != 1:
        raise _not_key_file(name, R_NO_KEY)
    signer = leaves[0]
    if "DEMO" not in _common_name(signer):
        raise UserError(NOT_DEMO, path=name, subject=signer.subject.human_friendly)
    chain = tuple(c for c in certs if c.ca)
    return _KeyFile(signer, chain, encrypted[0])


def _info(signer: x509.Certificate) -> CertInfo:
    """The id is a fingerprint: a file has no CKA_ID, and the dialog selects by id."""
    id_hex = hashlib.sha256(signer.dump()).hexdigest()[:16]
    return cert_info(signer, id_hex, SOFTWARE_KEY, has_key=True)


def describe(path: Path) -> ModuleReport:
    """The listing line of a software key; a bad file is a report, not a crash."""
    try:
        found = _read(path)
    except HanoiDeskError as exc:
        return ModuleReport(str(path), error=exc, software_key=True)
    info = _info(found.signer)
    token = TokenInfo(
        module=str(path),
        label=SOFTWARE_KEY,
        serial=info.id_hex,
        manufacturer=MAKER,
        model=SOFTWARE_KEY,
        pin=PinState(software_key=True),
        certificates=(info,),
        software_key=True,
    )
    return ModuleReport(str(path), (token,), software_key=True)


def unlock(
    path: Path, prompt: PinPrompt, cert_text: str | None = None, cert_id: str | None = None
) -> SoftKey:
    """The key of one batch: the file is checked (and the certificate chosen)
    before the passphrase is asked, which is asked once."""
    found = _read(path)
    info = choose_certificate(str(path), [(_info(found.signer), found.signer)], cert_text, cert_id)
    secret = prompt.pin(SOFTWARE_KEY, PinState(software_key=True))
    if not secret:
        raise Cancelled()
    try:
        private = serialization.load_der_private_key(found.encrypted_key, secret.encode("utf-8"))
    except (ValueError, TypeError):  # the key's structure was checked: it is the passphrase
        raise UserError(WRONG_PASSPHRASE, path=str(path)) from None
    public = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if public != found.signer.public_key.dump():
        raise UserError(KEY_MISMATCH, path=str(path))
    der = private.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return SoftKey(path, info, found.chain, keys.PrivateKeyInfo.load(der))


class SoftKeySigner(signers.SimpleSigner):  # type: ignore[misc]
    """pyHanko's in-process signer, counting real signatures as the token signer
    counts ``C_Sign`` (size estimates are dry runs and sign nothing)."""

    def __init__(self, key: SoftKey) -> None:
        registry = SimpleCertificateStore()
        registry.register_multiple([key.cert.cert, *key.chain])
        super().__init__(
            signing_cert=key.cert.cert,
            signing_key=key.private,
            cert_registry=registry,
            embed_roots=True,
        )
        self.key = key
        self.signs = 0

    @property
    def sign_operations(self) -> int:
        return self.signs

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if dry_run:
            return b"0" * 512
        self.signs += 1
        result: Any = await super().async_sign_raw(data, digest_algorithm)
        return bytes(result)
