"""Page thumbnails, rendered only when their row is shown (uniform row sizes
mean the view never asks for all 1,000 of them)."""

from __future__ import annotations

from collections import OrderedDict

from hanoi_desk.app.reader import OpenDocument, PageImage
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner

THUMB_ZOOM = 0.16
KEEP = 200
Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex


class ThumbModel(QtCore.QAbstractListModel):
    def __init__(self, runner: TaskRunner, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.doc: OpenDocument | None = None
        self._images: OrderedDict[int, tuple[PageImage, QtGui.QImage]] = OrderedDict()
        self._asked: set[int] = set()
        self._generation = 0

    def set_document(self, doc: OpenDocument | None) -> None:
        self.beginResetModel()
        self.doc = doc
        self._images.clear()
        self._asked.clear()
        self._generation += 1
        self.endResetModel()

    def rowCount(self, parent: Index = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if self.doc is None or parent.isValid() else self.doc.page_count

    def data(self, index: Index, role: int = QtCore.Qt.ItemDataRole.DisplayRole) -> object:
        page = index.row()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            return str(page + 1)
        if role == QtCore.Qt.ItemDataRole.AccessibleTextRole:
            return QtCore.QCoreApplication.translate("Thumbnails", "Page %1").replace(
                "%1", str(page + 1)
            )
        if role == QtCore.Qt.ItemDataRole.DecorationRole:
            have = self._images.get(page)
            if have is not None:
                return have[1]
            self._ask(page)
        return None

    def _ask(self, page: int) -> None:
        doc = self.doc
        if doc is None or page in self._asked:
            return
        self._asked.add(page)
        generation = self._generation

        def done(image: PageImage) -> None:
            self._asked.discard(page)
            if generation != self._generation:
                return
            qimage = QtGui.QImage(
                image.samples,
                image.width,
                image.height,
                image.stride,
                QtGui.QImage.Format.Format_RGB888,
            )
            self._images[page] = (image, qimage)
            while len(self._images) > KEEP:
                self._images.popitem(last=False)
            index = self.index(page)
            self.dataChanged.emit(index, index, [QtCore.Qt.ItemDataRole.DecorationRole])

        def work(job: Job[PageImage]) -> PageImage:
            return doc.render(page, THUMB_ZOOM)

        self.runner.run("render", work, done, owner=self)


class Thumbnails(QtWidgets.QListView):
    pageChosen = Signal(int)

    def __init__(self, runner: TaskRunner, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thumbnails")
        self.setAccessibleName(self.tr("Page thumbnails"))
        self.model_ = ThumbModel(runner, self)
        self.setModel(self.model_)
        self.setUniformItemSizes(True)
        self.setIconSize(QtCore.QSize(100, 140))
        self.setMinimumWidth(130)
        self.activated.connect(lambda index: self.pageChosen.emit(index.row()))
        self.clicked.connect(lambda index: self.pageChosen.emit(index.row()))

    def set_document(self, doc: OpenDocument | None) -> None:
        self.model_.set_document(doc)

    def show_page(self, page: int) -> None:
        index = self.model_.index(page)
        if index.isValid():
            self.selectionModel().setCurrentIndex(
                index, QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
            self.scrollTo(index)
