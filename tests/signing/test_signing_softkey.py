"""The demo's software key on real parts: a key file made by the demo kit, the
engine's batch with a visible appearance, pyHanko's validator with the demo
root trusted, the CLI in a child process; and the guards that keep it from
passing for a token (opt-in listing, DEMO-only, encrypted, private file, one
passphrase try)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from hanoi_desk import resources
from hanoi_desk.app.settings import Settings
from hanoi_desk.app.sign_cached import CachedSigner
from hanoi_desk.app.signing_service import SigningService, SignRequest
from hanoi_desk.cli.main import main as cli_main
from hanoi_desk.demo.kit import DemoKey, make_software_key
from hanoi_desk.domain.settings import SOFTWARE_KEYS
from hanoi_desk.errors import UserError
from hanoi_desk.i18n import translate
from hanoi_desk.signing.appearance import AppearanceSpec, Kind
from hanoi_desk.signing.batch import Status
from hanoi_desk.signing.placement import Placement
from hanoi_desk.signing.softkey import SOFTWARE_KEY, describe, unlock, write_key_file
from hanoi_desk.signing.tokens import TokenManager
from hanoi_desk.signing.verify import load_roots, verify_file
from helpers import run_cli

from .conftest import TITLE, FixedPin, make_pdf
from .signing_pki import TestPki

SIG_PNG = resources.resources_dir() / "images" / "demo-signature.png"


@pytest.fixture(scope="module")
def demo_key(tmp_path_factory: pytest.TempPathFactory) -> DemoKey:
    return make_software_key(tmp_path_factory.mktemp("demo") / "softkey")


@pytest.fixture
def service(manager: TokenManager, tmp_path: Path) -> SigningService:
    return SigningService(manager, home=tmp_path / "home")


def _request(key: DemoKey, files: tuple[Path, ...], out: Path, **extra: object) -> SignRequest:
    return SignRequest(files, out, key.module, "", software_key=True, **extra)  # type: ignore[arg-type]


def test_the_key_file_is_private_encrypted_and_says_demo(demo_key: DemoKey) -> None:
    path = Path(demo_key.module)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    text = path.read_text("ascii")
    assert text.startswith("Hanoi Desk DEMO software key - NOT a hardware token.")
    assert "-----BEGIN ENCRYPTED PRIVATE KEY-----" in text
    assert "-----BEGIN PRIVATE KEY-----" not in text
    assert not list(path.parent.glob("*.der")) and not list(path.parent.glob(".*.part"))
    (token,) = describe(path).tokens
    assert token.software_key and token.label == SOFTWARE_KEY
    (cert,) = token.certificates
    assert "DEMO" in cert.common_name and cert.usable
    assert "DEMO software key" in cert.subject  # the unit says it too
    assert token.pin.software_key and "not a hardware token" in token.pin.describe("en")[0]
    assert "không phải thiết bị ký" in token.pin.describe("vi")[0]
    assert translate(token.label, "vi") == "Khóa phần mềm (DEMO — không phải thiết bị ký)"


def test_signs_a_visible_batch_that_validates_with_the_demo_root(
    demo_key: DemoKey, service: SigningService, tmp_path: Path
) -> None:
    files = tuple(make_pdf(tmp_path / f"qd-{i}.pdf") for i in range(2))
    prompt = FixedPin(demo_key.secret)
    appearance = AppearanceSpec(Kind.APPROVAL, signature_image=SIG_PNG)
    report = service.sign(
        _request(
            demo_key,
            files,
            tmp_path / "out",
            placement=Placement(anchor=TITLE),
            appearance=appearance,
            reason="Phê duyệt (DEMO)",
        ),
        prompt,
    )
    assert [r.status for r in report.results] == [Status.SIGNED, Status.SIGNED], report.results
    assert report.sign_operations == 2  # one signature per document, as on a token
    assert len(prompt.asked) == 1 and prompt.asked[0].software_key  # one passphrase per batch
    root = load_roots([demo_key.root_pem])
    for src in files:
        out = tmp_path / "out" / src.name
        with out.open("rb") as f:
            (sig,) = PdfFileReader(f, strict=False).embedded_signatures
            status = validate_pdf_signature(
                sig, ValidationContext(trust_roots=root, allow_fetching=False)
            )
            assert status.intact and status.valid and status.trusted, status
            assert "DEMO" in status.signing_cert.subject.native["common_name"]
        report_ = verify_file(out, root)
        assert report_.ok and report_.signatures[0].signer == "Nguyễn Văn An (DEMO)"
    # Re-running resumes: outputs already signed by this key are skipped.
    again = service.sign(_request(demo_key, files, tmp_path / "out"), FixedPin(demo_key.secret))
    assert [r.status for r in again.results] == [Status.SKIPPED, Status.SKIPPED]
    assert again.sign_operations == 0


def test_wrong_passphrase_is_one_clear_try(
    demo_key: DemoKey, service: SigningService, tmp_path: Path
) -> None:
    src = make_pdf(tmp_path / "x.pdf", pages=1)
    prompt = FixedPin("not-the-passphrase")
    with pytest.raises(UserError) as caught:
        service.sign(_request(demo_key, (src,), tmp_path / "out"), prompt)
    assert len(prompt.asked) == 1
    message = caught.value.message("en")
    assert (
        message.startswith("Wrong passphrase for the software key") and "not tried again" in message
    )
    assert "not-the-passphrase" not in message + caught.value.message("vi")
    assert caught.value.message("vi").startswith("Sai cụm mật khẩu của khóa phần mềm")
    assert not (tmp_path / "out").exists()


def test_repr_of_an_unlocked_key_shows_no_key_material(demo_key: DemoKey) -> None:
    key = unlock(Path(demo_key.module), FixedPin(demo_key.secret))
    der = key.private.dump()
    secret = key.private["private_key"].parsed
    text = repr(key)
    assert "SoftKey(" in text and "private" not in text
    assert der.hex() not in text and repr(der)[2:40] not in text
    assert str(secret["private_exponent"].native) not in text
    assert str(secret["prime1"].native) not in text


def test_listed_only_when_named(
    pki: TestPki, demo_key: DemoKey, service: SigningService, session: object
) -> None:
    """Nothing searches for key files: a profile lists the software key only when
    its ``software_keys`` setting names it, which only ``hanoi-desk demo`` writes."""
    plain = service.list_tokens([pki.module])
    assert not any(r.software_key or t.software_key for r in plain for t in r.tokens)
    named = service.list_tokens([pki.module], [demo_key.module])
    assert [r.module for r in named if r.software_key] == [demo_key.module]

    cache = session.cache  # type: ignore[attr-defined]
    settings = Settings(cache).load()
    assert settings[SOFTWARE_KEYS] == ()
    signer = CachedSigner(cache, service.manager)
    listed = signer.tokens([pki.module], list(settings[SOFTWARE_KEYS]))
    assert not any(t.software_key for r in listed for t in r.tokens)
    demo = Settings(cache).save(SOFTWARE_KEYS.to((demo_key.module,)))
    listed = signer.tokens([pki.module], list(demo[SOFTWARE_KEYS]))
    assert [t.label for r in listed for t in r.tokens if t.software_key] == [SOFTWARE_KEY]


def _key_and_cert(cn: str) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    from datetime import UTC, datetime, timedelta

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    return key, cert


def test_refuses_what_could_pass_for_a_real_key(tmp_path: Path) -> None:
    key, real = _key_and_cert("Nguyễn Văn Bình")
    not_demo = tmp_path / "real.pem"
    write_key_file(not_demo, key, [real], "secret")
    report = describe(not_demo)
    assert report.tokens == () and report.error is not None
    assert "is not a demo key" in report.error.message("en")
    with pytest.raises(UserError, match="not a demo key"):
        unlock(not_demo, FixedPin("secret"))

    demo_key, demo_cert = _key_and_cert("Thử nghiệm (DEMO)")
    loose = tmp_path / "loose.pem"
    write_key_file(loose, demo_key, [demo_cert], "secret")
    os.chmod(loose, 0o644)
    assert "chmod 600" in str(describe(loose).error)

    plain = tmp_path / "plain.pem"
    body = demo_cert.public_bytes(serialization.Encoding.PEM) + demo_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    plain.write_bytes(body)
    os.chmod(plain, 0o600)
    assert "not protected by a passphrase" in str(describe(plain).error)

    _, other = _key_and_cert("Người khác (DEMO)")
    mismatch = tmp_path / "mismatch.pem"
    write_key_file(mismatch, demo_key, [other], "secret")
    with pytest.raises(UserError, match="does not belong to its certificate"):
        unlock(mismatch, FixedPin("secret"))

    garbage = tmp_path / "garbage.pem"
    garbage.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    os.chmod(garbage, 0o600)
    error = describe(garbage).error
    assert error is not None and "is not a software key file" in error.message("en")
    assert "tệp PEM bị hỏng" in error.message("vi")  # the reason is translated too
    assert "cannot be read" in str(describe(tmp_path / "missing.pem").error)


def test_cli_signs_with_the_key_it_is_given(demo_key: DemoKey, tmp_path: Path) -> None:
    """The whole command in a child process: the key named on the command line,
    the passphrase from standard input, the note shown before it is read."""
    env = {**os.environ, "HANOI_DESK_HOME": str(tmp_path / "home"), "HANOI_DESK_LANG": "en"}
    src = make_pdf(tmp_path / "cli.pdf", pages=1)
    out = tmp_path / "out"
    signed = run_cli(
        "sign",
        str(src),
        "--out",
        str(out),
        "--software-key",
        demo_key.module,
        "--pin-stdin",
        stdin=demo_key.secret + "\n",
        env=env,
    )
    assert signed.returncode == 0, signed.stderr
    assert "1 signed, 0 skipped, 0 not signed." in signed.stdout
    assert "not a hardware token" in signed.stderr
    assert demo_key.secret not in signed.stdout + signed.stderr
    report = verify_file(out / src.name, load_roots([demo_key.root_pem]))
    assert report.ok and report.signatures[0].signer == "Nguyễn Văn An (DEMO)"


def test_cli_tokens_labels_it_and_errors_are_one_line(
    pki: TestPki,
    demo_key: DemoKey,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The parser and handlers in this process (the child-process path is the test
    above): ``tokens`` output in both languages, a wrong passphrase, a mixed request."""
    monkeypatch.setenv("HANOI_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("HANOI_DESK_PKCS11_MODULES", "")
    monkeypatch.setenv("HANOI_DESK_LANG", "en")
    assert cli_main(["tokens", "--module", pki.module]) == 0
    assert "Software key" not in capsys.readouterr().out  # only when named
    assert cli_main(["tokens", "--module", pki.module, "--software-key", demo_key.module]) == 0
    listed = capsys.readouterr().out
    tail = listed.split(f"Software key file {demo_key.module}\n", 1)[1]
    assert tail.startswith("  Software key (DEMO — not a hardware token); note: This is the demo's")
    assert "Token “" not in tail and "Nguyễn Văn An (DEMO)" in tail  # never called a token
    monkeypatch.setenv("HANOI_DESK_LANG", "vi")
    assert cli_main(["tokens", "--module", pki.module, "--software-key", demo_key.module]) == 0
    assert (
        "  Khóa phần mềm (DEMO — không phải thiết bị ký); lưu ý: Đây là" in capsys.readouterr().out
    )

    monkeypatch.setenv("HANOI_DESK_LANG", "en")
    src = make_pdf(tmp_path / "x.pdf", pages=1)
    sign = ["sign", str(src), "--out", str(tmp_path / "out"), "--software-key", demo_key.module]
    # the right passphrase on line 2 must never be read
    monkeypatch.setattr("sys.stdin", io.StringIO("000000\n" + demo_key.secret + "\n"))
    assert cli_main([*sign, "--pin-stdin"]) == 1
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("hanoi-desk:")]
    assert len(lines) == 1 and "Wrong passphrase for the software key" in lines[0]
    assert "000000" not in err and not (tmp_path / "out").exists()
    assert cli_main([*sign, "--module", pki.module]) == 1
    assert "not both" in capsys.readouterr().err
