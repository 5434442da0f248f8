"""The proxy purchase line's settings: the service fee per platform (fen or a percentage of the
goods), whether a registered household pays it, and when an order not yet arrived is overdue."""

from __future__ import annotations

from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.money import parse_money
from stationapp.core.settings import Setting, int_range, whole_number

PLATFORMS = ("淘宝", "拼多多", "京东", "抖音", "其他")
MAX_FEE_FEN = 10_000  # ¥100.00: a service fee above it is a typing mistake
MAX_FEE_PERCENT = 30

_FEE_TEXT = QT_TRANSLATE_NOOP(
    "UserError",
    "A service fee is written per platform, an amount or a percentage of the goods, like "
    "淘宝=3.00, 拼多多=5% (at most ¥100.00 or 30%), for the platforms {platforms}.",
)


def _fee_error() -> ValidationError:
    return ValidationError(_FEE_TEXT, platforms="、".join(PLATFORMS))


def _fee(spec: Any) -> dict[str, int]:
    """One platform's fee: ``{"fen": 300}`` or ``{"percent": 5}`` (a typed ``3.00`` or ``5%``)."""
    if isinstance(spec, str):
        text = spec.strip()
        spec = {"percent": text[:-1].strip()} if text.endswith(("%", "％")) else {"fen": text}
    if not isinstance(spec, dict) or len(spec) != 1:
        raise _fee_error()
    ((kind, value),) = spec.items()
    try:
        if kind == "fen":
            number = value if isinstance(value, int) else parse_money(str(value))
            high = MAX_FEE_FEN
        elif kind == "percent":
            number, high = whole_number(value), MAX_FEE_PERCENT
        else:
            raise _fee_error()
    except (ValueError, TypeError, ValidationError):
        raise _fee_error() from None
    if isinstance(number, bool) or not 0 <= number <= high:
        raise _fee_error()
    return {kind: number}


def _fees(value: Any) -> dict[str, dict[str, int]]:
    """Every platform's fee; a platform left out keeps no fee."""
    if isinstance(value, str):  # "淘宝=3.00, 拼多多=5%" as typed in a form
        pairs = {}
        for part in value.replace("，", ",").split(","):
            if part.strip():
                name, sep, spec = part.partition("=")
                if not sep:
                    raise _fee_error()
                pairs[name.strip()] = spec
        value = pairs
    if not isinstance(value, dict) or not set(value) <= set(PLATFORMS):
        raise _fee_error()
    return {platform: _fee(value[platform]) for platform in PLATFORMS if platform in value}


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValidationError(QT_TRANSLATE_NOOP("UserError", "Choose yes or no."))


ORDER_SETTINGS: dict[str, Setting] = {
    "orders.fees": Setting({platform: {"fen": 300} for platform in PLATFORMS}, _fees),
    "orders.waive_fee_for_households": Setting(True, _yes_no),
    "orders.overdue_days": Setting(
        10,
        int_range(
            1, 60, QT_TRANSLATE_NOOP("UserError", "Type a number of days from {low} to {high}.")
        ),
    ),
}
