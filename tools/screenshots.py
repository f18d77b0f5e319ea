"""Screenshots of each main screen, in Vietnamese and English, from the real app
on a 1366×768 screen (the meeting rooms' laptops).

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py

It starts the reference server with its demo data on 127.0.0.1, creates a
throwaway profile, syncs it for real, opens a document, adds notes and a
comment, and saves ``docs/screenshots/<screen>-<language>.png``. Home shows
the demo meeting's day (12/05/2027) as today. Each language runs in its own
process (a fresh application per language) against a server of its own (the
live session moves during a run, so each language starts from the demo's log).

The live screens (docs/ui-live.md) are taken from two windows in the same
process: the delegate ``demo``'s and the chair ``chutich``'s, each a real
profile synced as that user, sharing the process's one token manager. The
chair acts through the console's own buttons (call the first approved speaker,
approve the interpellation, present a page, open the projector, open, close
and announce the first vote, make agenda item 1 current). The delegate checks
in and asks to speak on the room-now page and votes on the Votes page (the PIN
dialog answered with the DEMO key's published passphrase). The chair's own ballot and those of
``thuky``, ``daibieu`` and ``daibieu3`` (profiles without a window) are cast
through the app layer. Every voter signs with a fresh DEMO software key whose
certificate the demo server registers as that member's.

Shots are saved as 256-colour PNGs (Qt's conversion; threshold dither keeps
text crisp): the folder stays near 1 MB, not 5 (tests/test_screenshots.py).
"""

from __future__ import annotations

import argparse
import faulthandler
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hanoi_desk.app.live_votes import LiveVotes
    from hanoi_desk.app.session import Session
    from hanoi_desk.server.app import Server
    from hanoi_desk.signing.tokens import TokenManager
    from hanoi_desk.ui.main_window import MainWindow
    from hanoi_desk.ui.qt import QtWidgets

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
DEMO_DAY = (2027, 5, 12)
"""The demo council's meeting day (server/demo.py), shown on Home as today."""


VOTERS = ("demo", "chutich", "thuky", "daibieu", "daibieu3")
"""Who casts a ballot in the closed vote (each with a DEMO software key)."""
HEADLESS_VOTERS = ("thuky", "daibieu", "daibieu3")
"""Voters with a profile but no window (the tool acts for them)."""
BALLOTS = {"demo": "1", "chutich": "1", "thuky": "1", "daibieu": "1", "daibieu3": "2"}
"""Their choices (1 = Đồng ý, 2 = Không đồng ý): four for, one against."""
SPEAKER_REQUEST = "demo-phat-bieu-1"
"""The demo log's approved request (``daibieu``), called to the floor by the chair."""
INTERPELLATION = "demo-chat-van-1"
FIRST_VOTE = "demo-bieu-quyet-1"


def paper_opinions(server: Server) -> None:
    """Two members' paper opinions in the demo's consultation, entered by the
    secretary: the secretariat's view (consultation-summary) has counts to show."""
    from hanoi_desk.server import consultation

    other = {"answer": "other", "text": "Đề nghị áp dụng từ quý II năm sau."}
    for user, answers, day in (
        ("daibieu2", {"q1": {"answer": "agree"}, "q2": other}, "2026-11-20"),
        ("daibieu3", {"q1": {"answer": "disagree"}, "q2": {"answer": "agree"}}, "2026-11-21"),
    ):
        consultation.enter_paper(server.db, server.blobs, consultation.DEMO_CONSULTATION,
                                 username=user, answers=answers, scan=b"%PDF-1.4 scan",
                                 written_on=day, entered_by="thuky")  # fmt: skip


