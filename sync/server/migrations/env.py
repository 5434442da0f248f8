"""Alembic environment: runs on the connection the county center hands over (storage.migrate).

``target_metadata`` is the county's table declarations, so ``alembic revision --autogenerate``
(and the test that compares them) sees what the code expects."""

from __future__ import annotations

from alembic import context

from sync.server.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
