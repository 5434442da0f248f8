"""Every table of the county's database, declared on one ``metadata`` for the queries.

Their creation and changes are Alembic migrations (``migrations/``), run when the storage opens;
``tests/test_county_migrations.py`` checks that the migrated database and these declarations
agree, on SQLite and PostgreSQL. The declarations carry the database's own defaults
(``server_default``) and CHECK constraints as the migrations made them, beside the defaults the
code fills in (``default``).
"""

from __future__ import annotations

import sqlalchemy as sa

from stationapp.core.event_store import GENESIS_HASH

USER_NAME_LENGTH = 100
TOWNSHIP_LENGTH = 200

metadata = sa.MetaData()

stations = sa.Table(
    "stations",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("township", sa.String(200), nullable=False),
    sa.Column("village", sa.String(200), nullable=False),
    sa.Column("code_hash", sa.String(64), unique=True),
    sa.Column("code_used", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.Column("token_hash", sa.String(64), unique=True),
    sa.Column("device_name", sa.String(200), nullable=False, default="", server_default=""),
    sa.Column("app_version", sa.String(200), nullable=False, default="", server_default=""),
    sa.Column("head_seq", sa.BigInteger, nullable=False, default=0, server_default="0"),
    sa.Column(
        "head_hash",
        sa.String(64),
        nullable=False,
        default=GENESIS_HASH,
        server_default=GENESIS_HASH,
    ),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("enrolled_at", sa.String(40)),
    sa.Column("flagged_reason", sa.Text),
)

events = sa.Table(
    "events",
    metadata,
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
    sa.Column("flagged", sa.Boolean, nullable=False, default=False, server_default=sa.false()),
    sa.PrimaryKeyConstraint("station_id", "seq", name="pk_events"),
    # an event id is unique within its station (DESIGN §5): another station's ids never block it
    sa.UniqueConstraint("station_id", "id", name="uq_events_station_id"),
    sa.Index("ix_events_flagged", "flagged"),
)

# facts the county adds about a station's entities (bill.paid, sms.sent...): the feed's events
county_events = sa.Table(
    "county_events",
    metadata,
    sa.Column("cursor", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("id", sa.String(64), nullable=False, unique=True),
    sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), nullable=False),
    sa.Column("type", sa.String(100), nullable=False),
    sa.Column("entity_id", sa.String(200), nullable=False),
    sa.Column("occurred_at", sa.String(64), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Index("ix_county_events_station", "station_id", "cursor"),
)

# --- reference data and the feed (migration 0002) --------------------------------------------

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

# --- the SMS relay (migration 0003) ---------------------------------------------------------

sms_relay = sa.Table(
    "sms_relay",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), nullable=False),
    sa.Column("text_id", sa.String(200), nullable=False),
    sa.Column("request_id", sa.String(64), nullable=False),  # the station event that asked
    # asked again after Retry
    sa.Column("requests", sa.Integer, nullable=False, default=1, server_default="1"),
    sa.Column("phone", sa.String(20), nullable=False, server_default=""),
    sa.Column("text", sa.Text, nullable=False, server_default=""),
    sa.Column("template", sa.String(100), nullable=False, server_default=""),
    sa.Column("params", sa.Text, nullable=False, server_default="{}"),
    sa.Column("signature", sa.String(100), nullable=False, server_default=""),
    sa.Column("parts", sa.Integer, nullable=False, server_default="1"),
    sa.Column("purpose", sa.String(100), nullable=False, server_default=""),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("tries", sa.Integer, nullable=False, default=0, server_default="0"),
    sa.Column("next_at", sa.String(40), nullable=False, default="", server_default=""),
    sa.Column("claimed_at", sa.String(40), nullable=False, default="", server_default=""),
    sa.Column("claimed_by", sa.String(200), nullable=False, default="", server_default=""),
    sa.Column("provider", sa.String(20), nullable=False, default="", server_default=""),
    sa.Column("message_id", sa.String(200), nullable=False, default="", server_default=""),
    sa.Column("code", sa.String(100), nullable=False, default="", server_default=""),
    sa.Column("reason", sa.Text, nullable=False, default="", server_default=""),
    # the service's words, county only
    sa.Column("detail", sa.Text, nullable=False, default="", server_default=""),
    sa.Column("requested_at", sa.String(40), nullable=False),
    sa.Column("sent_at", sa.String(40), nullable=False, default="", server_default=""),
    sa.Column("finished_at", sa.String(40), nullable=False, default="", server_default=""),
    # the answer in the feed
    sa.Column("event_id", sa.String(64), nullable=False, default="", server_default=""),
    sa.CheckConstraint(
        "status IN ('queued', 'sending', 'sent', 'failed')", name="ck_sms_relay_status"
    ),
    sa.UniqueConstraint("station_id", "text_id", name="uq_sms_relay_text"),
    sa.Index("ix_sms_relay_due", "status", "next_at"),
    sa.Index("ix_sms_relay_phone", "phone", "sent_at"),
)

# --- users and station clocks (migration 0004) ----------------------------------------------

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("name", sa.String(USER_NAME_LENGTH), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("township", sa.String(TOWNSHIP_LENGTH)),  # NULL for an admin
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, default=True, server_default=sa.true()),
    sa.CheckConstraint(
        "(role = 'admin' AND township IS NULL)"
        " OR (role = 'supervisor' AND township IS NOT NULL AND township <> '')",
        name="ck_users_role_township",
    ),
)

