"""The votes in the chair's console against the real server on 127.0.0.1
(issue 16): a chair and two delegates, each with a real SQLCipher profile, a
task runner of their own and the real panels (tests/ui/test_live_room.py's
``Client``). The chair creates a vote from an agenda item, opens it, watches
who has not voted, closes and announces it; the projector shows the result.

The delegate's ballot goes through the app layer (``LiveVotes.vote``: the
rules, one signature, the outbox, the live lane) on that delegate's own live
controller, signed with the demo's software key whose certificate the admin
registered for them: the delegate's vote panel is built by another part of
issue 16 at the same time. Nothing is mocked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_live_room import Client, new_delegate
from ui_helpers import LEFT, WAIT

from hanoi_desk.app.live import LiveOutcome, LiveService
from hanoi_desk.app.live_votes import KeyChoice, LiveVotes
from hanoi_desk.app.session import Desk
from hanoi_desk.app.wiring import default_vault
from hanoi_desk.demo.kit import DEMO_KEY_PASSPHRASE, make_software_key
from hanoi_desk.domain.live.state import AttendanceState
from hanoi_desk.signing.pin import PinState
from hanoi_desk.ui.live_polls import TITLE_ROLE, PollsPanel
from hanoi_desk.ui.live_room import ChairConsole, RoomNowPanel
from hanoi_desk.ui.projector import ProjectorWindow


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tests.server.live import running_server

    root = tmp_path_factory.mktemp("srv-polls")
    with running_server(root / "data", packs_dir=root / "packs", live_heartbeat=0.3) as srv:
        yield srv


@pytest.fixture
def desk(home: Path, fast_kdf: None) -> Desk:
    return Desk(default_vault(home))


class DemoPassphrase:
    """The delegate typing the demo software key's (published) passphrase."""

    def pin(self, token: str, state: PinState) -> str:
        return DEMO_KEY_PASSPHRASE


def mark(chair: Client, user: str, state: str) -> None:
    """The chair sets a member's attendance (the console's "Set", through its room)."""
    chair.room.act(lambda svc, meeting: svc.set_attendance(meeting, user, state))


def seen(polls: PollsPanel) -> str:
    """What the console shows, for a failure's message."""
    shown = (polls.state, polls.counts, polls.result, polls.message)
    return " | ".join(w.text() for w in shown) + f" | not voted {texts(polls.not_voted)}"


