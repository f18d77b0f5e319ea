"""Profiles and unlock: choose, create, unlock (passphrase or keyring), wipe.

On a machine marked shared (app/machine.py) the keyring is not offered at all:
no "Unlock with keyring" button, and a profile that still has a keyring slot
says why and how to remove it.

Every action runs on the database lane (the KDF and the first open of the
database take a noticeable moment); the screen stays live and an error is
shown in place, with the passphrase field cleared but the chosen profile kept.

A wipe first counts the work the server has not received (with the passphrase
typed in the wipe dialog, or the keyring where it may be used unasked) and
names it before anything is lost; without either it says the count is unknown.
"""

from __future__ import annotations

from typing import Any

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.unsent import UnsentWork
from hanoi_desk.store.vault import ProfileMeta
from hanoi_desk.ui.common import dialog_buttons, error_text, named
from hanoi_desk.ui.prompts import GuiPrompts, TypedPassphrase
from hanoi_desk.ui.qt import QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner


class CreateProfileDialog(QtWidgets.QDialog):
    def __init__(self, parent: QtWidgets.QWidget | None = None, shared: bool = False) -> None:
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
        # Said before the choice is made, not after: the keyring opens the profile for
        # whoever is logged in to this OS account, with no passphrase.
        self.keyring_note = QtWidgets.QLabel()
        self.keyring_note.setObjectName("keyringNote")
        self.keyring_note.setWordWrap(True)
        if shared:
            self.keyring.setEnabled(False)
            self.keyring_note.setText(
                self.tr(
                    "This computer is marked as shared: the system keyring would open "
                    "the profile for everyone who uses this account, so it is off here."
                )
            )
        else:
            self.keyring_note.setText(
                self.tr(
                    "Anyone who can log in to this computer account will be able to open "
                    "this profile without its passphrase. Tick this only on an account "
                    "nobody else uses."
                )
            )
            self.keyring_note.setVisible(False)
            self.keyring.toggled.connect(self.keyring_note.setVisible)
        named(self.keyring_note, self.keyring_note.text())
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        form.addRow(self.tr("&Repeat:"), self.repeat)
        form.addRow(self.keyring)
        form.addRow(self.keyring_note)
        form.addRow(dialog_buttons(self, self.tr("Create"), self.tr("Cancel")))


class WipeProfileDialog(QtWidgets.QDialog):
    """Asks for the name (the confirmation) and, optionally, the passphrase, so the
    work the server has not received yet can be counted before it is lost."""

    def __init__(self, name: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wipe profile"))
        self.setAccessibleName(self.tr("Wipe profile"))
        form = QtWidgets.QFormLayout(self)
        text = QtWidgets.QLabel(
            self.tr(
                "This deletes profile “%1”, its documents, notes and queued actions on this "
                "computer for ever."
            ).replace("%1", name)
        )
        text.setWordWrap(True)
        form.addRow(text)
        self.passphrase = QtWidgets.QLineEdit()
        self.passphrase.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase of the profile"))
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        hint = QtWidgets.QLabel(
            self.tr(
                "With the passphrase, work not yet sent to the server is counted and named "
                "before it is lost. Leave it empty if you do not know it."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.name = QtWidgets.QLineEdit()
        self.name.setAccessibleName(self.tr("Profile name, to confirm"))
        form.addRow(self.tr("Type the profile &name to confirm:"), self.name)
        form.addRow(dialog_buttons(self, self.tr("Wipe"), self.tr("Cancel")))


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
        # On a shared machine the keyring is never used, so its button is not
        # offered; a profile that still has a keyring slot is told why, and how
        # to remove the key the keyring keeps for it (shown per selected profile).
        self.keyring_button.setVisible(self.desk.keyring_allowed)
        self.keyring_off = QtWidgets.QLabel("")
        self.keyring_off.setObjectName("keyringOff")
        self.keyring_off.setWordWrap(True)
        self.keyring_off.setVisible(False)
        outer.addWidget(self.keyring_off)
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
        has_keyring = meta is not None and "keyring" in meta.unlocker_kinds
        refused = self.desk.keyring_slot_refused(meta.name) if meta and has_keyring else None
        self.keyring_button.setEnabled(has_keyring and refused is None and not busy)
        self.keyring_off.setText(refused.message(self.language) if refused else "")
        named(self.keyring_off, self.keyring_off.text())
        self.keyring_off.setVisible(refused is not None)
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

    def _cancelled(self) -> None:
        # A closed PIN or confirmation dialog: silent, and the screen usable again.
        self.status.setText("")
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

        self.runner.run(
            "db", work, done, failed=self._failed, cancelled=self._cancelled, owner=self
        )

    def create_profile(self) -> None:
        dialog = CreateProfileDialog(self, shared=not self.desk.keyring_allowed)
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

        self.runner.run(
            "db", work, done, failed=self._failed, cancelled=self._cancelled, owner=self
        )

    def wipe_profile(self) -> None:
        name = self.selected()
        if name is None:
            return
        dialog = WipeProfileDialog(name, self)
        if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
            return
        typed, passphrase = dialog.name.text(), dialog.passphrase.text()
        dialog.passphrase.clear()
        if typed.strip() != name:
            self.status.setText(self.tr("The name did not match; nothing was wiped."))
            return
        self._busy(self.tr("Looking for work not yet sent…"))

        def count(job: Job[UnsentWork | None]) -> UnsentWork | None:
            if passphrase:  # wrong: an error shown in place, nothing wiped, never retried
                return self.desk.unsent_work(name, TypedPassphrase(passphrase), "passphrase")
            return self.desk.unsent_work_without_typing(name)

        def counted(work: UnsentWork | None) -> None:
            self._update_buttons()
            self.status.setText("")
            if work is not None and work.total == 0:
                self._wipe(name)
            else:
                self._confirm_loss(name, work)

        self.runner.run(
            "db", count, counted, failed=self._failed, cancelled=self._cancelled, owner=self
        )

    def _confirm_loss(self, name: str, work: UnsentWork | None) -> None:
        """A second, explicit yes that names what will be lost (or that nobody can tell)."""
        if work is None:
            text = self.tr(
                "Without the passphrase Hanoi Desk cannot tell whether profile “%1” holds "
                "work not yet sent to the server (signed documents, votes, comments, notes). "
                "Anything not sent is lost for good."
            ).replace("%1", name)
        else:
            text = (
                self.tr(
                    "Profile “%1” holds work not yet sent to the server, lost for good if "
                    "you wipe it now:"
                ).replace("%1", name)
                + "\n"
                + work.describe(self.language)
            )
        box = QtWidgets.QMessageBox(
            QtWidgets.QMessageBox.Icon.Warning, self.tr("Wipe profile"), text, parent=self
        )
        box.setObjectName("confirmLoss")
        wipe = box.addButton(
            self.tr("Wipe and lose it"), QtWidgets.QMessageBox.ButtonRole.DestructiveRole
        )
        keep = box.addButton(
            self.tr("Keep the profile"), QtWidgets.QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)

        def answered(_result: int) -> None:
            if box.clickedButton() is wipe:
                self._wipe(name)
            else:
                self.status.setText(self.tr("Nothing was wiped."))
            box.deleteLater()

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def _wipe(self, name: str) -> None:
        self._busy(self.tr("Wiping…"))

        def work(job: Job[None]) -> None:
            self.desk.wipe(name)

        def done(_: None) -> None:
            self.refresh()
            self.status.setText(self.tr("Profile “%1” was wiped.").replace("%1", name))

        self.runner.run(
            "db", work, done, failed=self._failed, cancelled=self._cancelled, owner=self
        )
