"""The packaging sources that CI cannot run end to end: the spec and hooks are
linted like the rest of the code, the menu entry is valid, the Windows
installer script keeps its promises (per machine, Start menu, keep-or-wipe on
uninstall), and the .deb script refuses what is not a bundle."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

RUFF = Path(sys.executable).parent / "ruff"
ISS = ROOT / "installers" / "windows" / "hanoi-desk.iss"
PYTHON_SOURCES = [
    ROOT / "build.spec",
    *sorted((ROOT / "installers" / "pyinstaller-hooks").glob("*.py")),
    ROOT / "resources" / "icons" / "make_icons.py",
    ROOT / "resources" / "samples" / "make_sample.py",
]


@pytest.mark.parametrize("source", PYTHON_SOURCES, ids=lambda p: p.name)
def test_packaging_python_is_linted_and_formatted(source: Path) -> None:
    """build.spec is code: the same ruff rules as src/ (read as a .py file)."""
    text = source.read_text("utf-8")
    for args in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
        result = subprocess.run(
            [str(RUFF), *args, "--stdin-filename", f"{source.stem}.py", "-"],
            input=text,
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_menu_entry_is_valid() -> None:
    desktop = ROOT / "installers" / "linux" / "hanoi-desk.desktop"
    validate = shutil.which("desktop-file-validate")
    assert validate is not None, "./run installs desktop-file-utils"
    result = subprocess.run([validate, str(desktop)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "", result.stdout
    text = desktop.read_text("utf-8")
    assert "Icon=hanoi-desk\n" in text and "Exec=hanoi-desk\n" in text
    assert "Comment[vi]=Đọc tài liệu họp" in text


def _iss_sections() -> dict[str, str]:
    text = ISS.read_text("utf-8-sig")
    parts = re.split(r"^\[(\w+)\]\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_windows_installer_is_per_machine_with_a_start_menu_entry() -> None:
    sections = _iss_sections()
    setup = sections["Setup"]
    assert "PrivilegesRequired=admin\n" in setup
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # no per-user install
    assert "DefaultDirName={autopf}\\Hanoi Desk\n" in setup
    assert 'Name: "{group}\\Hanoi Desk"; Filename: "{app}\\{#MainExe}"' in sections["Icons"]
    assert '"" --self-test"' in sections["Icons"]  # the console twin's self-test entry
    header = ISS.read_text("utf-8-sig").split("[Setup]")[0]
    assert '#define MainExe "hanoi-desk.exe"' in header
    assert '#define ConsoleExe "hanoi-desk-console.exe"' in header
    # One source for the version: the exe's resource, made by build.spec.
    assert "GetVersionNumbersString(AddBackslash(BundlePath) + MainExe)" in header
    assert (ISS.parent / "../../resources/icons/hanoi-desk.ico").resolve().is_file()


def test_windows_uninstall_asks_keep_or_wipe_and_keeps_by_default() -> None:
    code = _iss_sections()["Code"]
    assert "MB_YESNO or MB_DEFBUTTON2" in code  # "No" (keep) is the default button
    assert "if (not WipeProfiles) and (not UninstallSilent())" in code  # silent: keep
    assert "{param:WIPEPROFILES|0}" in code
    assert "AppData\\Local\\HanoiDesk" in code  # platformdirs' folder on Windows
    # Crypto-shred order, as `hanoi-desk profile wipe`: the key file, then the rest.
    assert code.index("'\\profile.json'") < code.index("DelTree(Folder")
    assert "usPostUninstall" in code


def test_deb_script_refuses_a_folder_that_is_not_a_bundle(tmp_path: Path) -> None:
    script = ROOT / "installers" / "linux" / "build-deb.sh"
    result = subprocess.run(
        [str(script), str(tmp_path), str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "is not a Hanoi Desk bundle" in result.stderr
    assert not (tmp_path / "out").exists()


def test_readme_tells_how_to_build_each_package() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    packaging = readme.split("## Packaging", 1)[1].split("\n## ", 1)[0]
    for needle in (
        "build.spec",
        "installers/linux/build-deb.sh",
        "installers\\windows\\hanoi-desk.iss",
        "installers/macos.md",
        "--self-test",
        "docs/packaging.md",
    ):
        assert needle in packaging, needle
