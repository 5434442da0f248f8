"""The produce line's tables and their projectors: purchases, consigned lots, sales, settlements,
and the running stock per product, grade and unit (kept up to date by each event, so reading it
never sums the history). A void reverts its event, refused when a later step depends on it."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from typing import Any

from stationapp.core.errors import StateError
from stationapp.core.events import Event, Replay
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.produce.quantities import decimal_text, grams
from stationapp.core.projections import Projector


def _methods(payload: dict[str, Any]) -> str:
    """The payload's money methods, joined: what a list on screen shows as 'paid how'."""
    return "+".join(dict.fromkeys(e["method"] for e in payload.get("money", [])))


def _stock_row(
    conn: sqlite3.Connection, product: str, grade: str, unit: str
) -> tuple[Decimal, Decimal] | None:
    row = conn.execute(
        "SELECT own, consigned FROM produce_stock WHERE product = ? AND grade = ? AND unit = ?",
        (product, grade, unit),
    ).fetchone()
    return None if row is None else (Decimal(row[0]), Decimal(row[1]))


def change_stock(
    conn: sqlite3.Connection,
    line: dict[str, Any],
    *,
    own: Decimal = Decimal(0),
    consigned: Decimal = Decimal(0),
) -> None:
    """Move the running stock of ``line``'s product, grade and unit; it never goes below zero
    (a void that would take away goods sold since is refused)."""
    key = (line["product"], line["grade"], line["unit"])
    had = _stock_row(conn, *key)
    if had is None:
        conn.execute(
            "INSERT INTO produce_stock (product, grade, unit, product_name, own, consigned)"
            " VALUES (?, ?, ?, ?, '0', '0')",
            (*key, line["product_name"]),
        )
        had = (Decimal(0), Decimal(0))
    new_own, new_consigned = had[0] + own, had[1] + consigned
    if new_own < 0 or new_consigned < 0:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "These goods were sold since; void the sale first, then this.",
            )
        )
    conn.execute(
        "UPDATE produce_stock SET own = ?, consigned = ? WHERE product = ? AND grade = ?"
        " AND unit = ?",
        (decimal_text(new_own), decimal_text(new_consigned), *key),
    )


# --- 收购 ----------------------------------------------------------------------------------


def _bought(replay: Replay, event: Event) -> None:
    p = event.payload
    quantity = Decimal(p["quantity"])
    replay.conn.execute(
        "INSERT INTO produce_purchases (id, bought_at, customer_id, seller_name, seller_phone,"
        " household_id, product, product_name, grade, unit, quantity, grams, source,"
        " unit_price_fen, amount_fen, paid_by, operator)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.entity_id,
            event.occurred_at,
            p.get("customer_id", ""),
            p["seller_name"],
            p.get("seller_phone", ""),
            p.get("household_id", ""),
            p["product"],
            p["product_name"],
            p["grade"],
            p["unit"],
            p["quantity"],
            grams(quantity, p["unit"]),
            p["weighing"]["source"],
            p["unit_price_fen"],
            p["amount_fen"],
            _methods(p),
            event.operator,
        ),
    )
    change_stock(replay.conn, p, own=quantity)


def _revert_bought(replay: Replay, event: Event) -> None:
    change_stock(replay.conn, event.payload, own=-Decimal(event.payload["quantity"]))
    replay.conn.execute("DELETE FROM produce_purchases WHERE id = ?", (event.entity_id,))


# --- 代销: lots taken in, settled -------------------------------------------------------------

LOT_COLUMNS = (
    "id, consigned_at, customer_id, consignor_name, consignor_phone, household_id, product,"
    " product_name, grade, unit, quantity, sold, settled, asking_price_fen, commission_kind,"
    " commission_value, sold_fen, settled_sold_fen, commission_fen, paid_fen, is_open,"
    " to_settle, operator"
)


def _consigned(replay: Replay, event: Event) -> None:
    p = event.payload
    rule = p["commission"]
    replay.conn.execute(
        f"INSERT INTO produce_lots ({LOT_COLUMNS}) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0', '0', ?, ?, ?, 0, 0, 0, 0, 1, 0, ?)",
        (
            event.entity_id,
            event.occurred_at,
            p.get("customer_id", ""),
            p["consignor_name"],
            p.get("consignor_phone", ""),
            p.get("household_id", ""),
            p["product"],
            p["product_name"],
            p["grade"],
            p["unit"],
            p["quantity"],
            p["asking_price_fen"],
            rule["kind"],
            rule["value"],
            event.operator,
        ),
    )
    change_stock(replay.conn, p, consigned=Decimal(p["quantity"]))


def _revert_consigned(replay: Replay, event: Event) -> None:
    sold = replay.conn.execute(
        "SELECT sold FROM produce_lots WHERE id = ?", (event.entity_id,)
    ).fetchone()
    if sold is not None and Decimal(sold[0]) > 0:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Goods of this consigned lot were sold; void those sales first.",
            )
        )
    change_stock(replay.conn, event.payload, consigned=-Decimal(event.payload["quantity"]))
    replay.conn.execute("DELETE FROM produce_lots WHERE id = ?", (event.entity_id,))


