"""ui/key_list: the key box every signing page shares (opinion form, summary,
signing request, live vote), against the real SoftHSM2 tokens of the UI tests'
PKI (tests/ui/conftest.py) on the real runner's token lane."""

from __future__ import annotations

from typing import Any

from ui_helpers import WAIT

from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.errors import HanoiDeskError
from hanoi_desk.ui.key_list import KeyList
from hanoi_desk.ui.live_votes import KeyEntry
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.tasks import TaskRunner


def test_a_new_search_keeps_the_chosen_key_and_the_button_comes_back(
    qtbot: Any, pki: Any, manager: TokenManager
) -> None:
    runner = TaskRunner()
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    box, button = QtWidgets.QComboBox(owner), QtWidgets.QPushButton(owner)
    keys = KeyList(box, button, item_tips=True)
    seen: list[tuple[list[KeyEntry], list[HanoiDeskError]]] = []
    errors: list[BaseException] = []
    try:

        def look() -> None:
            keys.look(runner, lambda: manager, ((pki.module,), ()), owner,
                      found=lambda e, p: seen.append((e, p)), failed=errors.append)  # fmt: skip
            assert not button.isEnabled()  # no second search while one runs
            qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT)
            assert button.isEnabled() and errors == []

        look()
        assert len(keys.keys) >= 2, "the UI PKI has several tokens with keys"
        assert box.count() == len(keys.keys) and seen[-1][0] == keys.keys
        last = keys.keys[-1]
        box.setCurrentIndex(len(keys.keys) - 1)  # not the first row: a refill resets to it
        tip = box.itemData(box.currentIndex(), QtCore.Qt.ItemDataRole.ToolTipRole)
        assert tip == last.text
        look()
        assert keys.chosen() == last and box.currentText() == last.text
        assert len(seen) == 2
    finally:
        runner.shutdown()
