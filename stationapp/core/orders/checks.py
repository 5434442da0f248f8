"""What an order's steps check before anything is written: the villager, the items and their
amounts, the service fee, the money entries' direction, a reason. Each refusal says what to do."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from stationapp.core import phone
from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import Money, parse_money
from stationapp.core.orders.settings import PLATFORMS
from stationapp.core.text import checked_characters

MAX_ITEMS = 20
_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the villager's name"))
_ITEM = Term(QT_TRANSLATE_NOOP("UserError", "the item's name"))
_SPEC = Term(QT_TRANSLATE_NOOP("UserError", "the item's specification"))
_REASON = Term(QT_TRANSLATE_NOOP("UserError", "the reason"))
_NOTE = Term(QT_TRANSLATE_NOOP("UserError", "the note"))


def checked_customer(customer: dict[str, Any]) -> tuple[str, str, str]:
    """The villager's name, mobile and 户编号 ('' when not registered) as typed."""
    name = checked_characters(customer.get("name", ""), what=_NAME)
    if not 1 <= len(name) <= 20:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Type the villager's name (at most 20 characters).")
        )
    mobile = phone.normalize_mobile(str(customer.get("phone", "")))
    household = str(customer.get("household_id", "") or "").strip().upper()
    return name, mobile, household


def checked_platform(platform: str) -> str:
    if platform not in PLATFORMS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Choose the platform: {platforms}."),
            platforms="、".join(PLATFORMS),
        )
    return platform


def _quantity(value: Any) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        number = Decimal(0)
    if not number.is_finite() or number <= 0 or number > 10_000 or -number.as_tuple().exponent > 3:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "A quantity is a number above 0 with at most three decimals, like 2 or 1.5; "
                "not {quantity}.",
            ),
            quantity=str(value)[:20],
        )
    return number


def checked_items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items as the event carries them: each amount is quantity times unit price, rounded
    half up to the fen once (the rounded amount is what is quoted)."""
    if not items or len(items) > MAX_ITEMS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "An order has 1 to {most} items; list what to buy."),
            most=MAX_ITEMS,
        )
    checked = []
    for item in items:
        name = checked_characters(item.get("name", ""), what=_ITEM)
        spec = checked_characters(item.get("spec", ""), what=_SPEC)
        if not 1 <= len(name) <= 30 or len(spec) > 30:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Each item needs its name (at most 30 characters); a specification has at "
                    "most 30.",
                )
            )
        quantity = _quantity(item.get("quantity", "1"))
        unit = checked_characters(item.get("unit", "件"), what=_SPEC) or "件"
        if len(unit) > 4:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "A unit has at most 4 characters, like 件 or 斤.")
            )
        price = _unit_price(item)
        amount = int((quantity * price).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        checked.append(
            {
                "name": name,
                "spec": spec,
                "quantity": str(quantity.normalize()) if quantity % 1 else str(int(quantity)),
                "unit": unit,
                "unit_price_fen": price,
                "amount_fen": amount,
            }
        )
    return checked


def _unit_price(item: dict[str, Any]) -> int:
    """``unit_price_fen`` (an int of fen) or ``unit_price`` (yuan as typed: ``12.50``)."""
    if "unit_price_fen" in item:
        fen = item["unit_price_fen"]
        if isinstance(fen, bool) or not isinstance(fen, int):
            raise TypeError("unit_price_fen is an int of fen; a typed price goes in unit_price")
        return parse_money(fen, allow_zero=False)
    return parse_money(str(item.get("unit_price", "")), allow_zero=False)


def fee_of(spec: dict[str, int], goods_fen: int) -> int:
    """The platform's fee: fen as set, or a percentage of the goods rounded half up."""
    if "percent" in spec:
        share = Decimal(goods_fen) * spec["percent"] / 100
        return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return spec.get("fen", 0)


def money_in(money: Money | None, what: Term) -> Money | None:
    """Money taken from the villager (a deposit): every entry above zero."""
    if money is not None and any(e.fen <= 0 for e in money.entries):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "The {what} is money taken in: enter each amount above ¥0.00."
            ),
            what=what,
        )
    return money


def money_out(money: Money | None, what: Term) -> Money | None:
    """Money given back (a refund): every entry below zero, as the event carries it."""
    if money is not None and any(e.fen >= 0 for e in money.entries):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The {what} is money paid out: each amount is written below zero (-12.50).",
            ),
            what=what,
        )
    return money


def checked_reason(reason: str) -> str:
    text = checked_characters(reason, what=_REASON)
    if not 2 <= len(text) <= 100:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "Write the reason in 2 to 100 characters, e.g. 'out of stock'."
            )
        )
    return text


def checked_note(note: str) -> str:
    text = checked_characters(note, what=_NOTE)
    if len(text) > 100:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "A note has at most 100 characters; shorten it.")
        )
    return text
