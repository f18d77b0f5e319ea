"""The background-operation helper: lanes, results on the GUI thread, error classes."""

from __future__ import annotations

import sys
import threading
from typing import Any

import pytest

from hanoi_desk.errors import UserError
from hanoi_desk.ui.qt import QObject, QtCore, QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner, describe_bug

WAIT = 10_000


@pytest.fixture
def runner(qapp: Any) -> Any:
    r = TaskRunner()
    yield r
    r.shutdown()


def test_signal_emit_keeps_python_refcounts(qapp: Any) -> None:
    """PySide6 6.12.0 dropped a reference to True on every emit() and the app
    aborted after a few thousand signals; the pin in pyproject keeps it out."""

    class Source(QObject):
        ping = Signal()

    source = Source()
    source.ping.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        source.ping.emit()
    assert sys.getrefcount(True) >= before


def test_result_arrives_on_the_gui_thread(qtbot: Any, runner: TaskRunner) -> None:
    seen: dict[str, Any] = {}

    def work(job: Job[str]) -> str:
        seen["worker"] = threading.current_thread().name
        return "xong"

    def done(value: str) -> None:
        seen["value"] = value
        seen["gui"] = QtCore.QThread.currentThread() is qtbot_app_thread()

    runner.run("db", work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=WAIT)
    assert seen["worker"].startswith("hd-db")
    assert seen["value"] == "xong" and seen["gui"]
    assert runner.pending == 0


def qtbot_app_thread() -> Any:
    app = QtWidgets.QApplication.instance()
    assert app is not None
    return app.thread()


def test_each_lane_is_one_thread_in_order(qtbot: Any, runner: TaskRunner) -> None:
    order: list[int] = []
    names: set[str] = set()

    def step(i: int) -> Any:
        def work(job: Job[None]) -> None:
            names.add(threading.current_thread().name)
            order.append(i)

        return work

    for i in range(20):
        runner.run("db", step(i))
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    assert order == list(range(20))
    assert len(names) == 1


def test_error_classes(qtbot: Any, runner: TaskRunner) -> None:
    failures: list[BaseException] = []
    cancelled: list[bool] = []
    fallback: list[BaseException] = []
    runner.on_error = fallback.append

    def user_error(job: Job[None]) -> None:
        raise UserError("Bad input {name}.", name="x")

    def cancel(job: Job[None]) -> None:
        job.cancel()
        job.check()

    secret = "nội dung " + "mật của tài liệu"

    def bug(job: Job[None]) -> None:
        raise ValueError(secret)

    runner.run("db", user_error, failed=failures.append)
    runner.run("db", cancel, cancelled=lambda: cancelled.append(True), failed=failures.append)
    runner.run("db", bug)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    assert [type(e) for e in failures] == [UserError]
    assert cancelled == [True]  # a cancel is silent: not an error
    assert [type(e) for e in fallback] == [ValueError]
    report = describe_bug(fallback[0])
    assert "ValueError" in report and secret not in report


def test_progress_and_cancel_from_the_gui(qtbot: Any, runner: TaskRunner) -> None:
    progress: list[tuple[int, int]] = []
    started = threading.Event()

    def work(job: Job[int]) -> int:
        for i in range(1000):
            job.progress(i + 1, 1000)
            started.set()
            job.check()
            threading.Event().wait(0.005)
        return 1000

    results: list[int] = []
    stopped: list[bool] = []
    job = runner.run(
        "net",
        work,
        results.append,
        progress=lambda d, t, _i: progress.append((d, t)),
        cancelled=lambda: stopped.append(True),
    )
    assert started.wait(5)
    qtbot.waitUntil(lambda: len(progress) > 0, timeout=WAIT)
    job.cancel()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    assert stopped == [True] and results == []
    assert progress[0] == (1, 1000) and progress[-1][0] < 1000


def test_late_results_skip_a_closed_widget(qtbot: Any, runner: TaskRunner) -> None:
    owner = QtWidgets.QLabel()
    gate = threading.Event()
    delivered: list[str] = []
    runner.run("db", lambda job: gate.wait(5) and "late", delivered.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _valid(owner), timeout=WAIT)
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
    assert delivered == []


def _valid(obj: Any) -> bool:
    from hanoi_desk.ui.qt import isValid

    return bool(isValid(obj))
