"""The delegate's vote panel (ui/live_votes.py) against the real server on
127.0.0.1 (issue 16): a chair and two delegates, each with a real SQLCipher
profile, a task runner of their own, the real live controller and the real
Votes page; ballots signed on SoftHSM2 tokens (the desktop tests' PKI:
HANOI-PINTEST and HANOI-HOSTILE, each with a certificate the server registers
for its delegate) through the real PIN dialog, the PIN typed in it.

The chair's poll commands go through the app layer (``LiveVotes.create_poll``,
``open_poll``, ``close_poll``, ``publish_poll``): the chair's poll console is
being built beside this panel. The one delegate whose connection is cut goes
through the fault proxy of tests/sync/sync_proxy.py (a dropped link), the only
way to lose a connection on one machine; the same proxy then plays a path that
changes one byte of the bulletin, for Verify's failure. Nothing is mocked."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from test_live_room import Client, M, _proxy_module, fast, new_delegate
from ui_helpers import LEFT, WAIT, unlock

from hanoi_desk.app.live import LiveOptions, LiveService
from hanoi_desk.app.live_votes import LiveVotes
from hanoi_desk.app.session import Desk
from hanoi_desk.app.token_access import TokenManager
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.domain.live.roles import role_of
from hanoi_desk.domain.live.state import AttendanceState
from hanoi_desk.server import admin
from hanoi_desk.ui.live_room import RoomNowPanel
from hanoi_desk.ui.live_votes import VotesPanel
from hanoi_desk.ui.prompts import GuiPrompts, PinDialog
from hanoi_desk.ui.qt import QtCore, QtWidgets

PIN_TOKEN = "HANOI-PINTEST"
HOSTILE_TOKEN = "HANOI-HOSTILE"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv-votes")
    with running_server(root / "data", packs_dir=root / "packs", live_heartbeat=0.3) as srv:
        yield srv


@pytest.fixture
def desk(home: Any, fast_kdf: None) -> Desk:
    return Desk(default_vault(home))


def when_pin_dialog(act: Callable[[PinDialog], None]) -> None:
    """Runs ``act`` on the PIN dialog as soon as it shows (a person at the keyboard)."""

    def poll() -> None:
        shown = [
            w
            for w in QtWidgets.QApplication.topLevelWidgets()
            if isinstance(w, PinDialog) and w.isVisible()
        ]
        if shown:
            act(shown[0])
        else:
            QtCore.QTimer.singleShot(50, poll)

    QtCore.QTimer.singleShot(50, poll)


def type_pin(pin: str, seen: list[str]) -> None:
    def answer(dialog: PinDialog) -> None:
        seen.append("\n".join(x.text() for x in dialog.findChildren(QtWidgets.QLabel)))
        dialog.field.setText(pin)
        dialog.accept()

    when_pin_dialog(answer)


class Voter:
    """A client's Votes page, signing with the process's one token manager (as
    the app: one token thread) through the window's PIN dialog (GuiPrompts)."""

    def __init__(self, qtbot: Any, client: Client, manager: TokenManager, module: str) -> None:
        self.client = client
        self.prompts = GuiPrompts(client.runner, lambda: self.panel, "en")
        self.panel = VotesPanel(
            client.room,
            tokens=lambda: manager,
            prompt=lambda: self.prompts,
            key_settings=lambda: ((module,), ()),
        )
        qtbot.addWidget(self.panel)
        self.panel.resize(340, 700)  # the side panel's width at 1366×768
        self.panel.show()
        self.opened: list[str] = []
        self.panel.roundOpened.connect(self.opened.append)

    def choose_key(self, qtbot: Any, token: str) -> None:
        panel = self.panel
        qtbot.waitUntil(lambda: any(k.token == token for k in panel.keys), timeout=WAIT)
        panel.key_box.setCurrentIndex(next(i for i, k in enumerate(panel.keys) if k.token == token))

    def vote(self, qtbot: Any, option: int, pin: str, seen: list[str]) -> None:
        panel = self.panel
        radio = panel.choices.button(option)
        qtbot.waitUntil(radio.isEnabled, timeout=WAIT)
        # On the indicator: a radio takes clicks on its circle and label, not
        # across the whole width the layout stretches it to.
        qtbot.mouseClick(radio, LEFT, pos=QtCore.QPoint(6, radio.height() // 2))
        qtbot.waitUntil(panel.send.isEnabled, timeout=WAIT)
        type_pin(pin, seen)
        qtbot.mouseClick(panel.send, LEFT)


def chair_does(chair: Client, act: Callable[[LiveVotes], Any]) -> Any:
    """A chair's poll command through the app layer, on the chair's net lane."""

    def work() -> Any:
        options = LiveOptions(backoff=fast(), run_timeout=10.0)
        with LiveService(chair.session, options, own_connection=True) as svc:
            return act(LiveVotes(svc))

    return chair.runner.call("net", work)


def close_and_publish(
    qtbot: Any, chair: Client, poll: str, grace: int = 0, closing: Callable[[], None] = lambda: None
) -> None:
    """The closing period (``grace`` seconds; ``closing`` checks the pages while
    it runs), the round closed, then the announcement. The authority's closer
    closes the round when the period ends; after a period of 0 s, should it not
    have yet, the chair's own close does."""
    started = chair_does(chair, lambda v: v.close_poll(poll, M, grace_s=grace))
    assert str(started.command.state) == "applied"
    closing()

    def closed() -> bool:
        found = chair_does(chair, lambda v: v.live.status(M).state.poll(poll))
        return found is not None and str(found.current.status) == "closed"

    if grace == 0 and not closed():
        chair_does(chair, lambda v: v.close_poll(poll, M))
    qtbot.waitUntil(closed, timeout=WAIT)
    assert str(chair_does(chair, lambda v: v.publish_poll(poll, M)).command.state) == "applied"


def open_vote(chair: Client, title: str, *, secret: bool) -> str:
    created = chair_does(chair, lambda v: v.create_poll(M, item="1", title=title, secret=secret))
    assert str(created.command.state) == "applied", created.command
    poll = str(created.command.args["poll"])
    opened = chair_does(chair, lambda v: v.open_poll(poll, M))
    assert str(opened.command.state) == "applied", opened.command
    return poll


def everyone_present(
    qtbot: Any, chair: Client, delegates: tuple[Client, ...], away: tuple[str, ...] = ()
) -> None:
    """The delegates check in on their own page; the chair marks the other
    members present but ``away``, so the quorum holds when the rounds open."""
    for d in delegates:
        panel = d.panel
        assert isinstance(panel, RoomNowPanel)
        qtbot.mouseClick(panel.checkin, LEFT)
    for d in delegates:
        qtbot.waitUntil(
            lambda d=d: (
                d.room.view is not None
                and (me := d.room.view.person(d.room.view.me)) is not None
                and me.attendance is AttendanceState.PRESENT
            ),
            timeout=WAIT,
        )
    view = chair.room.view
    assert view is not None
    others = [
        p.user
        for p in view.people
        if role_of(p.role) is not None
        and p.role not in ("guest", "admin")
        and p.attendance is not AttendanceState.PRESENT
        and p.user not in away
    ]
    for user in others:

        def present(v: LiveVotes, u: str = user) -> Any:
            return v.live.set_attendance(M, u, "present")

        chair_does(chair, present)


def test_a_named_and_a_secret_vote_signed_on_tokens_through_the_panel(
    qtbot: Any, desk: Desk, live: Any, pki: Any
) -> None:
    proxy_mod = _proxy_module()
    cut = threading.Event()

    flipping = threading.Event()

    def flip(data: bytes) -> bytes:
        # A path that changes one choice in what the server sends (one byte).
        return re.sub(rb'("choice":\s*)1', rb"\g<1>0", data, count=1)

    def plan(_n: int) -> Any:
        if flipping.is_set():
            return proxy_mod.Fault(rewrite=flip)
        return proxy_mod.Fault(up_after=0) if cut.is_set() else proxy_mod.NO_FAULT

    # The admin registers each delegate's signing certificate (``server member-cert``).
    new_delegate(live, "uivote1")
    new_delegate(live, "uivote2")
    admin.set_member_certificate(live.server.db, "uivote1", pki.certs["signer"].dump())
    admin.set_member_certificate(live.server.db, "uivote2", pki.certs["hostile"].dump())
    manager = TokenManager()
    port = int(live.base_url.rsplit(":", 1)[1].rstrip("/"))
    with proxy_mod.FaultProxy(port, plan) as proxy:
        chair = Client(qtbot, desk, live.base_url, "chutich", chair=True)
        d1 = Client(qtbot, desk, live.base_url, "uivote1")
        d2 = Client(qtbot, desk, proxy.url, "uivote2")  # the one whose link is cut
        clients = (chair, d1, d2)
        try:
            c, v1, v2 = (Voter(qtbot, x, manager, pki.module) for x in clients)
            qtbot.waitUntil(lambda: all(x.room.online for x in clients), timeout=WAIT)
            qtbot.waitUntil(lambda: all(x.room.view is not None for x in clients), timeout=WAIT)
            # The demo's polls are drafts: listed, none open, nothing to sign.
            qtbot.waitUntil(lambda: v1.panel.list.count() > 0, timeout=WAIT)
            assert not v1.panel.send.isEnabled() and v1.opened == []
            everyone_present(qtbot, chair, (d1, d2))

            # -- a named vote ------------------------------------------------------------
            named = open_vote(chair, "Nghị quyết về dự toán ngân sách 2027", secret=False)
            for v in (c, v1, v2):
                # The page comes forward by itself, showing the open round.
                qtbot.waitUntil(lambda v=v: v.opened == [named], timeout=WAIT)
                qtbot.waitUntil(
                    lambda v=v: v.panel.round_state.text().startswith("Round 1 is open"),
                    timeout=WAIT,
                )
            assert "named" in v1.panel.title.text()
            assert [b.text() for b in v1.panel.choices.buttons()] == ["Đồng ý",
                "Không đồng ý", "Ý kiến khác"]  # fmt: skip
            v1.choose_key(qtbot, PIN_TOKEN)
            v2.choose_key(qtbot, HOSTILE_TOKEN)

            # A wrong PIN: the clear error, nothing signed, the choice kept.
            seen: list[str] = []
            v1.vote(qtbot, 0, "000000", seen)
            qtbot.waitUntil(lambda: "PIN" in v1.panel.message.text(), timeout=WAIT)
            assert v1.panel.choices.checkedId() == 0 and manager.counters.signs == 0
            assert "You have not voted" in v1.panel.ballot.text()
            assert len(seen) == 1 and PIN_TOKEN in seen[0]
            # Again, with the right PIN: counted.
            qtbot.waitUntil(v1.panel.send.isEnabled, timeout=WAIT)
            type_pin(pki.pin, seen)
            qtbot.mouseClick(v1.panel.send, LEFT)
            qtbot.waitUntil(lambda: "Đồng ý — counted" in v1.panel.ballot.text(), timeout=WAIT)
            # A second click: the rules refuse before the token is asked, nothing signed.
            qtbot.waitUntil(v1.panel.send.isEnabled, timeout=WAIT)
            qtbot.mouseClick(v1.panel.send, LEFT)
            qtbot.waitUntil(lambda: "already been counted" in v1.panel.message.text(), timeout=WAIT)
            assert manager.counters.signs == 1 and len(seen) == 2

            # Delegate two loses the connection during the vote: queued, then counted.
            cut.set()
            proxy.cut_all()
            qtbot.waitUntil(lambda: not d2.room.online, timeout=WAIT)
            v2.vote(qtbot, 1, pki.pin, seen)
            qtbot.waitUntil(lambda: "— queued" in v2.panel.ballot.text(), timeout=WAIT)
            assert "Không đồng ý" in v2.panel.ballot.text()
            cut.clear()
            qtbot.waitUntil(lambda: d2.room.online, timeout=WAIT)
            qtbot.waitUntil(
                lambda: "Không đồng ý — counted" in v2.panel.ballot.text(), timeout=WAIT
            )
            # Every page shows the two ballots counted.
            for v in (c, v1, v2):
                qtbot.waitUntil(lambda v=v: "2 ballots counted" in v.panel.round_state.text(),
                                timeout=WAIT)  # fmt: skip

            close_and_publish(qtbot, chair, named)
            for v in (c, v1, v2):
                qtbot.waitUntil(
                    lambda v=v: (
                        "Đồng ý: 1, Không đồng ý: 1, Ý kiến khác: 0" in v.panel.result.text()
                    ),
                    timeout=WAIT,
                )
            assert len({v.panel.result.text().splitlines()[0] for v in (c, v1, v2)}) == 1
            # Published: who voted (a named poll).
            qtbot.waitUntil(lambda: v1.panel.voters.count() == 2, timeout=WAIT)
            assert {v1.panel.voters.item(i).text() for i in range(2)} == {
                "Đại biểu uivote1",
                "Đại biểu uivote2",
            }
            # Verify: the bulletin fetched, recounted, my ballot found in it.
            assert v1.panel.verify_button.isVisible()
            qtbot.mouseClick(v1.panel.verify_button, LEFT)
            qtbot.waitUntil(lambda: v1.panel.report.text().startswith("Verified"), timeout=WAIT)
            assert "2 ballots" in v1.panel.report.text()
            assert "1 of my ballots" in v1.panel.report.text()
            # The same check through a path that changes a choice: each failure shown.
            flipping.set()
            qtbot.mouseClick(v2.panel.verify_button, LEFT)
            qtbot.waitUntil(
                lambda: v2.panel.report.text().startswith("Verification failed:"), timeout=WAIT
            )
            flipping.clear()
            failed = v2.panel.report.text()
            assert "does not add up" in failed and "is not in the bulletin" in failed

            # -- a secret vote -------------------------------------------------------------
            secret = open_vote(chair, "Bầu Trưởng ban Pháp chế", secret=True)
            for v in (c, v1, v2):
                qtbot.waitUntil(lambda v=v: v.opened == [named, secret], timeout=WAIT)
                qtbot.waitUntil(lambda v=v: "secret" in v.panel.title.text(), timeout=WAIT)
            v1.vote(qtbot, 1, pki.pin, seen)
            qtbot.waitUntil(lambda: "— counted" in v1.panel.ballot.text(), timeout=WAIT)
            v2.vote(qtbot, 1, pki.pin, seen)
            qtbot.waitUntil(lambda: "— counted" in v2.panel.ballot.text(), timeout=WAIT)

            def closing() -> None:
                # The grace left, on every page, while the round still takes ballots.
                for v in (c, v1, v2):
                    qtbot.waitUntil(
                        lambda v=v: (
                            "Round 1 is closing: ballots still count for 00:0"
                            in v.panel.round_state.text()
                        ),
                        timeout=WAIT,
                    )
                assert "closing" in v1.panel.list.currentItem().text()

            close_and_publish(qtbot, chair, secret, grace=6, closing=closing)
            for v in (c, v1, v2):
                qtbot.waitUntil(
                    lambda v=v: (
                        "Đồng ý: 0, Không đồng ý: 2, Ý kiến khác: 0" in v.panel.result.text()
                    ),
                    timeout=WAIT,
                )
            assert len({v.panel.result.text().splitlines()[0] for v in (c, v1, v2)}) == 1
            assert "Your participation is included" in v1.panel.result.text()
            assert "Your participation" not in c.panel.result.text()  # the chair did not vote
            assert not v1.panel.voters.isVisible()  # a secret poll names nobody's choice

            # One PIN dialog per signature (and the wrong one), one C_Sign per ballot.
            assert len(seen) == 5
            assert manager.counters.signs == 4
        finally:
            for x in clients:
                x.close()
            manager.close()
            manager.thread.close()


def test_a_proxy_votes_for_the_member_who_handed_them_their_vote(
    qtbot: Any, desk: Desk, live: Any, pki: Any
) -> None:
    """The body allows vote delegation; a member hands their vote to a present
    delegate before the round opens: the proxy's page offers "Vote for" with
    that member, and the ballot cast for them is counted for them."""
    admin.set_body_setting(live.server.db, "HĐND quận Đống Đa", "vote-delegation", True)
    new_delegate(live, "uivote3")
    new_delegate(live, "uivote4")
    admin.set_member_certificate(live.server.db, "uivote3", pki.certs["signer"].dump())
    manager = TokenManager()
    chair = Client(qtbot, desk, live.base_url, "chutich", chair=True)
    proxy = Client(qtbot, desk, live.base_url, "uivote3")
    member = Client(qtbot, desk, live.base_url, "uivote4")
    clients = (chair, proxy, member)
    try:
        voter = Voter(qtbot, proxy, manager, pki.module)
        panel = voter.panel
        qtbot.waitUntil(
            lambda: all(x.room.online and x.room.view is not None for x in clients), timeout=WAIT
        )
        assert proxy.room.view is not None and member.room.view is not None
        proxy_id, member_id = proxy.room.view.me, member.room.view.me
        # The member is away (a delegation is used only for a member not in the room).
        everyone_present(qtbot, chair, (proxy,), away=(member_id,))
        member.room.act(lambda s, m: s.delegate(m, proxy_id))
        qtbot.waitUntil(
            lambda: (
                proxy.room.view is not None
                and dict(proxy.room.view.state.delegations).get(member_id) == proxy_id
            ),
            timeout=WAIT,
        )
        poll = open_vote(chair, "Nghị quyết về giá đất", secret=False)
        qtbot.waitUntil(lambda: voter.opened[-1:] == [poll], timeout=WAIT)
        qtbot.waitUntil(lambda: panel.for_box.count() == 2, timeout=WAIT)
        assert panel.for_box.isVisibleTo(panel)
        assert [panel.for_box.itemText(i) for i in range(2)] == ["myself", "Đại biểu uivote4"]
        voter.choose_key(qtbot, PIN_TOKEN)
        panel.for_box.setCurrentIndex(panel.for_box.findData(member_id))
        seen: list[str] = []
        voter.vote(qtbot, 0, pki.pin, seen)
        qtbot.waitUntil(
            lambda: "My ballot (Đại biểu uivote4): Đồng ý — counted" in panel.ballot.text(),
            timeout=WAIT,
        )
        assert len(seen) == 1 and manager.counters.signs == 1
        close_and_publish(qtbot, chair, poll)
    finally:
        for x in clients:
            x.close()
        manager.close()
        manager.thread.close()


def test_the_window_shows_the_votes_page_when_a_round_opens(qtbot: Any, deskapp: Any) -> None:
    """The window's wiring: the page's "a round opened" (which the test above
    sees fire when the chair opens a round) shows the Votes page in the side
    panel, with no modal and the keyboard focus left where it was."""
    unlock(qtbot, deskapp)
    main = deskapp.main
    main.side.show_page("notes")
    main.activateWindow()
    main.reader.view.setFocus()
    qtbot.waitUntil(lambda: QtWidgets.QApplication.focusWidget() is not None, timeout=WAIT)
    before = QtWidgets.QApplication.focusWidget()
    main.votes.roundOpened.emit("p-1")
    assert main.side.current() == "votes" and main.votes.isVisibleTo(main.side)
    assert QtWidgets.QApplication.activeModalWidget() is None
    assert QtWidgets.QApplication.focusWidget() is before


def test_the_demo_software_key_is_named_once_as_demo(tmp_path: Path) -> None:
    """The screenshot review (issue 16): the key read "Nguyễn Văn An (DEMO) (DEMO)"
    (the demo certificate's name already says DEMO). A real software key file."""
    from hanoi_desk.app.token_access import TokenManager
    from hanoi_desk.demo.kit import make_software_key
    from hanoi_desk.ui.live_votes import key_entries

    key = make_software_key(tmp_path / "softkey")
    manager = TokenManager()
    try:
        entries, _problems = key_entries(manager, (), (key.module,))
    finally:
        manager.close()
        manager.thread.close()
    soft = [e.text for e in entries if e.software_key]
    assert len(soft) == 1
    assert soft[0].count("DEMO") == 1, soft
