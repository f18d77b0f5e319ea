"""Alembic environment: always run from code with a connection passed in
``config.attributes["connection"]`` (see ``hanoi_desk.server.db.migrate``)."""

from __future__ import annotations

from alembic import context

from hanoi_desk.server.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
