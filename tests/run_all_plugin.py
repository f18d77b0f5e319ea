"""A pytest plugin of ``tests/run_all.py``: counts what a group's run did and
writes it as JSON, so that the runner can fail a group whose tests all skipped
(pytest itself exits 0 then).

    python -m pytest -p tests.run_all_plugin --run-all-summary=FILE ...
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

MAX_REASONS = 5


class _Tally:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.counts: Counter[str] = Counter()
        self.reasons: list[str] = []

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.counts["deselected"] += len(items)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.counts["errors"] += 1

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        expected_failure = hasattr(report, "wasxfail")
        if report.when == "call":
            if expected_failure:
                self.counts["xfailed" if report.skipped else "xpassed"] += 1
            elif report.skipped:
                self._skipped(report)
            else:
                self.counts[report.outcome] += 1  # "passed" or "failed"
        elif report.skipped:  # skipped in setup: a skip mark, a fixture's pytest.skip
            if expected_failure:
                self.counts["xfailed"] += 1
            else:
                self._skipped(report)
        elif report.failed:
            self.counts["errors"] += 1

    def _skipped(self, report: pytest.TestReport) -> None:
        self.counts["skipped"] += 1
        if len(self.reasons) < MAX_REASONS and isinstance(report.longrepr, tuple):
            reason = str(report.longrepr[2]).removeprefix("Skipped: ")
            if reason not in self.reasons:
                self.reasons.append(reason)

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        data: dict[str, object] = {
            key: self.counts[key]
            for key in ("passed", "failed", "skipped", "xfailed", "xpassed", "errors", "deselected")
        }
        data["skip_reasons"] = self.reasons
        self.path.write_text(json.dumps(data), encoding="utf-8")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-all-summary",
        metavar="FILE",
        help="write the counts of passed, failed, skipped... tests to FILE (tests/run_all.py)",
    )


def pytest_configure(config: pytest.Config) -> None:
    path = config.getoption("--run-all-summary")
    if path:
        config.pluginmanager.register(_Tally(Path(path)), "run-all-tally")
