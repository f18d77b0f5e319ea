"""``hanoi-desk --self-test`` from the source checkout: every check passes on a
machine set up by ``./run``, a broken input gives FAIL lines and a non-zero
exit, and nothing is left in the temporary folder either way."""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from hanoi_desk.cli.selftest_cmd import qt_child_check
from hanoi_desk.demo.kit import SOFTHSM_ENV, softhsm_module
from hanoi_desk.selftest.checks import core_checks
from hanoi_desk.selftest.runner import TEMP_PREFIX, Check, Workbench, run_self_test, sample_pdf
from helpers import SELF_TEST_CHECKS as CHECKS
from helpers import run_cli
from helpers import self_test_lines as check_lines


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    """The real environment, without the demo's SoftHSM2 override: the self-test
    must find SoftHSM2 by itself."""
    tmp.mkdir(exist_ok=True)
    return {
        **{k: v for k, v in os.environ.items() if k != SOFTHSM_ENV},
        "TMPDIR": str(tmp),
        "HANOI_DESK_HOME": str(tmp.parent / "untouched-home"),
        "HANOI_DESK_LANG": "en",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }


def test_every_check_passes_and_nothing_is_left_behind(tmp_path: Path) -> None:
    assert softhsm_module() is not None, "./run installs SoftHSM2: signing must be checked"
    tmp = tmp_path / "tmp"
    result = run_cli("--self-test", env=_env(tmp))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = check_lines(result.stdout)
    assert list(lines) == CHECKS, result.stdout
    for name, (status, _) in lines.items():
        assert status == "ok", (name, result.stdout)
    assert "1.2 MiB in 2 encrypted chunks" in lines["blob write/read"][1]
    assert "self-test: " in result.stdout.splitlines()[-1]
    assert list(tmp.iterdir()) == []  # the throwaway profile, token and output are gone
    assert not (tmp_path / "untouched-home").exists()  # the user's profiles were not touched


def test_a_corrupt_pdf_and_a_missing_qt_plugin_are_fail_lines(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + os.urandom(2048))
    result = run_cli(
        "--self-test",
        "--self-test-pdf",
        str(corrupt),
        env=_env(tmp, QT_QPA_PLATFORM="no-such-platform"),
    )
    assert result.returncode == 1, result.stdout + result.stderr  # not an abort (negative)
    lines = check_lines(result.stdout)
    assert list(lines) == CHECKS, result.stdout
    status, reason = lines["import and search the sample PDF"]
    assert status == "FAIL" and "corrupt.pdf is not a readable PDF" in reason
    needs_import = ": needs “import and search the sample PDF”, which did not pass"
    assert lines["render page 1"] == ("skip", needs_import)
    assert lines["SoftHSM2 sign + verify"] == ("skip", needs_import)
    status, reason = lines["Qt platform plugin"]
    assert status == "FAIL" and "no platform plugin “no-such-platform”" in reason
    assert lines["clean-up"][0] == "ok"
    for name in ("bundled resources", "encrypted profile (vault + SQLCipher)", "blob write/read"):
        assert lines[name][0] == "ok"
    assert result.stdout.splitlines()[-1] == "self-test: 5 ok, 2 failed, 2 skipped"
    assert list(tmp.iterdir()) == []


def _signed_by_an_untrusted_key(path: Path) -> None:
    """The bundled sample, signed by a throwaway self-signed key nobody trusts
    (as a document signed by a real CA looks on a machine without its root)."""
    now = datetime.now(UTC) - timedelta(minutes=5)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Earlier Signer")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signer_cert = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    signer = signers.SimpleSigner(
        signing_cert=signer_cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs([signer_cert]),
    )
    out = io.BytesIO()
    with open(sample_pdf(), "rb") as f:
        signers.sign_pdf(
            IncrementalPdfFileWriter(f, strict=False),
            signers.PdfSignatureMetadata(field_name="Earlier"),
            signer,
            output=out,
        )
    path.write_bytes(out.getvalue())


def test_an_earlier_untrusted_signature_is_not_judged_and_a_missing_module_fails(
    tmp_path: Path,
) -> None:
    """--self-test-pdf on a signed document: only the new signature is judged.
    A configured PKCS#11 module that does not exist is loaded, not just named."""
    tmp = tmp_path / "tmp"
    signed = tmp_path / "signed-elsewhere.pdf"
    _signed_by_an_untrusted_key(signed)
    missing = tmp_path / "no-such-driver.so"
    result = run_cli(
        "--self-test",
        "--self-test-pdf",
        str(signed),
        env=_env(tmp, HANOI_DESK_PKCS11_MODULES=str(missing)),
    )
    assert result.returncode == 1, result.stdout + result.stderr
    lines = check_lines(result.stdout)
    assert list(lines) == CHECKS, result.stdout
    status, detail = lines["SoftHSM2 sign + verify"]
    assert status == "ok", result.stdout
    assert "valid and trusted; earlier signatures, not judged here: Earlier Signer (not valid" in (
        detail
    )
    status, reason = lines["PKCS#11 modules"]
    assert status == "FAIL", result.stdout
    assert f"The PKCS#11 module {missing} could not be loaded" in reason
    bad = {n: v for n, v in lines.items() if v[0] != "ok"}
    assert list(bad) == ["PKCS#11 modules"], result.stdout
    assert result.stdout.splitlines()[-1] == "self-test: 8 ok, 1 failed, 0 skipped"
    assert list(tmp.iterdir()) == []


