"""The side panel's "Consultations" page (docs/ui-consultation.md): the
respondent's form, and beside it, for a consultation's secretariat only, the
opinions received. One page with two tabs: the side panel's shortcuts run
Alt+1 … Alt+9, one per page, and this page takes the last."""

from __future__ import annotations

from hanoi_desk.ui.consultation_form import ConsultationPanel
from hanoi_desk.ui.consultation_summary import ConsultationSummary
from hanoi_desk.ui.qt import QtCore, QtWidgets


class ConsultationPage(QtWidgets.QTabWidget):
    def __init__(
        self,
        form: ConsultationPanel,
        summary: ConsultationSummary,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consultationPage")
        self.setDocumentMode(True)
        self.form, self.summary = form, summary
        self.addTab(form, "")
        self.addTab(summary, "")
        # The secretariat's tab shows once the list says I am the secretariat of one.
        self.setTabVisible(1, False)
        form.loaded.connect(summary.show_views)
        summary.available.connect(lambda shown: self.setTabVisible(1, shown))
        self.retranslate()

    def retranslate(self) -> None:
        self.setTabText(0, self.tr("My opinion"))
        self.setTabText(1, self.tr("Summary"))
        self.setAccessibleName(self.tr("Written consultations"))

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
