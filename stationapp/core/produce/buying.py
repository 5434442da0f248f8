"""收购 and 代销 taken in: who the villager is (a customer of the station, or a name and phone;
the registered household found in the county's registry), which product (the county's catalog
or typed), and the checks before anything is written.

The produce line writes no ``customers`` row (that table is the parcels line's): the seller's
customer id, name and phone ride in the event and in the line's own rows."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from stationapp.core import ids, phone
from stationapp.core.errors import ValidationError
from stationapp.core.events import EventLog
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import Money, format_money, parse_money
from stationapp.core.produce import quantities as q
from stationapp.core.produce.settings import GRADES_KEY, PRICE_CHECK
from stationapp.core.produce.views import Lot, Purchase
from stationapp.core.text import clean_name

_SELLER = Term(QT_TRANSLATE_NOOP("UserError", "the seller's name"))
_CONSIGNOR = Term(QT_TRANSLATE_NOOP("UserError", "the consignor's name"))
_PRODUCT = Term(QT_TRANSLATE_NOOP("UserError", "the product"))
_PERCENT = Term(QT_TRANSLATE_NOOP("UserError", "the commission percent"))


class PriceFarFromReference(ValidationError):
    """A unit price far from the catalog's reference price: a warning the operator may confirm
    (``confirm_price=True``), as a mistyped digit is the likelier cause."""

    level = "warning"


@dataclass(frozen=True)
class Product:
    key: str  # the catalog's code, or the typed name
    name: str
    reference_unit: str  # "" for a typed product
    reference_fen: int


def _reference_for(product: Product, unit: str) -> int | None:
    """The catalog's reference price per ``unit`` (斤 and kg convert), or None."""
    if not product.reference_fen or not product.reference_unit:
        return None
    if product.reference_unit == unit:
        return product.reference_fen
    per = q.GRAMS_PER_UNIT
    if product.reference_unit in per and unit in per:
        return product.reference_fen * per[unit] // per[product.reference_unit]
    return None


