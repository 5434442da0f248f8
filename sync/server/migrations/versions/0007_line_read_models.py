"""The business lines' county read models (sync/server/lines/, docs/county-read-models.md).

``county_orders`` (each station's orders and their state), ``county_produce_days`` (purchases
and sales per station, business day, product, grade and unit), ``county_consignments`` (the
lots, what of them was sold and settled), ``county_household_log`` (every event naming a
registered household) and ``county_household_totals`` (per household and station). Empty when
made: ``county-center rebuild-read-models`` fills them from the events already held.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "county_orders",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("order_id", sa.String(200), primary_key=True),
        sa.Column("order_no", sa.String(40), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("household_id", sa.String(64), nullable=False),
        sa.Column("platform", sa.String(100), nullable=False),
        sa.Column("quoted_fen", sa.BigInteger, nullable=False),
        sa.Column("paid_fen", sa.BigInteger),
        sa.Column("fee_fen", sa.BigInteger, nullable=False),
        sa.Column("fee_waived_fen", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.String(64), nullable=False),
    )
    op.create_index("ix_county_orders_state", "county_orders", ["station_id", "state"])
    op.create_table(
        "county_produce_days",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("kind", sa.String(10), primary_key=True),  # bought or sold
        sa.Column("product", sa.String(200), primary_key=True),
        sa.Column("grade", sa.String(40), primary_key=True),
        sa.Column("unit", sa.String(10), primary_key=True),
        sa.Column("product_name", sa.String(200), nullable=False),
        sa.Column("count", sa.BigInteger, nullable=False),
        sa.Column("quantity_milli", sa.BigInteger, nullable=False),
        sa.Column("amount_fen", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_county_produce_days_day", "county_produce_days", ["day", "kind"])
    op.create_table(
        "county_consignments",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("lot_id", sa.String(200), primary_key=True),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("consignor_name", sa.String(200), nullable=False),
        sa.Column("household_id", sa.String(64), nullable=False),
        sa.Column("product", sa.String(200), nullable=False),
        sa.Column("product_name", sa.String(200), nullable=False),
        sa.Column("grade", sa.String(40), nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("quantity_milli", sa.BigInteger, nullable=False),
        sa.Column("asking_price_fen", sa.BigInteger, nullable=False),
        sa.Column("sold_milli", sa.BigInteger, nullable=False),
        sa.Column("proceeds_fen", sa.BigInteger, nullable=False),
        sa.Column("settled_milli", sa.BigInteger, nullable=False),
        sa.Column("commission_fen", sa.BigInteger, nullable=False),
        sa.Column("paid_fen", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "county_household_log",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("household_id", sa.String(64), nullable=False),
        sa.Column("type", sa.String(100), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("occurred_at", sa.String(64), nullable=False),
        sa.Column("operator", sa.String(200), nullable=False),
        sa.Column("person", sa.String(200), nullable=False),
        sa.Column("paid_in_fen", sa.BigInteger, nullable=False),
        sa.Column("paid_out_fen", sa.BigInteger, nullable=False),
        sa.Column("income_fen", sa.BigInteger, nullable=False),
        sa.Column("bought_fen", sa.BigInteger, nullable=False),
        sa.Column("fee_waived_fen", sa.BigInteger, nullable=False),
        sa.Column("service", sa.String(20), nullable=False),
        sa.Column("product", sa.String(200), nullable=False),
        sa.Column("grade", sa.String(40), nullable=False),
        sa.Column("quantity", sa.String(40), nullable=False),
        sa.Column("unit", sa.String(10), nullable=False),
        sa.Column("unit_price_fen", sa.BigInteger),
    )
    op.create_index(
        "ix_county_household_log_household", "county_household_log", ["household_id", "day"]
    )
    op.create_index("ix_county_household_log_day", "county_household_log", ["station_id", "day"])
    op.create_table(
        "county_household_totals",
        sa.Column("household_id", sa.String(64), primary_key=True),
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("count", sa.BigInteger, nullable=False),  # log rows
        sa.Column("paid_in_fen", sa.BigInteger, nullable=False),
        sa.Column("paid_out_fen", sa.BigInteger, nullable=False),
        sa.Column("income_fen", sa.BigInteger, nullable=False),
        sa.Column("bought_fen", sa.BigInteger, nullable=False),
        sa.Column("fee_waived_fen", sa.BigInteger, nullable=False),
        sa.Column("services", sa.BigInteger, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("county_household_totals")
    op.drop_index("ix_county_household_log_household", table_name="county_household_log")
    op.drop_index("ix_county_household_log_day", table_name="county_household_log")
    op.drop_table("county_household_log")
    op.drop_table("county_consignments")
    op.drop_index("ix_county_produce_days_day", table_name="county_produce_days")
    op.drop_table("county_produce_days")
    op.drop_index("ix_county_orders_state", table_name="county_orders")
    op.drop_table("county_orders")
