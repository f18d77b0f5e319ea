"""Cache schema migrations, one function per version (``PRAGMA user_version``).

Released versions are frozen: never edit a migration once it has shipped; add
the next one. tests/fixtures/ keeps a profile of every released schema, and a
test upgrades each to the newest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Connection = Any  # sqlcipher3.Connection (untyped library)

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT,
    place TEXT NOT NULL DEFAULT '',
    chair TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'scheduled',
    organisation TEXT NOT NULL DEFAULT '',
    retention_until TEXT,
    policy TEXT NOT NULL DEFAULT '{}',
    updated_at TEXT NOT NULL
);

CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    presenter TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position);

CREATE TABLE participants (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    meeting_id TEXT REFERENCES meetings(id) ON DELETE CASCADE,
    agenda_item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('local', 'server')),
    created_at TEXT NOT NULL
);
CREATE INDEX documents_meeting ON documents(meeting_id);

CREATE TABLE document_versions (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER,
    filename TEXT NOT NULL,
    created_at TEXT NOT NULL,
    available INTEGER NOT NULL DEFAULT 0,
    UNIQUE (document_id, version)
);
CREATE INDEX document_versions_sha ON document_versions(sha256);

CREATE TABLE page_text (
    id INTEGER PRIMARY KEY,
    version_id TEXT NOT NULL REFERENCES document_versions(id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    body TEXT NOT NULL,
    UNIQUE (version_id, page)
);
-- Indexed text is folded (diacritics removed, đ → d) by the application, so a
-- query typed without accents finds Vietnamese text; page_text keeps the original
-- for snippets.
CREATE VIRTUAL TABLE page_fts USING fts5(folded, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE annotations (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    page INTEGER NOT NULL,
    quote TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    geometry TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX annotations_document ON annotations(document_id);

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'done', 'rejected')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    result TEXT
);

CREATE TABLE sync_checkpoints (
    server TEXT PRIMARY KEY,
    cursor TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
"""


# V2 (sync engine): the server's account and policy per profile, the version
# that superseded another, participants' record ids (for tombstones), comments.
# Private notes synced between devices use the V1 annotations table.
V2 = """
ALTER TABLE document_versions ADD COLUMN superseded_by TEXT;
CREATE INDEX document_versions_missing ON document_versions(available, sha256);

ALTER TABLE participants ADD COLUMN record_id TEXT;
CREATE UNIQUE INDEX participants_record ON participants(record_id);

CREATE TABLE sync_accounts (
    server TEXT PRIMARY KEY,
    client_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    username TEXT NOT NULL,
    user_id TEXT NOT NULL DEFAULT '',
    access_token TEXT NOT NULL DEFAULT '',
    refresh_token TEXT NOT NULL DEFAULT '',
    policy TEXT NOT NULL DEFAULT '{}',
    last_success TEXT
);

CREATE TABLE comments (
    id TEXT PRIMARY KEY,
    document_version_id TEXT NOT NULL,
    meeting_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_version ON comments(document_version_id);
"""


# V3 (live meetings, issue 14; store/live.py): per meeting the authority's
# hash-chained events as received and verified, the folded state and its head,
# the last measured clock offset; and the live outbox, a lane of its own so a
# check-in never waits behind notes, comments or uploads in ``outbox``.
V3 = """
CREATE TABLE live_meetings (
    meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    head_seq INTEGER NOT NULL DEFAULT 0,
    head_hash TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    authority TEXT NOT NULL DEFAULT '',
    clock_offset_ms INTEGER,
    clock_rtt_ms INTEGER,
    clock_measured_at TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE live_events (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    at INTEGER NOT NULL,
    data TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (meeting_id, seq)
);

CREATE TABLE live_outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    op_id TEXT NOT NULL UNIQUE,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    args TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued'
        CHECK (state IN ('queued', 'sending', 'applied', 'refused')),
    reason TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    seqs TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX live_outbox_meeting ON live_outbox(meeting_id, state, seq);
"""


