"""The server's relational model (SQLAlchemy 2 declarative).

The schema itself is created and upgraded only by the Alembic migrations in
``migrations/``; a test checks that these classes and the migrated schema agree.
Times the server itself keeps are integer epoch seconds so that SQLite and
PostgreSQL compare them the same way; meeting times are ISO 8601 text with an
offset because they are shown, not computed with.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = String(128)


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    retention_days: Mapped[int] = mapped_column(Integer, default=30)
    offline_lease_hours: Mapped[int] = mapped_column(Integer, default=72)
    watermark: Mapped[bool] = mapped_column(Boolean, default=True)
    substitute_may_vote: Mapped[bool] = mapped_column(Boolean, default=False,
                                                      server_default=false())  # fmt: skip
    """Whether a substitute (ủy quyền tham dự) votes for the delegate they stand in for.
    Off by default: People's Council rules forbid voting for another delegate."""
    vote_delegation: Mapped[bool] = mapped_column(Boolean, default=False,
                                                  server_default=false())  # fmt: skip
    """Whether a member may hand their vote to another (``BodySettings.vote_delegation``)."""
    certificate_from_first_signature: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    """Whether a member's signing certificate is taken from the first signed PDF
    they upload when none is registered (off: only ``server member-cert``)."""
    signature_level: Mapped[str | None] = mapped_column(String(8), nullable=True)
    """``B-LT`` or ``B-LTA``: what members' signatures made offline are raised to at
    sync (docs/signing-completion.md); None: the client's default, B-LT."""
    tsa_url: Mapped[str | None] = mapped_column(String(400), nullable=True)
    """The body's timestamp authority, used to complete signatures at sync."""
    signature_overdue_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """Days after which a signature still without a trusted time is warned about."""


class User(Base):
    __tablename__ = "users"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(200), unique=True)
    display_name: Mapped[str] = mapped_column(String(400))
    password_hash: Mapped[str] = mapped_column(String(400))
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    """A disabled user cannot sign in and every token of theirs is refused."""
    # Unused since schema 0003 (the throttle moved to ``login_throttle``, which also
    # counts unknown names). Kept so that instances of the previous release keep
    # working during a rolling upgrade; a later migration drops them.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class Device(Base):
    __tablename__ = "devices"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    device_id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[int] = mapped_column(BigInteger)
    last_seen_at: Mapped[int] = mapped_column(BigInteger)
    wipe: Mapped[bool] = mapped_column(Boolean, default=False)
    wipe_ordered_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    """When the administrator ordered the wipe: its refresh tokens stop working
    ``auth.ACCESS_SECONDS`` later, delivered or not."""
    wipe_delivered_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    """When a changes page carried the wipe order to the device (see auth.wipe_delivered)."""


class Token(Base):
    """Only a SHA-256 of each bearer token is kept: a copy of the database opens nothing.

    A revoked token is a deleted row. ``family`` ties together every token
    descended from one login by refreshes, so a reused refresh token can end
    them all (None for tokens issued before schema 0003).
    """

    __tablename__ = "tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    device_id: Mapped[str] = mapped_column(ID)
    expires_at: Mapped[int] = mapped_column(BigInteger)
    family: Mapped[str | None] = mapped_column(String(32), nullable=True)
    __table_args__ = (
        Index("ix_tokens_family", "family"),
        Index("ix_tokens_user_device", "user_id", "device_id"),
    )


class RotatedToken(Base):
    """A refresh token already exchanged, kept (as a SHA-256) until it would have expired.

    Presented again, it proves that two holders have it, and its family is revoked;
    a string that was never issued is only refused (see ``auth.refresh``).
    """

    __tablename__ = "rotated_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    family: Mapped[str] = mapped_column(String(32), index=True)
    user_id: Mapped[str] = mapped_column(ID)
    device_id: Mapped[str] = mapped_column(ID)
    expires_at: Mapped[int] = mapped_column(BigInteger, index=True)


class LoginThrottle(Base):
    """Recent wrong passwords per user name (known or not) and per client address.

    ``key`` is a SHA-256 of the kind and the value, so the table holds no user
    names typed by strangers (people type passwords into the name field).
    """

    __tablename__ = "login_throttle"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    locked_until: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[int] = mapped_column(BigInteger, index=True)


class Meeting(Base):
    __tablename__ = "meetings"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    title: Mapped[str] = mapped_column(String(1000))
    starts_at: Mapped[str] = mapped_column(String(40))
    ends_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    place: Mapped[str] = mapped_column(String(1000), default="")
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    authority: Mapped[str] = mapped_column(String(64), default="central",
                                           server_default="central")  # fmt: skip
    """Who decides the meeting's live commands: ``central`` (this server) today; a
    later issue names a room hub here. The rules never look at it."""


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(1000))
    presenter: Mapped[str] = mapped_column(String(400), default="")


