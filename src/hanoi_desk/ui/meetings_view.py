"""Meetings: today / upcoming / past, one meeting's agenda and people, and a
personal day/week calendar. Data comes from the database lane."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from hanoi_desk.app.meetings import PAST, TODAY, UPCOMING, VIETNAM, Meeting, MeetingDetail
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.states import MeetingStatus
from hanoi_desk.ui.common import named
from hanoi_desk.ui.qt import QtCore, QtWidgets, Signal

ID_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
DOC_ROLE = QtCore.Qt.ItemDataRole.UserRole + 2


def status_text(status: MeetingStatus) -> str:
    names = {
        MeetingStatus.SCHEDULED: QtCore.QCoreApplication.translate("MeetingsView", "Scheduled"),
        MeetingStatus.OPEN: QtCore.QCoreApplication.translate("MeetingsView", "In session"),
        MeetingStatus.CLOSED: QtCore.QCoreApplication.translate("MeetingsView", "Closed"),
        MeetingStatus.CANCELLED: QtCore.QCoreApplication.translate("MeetingsView", "Cancelled"),
    }
    return names[status]


def offline_text(m: Meeting, downloading: dict[str, int]) -> str:
    if m.purged and not m.available:
        text = QtCore.QCoreApplication.translate(
            "MeetingsView", "Removed from this computer (retention period over)"
        )
    elif m.offline_ready:
        text = QtCore.QCoreApplication.translate("MeetingsView", "Available offline")
    else:
        text = QtCore.QCoreApplication.translate("MeetingsView", "%1 of %2 documents here")
        text = text.replace("%1", str(m.available)).replace("%2", str(m.documents))
    if downloading.get(m.id) and not m.offline_ready:
        text += " · " + QtCore.QCoreApplication.translate(
            "MeetingsView", "downloading %1 %"
        ).replace("%1", str(downloading[m.id]))
    if m.queued:
        text += " · " + QtCore.QCoreApplication.translate("MeetingsView", "%1 queued").replace(
            "%1", str(m.queued)
        )
    return text


def _when(m: Meeting) -> str:
    start = m.starts_at.astimezone(VIETNAM)
    text = start.strftime("%d/%m/%Y %H:%M")
    if m.ends_at is not None:
        text += "–" + m.ends_at.astimezone(VIETNAM).strftime("%H:%M")
    return text


class MeetingsList(QtWidgets.QTreeWidget):
    meetingChosen = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingsList")
        named(self, self.tr("Meetings"))
        self.setHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Meeting"),
                self.tr("Place"),
                self.tr("Chair"),
                self.tr("Status"),
                self.tr("On this computer"),
            ]
        )
        self.setRootIsDecorated(True)
        self.itemActivated.connect(self._activated)
        self.downloading: dict[str, int] = {}

    def show_meetings(self, meetings: list[Meeting], today: date | None = None) -> None:
        today = today or datetime.now(VIETNAM).date()
        self.clear()
        groups = {
            TODAY: QtWidgets.QTreeWidgetItem([self.tr("Today")]),
            UPCOMING: QtWidgets.QTreeWidgetItem([self.tr("Upcoming")]),
            PAST: QtWidgets.QTreeWidgetItem([self.tr("Past")]),
        }
        for group in groups.values():
            self.addTopLevelItem(group)
        for m in meetings:
            item = QtWidgets.QTreeWidgetItem(
                [
                    _when(m),
                    m.title,
                    m.place,
                    m.chair,
                    status_text(m.status),
                    offline_text(m, self.downloading),
                ]
            )
            item.setData(0, ID_ROLE, m.id)
            groups[m.bucket(today)].addChild(item)
        for key, group in groups.items():
            group.setExpanded(key != PAST)
            group.setText(1, f"({group.childCount()})")
        for col in range(6):
            self.resizeColumnToContents(col)

    def _activated(self, item: QtWidgets.QTreeWidgetItem, _col: int) -> None:
        meeting_id = item.data(0, ID_ROLE)
        if meeting_id:
            self.meetingChosen.emit(str(meeting_id))

    def update_meeting(self, m: Meeting) -> None:
        """Refresh one row's offline column (download progress) without a reload."""
        it = QtWidgets.QTreeWidgetItemIterator(self)
        while (item := it.value()) is not None:
            if item.data(0, ID_ROLE) == m.id:
                item.setText(5, offline_text(m, self.downloading))
            it += 1


