"""Reference data and the feed.

The county's reference tables (places, settings, households, catalog, billers, SMS templates,
announcements) and the feed log every station pulls, with one cursor sequence shared by the
county events already stored (they are copied into the log at their own cursors).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _stamp(name: str) -> sa.Column:
    return sa.Column(name, sa.String(40), nullable=False)


def upgrade() -> None:
    feed_clock = op.create_table(
        "feed_clock",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("last_cursor", sa.BigInteger, nullable=False),
    )
    feed_log = op.create_table(
        "feed_log",
        sa.Column(
            "cursor",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("scope", sa.String(250), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.UniqueConstraint("kind", "key", "scope", name="uq_feed_log_item"),
    )
    op.create_index("ix_feed_log_scope_cursor", "feed_log", ["scope", "cursor"])
    op.create_table(
        "places",
        sa.Column("township", sa.String(200), primary_key=True),
        sa.Column("village", sa.String(200), primary_key=True),
        _stamp("created_at"),
    )
    op.create_table(
        "county_settings",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("township", sa.String(200), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        _stamp("updated_at"),
    )
    op.create_table(
        "households",
        sa.Column("household_no", sa.String(64), primary_key=True),
        sa.Column("township", sa.String(200), nullable=False),
        sa.Column("village", sa.String(200), nullable=False),
        sa.Column("natural_village", sa.String(200), nullable=False),
        sa.Column("head_name", sa.String(100), nullable=False),
        sa.Column("id_masked", sa.String(32), nullable=False),
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("members", sa.Integer, nullable=False),
        sa.Column("household_type", sa.String(20), nullable=False),
        sa.Column("monitoring_type", sa.String(20), nullable=False),
        sa.Column("risk_cleared", sa.Boolean, nullable=False),
        sa.Column("causes", sa.Text, nullable=False),
        sa.Column("phone_masked", sa.String(20), nullable=False),
        _stamp("updated_at"),
    )
    op.create_index("ix_households_township", "households", ["township"])
    op.create_index("ix_households_id_hash", "households", ["id_hash"])
    op.create_table(
        "catalog_items",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("category", sa.String(100), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("price_fen", sa.BigInteger, nullable=False),
        sa.Column("certified", sa.Boolean, nullable=False),
        sa.Column("household_no", sa.String(64), nullable=False),
        _stamp("updated_at"),
    )
    op.create_table(
        "billers",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("account_label", sa.String(50), nullable=False),
        sa.Column("min_fen", sa.BigInteger, nullable=False),
        sa.Column("max_fen", sa.BigInteger, nullable=False),
        sa.Column("fee_fen", sa.BigInteger, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        _stamp("updated_at"),
    )
    op.create_table(
        "sms_templates",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("provider_code", sa.String(100), nullable=False),
        _stamp("updated_at"),
    )
    op.create_table(
        "announcements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("township", sa.String(200), nullable=False),
        sa.Column("published_at", sa.String(40), nullable=False),
        sa.Column("expires_at", sa.String(40), nullable=False),
        sa.Column("withdrawn_at", sa.String(40)),
    )
    _feed_the_stored_county_events(feed_clock, feed_log)


def _feed_the_stored_county_events(feed_clock: sa.Table, feed_log: sa.Table) -> None:
    """County events stored before this revision join the log at their own cursors."""
    bind = op.get_bind()
    county_events = sa.table(
        "county_events",
        sa.column("cursor", sa.BigInteger),
        sa.column("id", sa.String),
        sa.column("station_id", sa.String),
        sa.column("type", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("occurred_at", sa.String),
        sa.column("payload", sa.Text),
    )
    rows = bind.execute(sa.select(county_events).order_by(county_events.c.cursor)).all()
    if rows:
        op.bulk_insert(
            feed_log,
            [
                {
                    "cursor": row.cursor,
                    "scope": f"station:{row.station_id}",
                    "kind": "event",
                    "key": row.id,
                    "op": "upsert",
                    "data": json.dumps(
                        {
                            "entity_id": row.entity_id,
                            "id": row.id,
                            "occurred_at": row.occurred_at,
                            "payload": json.loads(row.payload),
                            "type": row.type,
                        },
                        sort_keys=True,
                        separators=(",", ":"),
                        ensure_ascii=False,
                    ),
                }
                for row in rows
            ],
        )
    op.bulk_insert(feed_clock, [{"id": 1, "last_cursor": rows[-1].cursor if rows else 0}])


def downgrade() -> None:
    for table in (
        "announcements",
        "sms_templates",
        "billers",
        "catalog_items",
        "households",
        "county_settings",
        "places",
        "feed_log",
        "feed_clock",
    ):
        op.drop_table(table)
