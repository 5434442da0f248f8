"""The produce line's settings: how far a purchase price may stray from the catalog's reference
before it needs confirming, the grades offered, the unit a new purchase starts in, and the
scale the purchase form reads (``scale.*``, as ``ScaleConfig.from_settings`` reads them)."""

from __future__ import annotations

from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.produce.quantities import GRADES, UNITS
from stationapp.core.settings import Setting, choice, int_range
from stationapp.scales import BAUDRATES, DEFAULT_MODEL, MODELS

PRICE_CHECK = "produce.price_check_percent"
GRADES_KEY = "produce.grades"
DEFAULT_UNIT = "produce.default_unit"
SCALE_PORT = "scale.port"
SCALE_BAUDRATE = "scale.baudrate"
SCALE_MODEL = "scale.model"


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


def _port(value: Any) -> str:
    """COM3, /dev/ttyUSB0 or a pyserial URL; empty: no scale, weights are typed."""
    text = str(value or "").strip()
    if len(text) > 200:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "A port name is at most 200 characters, like COM3.")
        )
    return text


def _baudrate(value: Any) -> int:
    try:
        rate = int(str(value).strip())
    except ValueError:
        rate = 0
    if rate not in BAUDRATES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Choose a baud rate of {rates}."),
            rates=", ".join(str(r) for r in BAUDRATES),
        )
    return rate


PRODUCE_SETTINGS: dict[str, Setting] = {
    PRICE_CHECK: Setting(
        30,
        int_range(1, 100, QT_TRANSLATE_NOOP("UserError", "Type a percent from {low} to {high}.")),
    ),
    GRADES_KEY: Setting(list(GRADES), _grades),
    DEFAULT_UNIT: Setting("斤", choice(UNITS)),
    SCALE_PORT: Setting("", _port),
    SCALE_BAUDRATE: Setting(9600, _baudrate),
    SCALE_MODEL: Setting(DEFAULT_MODEL, choice(tuple(MODELS))),
}
