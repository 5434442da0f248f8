"""Stations get no registry salt and no more of an ID number than its tail (DESIGN §11).

``households`` gains ``id_tag`` (a 4-bit tag of the head's ID, keyed by the setting
``household.id_tag_key``; NULL until the registry is imported again, since the county keeps no
whole number to compute it from).

``feed_log``: every household a station holds comes again at a new cursor with ``id_tail`` (the
last four characters) in place of ``id_masked`` and ``id_hash``, and the setting
``household.id_salt`` (the registry salt, which let anyone holding a station's file reverse its
hashes) becomes a tombstone and leaves ``county_settings``. The salt stays in its file at the
county for the county's own hashes.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import json
import time

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SALT_SETTING = "household.id_salt"


def upgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.add_column(sa.Column("id_tag", sa.SmallInteger, nullable=True))
    bind = op.get_bind()
    county_settings = sa.table("county_settings", sa.column("name", sa.String))
    feed_log = sa.table(
        "feed_log",
        sa.column("cursor", sa.BigInteger),
        sa.column("scope", sa.String),
        sa.column("kind", sa.String),
        sa.column("key", sa.String),
        sa.column("op", sa.String),
        sa.column("data", sa.Text),
    )
    feed_clock = sa.table("feed_clock", sa.column("id", sa.Integer), sa.column("last_cursor"))
    bind.execute(county_settings.delete().where(county_settings.c.name == SALT_SETTING))
    rows = bind.execute(
        sa.select(feed_log.c.cursor, feed_log.c.kind, feed_log.c.key, feed_log.c.data)
        .where(
            feed_log.c.op == "upsert",
            sa.or_(
                feed_log.c.kind == "household",
                sa.and_(feed_log.c.kind == "setting", feed_log.c.key == SALT_SETTING),
            ),
        )
        .order_by(feed_log.c.cursor)
    ).all()
    if not rows:
        return
    # new cursors after every cursor given, and not below the clock (as sync.server.feed does)
    last = bind.execute(sa.select(feed_clock.c.last_cursor).where(feed_clock.c.id == 1)).scalar()
    first = max(last or 0, time.time_ns() // 1000) + 1
    bind.execute(
        feed_clock.update().where(feed_clock.c.id == 1).values(last_cursor=first + len(rows) - 1)
    )
    for n, row in enumerate(rows):
        if row.kind == "setting":
            values = {"op": "delete", "data": "{}"}
        else:
            values = {"data": _household_data(row.data)}
        bind.execute(
            feed_log.update()
            .where(feed_log.c.cursor == row.cursor)
            .values(cursor=first + n, **values)
        )


def _household_data(text: str) -> str:
    """The household as stations get it now, canonical JSON as the feed writes it."""
    data = json.loads(text)
    masked = str(data.pop("id_masked", "") or "")
    data.pop("id_hash", None)
    data["id_tail"] = masked[masked.rfind("*") + 1 :][-4:] if "*" in masked else ""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def downgrade() -> None:
    with op.batch_alter_table("households") as batch:
        batch.drop_column("id_tag")
