"""The whole check, as ``./run test`` and CI run it.

    ./run test                          static checks, then every group
    ./run test -x -k pin                static checks, then every group with ``-x -k pin``
    ./run test tests/signing/test_demo_kit.py::test_name -x
                                        static checks, then only the group holding that test
    ./run test --no-static ARGS         the same without the static checks

Static checks first (ruff, ruff format, mypy, the layers contract), then each
group of tests in a pytest process of its own, inside a private D-Bus session
with an unlocked gnome-keyring, so the keyring tests use a real Secret Service,
and with a private HOME, so nothing touches the developer's own keyring or
profiles.

Arguments go to every group's pytest, except test paths (a file or folder under
tests/, with or without ``::test``, relative to the folder ``./run`` was started
from): those choose the groups, and each chosen group runs only the paths that
lie in it. An option's value that happens to be a path must follow an option
this script knows takes one (``VALUE_OPTIONS``, ``OPTIONAL_VALUE_OPTIONS``, both
checked against ``pytest --help``) or be written ``--option=value``.
``--no-static`` (this script's own option) skips ruff, mypy and import-linter.
``-h``/``--help`` prints this text; pytest's own help is
``.venv/bin/python -m pytest --help``.

A group fails when pytest fails, when it collected no test, or when every test
it ran was skipped: a group that skips everything (SoftHSM2 or PostgreSQL
missing, say) has tested nothing and must not pass. A group whose tests were
all deselected by ``-k``/``-m``/``--deselect`` is reported and does not fail,
but a run in which no group ran a test does. With ``-x`` the run stops after
the first failing group.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CALLER_DIR_ENV = "HANOI_DESK_RUN_CWD"
"""Set by ``./run``, which moves to the checkout before calling this script, so
that test paths are read from where the developer typed them."""
PLUGIN = "tests.run_all_plugin"
NO_STATIC = "--no-static"

# Each group runs in a pytest process of its own: a PKCS#11 module is initialised
# once per process (SoftHSM reads SOFTHSM2_CONF only then, and logins are
# per process), so the signing tests' token and the desktop tests' token cannot
# live in one process. Groups also keep a crash in one area from hiding the rest.
GROUPS = [
    [
        # domain (pure) and app (use cases, no Qt, no PKCS#11 token) load no
        # PKCS#11 module, so they can share the store's process.
        "tests/domain",
        "tests/app",
        "tests/store",
        "tests/test_cli.py",
        "tests/test_errors.py",
        "tests/test_i18n.py",
        "tests/test_run_all.py",
        "tests/test_docs.py",
        "tests/test_screenshots.py",
    ],
    ["tests/signing"],
    ["tests/server"],
    ["tests/sync"],
    ["tests/ui"],
    ["tests/packaging"],  # builds the PyInstaller bundle and the .deb (about 1.5 min)
]

VALUE_OPTIONS = frozenset(
    {
        "-k", "-m", "-p", "-c", "--config-file", "-o", "--override-ini", "-W",
        "--pythonwarnings", "-r", "--report-chars", "--maxfail", "--max-warnings",
        "--deselect", "--ignore", "--ignore-glob", "--confcutdir", "--import-mode",
        "--rootdir", "--basetemp", "--durations", "--durations-min", "--verbosity", "--tb",
        "--show-capture", "--color", "--code-highlight", "--pdbcls", "--capture", "--pastebin",
        "--assert", "--junitxml", "--junit-xml", "--junitprefix", "--junit-prefix",
        "--doctest-report", "--doctest-glob", "--lfnf", "--last-failed-no-failures",
        "--log-level", "--log-format", "--log-date-format", "--log-cli-level",
        "--log-cli-format", "--log-cli-date-format", "--log-file", "--log-file-mode",
        "--log-file-level", "--log-file-format", "--log-file-date-format", "--log-auto-indent",
        "--log-disable", "--qt-log-format", "--timeout", "--timeout_method", "--timeout-method",
        "--session-timeout", "--anyio-mode",
    }
)  # fmt: skip
"""pytest options (with this venv's plugins) whose value is the next argument
(``-k EXPR``): that value is never read as a test path. ``pytest --help`` lists
them; tests/test_run_all.py checks this set against it."""

OPTIONAL_VALUE_OPTIONS = frozenset({"--debug", "--cache-show"})
"""pytest options whose value may be left out (``--debug`` alone writes
pytestdebug.log). pytest still takes the next argument as the value unless it
starts with ``-``, so this script reads it the same way."""

_FLAG_CLUSTER = re.compile(r"-[vqslx]+")
"""Short flags written together (``-xvs``); none of them takes a value."""


class UsageError(Exception):
    """Arguments this script cannot run; the message says which and why."""


@dataclass(frozen=True)
class GroupRun:
    """One pytest process: a group's name and the arguments it gets."""

    name: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    static: bool
    runs: tuple[GroupRun, ...]
    stop_after_failure: bool


@dataclass(frozen=True)
class Counts:
    """What a group's pytest did, as ``run_all_plugin`` writes it."""

    passed: int = 0
    failed: int = 0
    skipped: int = 0
    xfailed: int = 0
    xpassed: int = 0
    errors: int = 0
    deselected: int = 0
    skip_reasons: tuple[str, ...] = field(default=())

    @property
    def ran(self) -> int:
        """Tests whose body ran (an expected failure ran too)."""
        return self.passed + self.failed + self.xfailed + self.xpassed

    @classmethod
    def read(cls, path: Path) -> Counts | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        reasons = tuple(str(r) for r in data.pop("skip_reasons", []))
        try:
            return cls(**{k: int(v) for k, v in data.items()}, skip_reasons=reasons)
        except (TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Verdict:
    status: str
    """``passed``, ``failed``, or ``empty`` (every test deselected: not a failure)."""
    reason: str

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def judge(exit_code: int, counts: Counts | None) -> Verdict:
    """Whether one group passed, from pytest's exit code and the plugin's counts."""
    if exit_code not in (0, 5):
        return Verdict("failed", f"pytest exit {exit_code}")
    if counts is None:
        # Without the counts an all-skipped group would look like a pass.
        return Verdict("failed", "pytest left no summary of what ran (did it crash?)")
    if exit_code == 5 or counts.ran == 0:
        if counts.deselected and not counts.skipped:
            return Verdict("empty", f"no test selected ({counts.deselected} deselected)")
        if counts.skipped:
            why = "; ".join(counts.skip_reasons[:3])
            return Verdict("failed", f"ran no test: all {counts.skipped} skipped ({why})")
        return Verdict("failed", "ran no test: pytest collected none")
    summary = f"{counts.passed} passed, {counts.skipped} skipped"
    return Verdict("passed", summary)


def _as_test_path(arg: str, cwd: Path) -> str | None:
    """``arg`` as a path under ROOT (keeping a ``::test`` part) when it names a
    file or folder; None when it is no path at all."""
    file_part, sep, node = arg.partition("::")
    looks_like_path = bool(sep) or "/" in file_part or file_part.endswith(".py")
    candidate = Path(file_part)
    full = candidate if candidate.is_absolute() else cwd / candidate
    if not full.exists() and not candidate.is_absolute():
        full = ROOT / candidate  # ``tests/...`` typed from a subfolder still means the checkout's
    if not file_part or not full.exists():
        if looks_like_path:
            raise UsageError(f"no such test file or folder: {arg}")
        return None
    try:
        rel = full.resolve().relative_to(ROOT)
    except ValueError:
        raise UsageError(f"{arg} is outside this checkout's tests/") from None
    if rel.parts[:1] != ("tests",):
        raise UsageError(f"{arg} is outside this checkout's tests/")
    return rel.as_posix() + sep + node


def _group_paths(group: Sequence[str], paths: Sequence[str]) -> list[str]:
    """The paths of ``paths`` this group holds, or its own entries under a
    requested folder (``tests`` holds every group's entries)."""
    chosen: list[str] = []
    for path in paths:
        target = Path(path.partition("::")[0])
        for entry in map(Path, group):
            if target == entry or entry in target.parents:
                chosen.append(path)
            elif target in entry.parents:
                chosen.append(entry.as_posix())
    return list(dict.fromkeys(chosen))


def make_plan(argv: Sequence[str], cwd: Path) -> Plan:
    static = True
    options: list[str] = []
    paths: list[str] = []
    value_next = False
    value_may_follow = False
    for arg in argv:
        if value_next or (value_may_follow and not arg.startswith("-")):
            options.append(arg)
            value_next = value_may_follow = False
            continue
        value_may_follow = False
        if arg == NO_STATIC:
            static = False
        elif arg.startswith("-"):
            options.append(arg)
            value_next = arg in VALUE_OPTIONS
            value_may_follow = arg in OPTIONAL_VALUE_OPTIONS
        else:
            path = _as_test_path(arg, cwd)
            if path is None:
                options.append(arg)
            else:
                paths.append(path)
    if value_next:
        raise UsageError(f"{options[-1]} needs a value")
    stop = any(a in ("-x", "--exitfirst") or (_FLAG_CLUSTER.fullmatch(a) and "x" in a)
               for a in options)  # fmt: skip
    # A full run shows the slowest tests; a developer's subset shows what they asked for.
    extra = ("--durations=8",) if not options and not paths else ()
    runs = []
    for group in GROUPS:
        chosen = _group_paths(group, paths) if paths else list(group)
        if chosen:
            runs.append(GroupRun(" ".join(group), (*extra, *options, *chosen)))
    lost = [p for p in paths if not any(_group_paths(group, [p]) for group in GROUPS)]
    if lost:
        raise UsageError(f"in no test group of tests/run_all.py: {', '.join(lost)}")
    return Plan(static, tuple(runs), stop)


def execute(plan: Plan, run_one: Callable[[GroupRun], Verdict]) -> list[tuple[GroupRun, Verdict]]:
    results = []
    for run in plan.runs:
        verdict = run_one(run)
        results.append((run, verdict))
        if verdict.failed and plan.stop_after_failure:
            break
    return results


def overall_failure(results: Sequence[tuple[GroupRun, Verdict]]) -> str | None:
    """What makes the whole run fail, or None."""
    failed = [run.name for run, verdict in results if verdict.failed]
    if failed:
        return "FAILED groups: " + "; ".join(failed)
    if not any(verdict.status == "passed" for _, verdict in results):
        return "FAILED: no group ran a test"
    return None


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


def static_checks() -> None:
    step("ruff check", [str(BIN / "ruff"), "check", "src", "tests", "benchmarks"])
    step(
        "ruff format --check",
        [str(BIN / "ruff"), "format", "--check", "src", "tests", "benchmarks"],
    )
    step("mypy", [str(BIN / "mypy")])
    step("layers contract (import-linter)", [str(BIN / "lint-imports")])


def pytest_command(run: GroupRun, summary: Path) -> list[str]:
    return [
        str(BIN / "python"), "-m", "pytest", "-p", PLUGIN, f"--run-all-summary={summary}",
        *run.args,
    ]  # fmt: skip


def run_group(run: GroupRun, env: dict[str, str], summary: Path) -> Verdict:
    pytest = pytest_command(run, summary)
    if "HANOI_DESK_TEST_KEYRING" in env:
        inner = (
            "printf test-keyring | gnome-keyring-daemon --unlock --components=secrets "
            '>/dev/null 2>&1; exec "$@"'
        )
        cmd = ["dbus-run-session", "--", "sh", "-c", inner, "sh", *pytest]
    else:
        cmd = pytest
    summary.unlink(missing_ok=True)
    print("==> pytest " + " ".join(run.args), flush=True)
    # No "FAILED" line from here: exit 5 may be an empty group, judge() tells.
    code = subprocess.run(cmd, cwd=ROOT, env=env, check=False).returncode
    verdict = judge(code, Counts.read(summary))
    print(f"--> {run.name}: {verdict.status.upper()} ({verdict.reason})", flush=True)
    return verdict


def main(argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if "-h" in args or "--help" in args:
        print(__doc__)
        return
    if uncovered():
        raise SystemExit(f"tests/run_all.py: add these to GROUPS: {uncovered()}")
    try:
        plan = make_plan(args, Path(os.environ.get(CALLER_DIR_ENV) or Path.cwd()))
    except UsageError as exc:
        raise SystemExit(f"tests/run_all.py: {exc}") from None
    if plan.static:
        static_checks()

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
        env.pop(CALLER_DIR_ENV, None)
        if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
            env.pop("HANOI_DESK_TEST_KEYRING", None)
        summary = Path(home) / "group-summary.json"
        results = execute(plan, lambda run: run_group(run, env, summary))
    print("==> summary", flush=True)
    for run, verdict in results:
        print(f"    {verdict.status.upper():7} {run.name}: {verdict.reason}", flush=True)
    skipped = [run.name for run in plan.runs[len(results) :]]
    if skipped:
        print(f"    not run after the first failure (-x): {'; '.join(skipped)}", flush=True)
    failure = overall_failure(results)
    if failure:
        print(failure, flush=True)
        raise SystemExit(1)


if __name__ == "__main__":
    main()
