"""Settings: server, PKCS#11 modules, signature and seal images, organisation,
language, idle lock minutes, how long a token may stay logged in, cache
retention. One form over the declarative table in ``domain.settings`` (its
bounds are the spin boxes' ranges); nothing is saved unless every value is valid."""

from __future__ import annotations

from typing import Any

from hanoi_desk.domain.settings import (
    IDLE_LOCK_MINUTES,
    LANGUAGE,
    ORGANISATION,
    PKCS11_MODULES,
    RETENTION_DAYS,
    SEAL_IMAGE,
    SERVER_URL,
    SIGNATURE_IMAGE,
    TOKEN_KEEP_MINUTES,
    TRUST_ROOTS,
    USERNAME,
    Assignment,
    Setting,
    SettingValues,
)
from hanoi_desk.ui.common import dialog_buttons, named
from hanoi_desk.ui.qt import QtWidgets


def _spin(setting: Setting[int], value: int) -> QtWidgets.QSpinBox:
    box = QtWidgets.QSpinBox()
    assert setting.minimum is not None and setting.maximum is not None
    box.setRange(setting.minimum, setting.maximum)
    box.setValue(value)
    return box


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, values: SettingValues, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        form = QtWidgets.QFormLayout(self)
        self.server = QtWidgets.QLineEdit(values[SERVER_URL])
        named(self.server, self.tr("Server address"))
        self.username = QtWidgets.QLineEdit(values[USERNAME])
        named(self.username, self.tr("Login name"))
        self.modules = QtWidgets.QPlainTextEdit("\n".join(values[PKCS11_MODULES]))
        named(self.modules, self.tr("PKCS#11 modules, one per line"))
        self.modules.setTabChangesFocus(True)
        self.modules.setFixedHeight(60)
        self.trust = QtWidgets.QPlainTextEdit("\n".join(values[TRUST_ROOTS]))
        named(self.trust, self.tr("Trusted root certificates, one file per line"))
        self.trust.setTabChangesFocus(True)
        self.trust.setFixedHeight(60)
        self.signature = self._file_row(values[SIGNATURE_IMAGE], self.tr("Signature image"))
        self.seal = self._file_row(values[SEAL_IMAGE], self.tr("Seal image"))
        self.organisation = QtWidgets.QLineEdit(values[ORGANISATION])
        named(self.organisation, self.tr("Organisation name"))
        self.language = QtWidgets.QComboBox()
        named(self.language, self.tr("Language"))
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if values[LANGUAGE] == "vi" else 1)
        self.idle = _spin(IDLE_LOCK_MINUTES, values[IDLE_LOCK_MINUTES])
        named(self.idle, self.tr("Lock after idle minutes"))
        self.token_keep = _spin(TOKEN_KEEP_MINUTES, values[TOKEN_KEEP_MINUTES])
        named(self.token_keep, self.tr("Minutes a token may stay logged in after a batch"))
        self.retention = _spin(RETENTION_DAYS, values[RETENTION_DAYS])
        named(self.retention, self.tr("Keep meeting packs for days"))
        rows = [
            (self.tr("&Server:"), self.server),
            (self.tr("&Login:"), self.username),
            (self.tr("PKCS#11 &modules:"), self.modules),
            (self.tr("&Trusted roots:"), self.trust),
            (self.tr("Si&gnature image:"), self.signature[0]),
            (self.tr("Se&al image:"), self.seal[0]),
            (self.tr("&Organisation:"), self.organisation),
            (self.tr("Lan&guage:"), self.language),
            (self.tr("Lock after &idle (minutes):"), self.idle),
            (self.tr("&Keep token logged in (minutes):"), self.token_keep),
            (self.tr("&Retention (days):"), self.retention),
        ]
        for text, widget in rows:
            form.addRow(text, widget)
        form.addRow(dialog_buttons(self, self.tr("Save"), self.tr("Cancel")))

    def _file_row(self, value: str, name: str) -> tuple[QtWidgets.QWidget, QtWidgets.QLineEdit]:
        box = QtWidgets.QWidget()
        row = QtWidgets.QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        field = QtWidgets.QLineEdit(value)
        named(field, name)
        choose = QtWidgets.QPushButton(self.tr("Choose…"))
        named(choose, self.tr("Choose a PNG file for: %1").replace("%1", name))

        def pick() -> None:
            path, _ = QtWidgets.QFileDialog.getOpenFileName(self, name, "", "PNG (*.png)")
            if path:
                field.setText(path)

        choose.clicked.connect(pick)
        row.addWidget(field)
        row.addWidget(choose)
        box.setFocusProxy(field)  # the row's mnemonic lands in the path field
        return box, field

    def values(self) -> list[Assignment[Any]]:
        """The form's values, to save (checked there against the table)."""
        return [
            SERVER_URL.to(self.server.text().strip()),
            USERNAME.to(self.username.text().strip()),
            PKCS11_MODULES.to(_lines(self.modules.toPlainText())),
            TRUST_ROOTS.to(_lines(self.trust.toPlainText())),
            SIGNATURE_IMAGE.to(self.signature[1].text().strip()),
            SEAL_IMAGE.to(self.seal[1].text().strip()),
            ORGANISATION.to(self.organisation.text().strip()),
            LANGUAGE.to(str(self.language.currentData())),
            IDLE_LOCK_MINUTES.to(self.idle.value()),
            TOKEN_KEEP_MINUTES.to(self.token_keep.value()),
            RETENTION_DAYS.to(self.retention.value()),
        ]
