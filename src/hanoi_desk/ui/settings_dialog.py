"""Settings: server, PKCS#11 modules, signature and seal images, organisation,
language, idle lock minutes, how long a token may stay logged in, cache
retention. One form over the declarative table in ``app.settings``; nothing is
saved unless every value is valid."""

from __future__ import annotations

from typing import Any

from hanoi_desk.ui.common import dialog_buttons, named
from hanoi_desk.ui.qt import QtWidgets


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, values: dict[str, Any], parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.setObjectName("settingsDialog")
        form = QtWidgets.QFormLayout(self)
        self.server = QtWidgets.QLineEdit(values["server_url"])
        named(self.server, self.tr("Server address"))
        self.username = QtWidgets.QLineEdit(values["username"])
        named(self.username, self.tr("Login name"))
        self.modules = QtWidgets.QPlainTextEdit("\n".join(values["pkcs11_modules"]))
        named(self.modules, self.tr("PKCS#11 modules, one per line"))
        self.modules.setTabChangesFocus(True)
        self.modules.setFixedHeight(60)
        self.trust = QtWidgets.QPlainTextEdit("\n".join(values["trust_roots"]))
        named(self.trust, self.tr("Trusted root certificates, one file per line"))
        self.trust.setTabChangesFocus(True)
        self.trust.setFixedHeight(60)
        self.signature = self._file_row(values["signature_image"], self.tr("Signature image"))
        self.seal = self._file_row(values["seal_image"], self.tr("Seal image"))
        self.organisation = QtWidgets.QLineEdit(values["organisation"])
        named(self.organisation, self.tr("Organisation name"))
        self.language = QtWidgets.QComboBox()
        named(self.language, self.tr("Language"))
        self.language.addItem("Tiếng Việt", "vi")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if values["language"] == "vi" else 1)
        self.idle = QtWidgets.QSpinBox()
        self.idle.setRange(1, 240)
        self.idle.setValue(int(values["idle_lock_minutes"]))
        named(self.idle, self.tr("Lock after idle minutes"))
        self.token_keep = QtWidgets.QSpinBox()
        self.token_keep.setRange(1, 120)
        self.token_keep.setValue(int(values["token_keep_minutes"]))
        named(self.token_keep, self.tr("Minutes a token may stay logged in after a batch"))
        self.retention = QtWidgets.QSpinBox()
        self.retention.setRange(1, 3650)
        self.retention.setValue(int(values["retention_days"]))
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

    def values(self) -> dict[str, Any]:
        return {
            "server_url": self.server.text().strip(),
            "username": self.username.text().strip(),
            "pkcs11_modules": [
                line.strip() for line in self.modules.toPlainText().splitlines() if line.strip()
            ],
            "trust_roots": [
                line.strip() for line in self.trust.toPlainText().splitlines() if line.strip()
            ],
            "signature_image": self.signature[1].text().strip(),
            "seal_image": self.seal[1].text().strip(),
            "organisation": self.organisation.text().strip(),
            "language": str(self.language.currentData()),
            "idle_lock_minutes": self.idle.value(),
            "token_keep_minutes": self.token_keep.value(),
            "retention_days": self.retention.value(),
        }
