"""What the demo needs besides the server: something to sign with, a demo
certificate, and signature and seal images.

Where SoftHSM2 is installed it is a SoftHSM2 token in the demo's own directory
(never the system's token store), holding a key and a certificate issued by a
demo root made on the spot. Without SoftHSM2 it is the engine's software key
(``signing.softkey``): the same kind of certificate with its key in a
passphrase-protected file (mode 0600) in the demo's directory. Everything is
labelled DEMO so it cannot be mistaken for a real signer or a real token.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw, ImageFont

from hanoi_desk.resources import font
from hanoi_desk.signing.softkey import SOFTWARE_KEY, write_key_file

SOFTHSM_ENV = "HANOI_DESK_DEMO_SOFTHSM"
"""``none``: behave as if SoftHSM2 were not installed (tests, or to try the
software key); a path: that SoftHSM2 module instead of the usual places."""
SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
    "/usr/local/lib/softhsm/libsofthsm2.so",
    "/opt/homebrew/lib/softhsm/libsofthsm2.so",
)
DEMO_TOKEN = "HANOI-DEMO"  # noqa: S105 - a token label, not a secret
DEMO_PIN = "246810"  # published with the demo, like its passphrase
DEMO_SO_PIN = "13572468"
DEMO_KEY_PASSPHRASE = DEMO_PIN  # one published number for both kinds of demo key
SIGNER = "Nguyễn Văn An (DEMO)"
ORGANISATION = "UBND quận Đống Đa (DEMO)"
SOFTWARE_KEY_UNIT = "Hanoi Desk DEMO software key - not a hardware token"
SOFTWARE_KEY_FILE = "hanoi-desk-DEMO-software-key.pem"
KEY_DER = "signer.key.der"
"""The demo token's key in plaintext, only while pkcs11-tool writes it to the token."""


@dataclass(frozen=True)
class DemoToken:
    module: str
    label: str
    pin: str
    softhsm_conf: Path
    root_pem: Path
    certificate: bytes = b""
    """DER of the demo signer's certificate on the token."""

    @property
    def key(self) -> DemoKey:
        return DemoKey(self.module, self.label, self.pin, self.root_pem, False, self.certificate)


@dataclass(frozen=True)
class DemoKey:
    """What the demo signs with, whichever kind it is."""

    module: str
    """The PKCS#11 module, or the software key's file."""
    label: str
    secret: str
    """The token's PIN or the software key's passphrase (published with the demo)."""
    root_pem: Path
    software_key: bool = False
    certificate: bytes = b""
    """DER of the signer's certificate: the demo server registers it as the demo
    delegate's, so ballots signed with this key are counted (docs/live-votes.md)."""


SOFTHSM_TOOLS = {"softhsm2-util": "SoftHSM2", "pkcs11-tool": "OpenSC"}
"""The tools a demo token is made with, and the package each comes from."""


@dataclass(frozen=True)
class SoftHsmSearch:
    """What :func:`find_softhsm` found, so that a caller can say what is missing."""

    module: str | None
    """SoftHSM2's PKCS#11 module, if one of ``looked_in`` exists."""
    looked_in: tuple[str, ...]
    missing_tools: tuple[str, ...]
    """``"pkcs11-tool (OpenSC)"`` and the like: tools not found on ``PATH``."""
    turned_off: bool
    """``HANOI_DESK_DEMO_SOFTHSM=none``."""
    variable: str = SOFTHSM_ENV
    library: str = "libsofthsm2.so"

    @property
    def usable(self) -> str | None:
        if self.turned_off or self.missing_tools:
            return None
        return self.module


def find_softhsm() -> SoftHsmSearch:
    """SoftHSM2's module and the tools a demo token is made with.
    ``HANOI_DESK_DEMO_SOFTHSM`` overrides the search (``none``: as if SoftHSM2
    were not installed; a path: that module), so the software-key path can be
    tested where SoftHSM2 is installed."""
    override = os.environ.get(SOFTHSM_ENV, "").strip()
    places = (override,) if override and override.lower() != "none" else SOFTHSM_MODULES
    return SoftHsmSearch(
        module=next((m for m in places if Path(m).is_file()), None),
        looked_in=places,
        missing_tools=tuple(
            f"{tool} ({package})"
            for tool, package in SOFTHSM_TOOLS.items()
            if shutil.which(tool) is None
        ),
        turned_off=override.lower() == "none",
    )


def softhsm_module() -> str | None:
    """SoftHSM2's module when it and its tools are installed, else None (the demo
    then signs with the software key); :func:`find_softhsm` says what is missing."""
    return find_softhsm().usable


def system_tool_env(**extra: str) -> dict[str, str]:
    """The environment for the system's own tools (softhsm2-util, pkcs11-tool).

    In a frozen bundle PyInstaller's bootloader puts the bundle first on
    ``LD_LIBRARY_PATH`` (keeping the original in ``LD_LIBRARY_PATH_ORIG``) so
    that its own libraries load; a system tool started from the bundle must
    load the system's libraries instead. The process's own environment is left
    as it is."""
    env = dict(os.environ)
    if getattr(sys, "frozen", False) and "LD_LIBRARY_PATH" in env:
        original = env.pop("LD_LIBRARY_PATH_ORIG", None)
        if original is None:
            del env["LD_LIBRARY_PATH"]
        else:
            env["LD_LIBRARY_PATH"] = original
    env.update(extra)
    return env


