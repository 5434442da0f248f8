"""The parcels line's settings: the shelves, when a parcel is overdue or goes back, the consent
taken by default, a pickup fee (off unless the station turns it on) and the sending cut-off."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from stationapp.core.errors import StateError, ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.settings import Setting, choice, int_range, whole_number

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


PARCEL_SETTINGS: dict[str, Setting] = {
    "parcels.shelves": Setting(
        [{"name": "A", "layers": 4}, {"name": "B", "layers": 4}, {"name": "C", "layers": 4}],
        _shelves,
        guard=_parcels_stay_on_their_shelves,
    ),
    "parcels.overdue_days": Setting(3, int_range(1, 30, _DAYS_TEXT)),
    "parcels.return_days": Setting(7, int_range(2, 60, _DAYS_TEXT)),
    "parcels.default_consent": Setting("sms_notice", choice(CONSENTS)),
    "parcels.pickup_fee_fen": Setting(
        0,
        int_range(
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