def test_qt_aborting_is_a_fail_line_and_the_summary_is_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The xcb plugin is there but cannot start without a display: Qt aborts the
    process it runs in, which is the child, not the self-test."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    lines: list[str] = []
    code = run_self_test([], [qt_child_check()], lines.append, language="en", temp_parent=tmp_path)
    assert code == 1
    assert lines[0].startswith("ok   clean-up")
    assert lines[1].startswith("FAIL Qt platform plugin: the Qt check stopped with SIGABRT: "), (
        lines
    )
    assert "xcb" in lines[1]
    assert lines[2] == "self-test: 1 ok, 1 failed, 0 skipped"


def test_a_profile_that_does_not_close_still_has_its_folder_removed(tmp_path: Path) -> None:
    class Unclosable:
        def close(self) -> None:
            raise RuntimeError("database is locked by /home/someone/secret")

    def opened(bench: Workbench) -> str:
        (bench.root / "token").write_bytes(b"x")
        bench.session = Unclosable()  # type: ignore[assignment]
        bench.set_env("SOFTHSM2_CONF", str(bench.root / "softhsm2.conf"))
        return ""

    before = os.environ.get("SOFTHSM2_CONF")
    lines: list[str] = []
    code = run_self_test(
        [Check("open", opened)], [], lines.append, language="en", temp_parent=tmp_path
    )
    assert code == 1
    assert lines[1] == (
        "FAIL clean-up: temporary folder removed, but the profile did not close cleanly: "
        "RuntimeError"
    )
    assert list(tmp_path.iterdir()) == []
    assert os.environ.get("SOFTHSM2_CONF") == before


def _checks(*names: str) -> list[Check]:
    return [c for c in core_checks() if c.name in names]


def test_a_check_that_raises_is_reported_and_the_rest_still_run(tmp_path: Path) -> None:
    def missing_part(bench: Workbench) -> str:
        raise ModuleNotFoundError("No module named 'fontTools.ttLib.tables._g_l_y_f'")

    def bug(bench: Workbench) -> str:
        raise RuntimeError("text that may quote data")

    lines: list[str] = []
    code = run_self_test(
        [Check("missing part", missing_part), Check("bug", bug), *_checks("bundled resources")],
        [],
        lines.append,
        language="en",
        temp_parent=tmp_path,
    )
    assert code == 1
    assert lines[0] == (
        "FAIL missing part: ModuleNotFoundError: No module named 'fontTools.ttLib.tables._g_l_y_f'"
    )
    assert lines[1] == "FAIL bug: RuntimeError"  # the type only, without --debug
    assert lines[2].startswith("ok   bundled resources (")
    assert lines[3] == "ok   clean-up (temporary folder removed, nothing left behind)"
    assert lines[4] == "self-test: 2 ok, 2 failed, 0 skipped"
    assert list(tmp_path.iterdir()) == []


def test_debug_shows_the_text_except_for_a_persons_document(tmp_path: Path) -> None:
    def parse(bench: Workbench) -> str:
        raise ValueError("bad xref near “Quyết định số 12/QĐ-UBND”")

    own = tmp_path / "mine.pdf"
    own.write_bytes(b"%PDF-1.7\n")
    checks = [Check("parse", parse, reads_document=True), Check("other", parse)]
    lines: list[str] = []
    run_self_test(checks, [], lines.append, language="en", temp_parent=tmp_path, debug=True)
    assert lines[0] == "FAIL parse: ValueError: bad xref near “Quyết định số 12/QĐ-UBND”"
    lines.clear()
    run_self_test(
        checks, [], lines.append, language="en", sample=own, temp_parent=tmp_path, debug=True
    )
    assert lines[0] == "FAIL parse: ValueError"  # a person's document: never its text
    assert lines[1] == "FAIL other: ValueError: bad xref near “Quyết định số 12/QĐ-UBND”"


def test_interrupted_self_test_still_removes_its_folder(tmp_path: Path) -> None:
    seen: list[Path] = []

    def interrupted(bench: Workbench) -> str:
        seen.append(bench.root)
        (bench.root / "partial").write_bytes(b"x")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_self_test([Check("slow", interrupted)], [], print, language="en", temp_parent=tmp_path)
    assert seen and seen[0].name.startswith(TEMP_PREFIX)
    assert list(tmp_path.iterdir()) == []


def test_lines_are_in_vietnamese_with_the_status_word_kept(tmp_path: Path) -> None:
    lines: list[str] = []
    code = run_self_test(
        _checks("bundled resources", "encrypted profile (vault + SQLCipher)", "blob write/read"),
        [],
        lines.append,
        language="vi",
        temp_parent=tmp_path,
    )
    assert code == 0, lines
    assert lines[0].startswith("ok   tài nguyên đi kèm (")
    assert lines[1].startswith("ok   hồ sơ mã hóa (kho khóa + SQLCipher) (mở khóa bằng Argon2id")
    assert lines[2].startswith("ok   ghi/đọc blob (1.2 MiB trong 2 khối mã hóa")
    assert lines[3] == "ok   dọn dẹp (đã xóa thư mục tạm, không để lại gì)"
    assert lines[4] == "tự kiểm tra: 4 đạt, 0 lỗi, 0 bỏ qua"
    assert list(tmp_path.iterdir()) == []


def test_a_later_check_is_skipped_when_the_profile_fails(tmp_path: Path) -> None:
    """The blob check needs the profile: it says so instead of failing a second time."""

    def no_profile(bench: Workbench) -> str:
        raise OSError(28, "No space left on device")

    lines: list[str] = []
    code = run_self_test(
        [Check("encrypted profile (vault + SQLCipher)", no_profile), *_checks("blob write/read")],
        [],
        lines.append,
        language="en",
        temp_parent=tmp_path,
    )
    assert code == 1
    assert lines[0] == (
        "FAIL encrypted profile (vault + SQLCipher): OSError: [Errno 28] No space left on device"
    )
    assert lines[1] == (
        "skip blob write/read: needs “encrypted profile (vault + SQLCipher)”, which did not pass"
    )
