"""上行 and settling: a sale's lines drawn from the station's own stock or from consigned lots,
never beyond what is there; a consignor paid for what of their lot was sold, less commission."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from stationapp.core import ids
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import EventLog
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import Money
from stationapp.core.produce import quantities as q
from stationapp.core.produce.views import Lot, Sale, Settlement, StockLine
from stationapp.core.text import clean_name

_BUYER = Term(QT_TRANSLATE_NOOP("UserError", "the buyer's name"))
MAX_LINES = 50


class Selling:
    """上行 and settling (mixed into ``Produce``)."""

    _conn: sqlite3.Connection
    _log: EventLog
    _session: Any

    def sell(
        self, *, buyer: str, channel: str, lines: list[dict[str, Any]], paid: str | Money
    ) -> Sale:
        """上行: sell to a buyer through a channel. Each line is ``{"lot": lot_id, "quantity",
        "unit_price"}`` (a consigned lot's goods) or ``{"product", "grade", "unit", "quantity",
        "unit_price"}`` (the station's own stock); ``paid``: how the amount came in."""
        operator = self._session.require_operator()
        name = clean_name(buyer, what=_BUYER, limit=30)
        channel = q.check_channel(channel)
        if not lines or len(lines) > MAX_LINES:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "A sale has 1 to {limit} lines."), limit=MAX_LINES
            )
        drawn = [self._line(line) for line in lines]
        self._check_enough(drawn)
        amount = sum(line["amount_fen"] for line in drawn)
        money = q.money_moved(paid, amount)
        sale_id = ids.uuid7()
        payload = {
            "buyer": name,
            "channel": channel,
            "lines": drawn,
            "amount_fen": amount,
            "money": money.to_payload(),
        }
        with self._log.batch() as batch:
            batch.append("produce.sold", entity_id=sale_id, payload=payload, operator=operator.id)
        return self.sale(sale_id)  # type: ignore[attr-defined]

    def _line(self, line: dict[str, Any]) -> dict[str, Any]:
        quantity = q.parse_quantity(line.get("quantity"))
        price = q.unit_price_fen(line.get("unit_price", ""))
        if line.get("lot"):
            lot: Lot = self.lot(line["lot"])  # type: ignore[attr-defined]
            goods = {
                "lot_id": lot.id,
                "product": lot.product,
                "product_name": lot.product_name,
                "grade": lot.grade,
                "unit": lot.unit,
            }
        else:
            item = self._product(line.get("product", ""))  # type: ignore[attr-defined]
            goods = {
                "product": item.key,
                "product_name": item.name,
                "grade": str(line.get("grade", "")).strip(),
                "unit": q.check_unit(line.get("unit")),
            }
        q.check_counted(quantity, goods["unit"])
        return {
            **goods,
            "quantity": q.decimal_text(quantity),
            "unit_price_fen": price,
            "amount_fen": q.amount_fen(quantity, price),
        }

    def _check_enough(self, drawn: list[dict[str, Any]]) -> None:
        """Every line's goods are there: the lines of one lot or one stock add up first."""
        wanted: dict[tuple[str, ...], Decimal] = defaultdict(Decimal)
        for line in drawn:
            key = (
                ("lot", line["lot_id"])
                if "lot_id" in line
                else ("own", line["product"], line["grade"], line["unit"])
            )
            wanted[key] += Decimal(line["quantity"])
        for key, quantity in wanted.items():
            if key[0] == "lot":
                lot: Lot = self.lot(key[1])  # type: ignore[attr-defined]
                left, what = Decimal(lot.left), f"{lot.product_name} {lot.grade}"
                unit = lot.unit
            else:
                stock: StockLine | None = self.stock_of(*key[1:])  # type: ignore[attr-defined]
                left = Decimal(stock.own) if stock else Decimal(0)
                what, unit = f"{stock.product_name if stock else key[1]} {key[2]}", key[3]
            if quantity > left:
                raise StateError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "Only {left} {unit} of {goods} are there to sell, not {quantity}; "
                        "sell no more than that.",
                    ),
                    left=q.decimal_text(left),
                    unit=unit,
                    goods=what,
                    quantity=q.decimal_text(quantity),
                )

    def settle(self, lot_id: str, *, paid: str | Money = "cash") -> Settlement:
        """Pay the consignor for what of the lot was sold since the last settlement, less the
        commission on it (a percent of the proceeds, or fen per unit, never above them)."""
        operator = self._session.require_operator()
        lot: Lot = self.lot(lot_id)  # type: ignore[attr-defined]
        quantity = Decimal(lot.sold) - Decimal(lot.settled)
        if quantity <= 0:
            if Decimal(lot.sold) == 0:
                raise StateError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "Nothing of this consigned lot was sold yet; settle after a sale.",
                    )
                )
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "What was sold of this lot is settled already; settle again after the "
                    "next sale.",
                )
            )
        proceeds = lot.sold_fen - lot.settled_sold_fen
        value = Decimal(lot.commission_value)
        base = proceeds * value / 100 if lot.commission_kind == "percent" else quantity * value
        commission = min(proceeds, int(base.quantize(Decimal(1), rounding=ROUND_HALF_UP)))
        payout = proceeds - commission
        payload: dict[str, Any] = {
            "consignor_name": lot.consignor_name,
            "product": lot.product,
            "product_name": lot.product_name,
            "grade": lot.grade,
            "unit": lot.unit,
            "quantity": q.decimal_text(quantity),
            "proceeds_fen": proceeds,
            "commission_fen": commission,
            "paid_fen": payout,
        }
        prices = self._unsettled_prices(lot)
        if len(prices) == 1:
            payload["unit_price_fen"] = prices.pop()
        if payout > 0:
            payload["money"] = q.money_moved(paid, -payout).to_payload()
        if lot.household_id:
            payload["household_id"] = lot.household_id
        with self._log.batch() as batch:
            event = batch.append(
                "produce.settled", entity_id=lot.id, payload=payload, operator=operator.id
            )
        [settlement] = [s for s in self.settlements_of(lot.id) if s.id == event.id]  # type: ignore[attr-defined]
        return settlement

    def _unsettled_prices(self, lot: Lot) -> set[int]:
        """The unit prices of what this settlement pays for: the lot's sale lines oldest first,
        past the quantity earlier settlements took (the household log shows one price only)."""
        skip = Decimal(lot.settled)
        prices: set[int] = set()
        for quantity, price in self._conn.execute(
            "SELECT l.quantity, l.unit_price_fen FROM produce_sale_lines l"
            " JOIN produce_sales s ON s.id = l.sale_id WHERE l.lot_id = ?"
            " ORDER BY s.sold_at, s.id, l.line",
            (lot.id,),
        ):
            if skip >= Decimal(quantity):
                skip -= Decimal(quantity)
                continue
            skip = Decimal(0)
            prices.add(price)
        return prices
