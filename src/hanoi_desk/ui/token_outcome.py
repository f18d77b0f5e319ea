"""How a page shows the end of a signing job on the token lane.

Every page that signs with the token (an opinion, a consultation summary, a
signing request, a live vote) ends the same way: a withheld PIN says so, an
error the user can act on shows its own words, and anything else is a bug the
runner reports. One copy here, so the pages cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable

from hanoi_desk.errors import Cancelled, HanoiDeskError
from hanoi_desk.ui.qt import QtWidgets
from hanoi_desk.ui.tasks import TaskRunner


def token_outcome(
    message: QtWidgets.QLabel,
    runner: TaskRunner,
    language: Callable[[], str | None],
    not_given: str,
    after: Callable[[], None],
) -> tuple[Callable[[BaseException], None], Callable[[], None]]:
    """The ``failed`` and ``cancelled`` handlers of a token-lane signing job.

    ``after`` puts the page back to idle (buttons enabled again) before the
    message is written; what the user chose stays as it was, so a wrong PIN or
    a refusal loses nothing. ``not_given`` is the page's own translation of
    "Not signed: the PIN was not given." (each page keeps its ``tr`` context, so
    the Vietnamese catalogue keeps its entries). ``runner.on_error`` is looked
    up when a bug happens, not now: the application sets it after the pages."""

    def failed(exc: BaseException) -> None:
        after()
        if isinstance(exc, Cancelled):
            message.setText(not_given)
        elif isinstance(exc, HanoiDeskError):
            message.setText(exc.message(language()))
        else:
            message.setText("")
            runner.on_error(exc)  # a bug: reported, never silent

    def cancelled() -> None:
        after()
        message.setText(not_given)

    return failed, cancelled
