"""The county's database through SQLAlchemy Core: one code path for SQLite and PostgreSQL.

The tables are declared in ``tables.py``; their creation and changes are Alembic migrations
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

from sync.server.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
        # a push's read models move many rows at once (UPDATE ... executemany): psycopg2's
        # execute_batch sends them a page per round trip instead of one row per round trip
        executemany_mode="values_plus_batch",
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
