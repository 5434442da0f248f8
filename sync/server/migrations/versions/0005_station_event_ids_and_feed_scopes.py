"""Event ids unique per station; feed items kept per scope.

``events``: UNIQUE (id) becomes UNIQUE (station_id, id) (DESIGN §5): an event id is unique
within its station, so one station pushing an id another has not pushed yet no longer blocks
the other's push.

``feed_log``: an item is (kind, scope, key). Before this revision publishing a setting for one
township tombstoned the same setting of every other scope (the ``stations`` list of township X
was deleted at X's stations when township Y's list was published). Every setting the county
holds is put back live in its own scope, at a new cursor, where the log holds a tombstone (or
nothing, or another value) for it; rows that are right are left alone.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import time

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

ALL = "*"


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint("uq_events_id", type_="unique")
        batch.create_unique_constraint("uq_events_station_id", ["station_id", "id"])
    _settings_live_in_their_scopes()


def _settings_live_in_their_scopes() -> None:
    bind = op.get_bind()
    county_settings = sa.table(
        "county_settings",
        sa.column("name", sa.String),
        sa.column("township", sa.String),
        sa.column("value", sa.Text),
    )
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
    live = {
        (row.scope, row.key): (row.op, row.data)
        for row in bind.execute(
            sa.select(feed_log.c.scope, feed_log.c.key, feed_log.c.op, feed_log.c.data).where(
                feed_log.c.kind == "setting"
            )
        )
    }
    wrong = []
    for row in bind.execute(sa.select(county_settings).order_by(county_settings.c.name)):
        scope = f"township:{row.township}" if row.township else ALL
        # the value is stored as canonical JSON, so this is the canonical {"value": value}
        data = '{"value":' + row.value + "}"
        if live.get((scope, row.name)) != ("upsert", data):
            wrong.append((scope, row.name, data))
    if not wrong:
        return
    # new cursors after every cursor given, and not below the clock (as sync.server.feed does)
    last = bind.execute(sa.select(feed_clock.c.last_cursor).where(feed_clock.c.id == 1)).scalar()
    first = max(last or 0, time.time_ns() // 1000) + 1
    bind.execute(
        feed_clock.update()
        .where(feed_clock.c.id == 1)
        .values(last_cursor=first + len(wrong) - 1)
    )
    for n, (scope, key, data) in enumerate(wrong):
        bind.execute(
            feed_log.delete().where(
                feed_log.c.kind == "setting", feed_log.c.scope == scope, feed_log.c.key == key
            )
        )
        bind.execute(
            feed_log.insert().values(
                cursor=first + n, scope=scope, kind="setting", key=key, op="upsert", data=data
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint("uq_events_station_id", type_="unique")
        batch.create_unique_constraint("uq_events_id", ["id"])
