"""The parcels line's schema steps: its tables as first made (003, 004) and the later steps kept
beside the code they serve. Never edit a step that has shipped; add a new one."""

from __future__ import annotations

import sqlite_utils

from stationapp.core.line import Migration
from stationapp.core.parcels.store import (
    migrate_customer_tails,
    migrate_parcel_indexes,
    migrate_waiting_indexes,
)
from stationapp.core.sms.tables import migrate_lean_outbox


def create_customers(db: sqlite_utils.Database) -> None:
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


def create_parcels(db: sqlite_utils.Database) -> None:
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


def migrate_lean_texts(db: sqlite_utils.Database) -> None:
    """Migration ``010_lean_texts``: the outbox keeps each text's signature instead of the text
    itself, and the parcels' indexes shrink to what their queries need."""
    migrate_lean_outbox(db)
    migrate_parcel_indexes(db)


MIGRATIONS = (
    Migration("003_customers", create_customers),
    Migration("004_parcels", create_parcels),
    # the outbox renders its text on read; a parcel's arrival notice rides on parcel.received
    Migration("010_lean_texts", migrate_lean_texts),
    # waiting parcels found by code, tail and phone through their own indexes; the day's
    # pickups and returns by their time (docs/benchmarks.md, "growth")
    Migration("013_waiting_indexes", migrate_waiting_indexes),
    # known customers found by their phone's last four digits (labels print only those)
    Migration("014_customer_tails", migrate_customer_tails),
)