class Participant(Base):
    """A user's part in a meeting: ``role`` is chair, secretary, delegate or guest."""

    __tablename__ = "participants"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(20))


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    agenda_item_id: Mapped[str | None] = mapped_column(ForeignKey("agenda_items.id"), nullable=True)
    title: Mapped[str] = mapped_column(String(1000))


class DocumentVersion(Base):
    """Immutable once written, except for ``superseded_by`` which a newer version sets."""

    __tablename__ = "document_versions"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str] = mapped_column(String(255))
    superseded_by: Mapped[str | None] = mapped_column(ID, nullable=True)
    created_at: Mapped[int] = mapped_column(BigInteger)


class FeedClock(Base):
    """One row whose lock orders every feed write (see docs/protocol.md, “cursor”)."""

    __tablename__ = "feed_clock"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class FeedEntry(Base):
    """The latest state of one record as one user sees it; ``seq`` moves on every change."""

    __tablename__ = "feed_entries"
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(ID, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    meeting_id: Mapped[str | None] = mapped_column(ID, nullable=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    data: Mapped[str] = mapped_column(Text)
    __table_args__ = (
        Index("ix_feed_user_seq", "user_id", "seq"),
        Index("ix_feed_meeting", "meeting_id"),
    )


class ClientState(Base):
    __tablename__ = "client_states"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    client_id: Mapped[str] = mapped_column(ID, primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)


class MutationRecord(Base):
    """The stored outcome of every applied or rejected mutation, returned for repeats."""

    __tablename__ = "mutation_records"
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    client_id: Mapped[str] = mapped_column(ID, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    op_id: Mapped[str] = mapped_column(ID)
    kind: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    result: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(String(100), nullable=True)
    __table_args__ = (Index("ux_mutation_op", "user_id", "op_id", unique=True),)


class Note(Base):
    __tablename__ = "notes"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    note_id: Mapped[str] = mapped_column(ID, primary_key=True)
    document_version_id: Mapped[str] = mapped_column(ForeignKey("document_versions.id"))
    updated_at: Mapped[int] = mapped_column(BigInteger)
    body: Mapped[str | None] = mapped_column(Text, nullable=True)


class Comment(Base):
    """A comment on a draft; a thread is a root (``parent_id`` None) and its replies
    (docs/comment-threads.md). ``text`` is the current revision; earlier ones are in
    ``comment_revisions``. The thread's state and answer live on the root."""

    __tablename__ = "comments"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    document_version_id: Mapped[str] = mapped_column(ForeignKey("document_versions.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[int] = mapped_column(BigInteger)
    parent_id: Mapped[str | None] = mapped_column(ID, nullable=True, index=True)
    quote: Mapped[str] = mapped_column(Text, default="")
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int] = mapped_column(Integer, default=0)
    visibility: Mapped[str] = mapped_column(String(20), default="all")
    state: Mapped[str] = mapped_column(String(20), default="open")
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_by: Mapped[str | None] = mapped_column(ID, nullable=True)
    answered_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class CommentRevision(Base):
    """An earlier text of a comment, kept when its author edits it (append-only)."""

    __tablename__ = "comment_revisions"
    comment_id: Mapped[str] = mapped_column(ForeignKey("comments.id"), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[int] = mapped_column(BigInteger)


class DocumentDrafter(Base):
    """A user of the document's drafting unit (cơ quan soạn thảo): answers its threads."""

    __tablename__ = "document_drafters"
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)


class Upload(Base):
    __tablename__ = "uploads"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    op_id: Mapped[str] = mapped_column(ID)
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[int] = mapped_column(BigInteger)
    __table_args__ = (Index("ux_upload_op", "user_id", "op_id", unique=True),)


class Signature(Base):
    __tablename__ = "signatures"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    document_version_id: Mapped[str] = mapped_column(ForeignKey("document_versions.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    upload_id: Mapped[str] = mapped_column(ForeignKey("uploads.id"))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[int] = mapped_column(BigInteger)


class LiveEvent(Base):
    """One event of a meeting's hash-chained live log (docs/live-meetings.md).

    Appended only, in the transaction that decided its command, while the meeting
    row is locked: ``seq`` has no gaps and commits in order. ``at`` is the
    authority's clock in milliseconds; ``data`` is the event's JSON body.
    """

    __tablename__ = "live_events"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(ID)
    at: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class LiveCommand(Base):
    """The stored outcome of a live command, by its sender and ``op_id`` (exactly once)."""

    __tablename__ = "live_commands"
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    op_id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ID)
    outcome: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="command", server_default="command")
    """``command`` (outcome: a LiveCommandResult) or ``ballot`` (outcome: the
    ballot's receipt, op_id = ballot id): one table answers every resend of the live lane."""


class LiveRound(Base):
    """A poll round as the log has it, kept beside the log in the transaction that
    appends its events: the closer finds the rounds due without folding every
    meeting, and the close event's signature by the authority key is kept here."""

    __tablename__ = "live_rounds"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    poll_id: Mapped[str] = mapped_column(ID, primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    open_seq: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))
    until: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    """The end of the closing period (authority ms) while closing."""
    closed_seq: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    close_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    close_signature: Mapped[str | None] = mapped_column(Text, nullable=True)
    """Ed25519 over the close event's hash (base64), see ``server/authority_key.py``."""
    key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    __table_args__ = (Index("ix_live_rounds_status", "status", "until"),)


class NamedBallotRow(Base):
    """A counted named ballot, with the sender's signature (one per round and member)."""

    __tablename__ = "live_named_ballots"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    poll_id: Mapped[str] = mapped_column(ID, primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    member: Mapped[str] = mapped_column(ID, primary_key=True)
    """The represented member: the primary key is the one-ballot-per-member constraint."""
    ballot_id: Mapped[str] = mapped_column(ID, unique=True)
    sender: Mapped[str] = mapped_column(ID)
    round_open_hash: Mapped[str] = mapped_column(String(64))
    choice: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(Text)
    """The detached CMS signature, base64, as sent."""
    signed_hash: Mapped[str] = mapped_column(String(64))
    """The receipt hash: sha256 of the canonical ballot."""
    seq: Mapped[int] = mapped_column(BigInteger)


class ParticipationRow(Base):
    """A secret poll's signed participation: who took part, never what they chose."""

    __tablename__ = "live_participations"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    poll_id: Mapped[str] = mapped_column(ID, primary_key=True)
    round: Mapped[int] = mapped_column(Integer, primary_key=True)
    member: Mapped[str] = mapped_column(ID, primary_key=True)
    ballot_id: Mapped[str] = mapped_column(ID, unique=True)
    sender: Mapped[str] = mapped_column(ID)
    round_open_hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(Text)
    signed_hash: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)


class SecretBallotRow(Base):
    """A secret ballot: choice, text, receipt hash. No member, sender, ballot id,
    seq or time; the key is random, and on SQLite the table has no rowid, so the
    rows are stored in key order rather than in the order they arrived
    (docs/server-votes.md says what this protects and what not)."""

    __tablename__ = "live_secret_ballots"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"))
    poll_id: Mapped[str] = mapped_column(ID)
    round: Mapped[int] = mapped_column(Integer)
    choice: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    receipt_hash: Mapped[str] = mapped_column(String(64))
    __table_args__ = (
        UniqueConstraint("meeting_id", "poll_id", "round", "receipt_hash",
                         name="ux_live_secret_receipt"),
        {"sqlite_with_rowid": False},
    )  # fmt: skip


class MemberCertificate(Base):
    """The signing certificate a member's ballots are verified against."""

    __tablename__ = "member_certificates"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[int] = mapped_column(BigInteger)
    source: Mapped[str] = mapped_column(String(20))
    """``admin`` (server member-cert) or ``first-signature`` (a signed PDF the member uploaded)."""


class AuthorityKey(Base):
    """The authority's Ed25519 key that signs close events (one row, ``slot`` 1)."""

    __tablename__ = "authority_keys"
    slot: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(64), unique=True)
    """sha256 of the raw public key, hex."""
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    """PKCS#8 DER, encrypted under HANOI_DESK_AUTHORITY_PASSPHRASE when that is set."""
    encrypted: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[int] = mapped_column(BigInteger)


class LivePresence(Base):
    """When a member's laptop last spoke to the live side of a meeting (stream
    heartbeat or request), in authority ms: the chair sees whose laptops are silent."""

    __tablename__ = "live_presence"
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ID, primary_key=True)
    last_seen: Mapped[int] = mapped_column(BigInteger)


class Consultation(Base):
    """A written consultation (lấy ý kiến bằng văn bản, docs/consultation.md) on a
    meeting's documents; the meeting's chair and secretary are its secretariat."""

    __tablename__ = "consultations"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    reference: Mapped[str] = mapped_column(String(200))
    """The reference printed on every opinion (e.g. ``15/PLYK-HĐND``)."""
    title: Mapped[str] = mapped_column(String(1000))
    deadline: Mapped[int] = mapped_column(BigInteger)
    """Epoch seconds; judged against the server's receipt time only."""
    state: Mapped[str] = mapped_column(String(20))
    questions: Mapped[str] = mapped_column(Text)
    """JSON ``[{"id", "text"}]``, fixed once opened."""
    documents: Mapped[str] = mapped_column(Text)
    """JSON list of the document version ids consulted on."""
    created_at: Mapped[int] = mapped_column(BigInteger)


class ConsultationRespondent(Base):
    __tablename__ = "consultation_respondents"
    consultation_id: Mapped[str] = mapped_column(ForeignKey("consultations.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)


class ConsultationResponse(Base):
    """One response as received; revisions are new rows, nothing is overwritten."""

    __tablename__ = "consultation_responses"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    consultation_id: Mapped[str] = mapped_column(ForeignKey("consultations.id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    receipt: Mapped[int] = mapped_column(Integer)
    """Receipt order within the consultation (ties of one second)."""
    received_at: Mapped[int] = mapped_column(BigInteger)
    """The server's receipt (or, for paper, entry) time, epoch seconds."""
    late: Mapped[bool] = mapped_column(Boolean)
    answers: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    """The signed opinion PDF, or the paper opinion's scan."""
    paper: Mapped[bool] = mapped_column(Boolean, default=False)
    written_on: Mapped[str | None] = mapped_column(String(10), nullable=True)
    """Paper only: the date written on the paper opinion (ISO, as the secretary read it)."""
    entered_by: Mapped[str | None] = mapped_column(ID, nullable=True)
    """Paper only: the secretary who entered it."""
    __table_args__ = (UniqueConstraint("consultation_id", "receipt"),)


class SigningRequest(Base):
    """Several signers of one document version in order (docs/signing-requests.md)."""

    __tablename__ = "signing_requests"
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    document_version_id: Mapped[str] = mapped_column(ForeignKey("document_versions.id"))
    title: Mapped[str] = mapped_column(String(1000))
    state: Mapped[str] = mapped_column(String(20))
    base_sha256: Mapped[str] = mapped_column(String(64))
    """The version with every step's empty signature field added (an incremental update)."""
    head_sha256: Mapped[str] = mapped_column(String(64))
    """The file the next signer signs: the base, then each accepted signature's file."""
    head_size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True, index=True)
    """Epoch seconds after which a request still in progress is expired (server clock)."""


class SigningStep(Base):
    __tablename__ = "signing_steps"
    request_id: Mapped[str] = mapped_column(ForeignKey("signing_requests.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    """1, 2, … : the step's number in the request."""
    stage: Mapped[int] = mapped_column(Integer)
    """The signing order: every step of the lowest unfinished stage is active at
    once (two deputies who may sign in either order share a stage)."""
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(200))
    field_name: Mapped[str] = mapped_column(String(100))
    decree_kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    """A decline's reason."""
    sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    """The file this step's signature made (the head after it)."""
    done_at: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class TrustRoot(Base):
    """A certificate a body trusts as the root of its members' signing
    certificates (``server trust-root add``): a signed upload is accepted only
    if its signer's certificate chains to one of its body's roots."""

    __tablename__ = "trust_roots"
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    """The DER certificate's SHA-256 (hex): how ``trust-root remove`` names it."""
    der: Mapped[bytes] = mapped_column(LargeBinary)
    subject: Mapped[str] = mapped_column(String(1000))
    added_at: Mapped[int] = mapped_column(BigInteger)


class Unit(Base):
    """A named unit of a body (Phòng Tài chính – Kế hoạch): the owner of action
    items; its members may move their status (docs/action-items.md)."""

    __tablename__ = "units"
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    organisation_id: Mapped[str] = mapped_column(ForeignKey("organisations.id"))
    name: Mapped[str] = mapped_column(String(400))


class UnitMember(Base):
    __tablename__ = "unit_members"
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)


class ActionItem(Base):
    """One action item of a meeting's conclusions document: its status is the
    last of its history rows (kept, never rewritten, like comment edits)."""

    __tablename__ = "action_items"
    __table_args__ = (UniqueConstraint("document_version_id", "number"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    meeting_id: Mapped[str] = mapped_column(ForeignKey("meetings.id"), index=True)
    document_version_id: Mapped[str] = mapped_column(ForeignKey("document_versions.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    unit_id: Mapped[str] = mapped_column(ForeignKey("units.id"), index=True)
    due_date: Mapped[str] = mapped_column(String(10))
    """YYYY-MM-DD: a day, not an instant (overdue from the next day on)."""
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[int] = mapped_column(BigInteger)


class ActionItemChange(Base):
    __tablename__ = "action_item_changes"
    item_id: Mapped[str] = mapped_column(ForeignKey("action_items.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)
    user_id: Mapped[str | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    """None: the secretariat on the server's host (the item's creation)."""
    at: Mapped[int] = mapped_column(BigInteger)
