"""What the new order form shows before saving: each item's amount, the quoted total, the
service fee the core will charge (the platform's setting, waived for a registered household
when the station says so). The core computes them again when it saves; these only preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from stationapp.core import Station
from stationapp.core.errors import UserError
from stationapp.core.money import parse_money
from stationapp.core.orders.checks import fee_of


@dataclass(frozen=True)
class FeeRules:
    """The line's settings and the county's catalog, read once when the form is shown."""

    fees: dict[str, dict[str, int]] = field(default_factory=dict)
    waive_for_households: bool = True
    catalog: dict[str, tuple[str, int]] = field(default_factory=dict)  # name: (unit, price fen)


def read_rules(station: Station) -> FeeRules:
    catalog = {c.name: (c.unit, c.price_fen) for c in station.county.catalog()}
    return FeeRules(
        fees=dict(station.settings.get("orders.fees")),
        waive_for_households=bool(station.settings.get("orders.waive_fee_for_households")),
        catalog=catalog,
    )


def fen_of(text: str) -> int | None:
    """Yuan as typed (``12.5``) in fen; None when it is not an amount."""
    try:
        return parse_money(text.strip())
    except (UserError, ValueError):  # the core says why when the order is saved
        return None


def amount_of(quantity: str, price: str) -> int | None:
    """Quantity × unit price rounded half up to the fen once, as the core does."""
    fen = fen_of(price)
    try:
        number = Decimal(quantity.strip() or "1")
    except InvalidOperation:
        return None
    if fen is None or not number.is_finite():
        return None
    return int((number * fen).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Quote:
    quoted_fen: int
    fee_fen: int  # what the villager pays
    waived_fen: int  # what a registered household does not pay


def quote(rules: FeeRules, items: list[dict[str, Any]], platform: str, household: str) -> Quote:
    quoted = sum(item["amount_fen"] for item in items)
    fee = fee_of(rules.fees.get(platform, {"fen": 0}), quoted)
    if household and rules.waive_for_households and fee:
        return Quote(quoted, 0, fee)
    return Quote(quoted, fee, 0)
