"""The produce line's settings: how far a purchase price may stray from the catalog's reference
before it needs confirming, the grades offered, and the unit a new purchase starts in."""

from __future__ import annotations

from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.produce.quantities import GRADES, UNITS
from stationapp.core.settings import Setting, choice, int_range

PRICE_CHECK = "produce.price_check_percent"
GRADES_KEY = "produce.grades"
DEFAULT_UNIT = "produce.default_unit"


def _grades(value: Any) -> list[str]:
    """The grades offered, as typed (``特级, 一级, 二级, 统货``) or a list; 1 to 12 names."""
    if isinstance(value, str):
        value = value.replace("，", ",").split(",")
    names = [str(v).strip() for v in value or [] if str(v).strip()]
    if not 1 <= len(names) <= 12 or len(set(names)) != len(names) or any(len(n) > 8 for n in names):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "List 1 to 12 different grades of at most 8 characters, like 特级, 一级, 统货.",
            )
        )
    return names


PRODUCE_SETTINGS: dict[str, Setting] = {
    PRICE_CHECK: Setting(
        30,
        int_range(1, 100, QT_TRANSLATE_NOOP("UserError", "Type a percent from {low} to {high}.")),
    ),
    GRADES_KEY: Setting(list(GRADES), _grades),
    DEFAULT_UNIT: Setting("斤", choice(UNITS)),
}
