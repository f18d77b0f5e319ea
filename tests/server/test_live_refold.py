"""A restarted server's first live command after a long log does not fold the
whole log inside its write transaction (docs/server-live.md, "Folded state
cache"): on SQLite that held the database's only write lock for every writer.

The long log is built through the rules in one transaction (``execute`` and the
authority's own append), not over HTTP, so the test stays fast; the command is
then decided by a fresh ``Authority`` — a restarted process with an empty cache.
Events folded are counted, not timed.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.server.live import LiveServer

from hanoi_desk import protocol as p
from hanoi_desk.domain.live.roles import Role
from hanoi_desk.domain.live.rules import Command, execute
from hanoi_desk.server.auth import Principal
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.live import Authority, head_of, roster_of
from hanoi_desk.server.models import User

LONG = 3000


def user_id_of(session: Session, username: str) -> str:
    found = session.scalar(select(User.id).where(User.username == username))
    assert found is not None
    return found


def test_the_first_command_after_a_restart_folds_only_recent_rows_under_the_lock(
    live_limited: LiveServer,
) -> None:
    db = live_limited.server.db
    builder = Authority(db, committed=lambda _m: None)
    with db.write() as session:
        chair = user_id_of(session, "chutich")
        target = user_id_of(session, "daibieu")
        roster = roster_of(session, COUNCIL_ID)
        state = builder.cache.get(session, COUNCIL_ID, head_of(session, COUNCIL_ID))
        at = state.head_at
        for n in range(LONG):
            args = {"user": target, "state": "left" if n % 2 == 0 else "present"}
            state, events = execute(state, chair, Role.CHAIR, Command("attendance.set", args),
                                    at + n, roster=roster)  # fmt: skip
            builder._append_events(session, COUNCIL_ID, events)
    assert state.head_seq > LONG
    restarted = Authority(db, committed=lambda _m: None)
    command = Command("attendance.set", {"user": target, "state": "left"})
    done = restarted.run(Principal(chair, "laptop"), COUNCIL_ID, op_id=uuid.uuid4().hex,
                         command=command)  # fmt: skip
    assert done.status == p.APPLIED and done.seqs == (state.head_seq + 1,)
    assert restarted.cache.folded >= state.head_seq  # folded once, from a read snapshot …
    assert restarted.folded_under_lock < 10  # … not inside the write transaction
