"""Live meetings II, votes (issue 15): poll rounds beside the log, named ballots,
participations and secret ballots stored apart, the members' signing
certificates, the authority's close-signing key, the body's vote settings,
ballot receipts in the live outcome table, and when laptops last spoke.

Revision ID: 0005
Revises: 0004

Only additions with server defaults (a rolling upgrade keeps the previous
release working: it never reads the new tables, and ``live_commands.kind``
defaults to ``command``, all it ever wrote).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ID = sa.String(128)


def upgrade() -> None:
    # Plain ADD COLUMN (see 0004): a batch could copy tables others point at.
    for column in ("vote_delegation", "certificate_from_first_signature"):
        op.add_column(
            "organisations",
            sa.Column(column, sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    op.add_column(
        "live_commands",
        sa.Column("kind", sa.String(16), nullable=False, server_default="command"),
    )
    op.create_table(
        "live_rounds",
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("poll_id", ID, primary_key=True),
        sa.Column("round", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("open_seq", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("until", sa.BigInteger(), nullable=True),
        sa.Column("closed_seq", sa.BigInteger(), nullable=True),
        sa.Column("close_hash", sa.String(64), nullable=True),
        sa.Column("close_signature", sa.Text(), nullable=True),
        sa.Column("key_id", sa.String(64), nullable=True),
    )
    op.create_index("ix_live_rounds_status", "live_rounds", ["status", "until"])
    # One ballot per (round, represented member): the primary key; a ballot id once.
    op.create_table(
        "live_named_ballots",
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("poll_id", ID, primary_key=True),
        sa.Column("round", sa.Integer(), primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("ballot_id", ID, nullable=False, unique=True),
        sa.Column("sender", ID, nullable=False),
        sa.Column("round_open_hash", sa.String(64), nullable=False),
        sa.Column("choice", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("signed_hash", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "live_participations",
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("poll_id", ID, primary_key=True),
        sa.Column("round", sa.Integer(), primary_key=True),
        sa.Column("member", ID, primary_key=True),
        sa.Column("ballot_id", ID, nullable=False, unique=True),
        sa.Column("sender", ID, nullable=False),
        sa.Column("round_open_hash", sa.String(64), nullable=False),
        sa.Column("signature", sa.Text(), nullable=False),
        sa.Column("signed_hash", sa.String(64), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
    )
    # No member, sender, ballot id, seq or time; a random key, and on SQLite no
    # rowid (which would number the rows in the order they arrived).
    op.create_table(
        "live_secret_ballots",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("poll_id", ID, nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("choice", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("receipt_hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("meeting_id", "poll_id", "round", "receipt_hash",
                            name="ux_live_secret_receipt"),
        sqlite_with_rowid=False,
    )  # fmt: skip
    op.create_table(
        "member_certificates",
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("registered_at", sa.BigInteger(), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
    )
    op.create_table(
        "authority_keys",
        sa.Column("slot", sa.Integer(), primary_key=True),
        sa.Column("key_id", sa.String(64), nullable=False, unique=True),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("encrypted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "live_presence",
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("user_id", ID, primary_key=True),
        sa.Column("last_seen", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    for table in ("live_presence", "authority_keys", "member_certificates",
                  "live_secret_ballots", "live_participations", "live_named_ballots"):  # fmt: skip
        op.drop_table(table)
    op.drop_index("ix_live_rounds_status", "live_rounds")
    op.drop_table("live_rounds")
    op.drop_column("live_commands", "kind")
    for column in ("certificate_from_first_signature", "vote_delegation"):
        op.drop_column("organisations", column)
