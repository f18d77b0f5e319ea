"""Profiles and unlock: choose, create, unlock (passphrase or keyring), wipe.

Every action runs on the database lane (the KDF and the first open of the
database take a noticeable moment); the screen stays live and an error is
shown in place, with the passphrase field cleared but the chosen profile kept.
"""

from __future__ import annotations

from typing import Any

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.store.vault import ProfileMeta
from hanoi_desk.ui.common import dialog_buttons, error_text, named
from hanoi_desk.ui.prompts import GuiPrompts, TypedPassphrase
from hanoi_desk.ui.qt import QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner


class CreateProfileDialog(QtWidgets.QDialog):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New profile"))
        self.setAccessibleName(self.tr("New profile"))
        form = QtWidgets.QFormLayout(self)
        self.name = QtWidgets.QLineEdit()
        self.name.setAccessibleName(self.tr("Profile name"))
        self.passphrase = QtWidgets.QLineEdit()
        self.passphrase.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("New passphrase"))
        self.repeat = QtWidgets.QLineEdit()
        self.repeat.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Repeat the passphrase"))
        self.keyring = QtWidgets.QCheckBox(self.tr("Also unlock with the system &keyring"))
        self.keyring.setAccessibleName(self.tr("Also unlock with the system keyring"))
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        form.addRow(self.keyring)
        form.addRow(dialog_buttons(self, self.tr("Create"), self.tr("Cancel")))