@contextmanager
def demo_server(
    data: Path,
    packs: Path | None = None,
    certificates: dict[str, bytes] | None = None,
    roots: tuple[bytes, ...] = (),
) -> Iterator[str]:
    import uvicorn

    from hanoi_desk.server.app import ServerConfig, build_app, open_server
    from hanoi_desk.server.demo import build_demo
    from hanoi_desk.server.demo_requests import add_demo_request
    from hanoi_desk.server.demo_threads import add_demo_threads

    # The keys' roots are the demo bodies' trust roots: the server accepts their
    # signed documents (docs/server-uploads.md).
    build_demo(data, cheap_hash=True, packs_dir=packs, member_certificates=certificates,
               trust_roots=roots)  # fmt: skip
    server = open_server(ServerConfig(data, None))
    add_demo_threads(server.db)  # the draft resolution's comment threads, as `hanoi-desk demo`
    add_demo_request(server.db, server.blobs)  # the minutes to sign, as `hanoi-desk demo`
    paper_opinions(server)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(build_app(server), log_level="warning", lifespan="off")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not uv.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        uv.should_exit = True
        thread.join(10)
        sock.close()
        server.stop()  # the vote closer first: it would find the database gone
        server.db.dispose()


def shoot(language: str, server: str, home: Path, keys: Path | None = None) -> None:  # noqa: PLR0915 - one linear script
    from hanoi_desk.app.session import Desk
    from hanoi_desk.app.wiring import default_vault
    from hanoi_desk.demo.kit import make_demo_token, softhsm_module
    from hanoi_desk.domain.settings import PKCS11_MODULES
    from hanoi_desk.server.demo import COUNCIL_ID, DEMO_PASSWORD
    from hanoi_desk.ui.app import DeskApp, install_translator, load_fonts, make_application
    from hanoi_desk.ui.prompts import PinDialog
    from hanoi_desk.ui.qt import QtCore, QtGui
    from hanoi_desk.ui.settings_dialog import SettingsDialog
    from hanoi_desk.ui.signing_dialog import SigningDialog

    app = make_application()
    load_fonts()
    install_translator(app, language)
    desk = Desk(default_vault(home))

    class Prompt:
        def passphrase(self, profile: str, *, new: bool) -> str:
            return "demo passphrase"

    desk.create("demo", Prompt())
    root = DeskApp(desk, language)
    root.show()
    roots = [root]

    def settle(until: Callable[[], bool] = lambda: True, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
            if all(r.runner.pending == 0 for r in roots) and until():
                break
        else:
            # A shot of the wrong state is worse than none: say which wait ran out.
            where = until.__code__.co_firstlineno
            raise SystemExit(f"screenshots: gave up waiting (line {where}, {language})")
        for _ in range(10):
            app.processEvents()
            time.sleep(0.02)

    def save(widget: QtWidgets.QWidget, name: str) -> None:
        settle()
        # SCREENSHOTS_ONLY=name,name: remake only those (the others stay as committed).
        only = os.environ.get("SCREENSHOTS_ONLY")
        if only and name not in only.split(","):
            return
        # 256 colours (Qt's own conversion, threshold dither keeps text crisp) and
        # the highest compression: 36 shots in about 1.5 MB instead of 5.
        flags = QtCore.Qt.ImageConversionFlag
        image = widget.grab().toImage()
        image = image.convertToFormat(
            QtGui.QImage.Format.Format_Indexed8, flags.ThresholdDither | flags.PreferDither
        )
        image.save(str(OUT / f"{name}-{language}.png"), None, 0)  # PNG, by the name
        print(f"saved {name}-{language}.png", flush=True)

    root.unlock.resize(*SIZE)
    save(root.unlock, "unlock")
    root.unlock.passphrase.setText("demo passphrase")
    root.unlock.unlock("passphrase")
    settle(lambda: root.main is not None)
    main = root.main
    assert main is not None
    main.showMaximized()
    main.resize(*SIZE)
    main.sync.start(server, "demo", lambda: DEMO_PASSWORD)
    settle(lambda: not main.sync.running, 180)
    # The chair's window, as early as this: the speaker the chair calls now has
    # been talking for a while by the room-now shot (a timer past zero).
    chair_desk = Desk(default_vault(home / "chair"))
    chair_desk.create("chutich", Prompt())
    # One token manager per process (DeskApp.tokens): two would each load and
    # watch the same PKCS#11 module, and one's finalize pulls it from under the other.
    chair_root = DeskApp(chair_desk, language, tokens=root.tokens())
    chair_root.show()
    roots.append(chair_root)
    chair_root.unlock.passphrase.setText("demo passphrase")
    chair_root.unlock.unlock("passphrase")
    settle(lambda: chair_root.main is not None)
    chair = chair_root.main
    assert chair is not None
    chair.showMaximized()
    chair.resize(*SIZE)
    chair.sync.start(server, "chutich", lambda: DEMO_PASSWORD)
    settle(lambda: not chair.sync.running, 180)
    chair.open_meeting(COUNCIL_ID)
    console = chair.console
    settle(lambda: chair.live.online and console.queue.count() > 0)
    choose(console.queue, SPEAKER_REQUEST)
    console.buttons["call"].click()
    settle(lambda: chair.live.view is not None and chair.live.view.current is not None)
    # The report under discussion is the agenda's first item: chosen in the
    # chair's agenda (the first, as the meeting opens) and made current.
    settle(lambda: chair.meeting_page.detail is not None)
    chosen = chair.meeting_page.chosen_item()
    assert chosen is not None and chosen.position == 1, chosen
    console.make_current.click()
    settle(lambda: chair.live.view is not None and chair.live.view.current_item is not None)
    from datetime import date

    main.meetings.shown_day = date(*DEMO_DAY)
    main.calendar.day.setSelectedDate(QtCore.QDate(*DEMO_DAY))
    main.refresh_all()
    settle()
    save(main, "home")
    card = main.meetings.cards()[0]
    card.click()
    settle(lambda: main.meeting_page.detail is not None)
    detail = main.meeting_page.detail
    assert detail is not None
    doc = next(d for item in detail.agenda for d in item.documents if d.available)
    main.open_document(doc)
    settle(lambda: main.reader.doc is not None)
    reader = main.reader
    reader.search_box.setText("ngan sach")
    reader.search()
    settle(lambda: bool(reader.matches))
    match = reader.matches[0]
    reader.view.select_area(match.page, match.rects[0])
    settle(lambda: reader.view.selection is not None)
    reader.highlight_selection()
    settle()
    main.reader._run_notes(
        lambda notes: notes.sticky(doc, match.page, (420.0, 120.0), "Đề nghị làm rõ nguồn vốn")
    )
    settle(lambda: reader.notes_panel.list.count() >= 2)
    reader.view.go_to(match.page)
    main.side.show_page("room")
    save(main, "meeting")
    main.side.show_page("notes")
    save(main, "notes")
    main.side.show_page("comments")
    main.comments.editor.setPlainText("Đề nghị bổ sung số liệu thu ngân sách quý III.")
    main.comments.send()
    settle(lambda: main.comments.list.count() >= 1 and "·" in main.comments.list.item(0).text())
    main.sync.start(server, "demo", lambda: DEMO_PASSWORD)
    settle(lambda: not main.sync.running, 180)
    main.comments.editor.setPlainText("Phụ lục 2 thiếu bảng tổng hợp.")
    main.comments.send()
    settle()
    save(main, "comments")
    # The draft resolution's comment threads (docs/comment-threads.md): states, a
    # reply, answers; the secretariat-only one is not there (``demo`` is a member).
    draft = next(d for item in detail.agenda for d in item.documents
                 if d.title == "Dự thảo Nghị quyết" and d.available)  # fmt: skip
    main.open_document(draft)
    settle(lambda: main.comments.doc is not None and main.comments.doc.id == draft.id)
    main.side.show_page("comments")
    settle(lambda: main.comments.list.count() >= 4)
    main.comments.list.setCurrentRow(0)
    settle()
    save(main, "threads")
    main.open_document(doc)  # back to the document the later shots read
    settle(lambda: main.comments.doc is not None and main.comments.doc.id == doc.id)
    reader.view.go_to(match.page)
    main.cache_search.setText("truong hoc")
    main.search_cache()
    save(main, "search")
    main.refresh_outbox()
    main.show_page(main.sync_panel)
    save(main, "sync")
    module = softhsm_module()
    if module is not None:
        token = make_demo_token(home / "softhsm", module)
        os.environ["SOFTHSM2_CONF"] = str(token.softhsm_conf)
        main._save_settings([PKCS11_MODULES.to((module,))])
        settle()
        main.reader.view.signature_box = (match.page, (330.0, 600.0, 530.0, 700.0))
        main.sign_documents()
        settle(lambda: getattr(main, "signing", None) is not None)
        # Set when the dialog first opens (not in MainWindow.__init__): read it so.
        signing: SigningDialog | None = getattr(main, "signing", None)
        assert signing is not None
        signing.find_button.click()
        settle(lambda: signing.token.count() > 0)
        save(signing, "signing")
        signing.close()
        main.reader.view.signature_box = None  # the live shots show the reader without it
    # The minutes waiting for demo's signature (server/demo_requests.py), at the
    # side panel's default width, the token found (docs/ui-signing.md).
    from hanoi_desk.server.demo_requests import DEMO_REQUEST
    from hanoi_desk.ui.signing_requests_page import REQUEST_ROLE

    main.show_page(main.room)
    main.side.show_page("requests")
    requests = main.signing_requests
    requests.look_for_keys()
    settle(lambda: requests.current() is not None and requests.find_keys.isEnabled())
    for row in range(requests.list.count()):
        if requests.list.item(row).data(REQUEST_ROLE) == DEMO_REQUEST:
            requests.list.setCurrentRow(row)
    settle(lambda: requests.chosen == DEMO_REQUEST)
    save(main, "requests")
    consultation_screens(main, chair, settle, save)
    dialog = SettingsDialog(main.settings, main)
    dialog.show()
    save(dialog, "settings")
    dialog.close()

    class State:
        locked = False
        protected_path = False
        software_key = False

        def describe(self, language: str | None = None) -> list[str]:
            from hanoi_desk.i18n import translate
            from hanoi_desk.signing.pin import COUNT_LOW

            return [translate(COUNT_LOW, language)]

    pin = PinDialog(
        "Demo token",
        State().describe(language),
        locked=False,
        pin_pad=False,
        language=language,
        parent=main,
    )
    pin.show()
    save(pin, "pin")
    pin.close()
    live_screens(server=server, home=home, keys=keys, main=main, chair=chair, settle=settle,
                 save=save, tokens=root.tokens())  # fmt: skip
    chair_root.lock()
    root.lock()
    settle()
    chair_root.shutdown()
    root.shutdown()


def consultation_screens(
    main: MainWindow,
    chair: MainWindow,
    settle: Callable[..., None],
    save: Callable[[QtWidgets.QWidget, str], None],
) -> None:
    """The demo's open consultation answered (not sent) on the delegate's form,
    and the chair's Opinions received (docs/ui-consultation.md)."""
    from hanoi_desk.server.consultation import DEMO_CONSULTATION
    from hanoi_desk.ui.consultation_form import CONSULTATION_ROLE

    main.show_page(main.room)
    main.side.show_page("consult")
    form = main.consult
    form.reload()

    def listed() -> bool:
        items = [form.list.item(r) for r in range(form.list.count())]
        return any(i.data(CONSULTATION_ROLE) == DEMO_CONSULTATION for i in items)

    settle(listed)
    for row in range(form.list.count()):
        if form.list.item(row).data(CONSULTATION_ROLE) == DEMO_CONSULTATION:
            form.list.setCurrentRow(row)
    settle(lambda: form.current_id == DEMO_CONSULTATION and len(form.boxes) == 2)
    form.boxes[0].radios[0].setChecked(True)
    form.boxes[1].radios[2].setChecked(True)
    form.boxes[1].other.setPlainText("Đề nghị áp dụng từ quý II năm sau.")
    settle(form.keys.find_button.isEnabled)
    save(main, "consultation")
    chair.show_page(chair.room)
    chair.side.show_page("consult")
    chair.consult.reload()
    page = chair.consult_page
    settle(lambda: page.isTabVisible(1))
    page.setCurrentIndex(1)
    settle(lambda: page.summary.report_of == DEMO_CONSULTATION)
    save(chair, "consultation-summary")


def choose(widget: QtWidgets.QListWidget, request_id: str) -> None:
    """Select the console's queue entry of ``request_id`` (as the chair clicks it)."""
    from hanoi_desk.ui.live_room import REQUEST_ROLE

    for row in range(widget.count()):
        if widget.item(row).data(REQUEST_ROLE) == request_id:
            widget.setCurrentRow(row)
            return
    raise SystemExit(f"screenshots: {request_id} is not in the console's queue")


SIDE_WIDTH = 470
"""The side panel's width in the live shots, as a chair or delegate drags it:
at the window's default (300 px) the live pages need a horizontal scroll."""


def widen_side(window: MainWindow) -> None:
    total = sum(window.room.sizes())
    window.room.setSizes([200, total - 200 - SIDE_WIDTH, SIDE_WIDTH])


def run_as(
    session: Session,
    user: str,
    what: Callable[[LiveVotes], object],
    tokens: TokenManager | None = None,
) -> None:
    """A live use case as ``user`` through the app layer, over a connection of
    its own (a window's db lane keeps the session's)."""
    from hanoi_desk.app.live import LiveOptions, LiveService
    from hanoi_desk.app.live_votes import LiveVotes
    from hanoi_desk.server.demo import DEMO_PASSWORD

    options = LiveOptions(username=user, password=lambda: DEMO_PASSWORD)
    with (
        LiveService(session, options, own_connection=True) as service,
        LiveVotes(service, tokens) as votes,
    ):
        what(votes)


def live_screens(  # noqa: PLR0915 - one linear script
    *,
    server: str,
    home: Path,
    keys: Path | None,
    main: MainWindow,
    chair: MainWindow,
    settle: Callable[..., None],
    save: Callable[[QtWidgets.QWidget, str], None],
    tokens: TokenManager,
) -> None:
    """room-now, presenter, console, projector and projector-result (docs/ui-live.md)."""
    from hanoi_desk.domain.live.state import AttendanceState, RequestState

    room, panel, console = main.live, main.room_panel, chair.console
    main.show_page(main.room)
    main.side.show_page("room")
    chair.show_page(chair.room)
    chair.side.show_page("console")
    for window in (main, chair):
        widen_side(window)
    settle(lambda: room.online and room.view is not None)

    def me_present() -> bool:
        view = room.view
        person = view.person(view.me) if view is not None else None
        return person is not None and person.attendance is AttendanceState.PRESENT

    def my_request() -> bool:
        view = room.view
        return view is not None and any(
            s.user == view.me and s.waiting is not None for s in view.speakers
        )

    def approved(request: str) -> bool:
        view = room.view
        return view is not None and any(
            s.request_id == request and s.state is RequestState.APPROVED for s in view.speakers
        )

    panel.checkin.click()
    settle(me_present)
    panel.speak.click()
    settle(my_request)
    settle(lambda: console.queue.count() >= 3)
    choose(console.queue, INTERPELLATION)
    console.buttons["approve"].click()
    settle(lambda: approved(INTERPELLATION))
    save(main, "room-now")

    # Follow the presenter: the chair opens the item's other document (the
    # statistics annex, beside the report the delegate is reading) and presents its
    # page 3; the delegate's reader (following by default) opens it there.
    settle(lambda: chair.meeting_page.detail is not None)
    detail = chair.meeting_page.detail
    reading = main.reader.summary
    assert detail is not None and reading is not None
    item = next(i for i in detail.agenda if any(d.id == reading.id for d in i.documents))
    shown = next(d for d in item.documents if d.id != reading.id and d.available)
    chair.open_document(shown)

    def opened(window: MainWindow) -> bool:
        summary = window.reader.summary
        return summary is not None and summary.version_id == shown.version_id

    settle(lambda: opened(chair) and chair.reader.view.current_page() == 0)
    chair.reader.view.go_to(2)
    settle(lambda: chair.reader.view.current_page() == 2)
    chair.presenter.present.click()
    settle(
        lambda: opened(main) and main.reader.view.current_page() == 2 and main.presenter.following
    )
    save(main, "presenter")
    choose(console.queue, INTERPELLATION)
    save(chair, "console")

    chair.open_projector()
    projector = chair.projector
    settle(lambda: bool(projector.timer.text()))
    save(projector, "projector")

    if keys is None:
        projector.close()
        return
    title = closed_vote(server, home, keys, main, chair, settle, save, tokens)

    def announced() -> bool:
        # The chair's own view (the projector's) has the announcement, not only the delegate's.
        view = chair.live.view
        poll = view.state.poll(FIRST_VOTE) if view is not None else None
        return poll is not None and poll.published_round is not None

    settle(announced)
    # The floor is free again (the chair stops the speaker): the projector shows the result.
    console.buttons["stop"].click()
    settle(lambda: title in projector.big.text())
    save(projector, "projector-result")
    projector.close()


def closed_vote(  # noqa: PLR0915, PLR0917 - one linear script
    server: str,
    home: Path,
    keys: Path,
    main: MainWindow,
    chair: MainWindow,
    settle: Callable[..., None],
    save: Callable[[QtWidgets.QWidget, str], None],
    tokens: TokenManager,
) -> str:
    """The chair opens the demo's first vote from the console; the delegate
    chooses and signs on the Votes page (``votes``); the chair's console lists
    who has not voted yet (``console-polls``); three more members vote through
    the app layer; the chair closes the round with no closing period and
    publishes it (``votes-result``). Returns the vote's title."""
    from hanoi_desk.app.live_votes import KeyChoice
    from hanoi_desk.app.session import Desk
    from hanoi_desk.app.wiring import default_vault
    from hanoi_desk.demo.kit import DEMO_KEY_PASSPHRASE, SOFTWARE_KEY_FILE
    from hanoi_desk.domain.live.polls import RoundStatus
    from hanoi_desk.domain.settings import SOFTWARE_KEYS
    from hanoi_desk.server.demo import COUNCIL_ID, DEMO_PASSWORD
    from hanoi_desk.signing.pin import PinState
    from hanoi_desk.store.live import BallotState
    from hanoi_desk.store.replica import Replica
    from hanoi_desk.sync.engine import SyncEngine, SyncReport
    from hanoi_desk.sync.http import Connection
    from hanoi_desk.ui.prompts import PinDialog
    from hanoi_desk.ui.qt import QtCore
    from hanoi_desk.ui.qt import QtWidgets as Qw

    class Prompt:
        def passphrase(self, profile: str, *, new: bool) -> str:
            return "demo passphrase"

    class KeyPassphrase:
        """The DEMO software key's published passphrase, given once per ballot."""

        def pin(self, token: str, state: PinState) -> str:
            return DEMO_KEY_PASSPHRASE

    def status() -> RoundStatus | None:
        view = chair.live.view
        poll = view.state.poll(FIRST_VOTE) if view is not None else None
        current = poll.current if poll is not None else None
        return current.status if current is not None else None

    polls, votes = chair.console.polls, main.votes
    # The delegate's key: the DEMO software key the server registered as theirs,
    # offered by the Votes page the way signing offers it (the profile's settings).
    demo_key = str(keys / "demo" / SOFTWARE_KEY_FILE)
    main._save_settings([SOFTWARE_KEYS.to((demo_key,))])
    settle(lambda: polls.poll_box.findData(FIRST_VOTE) >= 0)
    polls.poll_box.setCurrentIndex(polls.poll_box.findData(FIRST_VOTE))
    polls.buttons["open"].click()
    settle(lambda: status() is RoundStatus.OPEN)

    def mine() -> BallotState | None:
        poll = votes.current()
        if poll is None or poll.id != FIRST_VOTE or not poll.ballots:
            return None
        return poll.ballots[-1].state

    settle(lambda: main.side.current() == "votes" and votes.current() is not None)
    if not votes.keys:
        votes.look_for_keys()
    settle(lambda: any(k.software_key for k in votes.keys))
    votes.key_box.setCurrentIndex(next(i for i, k in enumerate(votes.keys) if k.software_key))
    first = votes.choices.button(0)
    first.setChecked(True)

    def answer_pin() -> None:
        # The PIN dialog runs its own event loop: answered from a timer, as a person types.
        for widget in Qw.QApplication.topLevelWidgets():
            if isinstance(widget, PinDialog) and widget.isVisible():
                widget.field.setText(DEMO_KEY_PASSPHRASE)
                widget.accept()

    typist = QtCore.QTimer()
    typist.setInterval(100)
    typist.timeout.connect(answer_pin)
    typist.start()
    votes.send.click()
    settle(lambda: mine() is BallotState.COUNTED)
    typist.stop()
    save(main, "votes")

    sessions = {"chutich": chair.live.ws.session}
    desk = Desk(default_vault(home / "voters"))
    opened: list[Session] = []
    for user in HEADLESS_VOTERS:
        desk.create(user, Prompt())
        session = desk.open(user, Prompt(), "passphrase")
        opened.append(session)
        conn = Connection(
            server, Replica(session.cache), username=user, password=lambda: DEMO_PASSWORD
        )
        try:
            conn.ensure_account()
            SyncEngine(conn, Replica(session.cache)).pull(SyncReport())
        finally:
            conn.close()
        sessions[user] = session

    def cast(user: str) -> None:
        key = KeyChoice(str(keys / user / SOFTWARE_KEY_FILE), software_key=True)
        choice = BALLOTS[user]
        run_as(
            sessions[user],
            user,
            lambda v: v.vote(
                FIRST_VOTE, choice, key=key, prompt=KeyPassphrase(), meeting=COUNCIL_ID
            ),
            tokens,
        )

    try:
        cast("chutich")
        # The console reads who has not voted from the authority's watch.
        settle(lambda: polls.not_voted.count() == len(HEADLESS_VOTERS))
        chair.side.show_page("console")  # the opened round brought the Votes page forward
        console_scroll = chair.console.findChild(Qw.QScrollArea)
        if console_scroll is not None:
            # The votes group at the top of the page, as the chair scrolls to it.
            console_scroll.verticalScrollBar().setValue(polls.y())
        save(chair, "console-polls")
        for user in HEADLESS_VOTERS:
            cast(user)
    finally:
        for session in opened:
            session.close()
    polls.seconds.setValue(0)
    polls.buttons["close"].click()
    settle(lambda: status() in (RoundStatus.CLOSING, RoundStatus.CLOSED))
    if status() is not RoundStatus.CLOSED:  # the authority's closer has not yet: the chair does
        settle(polls.buttons["close"].isEnabled)
        polls.buttons["close"].click()
        settle(lambda: status() is RoundStatus.CLOSED)
    settle(polls.buttons["publish"].isEnabled)
    polls.buttons["publish"].click()

    def published() -> bool:
        poll = votes.current()
        return poll is not None and poll.status == "published"

    settle(published)
    save(main, "votes-result")
    view = chair.live.view
    poll = view.state.poll(FIRST_VOTE) if view is not None else None
    assert poll is not None
    return poll.title


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=("vi", "en"))
    parser.add_argument("--server")
    parser.add_argument("--home", type=Path)
    parser.add_argument("--keys", type=Path)
    args = parser.parse_args()
    if args.lang:
        # A crash in Qt or a PKCS#11 module shows where it happened, not only SIGSEGV.
        faulthandler.enable()
        shoot(args.lang, args.server, args.home, args.keys)
        return 0
    from hanoi_desk.demo.kit import make_software_key

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hd-shots-") as tmp:
        for lang in ("vi", "en"):
            # A fresh DEMO software key per voter, registered as that member's
            # signing certificate: their signed ballots count.
            keys = Path(tmp) / f"keys-{lang}"
            demo_keys = {u: make_software_key(keys / u) for u in VOTERS}
            certificates = {u: k.certificate for u, k in demo_keys.items()}
            roots = tuple(k.root_pem.read_bytes() for k in demo_keys.values())
            home = Path(tmp) / f"home-{lang}"
            env = {**os.environ, "HANOI_DESK_HOME": str(home), "HANOI_DESK_LANG": lang}
            server = Path(tmp) / f"server-{lang}"
            with demo_server(server, Path(tmp) / "packs", certificates, roots) as url:
                command = [sys.executable, __file__, "--lang", lang, "--server", url]
                command += ["--home", str(home), "--keys", str(keys)]
                subprocess.run(command, check=True, env=env)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
