"""The keys a signing page offers: one copy of "find the tokens and their
certificates on the token lane, refill the key box, keep the chosen key".

The opinion form, the summary, the signing-request page and the live vote
panel each show a key box and a Find tokens button laid out their own way (and
with their own object names, which tests and screen readers find); what they
share is the search and the refill, kept here so they cannot drift apart. What
a page says about the result (no token found, a token's problem) stays in the
page, in its own translation context.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from hanoi_desk.app.token_access import TokenManager
    from hanoi_desk.errors import HanoiDeskError
    from hanoi_desk.ui.live_votes import KeyEntry

Found = Callable[[list["KeyEntry"], list["HanoiDeskError"]], None]


class KeyList:
    """``box`` shows ``keys``; ``button`` starts a search (disabled while it runs)."""

    def __init__(
        self,
        box: QtWidgets.QComboBox,
        button: QtWidgets.QAbstractButton,
        *,
        item_tips: bool = False,
    ) -> None:
        self.box, self.button, self.item_tips = box, button, item_tips
        self.keys: list[KeyEntry] = []

    def chosen(self) -> KeyEntry | None:
        index = self.box.currentIndex()
        return self.keys[index] if 0 <= index < len(self.keys) else None

    def look(
        self,
        runner: TaskRunner,
        tokens: Callable[[], TokenManager],
        key_settings: tuple[Sequence[str], Sequence[str]],
        owner: QtCore.QObject,
        *,
        found: Found,
        failed: Callable[[BaseException], None],
    ) -> None:
        """Search on the token lane (opening modules and listing certificates
        may wait on a device); ``found`` gets the entries and the tokens'
        problems once the box is refilled, ``failed`` an error of the search."""
        from hanoi_desk.ui.live_votes import key_entries  # live_votes uses this module

        modules, software = key_settings
        self.button.setEnabled(False)

        def done(result: tuple[list[KeyEntry], list[HanoiDeskError]]) -> None:
            entries, problems = result
            self.button.setEnabled(True)
            before = self.chosen()
            self.keys = entries
            self.box.clear()
            for entry in entries:
                self.box.addItem(entry.text)
                if self.item_tips:
                    self.box.setItemData(
                        self.box.count() - 1, entry.text, QtCore.Qt.ItemDataRole.ToolTipRole
                    )
            # Keep the key chosen before, by what it is, not by its row.
            if before in entries:
                self.box.setCurrentIndex(entries.index(before))
            found(entries, problems)

        def not_found(exc: BaseException) -> None:
            self.button.setEnabled(True)
            failed(exc)

        runner.run("token", lambda job: key_entries(tokens(), modules, software), done,
                   failed=not_found, owner=owner)  # fmt: skip
