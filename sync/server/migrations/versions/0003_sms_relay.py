"""The SMS relay: the texts stations hand to the county center, and what became of each.

One row per station text (UNIQUE station_id + text_id): a push that comes twice, or another
station's text with the same id, never makes a second row for one text. Times are ISO 8601
strings in one form (Asia/Shanghai, milliseconds), so they compare as strings on every database.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _text(name: str, length: int | None = None) -> sa.Column:
    kind = sa.String(length) if length else sa.Text
    return sa.Column(name, kind, nullable=False, server_default="")


def upgrade() -> None:
    op.create_table(
        "sms_relay",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), nullable=False),
        sa.Column("text_id", sa.String(200), nullable=False),
        sa.Column("request_id", sa.String(64), nullable=False),
        sa.Column("requests", sa.Integer, nullable=False, server_default="1"),
        _text("phone", 20),
        _text("text"),
        _text("template", 100),
        sa.Column("params", sa.Text, nullable=False, server_default="{}"),
        _text("signature", 100),
        sa.Column("parts", sa.Integer, nullable=False, server_default="1"),
        _text("purpose", 100),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("tries", sa.Integer, nullable=False, server_default="0"),
        _text("next_at", 40),
        _text("claimed_at", 40),
        _text("claimed_by", 200),
        _text("provider", 20),
        _text("message_id", 200),
        _text("code", 100),
        _text("reason"),
        _text("detail"),
        sa.Column("requested_at", sa.String(40), nullable=False),
        _text("sent_at", 40),
        _text("finished_at", 40),
        _text("event_id", 64),
        sa.CheckConstraint(
            "status IN ('queued', 'sending', 'sent', 'failed')", name="ck_sms_relay_status"
        ),
        sa.UniqueConstraint("station_id", "text_id", name="uq_sms_relay_text"),
    )
    op.create_index("ix_sms_relay_due", "sms_relay", ["status", "next_at"])
    op.create_index("ix_sms_relay_phone", "sms_relay", ["phone", "sent_at"])


def downgrade() -> None:
    op.drop_index("ix_sms_relay_phone", table_name="sms_relay")
    op.drop_index("ix_sms_relay_due", table_name="sms_relay")
    op.drop_table("sms_relay")
