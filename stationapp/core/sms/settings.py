"""The SMS settings (merged into the station's SETTINGS) and reading them inside a transaction."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.settings import Setting
from stationapp.core.sms.render import clean_signature

PROVIDERS = ("file", "aliyun", "tencent", "modem", "county")


def _whole_number(low: int, high: int, text: str):
    def check(value: Any) -> int:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise ValidationError(text, low=low, high=high)
        return number

    return check


def _provider(value: Any) -> str:
    name = str(value or "").strip()
    if name not in PROVIDERS:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Choose one of: {options}."),
            options=", ".join(PROVIDERS),
        )
    return name


def _signature(value: Any) -> str:
    name = clean_signature(str(value or ""))
    if name and not 2 <= len(name) <= 20:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The SMS signature is the name the SMS service approved, 2 to 20 characters "
                "without 【】, e.g. 芒艾村服务站; leave it empty to sign with the station's name.",
            )
        )
    return name


SMS_SETTINGS: dict[str, Setting] = {
    "sms.group_minutes": Setting(
        10,
        _whole_number(
            0,
            120,
            QT_TRANSLATE_NOOP(
                "UserError",
                "Texts to one phone are grouped for a number of minutes from {low} (each parcel "
                "its own text) to {high}, e.g. 10.",
            ),
        ),
    ),
    "sms.signature": Setting("", _signature),
    "sms.provider": Setting("file", _provider),
    "sms.pickup_days": Setting(
        3,
        _whole_number(
            1, 30, QT_TRANSLATE_NOOP("UserError", "Type a number of days from {low} to {high}.")
        ),
    ),
}


def _text_setting(limit: int) -> Any:
    def check(value: Any) -> str:
        text = str(value or "").strip()
        if len(text) > limit:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "At most {limit} characters here."), limit=limit
            )
        return text

    return check


def _url(value: Any) -> str:
    text = str(value or "").strip()
    if text and not (text.startswith("https://") or text.startswith("http://")):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "Write the service address starting with https://, or leave it empty."
            )
        )
    return text


def _per_template(value: Any) -> dict[str, str]:
    """Template code (or parameter order) per station template, e.g. {"parcel_arrival": "SMS_1"}."""
    if not isinstance(value, dict):
        raise ValidationError(QT_TRANSLATE_NOOP("UserError", "Give one value per SMS template."))
    return {str(k).strip(): str(v).strip() for k, v in value.items() if str(v).strip()}


# where each provider is reached and which approved template each station text uses; the keys
# (AccessKey, SecretKey) are not settings: they live in the data folder's secrets.json
SMS_SETTINGS.update(
    {
        "sms.timeout_s": Setting(
            10,
            _whole_number(
                3,
                60,
                QT_TRANSLATE_NOOP("UserError", "Type a number of seconds from {low} to {high}."),
            ),
        ),
        "sms.aliyun.endpoint": Setting("", _url),
        "sms.aliyun.templates": Setting({}, _per_template),
        "sms.aliyun.params": Setting({}, _per_template),
        "sms.tencent.endpoint": Setting("", _url),
        "sms.tencent.region": Setting("ap-guangzhou", _text_setting(40)),
        "sms.tencent.app_id": Setting("", _text_setting(40)),
        "sms.tencent.templates": Setting({}, _per_template),
        "sms.tencent.params": Setting({}, _per_template),
        "sms.modem.port": Setting("", _text_setting(80)),
        "sms.modem.baud": Setting(
            115200,
            _whole_number(
                1200, 921600, QT_TRANSLATE_NOOP("UserError", "A serial speed from {low} to {high}.")
            ),
        ),
        "sms.modem.smsc": Setting("", _text_setting(20)),
    }
)


def provider_config(values: dict[str, Any]) -> dict[str, Any]:
    """The flat keys the SMS providers read (``sms.aliyun.template.<t>``...) from the settings."""
    config = {k: v for k, v in values.items() if k.startswith("sms.") and not isinstance(v, dict)}
    for service in ("aliyun", "tencent"):
        for kind in ("template", "params"):
            for template, value in values.get(f"sms.{service}.{kind}s", {}).items():
                config[f"sms.{service}.{kind}.{template}"] = value
    for key in ("sms.aliyun.endpoint", "sms.tencent.endpoint"):
        if not config.get(key):
            config.pop(key, None)  # the provider's own default address
    config["station.name"] = values.get("station.name", "")
    return config


def read_setting(conn: sqlite3.Connection, key: str) -> Any:
    """A setting read on ``conn`` (inside another line's transaction too)."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    if row is not None:
        return json.loads(row[0])
    return SMS_SETTINGS[key].default if key in SMS_SETTINGS else ""


def signature(conn: sqlite3.Connection) -> str:
    """The 【signature】 of every text: ``sms.signature``, else the station's name."""
    return clean_signature(
        read_setting(conn, "sms.signature") or read_setting(conn, "station.name")
    )
