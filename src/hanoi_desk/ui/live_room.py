"""The live meeting in the desktop: one controller per open meeting and the
side panel's live pages (docs/ui-live.md).

:class:`LiveRoom` follows the meeting's live stream on the ``net`` lane
(``app.live.LiveService.follow`` over a connection of its own, cancelable),
reloads the view on the ``db`` lane whenever the session publishes
``Changes.live``, and runs every action on the ``net`` lane: the UI thread
never waits for the network or the database. Offline, an action is queued at
once (no back-off wait in front of the user) and the follower sends it when
the stream returns.

:class:`RoomNowPanel` is the delegate's "room now" page; :class:`ChairConsole`
the chair's and secretary's console. Neither holds a rule: permissions,
quorum and speaking time come from ``domain.live``.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace

from hanoi_desk.app.live import CommandView, LiveOptions, LiveOutcome, LiveService, LiveView
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.domain.live import rules
from hanoi_desk.domain.live.quorum import BodySettings, needed, quorum_met, snapshot
from hanoi_desk.domain.live.roles import CommandKind, may, may_vote, role_of
from hanoi_desk.domain.live.state import AttendanceState, RequestState, RequestType, elapsed_ms
from hanoi_desk.domain.meetings import AgendaItem
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import Cancelled, HanoiDeskError, UserError
from hanoi_desk.store.live import CommandState
from hanoi_desk.sync.backoff import CancelToken
from hanoi_desk.sync.live import wall_ms
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.qt import QObject, QtCore, QtWidgets, Signal
from hanoi_desk.ui.tasks import Job, TaskRunner

STALE_AFTER_S = 20.0
"""Seconds without a heartbeat or an event before the panel says the room is
out of reach (the server beats every 5 s; a drop shows within 4 missed beats)."""
RESTART_AFTER_MS = 3000
"""A follow that gave up (its back-off ran out) starts again after this pause."""
ONLINE_RUN_TIMEOUT = 10.0
"""Seconds an action may spend reaching the authority before it stays queued."""


def clock_text(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class LiveRoom(QObject):
    """The live state of the open meeting, for every live screen of the window."""

    viewChanged = Signal(object)  # LiveView
    onlineChanged = Signal(bool)
    commandsChanged = Signal(object)  # tuple[CommandView, ...]: mine, newest last
    refused = Signal(str, str)  # reason, message
    unavailable = Signal(str)  # why there is no live view (no account, not a participant)

    def __init__(
        self,
        workspace: Workspace,
        runner: TaskRunner,
        changes: ChangeFeed | None = None,
        options: LiveOptions | None = None,
        parent: QObject | None = None,
        *,
        language: Callable[[], str | None] = lambda: None,
    ) -> None:
        super().__init__(parent)
        self.language = language
        """The window's language, for the messages of refusals and errors."""
        self.ws = workspace
        self.runner = runner
        self.options = options or LiveOptions()
        self.stale_after = STALE_AFTER_S
        self.meeting_id: str | None = None
        self.view: LiveView | None = None
        self.online = False
        self.mine: list[str] = []
        """Op ids of the commands made here, oldest first."""
        self._cancel: CancelToken | None = None
        self._thread: threading.Thread | None = None
        self._kick = threading.Event()
        self._last_beat = 0.0
        self._last_refresh = 0.0
        self._reloading = False
        """A reload is under way on the db lane (one at a time: see refresh)."""
        self._reload_again = False
        self._beat_lock = threading.Lock()
        self._watch = QtCore.QTimer(self)
        self._watch.setInterval(1000)
        self._watch.timeout.connect(self._check_beat)
        if changes is not None:
            changes.subscribe(("live",), self.refresh)

    # -- the meeting -----------------------------------------------------------------------

    def open(self, meeting_id: str, *, follow: bool = True) -> None:
        if meeting_id == self.meeting_id:
            return
        self.stop()
        self.meeting_id, self.view, self.mine = meeting_id, None, []
        self.refresh()
        if follow:
            self.start_following()

    def stop(self, wait: float = 0.0) -> None:
        """Stop following (the meeting closes, the profile locks or switches);
        the follower sees it at its next heartbeat or back-off wait. ``wait``:
        seconds to wait for it to end (a lock waits, so the session's files are
        not in use once the window is gone)."""
        if self._cancel is not None:
            self._cancel.cancel()
            self._cancel = None
        thread, self._thread = self._thread, None
        if thread is not None and wait > 0:
            thread.join(wait)
        self._watch.stop()
        self._set_online(False)

    def _service(self, offline: bool = False, own: bool = False) -> LiveService:
        options = replace(self.options, offline=True) if offline else self.options
        if not offline and not own:
            raise ValueError("a service that talks to the server has its own connection")
        return LiveService(self.ws.session, options, own_connection=own)

    def send_now(self) -> None:
        """Ask the follower to send the outbox now rather than at its next wait.

        Something was just queued (a live action, a ballot): the follower ends
        its stream at its next heartbeat and the next follow sends the outbox
        first, so the chair's action reaches the room without a delay."""
        self._kick.set()

    def refresh(self) -> None:
        """Reload the view from this computer's cache (db lane, no network).

        At most one reload is under way: changes published meanwhile (a burst of
        events, one ``Changes.live`` each) ask for one more after it, which reads
        them all. A reload per event queued hundreds of them, and their results
        then ran back to back on the UI thread, freezing it for seconds
        (``./run bench ui``: ui.live_stall)."""
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        if self._reloading:
            self._reload_again = True
            return
        self._reloading = True
        mine = tuple(self.mine)

        def settle() -> None:
            self._reloading = False
            if self._reload_again:
                self._reload_again = False
                self.refresh()

        def work(
            job: Job[tuple[LiveView, tuple[CommandView, ...]]],
        ) -> tuple[LiveView, tuple[CommandView, ...]]:
            svc = self._service(offline=True)
            return svc.status(meeting_id), svc.commands(mine)

        def done(result: tuple[LiveView, tuple[CommandView, ...]]) -> None:
            if meeting_id == self.meeting_id:
                self._show(result[0])
                self.commandsChanged.emit(result[1])
            settle()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, HanoiDeskError) and meeting_id == self.meeting_id:
                self.unavailable.emit(exc.message(self.language()))
            elif not isinstance(exc, HanoiDeskError):
                self.runner.on_error(exc)
            settle()

        self.runner.run("db", work, done, failed=failed, cancelled=settle, owner=self)

    def _show(self, view: LiveView) -> None:
        self.view = view
        self.viewChanged.emit(view)

    # -- following the stream --------------------------------------------------------------

    def start_following(self) -> None:
        meeting_id = self.meeting_id
        if meeting_id is None or self.options.offline:
            return
        token = CancelToken()
        self._cancel = token
        self._watch.start()

        def contact() -> None:
            # Every event and heartbeat the stream delivers: the room is in reach.
            with self._beat_lock:
                self._last_beat = time.monotonic()
            self.runner.post(lambda: self._beat(token))

        def beat() -> bool:
            # No side effect: the sync client may ask twice in a row (after a stream
            # ends, and again at the top of its loop); clearing the kick here let the
            # second answer say "go on" and the queued command waited for good.
            return self._kick.is_set() or token.cancelled

        def work() -> None:
            try:
                while not token.cancelled:
                    with LiveService(
                        self.ws.session, self.options, cancel=token, own_connection=True
                    ) as svc:
                        # Cleared before this follow sends what is queued: a kick
                        # after this point ends the follow, and the next one sends.
                        self._kick.clear()
                        try:
                            svc.follow(meeting_id, until=beat, on_contact=contact)
                        except UserError:
                            return  # not signed in, not a participant: nothing to follow
                        except HanoiDeskError:
                            # The back-off ran out (or a sign-in was refused): say so, try later.
                            self.runner.post(
                                lambda: self._set_online(False) if self._cancel is token else None
                            )
                            token.sleep(RESTART_AFTER_MS / 1000)
            except Cancelled:
                return
            except Exception as exc:  # a bug: reported like a lane's, never silent
                error = exc
                self.runner.post(lambda: self.runner.on_error(error))

        # A thread of its own rather than a job on the net pool: following lasts as
        # long as the meeting is open, and a job would hold one of the pool's four
        # threads and count as "background work" (the busy bar, idle waits) all along.
        self._thread = threading.Thread(target=work, name="hd-live-follow", daemon=True)
        self._thread.start()

    def _beat(self, token: CancelToken) -> None:
        if self._cancel is not token:
            return
        self._set_online(True)
        # Two connections of this profile write the live log (the follower's and an
        # action's); when they cross, the sync client rewinds and fetches again
        # without a change published. A heartbeat therefore also reloads the view,
        # at most once a second (a reload is one read of a small state).
        now = time.monotonic()
        if now - self._last_refresh >= 1.0:
            self._last_refresh = now
            self.refresh()

    def _check_beat(self) -> None:
        with self._beat_lock:
            last = self._last_beat
        if self.online and time.monotonic() - last > self.stale_after:
            self._set_online(False)

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.onlineChanged.emit(online)

    # -- actions ---------------------------------------------------------------------------

    def act(
        self,
        action: Callable[[LiveService, str], LiveOutcome],
        *,
        on_refused: Callable[[str, str], None] | None = None,
    ) -> None:
        """Run ``action`` on the net lane: checked by the domain's rules, queued,
        sent when the room is in reach (else it waits, and the follower sends it).
        A refusal (reason, message) goes to ``on_refused`` when given (the part of
        a page that asked shows it beside its buttons), else to ``refused``."""
        meeting_id = self.meeting_id
        if meeting_id is None:
            return
        tell = on_refused or self.refused.emit
        offline = not self.online
        options = replace(self.options, offline=offline, run_timeout=ONLINE_RUN_TIMEOUT)

        def work(job: Job[LiveOutcome]) -> LiveOutcome:
            with LiveService(self.ws.session, options, own_connection=True) as svc:
                return action(svc, meeting_id)

        def done(outcome: LiveOutcome) -> None:
            for c in (*outcome.earlier, outcome.command):
                if c.op_id not in self.mine:
                    self.mine.append(c.op_id)
            if outcome.command.state in (CommandState.QUEUED, CommandState.SENDING):
                self.send_now()
            if outcome.command.state is CommandState.REFUSED:
                reason = outcome.command.reason or ""
                tell(reason, rules.Refused(reason).message(self.language()))
            if meeting_id == self.meeting_id:
                self._show(outcome.view)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, rules.Refused):
                tell(exc.reason, exc.message(self.language()))
                if exc.reason == rules.STALE:
                    self.refresh()
            elif isinstance(exc, HanoiDeskError):
                tell("", exc.message(self.language()))
            else:
                self.runner.on_error(exc)

        self.runner.run("net", work, done, failed=failed, owner=self, label="live action")


