"""The proxy purchase line's schema step (015): its orders and their items, indexed for what the
screens ask (open orders by state, a villager's orders, the day's figures, a waybill at intake)
so that nothing an operator waits for grows with the history. A shipped step never changes."""

from __future__ import annotations

import sqlite_utils

from stationapp.core.line import Migration


def create_orders(db: sqlite_utils.Database) -> None:
    # one row per order: its state and each step's figures (fen), '' for a step not taken yet
    db.execute(
        """
        CREATE TABLE orders (
            id TEXT PRIMARY KEY,
            order_no TEXT NOT NULL,
            customer_name TEXT NOT NULL,
            customer_phone TEXT NOT NULL,
            household_id TEXT NOT NULL DEFAULT '',
            platform TEXT NOT NULL,
            state TEXT NOT NULL,
            quoted_fen INTEGER NOT NULL,
            fee_fen INTEGER NOT NULL,
            fee_waived_fen INTEGER NOT NULL DEFAULT 0,
            deposit_fen INTEGER NOT NULL DEFAULT 0,
            platform_order_no TEXT NOT NULL DEFAULT '',
            paid_fen INTEGER NOT NULL DEFAULT 0,
            paid_from TEXT NOT NULL DEFAULT '',
            waybill TEXT NOT NULL DEFAULT '',
            parcel_id TEXT NOT NULL DEFAULT '',
            arrived_how TEXT NOT NULL DEFAULT '',
            taken_fen INTEGER NOT NULL DEFAULT 0,
            refunded_fen INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL DEFAULT '',
            return_note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            created_by TEXT NOT NULL,
            placed_at TEXT NOT NULL DEFAULT '',
            shipped_at TEXT NOT NULL DEFAULT '',
            arrived_at TEXT NOT NULL DEFAULT '',
            delivered_at TEXT NOT NULL DEFAULT '',
            delivered_by TEXT NOT NULL DEFAULT '',
            cancelled_at TEXT NOT NULL DEFAULT '',
            returned_at TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute(
        """
        CREATE TABLE order_items (
            order_id TEXT NOT NULL,
            line_no INTEGER NOT NULL,
            name TEXT NOT NULL,
            spec TEXT NOT NULL,
            quantity TEXT NOT NULL,
            unit TEXT NOT NULL,
            unit_price_fen INTEGER NOT NULL,
            amount_fen INTEGER NOT NULL,
            PRIMARY KEY (order_id, line_no)
        )
        """
    )
    # open orders by state, oldest first; the overdue ones are placed/shipped before a day
    db.execute("CREATE INDEX orders_state ON orders (state, created_at)")
    db.execute("CREATE INDEX orders_state_placed ON orders (state, placed_at)")
    db.execute("CREATE INDEX orders_phone ON orders (customer_phone, created_at)")
    db.execute("CREATE INDEX orders_household ON orders (household_id) WHERE household_id != ''")
    # parcel intake asks for a shipped order's waybill with every parcel
    db.execute("CREATE INDEX orders_waybill ON orders (waybill, state)")
    db.execute("CREATE INDEX orders_parcel ON orders (parcel_id)")
    db.execute("CREATE INDEX orders_no ON orders (order_no)")
    for step in ("created", "placed", "arrived", "delivered", "cancelled", "returned"):
        db.execute(f"CREATE INDEX orders_{step}_at ON orders ({step}_at)")


def add_order_returns(db: sqlite_utils.Database) -> None:
    # the goods sent back through the sending screen (order.return_sent), and what the platform
    # gave back to the station's account (order.platform_refunded), one row a refund: an order
    # may be refunded in parts, on different days, and the day's totals count each by its day
    for column in ("return_sent_id", "return_carrier", "return_waybill", "return_sent_at"):
        db.execute(f"ALTER TABLE orders ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE orders ADD COLUMN platform_refunded_fen INTEGER NOT NULL DEFAULT 0")
    db.execute(
        """
        CREATE TABLE order_platform_refunds (
            event_id TEXT PRIMARY KEY,
            order_id TEXT NOT NULL,
            account TEXT NOT NULL,
            fen INTEGER NOT NULL,
            refunded_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX order_platform_refunds_at ON order_platform_refunds (refunded_at)")
    db.execute("CREATE INDEX order_platform_refunds_order ON order_platform_refunds (order_id)")
    db.execute("CREATE INDEX orders_return_sent ON orders (return_sent_id)")


MIGRATIONS = (
    Migration("015_orders", create_orders),
    Migration("018_order_returns", add_order_returns),
)