def _name(cn: str, unit: str | None = None) -> x509.Name:
    attributes = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
    ]
    if unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
    return x509.Name(attributes)


def _demo_pki(
    unit: str | None = None,
) -> tuple[x509.Certificate, rsa.RSAPrivateKey, x509.Certificate]:
    """A demo root and a signer certificate with its key (RSA-2048), in memory."""
    now = datetime.now(UTC) - timedelta(minutes=5)
    root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root_name = _name("Hanoi Desk DEMO Root CA")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(root_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = (
        x509.CertificateBuilder()
        .subject_name(_name(SIGNER, unit))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(root_key, hashes.SHA256())
    )
    return root, key, signer


def _certificates(folder: Path) -> tuple[Path, Path, Path]:
    """The demo PKI as DER files for pkcs11-tool, and the root as PEM."""
    root, key, signer = _demo_pki()
    key_der = folder / KEY_DER
    key_der.write_bytes(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_der = folder / "signer.cert.der"
    cert_der.write_bytes(signer.public_bytes(serialization.Encoding.DER))
    root_der = folder / "root.cert.der"
    root_der.write_bytes(root.public_bytes(serialization.Encoding.DER))
    (folder / "root.cert.pem").write_bytes(root.public_bytes(serialization.Encoding.PEM))
    return key_der, cert_der, root_der


def make_demo_token(folder: Path, module: str) -> DemoToken:
    """A fresh SoftHSM2 token under ``folder`` with the demo signer on it."""
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "tokens").mkdir(parents=True, mode=0o700)
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    env = system_tool_env(SOFTHSM2_CONF=str(conf))

    def run(*cmd: str) -> None:
        subprocess.run(cmd, check=True, env=env, capture_output=True)

    run(
        "softhsm2-util",
        "--init-token",
        "--free",
        "--label",
        DEMO_TOKEN,
        "--pin",
        DEMO_PIN,
        "--so-pin",
        DEMO_SO_PIN,
    )
    try:
        key_der, cert_der, root_der = _certificates(folder)
        base = (
            "pkcs11-tool",
            "--module",
            module,
            "--token-label",
            DEMO_TOKEN,
            "--login",
            "--pin",
            DEMO_PIN,
        )
        run(
            *base,
            "--write-object",
            str(key_der),
            "--type",
            "privkey",
            "--id",
            "01",
            "--label",
            "demo-signing-key",
            "--usage-sign",
        )
        run(
            *base,
            "--write-object",
            str(cert_der),
            "--type",
            "cert",
            "--id",
            "01",
            "--label",
            SIGNER,
        )
        run(
            *base,
            "--write-object",
            str(root_der),
            "--type",
            "cert",
            "--id",
            "02",
            "--label",
            "Hanoi Desk DEMO Root CA",
        )
    finally:  # the key lives only on the (demo) token, even when a step failed
        (folder / KEY_DER).unlink(missing_ok=True)
    certificate = (folder / "signer.cert.der").read_bytes()
    return DemoToken(module, DEMO_TOKEN, DEMO_PIN, conf, folder / "root.cert.pem", certificate)


def make_software_key(folder: Path) -> DemoKey:
    """A fresh software key under ``folder``: the demo signer's certificate (its
    subject says DEMO twice, common name and unit) with the key encrypted under
    the demo's published passphrase; no plaintext key is ever written."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, mode=0o700)
    root, key, signer = _demo_pki(SOFTWARE_KEY_UNIT)
    path = folder / SOFTWARE_KEY_FILE
    write_key_file(path, key, [signer, root], DEMO_KEY_PASSPHRASE)
    root_pem = folder / "root.cert.pem"
    root_pem.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    certificate = signer.public_bytes(serialization.Encoding.DER)
    return DemoKey(str(path), SOFTWARE_KEY, DEMO_KEY_PASSPHRASE, root_pem, True, certificate)


def make_images(folder: Path) -> tuple[Path, Path]:
    """A blue handwritten-looking signature and a red round seal, marked DEMO."""
    folder.mkdir(parents=True, exist_ok=True)
    sig = Image.new("RGBA", (600, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(sig)
    points = [(40 + x * 9, 150 - int(60 * ((x % 7) - 3) / 3) + (x % 3) * 8) for x in range(60)]
    draw.line(points, fill=(20, 40, 160, 255), width=7, joint="curve")
    draw.line([(60, 190), (560, 170)], fill=(20, 40, 160, 255), width=5)
    signature = folder / "chu-ky-demo.png"
    sig.save(signature, dpi=(300, 300))
    seal_img = Image.new("RGBA", (480, 480), (255, 255, 255, 0))
    draw = ImageDraw.Draw(seal_img)
    red = (200, 20, 30, 230)
    draw.ellipse((10, 10, 470, 470), outline=red, width=14)
    draw.ellipse((70, 70, 410, 410), outline=red, width=6)
    text_font = ImageFont.truetype(str(font("NotoSans-Bold.ttf")), 34)
    draw.text((240, 190), "ỦY BAN NHÂN DÂN", font=text_font, fill=red, anchor="mm")
    draw.text((240, 250), "QUẬN ĐỐNG ĐA", font=text_font, fill=red, anchor="mm")
    draw.text((240, 320), "DEMO", font=text_font, fill=red, anchor="mm")
    seal = folder / "con-dau-demo.png"
    seal_img.save(seal, dpi=(300, 300))
    return signature, seal