# --- what the panels share ------------------------------------------------------------------


def plain_label(name: str, wrap: bool = True) -> QtWidgets.QLabel:
    """A label for text from the server or other members, shown as plain text."""
    label = QtWidgets.QLabel("")
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    # Titles, names, topics and reasons here come from the server and other
    # members: never Qt rich text (a topic "<h1>…" must not paint a fake result).
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    return label


def named_button(name: str) -> QtWidgets.QPushButton:
    button = QtWidgets.QPushButton("")
    button.setObjectName(name)
    return button


class FlowLayout(QtWidgets.QLayout):
    """Widgets side by side, wrapping onto the next row when the width runs out.

    The side panel is 300 px wide by default at 1366×768: a row of three
    Vietnamese buttons ("Đăng ký phát biểu", "Chất vấn…", "Rút đăng ký") does not
    fit and was clipped. Qt has no flow layout (only its documentation's example),
    so this small one is written here; it reports its height for a width, so the
    page's scroll area grows instead of cutting a row off."""

    def __init__(self, parent: QtWidgets.QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QtWidgets.QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QtWidgets.QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QtWidgets.QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QtWidgets.QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> QtCore.Qt.Orientation:
        return QtCore.Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QtCore.QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QtCore.QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QtCore.QSize:
        return self.minimumSize()

    def minimumSize(self) -> QtCore.QSize:
        # The widest button: the layout is never narrower than one of them.
        size = QtCore.QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.sizeHint())
        return size

    def _place(self, rect: QtCore.QRect, move: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._items:
            if item.isEmpty():  # a hidden button takes no place
                continue
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, row_height = rect.x(), y + row_height + self._gap, 0
            if move:
                width = min(hint.width(), rect.width())
                item.setGeometry(
                    QtCore.QRect(QtCore.QPoint(x, y), QtCore.QSize(width, hint.height()))
                )
            x += hint.width() + self._gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


def flow_layout(*widgets: QtWidgets.QWidget) -> FlowLayout:
    flow = FlowLayout()
    for widget in widgets:
        flow.addWidget(widget)
    return flow


def wrapping_list(name: str) -> QtWidgets.QListWidget:
    """A list whose long lines (an interpellation's topic, a name and its state)
    wrap in the narrow side panel instead of being cut at its edge."""
    shown = QtWidgets.QListWidget()
    shown.setObjectName(name)
    shown.setWordWrap(True)
    shown.setUniformItemSizes(False)  # a wrapped line is taller than the others
    shown.setResizeMode(QtWidgets.QListView.ResizeMode.Adjust)
    shown.setTextElideMode(QtCore.Qt.TextElideMode.ElideNone)
    shown.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return shown


def side_scroll_area(body: QtWidgets.QWidget) -> QtWidgets.QScrollArea:
    """A page taller than the side panel scrolls down, never sideways: its rows
    wrap to the panel's width (docs/ui-live.md)."""
    scroll = QtWidgets.QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    return scroll


class LivePanel(QtWidgets.QWidget):
    """What the delegate's page and the chair's console both show: the
    connection, who is present and the quorum, the current speaker's time."""

    def __init__(self, room: LiveRoom, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.room = room
        self.view: LiveView | None = None
        self.connection = plain_label("liveConnection")
        self.presence = plain_label("livePresence")
        self.speaker = plain_label("liveSpeaker")
        self.timer = plain_label("liveTimer", wrap=False)
        font = self.timer.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.timer.setFont(font)
        self.message = plain_label("liveMessage")
        self.message.setAccessibleName("")
        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)
        self._tick.start()
        room.viewChanged.connect(self.show_view)
        room.onlineChanged.connect(lambda _o: self._show_connection())
        room.refused.connect(self._refused)
        room.unavailable.connect(self._unavailable)

    # -- texts -------------------------------------------------------------------------------

    def attendance_text(self, state: AttendanceState) -> str:
        return {
            AttendanceState.EXPECTED: self.tr("not yet here"),
            AttendanceState.PRESENT: self.tr("present"),
            AttendanceState.LEFT: self.tr("left"),
            AttendanceState.EXCUSED: self.tr("absent with a reason"),
            AttendanceState.ABSENT: self.tr("absent"),
        }[state]

    def request_text(self, kind: RequestType) -> str:
        return {
            RequestType.SPEAK: self.tr("to speak"),
            RequestType.INTERPELLATION: self.tr("interpellation"),
            RequestType.POINT_OF_ORDER: self.tr("point of order"),
        }[kind]

    def request_state_text(self, state: RequestState) -> str:
        return {
            RequestState.REQUESTED: self.tr("waiting for approval"),
            RequestState.APPROVED: self.tr("approved"),
            RequestState.REJECTED: self.tr("rejected"),
            RequestState.WITHDRAWN: self.tr("withdrawn"),
            RequestState.CALLED: self.tr("called"),
            RequestState.SPEAKING: self.tr("speaking"),
            RequestState.PAUSED: self.tr("paused"),
            RequestState.DONE: self.tr("done"),
        }[state]

    def command_state_text(self, state: CommandState) -> str:
        return {
            CommandState.QUEUED: self.tr("queued"),
            CommandState.SENDING: self.tr("sent"),
            CommandState.APPLIED: self.tr("applied"),
            CommandState.REFUSED: self.tr("refused"),
        }[state]

    # -- showing -----------------------------------------------------------------------------

    def quorum(self, view: LiveView) -> tuple[int, int, bool, int]:
        """(present, members, quorum met, needed), by the domain's rules."""
        roles = {p.user: p.role for p in view.people if role_of(p.role) is not None}
        settings = BodySettings()
        entitled = snapshot(view.state, roles, settings)
        met = quorum_met(entitled, settings.quorum)
        count = len(entitled.voters)
        return len(entitled.present), count, met, needed(count, settings.quorum)

    def show_view(self, view: LiveView) -> None:
        self.view = view
        present, members, met, need = self.quorum(view)
        quorum = (
            self.tr("quorum met")
            if met
            else self.tr("no quorum (needs %1)").replace("%1", str(need))
        )
        self.presence.setText(
            self.tr("Present: %1 of %2 · %3")
            .replace("%1", str(present))
            .replace("%2", str(members))
            .replace("%3", quorum)
        )
        current = view.current
        if current is None:
            self.speaker.setText(self.tr("Nobody has the floor."))
        else:
            self.speaker.setText(
                self.tr("Speaking: %1 (%2)")
                .replace("%1", printable(current.name))
                .replace("%2", self.request_state_text(current.state))
            )
        self._show_connection()
        self._show_time()

    def now_ms(self) -> int:
        """The authority's clock: this computer's corrected by the measured offset."""
        view = self.view
        offset = view.clock_offset_ms if view is not None else None
        return wall_ms() + (offset or 0)

    def _show_time(self) -> None:
        view = self.view
        current = view.state.current if view is not None else None
        shown = "" if current is None else clock_text(elapsed_ms(current, self.now_ms()))
        self.timer.setText(shown)

    def _show_connection(self) -> None:
        if self.room.online:
            self.connection.setText(self.tr("Following the room live."))
        else:
            self.connection.setText(
                self.tr("Offline: what you do here waits and is sent when the connection returns.")
            )

    def _refused(self, reason: str, message: str) -> None:
        if reason == rules.STALE:
            self.message.setText(self.tr("The list changed — look again."))
        else:
            self.message.setText(message)

    def _unavailable(self, message: str) -> None:
        self.message.setText(message)

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self.view is not None:
            self.show_view(self.view)
        # Screen readers: every button by its words, every list by its title.
        for button in self.findChildren(QtWidgets.QAbstractButton):
            button.setAccessibleName(button.text().replace("&", ""))
        for title, widget in self.titled():
            widget.setAccessibleName(title.text().replace("&", ""))

    def titled(self) -> list[tuple[QtWidgets.QLabel, QtWidgets.QWidget]]:
        """(title, widget) pairs whose widget is named by the title."""
        return []


# --- the delegate ---------------------------------------------------------------------------


class RoomNowPanel(LivePanel):
    """The delegate's "room now" page: check in or report absence, who is
    present and the quorum, ask to speak or interpellate, withdraw, my place,
    the current speaker's time, and where each of my actions stands."""

    def __init__(self, room: LiveRoom, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(room, parent)
        self.setObjectName("roomNow")
        self.mine_state = plain_label("myAttendance")
        self.checkin = named_button("checkIn")
        self.absent = named_button("reportAbsence")
        self.absence_form = QtWidgets.QWidget()
        self.reason = QtWidgets.QLineEdit()
        self.reason.setObjectName("absenceReason")
        self.send_absence = named_button("sendAbsence")
        form = QtWidgets.QHBoxLayout(self.absence_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addWidget(self.reason, 1)
        form.addWidget(self.send_absence)
        self.absence_form.hide()
        self.speak = named_button("requestSpeak")
        self.interpellate = named_button("requestInterpellation")
        self.withdraw = named_button("withdrawRequest")
        self.ask_form = QtWidgets.QWidget()
        self.to = QtWidgets.QLineEdit()
        self.to.setObjectName("interpellationTo")
        self.topic = QtWidgets.QLineEdit()
        self.topic.setObjectName("interpellationTopic")
        self.send_ask = named_button("sendInterpellation")
        ask = QtWidgets.QFormLayout(self.ask_form)
        ask.setContentsMargins(0, 0, 0, 0)
        self.to_label, self.topic_label = QtWidgets.QLabel(""), QtWidgets.QLabel("")
        ask.addRow(self.to_label, self.to)
        ask.addRow(self.topic_label, self.topic)
        ask.addRow(self.send_ask)
        self.ask_form.hide()
        self.place = plain_label("myPlace")
        self.queue = wrapping_list("speakerQueue")
        self.people = wrapping_list("roomPeople")
        self.actions_list = wrapping_list("myActions")
        self.queue_title, self.people_title = QtWidgets.QLabel(""), QtWidgets.QLabel("")
        self.actions_title = QtWidgets.QLabel("")
        self._make_delegation()

        self._lay_out()

        self._connect(room)
        self.retranslate()

    def _make_delegation(self) -> None:
        # Vote delegation (ủy quyền biểu quyết): only the authority knows whether the
        # body allows it, so the control shows for members until it says no.
        self.delegation_off = False
        self._delegation_meeting: str | None = None
        self.delegation_form = QtWidgets.QWidget()
        self.proxy_label = QtWidgets.QLabel("")
        self.proxy_box = QtWidgets.QComboBox()
        self.proxy_box.setObjectName("voteProxy")
        self.hand_vote = named_button("handVote")
        self.take_back = named_button("takeBackVote")
        self.delegation = plain_label("myDelegation")
        hand = QtWidgets.QVBoxLayout(self.delegation_form)
        hand.setContentsMargins(0, 0, 0, 0)
        whom = QtWidgets.QVBoxLayout()  # the label above: the panel is narrow
        whom.addWidget(self.proxy_label)
        whom.addWidget(self.proxy_box)
        # A long name in the box must not widen the page: it elides, the list shows it whole.
        self.proxy_box.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.proxy_box.setMinimumContentsLength(8)
        hand.addLayout(whom)
        hand.addLayout(flow_layout(self.hand_vote, self.take_back))

    def _connect(self, room: LiveRoom) -> None:
        self.checkin.clicked.connect(lambda: room.act(lambda s, m: s.checkin(m)))
        self.absent.clicked.connect(self._toggle_absence)
        self.send_absence.clicked.connect(self._send_absence)
        self.reason.returnPressed.connect(self._send_absence)
        self.speak.clicked.connect(lambda: room.act(lambda s, m: s.speak(m)))
        self.interpellate.clicked.connect(self._toggle_ask)
        self.send_ask.clicked.connect(self._send_ask)
        self.topic.returnPressed.connect(self._send_ask)
        self.withdraw.clicked.connect(lambda: room.act(lambda s, m: s.withdraw(m)))
        room.commandsChanged.connect(self.show_commands)
        self.hand_vote.clicked.connect(self._hand_vote)
        self.take_back.clicked.connect(lambda: room.act(lambda s, m: s.delegate(m, "")))

    def _lay_out(self) -> None:
        self.to_label.setBuddy(self.to)
        self.topic_label.setBuddy(self.topic)
        # The buttons wrap onto rows at the side panel's width; the speaker's time
        # comes first on its own line (it was pushed out of view beside the name).
        row1 = flow_layout(self.checkin, self.absent)
        row2 = flow_layout(self.speak, self.interpellate, self.withdraw)
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        for w in (self.connection, self.message, self.timer, self.mine_state):
            layout.addWidget(w)
        layout.addLayout(row1)
        layout.addWidget(self.absence_form)
        layout.addWidget(self.presence)
        layout.addWidget(self.speaker)
        layout.addWidget(self.place)
        layout.addLayout(row2)
        layout.addWidget(self.ask_form)
        layout.addWidget(self.delegation_form)
        layout.addWidget(self.delegation)
        lists: tuple[tuple[QtWidgets.QLabel, QtWidgets.QListWidget], ...] = (
            (self.queue_title, self.queue),
            (self.actions_title, self.actions_list),
            (self.people_title, self.people),
        )
        for title, shown in lists:
            layout.addWidget(title)
            layout.addWidget(shown, 1)
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(side_scroll_area(body))

    def titled(self) -> list[tuple[QtWidgets.QLabel, QtWidgets.QWidget]]:
        return [
            (self.queue_title, self.queue),
            (self.actions_title, self.actions_list),
            (self.people_title, self.people),
            (self.to_label, self.to),
            (self.topic_label, self.topic),
            (self.proxy_label, self.proxy_box),
        ]

    def _toggle_absence(self) -> None:
        self.absence_form.setVisible(not self.absence_form.isVisible())
        if self.absence_form.isVisible():
            self.reason.setFocus()

    def _send_absence(self) -> None:
        reason = self.reason.text()
        self.room.act(lambda s, m: s.absent(m, reason))
        self.absence_form.hide()

    def _toggle_ask(self) -> None:
        self.ask_form.setVisible(not self.ask_form.isVisible())
        if self.ask_form.isVisible():
            self.to.setFocus()

    def _send_ask(self) -> None:
        to, topic = self.to.text(), self.topic.text()
        self.room.act(lambda s, m: s.interpellate(m, to, topic))
        self.ask_form.hide()

    def retranslate(self) -> None:
        self.checkin.setText(self.tr("Check in"))
        self.absent.setText(self.tr("Report absence…"))
        self.reason.setPlaceholderText(self.tr("Reason (leave empty: absent without one)"))
        self.reason.setAccessibleName(self.reason.placeholderText())
        self.send_absence.setText(self.tr("Send"))
        self.speak.setText(self.tr("Ask to speak"))
        self.interpellate.setText(self.tr("Interpellation…"))
        self.withdraw.setText(self.tr("Withdraw"))
        self.to_label.setText(self.tr("&To whom"))
        self.topic_label.setText(self.tr("&On what"))
        self.send_ask.setText(self.tr("Send the interpellation"))
        self.queue_title.setText(self.tr("Waiting to speak"))
        self.actions_title.setText(self.tr("My actions"))
        self.people_title.setText(self.tr("Who is here"))
        self.proxy_label.setText(self.tr("Hand my &vote to"))
        self.proxy_label.setBuddy(self.proxy_box)
        self.hand_vote.setText(self.tr("Hand over"))
        self.take_back.setText(self.tr("Take it back"))
        super().retranslate()

    def show_view(self, view: LiveView) -> None:
        super().show_view(view)
        me = view.person(view.me)
        self.mine_state.setText(
            self.tr("You: %1").replace(
                "%1", self.attendance_text(me.attendance) if me else self.tr("not a member")
            )
        )
        allowed = role_of(view.role) is not None and may(view.role, CommandKind.CHECKIN)
        for w in (self.checkin, self.absent, self.speak, self.interpellate, self.withdraw):
            w.setEnabled(allowed)
        self.queue.clear()
        place = None
        for s in view.speakers:
            if s.waiting is None:
                continue
            if s.user == view.me and place is None:
                place = s.waiting + 1
            self.queue.addItem(
                f"{s.waiting + 1}. {printable(s.name)} — {self.request_text(s.type)}"
                f" ({self.request_state_text(s.state)})"
            )
        self.place.setText(
            self.tr("Your place in the queue: %1").replace("%1", str(place))
            if place is not None
            else self.tr("You are not waiting to speak.")
        )
        self.people.clear()
        for p in view.people:
            self.people.addItem(f"{printable(p.name)} — {self.attendance_text(p.attendance)}")
        self._show_delegation(view)

    def _show_delegation(self, view: LiveView) -> None:
        """Whom my vote is with, whose votes I hold, and the control to hand mine on."""
        if view.meeting_id != self._delegation_meeting:  # another meeting, maybe another body
            self._delegation_meeting, self.delegation_off = view.meeting_id, False
        names = {p.user: printable(p.name) for p in view.people}
        held = view.state.delegations  # member -> proxy
        if held:
            self.delegation_off = False  # a delegation was recorded: the body allows them
        mine = held.get(view.me, "")
        lines: list[str] = []
        if mine:
            lines.append(self.tr("Your vote is with: %1").replace("%1", names.get(mine, mine)))
        voters = sorted(names.get(m, m) for m, proxy in held.items() if proxy == view.me)
        if voters:
            lines.append(self.tr("You vote for: %1").replace("%1", ", ".join(voters)))
        if self.delegation_off:
            lines.append(rules.Refused(rules.DELEGATION_OFF).message(self.room.language()))
        self.delegation.setText("\n".join(lines))
        self.delegation.setVisible(bool(lines))
        member = may_vote(view.role) and may(view.role, CommandKind.DELEGATE)
        chosen = self.proxy_box.currentData()
        self.proxy_box.clear()
        for p in view.people:  # the present members, as the issue asks; never myself
            if p.user != view.me and may_vote(p.role) and p.attendance is AttendanceState.PRESENT:
                self.proxy_box.addItem(names[p.user], p.user)
        self.proxy_box.setCurrentIndex(max(0, self.proxy_box.findData(chosen)))
        self.delegation_form.setVisible(member and not self.delegation_off)
        self.hand_vote.setEnabled(self.proxy_box.count() > 0)
        self.take_back.setVisible(bool(mine))

    def _hand_vote(self) -> None:
        proxy = self.proxy_box.currentData()
        if proxy:
            self.room.act(lambda s, m: s.delegate(m, str(proxy)))

    def _refused(self, reason: str, message: str) -> None:
        if reason == rules.DELEGATION_OFF:
            # The body does not allow it: hide the control, keep the reason on the page.
            self.delegation_off = True
            if self.view is not None:
                self._show_delegation(self.view)
        super()._refused(reason, message)

    def show_commands(self, commands: tuple[CommandView, ...]) -> None:
        self.actions_list.clear()
        for c in reversed(commands):
            text = f"{self.kind_text(c.kind)}: {self.command_state_text(c.state)}"
            if c.state is CommandState.REFUSED and c.reason:
                text += f" — {rules.Refused(c.reason).message(self.room.language())}"
            self.actions_list.addItem(text)

    def kind_text(self, kind: str) -> str:
        return {
            CommandKind.CHECKIN.value: self.tr("Attendance"),
            CommandKind.SUBSTITUTE.value: self.tr("Substitute"),
            CommandKind.REQUEST.value: self.tr("Request to speak"),
            CommandKind.WITHDRAW.value: self.tr("Withdrawal"),
            CommandKind.DELEGATE.value: self.tr("Vote delegation"),
            CommandKind.AGENDA_CURRENT.value: self.tr("Current agenda item"),
        }.get(kind, kind)


# --- the chair and the secretary -------------------------------------------------------------

REQUEST_ROLE = QtCore.Qt.ItemDataRole.UserRole + 11
USER_ROLE = QtCore.Qt.ItemDataRole.UserRole + 12


class ChairConsole(LivePanel):
    """The chair's and secretary's console: attendance with the quorum and a
    member's state set, the speakers queue with approve, reject, reorder, call,
    and the floor's pause, resume, stop, next. Every list command names the
    list version the console showed, so a list changed meanwhile is refused
    ``stale`` ("look again") and the console reloads."""

    def __init__(self, room: LiveRoom, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(room, parent)
        self.setObjectName("chairConsole")
        self.attendance = wrapping_list("consoleAttendance")
        self.state_box = QtWidgets.QComboBox()
        self.state_box.setObjectName("consoleState")
        self.set_state = named_button("consoleSetState")
        self.queue = wrapping_list("consoleQueue")
        self.buttons: dict[str, QtWidgets.QPushButton] = {}
        # The list's buttons, then the floor's (one loop: the constructor is long enough).
        for action in ("approve", "reject", "call", "up", "down",
                       "pause", "resume", "stop", "next"):  # fmt: skip
            self.buttons[action] = named_button(f"console-{action}")
        self.attendance_title, self.queue_title = QtWidgets.QLabel(""), QtWidgets.QLabel("")

        state_row = QtWidgets.QHBoxLayout()
        state_row.addWidget(self.state_box, 1)
        state_row.addWidget(self.set_state)
        # Rows that wrap at the side panel's width (docs/ui-live.md); the timer first.
        list_row = flow_layout(
            *(self.buttons[a] for a in ("approve", "reject", "call", "up", "down"))
        )
        floor_row = flow_layout(*(self.buttons[a] for a in ("pause", "resume", "stop", "next")))
        self.state_box.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.state_box.setMinimumContentsLength(8)
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.connection)
        layout.addWidget(self.message)
        layout.addWidget(self.timer)
        layout.addWidget(self.presence)
        layout.addLayout(self._agenda_row())
        layout.addWidget(self.attendance_title)
        layout.addWidget(self.attendance, 1)
        layout.addLayout(state_row)
        layout.addWidget(self.speaker)
        layout.addLayout(floor_row)
        layout.addWidget(self.queue_title)
        layout.addWidget(self.queue, 1)
        layout.addLayout(list_row)
        # The votes, below the list (the page scrolls). Imported here: live_polls
        # builds on this module.
        from hanoi_desk.ui.live_polls import PollsPanel

        self.polls = PollsPanel(room)
        layout.addWidget(self.polls)
        self._scroll(body)

        self.set_state.clicked.connect(self._set_state)
        for action in ("approve", "reject", "call"):
            self.buttons[action].clicked.connect(lambda _c=False, a=action: self.list_command(a))
        self.buttons["up"].clicked.connect(lambda: self.move_request(-1))
        self.buttons["down"].clicked.connect(lambda: self.move_request(+1))
        for action in ("pause", "resume", "stop", "next"):
            self.buttons[action].clicked.connect(lambda _c=False, a=action: self.floor_command(a))
        self.retranslate()

    def retranslate(self) -> None:
        texts = {
            "approve": self.tr("&Approve"),
            "reject": self.tr("Re&ject"),
            "call": self.tr("&Call"),
            "up": self.tr("Move &up"),
            "down": self.tr("Move do&wn"),
            "pause": self.tr("&Pause"),
            "resume": self.tr("&Resume"),
            "stop": self.tr("&Stop"),
            "next": self.tr("&Next"),
        }
        for action, text in texts.items():
            self.buttons[action].setText(text)
        self.set_state.setText(self.tr("Set"))
        self.make_current.setText(self.tr("&Make current"))
        self.make_current.setToolTip(
            self.tr("Make the item chosen in the agenda the one under discussion")
        )
        if self.view is None:
            self.item_now.setText("")
        self.attendance_title.setText(self.tr("Attendance"))
        self.queue_title.setText(self.tr("Speakers queue"))
        current = self.state_box.currentIndex()
        self.state_box.clear()
        for state in AttendanceState:
            self.state_box.addItem(self.attendance_text(state), state.value)
        self.state_box.setCurrentIndex(max(0, current))
        super().retranslate()

    def show_view(self, view: LiveView) -> None:
        super().show_view(view)
        self.item_now.setText(self.item_text(view))
        chosen = self._chosen(self.queue, REQUEST_ROLE)
        self.queue.clear()
        for s in view.speakers:
            if s.waiting is None:
                continue
            text = f"{s.waiting + 1}. {printable(s.name)} — {self.request_text(s.type)}"
            if s.type is RequestType.INTERPELLATION:
                text += f" → {printable(s.to)}: {printable(s.topic)}"
            item = QtWidgets.QListWidgetItem(f"{text} ({self.request_state_text(s.state)})")
            item.setData(REQUEST_ROLE, s.request_id)
            self.queue.addItem(item)
            if s.request_id == chosen:
                self.queue.setCurrentItem(item)
        who = self._chosen(self.attendance, USER_ROLE)
        self.attendance.clear()
        for p in view.people:
            if role_of(p.role) is None or p.role in ("guest", "admin"):
                continue
            item = QtWidgets.QListWidgetItem(
                f"{printable(p.name)} — {self.attendance_text(p.attendance)}"
            )
            item.setData(USER_ROLE, p.user)
            self.attendance.addItem(item)
            if p.user == who:
                self.attendance.setCurrentItem(item)

    def titled(self) -> list[tuple[QtWidgets.QLabel, QtWidgets.QWidget]]:
        return [
            (self.attendance_title, self.attendance),
            (self.attendance_title, self.state_box),
            (self.queue_title, self.queue),
        ]

    @staticmethod
    def _chosen(widget: QtWidgets.QListWidget, role: int) -> str | None:
        item = widget.currentItem()
        return None if item is None else str(item.data(role))

    def _set_state(self) -> None:
        user = self._chosen(self.attendance, USER_ROLE)
        if user is None:
            return
        state = str(self.state_box.currentData())
        self.room.act(lambda s, m: s.set_attendance(m, user, state))

    def _scroll(self, body: QtWidgets.QWidget) -> None:
        """The console's content in a scroll area filling the page (it is taller
        than the side panel at 1366×768)."""
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(side_scroll_area(body))

    def _agenda_row(self) -> QtWidgets.QVBoxLayout:
        """The item under discussion, and "Make current" on the item chosen in
        the meeting's agenda (the window tells the console how to read that choice)."""
        self.agenda_choice: Callable[[], AgendaItem | None] = lambda: None
        self.item_now = plain_label("consoleCurrentItem")
        self.make_current = named_button("consoleMakeCurrent")
        self.make_current.clicked.connect(self._make_current)
        row = QtWidgets.QVBoxLayout()
        row.addWidget(self.item_now)
        row.addLayout(flow_layout(self.make_current))
        return row

    def item_text(self, view: LiveView) -> str:
        item = view.current_item
        if item is None:
            return self.tr("No agenda item is current yet.")
        if item.position is None:
            return self.tr("Now: an agenda item not on this computer yet (sync)")
        return (
            self.tr("Now: item %1. %2")
            .replace("%1", str(item.position))
            .replace("%2", printable(item.title, limit=120))
        )

    def _make_current(self) -> None:
        item = self.agenda_choice()
        if item is None:
            self.message.setText(self.tr("Choose an item in the agenda first."))
            return
        self.message.setText("")
        self.room.act(lambda s, m: s.make_current(item.id, m))

    def list_command(self, action: str) -> None:
        request = self._chosen(self.queue, REQUEST_ROLE)
        view = self.view
        if request is None or view is None:
            return
        version = view.list_version  # the list as the chair saw it
        self.message.setText("")
        self.room.act(lambda s, m: s.speakers(m, action, request, version))

    def move_request(self, step: int) -> None:
        request = self._chosen(self.queue, REQUEST_ROLE)
        view = self.view
        if request is None or view is None:
            return
        found = next((s for s in view.speakers if s.request_id == request), None)
        if found is None or found.waiting is None:
            return
        waiting = sum(1 for s in view.speakers if s.waiting is not None)
        position = found.waiting + step
        if not 0 <= position < waiting:
            return
        version = view.list_version
        self.message.setText("")
        self.room.act(lambda s, m: s.reorder(m, request, position, version))

    def floor_command(self, action: str) -> None:
        view = self.view
        if view is None:
            return
        version = view.list_version
        self.message.setText("")
        self.room.act(lambda s, m: s.speakers(m, action, None, version))
