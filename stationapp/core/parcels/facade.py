"""Parcels in (快递到站): intake onto the shelves, pickup, reminders, returns, shelf checks.

Each command validates first, then writes its events in one transaction; the ``parcels`` table
is the projection of ``parcel.*`` events. A parcel's arrival text rides on its
``parcel.received`` (``parcels.notice``); reminders queue texts of their own.

:class:`Parcels` is the one facade (``st.parcels``); it keeps finding and reading parcels, the
shelf check and the day's summary, and takes its commands from beside it: intake and the
phone's tail in ``parcels.intake``, pickup and its undo in ``parcels.pickup``, reminders and
returns in ``parcels.returns``.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from stationapp.core import clock, phone, pinyin, waybill
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.line import LineContext
from stationapp.core.parcels.intake import ParcelIntake
from stationapp.core.parcels.pickup import ParcelPickup
from stationapp.core.parcels.returns import ParcelReturns
from stationapp.core.parcels.store import PARCEL_COLUMNS, Parcel, Shelf, row_to_parcel
from stationapp.core.parcels.views import ParcelDaySummary, ShelfCheck, ShelfQuery, day_summary

__all__ = [
    "Parcel",
    "ParcelDaySummary",
    "Parcels",
    "Shelf",
    "ShelfCheck",
    "ShelfQuery",
]


class Parcels(ParcelIntake, ParcelPickup, ParcelReturns):
    """``st.parcels``."""

    def __init__(self, ctx: LineContext) -> None:
        self._conn: sqlite3.Connection = ctx.conn
        self._log = ctx.log
        self._session = ctx.session
        self._settings = ctx.settings
        self._arrivals = ctx.parcel_arrivals  # the other lines' word on a parcel taken in
        self._county = ctx.shared["county"]  # its household registry: intake's marked parcels

    # reading ------------------------------------------------------------------------------------

    def get(self, parcel_id: str) -> Parcel:
        row = self._conn.execute(
            f"SELECT {PARCEL_COLUMNS} FROM parcels WHERE id = ?", (parcel_id,)
        ).fetchone()
        if row is None:
            raise StateError(QT_TRANSLATE_NOOP("UserError", "No such parcel. Search for it again."))
        return row_to_parcel(row)

    def _select(self, where: str, args: tuple, *, limit: int = 200) -> list[Parcel]:
        rows = self._conn.execute(
            f"SELECT {PARCEL_COLUMNS} FROM parcels WHERE {where}"
            f" ORDER BY received_at DESC LIMIT {int(limit)}",
            args,
        ).fetchall()
        return [row_to_parcel(r) for r in rows]

    def find(self, query: str, *, waiting_only: bool = True) -> list[Parcel]:
        """Pickup code, last four digits of the phone, whole phone, waybill, or name / pinyin
        initials: every matching parcel (waiting ones only, unless asked)."""
        text = (query or "").strip()
        if not text:
            return []
        status = " AND status = 'waiting'" if waiting_only else ""
        upper = text.upper().replace(" ", "")
        if upper.count("-") == 2:
            return self._select(f"pickup_code = ?{status}", (upper,))
        digits = "".join(ch for ch in text if ch.isdigit())
        if text.isdigit() and len(text) == 4:
            return self._select(f"phone_tail = ?{status}", (text,))
        if phone.is_mobile(text):
            return self._select(f"recipient_phone = ?{status}", (phone.normalize_mobile(text),))
        try:
            number = waybill.normalize_waybill(text)
        except ValidationError:
            number = ""
        if number and (len(digits) >= 8 or any(ch.isdigit() for ch in number)):
            return self._select(f"waybill = ?{status}", (number,))
        key = pinyin.initials(text) if text.isascii() else text
        like = f"%{key.lower()}%" if text.isascii() else f"%{text}%"
        if waiting_only:
            # from the waiting parcels (their own index), each one's customer by its key: the
            # cost follows what is on the shelves, not the station's history or its customers
            return self._select(
                "status = 'waiting' AND EXISTS (SELECT 1 FROM customers c"
                " WHERE c.id = parcels.customer_id AND (c.search_key LIKE ? OR c.name LIKE ?))",
                (like, f"%{text}%"),
            )
        # through the phone index: every parcel of a customer carries the customer's phone
        named = "FROM customers WHERE search_key LIKE ? OR name LIKE ?"
        return self._select(
            f"recipient_phone IN (SELECT phone {named}) AND customer_id IN (SELECT id {named})"
            f"{status}",
            (like, f"%{text}%", like, f"%{text}%"),
        )

    def waiting_for(self, recipient_phone: str) -> list[Parcel]:
        return self._select(
            "recipient_phone = ? AND status = 'waiting'", (phone.normalize_mobile(recipient_phone),)
        )

    def carrier_candidates(self, number: str) -> list[waybill.CarrierGuess]:
        number = waybill.normalize_waybill(number)
        prefix = waybill.learning_prefix(number)
        row = self._conn.execute(
            "SELECT carrier FROM carrier_prefixes WHERE prefix = ?", (prefix,)
        ).fetchone()
        return waybill.carrier_candidates(number, {prefix: row[0]} if row else None)

    def customer_by_phone(self, mobile: str) -> dict[str, Any] | None:
        row = self._conn.execute(
            "SELECT id, name, phone FROM customers WHERE phone = ? ORDER BY created_at LIMIT 1",
            (phone.normalize_mobile(mobile),),
        ).fetchone()
        return dict(row) if row else None

    def last_shelf(self) -> tuple[str, int]:
        """Where the last intake went: the next one goes there too, unless changed."""
        row = self._conn.execute(  # the last row written: rowid order is intake order
            "SELECT shelf, layer FROM parcels ORDER BY rowid DESC LIMIT 1"
        ).fetchone()
        if row:
            return row[0], row[1]
        first = self.shelves()[0]
        return first.name, 1

    def shelves(self) -> list[Shelf]:
        return [Shelf(s["name"], int(s["layers"])) for s in self._settings.get("parcels.shelves")]

    def overdue(self, days: int | None = None, *, today: date | None = None) -> list[Parcel]:
        days = self._settings.get("parcels.overdue_days") if days is None else days
        today = today or clock.business_day()
        start, _ = clock.business_day_bounds(today - timedelta(days=days))
        return self._select(
            "status = 'waiting' AND received_at < ?", (clock.format_iso(start),), limit=100_000
        )

    def due_for_return(self, *, today: date | None = None) -> list[Parcel]:
        return self.overdue(self._settings.get("parcels.return_days"), today=today)

    def shelf_list(
        self, *, shelf: str | None = None, status: str = "waiting", overdue_only: bool = False
    ) -> ShelfQuery:
        # the history of picked-up parcels streams through parcels_received in the list's order;
        # `+status` keeps SQLite off parcels_picked_up (pickup-time order: it would sort them all)
        where, args = ["+status = ?" if status == "picked_up" else "status = ?"], [status]
        if shelf:
            where.append("shelf = ?")
            args.append(shelf)
        if overdue_only:
            start, _ = clock.business_day_bounds(
                clock.business_day() - timedelta(days=self._settings.get("parcels.overdue_days"))
            )
            where.append("received_at < ?")
            args.append(clock.format_iso(start))
        return ShelfQuery(self._conn, " AND ".join(where), tuple(args))

    # shelf check --------------------------------------------------------------------------------

    def check_shelf(self, shelf: str, scanned: list[str]) -> ShelfCheck:
        """盘点: what should be on the shelf against what was scanned (waybills or codes)."""
        name = (shelf or "").strip().upper()
        if name not in {s.name for s in self.shelves()}:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "There is no shelf {shelf}."), shelf=name
            )
        on_shelf = self._select("status = 'waiting' AND shelf = ?", (name,), limit=1_000_000)
        by_key: dict[str, Parcel] = {}
        for parcel in on_shelf:
            by_key[parcel.waybill] = parcel
            by_key[parcel.pickup_code] = parcel
        seen: dict[str, Parcel] = {}
        unexpected: list[str] = []
        for text in scanned:
            key = text.strip().upper()
            if not key:
                continue
            parcel = by_key.get(key)
            if parcel is None:
                try:
                    parcel = by_key.get(waybill.normalize_waybill(key))
                except ValidationError:
                    parcel = None
            if parcel is None:
                if key not in unexpected:
                    unexpected.append(key)
            else:
                seen[parcel.id] = parcel
        missing = [p for p in on_shelf if p.id not in seen]
        return ShelfCheck(found=list(seen.values()), missing=missing, unexpected=unexpected)

    # the day ------------------------------------------------------------------------------------

    def day_summary(self, day: date | None = None) -> ParcelDaySummary:
        return day_summary(self._conn, self._settings.get("parcels.overdue_days"), day)
