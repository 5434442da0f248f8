"""The station's settings: typed, validated, each change a ``settings.changed`` event."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stationapp.core import phone
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Batch, Event, EventLog, Replay, projected_table, projects
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import foreign_digits
from stationapp.core.text import checked_characters

projected_table("settings", "key")

PAPERS = ("80mm", "58mm", "A4")
_STATION_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the station's name"))
LANGUAGES = ("zh_CN", "en")


def whole_number(value: Any) -> int:
    """``int`` of a typed value; ValueError for digits other than 0-9 (and full-width ０-９),
    which ``int()`` alone would read (``int("٤")`` is 4)."""
    text = str(value).strip()
    if foreign_digits(text):
        raise ValueError(f"digits other than 0-9 in {text!r}")
    return int(text)


def _choice(options: tuple[str, ...]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        value = str(value).strip()
        if value not in options:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "Choose one of: {options}."),
                options=", ".join(options),
            )
        return value

    return check


def _minutes(value: Any) -> int:
    try:
        minutes = whole_number(value)
    except ValueError:
        minutes = -1
    if not 0 <= minutes <= 240:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The idle lock is a number of minutes from 0 (never) to 240, e.g. 10.",
            )
        )
    return minutes


def _station_name(value: Any) -> str:
    name = checked_characters(str(value or ""), what=_STATION_NAME)
    if not 2 <= len(name) <= 40:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Type the station's name, 2 to 40 characters, as on its sign, e.g. "
                "孟定镇芒艾村电商服务站.",
            )
        )
    return name


def _contact_phone(value: Any) -> str:
    text = str(value or "").strip()
    return phone.normalize_contact_phone(text) if text else ""


def _printer(value: Any) -> str:
    return str(value or "").strip()


def _int_range(low: int, high: int, text: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        try:
            number = whole_number(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise ValidationError(text, low=low, high=high)
        return number

    return check


_DAYS_TEXT = QT_TRANSLATE_NOOP("UserError", "Type a number of days from {low} to {high}.")


def _shelves(value: Any) -> list[dict[str, Any]]:
    """The parcel room's shelves: a name (as painted on the shelf) and a number of layers."""
    if isinstance(value, str):  # "A:4, B:4, 3:5" as typed in a form
        items = []
        for part in value.replace("，", ",").split(","):
            if part.strip():
                name, _, layers = part.strip().partition(":")
                items.append({"name": name, "layers": layers or "4"})
        value = items
    shelves: list[dict[str, Any]] = []
    for item in value or []:
        name = str(item.get("name", "")).strip().upper()
        try:
            layers = whole_number(item.get("layers", ""))
        except ValueError:
            layers = 0
        if not re.fullmatch(r"[A-Z0-9]{1,3}", name) or not 1 <= layers <= 20:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "A shelf is a name of 1 to 3 letters or digits and 1 to 20 layers, written "
                    "like A:4, B:4, 3:5.",
                )
            )
        if any(s["name"] == name for s in shelves):
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "The shelf {name} is listed twice."), name=name
            )
        shelves.append({"name": name, "layers": layers})
    if not shelves:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Define at least one shelf, e.g. A:4.")
        )
    return shelves


def _parcels_stay_on_their_shelves(conn: sqlite3.Connection, shelves: list[dict[str, Any]]) -> None:
    """A shelf (or a layer) parcels wait on stays: their pickup codes name it, and the shelf
    check and pickup would find it gone. No parcel is moved behind the operator's back."""
    layers = {s["name"]: s["layers"] for s in shelves}
    waiting: dict[str, dict[int, int]] = {}
    for shelf, layer, count in conn.execute(
        "SELECT shelf, layer, count(*) FROM parcels WHERE status = 'waiting' GROUP BY shelf, layer"
    ):
        waiting.setdefault(shelf, {})[layer] = count
    for shelf, counts in sorted(waiting.items()):
        if shelf not in layers:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Shelf {shelf} still holds {count} waiting parcels, so it cannot be removed "
                    "yet. Keep it until they are picked up or returned (the shelf list shows "
                    "them), then remove it.",
                ),
                shelf=shelf,
                count=sum(counts.values()),
            )
        above = {layer: n for layer, n in counts.items() if layer > layers[shelf]}
        if above:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Shelf {shelf} still holds {count} waiting parcels above layer {kept}: keep "
                    "{layers} layers on it until they are picked up or returned.",
                ),
                shelf=shelf,
                kept=layers[shelf],
                count=sum(above.values()),
                layers=max(above),
            )


def _clock_time(value: Any) -> str:
    text = str(value or "").strip().replace("：", ":")
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text)
    if not match:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Write the time like 14:00 (24-hour clock).")
        )
    return f"{int(match.group(1)):02d}:{match.group(2)}"


CONSENTS = ("sms_notice", "phone_call", "standing", "in_person")


@dataclass(frozen=True)
class Setting:
    default: Any
    check: Callable[[Any], Any]
    manager_only: bool = True
    # what the station's records allow, checked in the change's transaction
    guard: Callable[[sqlite3.Connection, Any], None] | None = None


