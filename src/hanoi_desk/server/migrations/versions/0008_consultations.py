"""Written consultation (issue 13, docs/consultation.md): consultations, their
respondents, and every response received (revisions and late ones kept).

Revision ID: 0008
Revises: 0007

New tables only: the previous release never reads them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ID = sa.String(128)


def upgrade() -> None:
    op.create_table(
        "consultations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("reference", sa.String(200), nullable=False),
        sa.Column("title", sa.String(1000), nullable=False),
        sa.Column("deadline", sa.BigInteger(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("documents", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_consultations_meeting_id", "consultations", ["meeting_id"])
    op.create_table(
        "consultation_respondents",
        sa.Column("consultation_id", ID, sa.ForeignKey("consultations.id"), primary_key=True),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), primary_key=True),
    )
    op.create_table(
        "consultation_responses",
        sa.Column("id", ID, primary_key=True),
        sa.Column("consultation_id", ID, sa.ForeignKey("consultations.id"), nullable=False),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("receipt", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.BigInteger(), nullable=False),
        sa.Column("late", sa.Boolean(), nullable=False),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("paper", sa.Boolean(), nullable=False),
        sa.Column("written_on", sa.String(10), nullable=True),
        sa.Column("entered_by", ID, nullable=True),
        sa.UniqueConstraint("consultation_id", "receipt"),
    )
    op.create_index(
        "ix_consultation_responses_consultation_id", "consultation_responses", ["consultation_id"]
    )


def downgrade() -> None:
    op.drop_table("consultation_responses")
    op.drop_table("consultation_respondents")
    op.drop_table("consultations")
