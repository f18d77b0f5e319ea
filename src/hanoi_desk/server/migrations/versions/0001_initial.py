"""The first schema of the reference server.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

ID = sa.String(128)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("retention_days", sa.Integer(), nullable=False),
        sa.Column("offline_lease_hours", sa.Integer(), nullable=False),
        sa.Column("watermark", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "users",
        sa.Column("id", ID, primary_key=True),
        sa.Column("username", sa.String(200), nullable=False, unique=True),
        sa.Column("display_name", sa.String(400), nullable=False),
        sa.Column("password_hash", sa.String(400), nullable=False),
        sa.Column("organisation_id", ID, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "devices",
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("device_id", ID, primary_key=True),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("last_seen_at", sa.BigInteger(), nullable=False),
        sa.Column("wipe", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "meetings",
        sa.Column("id", ID, primary_key=True),
        sa.Column("organisation_id", ID, sa.ForeignKey("organisations.id"), nullable=False),
        sa.Column("title", sa.String(1000), nullable=False),
        sa.Column("starts_at", sa.String(40), nullable=False),
        sa.Column("ends_at", sa.String(40), nullable=True),
        sa.Column("place", sa.String(1000), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
    )
    op.create_table(
        "agenda_items",
        sa.Column("id", ID, primary_key=True),
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(1000), nullable=False),
        sa.Column("presenter", sa.String(400), nullable=False),
    )
    op.create_index("ix_agenda_items_meeting_id", "agenda_items", ["meeting_id"])
    op.create_table(
        "participants",
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), primary_key=True),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
    )
    op.create_index("ix_participants_user_id", "participants", ["user_id"])
    op.create_table(
        "documents",
        sa.Column("id", ID, primary_key=True),
        sa.Column("meeting_id", ID, sa.ForeignKey("meetings.id"), nullable=False),
        sa.Column("agenda_item_id", ID, sa.ForeignKey("agenda_items.id"), nullable=True),
        sa.Column("title", sa.String(1000), nullable=False),
    )
    op.create_index("ix_documents_meeting_id", "documents", ["meeting_id"])
    op.create_table(
        "document_versions",
        sa.Column("id", ID, primary_key=True),
        sa.Column("document_id", ID, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("superseded_by", ID, nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_document_versions_document_id", "document_versions", ["document_id"])
    op.create_index("ix_document_versions_sha256", "document_versions", ["sha256"])
    op.create_table(
        "feed_clock",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(
        sa.table("feed_clock", sa.column("id", sa.Integer()), sa.column("value", sa.BigInteger())),
        [{"id": 1, "value": 0}],
    )
    op.create_table(
        "feed_entries",
        sa.Column("user_id", ID, primary_key=True),
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("entity_id", ID, primary_key=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("meeting_id", ID, nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_index("ix_feed_user_seq", "feed_entries", ["user_id", "seq"])
    op.create_index("ix_feed_meeting", "feed_entries", ["meeting_id"])
    op.create_table(
        "client_states",
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("client_id", ID, primary_key=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "mutation_records",
        sa.Column("user_id", ID, primary_key=True),
        sa.Column("client_id", ID, primary_key=True),
        sa.Column("seq", sa.BigInteger(), primary_key=True, autoincrement=False),
        sa.Column("op_id", ID, nullable=False),
        sa.Column("kind", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("reason", sa.String(100), nullable=True),
    )
    op.create_index("ux_mutation_op", "mutation_records", ["user_id", "op_id"], unique=True)
    op.create_table(
        "notes",
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("note_id", ID, primary_key=True),
        sa.Column("document_version_id", ID, sa.ForeignKey("document_versions.id"), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.Text(), nullable=True),
    )
    op.create_table(
        "comments",
        sa.Column("id", ID, primary_key=True),
        sa.Column("document_version_id", ID, sa.ForeignKey("document_versions.id"), nullable=False),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_table(
        "uploads",
        sa.Column("id", ID, primary_key=True),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("op_id", ID, nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ux_upload_op", "uploads", ["user_id", "op_id"], unique=True)
    op.create_table(
        "signatures",
        sa.Column("id", ID, primary_key=True),
        sa.Column("document_version_id", ID, sa.ForeignKey("document_versions.id"), nullable=False),
        sa.Column("user_id", ID, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("upload_id", ID, sa.ForeignKey("uploads.id"), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_signatures_sha256", "signatures", ["sha256"])


def downgrade() -> None:
    for table in (
        "signatures", "uploads", "comments", "notes", "mutation_records", "client_states",
        "feed_entries", "feed_clock", "document_versions", "documents", "participants",
        "agenda_items", "meetings", "tokens", "devices", "users", "organisations",
    ):  # fmt: skip
        op.drop_table(table)
