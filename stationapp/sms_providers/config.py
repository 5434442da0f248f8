"""Reading the SMS settings (a flat dict of ``sms.*`` keys) the same way in every provider."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from stationapp.core import clock


def text(settings: Mapping[str, Any], key: str, default: str = "") -> str:
    value = settings.get(key)
    return default if value is None or str(value).strip() == "" else str(value).strip()


def number(settings: Mapping[str, Any], key: str, default: float) -> float:
    try:
        value = float(str(settings.get(key, default)).strip())
    except ValueError:
        return default
    return value if value > 0 else default


def signature(settings: Mapping[str, Any]) -> str:
    """``sms.signature``, or the station's name when it is left empty (as the outbox signs)."""
    name = text(settings, "sms.signature") or text(settings, "station.name")
    return name.strip("【】[] ")


def per_template(settings: Mapping[str, Any], prefix: str) -> dict[str, str]:
    """``{"parcel_arrival": "SMS_123"}`` from keys like ``sms.aliyun.template.parcel_arrival``."""
    found = {}
    for key, value in settings.items():
        if key.startswith(prefix) and len(key) > len(prefix) and str(value or "").strip():
            found[key[len(prefix) :]] = str(value).strip()
    return found


def name_lists(settings: Mapping[str, Any], prefix: str) -> dict[str, tuple[str, ...]]:
    """``{"parcel_arrival": ("carrier", "tail")}`` from ``prefix + name = "carrier, tail"``."""
    return {
        name: tuple(part.strip() for part in value.replace("，", ",").split(",") if part.strip())
        for name, value in per_template(settings, prefix).items()
    }


def seconds_until_tomorrow(now: datetime | None = None, *, margin_s: float = 300) -> float:
    """Until a few minutes past the next midnight in Asia/Shanghai, when daily limits reset."""
    moment = (now or clock.now()).astimezone(clock.SHANGHAI)
    midnight = (moment + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - moment).total_seconds() + margin_s