class MeetingPage(QtWidgets.QWidget):
    """One meeting: its details, agenda items with their documents, participants."""

    documentChosen = Signal(object)  # DocumentSummary

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingPage")
        layout = QtWidgets.QVBoxLayout(self)
        self.details = QtWidgets.QLabel(self.tr("Choose a meeting in the list."))
        self.details.setObjectName("meetingDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout.addWidget(self.details)
        split = QtWidgets.QSplitter()
        self.agenda = QtWidgets.QTreeWidget()
        self.agenda.setObjectName("agenda")
        named(self.agenda, self.tr("Agenda and documents"))
        self.agenda.setHeaderLabels(
            [self.tr("Agenda item / document"), self.tr("Pages"), self.tr("Offline")]
        )
        self.people = QtWidgets.QListWidget()
        self.people.setObjectName("participants")
        named(self.people, self.tr("Participants"))
        split.addWidget(self.agenda)
        split.addWidget(self.people)
        split.setStretchFactor(0, 3)
        layout.addWidget(split, 1)
        self.agenda.itemActivated.connect(self._activated)
        self.detail: MeetingDetail | None = None

    def show_detail(self, detail: MeetingDetail) -> None:
        self.detail = detail
        m = detail.meeting
        lines = [
            m.title,
            f"{_when(m)} · {m.place}",
            self.tr("Chair: %1").replace("%1", m.chair) + " · " + status_text(m.status),
        ]
        if m.organisation:
            lines.append(m.organisation)
        self.details.setText("\n".join(lines))
        self.agenda.clear()
        for item in detail.agenda:
            top = QtWidgets.QTreeWidgetItem([f"{item.position}. {item.title}"])
            if item.presenter:
                top.setToolTip(0, self.tr("Presented by %1").replace("%1", item.presenter))
            self.agenda.addTopLevelItem(top)
            for doc in item.documents:
                top.addChild(self._doc_item(doc))
            top.setExpanded(True)
        if detail.other_documents:
            top = QtWidgets.QTreeWidgetItem([self.tr("Other documents")])
            self.agenda.addTopLevelItem(top)
            for doc in detail.other_documents:
                top.addChild(self._doc_item(doc))
            top.setExpanded(True)
        self.agenda.resizeColumnToContents(0)
        self.people.clear()
        roles = {
            "chair": self.tr("Chair"),
            "secretary": self.tr("Secretary"),
            "delegate": self.tr("Delegate"),
        }
        for person in detail.participants:
            self.people.addItem(f"{person.name} — {roles.get(person.role, person.role)}")

    def clear(self) -> None:
        """No meeting shown (the one shown was removed)."""
        self.detail = None
        self.details.setText(self.tr("Choose a meeting in the list."))
        self.agenda.clear()
        self.people.clear()

    def _doc_item(self, doc: DocumentSummary) -> QtWidgets.QTreeWidgetItem:
        state = self.tr("yes") if doc.available else self.tr("not yet")
        item = QtWidgets.QTreeWidgetItem([doc.title, str(doc.pages or ""), state])
        item.setData(0, DOC_ROLE, doc)
        return item

    def _activated(self, item: QtWidgets.QTreeWidgetItem, _col: int) -> None:
        doc = item.data(0, DOC_ROLE)
        if isinstance(doc, DocumentSummary) and doc.available:
            self.documentChosen.emit(doc)


class CalendarView(QtWidgets.QWidget):
    """A personal day or week of meetings."""

    rangeChanged = Signal(object, object)  # start, end (aware datetimes)
    meetingChosen = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar")
        layout = QtWidgets.QVBoxLayout(self)
        row = QtWidgets.QHBoxLayout()
        self.span = QtWidgets.QComboBox()
        named(self.span, self.tr("Calendar span"))
        self.span.addItem(self.tr("Day"), 1)
        self.span.addItem(self.tr("Week"), 7)
        self.span.setCurrentIndex(1)
        self.prev = QtWidgets.QPushButton(self.tr("&Previous"))
        named(self.prev, self.tr("Previous"))
        self.next = QtWidgets.QPushButton(self.tr("&Next"))
        named(self.next, self.tr("Next"))
        today = datetime.now(VIETNAM).date()  # meetings are in Vietnam's time zone
        self.day = QtWidgets.QDateEdit(QtCore.QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        named(self.day, self.tr("Date"))
        for w in (self.span, self.prev, self.day, self.next):
            row.addWidget(w)
        row.addStretch(1)
        layout.addLayout(row)
        self.list = QtWidgets.QTreeWidget()
        self.list.setObjectName("calendarList")
        named(self.list, self.tr("Meetings in this period"))
        self.list.setHeaderLabels(
            [self.tr("Day"), self.tr("Time"), self.tr("Meeting"), self.tr("Place")]
        )
        layout.addWidget(self.list)
        self.span.currentIndexChanged.connect(lambda _i: self._emit())
        self.day.dateChanged.connect(lambda _d: self._emit())
        self.prev.clicked.connect(lambda: self._step(-1))
        self.next.clicked.connect(lambda: self._step(1))
        self.list.itemActivated.connect(self._activated)

    def period(self) -> tuple[datetime, datetime]:
        d = self.day.date().toPython()
        assert isinstance(d, date)
        days = int(self.span.currentData())
        if days == 7:
            d = d - timedelta(days=d.weekday())
        start = datetime.combine(d, time(0, 0), VIETNAM)
        return start, start + timedelta(days=days)

    def _step(self, direction: int) -> None:
        self.day.setDate(self.day.date().addDays(direction * int(self.span.currentData())))

    def _emit(self) -> None:
        self.rangeChanged.emit(*self.period())

    def show_meetings(self, meetings: list[Meeting]) -> None:
        self.list.clear()
        for m in meetings:
            start = m.starts_at.astimezone(VIETNAM)
            item = QtWidgets.QTreeWidgetItem(
                [start.strftime("%a %d/%m"), start.strftime("%H:%M"), m.title, m.place]
            )
            item.setData(0, ID_ROLE, m.id)
            self.list.addTopLevelItem(item)
        if not meetings:
            self.list.addTopLevelItem(QtWidgets.QTreeWidgetItem(["", "", self.tr("No meetings")]))

    def _activated(self, item: QtWidgets.QTreeWidgetItem, _col: int) -> None:
        meeting_id = item.data(0, ID_ROLE)
        if meeting_id:
            self.meetingChosen.emit(str(meeting_id))
