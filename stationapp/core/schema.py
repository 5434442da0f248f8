"""The station database's schema: the kernel's migrations and every line's (``lines.py``), in the
order of their numbers, recorded in ``_sqlite_migrations``.

Never edit a migration that has shipped; add a new one at the end. Each runs in a transaction
together with the record of it (sqlite-utils' ``Migrations``).
"""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations

from stationapp.core import lines
from stationapp.core.compact_event_log import migrate_compact_event_log
from stationapp.core.line import Migration
from stationapp.core.privacy import migrate_id_numbers
from stationapp.core.settings import migrate_settings_sorted

MIGRATION_SET = "stationapp"


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


KERNEL_MIGRATIONS = (
    Migration("001_event_log", _event_log),
    Migration("002_station", _station),
    # the event log stored compactly (binary ids and hashes; `events` a view of §3's columns)
    Migration("009_compact_event_log", migrate_compact_event_log),
    # settings rows written with their keys sorted, as a rebuild from the events writes them
    Migration("011_settings_sorted", migrate_settings_sorted),
    # resident ID numbers: only the tail stays, the salts go (stationapp/core/privacy.py)
    Migration("012_id_numbers", migrate_id_numbers),
)


def ordered_migrations() -> list[Migration]:
    """The kernel's and every line's steps by number; a number taken twice is refused."""
    steps = [*KERNEL_MIGRATIONS, *(m for line in lines.LINES for m in line.migrations)]
    steps.sort(key=lambda m: m.name)
    numbers = [m.name.partition("_")[0] for m in steps]
    taken_twice = sorted({n for n in numbers if numbers.count(n) > 1})
    if taken_twice:
        raise RuntimeError(f"migration numbers taken twice: {', '.join(taken_twice)}")
    return steps


migrations = Migrations(MIGRATION_SET)
for _step in ordered_migrations():
    migrations(name=_step.name)(_step.apply)


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
