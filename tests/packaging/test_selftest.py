"""``hanoi-desk --self-test`` from the source checkout: every check passes on a
machine set up by ``./run``, a broken input gives FAIL lines and a non-zero
exit, and nothing is left in the temporary folder either way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hanoi_desk.app.demo_kit import softhsm_module
from hanoi_desk.app.selftest import TEMP_PREFIX, Check, Workbench, run_self_test
from hanoi_desk.app.selftest_checks import core_checks
from helpers import SELF_TEST_CHECKS as CHECKS
from helpers import run_cli
from helpers import self_test_lines as check_lines


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    tmp.mkdir(exist_ok=True)
    return {
        **os.environ,
        "TMPDIR": str(tmp),
        "HANOI_DESK_HOME": str(tmp.parent / "untouched-home"),
        "HANOI_DESK_LANG": "en",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }


def test_every_check_passes_and_nothing_is_left_behind(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    result = run_cli("--self-test", env=_env(tmp))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = check_lines(result.stdout)
    assert list(lines) == CHECKS, result.stdout
    sign = "ok" if softhsm_module() else "skip"
    for name, (status, _) in lines.items():
        assert status == (sign if name == "SoftHSM2 sign + verify" else "ok"), result.stdout
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
    sign_reason = needs_import if softhsm_module() else ": SoftHSM2 not installed"
    assert lines["render page 1"] == ("skip", needs_import)
    assert lines["SoftHSM2 sign + verify"] == ("skip", sign_reason)
    status, reason = lines["Qt platform plugin"]
    assert status == "FAIL" and "no platform plugin “no-such-platform”" in reason
    assert lines["clean-up"][0] == "ok"
    for name in ("bundled resources", "encrypted profile (vault + SQLCipher)", "blob write/read"):
        assert lines[name][0] == "ok"
    assert result.stdout.splitlines()[-1] == "self-test: 5 ok, 2 failed, 2 skipped"
    assert list(tmp.iterdir()) == []


def _checks(*names: str) -> list[Check]:
    return [c for c in core_checks() if c.name in names]


def test_a_check_that_raises_is_reported_and_the_rest_still_run(tmp_path: Path) -> None:
    def broken(bench: Workbench) -> str:
        raise RuntimeError("No module named 'fontTools.ttLib.tables._g_l_y_f'")

    lines: list[str] = []
    code = run_self_test(
        [Check("broken part", broken), *_checks("bundled resources")],
        [],
        lines.append,
        language="en",
        temp_parent=tmp_path,
    )
    assert code == 1
    assert lines[0] == (
        "FAIL broken part: RuntimeError: No module named 'fontTools.ttLib.tables._g_l_y_f'"
    )
    assert lines[1].startswith("ok   bundled resources (")
    assert lines[2] == "ok   clean-up (temporary folder removed, nothing left behind)"
    assert lines[3] == "self-test: 2 ok, 1 failed, 0 skipped"
    assert list(tmp_path.iterdir()) == []


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
