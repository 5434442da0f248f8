"""Reading the household log: one household's rows and totals for a period, and the station's
totals (households helped, the people in them, what was bought from them). Every query reads
the ``household_log`` indexes by household and day."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from stationapp.core.households.log import BOUGHT_TYPE
from stationapp.core.households.periods import Period

_ENTRY_COLUMNS = (
    "event_id, household_id, type, day, occurred_at, operator, person, paid_in_fen,"
    " paid_out_fen, pay_methods, income_fen, fee_waived_fen, service, service_kind, note,"
    " product, grade, quantity, unit, unit_price_fen, market_price_fen"
)


@dataclass(frozen=True)
class LogEntry:
    """One station event for a household, as the log keeps it."""

    event_id: str
    household_id: str
    type: str  # the event's type: produce.bought, order.created, household.helped...
    day: str  # business day, 2026-11-23
    occurred_at: str
    operator: str  # the operator's id
    person: str  # who came for the household (the payload's customer_name)
    paid_in_fen: int  # money the station took from them
    paid_out_fen: int  # money the station paid them
    pay_methods: str  # "cash,wechat"
    income_fen: int  # income it brought the household (produce bought, consigned sales settled)
    fee_waived_fen: int
    service: bool  # a service without money (household.helped)
    service_kind: str
    note: str
    product: str
    grade: str
    quantity: str
    unit: str
    unit_price_fen: int | None
    market_price_fen: int | None


@dataclass(frozen=True)
class Totals:
    """What the station did for one household in a period."""

    income_fen: int = 0
    fees_waived_fen: int = 0
    services: int = 0
    events: int = 0
    paid_in_fen: int = 0
    paid_out_fen: int = 0


@dataclass(frozen=True)
class StationTotals:
    """What the station did for the registered households in a period (带动户数/人数, 增收)."""

    households_helped: int
    people: int  # the registry's household sizes, summed over the households helped
    bought_fen: int  # paid for produce bought from them
    income_fen: int
    fees_waived_fen: int
    services: int


def entries(conn: sqlite3.Connection, household_id: str, period: Period | None) -> list[LogEntry]:
    where, params = _scope(household_id, period)
    rows = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM household_log WHERE {where}"
        " ORDER BY day, occurred_at, event_id",
        params,
    ).fetchall()
    return [_entry(row) for row in rows]


def station_entries(conn: sqlite3.Connection, period: Period) -> list[LogEntry]:
    """Every household's rows in ``period``, in the order they happened (the station's 台账)."""
    rows = conn.execute(
        f"SELECT {_ENTRY_COLUMNS} FROM household_log WHERE day BETWEEN ? AND ?"
        " ORDER BY day, occurred_at, event_id",
        period.bounds,
    ).fetchall()
    return [_entry(row) for row in rows]


def totals(conn: sqlite3.Connection, household_id: str, period: Period | None) -> Totals:
    where, params = _scope(household_id, period)
    row = conn.execute(
        "SELECT coalesce(sum(income_fen), 0), coalesce(sum(fee_waived_fen), 0),"
        " coalesce(sum(service), 0), count(*), coalesce(sum(paid_in_fen), 0),"
        f" coalesce(sum(paid_out_fen), 0) FROM household_log WHERE {where}",
        params,
    ).fetchone()
    return Totals(*row)


def station_totals(conn: sqlite3.Connection, period: Period) -> StationTotals:
    first, last = period.bounds
    row = conn.execute(
        "SELECT count(DISTINCT household_id),"
        " coalesce(sum(CASE WHEN type = ? THEN income_fen ELSE 0 END), 0),"
        " coalesce(sum(income_fen), 0), coalesce(sum(fee_waived_fen), 0),"
        " coalesce(sum(service), 0)"
        " FROM household_log WHERE day BETWEEN ? AND ?",
        (BOUGHT_TYPE, first, last),
    ).fetchone()
    people = conn.execute(
        "SELECT coalesce(sum(members), 0) FROM county_households WHERE household_no IN"
        " (SELECT DISTINCT household_id FROM household_log WHERE day BETWEEN ? AND ?)",
        (first, last),
    ).fetchone()[0]
    helped, bought, income, waived, services = row
    return StationTotals(helped, people, bought, income, waived, services)


def households_helped(conn: sqlite3.Connection, period: Period) -> int:
    return conn.execute(
        "SELECT count(DISTINCT household_id) FROM household_log WHERE day BETWEEN ? AND ?",
        period.bounds,
    ).fetchone()[0]


def _scope(household_id: str, period: Period | None) -> tuple[str, tuple[str, ...]]:
    if period is None:
        return "household_id = ?", (household_id,)
    return "household_id = ? AND day BETWEEN ? AND ?", (household_id, *period.bounds)


def _entry(row: tuple) -> LogEntry:
    values = list(row)
    values[12] = bool(values[12])
    return LogEntry(*values)
