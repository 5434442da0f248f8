"""The supervisor web's own records (sync/server/web/, DESIGN §6).

``web_sessions``: one row per login, the cookie kept only as its sha256; a session ends at
logout or when its user is disabled, and is refused after its idle or absolute timeout.
``web_login_failures``: wrong passwords in a row per name, and the lockout they bring.
``web_audit``: what each user did (logins, and every admin action).
``county_station_days``: each station's events per business day and line (a read model, built
at ingest like 0007's; ``county-center rebuild-read-models`` fills it from the events held).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "county_station_days",
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("line", sa.String(40), primary_key=True),
        sa.Column("count", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_county_station_days_day", "county_station_days", ["day"])
    op.create_table(
        "web_sessions",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.BigInteger, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("seen_at", sa.String(40), nullable=False),
        sa.Column("ended_at", sa.String(40)),
    )
    op.create_index("ix_web_sessions_user", "web_sessions", ["user_id", "ended_at"])
    op.create_table(
        "web_login_failures",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("failures", sa.BigInteger, nullable=False),
        sa.Column("last_at", sa.String(40), nullable=False),
        sa.Column("locked_until", sa.String(40)),
    )
    op.create_table(
        "web_audit",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer, "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("target", sa.String(200), nullable=False, server_default=""),
        sa.Column("detail", sa.Text, nullable=False, server_default=""),
        sa.Column("address", sa.String(64), nullable=False, server_default=""),
    )
    op.create_index("ix_web_audit_at", "web_audit", ["at"])


def downgrade() -> None:
    op.drop_index("ix_web_audit_at", table_name="web_audit")
    op.drop_table("web_audit")
    op.drop_table("web_login_failures")
    op.drop_index("ix_web_sessions_user", table_name="web_sessions")
    op.drop_table("web_sessions")
    op.drop_index("ix_county_station_days_day", table_name="county_station_days")
    op.drop_table("county_station_days")
