"""Quantities, units, grades, weighing and amounts of the produce line: decimal strings with a
unit, never ``float``; an amount is quantity x unit price rounded half-up to the fen, once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import Money, check_method, foreign_digits, format_money, parse_money

UNITS = ("斤", "kg", "个", "箱")
WEIGHED_UNITS = ("斤", "kg")  # the units a scale weighs; 个 and 箱 are counted
GRAMS_PER_UNIT = {"斤": 500, "kg": 1000}
GRADES = ("特级", "一级", "二级", "统货")
CHANNELS = ("网店", "832平台", "商超", "合作社", "批发", "其他")
MAX_QUANTITY = Decimal("100000")  # far above what one villager brings or one buyer takes
QUANTITY_PLACES = 3

_QUANTITY = Term(QT_TRANSLATE_NOOP("UserError", "the quantity"))
_GROSS = Term(QT_TRANSLATE_NOOP("UserError", "the gross weight"))
_TARE = Term(QT_TRANSLATE_NOOP("UserError", "the tare"))
_NET = Term(QT_TRANSLATE_NOOP("UserError", "the net weight"))


def decimal_text(value: Decimal) -> str:
    """``52.3``, ``100``, ``0``: the canonical text of a quantity, no exponent, no trailing 0."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def parse_quantity(value: Any, *, what: Term = _QUANTITY, allow_zero: bool = False) -> Decimal:
    """A typed quantity (``"52.3"``, ``52``): positive, at most three decimals, refused else."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Type {what} as a number, like 52.3."), what=what
        )
    text = str(value).strip()
    try:
        if foreign_digits(text) or not text:
            raise InvalidOperation
        number = Decimal(text)
        if not number.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Type {what} as a number, like 52.3."), what=what
        ) from None
    if number < 0 or (number == 0 and not allow_zero):
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "{what} must be more than zero."), what=what
        )
    if number > MAX_QUANTITY:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "{what} is more than {limit}; check the digits."),
            what=what,
            limit=decimal_text(MAX_QUANTITY),
        )
    if number != number.quantize(Decimal("0.001")):
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "{what} has at most three decimals, like 52.375."),
            what=what,
        )
    return number.quantize(Decimal("0.001")) if number else number


def check_unit(unit: Any) -> str:
    if unit not in UNITS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "'{unit}' is not a unit here; use one of: {units}."),
            unit=str(unit)[:10],
            units=", ".join(UNITS),
        )
    return unit


def check_counted(quantity: Decimal, unit: str) -> None:
    """个 and 箱 are counted, never weighed: a whole number."""
    if unit not in WEIGHED_UNITS and quantity != quantity.to_integral_value():
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Goods counted in {unit} come in whole numbers."),
            unit=unit,
        )


def check_grade(grade: Any, grades: list[str] | tuple[str, ...]) -> str:
    text = str(grade or "").strip()
    if text not in grades:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "'{grade}' is not a grade here; use one of: {grades}."),
            grade=text[:10],
            grades=", ".join(grades),
        )
    return text


def check_channel(channel: Any) -> str:
    if channel not in CHANNELS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "'{channel}' is not a sales channel; use one of: {channels}."
            ),
            channel=str(channel)[:10],
            channels=", ".join(CHANNELS),
        )
    return channel


def unit_price_fen(value: str | int) -> int:
    """A unit price: typed yuan (two decimals at most: a fraction of a fen is refused) or fen."""
    return parse_money(value, allow_zero=False)


def amount_fen(quantity: Decimal, price_fen: int) -> int:
    """Quantity x unit price, rounded half-up to the fen once (DESIGN §3)."""
    return int((quantity * price_fen).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def grams(quantity: Decimal, unit: str) -> int:
    """The weight in grams of a weighed quantity (0 for counted units), rounded half-up."""
    per = GRAMS_PER_UNIT.get(unit)
    if per is None:
        return 0
    return int((quantity * per).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def weighing(quantity: Decimal, unit: str, how: dict[str, Any] | None) -> dict[str, Any]:
    """How the quantity was weighed, as the event records it: ``{"source": "typed"}`` or, with
    gross and tare, ``{"source", "gross", "tare", "net"}``; from the scale with its ``frame``.
    The net must be gross − tare and must be the quantity."""
    if not how:
        return {"source": "typed"}
    source = how.get("source", "typed")
    if source not in ("typed", "scale"):
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "A weight comes from the scale or is typed.")
        )
    if unit not in WEIGHED_UNITS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Goods counted in {unit} are not weighed."), unit=unit
        )
    record: dict[str, Any] = {"source": source}
    net = parse_quantity(how.get("net", decimal_text(quantity)), what=_NET)
    if "gross" in how or "tare" in how:
        gross = parse_quantity(how.get("gross", ""), what=_GROSS)
        tare = parse_quantity(how.get("tare", "0"), what=_TARE, allow_zero=True)
        if gross - tare != net:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The net weight {net} is not gross {gross} less tare {tare}; weigh again "
                    "or correct the figures.",
                ),
                net=decimal_text(net),
                gross=decimal_text(gross),
                tare=decimal_text(tare),
            )
        record.update(gross=decimal_text(gross), tare=decimal_text(tare))
    if net != quantity:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "The net weight {net} is not the quantity {quantity}; use the net."
            ),
            net=decimal_text(net),
            quantity=decimal_text(quantity),
        )
    record["net"] = decimal_text(net)
    if source == "scale":
        frame = how.get("frame")
        if not isinstance(frame, str) or not frame or len(frame) > 200:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "A weight from the scale keeps the scale's reading.")
            )
        record["frame"] = frame
    return record


def money_moved(paid: str | Money, fen: int) -> Money:
    """The ``money`` of ``fen`` (signed as seen from the cash box) paid by a method, or the
    entries given, which must add up to it."""
    if isinstance(paid, Money):
        if paid.total != fen:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The money entered comes to {given} but the amount is {amount}.",
                ),
                given=format_money(paid.total),
                amount=format_money(fen),
            )
        return paid
    return Money.of(check_method(paid), fen)
