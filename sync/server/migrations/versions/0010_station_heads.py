"""What each station last said its own log's head was (``X-Station-Head`` on its pushes), so
the supervisor web shows how many records still wait at the station (its head less the
county's).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "station_heads",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("head_seq", sa.BigInteger, nullable=False),
        sa.Column("reported_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("station_heads")
