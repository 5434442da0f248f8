"""Users, and station clocks.

``users``: the people of the supervisor web (DESIGN §6): a township supervisor sees the stations
of their township, the county admin sees all; passwords as argon2 hashes only.
``station_clocks``: each station's last measured clock skew, flagged while it is more than five
minutes off (DESIGN §5).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("township", sa.String(200)),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.UniqueConstraint("name", name="uq_users_name"),
        sa.CheckConstraint(
            "(role = 'admin' AND township IS NULL)"
            " OR (role = 'supervisor' AND township IS NOT NULL AND township <> '')",
            name="ck_users_role_township",
        ),
    )
    op.create_table(
        "station_clocks",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("skew_seconds", sa.BigInteger, nullable=False),
        sa.Column("station_time", sa.String(64), nullable=False),
        sa.Column("measured_at", sa.String(40), nullable=False),
        sa.Column("off_since", sa.String(40)),
    )
    op.create_index("ix_station_clocks_off_since", "station_clocks", ["off_since"])


def downgrade() -> None:
    op.drop_index("ix_station_clocks_off_since", table_name="station_clocks")
    op.drop_table("station_clocks")
    op.drop_table("users")
