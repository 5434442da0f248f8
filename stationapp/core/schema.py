"""The station database's schema: named, ordered migrations recorded in ``_sqlite_migrations``.

Never edit a migration that has shipped; add a new one at the end. Each runs in a transaction
together with the record of it (sqlite-utils' ``Migrations``).
"""

from __future__ import annotations

import sqlite3

import sqlite_utils
from sqlite_utils.migrations import Migrations

from stationapp.core.compact_event_log import migrate_compact_event_log
from stationapp.core.county.tables import migrate_county
from stationapp.core.parcels.notice import migrate_lean_texts
from stationapp.core.parcels.store import migrate_customer_tails, migrate_waiting_indexes
from stationapp.core.privacy import migrate_id_numbers
from stationapp.core.settings import migrate_settings_sorted
from stationapp.core.sms.tables import migrate_sms, migrate_sms_relay
from stationapp.core.sync.history import migrate_sync

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


@migrations(name="004_parcels")
def _parcels(db: sqlite_utils.Database) -> None:
    # parcels in: one row per parcel a courier left at the station
    db.execute(
        """
        CREATE TABLE parcels (
            id TEXT PRIMARY KEY,
            waybill TEXT NOT NULL,
            carrier TEXT NOT NULL,
            recipient_name TEXT NOT NULL DEFAULT '',
            recipient_phone TEXT NOT NULL,
            phone_tail TEXT NOT NULL,
            customer_id TEXT NOT NULL DEFAULT '',
            shelf TEXT NOT NULL,
            layer INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            pickup_code TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'picked_up', 'returned')),
            consent TEXT NOT NULL,
            received_at TEXT NOT NULL,
            received_by TEXT NOT NULL DEFAULT '',
            picked_up_at TEXT NOT NULL DEFAULT '',
            picked_up_by TEXT NOT NULL DEFAULT '',
            verified_by TEXT NOT NULL DEFAULT '',
            proxy_name TEXT NOT NULL DEFAULT '',
            proxy_phone TEXT NOT NULL DEFAULT '',
            fee_fen INTEGER NOT NULL DEFAULT 0,
            returned_at TEXT NOT NULL DEFAULT '',
            return_reason TEXT NOT NULL DEFAULT '',
            return_batch TEXT NOT NULL DEFAULT '',
            last_reminder_day TEXT NOT NULL DEFAULT ''
        )
        """
    )
    # a pickup code is unique among the parcels on the shelves; freed when picked up or returned
    db.execute(
        "CREATE UNIQUE INDEX parcels_waiting_slot ON parcels (shelf, layer, seq)"
        " WHERE status = 'waiting'"
    )
    db.execute("CREATE INDEX parcels_code ON parcels (pickup_code)")
    db.execute("CREATE INDEX parcels_waybill ON parcels (waybill)")
    db.execute("CREATE INDEX parcels_phone ON parcels (recipient_phone)")
    db.execute("CREATE INDEX parcels_tail ON parcels (phone_tail)")
    db.execute("CREATE INDEX parcels_status ON parcels (status, received_at)")
    db.execute("CREATE INDEX parcels_customer ON parcels (customer_id)")
    db.execute(
        "CREATE TABLE shelf_counters (shelf TEXT NOT NULL, layer INTEGER NOT NULL,"
        " last_seq INTEGER NOT NULL, PRIMARY KEY (shelf, layer)) WITHOUT ROWID"
    )
    # waybill prefixes the operator confirmed for a carrier: proposed first next time
    db.execute(
        "CREATE TABLE carrier_prefixes (prefix TEXT PRIMARY KEY, carrier TEXT NOT NULL,"
        " confirmed INTEGER NOT NULL) WITHOUT ROWID"
    )
    # parcels out (寄件): real-name sending (migration 012 keeps only the ID's tail)
    db.execute(
        """
        CREATE TABLE sent_parcels (
            id TEXT PRIMARY KEY,
            sender_name TEXT NOT NULL,
            sender_phone TEXT NOT NULL,
            id_type TEXT NOT NULL,
            id_masked TEXT NOT NULL,
            id_hash TEXT NOT NULL,
            item_name TEXT NOT NULL,
            item_category TEXT NOT NULL,
            item_count INTEGER NOT NULL,
            recipient_name TEXT NOT NULL,
            recipient_phone TEXT NOT NULL,
            recipient_address TEXT NOT NULL,
            carrier TEXT NOT NULL,
            weight_g INTEGER NOT NULL,
            fee_fen INTEGER NOT NULL,
            payment TEXT NOT NULL,
            waybill TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL CHECK (status IN ('sent', 'handed_over')),
            sent_at TEXT NOT NULL,
            sent_by TEXT NOT NULL,
            handover_id TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX sent_parcels_day ON sent_parcels (sent_at)")
    db.execute("CREATE INDEX sent_parcels_status ON sent_parcels (status, carrier)")
    db.execute(
        "CREATE TABLE handovers (id TEXT PRIMARY KEY, carrier TEXT NOT NULL,"
        " handed_at TEXT NOT NULL, operator TEXT NOT NULL, count INTEGER NOT NULL)"
    )


# the SMS outbox: its tables are defined beside the outbox (stationapp/core/sms_outbox_tables.py)
migrations(name="005_sms_outbox")(migrate_sms)
# the sync history and healed forks: beside its records (stationapp/core/sync_history.py)
migrations(name="006_sync")(migrate_sync)
# what the county sends (reference data, its events, the feed's cursor): local tables beside
# the feed's reader (stationapp/core/county_schema.py)
migrations(name="007_county")(migrate_county)
# the outbox learns the `relayed` state (texts handed to the county center)
migrations(name="008_sms_relay")(migrate_sms_relay)
# the event log stored compactly (binary ids and hashes; `events` stays as a view of §3's columns)
migrations(name="009_compact_event_log")(migrate_compact_event_log)
# the outbox renders its text on read; a parcel's arrival notice rides on parcel.received
migrations(name="010_lean_texts")(migrate_lean_texts)
# settings rows written with their keys sorted, as a rebuild from the events writes them
migrations(name="011_settings_sorted")(migrate_settings_sorted)
# resident ID numbers: only the tail stays, the salts go (stationapp/core/privacy.py)
migrations(name="012_id_numbers")(migrate_id_numbers)
# waiting parcels found by code, tail and phone through their own indexes; the day's pickups
# and returns by their time (docs/benchmarks.md, "growth")
migrations(name="013_waiting_indexes")(migrate_waiting_indexes)
# known customers found by their phone's last four digits (labels print only those)
migrations(name="014_customer_tails")(migrate_customer_tails)


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