SETTINGS: dict[str, Setting] = {
    "language": Setting("zh_CN", _choice(LANGUAGES)),
    "idle_lock_minutes": Setting(10, _minutes),
    "paper": Setting("80mm", _choice(PAPERS)),
    "printer": Setting("", _printer),
    "station.name": Setting("", _station_name),
    "station.phone": Setting("", _contact_phone),
    "parcels.shelves": Setting(
        [{"name": "A", "layers": 4}, {"name": "B", "layers": 4}, {"name": "C", "layers": 4}],
        _shelves,
        guard=_parcels_stay_on_their_shelves,
    ),
    "parcels.overdue_days": Setting(3, _int_range(1, 30, _DAYS_TEXT)),
    "parcels.return_days": Setting(7, _int_range(2, 60, _DAYS_TEXT)),
    "parcels.default_consent": Setting("sms_notice", _choice(CONSENTS)),
    "parcels.pickup_fee_fen": Setting(
        0,
        _int_range(
            0,
            1000,
            QT_TRANSLATE_NOOP(
                "UserError",
                "The pickup fee is in fen, from {low} (no fee, the usual) to {high}.",
            ),
        ),
    ),
    "parcels.cutoff": Setting("14:00", _clock_time),
}


def _setting(key: str) -> Setting:
    try:
        return SETTINGS[key]
    except KeyError:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "There is no setting called '{key}'."), key=key
        ) from None


def _changed(replay: Replay, event: Event) -> None:
    _put(replay.conn, event.payload["key"], event.payload["value"])


def _revert(replay: Replay, event: Event) -> None:
    key, old = event.payload["key"], event.payload.get("old")
    current = _get_raw(replay.conn, key)
    if current != event.payload["value"]:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The setting {key} was changed again after this change; change it on the "
                "settings page instead.",
            ),
            key=key,
        )
    if old is None:
        replay.conn.execute("DELETE FROM settings WHERE key = ?", (key,))
    else:
        _put(replay.conn, key, old)


# a settings change can be voided by the manager: the setting goes back to what it was
projects("settings.changed", revert=_revert)(_changed)


def _put(conn: sqlite3.Connection, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, _value_json(value)),
    )


def _value_json(value: Any) -> str:
    """A setting's value as stored: keys sorted, as the event's payload keeps it, so the row
    written at the change and the row a rebuild writes from the event are the same text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def migrate_settings_sorted(db: Any) -> None:
    """Migration ``011_settings_sorted``: values written before with their keys in the order
    they were made (the shelves' ``{"name", "layers"}``) are written again with keys sorted, so
    that ``verify`` finds the rows it rebuilds from the events."""
    conn = db.conn
    rows = conn.execute("SELECT key, value FROM settings").fetchall()
    for key, value in rows:
        conn.execute(
            "UPDATE settings SET value = ? WHERE key = ?", (_value_json(json.loads(value)), key)
        )


def _get_raw(conn: sqlite3.Connection, key: str) -> Any:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def change_setting(batch: Batch, key: str, value: Any, *, operator: str) -> Event | None:
    """Validate and write one change in the batch; None when the value is already that."""
    setting = _setting(key)
    checked = setting.check(value)
    if setting.guard is not None:
        setting.guard(batch.conn, checked)
    old = _get_raw(batch.conn, key)
    if old == checked:
        return None
    return batch.append(
        "settings.changed",
        entity_id=f"setting:{key}",
        payload={"key": key, "value": checked, "old": old},
        operator=operator,
    )


class Settings:
    """``st.settings``: read anywhere, changed by the manager."""

    def __init__(self, conn: sqlite3.Connection, log: EventLog, session) -> None:
        self._conn = conn
        self._log = log
        self._session = session

    def get(self, key: str) -> Any:
        value = _get_raw(self._conn, key)
        return _setting(key).default if value is None else value

    def all(self) -> dict[str, Any]:
        values = {key: s.default for key, s in SETTINGS.items()}
        for key, raw in self._conn.execute("SELECT key, value FROM settings"):
            values[key] = json.loads(raw)
        return values

    def set(self, key: str, value: Any) -> Event | None:
        setting = _setting(key)
        actor = (
            self._session.require_manager()
            if setting.manager_only
            else (self._session.require_operator())
        )
        with self._log.batch() as batch:
            return change_setting(batch, key, value, operator=actor.id)

    def set_many(self, values: dict[str, Any]) -> list[Event]:
        """Several settings at once, all or nothing (the settings page's Save)."""
        actor = self._session.require_manager()
        for key, value in values.items():
            _setting(key).check(value)
        with self._log.batch() as batch:
            changed = [change_setting(batch, k, v, operator=actor.id) for k, v in values.items()]
        return [e for e in changed if e is not None]


def _merge_line_settings() -> None:
    # each business line keeps its settings beside its code; the station sees them all here
    from stationapp.core.sms.settings import SMS_SETTINGS

    SETTINGS.update(SMS_SETTINGS)


_merge_line_settings()
