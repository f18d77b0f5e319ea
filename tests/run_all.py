"""The whole check, as ``./run test`` and CI run it.

Static checks first (ruff, mypy, the layers contract), then pytest inside a
private D-Bus session with an unlocked gnome-keyring, so the keyring tests use
a real Secret Service, and with a private HOME, so nothing touches the
developer's own keyring or profiles. Extra arguments go to pytest.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

# Each group runs in a pytest process of its own: a PKCS#11 module is initialised
# once per process (SoftHSM reads SOFTHSM2_CONF only then, and logins are
# per process), so the signing tests' token and the desktop tests' token cannot
# live in one process. Groups also keep a crash in one area from hiding the rest.
GROUPS = [
    ["tests/store", "tests/test_cli.py", "tests/test_i18n.py"],
    ["tests/signing"],
    ["tests/server"],
    ["tests/sync"],
    ["tests/ui"],
    ["tests/packaging"],  # builds the PyInstaller bundle and the .deb (about 1.5 min)
]


def step(
    title: str, cmd: list[str], env: dict[str, str] | None = None, *, stop: bool = True
) -> int:
    print(f"==> {title}", flush=True)
    result = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        print(f"FAILED: {title} (exit {result.returncode})", flush=True)
        if stop:
            raise SystemExit(result.returncode)
    return result.returncode


def uncovered() -> list[str]:
    """Test files no group runs: a new folder must be added to GROUPS, not forgotten."""
    covered = [ROOT / g for group in GROUPS for g in group]
    return [
        str(f.relative_to(ROOT))
        for f in sorted((ROOT / "tests").rglob("test_*.py"))
        if not any(f == c or c in f.parents for c in covered)
    ]


def main() -> None:
    pytest_args = sys.argv[1:]
    if uncovered():
        raise SystemExit(f"tests/run_all.py: add these to GROUPS: {uncovered()}")
    quick = bool(pytest_args)  # a developer running a subset skips the static checks
    if not quick:
        step("ruff check", [str(BIN / "ruff"), "check", "src", "tests", "benchmarks"])
        step(
            "ruff format --check",
            [str(BIN / "ruff"), "format", "--check", "src", "tests", "benchmarks"],
        )
        step("mypy", [str(BIN / "mypy")])
        step("layers contract (import-linter)", [str(BIN / "lint-imports")])

    with tempfile.TemporaryDirectory(prefix="hd-test-home-") as home:
        runtime = Path(home) / "run"
        runtime.mkdir(mode=0o700)
        env = dict(os.environ)
        env.update(
            HOME=home,
            XDG_RUNTIME_DIR=str(runtime),
            XDG_DATA_HOME=str(Path(home) / "data"),
            XDG_CONFIG_HOME=str(Path(home) / "config"),
            QT_QPA_PLATFORM="offscreen",
            PYTHONDONTWRITEBYTECODE="1",
            HANOI_DESK_TEST_KEYRING="1",
        )
        env.pop("DBUS_SESSION_BUS_ADDRESS", None)
        failed = []
        for group in [pytest_args] if quick else GROUPS:
            extra = [] if quick else ["--durations=8"]
            pytest = [str(BIN / "python"), "-m", "pytest", *extra, *group]
            if shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon"):
                inner = (
                    "printf test-keyring | gnome-keyring-daemon --unlock --components=secrets "
                    '>/dev/null 2>&1; exec "$@"'
                )
                cmd = ["dbus-run-session", "--", "sh", "-c", inner, "sh", *pytest]
            else:
                env.pop("HANOI_DESK_TEST_KEYRING", None)
                cmd = pytest
            if step("pytest " + " ".join(group), cmd, env, stop=False):
                failed.append(" ".join(group))
        if failed:
            print("FAILED groups: " + "; ".join(failed), flush=True)
            raise SystemExit(1)


if __name__ == "__main__":
    main()
