"""What the produce page and the home page read: purchases, the stock, lots, sales, settlements,
and the day's totals. Each read is one indexed query over the projected tables."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from stationapp.core import clock
from stationapp.core.errors import StateError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.produce.quantities import decimal_text
from stationapp.core.produce.sellers import SellerHint, find_sellers
from stationapp.core.produce.store import LOT_COLUMNS


@dataclass(frozen=True)
class Purchase:
    """One 收购: what was bought from whom, weighed how, for how much."""

    id: str
    bought_at: str
    customer_id: str
    seller_name: str
    seller_phone: str
    household_id: str
    product: str
    product_name: str
    grade: str
    unit: str
    quantity: str
    grams: int
    source: str  # "scale" or "typed"
    unit_price_fen: int
    amount_fen: int
    paid_by: str
    operator: str


@dataclass(frozen=True)
class StockLine:
    """The stock of one product, grade and unit: the station's own (bought less sold) and the
    consigned lots' unsold goods."""

    product: str
    grade: str
    unit: str
    product_name: str
    own: str
    consigned: str

    @property
    def total(self) -> str:
        return decimal_text(Decimal(self.own) + Decimal(self.consigned))


@dataclass(frozen=True)
class Lot:
    """A consigned lot (代销): a villager's goods the station sells for them."""

    id: str
    consigned_at: str
    customer_id: str
    consignor_name: str
    consignor_phone: str
    household_id: str
    product: str
    product_name: str
    grade: str
    unit: str
    quantity: str
    sold: str
    settled: str
    asking_price_fen: int
    commission_kind: str  # "percent" or "per_unit"
    commission_value: str  # the percent ("8.5") or fen per unit ("50")
    sold_fen: int
    settled_sold_fen: int
    commission_fen: int
    paid_fen: int
    is_open: int  # goods left to sell
    to_settle: int  # goods sold the consignor was not paid for yet
    operator: str

    @property
    def left(self) -> str:
        return decimal_text(Decimal(self.quantity) - Decimal(self.sold))


@dataclass(frozen=True)
class SaleLine:
    sale_id: str
    line: int
    lot_id: str
    product: str
    product_name: str
    grade: str
    unit: str
    quantity: str
    unit_price_fen: int
    amount_fen: int


@dataclass(frozen=True)
class Sale:
    """A sale (上行) to a buyer through a channel, its lines from stock or from lots."""

    id: str
    sold_at: str
    buyer: str
    channel: str
    amount_fen: int
    paid_by: str
    operator: str
    lines: tuple[SaleLine, ...] = ()


@dataclass(frozen=True)
class Settlement:
    id: str
    lot_id: str
    settled_at: str
    quantity: str
    proceeds_fen: int
    commission_fen: int
    paid_fen: int
    paid_by: str
    operator: str


@dataclass(frozen=True)
class PurchaseDay:
    """A business day's purchases and their totals: weight (in 斤 and in kg, of the weighed
    units), amount paid, the sellers and the registered households among them."""

    day: date
    purchases: list[Purchase]
    amount_fen: int
    grams: int
    sellers: int
    households: int

    @property
    def count(self) -> int:
        return len(self.purchases)

    @property
    def jin(self) -> str:
        return decimal_text(Decimal(self.grams) / 500)

    @property
    def kg(self) -> str:
        return decimal_text(Decimal(self.grams) / 1000)


def _columns(cls: type) -> str:
    return ", ".join(f.name for f in fields(cls) if f.name != "lines")


PURCHASE_COLUMNS = _columns(Purchase)
SALE_COLUMNS = _columns(Sale)
SALE_LINE_COLUMNS = _columns(SaleLine)
SETTLEMENT_COLUMNS = _columns(Settlement)


def _bounds(day: date | None) -> tuple[date, str, str]:
    day = day or clock.business_day()
    start, end = (clock.format_iso(t) for t in clock.business_day_bounds(day))
    return day, start, end


