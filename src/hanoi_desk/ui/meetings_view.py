"""Home and the meeting's agenda: today's and the next meetings as cards (when,
where, my role, whether the pack is here, what the room is doing), a month
calendar with the chosen day or week, past meetings; and, for the open
meeting, its agenda with the selected item's documents. Data comes from the
database lane; these widgets only show it. Every text is set in
``retranslate``, which a language change calls again (no restart)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from hanoi_desk.app.home import HomeData, LiveSummary
from hanoi_desk.app.meetings import PAST, TODAY, UPCOMING, VIETNAM, Meeting, MeetingDetail
from hanoi_desk.domain.meetings import AgendaItem
from hanoi_desk.domain.models import DocumentSummary
from hanoi_desk.domain.states import MeetingStatus
from hanoi_desk.domain.text import printable
from hanoi_desk.ui.common import named, on_choose, plain_tip
from hanoi_desk.ui.icons import icon
from hanoi_desk.ui.qt import QtCore, QtGui, QtWidgets, Signal

ID_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1
DOC_ROLE = QtCore.Qt.ItemDataRole.UserRole + 2
ITEM_ROLE = QtCore.Qt.ItemDataRole.UserRole + 3
SHOWN = 160
"""Characters of a server-given title or place shown on a card or in a list."""


def status_text(status: MeetingStatus) -> str:
    names = {
        MeetingStatus.SCHEDULED: QtCore.QCoreApplication.translate("MeetingsView", "Scheduled"),
        MeetingStatus.OPEN: QtCore.QCoreApplication.translate("MeetingsView", "In session"),
        MeetingStatus.CLOSED: QtCore.QCoreApplication.translate("MeetingsView", "Closed"),
        MeetingStatus.CANCELLED: QtCore.QCoreApplication.translate("MeetingsView", "Cancelled"),
    }
    return names[status]


def role_text(role: str) -> str:
    names = {
        "chair": QtCore.QCoreApplication.translate("MeetingsView", "Chair"),
        "secretary": QtCore.QCoreApplication.translate("MeetingsView", "Secretary"),
        "delegate": QtCore.QCoreApplication.translate("MeetingsView", "Delegate"),
        "guest": QtCore.QCoreApplication.translate("MeetingsView", "Guest"),
    }
    return names.get(role, printable(role, limit=40))


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


def live_text(live: LiveSummary) -> str:
    text = QtCore.QCoreApplication.translate("MeetingsView", "Live: %1 of %2 present").replace(
        "%1", str(live.present)
    )
    text = text.replace("%2", str(live.members))
    if live.speaker:
        text += " · " + QtCore.QCoreApplication.translate("MeetingsView", "speaking: %1").replace(
            "%1", printable(live.speaker, limit=60)
        )
    if live.queued:
        text += " · " + QtCore.QCoreApplication.translate(
            "MeetingsView", "%1 of my actions queued"
        ).replace("%1", str(live.queued))
    return text


def _qdate(d: date) -> QtCore.QDate:
    return QtCore.QDate(d.year, d.month, d.day)


def day_text(d: date) -> str:
    """ "Thứ Tư 12/05" in Vietnamese, "Wednesday 12/05" in English (QLocale's names)."""
    return QtCore.QLocale().toString(_qdate(d), "dddd dd/MM")


def when_text(m: Meeting, with_day: bool = True) -> str:
    start = m.starts_at.astimezone(VIETNAM)
    text = start.strftime("%H:%M")
    if m.ends_at is not None:
        text += "–" + m.ends_at.astimezone(VIETNAM).strftime("%H:%M")
    if with_day:
        text = f"{day_text(start.date())}/{start.year} · {text}"
    return text


def _plain_label(name: str) -> QtWidgets.QLabel:
    label = QtWidgets.QLabel("")
    label.setObjectName(name)
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    return label


class MeetingCard(QtWidgets.QAbstractButton):
    """One meeting on Home: a button (click, Enter or Space opens it) drawn as a
    card in the palette's colours, so it reads in a light and a dark theme."""

    def __init__(self, meeting: Meeting, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingCard")
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.StrongFocus)
        self.setCursor(QtCore.Qt.CursorShape.PointingHandCursor)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_Hover)
        self.meeting = meeting
        self.role = ""
        self.live: LiveSummary | None = None
        self.when = _plain_label("cardWhen")
        self.title = _plain_label("cardTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.place = _plain_label("cardPlace")
        self.offline = _plain_label("cardOffline")
        self.live_line = _plain_label("cardLive")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(3)
        for label in (self.when, self.title, self.place, self.offline, self.live_line):
            layout.addWidget(label)

    def fill(self, meeting: Meeting, role: str, live: LiveSummary | None, offline: str) -> None:
        self.meeting, self.role, self.live = meeting, role, live
        m = meeting
        self.when.setText(when_text(m) + " · " + status_text(m.status))
        self.title.setText(printable(m.title, limit=SHOWN))
        place = printable(m.place, limit=SHOWN)
        if role:
            place += " · " + QtCore.QCoreApplication.translate(
                "MeetingsView", "My role: %1"
            ).replace("%1", role_text(role))
        self.place.setText(place)
        self.offline.setText(offline)
        self.live_line.setText(live_text(live) if live else "")
        self.live_line.setVisible(live is not None)
        self.setAccessibleName(printable(m.title, limit=SHOWN))
        self.setAccessibleDescription(" · ".join(self.lines()[:1] + self.lines()[2:]))

    def lines(self) -> list[str]:
        labels = (self.when, self.title, self.place, self.offline, self.live_line)
        return [label.text() for label in labels if label.text()]

    def sizeHint(self) -> QtCore.QSize:
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QtCore.QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        fill = palette.color(QtGui.QPalette.ColorRole.Base)
        if self.underMouse() or self.isDown():
            fill = palette.color(QtGui.QPalette.ColorRole.AlternateBase)
        focus = self.hasFocus()
        border = palette.color(
            QtGui.QPalette.ColorRole.Highlight if focus else QtGui.QPalette.ColorRole.Mid
        )
        pen = QtGui.QPen(border, 2 if focus else 1)
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(QtCore.QRectF(self.rect()).adjusted(1, 1, -1, -1), 8, 8)
        if self.meeting.status is MeetingStatus.OPEN:  # in session: a bar on the left edge
            painter.setPen(QtCore.Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QtGui.QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(QtCore.QRectF(1, 8, 4, self.height() - 16), 2, 2)
        painter.end()


class CalendarView(QtWidgets.QWidget):
    """A month grid (meeting days in bold) and the meetings of the chosen day or week."""

    rangeChanged = Signal(object, object)  # start, end (aware datetimes)
    meetingChosen = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calendar")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.day = QtWidgets.QCalendarWidget()
        self.day.setObjectName("calendarMonth")
        self.day.setFirstDayOfWeek(QtCore.Qt.DayOfWeek.Monday)
        self.day.setVerticalHeaderFormat(
            QtWidgets.QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
        )
        self.day.setGridVisible(False)
        today = datetime.now(VIETNAM).date()  # meetings are in Vietnam's time zone
        self.day.setSelectedDate(_qdate(today))
        layout.addWidget(self.day)
        row = QtWidgets.QHBoxLayout()
        self.span = QtWidgets.QComboBox()
        self.span.addItem("", 1)
        self.span.addItem("", 7)
        self.span.setCurrentIndex(1)
        self.prev = QtWidgets.QToolButton()
        self.next = QtWidgets.QToolButton()
        self.period_label = QtWidgets.QLabel("")
        self.period_label.setObjectName("calendarPeriod")
        for w in (self.span, self.prev, self.next):
            row.addWidget(w)
        row.addWidget(self.period_label, 1)
        layout.addLayout(row)
        self.list = QtWidgets.QTreeWidget()
        self.list.setObjectName("calendarList")
        self.list.setRootIsDecorated(False)
        self.list.setColumnCount(3)
        layout.addWidget(self.list, 1)
        self.meetings: list[Meeting] = []
        self.marked: set[QtCore.QDate] = set()
        self.span.currentIndexChanged.connect(lambda _i: self._emit())
        self.day.selectionChanged.connect(self._emit)
        self.prev.clicked.connect(lambda: self._step(-1))
        self.next.clicked.connect(lambda: self._step(1))
        on_choose(self.list, self._activated)
        self.retranslate()

    def retranslate(self) -> None:
        self.day.setLocale(QtCore.QLocale())
        named(self.day, self.tr("Month calendar: choose a day"))
        # The calendar's own parts (Qt names them by object name only).
        parts = {
            "qt_calendar_calendarview": self.tr("Days of the month"),
            "qt_calendar_prevmonth": self.tr("Previous month"),
            "qt_calendar_nextmonth": self.tr("Next month"),
            "qt_calendar_monthbutton": self.tr("Month"),
            "qt_calendar_yearbutton": self.tr("Year"),
            "qt_calendar_yearedit": self.tr("Year"),
        }
        for child in self.day.findChildren(QtWidgets.QWidget):
            if child.objectName() in parts:
                child.setAccessibleName(parts[child.objectName()])
        named(self.span, self.tr("Calendar span"))
        self.span.setItemText(0, self.tr("Day"))
        self.span.setItemText(1, self.tr("Week"))
        self.prev.setIcon(icon("chevron-left"))
        self.next.setIcon(icon("chevron-right"))
        named(self.prev, self.tr("Previous"), self.tr("Previous day or week"))
        named(self.next, self.tr("Next"), self.tr("Next day or week"))
        named(self.list, self.tr("Meetings in this period"))
        self.list.setHeaderLabels([self.tr("Day"), self.tr("Time"), self.tr("Meeting")])
        self.show_meetings(self.meetings)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def period(self) -> tuple[datetime, datetime]:
        d = self.day.selectedDate().toPython()
        assert isinstance(d, date)
        days = int(self.span.currentData())
        if days == 7:
            d = d - timedelta(days=d.weekday())
        start = datetime.combine(d, time(0, 0), VIETNAM)
        return start, start + timedelta(days=days)

    def _step(self, direction: int) -> None:
        step = direction * int(self.span.currentData())
        self.day.setSelectedDate(self.day.selectedDate().addDays(step))

    def _emit(self) -> None:
        self.rangeChanged.emit(*self.period())

    def mark_days(self, days: Sequence[date]) -> None:
        """Meeting days in bold in the month grid."""
        plain = QtGui.QTextCharFormat()
        for d in self.marked:
            self.day.setDateTextFormat(d, plain)
        bold = QtGui.QTextCharFormat()
        bold.setFontWeight(QtGui.QFont.Weight.Bold)
        bold.setFontUnderline(True)
        self.marked = {_qdate(d) for d in days}
        for d in self.marked:
            self.day.setDateTextFormat(d, bold)

    def show_meetings(self, meetings: list[Meeting]) -> None:
        self.meetings = meetings
        self.list.clear()
        start, end = self.period()
        last = (end - timedelta(days=1)).date()
        label = day_text(start.date())
        if last != start.date():
            label += " – " + day_text(last)
        self.period_label.setText(label)
        for m in meetings:
            begins = m.starts_at.astimezone(VIETNAM)
            item = QtWidgets.QTreeWidgetItem(
                [day_text(begins.date()), when_text(m, False), printable(m.title, limit=SHOWN)]
            )
            item.setData(0, ID_ROLE, m.id)
            self.list.addTopLevelItem(item)
        if not meetings:
            self.list.addTopLevelItem(QtWidgets.QTreeWidgetItem(["", "", self.tr("No meetings")]))
        self.list.resizeColumnToContents(0)

    def _activated(self, item: QtWidgets.QTreeWidgetItem, _col: int) -> None:
        meeting_id = item.data(0, ID_ROLE)
        if meeting_id:
            self.meetingChosen.emit(str(meeting_id))


class HomeView(QtWidgets.QWidget):
    """Today's and the next meetings as cards first; the calendar and past meetings beside."""

    meetingChosen = Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home")
        self.downloading: dict[str, int] = {}
        self.data = HomeData([])
        self.today: date | None = None
        self.shown_day: date | None = None
        """A day to show as today (tools/screenshots.py shows the demo's meeting day)."""
        self._cards: dict[str, MeetingCard] = {}
        self.today_title = QtWidgets.QLabel("")
        self.today_title.setObjectName("todayTitle")
        big = self.today_title.font()
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setBold(True)
        self.today_title.setFont(big)
        self.next_title = QtWidgets.QLabel("")
        self.next_title.setObjectName("nextTitle")
        mid = self.next_title.font()
        mid.setPointSizeF(mid.pointSizeF() * 1.15)
        mid.setBold(True)
        self.next_title.setFont(mid)
        self.today_box = QtWidgets.QVBoxLayout()
        self.next_box = QtWidgets.QVBoxLayout()
        self.empty_today = QtWidgets.QLabel("")
        self.empty_today.setObjectName("noMeetingToday")
        self.empty_today.setWordWrap(True)
        self.empty_next = QtWidgets.QLabel("")
        self.empty_next.setObjectName("noMeetingNext")
        self._layout()
        on_choose(self.past, self._past_chosen)
        self.calendar.meetingChosen.connect(self.meetingChosen)
        self.retranslate()

    def _layout(self) -> None:
        cards = QtWidgets.QWidget()
        cards.setObjectName("homeCards")
        column = QtWidgets.QVBoxLayout(cards)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(8)
        column.addWidget(self.today_title)
        column.addLayout(self.today_box)
        column.addWidget(self.empty_today)
        column.addSpacing(8)
        column.addWidget(self.next_title)
        column.addLayout(self.next_box)
        column.addWidget(self.empty_next)
        column.addStretch(1)
        self.cards_area = QtWidgets.QScrollArea()
        self.cards_area.setObjectName("homeScroll")
        self.cards_area.setWidgetResizable(True)
        self.cards_area.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        self.cards_area.setWidget(cards)
        self.calendar = CalendarView()
        self.past_title = QtWidgets.QLabel("")
        self.past = QtWidgets.QListWidget()
        self.past.setObjectName("pastMeetings")
        self.past_title.setBuddy(self.past)
        side = QtWidgets.QWidget()
        side.setObjectName("homeSide")
        right = QtWidgets.QVBoxLayout(side)
        right.setContentsMargins(8, 12, 12, 12)
        right.addWidget(self.calendar, 3)
        right.addWidget(self.past_title)
        right.addWidget(self.past, 1)
        split = QtWidgets.QSplitter()
        split.setObjectName("homeSplit")
        split.setChildrenCollapsible(False)
        split.addWidget(self.cards_area)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([600, 400])
        self.cards_area.setMinimumWidth(300)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)

    def retranslate(self) -> None:
        named(self.cards_area, self.tr("Today's and the next meetings"))
        self.next_title.setText(self.tr("Next meetings"))
        self.empty_today.setText(self.tr("No meeting today."))
        self.empty_next.setText(self.tr("No meeting planned."))
        self.past_title.setText(self.tr("&Past meetings"))
        named(self.past, self.tr("Past meetings"))
        self._show()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_meetings(self, data: HomeData | list[Meeting], today: date | None = None) -> None:
        """Show what Home lists (a plain list: no roles, nothing live)."""
        self.data = data if isinstance(data, HomeData) else HomeData(list(data))
        self.today = today
        self._show()

    def _day(self) -> date:
        return self.today or self.shown_day or datetime.now(VIETNAM).date()

    def _show(self) -> None:
        today = self._day()
        self.today_title.setText(self.tr("Today · %1").replace("%1", day_text(today)))
        meetings = self.data.meetings
        buckets: dict[str, list[Meeting]] = {TODAY: [], UPCOMING: [], PAST: []}
        for m in meetings:
            buckets[m.bucket(today)].append(m)
        for box in (self.today_box, self.next_box):
            while box.count():
                taken = box.takeAt(0)
                widget = taken.widget() if taken is not None else None
                if widget is not None:
                    widget.setParent(None)
                    widget.deleteLater()
        self._cards = {}
        for key, box in ((TODAY, self.today_box), (UPCOMING, self.next_box)):
            for m in buckets[key]:
                card = MeetingCard(m)
                self._fill(card, m)
                card.clicked.connect(lambda _checked=False, mid=m.id: self.meetingChosen.emit(mid))
                box.addWidget(card)
                self._cards[m.id] = card
        self.empty_today.setVisible(not buckets[TODAY])
        self.empty_next.setVisible(not buckets[UPCOMING])
        self.past.clear()
        for m in reversed(buckets[PAST]):  # the latest first
            begins = m.starts_at.astimezone(VIETNAM)
            item = QtWidgets.QListWidgetItem(
                f"{begins.strftime('%d/%m/%Y')} · {printable(m.title, limit=SHOWN)}"
            )
            item.setData(ID_ROLE, m.id)
            item.setToolTip(offline_text(m, self.downloading))
            self.past.addItem(item)
        if not buckets[PAST]:
            self.past.addItem(self.tr("No past meetings."))
        self.calendar.mark_days([m.starts_at.astimezone(VIETNAM).date() for m in meetings])

    def _fill(self, card: MeetingCard, m: Meeting) -> None:
        card.fill(
            m,
            self.data.roles.get(m.id, ""),
            self.data.live.get(m.id),
            offline_text(m, self.downloading),
        )

    def cards(self) -> list[MeetingCard]:
        """The cards, today's first, in the order shown."""
        found = []
        for box in (self.today_box, self.next_box):
            for i in range(box.count()):
                taken = box.itemAt(i)
                widget = taken.widget() if taken is not None else None
                if isinstance(widget, MeetingCard):
                    found.append(widget)
        return found

    def card(self, meeting_id: str) -> MeetingCard:
        return self._cards[meeting_id]

    def rows(self) -> list[tuple[str, str]]:
        """(meeting id, offline line) of every meeting listed, cards then past."""
        rows = [(c.meeting.id, c.offline.text()) for c in self.cards()]
        for i in range(self.past.count()):
            item = self.past.item(i)
            if item.data(ID_ROLE):
                rows.append((str(item.data(ID_ROLE)), item.toolTip()))
        return rows

    def update_meeting(self, m: Meeting) -> None:
        """Refresh one meeting's offline line (download progress) without a reload."""
        card = self._cards.get(m.id)
        if card is not None:
            self._fill(card, m)
            return
        for i in range(self.past.count()):
            item = self.past.item(i)
            if item.data(ID_ROLE) == m.id:
                item.setToolTip(offline_text(m, self.downloading))

    def _past_chosen(self, item: QtWidgets.QListWidgetItem) -> None:
        meeting_id = item.data(ID_ROLE)
        if meeting_id:
            self.meetingChosen.emit(str(meeting_id))


class MeetingPage(QtWidgets.QWidget):
    """One meeting's header, its agenda (the item under discussion marked while
    the meeting is live) and the documents of the selected item. The people
    list is shown by the side panel."""

    documentChosen = Signal(object)  # DocumentSummary

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingPage")
        self.detail: MeetingDetail | None = None
        self.role = ""
        self.current_item: str | None = None
        self.live_item: tuple[str, str | None] = ("", None)
        """(meeting, item): the current agenda item the live state names, kept
        for when that meeting's detail arrives (it may come after the live view)."""
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        self.details = QtWidgets.QLabel("")
        self.details.setObjectName("meetingDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        layout.addWidget(self.details)
        self.agenda_title = QtWidgets.QLabel("")
        layout.addWidget(self.agenda_title)
        self.agenda = QtWidgets.QListWidget()
        self.agenda.setObjectName("agenda")
        self.agenda.setWordWrap(True)
        self.agenda_title.setBuddy(self.agenda)
        layout.addWidget(self.agenda, 3)
        self.documents_title = QtWidgets.QLabel("")
        layout.addWidget(self.documents_title)
        self.documents = QtWidgets.QListWidget()
        self.documents.setObjectName("itemDocuments")
        self.documents.setWordWrap(True)
        self.documents_title.setBuddy(self.documents)
        layout.addWidget(self.documents, 2)
        self.people = QtWidgets.QListWidget()
        self.people.setObjectName("participants")
        self.agenda.currentRowChanged.connect(self._item_chosen)
        on_choose(self.documents, self._activated)
        self.retranslate()

    def retranslate(self) -> None:
        self.agenda_title.setText(self.tr("&Agenda"))
        named(self.agenda, self.tr("Agenda"))
        self.documents_title.setText(self.tr("D&ocuments of this item"))
        named(self.documents, self.tr("Documents of the chosen agenda item"))
        named(self.people, self.tr("Participants"))
        if self.detail is None:
            self.clear()
        else:
            self.show_detail(self.detail, self.role)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_detail(self, detail: MeetingDetail, role: str = "") -> None:
        same = self.detail is not None and self.detail.meeting.id == detail.meeting.id
        row = self.agenda.currentRow() if same else 0
        self.detail, self.role = detail, role
        m = detail.meeting
        lines = [
            printable(m.title, limit=SHOWN),
            f"{when_text(m)} · {printable(m.place, limit=SHOWN)}",
            self.tr("Chair: %1").replace("%1", printable(m.chair, limit=60))
            + " · "
            + status_text(m.status),
        ]
        if role:
            lines[-1] += " · " + self.tr("My role: %1").replace("%1", role_text(role))
        self.details.setText("\n".join(lines))
        self.agenda.blockSignals(True)
        self.agenda.clear()
        for item in detail.agenda:
            entry = QtWidgets.QListWidgetItem(
                f"{item.position}. {printable(item.title, limit=SHOWN)}"
            )
            entry.setData(ITEM_ROLE, item)
            if item.presenter:
                entry.setToolTip(
                    plain_tip(
                        self.tr("Presented by %1").replace(
                            "%1", printable(item.presenter, limit=60)
                        )
                    )
                )
            self.agenda.addItem(entry)
        if detail.other_documents:
            others = QtWidgets.QListWidgetItem(self.tr("Other documents"))
            others.setData(ITEM_ROLE, AgendaItem("", 0, "", "", detail.other_documents))
            self.agenda.addItem(others)
        self.agenda.blockSignals(False)
        if self.live_item[0] == m.id:
            self.mark_current(self.live_item[1])
        else:
            self.mark_current(self.current_item if same else None)
        if self.agenda.count():
            self.agenda.setCurrentRow(min(max(row, 0), self.agenda.count() - 1))
            self._item_chosen(self.agenda.currentRow())
        else:
            self.documents.clear()
        self.people.clear()
        for person in detail.participants:
            self.people.addItem(f"{printable(person.name, limit=80)} — {role_text(person.role)}")

    def show_live_item(self, meeting_id: str, item_id: str | None) -> None:
        """The meeting's live state says ``item_id`` is under discussion (None:
        no item made current yet): mark it when that meeting is shown."""
        self.live_item = (meeting_id, item_id)
        if self.detail is not None and self.detail.meeting.id == meeting_id:
            self.mark_current(item_id)

    def chosen_item(self) -> AgendaItem | None:
        """The agenda item selected in the list (None: none, or "Other documents")."""
        entry = self.agenda.currentItem()
        item = entry.data(ITEM_ROLE) if entry is not None else None
        return item if isinstance(item, AgendaItem) and item.id else None

    def mark_current(self, item_id: str | None) -> None:
        """Mark the agenda item under discussion (live data says which; None: none).
        For the live screens: the item gets the "live" icon, bold type and a word."""
        self.current_item = item_id
        for row in range(self.agenda.count()):
            entry = self.agenda.item(row)
            item = entry.data(ITEM_ROLE)
            current = isinstance(item, AgendaItem) and bool(item_id) and item.id == item_id
            font = entry.font()
            font.setBold(current)
            entry.setFont(font)
            entry.setIcon(icon("radio") if current else QtGui.QIcon())
            if isinstance(item, AgendaItem) and item.id:
                # Rebuilt from the item, not cut from the shown text: a title may hold " — ".
                base = f"{item.position}. {printable(item.title, limit=SHOWN)}"
                entry.setText(base + (" — " + self.tr("now") if current else ""))

    def clear(self) -> None:
        """No meeting shown (none chosen yet, or the one shown was removed)."""
        self.detail = None
        self.details.setText(self.tr("Choose a meeting on Home."))
        self.agenda.clear()
        self.documents.clear()
        self.people.clear()

    def _item_chosen(self, row: int) -> None:
        self.documents.clear()
        entry = self.agenda.item(row) if row >= 0 else None
        item = entry.data(ITEM_ROLE) if entry is not None else None
        if not isinstance(item, AgendaItem):
            return
        for doc in item.documents:
            self.documents.addItem(self._doc_item(doc))
        if not item.documents:
            self.documents.addItem(self.tr("No documents for this item."))

    def _doc_item(self, doc: DocumentSummary) -> QtWidgets.QListWidgetItem:
        if doc.available:
            state = self.tr("%1 pages · on this computer").replace("%1", str(doc.pages or "?"))
        else:
            state = self.tr("not on this computer yet")
        item = QtWidgets.QListWidgetItem(f"{printable(doc.title, limit=SHOWN)}\n{state}")
        item.setData(DOC_ROLE, doc)
        item.setIcon(icon("file-text" if doc.available else "download"))
        return item

    def document_items(self) -> list[tuple[str, DocumentSummary]]:
        """(shown text, document) of the documents listed for the chosen item."""
        found = []
        for i in range(self.documents.count()):
            doc = self.documents.item(i).data(DOC_ROLE)
            if isinstance(doc, DocumentSummary):
                found.append((self.documents.item(i).text(), doc))
        return found

    def _activated(self, item: QtWidgets.QListWidgetItem) -> None:
        doc = item.data(DOC_ROLE)
        if isinstance(doc, DocumentSummary) and doc.available:
            self.documentChosen.emit(doc)
