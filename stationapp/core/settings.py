"""The station's settings: typed, validated, each change a ``settings.changed`` event."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from stationapp.core import phone
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Batch, Event, EventLog, Replay
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.money import foreign_digits
from stationapp.core.projections import Projector
from stationapp.core.text import checked_characters

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


def choice(options: tuple[str, ...]) -> Callable[[Any], str]:
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


def int_range(low: int, high: int, text: str) -> Callable[[Any], int]:
    def check(value: Any) -> int:
        try:
            number = whole_number(value)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise ValidationError(text, low=low, high=high)
        return number

    return check


@dataclass(frozen=True)
class Setting:
    default: Any
    check: Callable[[Any], Any]
    manager_only: bool = True
    # what the station's records allow, checked in the change's transaction
    guard: Callable[[sqlite3.Connection, Any], None] | None = None


# the station's own settings; each line lists its own (``Line.settings``), gathered by lines.py
STATION_SETTINGS: dict[str, Setting] = {
    "language": Setting("zh_CN", choice(LANGUAGES)),
    "idle_lock_minutes": Setting(10, _minutes),
    "paper": Setting("80mm", choice(PAPERS)),
    "printer": Setting("", _printer),
    "station.name": Setting("", _station_name),
    "station.phone": Setting("", _contact_phone),
}


def _setting(key: str, table: Mapping[str, Setting]) -> Setting:
    try:
        return table[key]
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


def change_setting(
    batch: Batch,
    key: str,
    value: Any,
    *,
    operator: str,
    table: Mapping[str, Setting] = STATION_SETTINGS,
) -> Event | None:
    """Validate and write one change in the batch; None when the value is already that.
    ``table``: the settings known (the station's own by default; ``st.settings`` knows all)."""
    setting = _setting(key, table)
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
    """``st.settings``: read anywhere, changed by the manager. ``table``: every setting the
    station knows, its own and each line's (``lines.py``)."""

    def __init__(
        self, conn: sqlite3.Connection, log: EventLog, session, table: Mapping[str, Setting]
    ) -> None:
        self._conn = conn
        self._log = log
        self._session = session
        self.table = dict(table)

    def get(self, key: str) -> Any:
        value = _get_raw(self._conn, key)
        return _setting(key, self.table).default if value is None else value

    def all(self) -> dict[str, Any]:
        values = {key: s.default for key, s in self.table.items()}
        for key, raw in self._conn.execute("SELECT key, value FROM settings"):
            values[key] = json.loads(raw)
        return values

    def set(self, key: str, value: Any) -> Event | None:
        setting = _setting(key, self.table)
        actor = (
            self._session.require_manager()
            if setting.manager_only
            else (self._session.require_operator())
        )
        with self._log.batch() as batch:
            return change_setting(batch, key, value, operator=actor.id, table=self.table)

    def set_many(self, values: dict[str, Any]) -> list[Event]:
        """Several settings at once, all or nothing (the settings page's Save)."""
        actor = self._session.require_manager()
        for key, value in values.items():
            _setting(key, self.table).check(value)
        with self._log.batch() as batch:
            changed = [
                change_setting(batch, k, v, operator=actor.id, table=self.table)
                for k, v in values.items()
            ]
        return [e for e in changed if e is not None]


# a settings change can be voided by the manager: the setting goes back to what it was
PROJECTORS: dict[str, Projector] = {"settings.changed": Projector(_changed, revert=_revert)}
PROJECTED_TABLES: dict[str, str] = {"settings": "key"}
