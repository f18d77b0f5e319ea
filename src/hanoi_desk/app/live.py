"""Live meeting use cases over an unlocked session: what the CLI's ``live``
commands and (later) the meeting-room screens call.

Every action goes the same way: catch up with the authority when it can be
reached, check the command with ``domain.live`` (the same rules the authority
runs: a guest is told at once that they cannot act, a stale list version is
caught before it travels), queue it in the live outbox, send it, catch up
again, and report where the command stands. Without a link the command stays
queued and the next ``live`` call (any of them) sends it; nothing is lost.

Speaking time is shown on the authority's clock: this computer's clock plus
the offset measured at the last contact (docs/live-meetings.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hanoi_desk.app.changes import Changes
from hanoi_desk.app.session import Session
from hanoi_desk.domain.live import rules
from hanoi_desk.domain.live.roles import CommandKind, Role, may, role_of
from hanoi_desk.domain.live.state import (
    AttendanceState,
    LiveState,
    RequestState,
    RequestType,
    elapsed_ms,
)
from hanoi_desk.domain.text import fold
from hanoi_desk.errors import HanoiDeskError, UserError
from hanoi_desk.i18n import N_
from hanoi_desk.store.cache import Cache
from hanoi_desk.store.live import PENDING, CommandState, LiveCommand, LiveMeeting, LiveStore
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync import faults
from hanoi_desk.sync.backoff import Backoff, CancelToken
from hanoi_desk.sync.http import Connection, PasswordSource, normalise_server
from hanoi_desk.sync.limits import DEFAULT_REQUEST_TIMEOUT
from hanoi_desk.sync.live import LiveClient, LiveReport, run_deadline, wall_ms

NO_ACCOUNT = N_(
    "This profile has not signed in to a server yet: run `hanoi-desk sync --server URL "
    "--user NAME` once first."
)
WHICH_SERVER = N_("This profile syncs with several servers; name one with --server.")
NOT_A_PARTICIPANT = N_(
    "You are not a participant of meeting “{meeting}”: its live state is not shown to you."
)
NO_SUCH_PERSON = N_(
    "Nobody called “{name}” takes part in meeting “{meeting}”. Use the user id or the "
    "full name as `hanoi-desk live status` lists them (`hanoi-desk sync` brings people "
    "added to the meeting lately)."
)
SEVERAL_PEOPLE = N_(
    "Several participants of meeting “{meeting}” are called “{name}”; use the user id."
)
NOTHING_TO_WITHDRAW = N_("You have no waiting request to speak in meeting “{meeting}”.")
NEEDS_REQUEST = N_("Name the speaker request (its id, or a unique start of it) for “{action}”.")
NO_SUCH_REQUEST = N_("No speaker request “{request}” in meeting “{meeting}”.")
SEVERAL_REQUESTS = N_(
    "Several speaker requests of meeting “{meeting}” start with “{request}”; type more of the id."
)

NO_AGENDA_ITEM = N_(
    "Meeting “{meeting}” has no agenda item “{item}” (use its id or its number in the "
    "agenda; `hanoi-desk sync` brings the latest agenda)."
)
ITEM_NEEDS_MEETING = N_(
    "No meeting on this computer has an agenda item “{item}”. Name the meeting with "
    "--meeting (an item's number counts in that meeting's agenda)."
)

LIVE_CHANGED = Changes(live=True)
DEFAULT_LIVE_RUN_TIMEOUT = 60.0
"""Seconds one live command may spend reaching the authority; after that it
stays queued (a check-in must not hang a script for the sync's hour)."""

LIST_ACTIONS = ("approve", "reject", "call", "reorder", "pause", "resume", "stop", "next")
"""The chair's and secretary's speakers commands (``speakers.<action>``)."""
NEEDS_REQUEST_ID = frozenset({"approve", "reject", "call", "reorder"})
NEEDS_POSITION = N_(
    "Name the place in the waiting queue to move the request to (“reorder REQUEST POSITION”)."
)


@dataclass(frozen=True)
class LiveOptions:
    server: str | None = None
    username: str | None = None
    password: PasswordSource | None = None
    ca_file: Path | None = None
    backoff: Backoff | None = None
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    run_timeout: float = DEFAULT_LIVE_RUN_TIMEOUT
    offline: bool = False
    """Do not contact the server: queue and show the cached state."""
    clock: Callable[[], int] = wall_ms
    """This computer's clock in ms since the epoch (tests inject a skewed one)."""


@dataclass(frozen=True)
class CommandView:
    op_id: str
    kind: str
    args: Mapping[str, Any]
    state: CommandState
    reason: str | None
    """The authority's (or the local rules') refusal reason."""
    message: str
    """The refusal as a sentence ('' unless refused)."""
    seqs: tuple[int, ...]


@dataclass(frozen=True)
class PersonView:
    user: str
    name: str
    role: str
    attendance: AttendanceState
    reason: str
    substitute: str


@dataclass(frozen=True)
class SpeakerView:
    request_id: str
    user: str
    name: str
    type: RequestType
    to: str
    topic: str
    state: RequestState
    elapsed_ms: int
    """Time spoken, on the authority's clock corrected by the measured offset."""
    waiting: int | None = None
    """Its place in the waiting queue (0 = next to be called), None when not waiting:
    the position ``reorder`` takes."""


@dataclass(frozen=True)
class CurrentItem:
    """The agenda item under discussion, as this computer's agenda names it."""

    id: str
    position: int | None
    """Its number in the agenda (None: the item is not in this computer's agenda yet)."""
    title: str


@dataclass(frozen=True)
class LiveView:
    meeting_id: str
    title: str
    me: str
    role: str
    """Mine, as the authority last said it (else as the synced pack says)."""
    head_seq: int
    list_version: int
    people: tuple[PersonView, ...]
    speakers: tuple[SpeakerView, ...]
    """Every request in list order (finished ones where they stood)."""
    current: SpeakerView | None
    queued: tuple[CommandView, ...]
    """My live commands of this meeting not yet answered by the authority."""
    online: bool
    problem: str
    """Why the authority was not reached this time ('' when it was, or not tried)."""
    offline_only: bool
    """The authority was not reached for good reason (no link, a deadline), not an error."""
    clock_offset_ms: int | None
    state: LiveState = field(repr=False)
    current_item: CurrentItem | None = None
    """The agenda item the chair or secretary made current (None: none yet)."""

    def person(self, user: str) -> PersonView | None:
        return next((p for p in self.people if p.user == user), None)


@dataclass(frozen=True)
class LiveOutcome:
    """What an action queued, where it stands, and the meeting as it is now."""

    command: CommandView
    view: LiveView
    changes: Changes
    earlier: tuple[CommandView, ...] = ()
    """Commands the same action queued before ``command``, in order (a check-in
    through a substitute names the substitute first)."""


def _command_view(command: LiveCommand) -> CommandView:
    message = ""
    if command.state is CommandState.REFUSED:
        message = rules.Refused(command.reason or "unknown").message()
    return CommandView(
        command.op_id,
        command.kind,
        command.args,
        command.state,
        command.reason,
        message,
        command.seqs,
    )


class LiveService:
    """Live use cases of one session.

    With ``own_connection`` the service opens its own connection to the
    profile's database on the calling thread (a desktop lane other than the
    ``db`` one) and closes it in :meth:`close`; without it (the CLI, tests) it
    uses the session's connection."""

    def __init__(
        self,
        session: Session,
        options: LiveOptions | None = None,
        *,
        cancel: CancelToken | None = None,
        own_connection: bool = False,
    ) -> None:
        self.session = session
        self.options = options or LiveOptions()
        self.cancel = cancel or CancelToken()
        self._own = own_connection
        self._cache = Cache.open(session.profile) if own_connection else session.cache
        self.store = LiveStore(self._cache)
        self._conn: Connection | None = None
        self._reached: dict[str, tuple[bool, str, bool]] = {}
        self.totals = LiveReport()
        """What every contact of this service did, added up (sent, duplicates, received…)."""

    @property
    def cache(self) -> Cache:
        """The profile's cache on this service's connection (its own with
        ``own_connection``): what a use case reads beside the live log."""
        return self._cache

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._own:
            self._cache.close()

    def __enter__(self) -> LiveService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the server ------------------------------------------------------------

    def server(self) -> str:
        if self.options.server:
            return normalise_server(self.options.server)
        known = self.store.servers()
        if not known:
            raise UserError(NO_ACCOUNT)
        if len(known) > 1:
            raise UserError(WHICH_SERVER)
        return known[0]

    def me(self) -> str:
        user = self.store.user_id(self.server())
        if user is None:
            raise UserError(NO_ACCOUNT)
        return user

    def client(self) -> LiveClient:
        if self._conn is None:
            self._conn = Connection(
                self.server(),
                Replica(self._cache),
                username=self.options.username,
                password=self.options.password,
                ca_file=self.options.ca_file,
                request_timeout=self.options.request_timeout,
            )
        return LiveClient(
            self._conn,
            self.store,
            backoff=self.options.backoff,
            cancel=self.cancel,
            clock=self.options.clock,
        )

    def contact(self, meeting_id: str) -> tuple[bool, str, bool]:
        """Send what is queued (every meeting's: they wait for no one) and catch up
        with ``meeting_id``. Returns (reached, problem, only offline); publishes
        ``live`` on the session's bus when the log moved or a command was answered."""
        reached = self._contact_once(meeting_id)
        self._reached[meeting_id] = reached
        return reached

    def _contact_once(self, meeting_id: str) -> tuple[bool, str, bool]:
        if self.options.offline:
            return False, "", True
        client = self.client()
        report = self.totals
        before = (report.sent, report.received, report.rewound)
        try:
            with run_deadline(client.link, self.options.run_timeout):
                client.send(None, report)
                client.catch_up(meeting_id, report)
        except (faults.Transient, faults.RunTimeout) as exc:
            return False, exc.message(), True
        except faults.Refused as exc:
            if exc.params.get("status") in (403, 404):
                raise UserError(NOT_A_PARTICIPANT, meeting=meeting_id) from None
            return False, exc.message(), False
        except HanoiDeskError as exc:
            # A forged event or a bad answer (nothing of it was stored), a refused
            # sign-in: what is queued stays queued.
            return False, exc.message(), False
        finally:
            if (report.sent, report.received, report.rewound) != before:
                self.session.changes.publish(LIVE_CHANGED)
        return True, "", False

    # -- the view --------------------------------------------------------------

    def role(self, meeting: LiveMeeting, me: str) -> Role | None:
        if meeting.role:
            return role_of(meeting.role)
        for person in self.store.people(meeting.meeting_id):
            if person.user_id == me:
                return role_of(person.role)
        return None

    def _view(self, meeting_id: str, online: bool, problem: str, offline: bool) -> LiveView:
        me = self.me()
        meeting = self.store.meeting(meeting_id)
        state = meeting.state
        people = self.store.people(meeting_id)
        names = {p.user_id: p.display_name for p in people}
        offset = meeting.clock.offset_ms if meeting.clock else None
        now = self.options.clock() + (offset or 0)
        persons = []
        for p in people:
            a = state.attendance_of(p.user_id)
            persons.append(
                PersonView(p.user_id, p.display_name, p.role, a.state, a.reason, a.substitute)
            )
        waiting = {r.id: i for i, r in enumerate(state.queue)}
        speakers = tuple(
            SpeakerView(
                r.id,
                r.user,
                names.get(r.user, r.user),
                r.type,
                r.to,
                r.topic,
                r.state,
                elapsed_ms(r, now),
                waiting.get(r.id),
            )
            for r in state.requests
        )
        current = next(
            (s for s in speakers if state.current and s.request_id == state.current.id), None
        )
        queued = tuple(_command_view(c) for c in self.store.commands(meeting_id, PENDING))
        role = self.role(meeting, me)
        return LiveView(
            meeting_id=meeting_id,
            title=meeting.title,
            me=me,
            role=str(role) if role else meeting.role,
            head_seq=meeting.head.seq,
            list_version=state.list_version,
            people=tuple(persons),
            speakers=speakers,
            current=current,
            queued=queued,
            online=online,
            problem=problem,
            offline_only=offline,
            clock_offset_ms=offset,
            state=state,
            current_item=self._current_item(meeting_id, state.current_item),
        )

    def _current_item(self, meeting_id: str, item_id: str | None) -> CurrentItem | None:
        if item_id is None:
            return None
        for entry in self._cache.repos.meetings.agenda(meeting_id):
            if entry.id == item_id:
                return CurrentItem(entry.id, entry.position, entry.title)
        return CurrentItem(item_id, None, "")  # made current before this computer synced it

    def status(self, meeting: str) -> LiveView:
        """The meeting as the authority last told it, after sending what is queued
        and catching up when the authority can be reached."""
        meeting_id, _ = self.store.resolve_meeting(meeting)
        self.me()
        online, problem, offline = self.contact(meeting_id)
        return self._view(meeting_id, online, problem, offline)

    def follow(
        self,
        meeting: str,
        *,
        until: Callable[[], bool] | None = None,
        on_contact: Callable[[], None] | None = None,
    ) -> LiveReport:
        """Send what is queued, then follow the meeting's stream (on this thread,
        until ``until()`` or a cancel), publishing ``live`` whenever the log
        moves; ``on_contact()`` after every message the stream delivers. The
        desktop runs it on a lane of its own with ``own_connection``."""
        meeting_id, _ = self.store.resolve_meeting(meeting)
        self.me()
        client = self.client()
        with run_deadline(client.link, None):
            report = client.send(None)
            return client.follow(
                meeting_id,
                until=until,
                report=report,
                on_change=lambda: self.session.changes.publish(LIVE_CHANGED),
                on_contact=on_contact,
            )

    # -- actions ---------------------------------------------------------------

    def act(
        self,
        meeting: str,
        kind: CommandKind,
        build: Callable[[LiveState], tuple[Mapping[str, Any], bool]],
        *,
        before: tuple[tuple[CommandKind, Mapping[str, Any]], ...] = (),
        poll_command: bool = False,
    ) -> LiveOutcome:
        """Catch up, build the arguments from the state the user now sees
        (``build`` returns them and whether the rules can judge them), check,
        queue, send, catch up again. ``before``: commands of the same action
        queued ahead of it (checked on the same state, queued in the same
        transaction, so a crash leaves all of them or none)."""
        meeting_id, _ = self.store.resolve_meeting(meeting)
        me = self.me()
        online, problem, offline = self.contact(meeting_id)
        live = self.store.meeting(meeting_id)
        role = self.role(live, me)
        if role is None:
            raise UserError(NOT_A_PARTICIPANT, meeting=meeting_id)
        for earlier_kind, earlier_args in before:
            rules.decide(
                live.state,
                me,
                role,
                rules.Command(str(earlier_kind), dict(earlier_args)),
                self.options.clock(),
            )
        args, judge = build(live.state)
        command = rules.Command(str(kind), dict(args))
        if judge and poll_command:
            self._check_poll_command(live.state, me, role, command, meeting_id)
        elif judge:
            # The authority's own rules, on the state this computer holds: what they
            # refuse is refused now, and nothing is queued.
            rules.decide(live.state, me, role, command, self.options.clock())
        elif not may(role, kind):
            raise rules.Refused(rules.FORBIDDEN)
        steps = [(str(k), a) for k, a in before] + [(str(kind), command.args)]
        queued = self.store.enqueue_many(meeting_id, steps)
        outcome = self.after_queueing(meeting_id, queued[-1].op_id, (online, problem, offline))
        earlier = tuple(_command_view(self.store.command(q.op_id)) for q in queued[:-1])
        return LiveOutcome(outcome.command, outcome.view, LIVE_CHANGED, earlier)

    def _check_poll_command(
        self, state: LiveState, me: str, role: Role, command: rules.Command, meeting_id: str
    ) -> None:
        """A poll command, checked with the authority's rules as far as this
        computer can: with the synced roster and the default body rules. What
        only the authority holds is left to it: the round's stored ballots (a
        close: ``decide`` says so with ValueError once every other check has
        passed) and the body's own quorum (a local ``no_quorum`` is not trusted:
        the body may count otherwise)."""
        roster = {
            p.user_id: found
            for p in self.store.people(meeting_id)
            if (found := role_of(p.role)) is not None
        }
        # The closing period ends on the authority's clock: judge it there (this
        # computer's clock plus the offset measured at the last contact).
        clock = self.store.meeting(meeting_id).clock
        now = self.options.clock() + (clock.offset_ms if clock else 0)
        try:
            rules.decide(state, me, role, command, now, roster=roster)
        except ValueError:
            return
        except rules.Refused as refused:
            if refused.reason != rules.NO_QUORUM:
                raise

    def after_queueing(
        self, meeting_id: str, op_id: str, reached: tuple[bool, str, bool] | None = None
    ) -> LiveOutcome:
        """Send what was just queued when the authority answered a moment ago
        (else it stays queued, and is still news here), and say where it stands."""
        online, problem, offline = reached or self._reached.get(meeting_id, (False, "", True))
        if online:
            online, problem, offline = self.contact(meeting_id)
        else:
            self.session.changes.publish(LIVE_CHANGED)
        view = self._view(meeting_id, online, problem, offline)
        return LiveOutcome(_command_view(self.store.command(op_id)), view, LIVE_CHANGED)

    def checkin(self, meeting: str, substitute: str | None = None) -> LiveOutcome:
        """Check in as present; with ``substitute``, present *through* that
        substitute (named first, so the authority never sees a check-in that
        meant someone else); ``""`` clears a substitute named before (the member
        is here in person)."""
        args = {"state": AttendanceState.PRESENT.value}
        before: tuple[tuple[CommandKind, Mapping[str, Any]], ...] = ()
        if substitute is not None:
            before = ((CommandKind.SUBSTITUTE, {"substitute": substitute}),)
        return self.act(meeting, CommandKind.CHECKIN, lambda _s: (args, True), before=before)

    def delegate(self, meeting: str, proxy: str) -> LiveOutcome:
        """Hand my vote to ``proxy`` (a participant's id or full name; ``""``
        takes it back). Only the authority holds the body's rules (whether it
        enables delegation), so the rules are not judged here: only the role
        table is, and the authority's refusal comes back as any other."""
        meeting_id, _ = self.store.resolve_meeting(meeting)
        args = {"proxy": self.person(meeting_id, proxy) if proxy.strip() else ""}
        return self.act(meeting_id, CommandKind.DELEGATE, lambda _s: (args, False))

    def substitute(self, meeting: str, name: str) -> LiveOutcome:
        """Name who attends in my place (``""``: nobody), without a check-in."""
        args = {"substitute": name}
        return self.act(meeting, CommandKind.SUBSTITUTE, lambda _s: (args, True))

    def absent(self, meeting: str, reason: str = "") -> LiveOutcome:
        """Absent with a reason (vắng có lý do); without one, plain absent."""
        reason = reason.strip()
        state = AttendanceState.EXCUSED if reason else AttendanceState.ABSENT
        args = {"state": state.value, **({"reason": reason} if reason else {})}
        return self.act(meeting, CommandKind.CHECKIN, lambda _s: (args, True))

    def set_attendance(self, meeting: str, user: str, state: str, reason: str = "") -> LiveOutcome:
        meeting_id, _ = self.store.resolve_meeting(meeting)
        args: dict[str, Any] = {"user": self.person(meeting_id, user), "state": state}
        if reason.strip():
            args["reason"] = reason.strip()
        return self.act(meeting_id, CommandKind.SET_ATTENDANCE, lambda _s: (args, True))

    def speak(self, meeting: str, point_of_order: bool = False) -> LiveOutcome:
        kind = RequestType.POINT_OF_ORDER if point_of_order else RequestType.SPEAK
        args = {"request_id": uuid.uuid4().hex, "type": kind.value}
        return self.act(meeting, CommandKind.REQUEST, lambda _s: (args, True))

    def interpellate(self, meeting: str, to: str, topic: str) -> LiveOutcome:
        args = {
            "request_id": uuid.uuid4().hex,
            "type": RequestType.INTERPELLATION.value,
            "to": to,
            "topic": topic,
        }
        return self.act(meeting, CommandKind.REQUEST, lambda _s: (args, True))

    def withdraw(self, meeting: str, request_id: str | None = None) -> LiveOutcome:
        """Withdraw a request: the one named, else my latest one still queued
        here, else my latest one waiting in the list."""
        meeting_id, _ = self.store.resolve_meeting(meeting)
        me = self.me()

        def build(state: LiveState) -> tuple[Mapping[str, Any], bool]:
            queued = [
                str(c.args.get("request_id"))
                for c in self.store.commands(meeting_id, PENDING)
                if c.kind == CommandKind.REQUEST
            ]
            chosen = request_id
            if chosen is None:
                waiting = [r.id for r in state.queue if r.user == me]
                candidates = queued or waiting
                if not candidates:
                    raise UserError(NOTHING_TO_WITHDRAW, meeting=meeting_id)
                chosen = candidates[-1]
            elif chosen not in queued:
                chosen = self._request_id(meeting_id, state, chosen)
            # A request still in our own outbox is not in the state yet: the rules
            # could only say "no such request", so only the role is checked then.
            return {"request_id": chosen}, chosen not in queued

        return self.act(meeting_id, CommandKind.WITHDRAW, build)

    def speakers(
        self,
        meeting: str,
        action: str,
        request_id: str | None = None,
        list_version: int | None = None,
        position: int | None = None,
    ) -> LiveOutcome:
        """A chair's or secretary's speakers command, made against the list version
        the user saw (``list_version``; by default the state after catching up).
        ``reorder`` takes ``position``: the request's index in the waiting queue
        afterwards (0 = first), as on the wire."""
        if action not in LIST_ACTIONS:
            raise UserError(NEEDS_REQUEST, action=action)
        if action in NEEDS_REQUEST_ID and not request_id:
            raise UserError(NEEDS_REQUEST, action=action)
        if action == "reorder" and position is None:
            raise UserError(NEEDS_POSITION)
        meeting_id, _ = self.store.resolve_meeting(meeting)

        def build(state: LiveState) -> tuple[Mapping[str, Any], bool]:
            args: dict[str, Any] = {
                "list_version": state.list_version if list_version is None else list_version
            }
            if action in NEEDS_REQUEST_ID:
                args["request_id"] = self._request_id(meeting_id, state, request_id or "")
            if action == "reorder":
                args["position"] = position
            return args, True

        return self.act(meeting_id, CommandKind(f"speakers.{action}"), build)

    def reorder(
        self, meeting: str, request_id: str, position: int, list_version: int | None = None
    ) -> LiveOutcome:
        """Move a waiting request to ``position`` (0 = first) of the waiting queue."""
        return self.speakers(meeting, "reorder", request_id, list_version, position)

    def commands(self, op_ids: tuple[str, ...]) -> tuple[CommandView, ...]:
        """Where each of these queued commands stands now (the desktop follows
        the ones its user made: queued, sent, applied, refused and why)."""
        return tuple(_command_view(self.store.command(op_id)) for op_id in op_ids)

    def present(self, meeting: str, document_version: str, page: int) -> LiveOutcome:
        """Show the room ``page`` (1-based) of ``document_version`` (chair, secretary):
        followers open it from their own cache; only the position travels."""
        args = {"document_version": document_version, "page": page}
        return self.act(meeting, CommandKind.PRESENTER_SHOW, lambda _s: (args, True))

    def make_current(self, item: str, meeting: str | None = None) -> LiveOutcome:
        """Make an agenda item the one under discussion (chair, secretary):
        ``item`` is its id, or its number in ``meeting``'s agenda; without
        ``meeting`` the item id names the meeting."""
        meeting_id = (
            self.store.resolve_meeting(meeting)[0] if meeting else self._meeting_of_item(item)
        )
        args = {"item": self.agenda_item(meeting_id, item)}
        return self.act(meeting_id, CommandKind.AGENDA_CURRENT, lambda _s: (args, True))

    def agenda_item(self, meeting_id: str, text: str) -> str:
        """The id of ``meeting_id``'s agenda item named by its id or its number."""
        agenda = self._cache.repos.meetings.agenda(meeting_id)
        for entry in agenda:
            if entry.id == text:
                return entry.id
        if text.strip().isdigit():
            for entry in agenda:
                if entry.position == int(text):
                    return entry.id
        raise UserError(NO_AGENDA_ITEM, meeting=meeting_id, item=text)

    def _meeting_of_item(self, item: str) -> str:
        repo = self._cache.repos.meetings
        for meeting in repo.all():
            if any(entry.id == item for entry in repo.agenda(meeting.id)):
                return meeting.id
        raise UserError(ITEM_NEEDS_MEETING, item=item)

    # -- names -----------------------------------------------------------------

    def person(self, meeting_id: str, text: str) -> str:
        """The user id of a participant named by id or by full name (accents and
        case ignored, since a secretary types it at a terminal)."""
        people = self.store.people(meeting_id)
        for p in people:
            if p.user_id == text:
                return p.user_id
        wanted = fold(" ".join(text.split()))
        found = [p for p in people if fold(" ".join(p.display_name.split())) == wanted]
        if len(found) == 1:
            return found[0].user_id
        if found:
            raise UserError(SEVERAL_PEOPLE, meeting=meeting_id, name=text)
        raise UserError(NO_SUCH_PERSON, meeting=meeting_id, name=text)

    def _request_id(self, meeting_id: str, state: LiveState, text: str) -> str:
        """A request id given whole or by a unique start (the CLI shows 8 digits)."""
        found = [r.id for r in state.requests if r.id.startswith(text)]
        if text in found:
            return text
        if text and len(found) == 1:
            return found[0]
        template = SEVERAL_REQUESTS if text and found else NO_SUCH_REQUEST
        raise UserError(template, meeting=meeting_id, request=text)
