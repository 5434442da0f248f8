"""The station database's schema: named, ordered migrations recorded in ``_sqlite_migrations``.

Never edit a migration that has shipped; add a new one at the end. Each runs in a transaction
together with the record of it (sqlite-utils' ``Migrations``).
"""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "stationapp"
migrations = Migrations(MIGRATION_SET)


@migrations(name="001_event_log")
def _event_log(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL DEFAULT '',
            seq INTEGER NOT NULL UNIQUE,
            type TEXT NOT NULL,
            entity_id TEXT NOT NULL DEFAULT '',
            occurred_at TEXT NOT NULL,
            operator TEXT NOT NULL DEFAULT '',
            payload TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL,
            pushed INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE INDEX events_entity ON events (entity_id)")
    db.execute("CREATE INDEX events_unpushed ON events (seq) WHERE pushed = 0")
    # local facts about this installation, not derived from events
    db.execute("CREATE TABLE station_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations(name="002_station")
def _station(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE operators (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            role TEXT NOT NULL CHECK (role IN ('operator', 'manager')),
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE voided_events (
            event_id TEXT PRIMARY KEY,
            void_event_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            voided_by TEXT NOT NULL,
            voided_at TEXT NOT NULL
        )
        """
    )
    # local only: PIN hashes never travel in events (they would reach the county)
    db.execute(
        """
        CREATE TABLE credentials (
            operator_id TEXT PRIMARY KEY REFERENCES operators (id),
            salt BLOB NOT NULL,
            pin_hash BLOB NOT NULL,
            failed_count INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE login_audit (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            name TEXT NOT NULL,
            ok INTEGER NOT NULL,
            reason TEXT NOT NULL DEFAULT ''
        )
        """
    )


@migrations(name="003_customers")
def _customers(db: sqlite_utils.Database) -> None:
    # villagers the station serves (parcels, purchases, bills): found by phone or pinyin initials
    db.execute(
        """
        CREATE TABLE customers (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            phone TEXT NOT NULL DEFAULT '',
            village_group TEXT NOT NULL DEFAULT '',
            search_key TEXT NOT NULL DEFAULT '',
            household_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX customers_phone ON customers (phone)")
    db.execute("CREATE INDEX customers_search ON customers (search_key)")


def pending(conn: sqlite3.Connection) -> list[str]:
    return [m.name for m in migrations.pending(sqlite_utils.Database(conn))]


def migrate(conn: sqlite3.Connection, *, stop_before: str | None = None) -> list[str]:
    """Apply pending migrations; returns their names."""
    db = sqlite_utils.Database(conn)
    names = [m.name for m in migrations.pending(db)]
    migrations.apply(db, stop_before=stop_before)
    if stop_before in names:
        names = names[: names.index(stop_before)]
    return names


def create_empty(conn: sqlite3.Connection) -> None:
    """The whole current schema in an empty database (verify's scratch rebuild)."""
    migrate(conn)
