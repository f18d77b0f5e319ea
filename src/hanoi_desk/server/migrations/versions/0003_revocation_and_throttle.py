"""Token families and rotated refresh tokens, wipe order and delivery times, and a
login throttle for every name and address.

Revision ID: 0003
Revises: 0002

Only additions: instances of the previous release keep working against this
schema during a rolling upgrade (they ignore the new columns and leave
``family`` empty, which the new code treats as a family of its own).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tokens") as batch:
        batch.add_column(sa.Column("family", sa.String(32), nullable=True))
    op.create_index("ix_tokens_family", "tokens", ["family"])
    op.create_index("ix_tokens_user_device", "tokens", ["user_id", "device_id"])
    op.create_table(
        "rotated_tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("family", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("device_id", sa.String(128), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_rotated_tokens_family", "rotated_tokens", ["family"])
    op.create_index("ix_rotated_tokens_expires_at", "rotated_tokens", ["expires_at"])
    with op.batch_alter_table("devices") as batch:
        batch.add_column(sa.Column("wipe_ordered_at", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("wipe_delivered_at", sa.BigInteger(), nullable=True))
    op.create_table(
        "login_throttle",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_login_throttle_updated_at", "login_throttle", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_login_throttle_updated_at", "login_throttle")
    op.drop_table("login_throttle")
    with op.batch_alter_table("devices") as batch:
        batch.drop_column("wipe_delivered_at")
        batch.drop_column("wipe_ordered_at")
    op.drop_index("ix_rotated_tokens_expires_at", "rotated_tokens")
    op.drop_index("ix_rotated_tokens_family", "rotated_tokens")
    op.drop_table("rotated_tokens")
    op.drop_index("ix_tokens_user_device", "tokens")
    op.drop_index("ix_tokens_family", "tokens")
    with op.batch_alter_table("tokens") as batch:
        batch.drop_column("family")