class UnlockScreen(QtWidgets.QWidget):
    """The first window, and the one that covers everything after a lock."""

    unlocked = Signal(object)  # Session

    def __init__(
        self, desk: Desk, runner: TaskRunner, language: str, prompts: GuiPrompts | None = None
    ) -> None:
        super().__init__()
        self.desk = desk
        self.prompts = prompts
        self.runner = runner
        self.language = language
        self.setObjectName("unlockScreen")
        self.setWindowTitle(self.tr("Hanoi Desk — unlock"))
        outer = QtWidgets.QVBoxLayout(self)
        heading = QtWidgets.QLabel(self.tr("Choose your profile and unlock it"))
        heading.setStyleSheet("font-size: 16pt;")
        outer.addWidget(heading)
        self.profiles = QtWidgets.QListWidget()
        named(self.profiles, self.tr("Profiles"))
        profiles_label = QtWidgets.QLabel(self.tr("P&rofiles:"))
        profiles_label.setBuddy(self.profiles)
        outer.addWidget(profiles_label)
        outer.addWidget(self.profiles)
        self.passphrase = QtWidgets.QLineEdit()
        self.passphrase.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        named(self.passphrase, self.tr("Passphrase"))
        pass_label = QtWidgets.QLabel(self.tr("&Passphrase:"))
        pass_label.setBuddy(self.passphrase)
        outer.addWidget(pass_label)
        outer.addWidget(self.passphrase)
        self._build_buttons(outer)
        self.status = QtWidgets.QLabel("")
        self.status.setObjectName("unlockStatus")
        self.status.setWordWrap(True)
        named(self.status, self.tr("Status"))
        outer.addWidget(self.status)
        self.unlock_button.clicked.connect(lambda: self.unlock("passphrase"))
        self.passphrase.returnPressed.connect(lambda: self.unlock("passphrase"))
        self.keyring_button.clicked.connect(lambda: self.unlock("keyring"))
        self.token_button.clicked.connect(lambda: self.unlock("token"))
        self.create_button.clicked.connect(self.create_profile)
        self.wipe_button.clicked.connect(self.wipe_profile)
        self.profiles.currentRowChanged.connect(lambda _row: self._update_buttons())
        self._metas: list[ProfileMeta] = []
        self.refresh()

    def _build_buttons(self, outer: QtWidgets.QVBoxLayout) -> None:
        row = QtWidgets.QHBoxLayout()
        self.unlock_button = QtWidgets.QPushButton(self.tr("&Unlock"))
        named(self.unlock_button, self.tr("Unlock"))
        self.unlock_button.setDefault(True)
        self.keyring_button = QtWidgets.QPushButton(self.tr("Unlock with &keyring"))
        named(self.keyring_button, self.tr("Unlock with keyring"))
        self.token_button = QtWidgets.QPushButton(self.tr("Unlock with &token"))
        named(self.token_button, self.tr("Unlock with token"))
        self.create_button = QtWidgets.QPushButton(self.tr("&New profile…"))
        named(self.create_button, self.tr("New profile"))
        self.wipe_button = QtWidgets.QPushButton(self.tr("&Wipe profile…"))
        named(self.wipe_button, self.tr("Wipe profile"))
        buttons = (
            self.unlock_button,
            self.keyring_button,
            self.token_button,
            self.create_button,
            self.wipe_button,
        )
        for b in buttons:
            row.addWidget(b)
        outer.addLayout(row)

    # -- state -----------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        current = select or self.selected()
        self._metas = self.desk.profiles()
        self.profiles.clear()
        for meta in self._metas:
            self.profiles.addItem(meta.name)
        names = [m.name for m in self._metas]
        self.profiles.setCurrentRow(names.index(current) if current in names else 0)
        self._update_buttons()

    def selected(self) -> str | None:
        item = self.profiles.currentItem()
        return item.text() if item is not None else None

    def _update_buttons(self, busy: bool = False) -> None:
        name = self.selected()
        meta = next((m for m in self._metas if m.name == name), None)
        self.unlock_button.setEnabled(meta is not None and not busy)
        self.keyring_button.setEnabled(
            meta is not None and "keyring" in meta.unlocker_kinds and not busy
        )
        self.token_button.setEnabled(
            meta is not None
            and "token" in meta.unlocker_kinds
            and self.prompts is not None
            and not busy
        )
        self.wipe_button.setEnabled(meta is not None and not busy)
        self.create_button.setEnabled(not busy)

    def _busy(self, text: str) -> None:
        self.status.setText(text)
        self._update_buttons(busy=True)

    def _failed(self, exc: BaseException) -> None:
        self.passphrase.clear()
        self.status.setText(error_text(exc, self.language))
        self._update_buttons()
        self.passphrase.setFocus()

    # -- actions ---------------------------------------------------------------

    def unlock(self, kind: str) -> None:
        name = self.selected()
        if name is None:
            return
        prompt: Any = TypedPassphrase(self.passphrase.text())
        if kind == "token" and self.prompts is not None:
            prompt = self.prompts  # the PIN is asked in the PIN dialog, once
        self.passphrase.clear()
        self._busy(self.tr("Unlocking…"))

        def work(job: Job[Session]) -> Session:
            return self.desk.open(name, prompt, kind)

        def done(session: Session) -> None:
            self.status.setText("")
            self._update_buttons()
            self.unlocked.emit(session)

        self.runner.run("db", work, done, failed=self._failed, owner=self)

    def create_profile(self) -> None:
        dialog = CreateProfileDialog(self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        name = dialog.name.text().strip()
        prompt = TypedPassphrase(dialog.passphrase.text(), dialog.repeat.text())
        keyring = dialog.keyring.isChecked()
        dialog.passphrase.clear()
        dialog.repeat.clear()
        self._busy(self.tr("Creating the encrypted profile…"))

        def work(job: Job[ProfileMeta]) -> ProfileMeta:
            return self.desk.create(name, prompt, also_keyring=keyring)

        def done(meta: ProfileMeta) -> None:
            self.refresh(select=meta.name)
            self.status.setText(
                self.tr("Profile “%1” created. Unlock it.").replace("%1", meta.name)
            )

        self.runner.run("db", work, done, failed=self._failed, owner=self)

    def wipe_profile(self) -> None:
        name = self.selected()
        if name is None:
            return
        typed, ok = QtWidgets.QInputDialog.getText(
            self,
            self.tr("Wipe profile"),
            self.tr(
                "This deletes profile “%1”, its notes and its queued actions on this "
                "computer for ever. Type the profile name to confirm:"
            ).replace("%1", name),
        )
        if not ok:
            return
        if typed.strip() != name:
            self.status.setText(self.tr("The name did not match; nothing was wiped."))
            return
        self._busy(self.tr("Wiping…"))

        def work(job: Job[None]) -> None:
            self.desk.wipe(name)

        def done(_: None) -> None:
            self.refresh()
            self.status.setText(self.tr("Profile “%1” was wiped.").replace("%1", name))

        self.runner.run("db", work, done, failed=self._failed, owner=self)
