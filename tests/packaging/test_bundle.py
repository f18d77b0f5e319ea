"""The frozen desktop bundle, built from build.spec exactly as a release is.

A missing hidden import, data file or native library shows only when the frozen
program runs, so this builds the bundle (into a temporary folder, a minute or
two on two cores), runs its ``--self-test`` offscreen and on an X server,
checks what must and must not be inside, and packs and inspects the .deb.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from hanoi_desk import __version__
from hanoi_desk.demo.kit import softhsm_module
from helpers import ROOT, SELF_TEST_CHECKS, pyinstaller_command, self_test_lines

SIZE_BUDGET_MIB = 225  # measured 215 MiB; see docs/packaging.md for what it is made of
LEFT_OUT = (
    "hanoi_desk.server",
    "starlette",
    "uvicorn",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "argon2",
    "certomancer",
    "werkzeug",
    "pytest",
    "tests",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtNetwork",
    "PySide6.QtPdf",
    "rich",
    "pygments",
)
NOT_SHIPPED_FILES = ("WebEngine", "Qt6Quick", "Qt6Qml", "libqgtk3", "mupdf-devel", "libgtk-3")


@dataclass(frozen=True)
class Bundle:
    folder: Path
    """``<distpath>/hanoi-desk``."""
    work: Path
    build_seconds: float

    @property
    def internal(self) -> Path:
        return self.folder / "_internal"


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    out = tmp_path_factory.mktemp("bundle")
    started = time.monotonic()
    result = subprocess.run(
        pyinstaller_command(out),
        cwd=out,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    built = Bundle(out / "dist" / "hanoi-desk", out / "work", time.monotonic() - started)
    print(f"\nbundle built in {built.build_seconds:.0f} s", flush=True)
    yield built
    shutil.rmtree(out, ignore_errors=True)


def _frozen_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The frozen program must not lean on the checkout or the virtual environment."""
    tmp.mkdir(exist_ok=True)
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "VIRTUAL_ENV", "HANOI_DESK_RESOURCES")
    }
    env.update(
        TMPDIR=str(tmp),
        HANOI_DESK_HOME=str(tmp.parent / "untouched-home"),
        HANOI_DESK_LANG="en",
        PATH=os.defpath + ":/usr/sbin:/sbin",
        **extra,
    )
    return env


def _assert_all_ok(stdout: str, qt_platform: str) -> None:
    lines = self_test_lines(stdout)
    assert list(lines) == SELF_TEST_CHECKS, stdout
    bad = {name: v for name, v in lines.items() if v[0] != "ok"}
    assert bad == {}, stdout
    # The bundle's own resources, not the checkout's.
    assert "_internal/resources" in lines["bundled resources"][1]
    assert f"“{qt_platform}”" in lines["Qt platform plugin"][1], stdout


