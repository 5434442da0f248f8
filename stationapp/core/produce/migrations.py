"""The produce line's schema steps. Never edit a step that has shipped; add a new one."""

from __future__ import annotations

import sqlite_utils

from stationapp.core.line import Migration


def create_produce(db: sqlite_utils.Database) -> None:
    """Purchases, consigned lots, sales and their lines, settlements, and the running stock;
    indexed by what the produce page asks (today's rows, open lots, lots to settle)."""
    db.execute(
        """
        CREATE TABLE produce_purchases (
            id TEXT PRIMARY KEY,
            bought_at TEXT NOT NULL,
            customer_id TEXT NOT NULL DEFAULT '',
            seller_name TEXT NOT NULL,
            seller_phone TEXT NOT NULL DEFAULT '',
            household_id TEXT NOT NULL DEFAULT '',
            product TEXT NOT NULL,
            product_name TEXT NOT NULL,
            grade TEXT NOT NULL,
            unit TEXT NOT NULL,
            quantity TEXT NOT NULL,
            grams INTEGER NOT NULL,
            source TEXT NOT NULL,
            unit_price_fen INTEGER NOT NULL,
            amount_fen INTEGER NOT NULL,
            paid_by TEXT NOT NULL,
            operator TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX produce_purchases_day ON produce_purchases (bought_at)")
    db.execute(
        "CREATE INDEX produce_purchases_household ON produce_purchases (household_id, bought_at)"
    )
    db.execute(
        """
        CREATE TABLE produce_stock (
            product TEXT NOT NULL,
            grade TEXT NOT NULL,
            unit TEXT NOT NULL,
            product_name TEXT NOT NULL,
            own TEXT NOT NULL,
            consigned TEXT NOT NULL,
            PRIMARY KEY (product, grade, unit)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE produce_lots (
            id TEXT PRIMARY KEY,
            consigned_at TEXT NOT NULL,
            customer_id TEXT NOT NULL DEFAULT '',
            consignor_name TEXT NOT NULL,
            consignor_phone TEXT NOT NULL DEFAULT '',
            household_id TEXT NOT NULL DEFAULT '',
            product TEXT NOT NULL,
            product_name TEXT NOT NULL,
            grade TEXT NOT NULL,
            unit TEXT NOT NULL,
            quantity TEXT NOT NULL,
            sold TEXT NOT NULL,
            settled TEXT NOT NULL,
            asking_price_fen INTEGER NOT NULL,
            commission_kind TEXT NOT NULL,
            commission_value TEXT NOT NULL,
            sold_fen INTEGER NOT NULL,
            settled_sold_fen INTEGER NOT NULL,
            commission_fen INTEGER NOT NULL,
            paid_fen INTEGER NOT NULL,
            is_open INTEGER NOT NULL,
            to_settle INTEGER NOT NULL,
            operator TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX produce_lots_open ON produce_lots (is_open, consigned_at)")
    db.execute("CREATE INDEX produce_lots_to_settle ON produce_lots (to_settle, consigned_at)")
    db.execute(
        """
        CREATE TABLE produce_sales (
            id TEXT PRIMARY KEY,
            sold_at TEXT NOT NULL,
            buyer TEXT NOT NULL,
            channel TEXT NOT NULL,
            amount_fen INTEGER NOT NULL,
            paid_by TEXT NOT NULL,
            operator TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX produce_sales_day ON produce_sales (sold_at)")
    db.execute(
        """
        CREATE TABLE produce_sale_lines (
            sale_id TEXT NOT NULL,
            line INTEGER NOT NULL,
            lot_id TEXT NOT NULL DEFAULT '',
            product TEXT NOT NULL,
            product_name TEXT NOT NULL,
            grade TEXT NOT NULL,
            unit TEXT NOT NULL,
            quantity TEXT NOT NULL,
            unit_price_fen INTEGER NOT NULL,
            amount_fen INTEGER NOT NULL,
            PRIMARY KEY (sale_id, line)
        )
        """
    )
    db.execute("CREATE INDEX produce_sale_lines_lot ON produce_sale_lines (lot_id)")
    db.execute(
        """
        CREATE TABLE produce_settlements (
            id TEXT PRIMARY KEY,
            lot_id TEXT NOT NULL,
            settled_at TEXT NOT NULL,
            quantity TEXT NOT NULL,
            proceeds_fen INTEGER NOT NULL,
            commission_fen INTEGER NOT NULL,
            paid_fen INTEGER NOT NULL,
            paid_by TEXT NOT NULL,
            operator TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX produce_settlements_lot ON produce_settlements (lot_id)")


MIGRATIONS = (Migration("016_produce", create_produce),)
