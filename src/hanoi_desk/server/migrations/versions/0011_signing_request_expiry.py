"""Signing requests' expiry (issue 13, docs/signing-requests.md): the time after
which a request still in progress is expired, by the server's clock.

Revision ID: 0011
Revises: 0010

One nullable column (no expiry) and an index for the sweep that expires what is
due: the previous release never reads them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("signing_requests", sa.Column("expires_at", sa.BigInteger(), nullable=True))
    op.create_index("ix_signing_requests_expires_at", "signing_requests", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_signing_requests_expires_at", "signing_requests")
    with op.batch_alter_table("signing_requests") as batch:
        batch.drop_column("expires_at")
