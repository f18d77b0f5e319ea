"""Comment threads on drafts (issue 13, docs/comment-threads.md): a comment's
anchor (quote, prefix, suffix, page), visibility, parent (replies), the thread's
state and answer; earlier texts of edited comments; a document's drafting unit.

Revision ID: 0007
Revises: 0006

Existing comments become open threads visible to all, without an anchor: what
they were before.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.String(128)


def upgrade() -> None:
    # Plain ADD COLUMN (see 0004): a batch could copy tables others point at.
    op.add_column("comments", sa.Column("parent_id", ID, nullable=True))
    for column in ("quote", "prefix", "suffix", "answer"):
        op.add_column("comments", sa.Column(column, sa.Text(), nullable=False, server_default=""))
    op.add_column("comments", sa.Column("page", sa.Integer(), nullable=False, server_default="0"))
    op.add_column(
        "comments", sa.Column("visibility", sa.String(20), nullable=False, server_default="all")
    )
    op.add_column(
        "comments", sa.Column("state", sa.String(20), nullable=False, server_default="open")
    )
    op.add_column("comments", sa.Column("answered_by", ID, nullable=True))
    op.add_column("comments", sa.Column("answered_at", sa.BigInteger(), nullable=True))
    op.create_index("ix_comments_parent_id", "comments", ["parent_id"])
    op.create_table(
        "comment_revisions",
        sa.Column("comment_id", ID, sa.ForeignKey("comments.id"), primary_key=True),
        sa.Column("revision", sa.Integer(), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "document_drafters",
        sa.Column("document_id", ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("document_drafters")
    op.drop_table("comment_revisions")
    op.drop_index("ix_comments_parent_id", "comments")
    for column in ("answered_at", "answered_by", "state", "visibility", "page", "answer",
                   "suffix", "prefix", "quote", "parent_id"):  # fmt: skip
        op.drop_column("comments", column)
