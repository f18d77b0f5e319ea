"""An administrative change to a meeting (feed.republish_meeting) keeps its
signed copies (docs/server-uploads.md, "Who sees a signature"): over real HTTP
(SQLite and PostgreSQL), the secretariat still has an accepted signature after
the meeting is republished, a secretary who loses the role gets a tombstone,
and a signer removed from the meeting keeps their own."""

from __future__ import annotations

from tests.server.api import Api, Session
from tests.server.ballots import make_signer
from tests.server.live import LiveServer
from tests.server.test_signature_visibility import BODY, _submit

from hanoi_desk import protocol as p
from hanoi_desk.protocol.signatures import SIGNED_COPY
from hanoi_desk.server import admin
from hanoi_desk.server.demo import COUNCIL_ID
from hanoi_desk.server.feed import republish_meeting


def _copies(s: Session, cursor: str = "") -> tuple[dict[str, str], str]:
    """The signed copies and their tombstones in ``s``'s feed after ``cursor``: id -> type."""
    changes, after = s.pull_all(cursor)
    seen = {c.id: c.type for c in changes if c.type == SIGNED_COPY}
    seen |= {c.id: c.type for c in changes
             if c.type == p.TOMBSTONE and c.data.get("type") == SIGNED_COPY}  # fmt: skip
    return seen, after


def _held(s: Session) -> set[str]:
    """The signed copies a fresh pull gives ``s`` (a new device's view)."""
    return {i for i, kind in _copies(s)[0].items() if kind == SIGNED_COPY}


def test_republishing_keeps_signed_copies_for_who_is_still_entitled(live: LiveServer) -> None:
    signer = make_signer("Đại biểu ký")
    admin.add_trust_root(live.server.db, BODY, signer.cert_der)
    admin.set_member_certificate(live.server.db, "daibieu", signer.cert_der)
    with Api(live.base_url) as api:
        delegate = api.login("daibieu")
        version = next(v for v in delegate.versions().values()
                       if v.meeting_id == COUNCIL_ID and v.superseded_by is None)  # fmt: skip
        accepted = _submit(delegate, version, signer)
        assert accepted.status == p.APPLIED and accepted.result is not None
        sig_id = str(accepted.result["signature_id"])
        secretary, chair = api.login("thuky"), api.login("chutich")
        seen, cursor = _copies(secretary)
        assert seen == {sig_id: SIGNED_COPY}
        _, chair_cursor = _copies(chair)
        _, signer_cursor = _copies(delegate)

        # Any administrative change republishes the meeting: nothing moves for the copy.
        with live.server.db.write() as session:
            republish_meeting(session, COUNCIL_ID)
        assert _copies(secretary, cursor)[0] == {}
        assert _held(api.login("thuky")) == {sig_id}  # a fresh pull

        # The secretary becomes a delegate: no longer the secretariat, so a tombstone.
        admin.set_participant(live.server.db, COUNCIL_ID, "thuky", "delegate")
        assert _copies(secretary, cursor)[0] == {sig_id: p.TOMBSTONE}
        assert _held(api.login("thuky")) == set()
        assert _copies(chair, chair_cursor)[0] == {}  # the chair keeps it
        assert _held(api.login("chutich")) == {sig_id}

        # The signer removed from the meeting keeps their own signature's record.
        admin.set_participant(live.server.db, COUNCIL_ID, "daibieu", None)
        assert _copies(delegate, signer_cursor)[0] == {}
        assert _held(api.login("daibieu")) == {sig_id}

        # Made secretary again, thuky receives the copy again.
        admin.set_participant(live.server.db, COUNCIL_ID, "thuky", "secretary")
        assert _held(api.login("thuky")) == {sig_id}