def test_frozen_self_test_passes_offscreen(bundle: Bundle, tmp_path: Path) -> None:
    assert softhsm_module() is not None, "./run installs SoftHSM2: signing must be checked"
    tmp = tmp_path / "tmp"
    result = subprocess.run(
        [str(bundle.folder / "hanoi-desk-console"), "--self-test"],
        env=_frozen_env(tmp, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_all_ok(result.stdout, "offscreen")
    assert list(tmp.iterdir()) == []
    assert not (tmp_path / "untouched-home").exists()


def test_windowed_program_passes_on_an_x_server(bundle: Bundle, tmp_path: Path) -> None:
    """The xcb plugin and the X libraries it needs load from the bundle."""
    xvfb = shutil.which("xvfb-run")
    assert xvfb is not None, "./run installs xvfb"
    tmp = tmp_path / "tmp"
    env = _frozen_env(tmp, QT_QPA_PLATFORM="xcb")
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [xvfb, "-a", "-s", "-screen 0 1024x768x24", bundle.folder / "hanoi-desk", "--self-test"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_all_ok(result.stdout, "xcb")
    assert list(tmp.iterdir()) == []


def _module_names(bundle: Bundle) -> set[str]:
    from PyInstaller.archive.readers import CArchiveReader

    package = CArchiveReader(str(bundle.folder / "hanoi-desk"))
    return set(package.open_embedded_archive("PYZ.pyz").toc)


def test_server_dev_tools_and_unused_qt_are_left_out(bundle: Bundle) -> None:
    modules = _module_names(bundle)
    assert {"hanoi_desk.cli.main", "hanoi_desk.ui.main_window", "hanoi_desk.selftest.runner"} <= (
        modules
    )
    shipped = sorted(m for m in modules if any(m == n or m.startswith(f"{n}.") for n in LEFT_OUT))
    assert shipped == []
    files = [str(p.relative_to(bundle.folder)) for p in bundle.folder.rglob("*")]
    assert [f for f in files if any(n in f for n in NOT_SHIPPED_FILES)] == []
    top = {p.name for p in bundle.internal.iterdir()}
    assert not top & {"starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg", "certomancer"}


def test_what_the_app_loads_at_run_time_is_inside(bundle: Bundle) -> None:
    inside = bundle.internal
    for path in (
        "resources/fonts/NotoSans-Regular.ttf",
        "resources/fonts/LICENSE-OFL.txt",
        "resources/i18n/hanoi_desk_vi.qm",
        "resources/icons/hanoi-desk-256.png",
        "resources/icons/lucide/house.svg",
        "resources/icons/lucide/LICENSE.txt",
        "resources/i18n/qt_vi.qm",
        "resources/samples/self-test.pdf",
        "hanoi_desk/locale/vi/selftest.json",
        "hanoi_desk/locale/vi/core.json",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6/Qt/plugins/platforms/libqwayland.so",
        "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
        "pyhanko/sign/validation/qualified/lotl-certs/latest.cert.pem",
    ):
        assert (inside / path).is_file(), path
    assert list(inside.glob("pyhanko-*.dist-info/METADATA"))
    assert list(inside.glob("sqlcipher3/_sqlite3*.so"))
    assert list(inside.glob("pymupdf/libmupdf.so*"))
    assert not (inside / "resources" / "icons" / "make_icons.py").exists()
    assert not list((inside / "resources" / "i18n").glob("*.ts"))
    assert not (inside / "PySide6" / "Qt" / "translations").exists()  # unused: see build.spec
    twin = bundle.folder / "hanoi-desk-console"
    assert twin.is_symlink() and os.readlink(twin) == "hanoi-desk"  # Linux: one program


def test_server_commands_say_the_server_is_not_installed(bundle: Bundle, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(bundle.folder / "hanoi-desk-console"), "server", "--data", str(tmp_path / "srv")],
        env=_frozen_env(tmp_path / "tmp"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert "The reference server is not installed here" in result.stderr, result.stderr
    assert not (tmp_path / "srv").exists()


def _apparent_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if not p.is_dir())


def test_bundle_size_stays_in_budget(bundle: Bundle) -> None:
    mib = _apparent_size(bundle.folder) / 1024 / 1024
    print(f"\nbundle size {mib:.1f} MiB unpacked", flush=True)
    assert mib < SIZE_BUDGET_MIB


def _version_strings(text: str) -> dict[str, str]:
    tree = ast.parse(text, mode="eval")
    return {
        node.args[0].value: node.args[1].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "StringStruct"
        and all(isinstance(a, ast.Constant) for a in node.args)
    }


def test_windows_version_resource_comes_from_the_package_version(bundle: Bundle) -> None:
    text = (bundle.work / "build" / "version_info.txt").read_text("utf-8")
    strings = _version_strings(text)
    assert strings["ProductVersion"] == __version__
    numbers = [int(n) for n in __version__.split(".")]
    four = [*numbers, 0, 0, 0, 0][:4]
    assert strings["FileVersion"] == ".".join(map(str, four))
    assert f"filevers={tuple(four)}" in text
    assert strings["OriginalFilename"] == "hanoi-desk.exe"


def _deb_listing(deb: Path) -> dict[str, str]:
    """{path: listing line} from ``dpkg-deb -c``; symlinks keyed without ``-> target``."""
    out = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True)
    listing = {}
    for line in out.stdout.splitlines():
        path = line.split(None, 5)[5].split(" -> ")[0]
        listing[path] = line
    return listing


def test_deb_installs_bundle_menu_entry_icons_and_commands(bundle: Bundle, tmp_path: Path) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [str(ROOT / "installers" / "linux" / "build-deb.sh"), str(bundle.folder), str(tmp_path)],
        env={**os.environ, "DEB_COMPRESSION": "none"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    deb = Path(result.stdout.strip().splitlines()[-1])
    assert deb == tmp_path / f"hanoi-desk_{__version__}_amd64.deb"
    print(f"\n.deb built in {time.monotonic() - started:.0f} s", flush=True)

    listing = _deb_listing(deb)
    assert listing["./usr/share/applications/hanoi-desk.desktop"].startswith("-rw-r--r-- root/root")
    for size in (48, 128, 256):
        assert f"./usr/share/icons/hicolor/{size}x{size}/apps/hanoi-desk.png" in listing
    assert listing["./usr/bin/hanoi-desk"].startswith("lrwxrwxrwx root/root")
    assert listing["./usr/bin/hanoi-desk"].endswith(" -> /opt/hanoi-desk/hanoi-desk")
    console_link = listing["./usr/bin/hanoi-desk-console"]
    assert console_link.endswith(" -> /opt/hanoi-desk/hanoi-desk-console")
    assert listing["./opt/hanoi-desk/hanoi-desk"].startswith("-rwxr-xr-x root/root")
    assert "./opt/hanoi-desk/_internal/resources/samples/self-test.pdf" in listing
    assert "./usr/share/doc/hanoi-desk/copyright" in listing

    fields = subprocess.run(
        ["dpkg-deb", "-f", str(deb), "Package", "Version", "Architecture", "Installed-Size"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Package: hanoi-desk\nVersion: {__version__}\nArchitecture: amd64\n" in fields
    installed_kib = int(fields.split("Installed-Size: ")[1].split()[0])
    assert abs(installed_kib * 1024 - _apparent_size(bundle.folder)) < 2 * 1024 * 1024

    unpacked = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    desktop = unpacked / "usr/share/applications/hanoi-desk.desktop"
    validate = subprocess.run(
        ["desktop-file-validate", str(desktop)], capture_output=True, text=True, check=False
    )
    assert validate.returncode == 0 and validate.stdout == "", validate.stdout
    assert "Exec=hanoi-desk\n" in desktop.read_text("utf-8")
    version = subprocess.run(
        [str(unpacked / "opt/hanoi-desk/hanoi-desk-console"), "--version"],
        env=_frozen_env(tmp_path / "tmp"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert version.stdout.strip() == f"hanoi-desk {__version__}"
