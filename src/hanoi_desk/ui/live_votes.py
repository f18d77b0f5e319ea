"""The delegate's vote panel: the side panel's "Votes" page (docs/ui-live.md).

The meeting's polls with their round's state; choose an option, *Sign and
send* (the token chosen as in signing, the PIN asked once through the same
PIN dialog, showing the token's PIN state, never retried); my ballot's state
as the live follower applies events; the result, and *Verify* (my ballot's
inclusion and the recount of the bulletin) once a round is closed.

No rule is written here: what may be voted and by whom is
``app.live_votes.LiveVotes`` over ``domain.live``; the panel only shows its
views and runs its use cases off the UI thread (the polls on the ``db`` lane,
signing on the ``token`` lane, the verification on the ``net`` lane).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from hanoi_desk.app.live import LiveService, LiveView
from hanoi_desk.app.token_access import TokenManager, list_tokens
from hanoi_desk.domain.live.checks import Refused
from hanoi_desk.domain.live.polls import PollKind, RoundStatus
from hanoi_desk.domain.text import printable
from hanoi_desk.errors import HanoiDeskError
from hanoi_desk.store.live import BallotState
from hanoi_desk.sync.live import wall_ms
from hanoi_desk.ui.common import error_text, follow_choice_tip
from hanoi_desk.ui.key_list import KeyList
from hanoi_desk.ui.live_room import (
    ONLINE_RUN_TIMEOUT,
    LiveRoom,
    clock_text,
    flow_layout,
    plain_label,
    side_scroll_area,
    wrapping_list,
)
from hanoi_desk.ui.qt import QtCore, QtWidgets, Signal
from hanoi_desk.ui.tasks import Job
from hanoi_desk.ui.token_outcome import token_outcome

if TYPE_CHECKING:
    # app.live_votes brings pyHanko's validation and signers (seconds to import):
    # loaded when a vote is first read, not when the window starts.
    from hanoi_desk.app.live_votes import LiveVotes, PollView, VerifyReport, VoteOutcome
    from hanoi_desk.signing.pin import PinPrompt

POLL_ROLE = QtCore.Qt.ItemDataRole.UserRole + 21


@dataclass(frozen=True)
class KeyEntry:
    """One certificate with its key on one token (or the demo's software key):
    an entry of the panel's key list."""

    module: str
    token: str
    software_key: bool
    cert_id: str
    text: str


def key_entries(
    manager: TokenManager, modules: Sequence[str], software_keys: Sequence[str]
) -> tuple[list[KeyEntry], list[HanoiDeskError]]:
    """The keys a ballot can be signed with, found the way the signing dialog
    finds them (``list_tokens``: the profile's modules first, then the usual
    places, and only the software keys the profile opted into). Only usable
    certificates that have their key on the token are offered."""
    entries: list[KeyEntry] = []
    problems: list[HanoiDeskError] = []
    for report in list_tokens(manager, modules, software_keys):
        if report.error is not None:
            problems.append(report.error)
        for token in report.tokens:
            for cert in token.certificates:
                if not (cert.has_key and cert.usable):
                    continue
                # Token labels and certificate names are the token's text: escaped.
                name = printable(cert.common_name)
                text = f"{printable(token.label)} — {name}"
                if token.software_key:
                    # The demo's certificates already say "(DEMO)" in their name.
                    text = name if "(DEMO)" in name else f"{name} (DEMO)"
                entries.append(
                    KeyEntry(token.module, token.label, token.software_key, cert.id_hex, text)
                )
    return entries, problems


def _votes(service: LiveService) -> LiveVotes:
    from hanoi_desk.app.live_votes import LiveVotes

    return LiveVotes(service)


class VotesPanel(QtWidgets.QWidget):
    """The side panel's "Votes" page for the open meeting."""

    roundOpened = Signal(str)
    """A round opened that this panel had not seen open: the window shows the
    page (never a modal, never the keyboard focus: the reader keeps both)."""

    def __init__(
        self,
        room: LiveRoom,
        *,
        tokens: Callable[[], TokenManager] | None,
        prompt: Callable[[], PinPrompt],
        key_settings: Callable[[], tuple[Sequence[str], Sequence[str]]] = lambda: ((), ()),
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("votesPanel")
        self.room = room
        self.tokens = tokens
        self.prompt = prompt
        self.key_settings = key_settings
        """(PKCS#11 modules, software keys) from the profile's settings, as signing uses."""
        self.view: LiveView | None = None
        self.polls: tuple[PollView, ...] = ()
        self.poll_id: str | None = None
        self.keys_looked = False
        self.verified: dict[str, VerifyReport] = {}
        self.signing = False
        self._seen_open: set[tuple[str, int]] = set()
        self._options_of: tuple[str, tuple[str, ...]] | None = None
        self._round_of: tuple[str, int | None] | None = None
        self._loading = False
        self._again = False
        self._build()
        self._lay_out()
        self._tick = QtCore.QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_round_state)
        self._tick.start()
        self.list.currentItemChanged.connect(self._picked)
        self.choices.idToggled.connect(lambda _i, _on: self._choice_changed())
        self.find_keys.clicked.connect(self.look_for_keys)
        self.send.clicked.connect(self.sign_and_send)
        self.verify_button.clicked.connect(self.verify)
        room.viewChanged.connect(self.show_view)
        room.onlineChanged.connect(lambda _o: self._show_poll())
        self.retranslate()
        self._show_poll()

    def _build(self) -> None:
        self.message = plain_label("voteMessage")
        self.list_title = QtWidgets.QLabel("")
        self.list = wrapping_list("votesList")  # long titles wrap in the narrow panel
        self.list.setMaximumHeight(120)
        self.title = plain_label("voteTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.round_state = plain_label("voteRoundState")
        self.choice_box = QtWidgets.QGroupBox("")
        self.choice_box.setObjectName("voteChoices")
        self.choice_layout = QtWidgets.QVBoxLayout(self.choice_box)
        self.choices = QtWidgets.QButtonGroup(self)
        self.other = QtWidgets.QLineEdit()
        self.other.setObjectName("voteOtherText")
        self.other.hide()
        self.for_label = QtWidgets.QLabel("")
        self.for_box = QtWidgets.QComboBox()
        self.for_box.setObjectName("voteFor")
        self.for_label.setBuddy(self.for_box)
        self.key_label = QtWidgets.QLabel("")
        self.key_box = QtWidgets.QComboBox()
        self.key_box.setObjectName("voteKey")
        self.key_label.setBuddy(self.key_box)
        self.find_keys = QtWidgets.QPushButton("")
        self.find_keys.setObjectName("voteFindKeys")
        self.key_list = KeyList(self.key_box, self.find_keys)
        self.send = QtWidgets.QPushButton("")
        self.send.setObjectName("voteSend")
        self.ballot = plain_label("myBallot")
        self.result = plain_label("voteResult")
        self.voters_title = QtWidgets.QLabel("")
        self.voters = wrapping_list("voteVoters")  # long titles wrap in the narrow panel
        self.voters.setMaximumHeight(120)
        self.verify_button = QtWidgets.QPushButton("")
        self.verify_button.setObjectName("voteVerify")
        self.report = plain_label("voteVerifyReport")

    def _lay_out(self) -> None:
        # A key's name is long ("token — holder"): the box takes the row's width and
        # cuts it, its list and tooltip show it whole; the button goes below.
        for box in (self.key_box, self.for_box):
            box.setSizeAdjustPolicy(
                QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(10)
            follow_choice_tip(box)
        key_row = QtWidgets.QVBoxLayout()
        key_row.addWidget(self.key_box)
        key_row.addLayout(flow_layout(self.find_keys))
        form = QtWidgets.QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow(self.for_label, self.for_box)
        form.addRow(self.key_label, key_row)
        body = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.list_title)
        layout.addWidget(self.list)
        layout.addWidget(self.title)
        layout.addWidget(self.round_state)
        layout.addWidget(self.choice_box)
        layout.addLayout(form)
        layout.addWidget(self.send)
        layout.addWidget(self.ballot)
        layout.addWidget(self.result)
        layout.addWidget(self.voters_title)
        layout.addWidget(self.voters)
        layout.addWidget(self.verify_button)
        layout.addWidget(self.report)
        layout.addStretch(1)
        # A scroll area: the page fits the side panel at 1366×768 whatever it shows.
        outer = QtWidgets.QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(side_scroll_area(body))

    # -- texts -------------------------------------------------------------------------------

    def kind_text(self, kind: PollKind) -> str:
        return self.tr("named") if kind is PollKind.NAMED else self.tr("secret")

    def status_text(self, poll: PollView) -> str:
        if poll.status == "published":
            return self.tr("result published")
        if poll.round_status is RoundStatus.OPEN:
            return self.tr("open")
        if poll.round_status is RoundStatus.CLOSING:
            return self.tr("closing")
        if poll.round_status is RoundStatus.CLOSED:
            return self.tr("closed")
        return self.tr("not opened yet")

    def ballot_state_text(self, state: BallotState) -> str:
        return {
            BallotState.QUEUED: self.tr("queued: it is sent when the connection returns"),
            BallotState.SENT: self.tr("sent, waiting for the answer"),
            BallotState.COUNTED: self.tr("counted"),
            BallotState.NOT_COUNTED: self.tr("not counted"),
            BallotState.REFUSED: self.tr("refused"),
        }[state]

    def retranslate(self) -> None:
        self.list_title.setText(self.tr("Votes of this meeting"))
        self.choice_box.setTitle(self.tr("Your choice"))
        self.other.setPlaceholderText(self.tr("Your opinion"))
        self.other.setAccessibleName(self.tr("Your opinion"))
        self.for_label.setText(self.tr("Vote &for:"))
        self.key_label.setText(self.tr("Sign &with:"))
        self.find_keys.setText(self.tr("Find &tokens"))
        self.send.setText(self.tr("Sign and &send"))
        self.voters_title.setText(self.tr("Who voted"))
        self.verify_button.setText(self.tr("&Verify"))
        self.verify_button.setToolTip(
            self.tr("Check that my ballot is in the published bulletin and count it again.")
        )
        # Screen readers: every button by its words, every list by its title.
        for button in (self.find_keys, self.send, self.verify_button):
            button.setAccessibleName(button.text().replace("&", ""))
        self.list.setAccessibleName(self.list_title.text())
        self.voters.setAccessibleName(self.voters_title.text())
        self.for_box.setAccessibleName(self.for_label.text().replace("&", ""))
        self.key_box.setAccessibleName(self.key_label.text().replace("&", ""))
        self.choice_box.setAccessibleName(self.choice_box.title())
        self._fill_list()
        self._show_poll()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading -----------------------------------------------------------------------------

    def _service(self) -> LiveService:
        return LiveService(self.room.ws.session, replace(self.room.options, offline=True))

    def show_view(self, view: LiveView) -> None:
        """The room's view changed (an event applied, my action answered): read
        the polls and my ballots again from this computer's cache (db lane)."""
        self.view = view
        self.reload()

    def reload(self) -> None:
        view = self.view
        if view is None:
            return
        if self._loading:  # one read at a time; the latest view is read after it
            self._again = True
            return
        self._loading = True
        meeting_id = view.meeting_id

        def work(job: Job[tuple[PollView, ...]]) -> tuple[PollView, ...]:
            return _votes(self._service()).polls(meeting_id, view.me, view.state)

        def done(polls: tuple[PollView, ...]) -> None:
            self._loaded()
            if meeting_id == self.room.meeting_id:
                self.show_polls(polls)

        def failed(exc: BaseException) -> None:
            self._loaded()
            if isinstance(exc, HanoiDeskError):
                self.message.setText(exc.message(self.room.language()))
            else:
                self.room.runner.on_error(exc)

        self.room.runner.run("db", work, done, failed=failed, owner=self)

    def _loaded(self) -> None:
        self._loading = False
        if self._again:
            self._again = False
            self.reload()

    def show_polls(self, polls: tuple[PollView, ...]) -> None:
        self.polls = polls
        opened = [
            p
            for p in polls
            if p.round is not None
            and p.round_status is RoundStatus.OPEN
            and (p.id, p.round) not in self._seen_open
        ]
        for p in opened:
            assert p.round is not None
            self._seen_open.add((p.id, p.round))
        if opened:
            # A round opened: it becomes the poll shown, and the window brings the
            # page forward. Never a modal and never the focus: whoever reads keeps
            # their place and their keyboard; the page is only shown.
            self.poll_id = opened[-1].id
            self.message.setText("")
        elif self.poll_id is None or all(p.id != self.poll_id for p in polls):
            self.poll_id = polls[-1].id if polls else None
        self._fill_list()
        self._show_poll()
        if opened:
            if not self.keys_looked:
                self.look_for_keys()
            self.roundOpened.emit(opened[-1].id)

    def _fill_list(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for p in self.polls:
            item = QtWidgets.QListWidgetItem(
                f"{printable(p.title)} — {self.kind_text(p.kind)} — {self.status_text(p)}"
            )
            item.setData(POLL_ROLE, p.id)
            self.list.addItem(item)
            if p.id == self.poll_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def _picked(self, item: QtWidgets.QListWidgetItem | None) -> None:
        if item is not None:
            self.poll_id = str(item.data(POLL_ROLE))
            self._show_poll()

    def current(self) -> PollView | None:
        return next((p for p in self.polls if p.id == self.poll_id), None)

    # -- showing one poll --------------------------------------------------------------------

    def _name(self, user: str) -> str:
        person = self.view.person(user) if self.view is not None else None
        return printable(person.name if person is not None else user)

    def _show_poll(self) -> None:
        poll = self.current()
        self.choice_box.setVisible(poll is not None)
        if poll is None:
            self.title.setText(self.tr("No vote in this meeting yet."))
            for label in (self.round_state, self.ballot, self.result, self.report):
                label.setText("")
            hidden: tuple[QtWidgets.QWidget, ...] = (
                self.for_label,
                self.for_box,
                self.voters_title,
                self.voters,
            )
            for w in hidden:
                w.setVisible(False)
            self.send.setEnabled(False)
            self.verify_button.setVisible(False)
            return
        self.title.setText(
            self.tr("%1 (%2 vote)")
            .replace("%1", printable(poll.title))
            .replace("%2", self.kind_text(poll.kind))
        )
        self._show_round_state()
        self._show_options(poll)
        self._show_for(poll)
        self._show_ballot(poll)
        self._show_result(poll)
        self._enable(poll)

    def now_ms(self) -> int:
        """The authority's clock: this computer's corrected by the measured offset."""
        offset = self.view.clock_offset_ms if self.view is not None else None
        return wall_ms() + (offset or 0)

    def _show_round_state(self) -> None:
        poll = self.current()
        if poll is None:
            return
        if poll.round is None:
            text = self.tr("Not opened yet.")
        elif poll.round_status is RoundStatus.OPEN:
            text = self.tr("Round %1 is open: %2 ballots counted, %3 still to vote.")
        elif poll.round_status is RoundStatus.CLOSING:
            left = clock_text((poll.until or 0) - self.now_ms())
            text = self.tr(
                "Round %1 is closing: ballots still count for %4 (%2 counted, %3 still to vote)."
            ).replace("%4", left)
        elif poll.status == "published":
            text = self.tr("Round %1 is closed and its result published.")
        else:
            text = self.tr("Round %1 is closed.")
        self.round_state.setText(
            text.replace("%1", str(poll.round))
            .replace("%2", str(poll.cast))
            .replace("%3", str(poll.not_voted))
        )

    def _show_options(self, poll: PollView) -> None:
        # Rebuilt only when the poll or its options change: a reload (every
        # event) or a refused signature keeps the delegate's choice.
        shape = (poll.id, poll.options)
        if shape == self._options_of:
            if (poll.id, poll.round) != self._round_of:
                # A new round of the same vote (a re-vote): nothing is chosen for it yet.
                self._round_of = (poll.id, poll.round)
                self._clear_choice()
            return
        self._round_of = (poll.id, poll.round)
        self._options_of = shape
        for button in self.choices.buttons():
            self.choices.removeButton(button)
            button.deleteLater()
        self.choice_layout.removeWidget(self.other)
        for i, label in enumerate(poll.options):
            radio = QtWidgets.QRadioButton(printable(label))
            radio.setObjectName(f"voteOption{i}")
            radio.setAccessibleName(printable(label))
            self.choices.addButton(radio, i)
            self.choice_layout.addWidget(radio)
        self.choice_layout.addWidget(self.other)
        self.other.clear()
        self.other.hide()

    def _clear_choice(self) -> None:
        self.choices.setExclusive(False)  # an exclusive group cannot uncheck its last button
        for button in self.choices.buttons():
            button.setChecked(False)
        self.choices.setExclusive(True)
        self.other.clear()
        self.other.hide()

    def _choice_changed(self) -> None:
        poll = self.current()
        with_text = poll is not None and self.choices.checkedId() == poll.text_option
        self.other.setVisible(with_text)
        if poll is not None:
            self._enable(poll)

    def _show_for(self, poll: PollView) -> None:
        """Votes I hold by delegation: whom this ballot is for (myself first)."""
        me = self.view.me if self.view is not None else ""
        members = [m for m in poll.mine if m == me] + [m for m in poll.mine if m != me]
        chosen = self.for_box.currentData()
        self.for_box.blockSignals(True)
        self.for_box.clear()
        for m in members:
            self.for_box.addItem(self.tr("myself") if m == me else self._name(m), m)
        index = self.for_box.findData(chosen)
        self.for_box.setCurrentIndex(max(0, index))
        self.for_box.blockSignals(False)
        several = len(members) > 1
        self.for_label.setVisible(several)
        self.for_box.setVisible(several)

    def _latest_ballot(self, poll: PollView) -> list[str]:
        """My ballots of the latest round, one line each (whom for, choice, state)."""
        me = self.view.me if self.view is not None else ""
        lines = []
        for b in poll.ballots:
            if b.round != poll.round:
                continue
            state = self.ballot_state_text(b.state)
            if b.state is BallotState.REFUSED and b.counted_as is not None:
                state = self.tr("counted (as your ballot %1)").replace("%1", b.counted_as[:8])
            elif b.state in (BallotState.REFUSED, BallotState.NOT_COUNTED):
                reason = Refused(b.reason or "unknown").message(self.room.language())
                state = f"{state}: {reason}"
            who = "" if b.member == me else f" ({self._name(b.member)})"
            lines.append(
                self.tr("My ballot%1: %2 — %3")
                .replace("%1", who)
                .replace("%2", printable(b.option))
                .replace("%3", state)
            )
        return lines

    def _show_ballot(self, poll: PollView) -> None:
        lines = self._latest_ballot(poll)
        if not lines and poll.round is not None:
            lines = [self.tr("You have not voted in this round.")]
        self.ballot.setText("\n".join(lines))

    def _show_result(self, poll: PollView) -> None:
        result = poll.result
        self.verify_button.setVisible(result is not None)
        if result is None:
            self.result.setText("")
            self.report.setText("")
            self.voters_title.setVisible(False)
            self.voters.setVisible(False)
            return
        counts = ", ".join(
            f"{printable(label)}: {n}"
            for label, n in zip(poll.options, result.counts, strict=False)
        )
        verdict = self.tr("passed") if result.passed else self.tr("not passed")
        lines = [
            self.tr("Result of round %1: %2 — %3 (needed %4 of %5).")
            .replace("%1", str(poll.result_round))
            .replace("%2", counts)
            .replace("%3", verdict)
            .replace("%4", str(result.needed))
            .replace("%5", str(result.base_count))
        ]
        mine_counted = any(
            b.round == poll.result_round and b.state is BallotState.COUNTED for b in poll.ballots
        )
        if poll.kind is PollKind.SECRET and mine_counted:
            lines.append(self.tr("Your participation is included; your choice is not shown."))
        self.result.setText("\n".join(lines))
        # Who voted, for a named poll once published (the log says who; what each
        # chose is in the bulletin Verify fetches).
        shown = poll.kind is PollKind.NAMED and poll.status == "published"
        self.voters_title.setVisible(shown)
        self.voters.setVisible(shown)
        self.voters.clear()
        if shown and self.view is not None:
            closed = self.view.state.poll(poll.id)
            rnd = closed.round(poll.result_round or 0) if closed is not None else None
            for member in sorted(rnd.voted if rnd is not None else (), key=self._name):
                self.voters.addItem(self._name(member))
        report = self.verified.get(poll.id)
        self.report.setText("" if report is None else self.report_text(report))

    def _enable(self, poll: PollView) -> None:
        takes = poll.round_status in (RoundStatus.OPEN, RoundStatus.CLOSING)
        chosen = self.choices.checkedId() >= 0
        for button in self.choices.buttons():
            button.setEnabled(takes and not self.signing)
        self.other.setEnabled(takes and not self.signing)
        self.send.setEnabled(takes and chosen and not self.signing and self.key_box.count() > 0)
        self.key_box.setEnabled(not self.signing)

    # -- keys --------------------------------------------------------------------------------

    def look_for_keys(self) -> None:
        """The tokens and certificates a ballot can be signed with (token lane)."""
        if self.tokens is None:
            return
        self.keys_looked = True

        def found(entries: list[KeyEntry], problems: list[HanoiDeskError]) -> None:
            if not entries:
                texts = [error_text(p, self.room.language() or "en") for p in problems]
                self.message.setText(
                    " ".join(texts) or self.tr("No token found. Plug it in and try again.")
                )
            poll = self.current()
            if poll is not None:
                self._enable(poll)

        def failed(exc: BaseException) -> None:
            self.message.setText(error_text(exc, self.room.language() or "en"))

        self.key_list.look(self.room.runner, self.tokens, self.key_settings(), self,
                           found=found, failed=failed)  # fmt: skip

    @property
    def keys(self) -> list[KeyEntry]:
        return self.key_list.keys

    def chosen_key(self) -> KeyEntry | None:
        return self.key_list.chosen()

    # -- voting ------------------------------------------------------------------------------

    def sign_and_send(self) -> None:
        """Sign the chosen option on the token lane (the PIN asked once by the
        PIN dialog; refusals the rules know are told before it) and send it, or
        queue it when the room is out of reach."""
        poll, entry, meeting_id = self.current(), self.chosen_key(), self.room.meeting_id
        choice = self.choices.checkedId()
        if poll is None or entry is None or meeting_id is None or choice < 0 or self.signing:
            return
        manager = self.tokens
        if manager is None:
            return
        text = self.other.text() if choice == poll.text_option else ""
        member = self.for_box.currentData() if self.for_box.count() > 1 else None
        offline = not self.room.online
        options = replace(self.room.options, offline=offline, run_timeout=ONLINE_RUN_TIMEOUT)
        prompt = self.prompt()
        session = self.room.ws.session
        poll_id = poll.id
        # The round the voter was shown: a ballot must not land in a round the
        # chair opened after the click (app/live_votes.vote refuses it then).
        round_no = poll.round
        self.signing = True
        self.message.setText(self.tr("Signing your ballot…"))
        self._enable(poll)

        def work(job: Job[VoteOutcome]) -> VoteOutcome:
            from hanoi_desk.app.live_votes import KeyChoice, LiveVotes

            key = KeyChoice(entry.module, entry.token, entry.software_key, cert_id=entry.cert_id)
            with LiveService(session, options, own_connection=True) as svc:
                votes = LiveVotes(svc, manager())
                return votes.vote(
                    poll_id,
                    str(choice + 1),
                    key=key,
                    prompt=prompt,
                    text=text,
                    member=member,
                    meeting=meeting_id,
                    round_no=round_no,
                )

        def done(outcome: VoteOutcome) -> None:
            self._signed()
            self.message.setText("")
            if outcome.ballot.state in (BallotState.QUEUED, BallotState.SENT):
                # The follower ends its stream at its next heartbeat and the next
                # follow sends the outbox first (as for any queued live action).
                self.room.send_now()
            self.room.refresh()

        # The choice stays as it was: a wrong PIN or a refusal loses nothing.
        failed, cancelled = token_outcome(self.message, self.room.runner, self.room.language,
                                          self.tr("Not signed: the PIN was not given."),
                                          self._signed)  # fmt: skip

        self.room.runner.run(
            "token", work, done, failed=failed, cancelled=cancelled, owner=self, label="vote"
        )

    def _signed(self) -> None:
        self.signing = False
        poll = self.current()
        if poll is not None:
            self._enable(poll)

    # -- verifying ---------------------------------------------------------------------------

    def report_text(self, report: VerifyReport) -> str:
        if report.ok:
            mine = sum(1 for m in report.mine if m.included)
            return (
                self.tr(
                    "Verified: the bulletin of round %1 is the one the authority signed, "
                    "its %2 ballots count to the published result, %3 signatures hold, "
                    "and %4 of my ballots are in it."
                )
                .replace("%1", str(report.round))
                .replace("%2", str(report.size))
                .replace("%3", str(report.signatures_checked))
                .replace("%4", str(mine))
            )
        problems = "\n".join(f"• {printable(p)}" for p in report.problems)
        return self.tr("Verification failed:") + "\n" + problems

    def verify(self) -> None:
        """Fetch the bulletin, recount it and find my ballot in it (net lane)."""
        poll, meeting_id = self.current(), self.room.meeting_id
        if poll is None or meeting_id is None:
            return
        poll_id = poll.id
        options = replace(self.room.options, run_timeout=ONLINE_RUN_TIMEOUT)
        session = self.room.ws.session
        self.verify_button.setEnabled(False)
        self.report.setText(self.tr("Verifying…"))

        def work(job: Job[VerifyReport]) -> VerifyReport:
            with (
                LiveService(session, options, own_connection=True) as svc,
                _votes(svc) as votes,
            ):
                return votes.verify(poll_id, meeting_id)

        def done(report: VerifyReport) -> None:
            self.verify_button.setEnabled(True)
            self.verified[poll_id] = report
            if self.poll_id == poll_id:
                self.report.setText(self.report_text(report))

        def failed(exc: BaseException) -> None:
            self.verify_button.setEnabled(True)
            if isinstance(exc, HanoiDeskError):
                self.report.setText(exc.message(self.room.language()))
            else:
                self.report.setText("")
                self.room.runner.on_error(exc)

        self.room.runner.run("net", work, done, failed=failed, owner=self, label="verify")


__all__ = ["KeyEntry", "VotesPanel", "key_entries"]
