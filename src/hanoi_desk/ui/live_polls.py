"""The votes in the chair's and secretary's console (issue 16, docs/ui-live.md):
create a vote on an agenda item, open a round, close it after its closing
period (or extend that period), announce the result; while a round takes
ballots, how many came in of how many entitled, who has not voted yet and
whose laptop is silent.

Nothing here decides: every button asks ``domain.live``'s own rules (the
authority's ``decide``) whether the command would be taken on the state the
console shows, and is enabled only then (its tooltip says why not); the
commands are the app's (``app.live_votes.LiveVotes``), run through
``LiveRoom.act`` on the live lane like every other console command. Who has not
voted and whose laptop is silent are the authority's watch, read the way
``hanoi-desk live status`` reads it (``LiveService.status`` then
``LiveVotes.polls``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from hanoi_desk.app.live import CommandView, LiveOutcome, LiveService, LiveView
from hanoi_desk.app.live_votes import LiveVotes, PollView
from hanoi_desk.domain.live import rules
from hanoi_desk.domain.live.polls import (
    DEFAULT_GRACE_MS,
    DEFAULT_OPTIONS,
    MAX_GRACE_MS,
    MAX_TITLE,
    PollKind,
)
from hanoi_desk.domain.live.roles import CommandKind, may, role_of
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import HanoiDeskError
from hanoi_desk.store.live import CommandState
from hanoi_desk.ui.common import follow_choice_tip, plain_tip
from hanoi_desk.ui.live_room import (
    ONLINE_RUN_TIMEOUT,
    LiveRoom,
    clock_text,
    flow_layout,
    named_button,
    plain_label,
    wrapping_list,
)
from hanoi_desk.ui.qt import QtCore, QtWidgets
from hanoi_desk.ui.tasks import Job

TITLE_ROLE = QtCore.Qt.ItemDataRole.UserRole + 21
"""An agenda item's title in the item chooser (the vote's title starts as it)."""
NOTHING_TO_DO = "nothing_to_do"
"""The rules take the command but it would change nothing (opened already,
announced already): the button is off, as a click would do nothing."""

Loaded = tuple[tuple[PollView, ...], bool, LiveView]
"""The votes of the meeting, whether the authority's watch came with them, and
the meeting as it was read with them."""


def judge(
    view: LiveView, kind: CommandKind, args: Mapping[str, Any], now_ms: int
) -> rules.Refused | None:
    """None when the authority's rules would take ``kind`` with ``args`` from me on
    the state this console shows; else their refusal (NOTHING_TO_DO: taken, but
    it would change nothing).

    What only the authority holds is left to it, as ``LiveService`` leaves it
    when it checks a poll command before queueing: the round's stored ballots
    (a close after the period: ``decide`` raises ValueError once every other
    check passed) and the body's own quorum (a local ``no_quorum`` is not
    trusted: the body may count otherwise)."""
    role = role_of(view.role)
    if role is None:
        return rules.Refused(rules.FORBIDDEN)
    roster = {p.user: r for p in view.people if (r := role_of(p.role)) is not None}
    command = rules.Command(str(kind), dict(args))
    try:
        events = rules.decide(view.state, view.me, role, command, now_ms, roster=roster)
    except ValueError:
        return None
    except rules.Refused as refused:
        return None if refused.reason == rules.NO_QUORUM else refused
    return None if events else rules.Refused(NOTHING_TO_DO)


class PollsPanel(QtWidgets.QGroupBox):
    """The console's votes: a compact group (the console scrolls) that fits the
    side panel at 1366×768."""

    def __init__(self, room: LiveRoom, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("consolePolls")
        self.room = room
        self.view: LiveView | None = None
        self.polls: tuple[PollView, ...] = ()
        self.watched = False
        """Whether ``polls`` carry the authority's watch (read online just now)."""
        self._agenda_of: str | None = None
        self._loading = False
        self._again = False
        self._sent_commands: tuple[CommandView, ...] = ()
        self._told: set[str] = set()
        """Op ids of refused vote commands already shown."""
        self._before_create: set[str] | None = None
        """The votes known when I created one: the new one is chosen once it shows."""

        self._build_form()

        # The vote in hand.
        self.poll_label = QtWidgets.QLabel("")
        self.poll_box = QtWidgets.QComboBox()
        self.poll_box.setObjectName("pollChoice")
        self.state = plain_label("pollState")
        self.counts = plain_label("pollCounts")
        self.not_voted_title, self.silent_title = QtWidgets.QLabel(""), QtWidgets.QLabel("")
        self.not_voted = wrapping_list("pollNotVoted")
        self.silent = wrapping_list("")
        self.silent.setObjectName("pollSilent")
        for shown in (self.not_voted, self.silent):
            shown.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 8)
        self.result = plain_label("pollResult")
        font = self.result.font()
        font.setBold(True)
        self.result.setFont(font)
        self.seconds_label = QtWidgets.QLabel("")
        self.seconds = QtWidgets.QSpinBox()
        self.seconds.setObjectName("pollSeconds")
        self.seconds.setRange(0, MAX_GRACE_MS // 1000)
        self.seconds.setValue(DEFAULT_GRACE_MS // 1000)
        self.buttons: dict[str, QtWidgets.QPushButton] = {
            action: named_button(f"poll-{action}")
            for action in ("open", "close", "extend", "publish")
        }
        self.message = plain_label("pollMessage")

        self._lay_out()
        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)
        self._tick.start()
        self._connect()
        self.retranslate()
        if room.view is not None:
            self.show_view(room.view)

    def _build_form(self) -> None:
        """Creating a vote from the agenda: a form shown on demand."""
        self.new_poll = named_button("pollNew")
        self.new_poll.setCheckable(True)
        self.create_form = QtWidgets.QWidget()
        self.create_form.setObjectName("pollCreateForm")
        self.item_box = QtWidgets.QComboBox()
        self.item_box.setObjectName("pollItem")
        self.title_edit = QtWidgets.QLineEdit()
        self.title_edit.setObjectName("pollTitle")
        self.secret = QtWidgets.QCheckBox("")
        self.secret.setObjectName("pollSecret")
        self.options_edit = QtWidgets.QPlainTextEdit()
        self.options_edit.setObjectName("pollOptions")
        self.options_edit.setTabChangesFocus(True)  # Tab leaves the box: keyboard users
        self.options_edit.setPlainText("\n".join(o.label for o in DEFAULT_OPTIONS))
        self.options_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.text_last = QtWidgets.QCheckBox("")
        self.text_last.setObjectName("pollTextOption")
        self.text_last.setChecked(True)
        self.create_button = named_button("pollCreate")
        self.item_label, self.title_label = QtWidgets.QLabel(""), QtWidgets.QLabel("")
        self.options_label = QtWidgets.QLabel("")
        form = QtWidgets.QFormLayout(self.create_form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.item_label, self.item_box)
        form.addRow(self.title_label, self.title_edit)
        form.addRow(self.secret)
        form.addRow(self.options_label, self.options_edit)
        form.addRow(self.text_last)
        form.addRow(self.create_button)
        self.create_form.hide()

    def _lay_out(self) -> None:
        self.item_label.setBuddy(self.item_box)
        self.title_label.setBuddy(self.title_edit)
        self.options_label.setBuddy(self.options_edit)
        self.poll_label.setBuddy(self.poll_box)
        self.seconds_label.setBuddy(self.seconds)
        # The side panel is narrow: the vote's title gets the row's whole width
        # (cut at the end when longer, whole in the box's list and its tooltip),
        # and the buttons wrap onto rows (live_room.FlowLayout).
        for box in (self.poll_box, self.item_box):
            box.setSizeAdjustPolicy(
                QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(10)
            follow_choice_tip(box)
        choose = QtWidgets.QVBoxLayout()
        choose.addWidget(self.poll_label)
        choose.addWidget(self.poll_box)
        choose.addLayout(flow_layout(self.new_poll))
        for label in (self.seconds_label, self.poll_label, self.not_voted_title, self.silent_title):
            label.setWordWrap(True)  # long Vietnamese labels: never wider than the panel
        grace = QtWidgets.QHBoxLayout()
        grace.addWidget(self.seconds_label)
        grace.addWidget(self.seconds)
        grace.addStretch(1)
        actions = flow_layout(*(self.buttons[a] for a in ("open", "close", "extend", "publish")))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # inside the console's page, its margins
        layout.addLayout(choose)
        layout.addWidget(self.create_form)
        layout.addWidget(self.state)
        layout.addWidget(self.counts)
        layout.addWidget(self.not_voted_title)
        layout.addWidget(self.not_voted)
        layout.addWidget(self.silent_title)
        layout.addWidget(self.silent)
        layout.addWidget(self.result)
        layout.addLayout(grace)
        layout.addLayout(actions)
        layout.addWidget(self.message)

    def _connect(self) -> None:
        self.room.viewChanged.connect(self.show_view)
        self.room.commandsChanged.connect(self.show_commands)
        self.new_poll.toggled.connect(self._toggle_form)
        self.item_box.currentIndexChanged.connect(self._item_chosen)
        self.title_edit.textChanged.connect(lambda _t: self._enable())
        self.options_edit.textChanged.connect(self._enable)
        self.secret.toggled.connect(lambda _c: self._enable())
        self.text_last.toggled.connect(lambda _c: self._enable())
        self.seconds.valueChanged.connect(lambda _v: self._enable())
        self.poll_box.currentIndexChanged.connect(lambda _i: self._show_poll())
        self.create_button.clicked.connect(self.create_poll)
        for action, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, a=action: self.command(a))

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Votes"))
        self.new_poll.setText(self.tr("A&dd a vote…"))
        self.item_label.setText(self.tr("Agenda &item"))
        self.title_label.setText(self.tr("Title of the &motion"))
        self.secret.setText(self.tr("Secre&t ballot"))
        self.options_label.setText(self.tr("&Ballot options, one per line"))
        self.text_last.setText(self.tr("The last option ta&kes a written opinion"))
        self.create_button.setText(self.tr("Cr&eate the vote"))
        self.poll_label.setText(self.tr("&Vote"))
        self.not_voted_title.setText(self.tr("Not voted yet"))
        self.silent_title.setText(self.tr("Laptops not heard from lately"))
        self.seconds_label.setText(self.tr("&Grace (seconds)"))
        texts = {
            "open": self.tr("&Open a round"),
            "close": self.tr("C&lose"),
            "extend": self.tr("E&xtend"),
            "publish": self.tr("Announce t&he result"),
        }
        for action, text in texts.items():
            self.buttons[action].setText(text)
        # Screen readers: every control by its words or its label.
        for button in self.findChildren(QtWidgets.QAbstractButton):
            button.setAccessibleName(button.text().replace("&", ""))
        titled: tuple[tuple[QtWidgets.QLabel, QtWidgets.QWidget], ...] = (
            (self.item_label, self.item_box),
            (self.title_label, self.title_edit),
            (self.options_label, self.options_edit),
            (self.poll_label, self.poll_box),
            (self.not_voted_title, self.not_voted),
            (self.silent_title, self.silent),
            (self.seconds_label, self.seconds),
        )
        for title, widget in titled:
            widget.setAccessibleName(title.text().replace("&", ""))
        self._show_poll()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def status_text(self, poll: PollView) -> str:
        return {
            "draft": self.tr("not opened yet"),
            "open": self.tr("round %1 open: ballots are coming in"),
            "closing": self.tr("round %1 closing: %2 left"),
            "closed": self.tr("round %1 closed"),
            "published": self.tr("round %1 announced: final"),
        }.get(poll.status, printable(poll.status, limit=32))

    def kind_text(self, kind: PollKind) -> str:
        return self.tr("secret") if kind is PollKind.SECRET else self.tr("named")

    # -- showing ---------------------------------------------------------------------------

    def now_ms(self) -> int:
        """The authority's clock: this computer's corrected by the measured offset."""
        view = self.view
        offset = view.clock_offset_ms if view is not None else None
        return self.room.options.clock() + (offset or 0)

    def show_view(self, view: LiveView) -> None:
        if self.view is None or self.view.meeting_id != view.meeting_id:
            self.polls, self.watched = (), False
        elif view.head_seq < self.view.head_seq:
            self.load()  # an older reload than the votes shown: read again, keep the newer
            return
        self.view = view
        if self._agenda_of != view.meeting_id:
            self._load_agenda(view.meeting_id)
        self.load()
        self._enable()

    def current(self) -> PollView | None:
        poll_id = self.poll_box.currentData()
        return next((p for p in self.polls if p.id == poll_id), None)

    def _show_polls(self) -> None:
        """Fill the vote chooser; keep the chosen one, else the one taking
        ballots, else the newest."""
        chosen = self.poll_box.currentData()
        voting = next((p.id for p in self.polls if p.status in ("open", "closing")), None)
        self.poll_box.blockSignals(True)
        self.poll_box.clear()
        for p in self.polls:
            self.poll_box.addItem(
                f"{printable(p.title, limit=80)} ({self.kind_text(p.kind)})", p.id
            )
        wanted = voting if voting is not None and chosen != voting else chosen
        if self._before_create is not None:
            created = [p.id for p in self.polls if p.id not in self._before_create]
            if created:
                wanted, self._before_create = created[-1], None
        index = self.poll_box.findData(wanted)
        self.poll_box.setCurrentIndex(index if index >= 0 else self.poll_box.count() - 1)
        self.poll_box.blockSignals(False)
        self._show_poll()

    def _show_poll(self) -> None:
        poll = self.current()
        view = self.view
        names = {p.user: printable(p.name) for p in view.people} if view is not None else {}
        self.not_voted.clear()
        self.silent.clear()
        if poll is None:
            self.state.setText(self.tr("No vote in this meeting yet."))
            self.counts.setText("")
            self.result.setText("")
            for hidden in (self.not_voted_title, self.not_voted, self.silent_title, self.silent):
                hidden.hide()
            self._enable()
            return
        self._show_time()
        taking = poll.round_status is not None and str(poll.round_status) != "closed"
        if taking:
            self.counts.setText(
                self.tr("Ballots received: %1 of %2 entitled")
                .replace("%1", str(poll.cast))
                .replace("%2", str(poll.cast + poll.not_voted))
            )
        else:
            self.counts.setText("")
        for who in poll.not_voted_members:
            self.not_voted.addItem(names.get(who, printable(who, limit=64)))
        for who in poll.silent:
            self.silent.addItem(names.get(who, printable(who, limit=64)))
        if taking and not self.watched and poll.not_voted:
            # Offline, or not yet read: the names come with the authority's watch.
            self.not_voted.addItem(self.tr("(names shown when the room is in reach)"))
        for shown in (self.not_voted_title, self.not_voted):
            shown.setVisible(taking)
        for shown in (self.silent_title, self.silent):
            shown.setVisible(taking and bool(poll.silent))
        self.result.setText(self.result_text(poll))
        self._enable()

    def result_text(self, poll: PollView) -> str:
        tally = poll.result
        if tally is None:
            return ""
        pairs = zip(poll.options, tally.counts, strict=False)
        counts = " · ".join(f"{printable(label, limit=40)}: {n}" for label, n in pairs)
        verdict = self.tr("passed") if tally.passed else self.tr("not passed")
        head = (
            self.tr("Final result of round %1")
            if poll.status == "published"
            else self.tr("Result of round %1 (not announced yet)")
        ).replace("%1", str(poll.result_round))
        need = (
            self.tr("%1 needed of %2")
            .replace("%1", str(tally.needed))
            .replace("%2", str(tally.base_count))
        )
        return f"{head}: {counts} — {verdict} ({need})"

    def _show_time(self) -> None:
        poll = self.current()
        if poll is None:
            return
        left = ""
        if poll.until is not None and str(poll.round_status) == "closing":
            left = clock_text(poll.until - self.now_ms())
        kind = self.kind_text(poll.kind)
        status = self.status_text(poll).replace("%1", str(poll.round or "")).replace("%2", left)
        self.state.setText(f"{printable(poll.title, limit=200)} ({kind}) — {status}")
        if left:
            self._enable()  # the close after the period may have become possible

    # -- what the rules allow --------------------------------------------------------------

    def _commands(self, poll: PollView) -> dict[str, tuple[CommandKind, dict[str, Any]]]:
        """Each button's command for ``poll``, as the app's LiveVotes builds it."""
        number = poll.round
        seconds = self.seconds.value()
        rounds = {"open": (number or 0) + 1}
        closing = str(poll.round_status) == "closing"
        close: tuple[CommandKind, dict[str, Any]] = (
            (CommandKind.POLL_CLOSE, {"poll": poll.id, "round": number})
            if closing
            else (
                CommandKind.POLL_CLOSING,
                {"poll": poll.id, "round": number, "grace_ms": seconds * 1000},
            )
        )
        return {
            "open": (CommandKind.POLL_OPEN, {"poll": poll.id, "round": rounds["open"]}),
            "close": close,
            "extend": (
                CommandKind.POLL_EXTEND,
                {"poll": poll.id, "round": number, "ms": seconds * 1000},
            ),
            "publish": (CommandKind.POLL_PUBLISH, {"poll": poll.id, "round": number}),
        }

    def _create_args(self) -> dict[str, Any]:
        """The create command's arguments as the app sends them."""
        labels = [line.strip() for line in self.options_edit.toPlainText().splitlines()]
        labels = [label for label in labels if label]
        default = [o.label for o in DEFAULT_OPTIONS]
        args: dict[str, Any] = {
            "poll": uuid.uuid4().hex,
            "item": str(self.item_box.currentData() or ""),
            "title": self.title_edit.text(),
            "kind": PollKind.SECRET.value if self.secret.isChecked() else PollKind.NAMED.value,
        }
        if labels != default or not self.text_last.isChecked():
            args["options"] = labels
            if self.text_last.isChecked() and labels:
                args["text_option"] = len(labels) - 1
        return args

    def _set(self, button: QtWidgets.QAbstractButton, refused: rules.Refused | None) -> None:
        button.setEnabled(refused is None)
        why = ""
        if refused is not None and refused.reason != NOTHING_TO_DO:
            why = refused.message(self.room.language())
        button.setToolTip(plain_tip(why))
        button.setAccessibleDescription(why)

    def _enable(self) -> None:
        view = self.view
        poll = self.current()
        now = self.now_ms()
        for action, button in self.buttons.items():
            if view is None or poll is None:
                self._set(button, rules.Refused(NOTHING_TO_DO))
                continue
            if action != "open" and poll.round is None:
                # Nothing to close or announce before a round opened.
                self._set(button, rules.Refused(NOTHING_TO_DO))
                continue
            kind, args = self._commands(poll)[action]
            self._set(button, judge(view, kind, args, now))
        if view is None:
            self.new_poll.setEnabled(False)
            self._set(self.create_button, rules.Refused(NOTHING_TO_DO))
            return
        args = self._create_args()
        reason = judge(view, CommandKind.POLL_CREATE, args, now)
        self.new_poll.setEnabled(reason is None or reason.reason != rules.FORBIDDEN)
        if not args["item"]:
            reason = reason or rules.Refused(rules.NOT_FOUND)
        self._set(self.create_button, reason)

    # -- loading ---------------------------------------------------------------------------

    def _load_agenda(self, meeting_id: str) -> None:
        self._agenda_of = meeting_id

        def done(items: list[tuple[str, int, str]]) -> None:
            if self.view is None or self.view.meeting_id != meeting_id:
                return
            chosen = self.item_box.currentData()
            self.item_box.blockSignals(True)
            self.item_box.clear()
            for item_id, position, title in items:
                self.item_box.addItem(f"{position}. {printable(title, limit=120)}", item_id)
                self.item_box.setItemData(self.item_box.count() - 1, title, TITLE_ROLE)
            index = self.item_box.findData(chosen)
            self.item_box.setCurrentIndex(max(0, index))
            self.item_box.blockSignals(False)
            self._item_chosen()

        self.room.runner.run(
            "db",
            lambda job: [
                (i.id, i.position, i.title) for i in self.room.ws.meetings.detail(meeting_id).agenda
            ],
            done,
            failed=self._failed,
            owner=self,
        )

    def _item_chosen(self, _index: int = -1) -> None:
        """The title follows the chosen item until the chair types one of their own."""
        title = printable(str(self.item_box.currentData(TITLE_ROLE) or ""), limit=MAX_TITLE)
        current = self.title_edit.text()
        if not current or current == self.title_edit.property("fromItem"):
            self.title_edit.setText(title)
        self.title_edit.setProperty("fromItem", title)
        self._enable()

    def load(self) -> None:
        """Read the meeting's votes: from the authority when the room is in reach
        and I run the votes (it sends the watch with them: who has not voted,
        whose laptop is silent), else from this computer's cache. One read at a
        time; a change meanwhile asks for one more."""
        view = self.view
        if view is None:
            return
        if self._loading:
            self._again = True
            return
        self._loading, self._again = True, False
        meeting_id = view.meeting_id
        role = role_of(view.role)
        online = (
            self.room.online
            and role is not None
            and may(role, CommandKind.POLL_CLOSE)
            and view.state.voting is not None
        )
        options = self.room.options

        def work(job: Job[Loaded]) -> Loaded:
            if online:
                net = replace(options, run_timeout=ONLINE_RUN_TIMEOUT)
                with LiveService(self.room.ws.session, net, own_connection=True) as svc:
                    seen = svc.status(meeting_id)
                    polls = LiveVotes(svc).polls(meeting_id, seen.me, seen.state)
                    return polls, seen.online, seen
            svc = LiveService(self.room.ws.session, replace(options, offline=True))
            current = svc.status(meeting_id)
            return LiveVotes(svc).polls(meeting_id, current.me, current.state), False, current

        def done(loaded: Loaded) -> None:
            self._loading = False
            if self.view is not None and self.view.meeting_id == meeting_id:
                self.polls, self.watched, seen = loaded
                # The buttons are judged on the state the votes were read from
                # when it is the newer one (the room's view may be a beat behind).
                if seen.head_seq >= self.view.head_seq:
                    self.view = seen
                self._show_polls()
            if self._again:
                self.load()

        def failed(exc: BaseException) -> None:
            self._loading = False
            self._failed(exc)

        self.room.runner.run("net" if online else "db", work, done, failed=failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, HanoiDeskError):
            self.message.setText(exc.message(self.room.language()))
        else:
            self.room.runner.on_error(exc)

    # -- commands --------------------------------------------------------------------------

    def _toggle_form(self, shown: bool) -> None:
        self.create_form.setVisible(shown)
        if shown:
            self.item_box.setFocus()

    def _act(self, action: Callable[[LiveVotes, str], LiveOutcome]) -> None:
        self.message.setText("")
        # A refusal already answered (maybe shown through on_refused) is not news later.
        self._told |= {c.op_id for c in self._refusals(self._sent_commands)}

        def run(svc: LiveService, meeting_id: str) -> LiveOutcome:
            with LiveVotes(svc) as votes:
                return action(votes, meeting_id)

        self.room.act(run, on_refused=self._refused)

    def _refused(self, reason: str, message: str) -> None:
        self.message.setText(message)
        self.load()

    def show_commands(self, commands: tuple[CommandView, ...]) -> None:
        """A vote command the authority refused after it was sent (its answer came
        with a later contact, e.g. when two connections of this profile crossed):
        said here too, once. Only this panel sends vote commands from the console."""
        for c in self._refusals(commands):
            if c.op_id not in self._told:
                self._told.add(c.op_id)
                reason = c.reason or "unknown"
                self.message.setText(rules.Refused(reason).message(self.room.language()))
        self._sent_commands = commands

    @staticmethod
    def _refusals(commands: tuple[CommandView, ...]) -> list[CommandView]:
        return [c for c in commands
                if c.kind.startswith("poll.") and c.state is CommandState.REFUSED]  # fmt: skip

    def create_poll(self) -> None:
        args = self._create_args()
        options = tuple(args.get("options", ()))
        text_option = args.get("text_option")
        secret = args["kind"] == PollKind.SECRET.value
        item, title = args["item"], args["title"]
        self._before_create = {p.id for p in self.polls}
        self._act(
            lambda v, m: v.create_poll(
                m, item=item, title=title, secret=secret, options=options, text_option=text_option
            )
        )
        self.new_poll.setChecked(False)

    def command(self, action: str) -> None:
        poll = self.current()
        if poll is None:
            return
        poll_id, seconds = poll.id, self.seconds.value()
        actions: dict[str, Callable[[LiveVotes, str], LiveOutcome]] = {
            "open": lambda v, m: v.open_poll(poll_id, m),
            "close": lambda v, m: v.close_poll(poll_id, m, seconds),
            "extend": lambda v, m: v.extend_poll(poll_id, seconds, m),
            "publish": lambda v, m: v.publish_poll(poll_id, m),
        }
        self._act(actions[action])


__all__ = ["PollsPanel", "judge"]
