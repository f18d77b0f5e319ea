"""Signing requests (issue 13, docs/signing-requests.md): several signers of one
document version in order, each filling a signature field prepared up front.

Revision ID: 0009
Revises: 0008

New tables only: the previous release never reads them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ID = sa.String(128)


def upgrade() -> None:
    op.create_table(
        "signing_requests",
        sa.Column("id", ID, primary_key=True),
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("document_version_id", ID, sa.ForeignKey("document_versions.id"), nullable=False),
        sa.Column("title", sa.String(1000), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("base_sha256", sa.String(64), nullable=False),
        sa.Column("head_sha256", sa.String(64), nullable=False),
        sa.Column("head_size", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_signing_requests_meeting_id", "signing_requests", ["meeting_id"])
    op.create_table(
        "signing_steps",
        sa.Column("request_id", ID, sa.ForeignKey("signing_requests.id"), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("field_name", sa.String(100), nullable=False),
        sa.Column("decree_kind", sa.String(20), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("done_at", sa.BigInteger(), nullable=True),
    )
    op.create_index("ix_signing_steps_sha256", "signing_steps", ["sha256"])


def downgrade() -> None:
    op.drop_table("signing_steps")
    op.drop_table("signing_requests")
