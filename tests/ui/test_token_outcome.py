"""ui/token_outcome: the end of a token-lane signing job, shared by the pages
that sign (opinion, summary, signing request, live vote).

Real TaskRunner and its token lane, real QLabel; the job's work raises instead
of signing (the pages' own tests sign on SoftHSM2 through this same helper)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hanoi_desk.errors import Cancelled, UserError
from hanoi_desk.ui.qt import QtWidgets
from hanoi_desk.ui.tasks import Job, TaskRunner
from hanoi_desk.ui.token_outcome import token_outcome

NOT_GIVEN = "Not signed: the PIN was not given."


def _end_with(qtbot: Any, exc: BaseException) -> tuple[str, list[str], list[BaseException]]:
    """Run one job that raises ``exc``; the label's text, the ``after`` calls and
    what reached ``runner.on_error``."""
    runner = TaskRunner()
    label = QtWidgets.QLabel("Signing…")
    qtbot.addWidget(label)
    idle: list[str] = []
    bugs: list[BaseException] = []
    runner.on_error = bugs.append  # set after the handlers are made, as the app does
    try:
        failed, cancelled = token_outcome(label, runner, lambda: "en", NOT_GIVEN,
                                          lambda: idle.append("idle"))  # fmt: skip

        def work(job: Job[None]) -> None:
            raise exc

        runner.run("token", work, failed=failed, cancelled=cancelled, owner=label)
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=10_000)
        return label.text(), idle, bugs
    finally:
        runner.shutdown()


def test_a_withheld_pin_says_so(qtbot: Any) -> None:
    assert _end_with(qtbot, Cancelled()) == (NOT_GIVEN, ["idle"], [])


def test_an_error_the_user_can_act_on_shows_its_words(qtbot: Any) -> None:
    text, idle, bugs = _end_with(qtbot, UserError("The token is locked."))
    assert (text, idle, bugs) == ("The token is locked.", ["idle"], [])


def test_a_bug_goes_to_the_runner_and_the_label_is_cleared(qtbot: Any) -> None:
    bug = RuntimeError("boom")
    text, idle, bugs = _end_with(qtbot, bug)
    assert (text, idle, bugs) == ("", ["idle"], [bug])


def test_a_cancelled_given_directly_to_failed_says_the_pin_was_not_given(qtbot: Any) -> None:
    # The runner sends Cancelled to ``cancelled``; ``failed`` says the same if
    # it is handed one directly (the pages' handlers before the fold did too).
    label = QtWidgets.QLabel("Signing…")
    qtbot.addWidget(label)
    idle: list[str] = []
    after: Callable[[], None] = lambda: idle.append("idle")  # noqa: E731
    runner = TaskRunner()
    try:
        failed, _cancelled = token_outcome(label, runner, lambda: "en", NOT_GIVEN, after)
        failed(Cancelled())
    finally:
        runner.shutdown()
    assert (label.text(), idle) == (NOT_GIVEN, ["idle"])
