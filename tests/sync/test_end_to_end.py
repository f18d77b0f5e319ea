"""The real reference server over HTTP on 127.0.0.1 and real SQLCipher profiles."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_helpers import cache_bytes, fast_backoff, server_bytes
from tests.server.live import DEMO_PASSWORD

from hanoi_desk.app.session import Desk, Session
from hanoi_desk.app.sync_service import SyncOptions, SyncService
from hanoi_desk.server import models
from hanoi_desk.server.mutations import comment_row_id
from hanoi_desk.store.replica import Replica
from hanoi_desk.sync.events import BlobProgress, QueueChanged, StateChanged, Synced, SyncState
from hanoi_desk.sync.faults import AuthFailed, Transient
from helpers import PASSPHRASE, FixedPrompt, raw_sql, run_cli

COUNCIL = "hdnd-dongda-ky12"
WARD = "ubnd-langha-giaoban"


def service(session: Session, url: str, user: str = "demo", **kw: Any) -> SyncService:
    password = kw.pop("password", DEMO_PASSWORD)
    options = SyncOptions(
        server=url,
        username=user,
        password=(lambda: password) if password is not None else None,
        backoff=kw.pop("backoff", fast_backoff()),
    )
    return SyncService(session, options, **kw)


def server_versions(live: Any, meeting: str) -> dict[str, str]:
    """version id -> sha256 of every version of ``meeting`` on the server."""
    with live.server.db.read() as s:
        rows = s.execute(
            select(models.DocumentVersion.id, models.DocumentVersion.sha256)
            .join(models.Document, models.Document.id == models.DocumentVersion.document_id)
            .where(models.Document.meeting_id == meeting)
        ).all()
    return {r[0]: r[1] for r in rows}


def test_first_sync_makes_every_visible_document_byte_identical(
    live: Any, session: Session, replica: Replica
) -> None:
    events: list[Any] = []
    report = service(session, live.base_url, listener=events.append).run()
    expected = server_versions(live, COUNCIL)
    local = dict(raw_sql(replica).execute("SELECT id, sha256 FROM document_versions").fetchall())
    assert local == expected
    assert report.downloaded == len(set(expected.values()))
    for sha in set(expected.values()):
        assert cache_bytes(replica, sha) == server_bytes(live, sha)
    assert (
        raw_sql(replica).execute("SELECT MIN(available) FROM document_versions").fetchone()[0] == 1
    )
    # Only the meeting "demo" takes part in; the ward briefing never reaches this profile.
    meetings = [r[0] for r in raw_sql(replica).execute("SELECT id FROM meetings")]
    assert meetings == [COUNCIL]
    assert not set(server_versions(live, WARD)) & set(local)
    # The superseded draft is kept beside its successor.
    old = (
        raw_sql(replica)
        .execute("SELECT id, superseded_by FROM document_versions WHERE superseded_by IS NOT NULL")
        .fetchall()
    )
    assert len(old) == 1 and old[0][1] in local
    # Downloaded documents are searchable with or without accents.
    assert session.search("ngan sach")
    states = [e.state for e in events if isinstance(e, StateChanged)]
    assert states == [SyncState.CONNECTING, SyncState.SYNCING, SyncState.UP_TO_DATE]
    assert any(isinstance(e, BlobProgress) and e.done == e.total for e in events)
    assert sum(isinstance(e, Synced) for e in events) == 1


def _signed_copy(live: Any, version_id: str) -> bytes:
    """A real signature of the version (the server judges it: docs/server-uploads.md)
    by a key the council trusts, about 300 KB (an unreferenced stream in its update)
    so that the upload takes several chunks."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from tests.server.ballots import make_signer, sign_pdf

    from hanoi_desk.server import admin

    signer = make_signer("Người ký thử đồng bộ")
    admin.add_trust_root(live.server.db, "HĐND quận Đống Đa", signer.cert_der)
    with live.server.db.read() as s:
        sha = s.get(models.DocumentVersion, version_id).sha256

    def pad(writer: IncrementalPdfFileWriter) -> None:
        writer.add_object(generic.StreamObject(stream_data=os.urandom(300_000)))

    return sign_pdf(signer, server_bytes(live, sha), before=pad)


