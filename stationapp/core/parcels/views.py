"""What the parcel screens read: the lazy shelf list, a shelf check's result, the day's figures."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from stationapp.core import clock
from stationapp.core.parcels.store import PARCEL_COLUMNS, Parcel, row_to_parcel


@dataclass(frozen=True)
class ShelfCheck:
    found: list[Parcel]
    missing: list[Parcel]
    unexpected: list[str]


@dataclass(frozen=True)
class ParcelDaySummary:
    day: str
    received: int
    picked_up: int
    returned: int
    waiting: int
    overdue: int
    sent: int
    handed_over: int
    received_by_carrier: dict[str, int]
    sent_by_carrier: dict[str, int]
    fees_fen: int  # pickup fees (only when the station turned a fee on)
    sent_fees_fen: int
    sent_cash_fen: int


def day_summary(
    conn: sqlite3.Connection, overdue_days: int, day: date | None = None
) -> ParcelDaySummary:
    day = day or clock.business_day()
    start, end = (clock.format_iso(t) for t in clock.business_day_bounds(day))

    def count(sql: str, *args: Any) -> int:
        return conn.execute(sql, args).fetchone()[0]

    received_by_carrier = dict(
        conn.execute(
            "SELECT carrier, count(*) FROM parcels WHERE received_at >= ? AND received_at < ?"
            " GROUP BY carrier ORDER BY carrier",
            (start, end),
        ).fetchall()
    )
    sent_by_carrier = dict(
        conn.execute(
            "SELECT carrier, count(*) FROM sent_parcels WHERE sent_at >= ? AND sent_at < ?"
            " GROUP BY carrier ORDER BY carrier",
            (start, end),
        ).fetchall()
    )
    overdue_start, _ = clock.business_day_bounds(day - timedelta(days=overdue_days))
    return ParcelDaySummary(
        day=day.isoformat(),
        received=sum(received_by_carrier.values()),
        picked_up=count(
            "SELECT count(*) FROM parcels WHERE picked_up_at >= ? AND picked_up_at < ?"
            " AND status = 'picked_up'",
            start,
            end,
        ),
        returned=count(
            "SELECT count(*) FROM parcels WHERE status = 'returned' AND returned_at >= ?"
            " AND returned_at < ?",
            start,
            end,
        ),
        waiting=count("SELECT count(*) FROM parcels WHERE status = 'waiting'"),
        overdue=count(
            "SELECT count(*) FROM parcels WHERE status = 'waiting' AND received_at < ?",
            clock.format_iso(overdue_start),
        ),
        sent=sum(sent_by_carrier.values()),
        handed_over=count(
            "SELECT coalesce(sum(count), 0) FROM handovers WHERE handed_at >= ? AND handed_at < ?",
            start,
            end,
        ),
        received_by_carrier=received_by_carrier,
        sent_by_carrier=sent_by_carrier,
        fees_fen=count(
            "SELECT coalesce(sum(fee_fen), 0) FROM parcels WHERE picked_up_at >= ?"
            " AND picked_up_at < ? AND status = 'picked_up'",
            start,
            end,
        ),
        sent_fees_fen=count(
            "SELECT coalesce(sum(fee_fen), 0) FROM sent_parcels WHERE sent_at >= ? AND sent_at < ?",
            start,
            end,
        ),
        sent_cash_fen=count(
            "SELECT coalesce(sum(fee_fen), 0) FROM sent_parcels WHERE sent_at >= ?"
            " AND sent_at < ? AND payment = 'cash'",
            start,
            end,
        ),
    )


class ShelfQuery:
    """The shelf list, lazily: a count and pages of ids, rows fetched only for what is shown."""

    def __init__(self, conn: sqlite3.Connection, where: str, args: tuple) -> None:
        self._conn = conn
        self._where = where
        self._args = args

    def count(self) -> int:
        return self._conn.execute(
            f"SELECT count(*) FROM parcels WHERE {self._where}", self._args
        ).fetchone()[0]

    def page(self, after: Parcel | None, limit: int) -> list[Parcel]:
        """The next ``limit`` parcels after ``after`` (None: from the start), oldest first: the
        parcels that have waited longest need attention first. Keyset paging, so the millionth
        row costs what the first does."""
        where, args = self._where, self._args
        if after is not None:
            where += " AND (received_at, id) > (?, ?)"
            args = (*args, after.received_at, after.id)
        rows = self._conn.execute(
            f"SELECT {PARCEL_COLUMNS} FROM parcels WHERE {where} ORDER BY received_at, id LIMIT ?",
            (*args, int(limit)),
        ).fetchall()
        return [row_to_parcel(r) for r in rows]
