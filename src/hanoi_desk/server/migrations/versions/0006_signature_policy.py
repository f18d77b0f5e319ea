"""The body's signature policy (issue 12): the level signatures made offline
are raised to at sync, the timestamp authority to use, and after how many days
one still without a trusted time is warned about (docs/signing-completion.md).

Revision ID: 0006
Revises: 0005

Only nullable additions: unset means the client's defaults (B-LT, no TSA, 7 days),
and a previous release never reads them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (see 0004): a batch could copy tables others point at.
    op.add_column("organisations", sa.Column("signature_level", sa.String(8), nullable=True))
    op.add_column("organisations", sa.Column("tsa_url", sa.String(400), nullable=True))
    op.add_column("organisations", sa.Column("signature_overdue_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    for column in ("signature_overdue_days", "tsa_url", "signature_level"):
        op.drop_column("organisations", column)
