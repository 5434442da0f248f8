"""The parcels line's county read model (sync/server/lines/parcels.py): one row per parcel a
station took in, with its state, so the supervisor web lists the parcels stranded at each
station without walking the event log. Empty when made: ``county-center rebuild-read-models``
fills it from the events already held.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "county_parcels",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("parcel_id", sa.String(200), primary_key=True),
        sa.Column("waybill", sa.String(64), nullable=False),
        sa.Column("carrier", sa.String(40), nullable=False),
        sa.Column("household_id", sa.String(64), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("received_at", sa.String(64), nullable=False),
        sa.Column("ended_at", sa.String(64)),
    )
    op.create_index(
        "ix_county_parcels_waiting", "county_parcels", ["station_id", "state", "received_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_county_parcels_waiting", table_name="county_parcels")
    op.drop_table("county_parcels")
