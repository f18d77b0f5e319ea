"""``./run test``'s runner: arguments keep the static checks and the groups'
separate processes, test paths choose the groups, and a group that ran no test
fails. The last tests run real pytest processes with the runner's plugin."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import run_all
from run_all import GROUPS, ROOT, Counts, GroupRun, Plan, UsageError, Verdict, judge, make_plan

DEMO_KIT = "tests/signing/test_demo_kit.py"


def test_no_arguments_run_the_static_checks_and_every_group_apart() -> None:
    plan = make_plan([], ROOT)
    assert plan.static and not plan.stop_after_failure
    assert [run.args for run in plan.runs] == [("--durations=8", *g) for g in GROUPS]


def test_options_keep_the_static_checks_and_each_group_in_its_own_process() -> None:
    plan = make_plan(["-x", "-k", "tests/store", "--tb=short"], ROOT)
    assert plan.static and plan.stop_after_failure
    assert len(plan.runs) == len(GROUPS)  # not one process for everything
    for run, group in zip(plan.runs, GROUPS, strict=True):
        # "-k tests/store" is -k's value, not a path that would choose a group
        assert run.args == ("-x", "-k", "tests/store", "--tb=short", *group)


def test_a_test_path_runs_only_the_groups_holding_it() -> None:
    node = f"{DEMO_KIT}::test_find_softhsm_names_what_is_missing"
    plan = make_plan([node, "-q", "tests/server/test_pg_helper.py", "tests/test_cli.py"], ROOT)
    assert plan.static
    assert [(run.name, run.args) for run in plan.runs] == [
        (" ".join(GROUPS[0]), ("-q", "tests/test_cli.py")),
        ("tests/signing", ("-q", node)),
        ("tests/server", ("-q", "tests/server/test_pg_helper.py")),
    ]


def test_paths_are_read_from_where_run_was_started() -> None:
    plan = make_plan(["signing/test_demo_kit.py"], ROOT / "tests")
    assert [(run.name, run.args) for run in plan.runs] == [("tests/signing", (DEMO_KIT,))]
    # the tests folder itself holds every group, each still in its own process
    plan = make_plan(["-xvs", "."], ROOT / "tests")
    assert plan.stop_after_failure
    assert [run.args for run in plan.runs] == [("-xvs", *g) for g in GROUPS]


def test_no_static_is_an_explicit_option_of_the_runner() -> None:
    plan = make_plan(["--no-static", "-x"], ROOT)
    assert not plan.static
    assert all("--no-static" not in run.args for run in plan.runs)
    assert make_plan(["-x"], ROOT).static


_HELP_OPTION = re.compile(r"^  (-[^\s,].*?)(?:\s{2,}|$)")
"""An option line of ``pytest --help``: two spaces, then ``-k EXPRESSION`` or
``-c FILE, --config-file=FILE``, then the description (deeper lines continue it)."""
_HELP_NAME = re.compile(r"(--?[\w-]+)(?:[ =](\[)?\S+)?")


def _help_key(option: str) -> str:
    """pytest's help shows only the longest of long names equal but for their
    hyphens (``--junit-xml``, not ``--junitxml``): compare names without them."""
    return option if not option.startswith("--") else "--" + option[2:].replace("-", "")


def _pytest_help_value_options() -> tuple[set[str], set[str]]:
    """The options this venv's ``pytest --help`` shows with a value
    (``--tb=style``), and those whose value may be left out (``--debug=[FILE]``)."""
    help_text = subprocess.run(
        [sys.executable, "-m", "pytest", "--help"],
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "250"},  # one option per line, however long
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    options = help_text.split("[pytest] configuration options")[0]  # then ini names
    required: set[str] = set()
    optional: set[str] = set()
    for line in options.splitlines():
        spec = _HELP_OPTION.match(line)
        if spec is None:
            continue
        names = [_HELP_NAME.fullmatch(part) for part in spec.group(1).split(", ")]
        assert all(names), line  # a help layout this parser does not know
        if any(n and n.group(0) != n.group(1) for n in names):
            optional_value = any(n and n.group(2) for n in names)
            (optional if optional_value else required).update(n.group(1) for n in names if n)
    return required, optional


def test_value_options_are_pytests_own() -> None:
    """Every option the runner skips a value for takes one in pytest (with this
    venv's plugins), and every pytest option taking a value is known, so that
    ``--doctest-glob tests/*.txt`` is not read as a missing test path."""
    required, optional = _pytest_help_value_options()
    assert {"-k", "--tb", "--junit-xml"} <= required and "--debug" in optional  # parsed
    assert {_help_key(o) for o in run_all.VALUE_OPTIONS} == {_help_key(o) for o in required}
    assert required <= run_all.VALUE_OPTIONS
    assert optional == run_all.OPTIONAL_VALUE_OPTIONS


def test_an_optional_value_is_taken_only_when_one_follows() -> None:
    """``--debug FILE`` takes FILE, as pytest does; ``--debug`` before another
    option or a test path takes nothing, and alone at the end is no error."""
    log = "/tmp/pytest-debug.log"  # a path that does not exist yet: no test path
    plan = make_plan(["--debug", log, "-x"], ROOT)
    assert plan.stop_after_failure
    assert [run.args for run in plan.runs] == [("--debug", log, "-x", *g) for g in GROUPS]
    plan = make_plan(["--debug", "-x", "tests/store"], ROOT)
    assert [run.args for run in plan.runs] == [("--debug", "-x", "tests/store")]
    assert [run.args for run in make_plan(["--debug"], ROOT).runs] == [
        ("--debug", *g) for g in GROUPS
    ]
    plan = make_plan(["--doctest-glob", "tests/*.txt"], ROOT)
    assert plan.runs[0].args == ("--doctest-glob", "tests/*.txt", *GROUPS[0])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["tests/signing/test_no_such_file.py"], "no such test file or folder"),
        ([f"{DEMO_KIT.removesuffix('.py')}.txt::test_x"], "no such test file or folder"),
        (["/etc/hostname"], "outside this checkout's tests/"),
        (["src/hanoi_desk"], "outside this checkout's tests/"),
        (["tests/helpers.py"], "in no test group"),
        (["-k"], "-k needs a value"),
    ],
)
def test_arguments_that_cannot_run_are_refused_by_name(argv: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        make_plan(argv, ROOT)


@pytest.mark.parametrize(
    ("code", "counts", "status", "reason"),
    [
        (0, Counts(passed=3, skipped=1), "passed", "3 passed"),
        (0, Counts(skipped=4, skip_reasons=("no SoftHSM2",)), "failed", "all 4 skipped"),
        (0, Counts(xfailed=1), "passed", "0 passed"),
        (5, Counts(), "failed", "collected none"),
        (5, Counts(deselected=7), "empty", "7 deselected"),
        (5, Counts(deselected=7, skipped=1), "failed", "all 1 skipped"),
        (1, Counts(passed=2, failed=1), "failed", "exit 1"),
        (2, None, "failed", "exit 2"),
        (0, None, "failed", "no summary"),
    ],
)
def test_judge(code: int, counts: Counts | None, status: str, reason: str) -> None:
    verdict = judge(code, counts)
    assert verdict.status == status and reason in verdict.reason


def test_x_stops_after_the_first_failing_group_and_an_empty_run_fails() -> None:
    runs = tuple(GroupRun(name, ()) for name in ("a", "b", "c"))
    answers = {"a": Verdict("passed", ""), "b": Verdict("failed", ""), "c": Verdict("passed", "")}
    seen: list[str] = []

    def run_one(run: GroupRun) -> Verdict:
        seen.append(run.name)
        return answers[run.name]

    results = run_all.execute(Plan(True, runs, stop_after_failure=True), run_one)
    assert seen == ["a", "b"]
    assert run_all.overall_failure(results) == "FAILED groups: b"
    seen.clear()
    run_all.execute(Plan(True, runs, stop_after_failure=False), run_one)
    assert seen == ["a", "b", "c"]
    empty = [(runs[0], Verdict("empty", "")), (runs[1], Verdict("empty", ""))]
    assert run_all.overall_failure(empty) == "FAILED: no group ran a test"
    assert run_all.overall_failure([(runs[0], Verdict("passed", "")), *empty]) is None


SKIPPING = """
import pytest

@pytest.mark.skip(reason="no token here")
def test_marked() -> None:
    pass

def test_skips_itself() -> None:
    pytest.skip("no server here")
"""
MIXED = """
import pytest

def test_passes() -> None:
    assert True

@pytest.mark.xfail(strict=True)
def test_expected_to_fail() -> None:
    assert False

def test_skips() -> None:
    pytest.skip("optional")
"""


@pytest.mark.parametrize(
    ("source", "extra", "status", "reason"),
    [
        (SKIPPING, (), "failed", "all 2 skipped (no token here; no server here)"),
        (MIXED, (), "passed", "1 passed, 1 skipped"),
        (MIXED, ("-k", "nothing_matches"), "empty", "3 deselected"),
        ("", (), "failed", "collected none"),
        (MIXED.replace("assert True", "assert False"), (), "failed", "exit 1"),
    ],
)
def test_a_real_pytest_run_is_judged_from_what_ran(
    tmp_path: Path, source: str, extra: tuple[str, ...], status: str, reason: str
) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # not the project's settings
    (tmp_path / "test_group.py").write_text(source)
    env = {k: v for k, v in os.environ.items() if k != "HANOI_DESK_TEST_KEYRING"}
    summary = tmp_path / "summary.json"
    verdict = run_all.run_group(GroupRun("g", (*extra, str(tmp_path))), env, summary)
    assert verdict.status == status and reason in verdict.reason


def test_every_test_file_is_in_a_group() -> None:
    assert run_all.uncovered() == []
