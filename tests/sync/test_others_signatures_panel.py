"""Others' accepted signatures in the desktop's signatures panel
(ui/signatures_panel.py, docs/server-uploads.md): over the real server on
127.0.0.1 and real SQLCipher profiles, a delegate's signature the server
accepted shows in the secretary's panel for that version after the
secretary's next sync ("Signed by NAME on DATE — accepted by the server (file
hash …)"), and not in another delegate's. The panels are real Qt widgets
with their own task runner (the db lane owns each profile's connection) and
the window's change feed wiring; nothing is mocked."""

from __future__ import annotations

import hashlib
from typing import Any

from sync_helpers import server_bytes
from tests.server.ballots import make_signer, sign_pdf
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.signatures import others_signatures
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.app.workspace import Workspace
from hanoi_desk.domain.states import OutboxState
from hanoi_desk.server import admin, models
from hanoi_desk.store.replica import Replica
from hanoi_desk.ui.changes import ChangeFeed
from hanoi_desk.ui.signatures_panel import SignaturesPanel
from hanoi_desk.ui.tasks import TaskRunner
from helpers import FixedPrompt, raw_sql

WAIT = 30_000


class Reader:
    """One member's desktop: a profile opened on its runner's db lane, the
    window's change feed, and the signatures panel subscribed as the reader's is."""

    def __init__(self, qtbot: Any, desk: Desk, live: Any, user: str) -> None:
        self.live, self.user = live, user
        desk.create(user, FixedPrompt())
        self.runner = TaskRunner()
        self.session: Session = self.runner.call(
            "db", lambda: desk.open(user, FixedPrompt(), "passphrase")
        )
        self.ws = Workspace(self.session, on_db=self.runner.call_db)
        self.feed = ChangeFeed(self.ws.changes, self.runner)
        self.panel = SignaturesPanel(self.runner, lambda: self.ws, lambda: [], "en")
        self.feed.subscribe(("signatures", "outbox"), self.panel.load_mine)  # as reader_panel
        qtbot.addWidget(self.panel)
        self.panel.show()

    def sync(self) -> None:
        options = SyncOptions(server=self.live.base_url, username=self.user,
                              password=lambda: DEMO_PASSWORD)  # fmt: skip
        self.runner.call("db", lambda: SyncService(self.session, options).run())

    def open_version(self, version_id: str) -> None:
        (doc,) = self.runner.call(
            "db", lambda: self.session.cache.repos.documents.versions([version_id])
        )
        self.panel.show_document(doc)

    def close(self) -> None:
        self.feed.close()
        self.runner.call("db", self.session.close)
        self.runner.shutdown()


def _sync(live: Any, s: Session, user: str) -> None:
    SyncService(s, SyncOptions(server=live.base_url, username=user,
                               password=lambda: DEMO_PASSWORD)).run()  # fmt: skip


def test_a_delegates_accepted_signature_shows_in_the_secretarys_panel_only(
    qtbot: Any, live: Any, desk: Desk, session: Session, replica: Replica
) -> None:
    _sync(live, session, "demo")  # the delegate
    version = (
        raw_sql(replica)
        .execute("SELECT id FROM document_versions WHERE superseded_by IS NULL ORDER BY id LIMIT 1")
        .fetchone()[0]
    )
    with live.server.db.read() as s:
        row = s.get(models.DocumentVersion, version)
        assert row is not None
        sha = row.sha256
        name = admin.user_by_name(s, "demo").display_name
    secretary = Reader(qtbot, desk, live, "thuky")
    delegate = Reader(qtbot, desk, live, "daibieu2")
    try:
        for r in (secretary, delegate):
            r.sync()
            r.open_version(version)
        qtbot.waitUntil(lambda: secretary.panel.doc is not None, timeout=WAIT)
        assert not secretary.panel.others_label.isVisibleTo(secretary.panel)  # nothing signed yet

        signer = make_signer("Người ký của hội đồng")
        admin.add_trust_root(live.server.db, "HĐND quận Đống Đa", signer.cert_der)
        admin.set_member_certificate(live.server.db, "demo", signer.cert_der)
        signed = sign_pdf(signer, server_bytes(live, sha))
        replica.queue_signature(version, signed)
        _sync(live, session, "demo")
        assert not replica.cache.outbox((OutboxState.REJECTED,))  # the server accepted it

        for r in (secretary, delegate):
            r.sync()  # the sync's changes reach the panel through the change feed
        shown = secretary.panel.others_label
        qtbot.waitUntil(lambda: shown.isVisibleTo(secretary.panel), timeout=WAIT)
        digest = hashlib.sha256(signed).hexdigest()
        assert shown.text().startswith(f"Signed by {name} on ")
        assert shown.text().endswith(f" — accepted by the server (file hash {digest[:16]}…)")
        # The other delegate's profile holds none (what its panel loads), and shows none.
        cache = delegate.session.cache
        assert delegate.runner.call("db", lambda: others_signatures(cache, version)) == []
        assert delegate.panel.others == [] and delegate.panel.others_label.text() == ""
        assert not delegate.panel.others_label.isVisibleTo(delegate.panel)
    finally:
        secretary.close()
        delegate.close()


def test_a_signers_name_from_the_server_is_shown_as_plain_escaped_text(qtbot: Any) -> None:
    """The name is the server's text: control characters escaped, a "%2" in it
    left as typed (filled in last), the date and hash ours."""
    from hanoi_desk.domain.signatures import SignedCopy
    from hanoi_desk.ui.signature_status import copy_text

    copy = SignedCopy("c1", "v1", "m1", "u1", "Lê\x1b[2J Văn %2 <b>An</b>", "ab" * 32, 10,
                      1_760_000_000)  # fmt: skip
    text = copy_text(copy)
    assert "\x1b" not in text and "Văn %2 <b>An</b> on " in text
    assert text.endswith("(file hash abababababababab…)")