def test_queued_actions_go_up_once_and_the_next_sync_is_a_no_op(
    live: Any, session: Session, replica: Replica
) -> None:
    svc = service(session, live.base_url)
    svc.run()
    version = (
        raw_sql(replica)
        .execute("SELECT id FROM document_versions WHERE superseded_by IS NULL ORDER BY id LIMIT 1")
        .fetchone()[0]
    )
    comment_id = uuid.uuid4().hex
    ops = [
        replica.enqueue(
            "comment.add",
            {"comment_id": comment_id, "document_version_id": version, "text": "Đề nghị bổ sung"},
        ),
        replica.enqueue("vote.cast", {"motion": "m1", "choice": "yes"}),
        replica.queue_signature(version, _signed_copy(live, version)),
    ]
    events: list[Any] = []
    svc.listener = events.append
    report = svc.run()
    assert report.pushed == 2 and report.uploaded == 1
    assert report.rejected == [(ops[1], "unknown_kind")]  # reported, and it did not block
    assert [e.queued for e in events if isinstance(e, QueueChanged)] == [3, 1, 0]
    states = {e.op_id: e.state for e in replica.cache.outbox(("done", "rejected"))}
    assert states == {ops[0]: "done", ops[1]: "rejected", ops[2]: "done"}
    with live.server.db.read() as s:
        record = s.scalars(
            select(models.MutationRecord).where(models.MutationRecord.op_id == ops[0])
        ).one()
        # The server scopes the client's comment id to its author.
        server_id = comment_row_id(record.user_id, comment_id)
        assert s.scalar(select(func.count()).where(models.Comment.id == server_id)) == 1
        sigs = s.scalars(
            select(models.Signature).where(models.Signature.document_version_id == version)
        ).all()
    assert len(sigs) == 1
    assert server_bytes(live, sigs[0].sha256) == cache_bytes(replica, sigs[0].sha256)
    # Our own comment came back in the feed before the run ended.
    assert raw_sql(replica).execute("SELECT COUNT(*) FROM comments").fetchone()[0] >= 1
    again = svc.run()
    assert (again.pulled, again.pushed, again.downloaded, again.uploaded) == (0, 0, 0, 0)
    assert again.transfer.requests == 0


def test_an_unreachable_server_reports_offline_and_keeps_the_queue(
    session: Session, replica: Replica
) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    op = replica.enqueue(
        "comment.add", {"comment_id": "k1", "document_version_id": "v", "text": "x"}
    )
    events: list[Any] = []
    svc = service(session, f"http://127.0.0.1:{port}", listener=events.append)
    with pytest.raises(Transient):
        svc.run()
    last = [e for e in events if isinstance(e, StateChanged)][-1]
    assert last.state is SyncState.OFFLINE and str(port) in last.reason
    assert [e.op_id for e in replica.cache.outbox()] == [op]


def test_expired_tokens_refresh_then_sign_in_again(
    live: Any, session: Session, replica: Replica
) -> None:
    svc = service(session, live.base_url)
    svc.run()
    server = svc.server()
    with replica.cache.transaction() as c:
        c.execute("UPDATE sync_accounts SET access_token = 'stale'")
    svc.run()  # a 401, one refresh, then on
    fresh = replica.account(server)
    assert fresh is not None and fresh.access_token != "stale"
    with replica.cache.transaction() as c:
        c.execute("UPDATE sync_accounts SET access_token = 'stale', refresh_token = 'stale'")
    svc.run()  # refresh refused too: signs in again with the password
    without_password = service(session, live.base_url, password=None)
    with replica.cache.transaction() as c:
        c.execute("UPDATE sync_accounts SET access_token = 'stale', refresh_token = 'stale'")
    with pytest.raises(AuthFailed):
        without_password.run()
    account = replica.account(server)
    assert account is not None and (account.access_token, account.refresh_token) == ("", "")


def test_a_wrong_password_is_one_clear_error(live: Any, session: Session) -> None:
    with pytest.raises(AuthFailed, match="user name or password"):
        service(session, live.base_url, password="wrong-password").run()


def test_a_login_throttle_is_reported_not_retried(live: Any, session: Session) -> None:
    # "khach" (a guest of the demo data set) is used by no other test: its throttle
    # state cannot disturb them.
    messages = []
    for _ in range(7):
        with pytest.raises(AuthFailed) as info:
            service(session, live.base_url, user="khach", password="wrong-password").run()
        messages.append(str(info.value))
        if "refuses sign-in for now" in messages[-1]:
            break
    assert "user name or password" in messages[0]
    assert re.search(r"refuses sign-in for now.*Try again in \d+ seconds", messages[-1]), messages
    assert len(messages) <= 6  # the server's throttle (5 wrong in a row) is reported at once


def test_cli_sync_signs_in_once_then_reuses_the_tokens(live: Any, desk: Desk, home: Path) -> None:
    desk.create("an", FixedPrompt())
    env = dict(os.environ, HANOI_DESK_HOME=str(home), HANOI_DESK_LANG="en")
    first = run_cli(
        "sync", "--profile", "an", "--server", live.base_url, "--user", "demo",
        "--passphrase-stdin", stdin=f"{PASSPHRASE}\n{DEMO_PASSWORD}\n", env=env,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "documents downloaded" in first.stdout
    assert "6 documents downloaded" in first.stdout
    second = run_cli(
        "sync", "--profile", "an", "--passphrase-stdin", stdin=f"{PASSPHRASE}\n", env=env
    )
    assert second.returncode == 0, second.stderr
    assert "Synced: 0 changes, 0 documents downloaded, 0 actions sent" in second.stdout
    desk.create("binh", FixedPrompt())
    bad = run_cli(
        "sync", "--profile", "binh", "--server", live.base_url, "--user", "demo",
        "--passphrase-stdin", stdin=f"{PASSPHRASE}\nnot-the-password\n", env=env,
    )  # fmt: skip
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines()[-1].startswith("hanoi-desk: The server")
    assert "not-the-password" not in bad.stderr + bad.stdout
    insecure = run_cli(
        "sync", "--profile", "binh", "--server", "http://sync.example.vn", "--passphrase-stdin",
        stdin=f"{PASSPHRASE}\n", env=env,
    )  # fmt: skip
    assert insecure.returncode == 1 and "plain HTTP" in insecure.stderr
