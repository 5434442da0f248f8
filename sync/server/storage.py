"""The county's database through SQLAlchemy Core: one code path for SQLite and PostgreSQL.

The tables are declared here for queries; their creation and changes are Alembic migrations
(``migrations/``), run when the storage opens.

What differs between the two is kept here: SQLite takes its write lock at BEGIN (a push waits
for another instead of failing), PostgreSQL locks the station's row (``SELECT ... FOR UPDATE``)
and runs at READ COMMITTED; integers that grow (seq, cursors) are 64-bit on both; a failed
statement ends the transaction on PostgreSQL, so code that catches an IntegrityError starts a
new one (``ingest.push`` does).
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from stationapp.core.events import GENESIS_HASH
from sync.server.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

metadata = sa.MetaData()

stations = sa.Table(
    "stations",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("township", sa.String(200), nullable=False),
    sa.Column("village", sa.String(200), nullable=False),
    sa.Column("code_hash", sa.String(64), unique=True),
    sa.Column("code_used", sa.Boolean, nullable=False, default=False),
    sa.Column("token_hash", sa.String(64), unique=True),
    sa.Column("device_name", sa.String(200), nullable=False, default=""),
    sa.Column("app_version", sa.String(200), nullable=False, default=""),
    sa.Column("head_seq", sa.BigInteger, nullable=False, default=0),
    sa.Column("head_hash", sa.String(64), nullable=False, default=GENESIS_HASH),
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
    sa.Column("flagged", sa.Boolean, nullable=False, default=False),
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


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def driver_url(url: str) -> str:
    """``postgresql://`` (or ``postgres://``) with the driver SQLAlchemy should use."""
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg2://" + url.removeprefix(scheme)
    return url


def create_engine(url: str) -> sa.Engine:
    if is_sqlite(url):
        engine = sa.create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=True
        )
        _serialize_sqlite_writers(engine)
        return engine
    return sa.create_engine(
        driver_url(url),
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        # names the county's sessions in pg_stat_activity
        connect_args={"application_name": "county-center"},
    )


def _serialize_sqlite_writers(engine: sa.Engine) -> None:
    """SQLite: WAL, foreign keys, and BEGIN IMMEDIATE so two pushes wait for each other instead
    of failing when both try to upgrade a read lock (PostgreSQL locks the station row)."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the newest Alembic revision (the config is built here, not read)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


class Storage:
    """The engine of one county database, migrated on open."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, settings: Settings) -> Storage:
        if not settings.database_url:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = create_engine(settings.url)
        migrate(engine)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()
