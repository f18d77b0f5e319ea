"""``hanoi-desk live agenda ITEM [--meeting M]`` against the real server: the
chair makes an agenda item current by its number or by its id, a wrong item
and a missing meeting are told before anything is queued, a delegate may not,
and ``live status`` shows the current item to everyone (docs/live-meetings.md)."""

from __future__ import annotations

from pathlib import Path

from test_live_cli import as_json, live_cli
from test_live_client import M, new_delegate, server_state, sign_in
from tests.server.live import LiveServer

from hanoi_desk.app.session import Desk
from hanoi_desk.server.packs import agenda_item_id

ITEM_2 = agenda_item_id(M, 2, "hdnd-dongda-ky12.2")
ITEM_3 = agenda_item_id(M, 3, "hdnd-dongda-ky12.3")


def test_the_chair_moves_the_agenda_and_everyone_sees_it(
    live: LiveServer, desk: Desk, home: Path
) -> None:
    delegate = sign_in(desk, live.base_url, new_delegate(live, "cli-agenda"))
    chair = sign_in(desk, live.base_url, "chutich", "cli-agenda-chair")
    status = as_json(live_cli(home, delegate, "status", M, "--json"))
    assert status["current_item"] is None

    done = live_cli(home, chair, "agenda", "2", "--meeting", M, "--json")
    assert done.returncode == 0, done.stderr
    command = as_json(done)["command"]
    assert (command["kind"], command["args"], command["state"]) == (
        "agenda.current",
        {"item": ITEM_2},
        "applied",
    )
    assert server_state(live).current_item == ITEM_2

    # By its id the item names its meeting; text output says where the command stands.
    done = live_cli(home, chair, "agenda", ITEM_3)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("current agenda item [") and ": applied" in done.stdout
    assert server_state(live).current_item == ITEM_3

    # Told at once, nothing queued: an item the agenda lacks, a number without its
    # meeting, a delegate moving the agenda.
    done = live_cli(home, chair, "agenda", "9", "--meeting", M)
    assert done.returncode == 1 and "has no agenda item “9”" in done.stderr
    done = live_cli(home, chair, "agenda", "2")
    assert done.returncode == 1 and "--meeting" in done.stderr
    done = live_cli(home, delegate, "agenda", "2", "--meeting", M)
    assert done.returncode == 1
    assert "Your role in this meeting does not allow this." in done.stderr
    for who in (chair, delegate):
        assert as_json(live_cli(home, who, "status", M, "--json", "--offline"))["queued"] == []
    assert server_state(live).current_item == ITEM_3

    status = as_json(live_cli(home, delegate, "status", M, "--json"))
    assert status["current_item"] == {
        "id": ITEM_3,
        "number": 3,
        "title": "Phương án đầu tư xây dựng trường trung học cơ sở Láng Thượng",
    }
    text = live_cli(home, delegate, "status", M, "--offline").stdout
    assert (
        "Current agenda item: 3. Phương án đầu tư xây dựng trường trung học cơ sở Láng Thượng"
        in text
    )
