"""Trust roots per body (issue 13, docs/server-uploads.md): the certificates a
signed upload's certificate must chain to before the server accepts it.

Revision ID: 0010
Revises: 0009

A new table only: the previous release never reads it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ID = sa.String(128)


def upgrade() -> None:
    op.create_table(
        "trust_roots",
        sa.Column("organisation_id", ID, sa.ForeignKey("organisations.id"), primary_key=True),
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("subject", sa.String(1000), nullable=False),
        sa.Column("added_at", sa.BigInteger(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("trust_roots")
