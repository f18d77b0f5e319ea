"""Live meetings (issue 14): the meeting's authority, the body's substitute vote
setting, the hash-chained live event log and the outcomes of live commands.

Revision ID: 0004
Revises: 0003

Only additions with server defaults: instances of the previous release keep
working against this schema during a rolling upgrade (they never read the new
tables and leave the new columns at their defaults). The new participant role
``guest`` is a value of the existing ``participants.role`` column.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, not a batch: on SQLite a batch may copy the table, and dropping
    # the old ``organisations`` fails while users and meetings point at it.
    op.add_column(
        "meetings", sa.Column("authority", sa.String(64), nullable=False, server_default="central")
    )
    op.add_column(
        "organisations",
        sa.Column("substitute_may_vote", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "live_events",
        sa.Column("meeting_id", sa.String(128), sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("seq", sa.BigInteger(), primary_key=True),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "live_commands",
        sa.Column("user_id", sa.String(128), primary_key=True),
        sa.Column("op_id", sa.String(128), primary_key=True),
        sa.Column("meeting_id", sa.String(128), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("live_commands")
    op.drop_table("live_events")
    # Plain DROP COLUMN (SQLite 3.35+) for the reason given in upgrade.
    op.drop_column("organisations", "substitute_may_vote")
    op.drop_column("meetings", "authority")
