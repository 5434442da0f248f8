"""The household log's running totals per household, station and month
(``county_household_months``) in place of per household and station: the 帮扶台账 page's
villages, income per month and households not helped read a year of these (at most twelve rows
a household and station) instead of the year's log rows, so the page no longer grows with the
township's traffic. Filled from ``county_household_log``, which holds every row they sum.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

FIGURES = ("paid_in_fen", "paid_out_fen", "income_fen", "bought_fen", "fee_waived_fen")
SUMS = ", ".join(f"SUM({name})" for name in FIGURES)
SERVICES = "SUM(CASE WHEN type = 'household.helped' THEN 1 ELSE 0 END)"


def _totals(name: str, *extra: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column("household_id", sa.String(64), primary_key=True),
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        *extra,
        sa.Column("count", sa.BigInteger, nullable=False),  # log rows
        *(sa.Column(figure, sa.BigInteger, nullable=False) for figure in FIGURES),
        sa.Column("services", sa.BigInteger, nullable=False),
    )


def upgrade() -> None:
    _totals("county_household_months", sa.Column("month", sa.String(7), primary_key=True))
    op.create_index(
        "ix_county_household_months_station", "county_household_months", ["station_id", "month"]
    )
    op.execute(
        "INSERT INTO county_household_months (household_id, station_id, month, count, "
        f"{', '.join(FIGURES)}, services) "
        f"SELECT household_id, station_id, SUBSTR(day, 1, 7), COUNT(*), {SUMS}, {SERVICES} "
        "FROM county_household_log GROUP BY household_id, station_id, SUBSTR(day, 1, 7)"
    )
    op.drop_table("county_household_totals")


def downgrade() -> None:
    _totals("county_household_totals")
    op.execute(
        "INSERT INTO county_household_totals (household_id, station_id, count, "
        f"{', '.join(FIGURES)}, services) "
        f"SELECT household_id, station_id, COUNT(*), {SUMS}, {SERVICES} "
        "FROM county_household_log GROUP BY household_id, station_id"
    )
    op.drop_index("ix_county_household_months_station", table_name="county_household_months")
    op.drop_table("county_household_months")