def texts(widget: Any) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def test_the_chair_runs_a_vote_from_the_console(
    qtbot: Any, desk: Desk, live: Any, tmp_path: Path
) -> None:
    from hanoi_desk.server import admin

    demo_key = make_software_key(tmp_path / "softkey")
    new_delegate(live, "pollvoter1")
    new_delegate(live, "pollvoter2")
    admin.set_member_certificate(live.server.db, "pollvoter1", demo_key.certificate)
    chair = Client(qtbot, desk, live.base_url, "chutich", chair=True)
    d1 = Client(qtbot, desk, live.base_url, "pollvoter1")
    d2 = Client(qtbot, desk, live.base_url, "pollvoter2")
    everyone = (chair, d1, d2)
    try:
        console = chair.panel
        assert isinstance(console, ChairConsole)
        polls = console.polls
        assert isinstance(polls, PollsPanel)
        qtbot.waitUntil(lambda: all(c.room.online and c.room.view for c in everyone), timeout=WAIT)
        for d in (d1, d2):
            panel = d.panel
            assert isinstance(panel, RoomNowPanel)
            qtbot.mouseClick(panel.checkin, LEFT)
        # The quorum (two thirds of the eight members): the chair marks the demo's
        # other members present (their laptops never connect: "silent").
        view = chair.room.view
        assert view is not None
        voters = {d1.room.view.me, d2.room.view.me}  # type: ignore[union-attr]
        others = [p.user for p in view.people
                  if p.role in ("delegate", "secretary") and p.user not in voters]  # fmt: skip
        for user in others:
            mark(chair, user, "present")
        attending = [*others, *voters]

        def present(c: Client) -> bool:
            seen = c.room.view
            return seen is not None and all(
                (p := seen.person(u)) is not None and p.attendance is AttendanceState.PRESENT
                for u in attending
            )

        qtbot.waitUntil(lambda: present(chair), timeout=WAIT)
        assert "quorum met" in console.presence.text()
        names = {p.user: p.name for p in view.people}
        one, two = (names[d.room.view.me] for d in (d1, d2))  # type: ignore[union-attr]

        # The demo's drafts (created, never opened) are listed, as the chair's
        # live state holds them (caught up: the attendance came after them).
        assert chair.room.view is not None
        drafts = len(chair.room.view.state.polls)
        assert drafts > 0
        qtbot.waitUntil(lambda: polls.poll_box.count() == drafts, timeout=WAIT)

        # Create from the agenda: the item's title comes with it.
        qtbot.mouseClick(polls.new_poll, LEFT)
        assert polls.create_form.isVisible()
        qtbot.waitUntil(lambda: polls.item_box.count() > 0, timeout=WAIT)
        polls.item_box.setCurrentIndex(polls.item_box.count() - 1)
        item_title = polls.item_box.currentData(TITLE_ROLE)
        assert item_title and polls.title_edit.text() == item_title
        assert polls.options_edit.toPlainText().splitlines() == [
            "Đồng ý", "Không đồng ý", "Ý kiến khác",
        ]  # fmt: skip
        qtbot.mouseClick(polls.create_button, LEFT)
        qtbot.waitUntil(lambda: polls.poll_box.count() == drafts + 1, timeout=WAIT)
        created = polls.current()
        assert created is not None and created.title == item_title
        assert created.item == polls.item_box.currentData()
        qtbot.waitUntil(lambda: "not opened yet" in polls.state.text(), timeout=WAIT)
        # Announcing before a round was even closed: off, and it says why not.
        assert polls.buttons["open"].isEnabled()
        assert not polls.buttons["publish"].isEnabled()

        qtbot.mouseClick(polls.buttons["open"], LEFT)
        entitled = console.quorum(console.view)[0]  # type: ignore[arg-type]
        try:
            qtbot.waitUntil(
                lambda: polls.counts.text() == f"Ballots received: 0 of {entitled} entitled",
                timeout=WAIT,
            )
        except Exception:
            raise AssertionError(seen(polls)) from None
        qtbot.waitUntil(lambda: {one, two} <= set(texts(polls.not_voted)), timeout=WAIT)
        assert len(texts(polls.not_voted)) == entitled
        # The demo members' laptops never spoke to the room; the delegates' follow it.
        qtbot.waitUntil(lambda: polls.silent.count() == len(others), timeout=WAIT)
        assert not {one, two} & set(texts(polls.silent))
        # Open again is nothing to do; announcing an open round is not allowed, and says why.
        assert not polls.buttons["open"].isEnabled()
        assert not polls.buttons["publish"].isEnabled()
        assert "not in a state that allows this" in polls.buttons["publish"].toolTip()
        assert polls.buttons["close"].isEnabled()

        # Delegate one votes "Đồng ý" through the app layer, on their own profile.
        poll_id = created.id
        key = KeyChoice(demo_key.module, "", software_key=True)

        def vote(svc: LiveService, meeting: str) -> LiveOutcome:
            with LiveVotes(svc) as votes:
                return votes.vote(poll_id, "1", key=key, prompt=DemoPassphrase(),
                                  meeting=meeting).outcome  # fmt: skip

        d1.room.act(vote)
        qtbot.waitUntil(lambda: one not in texts(polls.not_voted), timeout=WAIT)
        assert texts(polls.not_voted).count(two) == 1
        assert len(texts(polls.not_voted)) == entitled - 1
        qtbot.waitUntil(
            lambda: polls.counts.text() == f"Ballots received: 1 of {entitled} entitled",
            timeout=WAIT,
        )

        # The chair closes with no closing period; the authority closes the round.
        polls.seconds.setValue(0)
        qtbot.mouseClick(polls.buttons["close"], LEFT)
        qtbot.waitUntil(lambda: "round 1 closed" in polls.state.text(), timeout=WAIT)
        qtbot.waitUntil(lambda: polls.result.text() != "", timeout=WAIT)
        result = polls.result.text()
        assert result.startswith("Result of round 1 (not announced yet)")
        assert "Đồng ý: 1 · Không đồng ý: 0 · Ý kiến khác: 0" in result
        assert not polls.not_voted.isVisible() and polls.counts.text() == ""
        projector = ProjectorWindow(chair.room)
        qtbot.addWidget(projector)
        projector.show()
        qtbot.waitUntil(lambda: item_title in projector.big.text(), timeout=WAIT)
        assert "Not passed" in projector.big.text()  # 1 of 8 members
        assert projector.detail.text().splitlines() == [
            "Result not announced yet",
            "Đồng ý: 1 · Không đồng ý: 0 · Ý kiến khác: 0",
        ]
        assert projector.big.font().pointSizeF() > 2 * polls.font().pointSizeF()

        # Announce: final on the console and on the projector; no new round after it.
        assert polls.buttons["publish"].isEnabled()
        qtbot.mouseClick(polls.buttons["publish"], LEFT)
        qtbot.waitUntil(lambda: polls.result.text().startswith("Final result of round 1"),
                        timeout=WAIT)  # fmt: skip
        assert "round 1 announced: final" in polls.state.text()
        qtbot.waitUntil(lambda: projector.detail.text().startswith("Final result\n"),
                        timeout=WAIT)  # fmt: skip
        assert not polls.buttons["open"].isEnabled() and not polls.buttons["publish"].isEnabled()

        # A refusal only the authority can give: a second vote opened once the
        # members have left (the console does not trust its own quorum count).
        for user in others:
            mark(chair, user, "left")
        qtbot.waitUntil(lambda: "no quorum" in console.presence.text(), timeout=WAIT)
        polls.new_poll.setChecked(True)
        polls.title_edit.setText("Nghị quyết về giá đất")
        qtbot.mouseClick(polls.create_button, LEFT)
        qtbot.waitUntil(lambda: polls.poll_box.count() == drafts + 2, timeout=WAIT)
        assert polls.poll_box.currentText() == "Nghị quyết về giá đất (named)"  # the new one
        assert polls.buttons["open"].isEnabled()
        qtbot.mouseClick(polls.buttons["open"], LEFT)
        qtbot.waitUntil(lambda: "fewer members are present" in polls.message.text(), timeout=WAIT)
        assert "not in a state" not in polls.message.text()
        assert console.message.text() == ""  # told beside the vote, not at the top
        projector.close()
    finally:
        for c in everyone:
            c.close()
