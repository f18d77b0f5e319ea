"""Action items of conclusions (issue 13, docs/action-items.md): units of a body
with their members, and each conclusions document's action items with their
status history (kept, never rewritten).

Revision ID: 0012
Revises: 0011

New tables only: the previous release never reads them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

ID = sa.String(128)


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", ID, primary_key=True),
        sa.Column("organisation_id", ID, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("name", sa.String(400), nullable=False),
        sa.UniqueConstraint("organisation_id", "name"),
    )
    op.create_table(
        "unit_members",
        sa.Column("unit_id", ID, sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), primary_key=True),
    )
    op.create_index("ix_unit_members_user_id", "unit_members", ["user_id"])
    op.create_table(
        "action_items",
        sa.Column("id", ID, primary_key=True),
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("document_version_id", ID, sa.ForeignKey("document_versions.id"), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("unit_id", ID, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("due_date", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.UniqueConstraint("document_version_id", "number"),
    )
    op.create_index("ix_action_items_meeting_id", "action_items", ["meeting_id"])
    op.create_index("ix_action_items_unit_id", "action_items", ["unit_id"])
    op.create_table(
        "action_item_changes",
        sa.Column("item_id", ID, sa.ForeignKey("action_items.id"), primary_key=True),
        sa.Column("seq", sa.Integer(), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("at", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("action_item_changes")
    op.drop_table("action_items")
    op.drop_table("unit_members")
    op.drop_table("units")