class Reading:
    """The produce line's reads (mixed into ``Produce``)."""

    _conn: sqlite3.Connection

    def sellers(self, text: str) -> list[SellerHint]:
        """The sellers the purchase form offers for what was typed (name, initials, phone
        tail, 户编号): registered households first, then earlier sellers."""
        return find_sellers(self._conn, self._county, text)  # type: ignore[attr-defined]

    def purchase(self, purchase_id: str) -> Purchase:
        row = self._conn.execute(
            f"SELECT {PURCHASE_COLUMNS} FROM produce_purchases WHERE id = ?", (purchase_id,)
        ).fetchone()
        if row is None:
            raise StateError(QT_TRANSLATE_NOOP("UserError", "No such purchase."))
        return Purchase(*row)

    def purchases_on(self, day: date | None = None) -> PurchaseDay:
        day, start, end = _bounds(day)
        rows = [
            Purchase(*r)
            for r in self._conn.execute(
                f"SELECT {PURCHASE_COLUMNS} FROM produce_purchases"
                " WHERE bought_at >= ? AND bought_at < ? ORDER BY bought_at, id",
                (start, end),
            )
        ]
        return PurchaseDay(
            day=day,
            purchases=rows,
            amount_fen=sum(p.amount_fen for p in rows),
            grams=sum(p.grams for p in rows),
            sellers=len({(p.customer_id, p.seller_name, p.seller_phone) for p in rows}),
            households=len({p.household_id for p in rows if p.household_id}),
        )

    def day_totals(self, day: date | None = None) -> tuple[int, int, int]:
        """(purchases, amount fen, grams) of a business day: the home page's figures."""
        _, start, end = _bounds(day)
        count, fen, weight = self._conn.execute(
            "SELECT count(*), coalesce(sum(amount_fen), 0), coalesce(sum(grams), 0)"
            " FROM produce_purchases WHERE bought_at >= ? AND bought_at < ?",
            (start, end),
        ).fetchone()
        return count, fen, weight

    def stock(self, *, in_stock_only: bool = True) -> list[StockLine]:
        """The stock per product, grade and unit: one row each, read from the running table."""
        sql = "SELECT product, grade, unit, product_name, own, consigned FROM produce_stock"
        if in_stock_only:
            sql += " WHERE own != '0' OR consigned != '0'"
        return [StockLine(*r) for r in self._conn.execute(sql + " ORDER BY product_name, grade")]

    def stock_of(self, product: str, grade: str, unit: str) -> StockLine | None:
        row = self._conn.execute(
            "SELECT product, grade, unit, product_name, own, consigned FROM produce_stock"
            " WHERE product = ? AND grade = ? AND unit = ?",
            (product, grade, unit),
        ).fetchone()
        return StockLine(*row) if row else None

    def lot(self, lot_id: str) -> Lot:
        row = self._conn.execute(
            f"SELECT {LOT_COLUMNS} FROM produce_lots WHERE id = ?", (lot_id,)
        ).fetchone()
        if row is None:
            raise StateError(QT_TRANSLATE_NOOP("UserError", "No such consigned lot."))
        return Lot(*row)

    def open_lots(self) -> list[Lot]:
        """Consigned lots with goods left to sell, oldest first."""
        return self._lots("is_open")

    def lots_to_settle(self) -> list[Lot]:
        """Consigned lots with goods sold that the consignor was not paid for yet."""
        return self._lots("to_settle")

    def _lots(self, flag: str) -> list[Lot]:
        sql = f"SELECT {LOT_COLUMNS} FROM produce_lots WHERE {flag} = 1 ORDER BY consigned_at"
        return [Lot(*r) for r in self._conn.execute(sql)]

    def sale(self, sale_id: str) -> Sale:
        row = self._conn.execute(
            f"SELECT {SALE_COLUMNS} FROM produce_sales WHERE id = ?", (sale_id,)
        ).fetchone()
        if row is None:
            raise StateError(QT_TRANSLATE_NOOP("UserError", "No such sale."))
        return self._with_lines(row)

    def sales_on(self, day: date | None = None) -> list[Sale]:
        _, start, end = _bounds(day)
        rows = self._conn.execute(
            f"SELECT {SALE_COLUMNS} FROM produce_sales WHERE sold_at >= ? AND sold_at < ?"
            " ORDER BY sold_at, id",
            (start, end),
        ).fetchall()
        return [self._with_lines(r) for r in rows]

    def _with_lines(self, row: Any) -> Sale:
        lines = tuple(
            SaleLine(*r)
            for r in self._conn.execute(
                f"SELECT {SALE_LINE_COLUMNS} FROM produce_sale_lines WHERE sale_id = ?"
                " ORDER BY line",
                (row[0],),
            )
        )
        return Sale(*row, lines=lines)

    def recording_event(self, record_id: str) -> str:
        """The id of the event that recorded purchase or sale ``record_id``: what a manager's
        void names (``st.events.void``) when the page offers to void it."""
        for kind in ("produce.bought", "produce.sold"):
            found = self._log.events_of(record_id, type=kind)  # type: ignore[attr-defined]
            if found:
                return found[0].id
        raise StateError(QT_TRANSLATE_NOOP("UserError", "No such purchase or sale."))

    def settlements_of(self, lot_id: str) -> list[Settlement]:
        return [
            Settlement(*r)
            for r in self._conn.execute(
                f"SELECT {SETTLEMENT_COLUMNS} FROM produce_settlements WHERE lot_id = ?"
                " ORDER BY settled_at, id",
                (lot_id,),
            )
        ]
