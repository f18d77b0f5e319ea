"""Watching which tokens are plugged in while the signer chooses one (issue 12,
token hot-plug): the signing dialog's use of :mod:`hanoi_desk.signing.slots`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hanoi_desk.errors import HanoiDeskError
from hanoi_desk.signing.slots import POLL_SECONDS, SlotWatcher
from hanoi_desk.signing.tokens import ModuleReport, TokenManager

__all__ = ["POLL_SECONDS", "SlotWatcher", "listed", "watch_tokens"]


def watch_tokens(
    manager: TokenManager,
    modules: Sequence[str],
    on_change: Callable[[], None],
    on_problem: Callable[[str, HanoiDeskError], None] | None = None,
) -> SlotWatcher:
    """A started watcher of ``modules``; the caller stops it (dialog closed)."""
    return SlotWatcher(manager, modules, on_change, on_problem).start()


def listed(watcher: SlotWatcher, reports: Sequence[ModuleReport]) -> None:
    """Tells the watcher what a listing showed, so it reports changes against that."""
    for report in reports:
        if report.error is None and not report.software_key:
            watcher.expect(report.module, frozenset((t.label, t.serial) for t in report.tokens))