# V4 (votes, issue 15; store/live.py): my ballots. Each travels as a live_outbox
# row (kind 'ballot', op_id = ballot_id: one lane, one order, one resend rule);
# this table holds what only a ballot has: the signed request as sent, the
# secret poll's random secret (only in this encrypted file), and the receipt.
V4 = """
CREATE TABLE live_ballots (
    ballot_id TEXT PRIMARY KEY REFERENCES live_outbox(op_id) ON DELETE CASCADE,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    poll TEXT NOT NULL,
    round INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('named', 'secret')),
    member TEXT NOT NULL,
    choice INTEGER NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    request TEXT NOT NULL,
    signed_hash TEXT NOT NULL,
    secret BLOB,
    receipt_hash TEXT NOT NULL,
    status TEXT,
    reason TEXT,
    counted_receipt TEXT,
    event_seq INTEGER,
    answered_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX live_ballots_round ON live_ballots(meeting_id, poll, round, member);
"""


# V5 (issue 12; store/repos/signatures.py): every signature this profile made,
# keyed by its signature.submit op id, with its level and completion state
# (domain/signatures.py). ``complete_op`` is the outbox entry that carries the
# completed file (signature.complete), so its upload state comes from the outbox.
V5 = """
CREATE TABLE signatures (
    id TEXT PRIMARY KEY,
    document_version_id TEXT NOT NULL,
    signed_sha256 TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    level TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN
        ('waiting_for_timestamp', 'completed', 'refused', 'not_needed')),
    reason TEXT,
    complete_op TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX signatures_state ON signatures(state);
"""


# V6 (issue 13, comment threads; store/repos/comments.py, docs/comment-threads.md):
# a comment's thread fields as the feed sends them; ``revisions`` and
# ``drafter_ids`` are JSON lists. A comment pulled before keeps the defaults (an
# open thread visible to all, no anchor) until the server sends it again.
V6 = """
ALTER TABLE comments ADD COLUMN parent_id TEXT;
ALTER TABLE comments ADD COLUMN quote TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN prefix TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN suffix TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN page INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN visibility TEXT NOT NULL DEFAULT 'all';
ALTER TABLE comments ADD COLUMN state TEXT NOT NULL DEFAULT 'open';
ALTER TABLE comments ADD COLUMN answer TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN answered_by TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN answered_at TEXT NOT NULL DEFAULT '';
ALTER TABLE comments ADD COLUMN revisions TEXT NOT NULL DEFAULT '[]';
ALTER TABLE comments ADD COLUMN drafter_ids TEXT NOT NULL DEFAULT '[]';
"""


# V7 (issue 13, written consultation; store/repos/consultations.py,
# docs/consultation.md): the consultation record as the feed sends it (JSON:
# questions, documents, this user's own responses with their receipt times).
V7 = """
CREATE TABLE consultations (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    data TEXT NOT NULL
);
"""


# V8 (issue 13, signing requests; store/repos/signing_requests.py,
# docs/signing-requests.md): the request record as the feed sends it, with its
# head (the file the next signer signs) so the sync can fetch it for my steps.
V8 = """
CREATE TABLE signing_requests (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    head_sha256 TEXT NOT NULL,
    head_size INTEGER NOT NULL,
    data TEXT NOT NULL
);
"""


# V9 (issue 13, conclusions' action items; store/repos/action_items.py,
# docs/action-items.md): the item record as the feed sends it (JSON: unit and its
# members, due date, status and its history).
V9 = """
CREATE TABLE action_items (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX action_items_meeting ON action_items(meeting_id);
"""


# V10 (issue 13, who sees a signature; docs/server-uploads.md): other members'
# accepted signatures the server shows this user (the secretariat's), as the
# feed's signed_copy record (JSON: signer's name, file hash and size).
V10 = """
CREATE TABLE signed_copies (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL,
    document_version_id TEXT NOT NULL,
    data TEXT NOT NULL
);
"""


# A step is SQL (run as one script inside the migration's transaction) or a
# function of the connection (which must not call executescript: it commits).
Step = str | Callable[[Connection], None]
MIGRATIONS: list[Step] = [V1, V2, V3, V4, V5, V6, V7, V8, V9, V10]
LATEST = len(MIGRATIONS)
