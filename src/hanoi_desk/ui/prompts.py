"""The UI side of the core's question interfaces: passphrase, PIN, confirmation.

The core asks from a worker thread and waits; the question is shown as a
dialog on the GUI thread and the answer handed back (Electrum's hardware
wallet handler does the same). A closed dialog is ``Cancelled``, never an
empty secret, and a PIN is asked exactly once per call: no retry loop.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

from hanoi_desk.errors import Cancelled, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.ui.qt import QObject, QtCore, QtWidgets
from hanoi_desk.ui.tasks import TaskRunner

T = TypeVar("T")
PASSPHRASES_DIFFER = N_("The two passphrases differ. Nothing was changed.")


class TokenPinState(Protocol):
    """What the signing engine's ``PinState`` offers (kept structural: ui imports no adapter)."""

    @property
    def locked(self) -> bool: ...

    @property
    def protected_path(self) -> bool: ...

    @property
    def software_key(self) -> bool: ...

    def describe(self, language: str | None = None) -> list[str]: ...


class TypedPassphrase:
    """A passphrase already typed into the unlock screen."""

    def __init__(self, value: str, repeat: str | None = None) -> None:
        self._value = value
        self._repeat = repeat

    def passphrase(self, profile: str, *, new: bool) -> str:
        if new and self._repeat is not None and self._repeat != self._value:
            raise UserError(PASSPHRASES_DIFFER)
        return self._value


class PinDialog(QtWidgets.QDialog):
    """Shows the token's PIN state before a try is spent, then asks once.

    For the demo's software key (``software``) it asks for the key's passphrase
    and never names it a token: the title and the field say what it is."""

    def __init__(
        self,
        token: str,
        warnings: list[str],
        *,
        locked: bool,
        pin_pad: bool,
        language: str,
        software: bool = False,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if software:
            heading = self.tr("Software key (DEMO — not a hardware token)")
            self.setWindowTitle(self.tr("Software key passphrase"))
            self.setAccessibleName(self.tr("Software key passphrase"))
        else:
            heading = self.tr("PIN of token “%1”").replace("%1", token)
            self.setWindowTitle(self.tr("Token PIN"))
            self.setAccessibleName(self.tr("Token PIN"))
        layout = QtWidgets.QVBoxLayout(self)
        title = QtWidgets.QLabel(heading)
        title.setObjectName("pinTitle")
        layout.addWidget(title)
        for text in warnings:
            label = QtWidgets.QLabel(text)
            label.setWordWrap(True)
            label.setObjectName("pinWarning")
            label.setStyleSheet("color: #a40000; font-weight: bold;")
            layout.addWidget(label)
        self.field = QtWidgets.QLineEdit()
        self.field.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.field.setAccessibleName(self.tr("Passphrase") if software else self.tr("PIN"))
        self.field.setVisible(not locked and not pin_pad)
        pin_label = QtWidgets.QLabel(self.tr("&Passphrase:") if software else self.tr("&PIN:"))
        pin_label.setBuddy(self.field)
        pin_label.setVisible(self.field.isVisibleTo(self))
        layout.addWidget(pin_label)
        layout.addWidget(self.field)
        buttons = QtWidgets.QDialogButtonBox()
        self.ok = buttons.addButton(
            self.tr("Sign"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setAccessibleName(self.tr("Sign"))
        self.ok.setEnabled(not locked)
        cancel = buttons.addButton(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class GuiPrompts(QObject):
    """Implements SecretPrompt, PinPrompt and confirmations for the core."""

    def __init__(
        self, runner: TaskRunner, window: Callable[[], QtWidgets.QWidget | None], language: str
    ) -> None:
        super().__init__()
        self.runner = runner
        self.window = window
        self.language = language

    def _on_gui(self, fn: Callable[[], T]) -> T:
        if QtCore.QThread.currentThread() is self.thread():
            return fn()
        box: dict[str, object] = {}
        done = threading.Event()

        def run() -> None:
            try:
                box["value"] = fn()
            except BaseException as exc:
                box["error"] = exc
            finally:
                done.set()

        self.runner.post(run)
        done.wait()
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["value"]  # type: ignore[return-value]

    def passphrase(self, profile: str, *, new: bool) -> str:
        def ask() -> str:
            text, ok = QtWidgets.QInputDialog.getText(
                self.window(),
                self.tr("Passphrase"),
                self.tr("Passphrase for profile “%1”:").replace("%1", profile),
                QtWidgets.QLineEdit.EchoMode.Password,
            )
            if not ok:
                raise Cancelled()
            return str(text)

        return self._on_gui(ask)

    def password(self, server: str, user: str) -> str | None:
        """The server password, asked only when the server needs a new login."""

        def ask() -> str | None:
            text, ok = QtWidgets.QInputDialog.getText(
                self.window(),
                self.tr("Server login"),
                self.tr("Password of “%1” on %2:").replace("%1", user).replace("%2", server),
                QtWidgets.QLineEdit.EchoMode.Password,
            )
            if not ok:
                raise Cancelled()
            return str(text)

        return self._on_gui(ask)

    def pin(self, token: str, state: TokenPinState) -> str:
        def ask() -> str:
            dialog = PinDialog(
                token,
                state.describe(self.language),
                locked=state.locked,
                pin_pad=state.protected_path,
                language=self.language,
                software=state.software_key,
                parent=self.window(),
            )
            try:
                if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
                    raise Cancelled()
                return dialog.field.text()
            finally:
                dialog.field.clear()
                dialog.deleteLater()

        return self._on_gui(ask)

    def confirm(self, question: str) -> bool:
        def ask() -> bool:
            answer = QtWidgets.QMessageBox.question(
                self.window(), self.tr("Please confirm"), question
            )
            return bool(answer == QtWidgets.QMessageBox.StandardButton.Yes)

        return self._on_gui(ask)
