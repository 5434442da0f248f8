"""Stations, their events and the county-side events of the feed.

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

GENESIS_HASH = "0" * 64


def upgrade() -> None:
    op.create_table(
        "stations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("township", sa.String(200), nullable=False),
        sa.Column("village", sa.String(200), nullable=False),
        sa.Column("code_hash", sa.String(64), unique=True),
        sa.Column("code_used", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("token_hash", sa.String(64), unique=True),
        sa.Column("device_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("app_version", sa.String(200), nullable=False, server_default=""),
        sa.Column("head_seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("head_hash", sa.String(64), nullable=False, server_default=GENESIS_HASH),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("enrolled_at", sa.String(40)),
        sa.Column("flagged_reason", sa.Text),
    )
    op.create_table(
        "events",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("occurred_at", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("received_at", sa.String(40), nullable=False),
        sa.Column("flagged", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("station_id", "seq", name="pk_events"),
        sa.UniqueConstraint("id", name="uq_events_id"),
    )
    op.create_index("ix_events_flagged", "events", ["flagged"])
    op.create_table(
        "county_events",
        sa.Column(
            "cursor",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("id", sa.String(64), nullable=False, unique=True),
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("entity_id", sa.String(200), nullable=False),
        sa.Column("occurred_at", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
    )
    op.create_index("ix_county_events_station", "county_events", ["station_id", "cursor"])


def downgrade() -> None:
    op.drop_table("county_events")
    op.drop_table("events")
    op.drop_table("stations")
