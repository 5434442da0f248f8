"""The county's reference data and the feed log, as SQLAlchemy Core tables (created by the
Alembic migration 0002; declared here for queries).

The reference tables are what the county holds; ``feed_log`` is what stations download: one row
per live item (or tombstone) and scope, at the cursor of its newest change.
"""

from __future__ import annotations

import sqlalchemy as sa

from sync.server.storage import metadata

# One row (id 1): the last cursor handed out. Taking the next cursors updates it, which locks the
# row until commit, so cursors become visible in the order they were given (PostgreSQL); SQLite
# serializes writers anyway.
feed_clock = sa.Table(
    "feed_clock",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("last_cursor", sa.BigInteger, nullable=False),
)

feed_log = sa.Table(
    "feed_log",
    metadata,
    sa.Column(
        "cursor",
        sa.BigInteger().with_variant(sa.Integer, "sqlite"),
        primary_key=True,
        autoincrement=False,
    ),
    # "*" for every station, "township:<name>", "station:<id>"
    sa.Column("scope", sa.String(250), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("key", sa.String(200), nullable=False),
    sa.Column("op", sa.String(10), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.UniqueConstraint("kind", "key", "scope", name="uq_feed_log_item"),
    sa.Index("ix_feed_log_scope_cursor", "scope", "cursor"),
)

places = sa.Table(
    "places",
    metadata,
    sa.Column("township", sa.String(200), primary_key=True),
    sa.Column("village", sa.String(200), primary_key=True),
    sa.Column("created_at", sa.String(40), nullable=False),
)

# a setting for every station (township "") or for the stations of one township
county_settings = sa.Table(
    "county_settings",
    metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("township", sa.String(200), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

households = sa.Table(
    "households",
    metadata,
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
    sa.Column("causes", sa.Text, nullable=False),  # JSON list of 致贫原因
    sa.Column("phone_masked", sa.String(20), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    # the head's ID as a 4-bit tag keyed by the setting household.id_tag_key: what stations get
    # besides the last four characters (DESIGN §11); NULL for households imported before it
    sa.Column("id_tag", sa.SmallInteger, nullable=True),
    sa.Index("ix_households_township", "township"),
    sa.Index("ix_households_id_hash", "id_hash"),
)

catalog_items = sa.Table(
    "catalog_items",
    metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("category", sa.String(100), nullable=False),
    sa.Column("unit", sa.String(20), nullable=False),
    sa.Column("price_fen", sa.BigInteger, nullable=False),
    sa.Column("certified", sa.Boolean, nullable=False),
    sa.Column("household_no", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

billers = sa.Table(
    "billers",
    metadata,
    sa.Column("code", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("account_label", sa.String(50), nullable=False),
    sa.Column("min_fen", sa.BigInteger, nullable=False),
    sa.Column("max_fen", sa.BigInteger, nullable=False),
    sa.Column("fee_fen", sa.BigInteger, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

sms_templates = sa.Table(
    "sms_templates",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("provider_code", sa.String(100), nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

announcements = sa.Table(
    "announcements",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("township", sa.String(200), nullable=False),
    sa.Column("published_at", sa.String(40), nullable=False),
    sa.Column("expires_at", sa.String(40), nullable=False),
    sa.Column("withdrawn_at", sa.String(40)),
)