def lot_figures(conn: sqlite3.Connection, lot_id: str) -> dict[str, Any] | None:
    cursor = conn.execute(f"SELECT {LOT_COLUMNS} FROM produce_lots WHERE id = ?", (lot_id,))
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cursor.description], row, strict=True))


def _move_lot(
    conn: sqlite3.Connection,
    lot_id: str,
    *,
    sold: Decimal = Decimal(0),
    sold_fen: int = 0,
    settled: Decimal = Decimal(0),
    settled_sold_fen: int = 0,
    commission_fen: int = 0,
    paid_fen: int = 0,
) -> None:
    lot = lot_figures(conn, lot_id)
    if lot is None:  # pragma: no cover - refused before it is written
        raise StateError(QT_TRANSLATE_NOOP("UserError", "No such consigned lot."))
    new_sold = Decimal(lot["sold"]) + sold
    new_settled = Decimal(lot["settled"]) + settled
    if new_settled > new_sold:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The consignor was paid for these goods since; void the settlement first.",
            )
        )
    conn.execute(
        "UPDATE produce_lots SET sold = ?, settled = ?, sold_fen = sold_fen + ?,"
        " settled_sold_fen = settled_sold_fen + ?, commission_fen = commission_fen + ?,"
        " paid_fen = paid_fen + ?, is_open = ?, to_settle = ? WHERE id = ?",
        (
            decimal_text(new_sold),
            decimal_text(new_settled),
            sold_fen,
            settled_sold_fen,
            commission_fen,
            paid_fen,
            int(new_sold < Decimal(lot["quantity"])),
            int(new_settled < new_sold),
            lot_id,
        ),
    )


def _settled(replay: Replay, event: Event) -> None:
    p = event.payload
    replay.conn.execute(
        "INSERT INTO produce_settlements (id, lot_id, settled_at, quantity, proceeds_fen,"
        " commission_fen, paid_fen, paid_by, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.id,
            event.entity_id,
            event.occurred_at,
            p["quantity"],
            p["proceeds_fen"],
            p["commission_fen"],
            p["paid_fen"],
            _methods(p),
            event.operator,
        ),
    )
    _move_lot(
        replay.conn,
        event.entity_id,
        settled=Decimal(p["quantity"]),
        settled_sold_fen=p["proceeds_fen"],
        commission_fen=p["commission_fen"],
        paid_fen=p["paid_fen"],
    )


def _revert_settled(replay: Replay, event: Event) -> None:
    p = event.payload
    _move_lot(
        replay.conn,
        event.entity_id,
        settled=-Decimal(p["quantity"]),
        settled_sold_fen=-p["proceeds_fen"],
        commission_fen=-p["commission_fen"],
        paid_fen=-p["paid_fen"],
    )
    replay.conn.execute("DELETE FROM produce_settlements WHERE id = ?", (event.id,))


# --- 上行: sales --------------------------------------------------------------------------


def _sold(replay: Replay, event: Event) -> None:
    p = event.payload
    conn = replay.conn
    conn.execute(
        "INSERT INTO produce_sales (id, sold_at, buyer, channel, amount_fen, paid_by, operator)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            event.entity_id,
            event.occurred_at,
            p["buyer"],
            p["channel"],
            p["amount_fen"],
            _methods(p),
            event.operator,
        ),
    )
    for n, line in enumerate(p["lines"]):
        conn.execute(
            "INSERT INTO produce_sale_lines (sale_id, line, lot_id, product, product_name, grade,"
            " unit, quantity, unit_price_fen, amount_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.entity_id,
                n,
                line.get("lot_id", ""),
                line["product"],
                line["product_name"],
                line["grade"],
                line["unit"],
                line["quantity"],
                line["unit_price_fen"],
                line["amount_fen"],
            ),
        )
        _take_line(conn, line, Decimal(1))


def _take_line(conn: sqlite3.Connection, line: dict[str, Any], sign: Decimal) -> None:
    quantity = Decimal(line["quantity"]) * sign
    if line.get("lot_id"):
        _move_lot(conn, line["lot_id"], sold=quantity, sold_fen=int(sign) * int(line["amount_fen"]))
        change_stock(conn, line, consigned=-quantity)
    else:
        change_stock(conn, line, own=-quantity)


def _revert_sold(replay: Replay, event: Event) -> None:
    for line in event.payload["lines"]:
        _take_line(replay.conn, line, Decimal(-1))
    replay.conn.execute("DELETE FROM produce_sale_lines WHERE sale_id = ?", (event.entity_id,))
    replay.conn.execute("DELETE FROM produce_sales WHERE id = ?", (event.entity_id,))


# each of the four may be voided by a manager (a mistake corrected), unless a later step
# depends on it: the revert refuses then, and the void writes nothing
PROJECTORS: dict[str, Projector] = {
    "produce.bought": Projector(_bought, revert=_revert_bought),
    "produce.consigned": Projector(_consigned, revert=_revert_consigned),
    "produce.sold": Projector(_sold, revert=_revert_sold),
    "produce.settled": Projector(_settled, revert=_revert_settled),
}
PROJECTED_TABLES: dict[str, str] = {
    "produce_purchases": "id",
    "produce_stock": "product, grade, unit",
    "produce_lots": "id",
    "produce_sales": "id",
    "produce_sale_lines": "sale_id, line",
    "produce_settlements": "id",
}