station_clocks = sa.Table(
    "station_clocks",
    metadata,
    sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
    sa.Column("skew_seconds", sa.BigInteger, nullable=False),  # station minus county
    sa.Column("station_time", sa.String(64), nullable=False),  # as the station sent it
    sa.Column("measured_at", sa.String(40), nullable=False),  # the county's time
    sa.Column("off_since", sa.String(40)),  # first measurement of this stretch off; NULL: fine
    sa.Index("ix_station_clocks_off_since", "off_since"),
)

# --- the business lines' read models (migration 0007, sync/server/lines/) --------------------
# Written from each push's new events and rebuilt from the stored events; quantities are kept in
# thousandths of their unit (a payload's quantity has at most three decimals), money in fen.

county_orders = sa.Table(
    "county_orders",
    metadata,
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
    sa.Index("ix_county_orders_state", "station_id", "state"),
)

county_produce_days = sa.Table(
    "county_produce_days",
    metadata,
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
    sa.Index("ix_county_produce_days_day", "day", "kind"),
)

county_consignments = sa.Table(
    "county_consignments",
    metadata,
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

county_household_log = sa.Table(
    "county_household_log",
    metadata,
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
    sa.Index("ix_county_household_log_household", "household_id", "day"),
    sa.Index("ix_county_household_log_day", "station_id", "day"),
)

# per household, station and month (migration 0011): the 帮扶台账 page reads a year of these
county_household_months = sa.Table(
    "county_household_months",
    metadata,
    sa.Column("household_id", sa.String(64), primary_key=True),
    sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
    sa.Column("month", sa.String(7), primary_key=True),  # YYYY-MM of the rows' business day
    sa.Column("count", sa.BigInteger, nullable=False),  # log rows
    sa.Column("paid_in_fen", sa.BigInteger, nullable=False),
    sa.Column("paid_out_fen", sa.BigInteger, nullable=False),
    sa.Column("income_fen", sa.BigInteger, nullable=False),
    sa.Column("bought_fen", sa.BigInteger, nullable=False),
    sa.Column("fee_waived_fen", sa.BigInteger, nullable=False),
    sa.Column("services", sa.BigInteger, nullable=False),
    sa.Index("ix_county_household_months_station", "station_id", "month"),
)

# each station's events per business day and line (migration 0008, sync/server/lines/activity.py):
# the stations page's "today's activity" and "silent for N days" read it, never the events
county_station_days = sa.Table(
    "county_station_days",
    metadata,
    sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
    sa.Column("day", sa.String(10), primary_key=True),
    sa.Column("line", sa.String(40), primary_key=True),  # the event type's first word: parcel...
    sa.Column("count", sa.BigInteger, nullable=False),
    sa.Index("ix_county_station_days_day", "day"),
)

# --- the supervisor web: sessions, lockout, audit (migration 0008, sync/server/web/) ---------

web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),  # sha256 of the cookie's value
    sa.Column("user_id", sa.BigInteger, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("seen_at", sa.String(40), nullable=False),  # the last request (idle timeout)
    sa.Column("ended_at", sa.String(40)),  # logged out, or the user disabled; NULL: live
    sa.Index("ix_web_sessions_user", "user_id", "ended_at"),
)

web_login_failures = sa.Table(
    "web_login_failures",
    metadata,
    sa.Column("name", sa.String(USER_NAME_LENGTH), primary_key=True),  # as typed, casefolded
    sa.Column("failures", sa.BigInteger, nullable=False),  # wrong passwords in a row
    sa.Column("last_at", sa.String(40), nullable=False),
    sa.Column("locked_until", sa.String(40)),
)

web_audit = sa.Table(
    "web_audit",
    metadata,
    sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("user_name", sa.String(USER_NAME_LENGTH), nullable=False),
    sa.Column("action", sa.String(60), nullable=False),  # login, logout, create_station, ...
    sa.Column("target", sa.String(200), nullable=False, default="", server_default=""),
    sa.Column("detail", sa.Text, nullable=False, default="", server_default=""),
    sa.Column("address", sa.String(64), nullable=False, default="", server_default=""),
    sa.Index("ix_web_audit_at", "at"),
)

# each station's parcels and where they are (migration 0009, sync/server/lines/parcels.py): the
# supervisor's "parcels stranded at each station" reads the waiting ones by their index
county_parcels = sa.Table(
    "county_parcels",
    metadata,
    sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
    sa.Column("parcel_id", sa.String(200), primary_key=True),
    sa.Column("waybill", sa.String(64), nullable=False),
    sa.Column("carrier", sa.String(40), nullable=False),
    sa.Column("household_id", sa.String(64), nullable=False),  # '' unless registered
    sa.Column("state", sa.String(12), nullable=False),  # waiting, picked_up, returned
    sa.Column("received_at", sa.String(64), nullable=False),
    sa.Column("ended_at", sa.String(64)),  # picked up or returned; NULL while waiting
    sa.Index("ix_county_parcels_waiting", "station_id", "state", "received_at"),
)

# what each station last said its own log's head was (migration 0010): with the county's head
# (stations.head_seq), the records still waiting at the station to be pushed
station_heads = sa.Table(
    "station_heads",
    metadata,
    sa.Column("station_id", sa.String(64), sa.ForeignKey("stations.id"), primary_key=True),
    sa.Column("head_seq", sa.BigInteger, nullable=False),  # the station's own last seq
    sa.Column("reported_at", sa.String(40), nullable=False),  # the county's time
)
