"""A cancel is no user-facing error: a handler of those must not swallow it."""

from __future__ import annotations

import pytest

from hanoi_desk.errors import Cancelled, HanoiDeskError, UserError


def _show_errors(work: object) -> str:
    """What every error-showing handler does: catch user-facing errors only."""
    try:
        raise work  # type: ignore[misc]
    except HanoiDeskError as exc:
        return exc.message("en")


def test_a_cancel_passes_through_a_handler_of_user_errors() -> None:
    assert _show_errors(UserError("Bad file.")) == "Bad file."
    with pytest.raises(Cancelled):
        _show_errors(Cancelled())


def test_a_cancel_still_labels_what_a_batch_did_not_start() -> None:
    assert Cancelled().message("en") == "Cancelled."