class Buying:
    """收购 and 代销 taken in (mixed into ``Produce``)."""

    _conn: sqlite3.Connection
    _log: EventLog
    _session: Any
    _settings: Any
    _county: Any

    # --- who and what ---------------------------------------------------------------------

    def _party(
        self, who: str, phone_text: str, household: str | None, what: Term
    ) -> dict[str, str]:
        """The villager's members of the payload: a customer id known to the station, or a
        name and optional mobile; ``household_id`` when registered (one passed wins)."""
        row = self._conn.execute(
            "SELECT id, name, phone, household_id FROM customers WHERE id = ?", (who or "",)
        ).fetchone()
        if row is not None:
            party = {"customer_id": row[0], "name": row[1], "phone": row[2]}
            found = row[3]
        else:
            name = clean_name(who, what=what, limit=20)
            number = phone.normalize_mobile(phone_text) if (phone_text or "").strip() else ""
            party = {"customer_id": "", "name": name, "phone": number}
            found = ""
        if household:
            registered = self._county.households.get(household)
            if registered is None:
                raise ValidationError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "No registered household is numbered {number}; check the 户编号.",
                    ),
                    number=household.strip()[:30],
                )
            found = registered.household_no
        elif not found and party["phone"]:
            found = self._household_by_name_and_phone(party["name"], party["phone"])
        party["household_id"] = found
        return party

    def _household_by_name_and_phone(self, name: str, number: str) -> str:
        """The one registered household whose head has this name and this phone tail."""
        rows = self._conn.execute(
            "SELECT household_no FROM county_households WHERE head_name = ? AND phone_masked = ?",
            (name, phone.mask_phone(number)),
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else ""

    def _product(self, product: str) -> Product:
        """A catalog item by its code (or its exact name), or the typed name."""
        text = (product or "").strip()
        row = (
            self._conn.execute(
                "SELECT code, name, unit, price_fen FROM county_catalog WHERE code = ?", (text,)
            ).fetchone()
            or self._conn.execute(
                "SELECT code, name, unit, price_fen FROM county_catalog WHERE name = ?"
                " ORDER BY code LIMIT 1",
                (text,),
            ).fetchone()
        )
        if row is not None:
            return Product(*row)
        name = clean_name(product, what=_PRODUCT, limit=20)
        return Product(name, name, "", 0)

    def _goods(self, product: str, grade: str, quantity: Any, unit: str) -> dict[str, Any]:
        item = self._product(product)
        unit = q.check_unit(unit)
        amount = q.parse_quantity(quantity)
        q.check_counted(amount, unit)
        return {
            "product": item.key,
            "product_name": item.name,
            "grade": q.check_grade(grade, self._settings.get(GRADES_KEY)),
            "unit": unit,
            "quantity": q.decimal_text(amount),
            "_item": item,
            "_amount": amount,
        }

    def _check_price(self, item: Product, unit: str, price: int, confirmed: bool) -> int | None:
        reference = _reference_for(item, unit)
        if reference is None or confirmed:
            return reference
        limit = int(self._settings.get(PRICE_CHECK))
        if abs(price - reference) * 100 > reference * limit:
            raise PriceFarFromReference(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The price {price} per {unit} is more than {percent}% away from the "
                    "catalog's reference price {reference}; check it, or confirm the price.",
                ),
                price=format_money(price),
                unit=unit,
                percent=limit,
                reference=format_money(reference),
            )
        return reference

    # --- 收购 -----------------------------------------------------------------------------

    def buy(
        self,
        *,
        seller: str,
        product: str,
        grade: str,
        quantity: str,
        unit: str,
        unit_price: str | int,
        paid: str | Money,
        seller_phone: str = "",
        household: str | None = None,
        weighing: dict[str, Any] | None = None,
        confirm_price: bool = False,
    ) -> Purchase:
        """收购: buy a villager's produce and pay for it. ``seller``: a customer's id or a name
        (with ``seller_phone``); ``unit_price`` in yuan as typed or int fen; ``paid``: a money
        method for the whole amount, or the entries; ``weighing``: gross/tare/net and source."""
        operator = self._session.require_operator()
        goods = self._goods(product, grade, quantity, unit)
        how = q.weighing(goods["_amount"], goods["unit"], weighing)
        price = q.unit_price_fen(unit_price)
        reference = self._check_price(goods["_item"], goods["unit"], price, confirm_price)
        amount = q.amount_fen(goods["_amount"], price)
        if amount <= 0:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "This purchase comes to ¥0.00; check the figures.")
            )
        money = q.money_moved(paid, -amount)
        party = self._party(seller, seller_phone, household, _SELLER)
        payload: dict[str, Any] = {
            "customer_id": party["customer_id"],
            "seller_name": party["name"],
            "seller_phone": party["phone"],
            **{k: v for k, v in goods.items() if not k.startswith("_")},
            "weighing": how,
            "unit_price_fen": price,
            "amount_fen": amount,
            "money": money.to_payload(),
        }
        if reference is not None:
            payload["reference_price_fen"] = reference
        if party["household_id"]:
            payload["household_id"] = party["household_id"]
        purchase_id = ids.uuid7()
        with self._log.batch() as batch:
            batch.append(
                "produce.bought", entity_id=purchase_id, payload=payload, operator=operator.id
            )
        return self.purchase(purchase_id)  # type: ignore[attr-defined]

    # --- 代销 taken in --------------------------------------------------------------------

    def consign(
        self,
        *,
        consignor: str,
        product: str,
        grade: str,
        quantity: str,
        unit: str,
        asking_price: str | int,
        commission_percent: str | int | None = None,
        commission_per_unit: str | int | None = None,
        consignor_phone: str = "",
        household: str | None = None,
    ) -> Lot:
        """代销: take in a villager's goods to sell for them; no money moves until they are
        sold and settled. The commission is a percent of what the goods sell for, or fen per
        unit sold (one of the two)."""
        operator = self._session.require_operator()
        goods = self._goods(product, grade, quantity, unit)
        asking = q.unit_price_fen(asking_price)
        rule = _commission(commission_percent, commission_per_unit)
        party = self._party(consignor, consignor_phone, household, _CONSIGNOR)
        payload: dict[str, Any] = {
            "customer_id": party["customer_id"],
            "consignor_name": party["name"],
            "consignor_phone": party["phone"],
            **{k: v for k, v in goods.items() if not k.startswith("_")},
            "asking_price_fen": asking,
            "commission": rule,
        }
        if party["household_id"]:
            payload["household_id"] = party["household_id"]
        lot_id = ids.uuid7()
        with self._log.batch() as batch:
            batch.append(
                "produce.consigned", entity_id=lot_id, payload=payload, operator=operator.id
            )
        return self.lot(lot_id)  # type: ignore[attr-defined]


def _commission(percent: str | int | None, per_unit: str | int | None) -> dict[str, str]:
    if (percent is None) == (per_unit is None):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Give the commission as a percent or as an amount per unit, one of the two.",
            )
        )
    if per_unit is not None:
        return {"kind": "per_unit", "value": str(parse_money(per_unit))}
    value = q.parse_quantity(percent, what=_PERCENT, allow_zero=True)
    if value > 100 or value != value.quantize(Decimal("0.01")):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "A commission percent is 0 to 100 with two decimals at most."
            )
        )
    return {"kind": "percent", "value": q.decimal_text(value)}
