"""月报: one month of each station of the viewer's scope, from the read models — events and days
with records, parcels taken in and picked up, orders created and delivered, purchases and
sales, households served and the income brought them, consignments open — with the township's
sum and the stations that recorded nothing that month.

Every function takes the viewer first and filters to their stations before the query runs
(``scope.within``); an admin may narrow to one township, a supervisor always has their own. A
township outside the viewer's scope (or one with no station) is 404, as a page that is not
there. The household log's rows for an export are read in pages (``yield_per``: a server-side
cursor on PostgreSQL), so an export's memory does not grow with its rows.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException

from sync.server.tables import (
    county_consignments,
    county_household_log,
    county_household_months,
    county_orders,
    county_parcels,
    county_produce_days,
    county_station_days,
    stations,
)
from sync.server.web.auth import Viewer
from sync.server.web.scope import scoped_stations, station_or_404, within

EXPORT_PAGE = 2_000  # household log rows fetched from the database at a time
MONTH_PATTERN = r"^(20\d{2}-(0[1-9]|1[0-2]))?$"  # a month of this century; '': last month


@dataclass(frozen=True)
class Month:
    """A calendar month as the read models keep days (``YYYY-MM-DD``, the station's day)."""

    name: str  # YYYY-MM
    first: str  # YYYY-MM-01
    last: str  # YYYY-MM-28..31
    next_first: str  # the first day of the next month (times are compared below it)

    @classmethod
    def of(cls, name: str) -> Month:
        year, month = (int(part) for part in name.split("-"))
        days = calendar.monthrange(year, month)[1]
        following = date(year, month, days) + timedelta(days=1)
        return cls(name, f"{name}-01", f"{name}-{days:02d}", following.isoformat())

    @property
    def words(self) -> str:
        year, month = self.name.split("-")
        return f"{year}年{int(month)}月"


def last_month(today: date) -> str:
    """The month before ``today``'s (the report a supervisor wants on the 1st)."""
    return (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


@dataclass(frozen=True)
class StationMonth:
    """One station's month (or a sum of stations when ``station_id`` is '')."""

    station_id: str
    name: str
    township: str
    village: str
    events: int = 0
    active_days: int = 0
    parcels_in: int = 0
    parcels_picked_up: int = 0
    orders_created: int = 0
    orders_delivered: int = 0
    purchases: int = 0
    bought_fen: int = 0
    sold_fen: int = 0
    households: int = 0
    income_fen: int = 0
    consignments_open: int = 0

    @property
    def silent(self) -> bool:
        return self.events == 0


FIGURES = tuple(f.name for f in fields(StationMonth) if f.type in ("int", int))


@dataclass(frozen=True)
class MonthReport:
    month: Month
    township: str  # '' when an admin reads every township
    rows: list[StationMonth]  # by township and name
    summaries: list[StationMonth]  # one per township in it, then the county's when several

    @property
    def total(self) -> StationMonth:
        return self.summaries[-1]

    @property
    def silent(self) -> list[StationMonth]:
        return [row for row in self.rows if row.silent]


def report_township(conn: sa.Connection, viewer: Viewer, asked: str) -> str:
    """The township the report covers: a supervisor's own (asking another is 404), or the one
    an admin picked ('' for all); a township with no station of the scope is 404."""
    if not viewer.admin:
        if asked and asked != viewer.township:
            raise HTTPException(status_code=404)
        return viewer.township or ""
    if asked:
        found = conn.execute(
            sa.select(sa.func.count()).select_from(
                scoped_stations(viewer).where(stations.c.township == asked).subquery()
            )
        ).scalar_one()
        if not found:
            raise HTTPException(status_code=404)
    return asked


def _kept(viewer: Viewer, township: str, column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    """The viewer's scope, narrowed to ``township`` when one is given."""
    condition = within(viewer, column)
    if township:
        ids = sa.select(stations.c.id).where(stations.c.township == township)
        condition = sa.and_(condition, column.in_(ids.scalar_subquery()))
    return condition


def _per_station(conn: sa.Connection, query: sa.Select) -> dict[str, tuple[int, ...]]:
    return {row[0]: tuple(int(v or 0) for v in row[1:]) for row in conn.execute(query)}


def month_report(conn: sa.Connection, viewer: Viewer, month: str, township: str) -> MonthReport:
    """The month of each station of the scope (``township`` as :func:`report_township` gave
    it), its sums, and the silent stations."""
    m = Month.of(month)
    figures: dict[str, dict[str, int]] = {}

    def put(found: dict[str, tuple[int, ...]], *names: str) -> None:
        for station_id, values in found.items():
            figures.setdefault(station_id, {}).update(zip(names, values, strict=True))

    d = county_station_days.c
    put(
        _per_station(
            conn,
            sa.select(d.station_id, sa.func.sum(d["count"]), sa.func.count(sa.distinct(d.day)))
            .where(d.day >= m.first, d.day <= m.last, _kept(viewer, township, d.station_id))
            .group_by(d.station_id),
        ),
        "events",
        "active_days",
    )
    p = county_parcels.c
    put(
        _per_station(
            conn,
            sa.select(p.station_id, sa.func.count())
            .where(
                p.received_at >= m.first,
                p.received_at < m.next_first,
                _kept(viewer, township, p.station_id),
            )
            .group_by(p.station_id),
        ),
        "parcels_in",
    )
    put(
        _per_station(
            conn,
            sa.select(p.station_id, sa.func.count())
            .where(
                p.state == "picked_up",
                p.ended_at >= m.first,
                p.ended_at < m.next_first,
                _kept(viewer, township, p.station_id),
            )
            .group_by(p.station_id),
        ),
        "parcels_picked_up",
    )
    put(*_orders(conn, viewer, township, m))
    put(*_produce(conn, viewer, township, m))
    per_station, served = _households(conn, viewer, township, m)
    put(per_station, "households", "income_fen")
    c = county_consignments.c
    put(
        _per_station(
            conn,
            sa.select(c.station_id, sa.func.count())
            .where(
                sa.or_(c.sold_milli < c.quantity_milli, c.settled_milli < c.sold_milli),
                _kept(viewer, township, c.station_id),
            )
            .group_by(c.station_id),
        ),
        "consignments_open",
    )
    s = stations.c
    listed = scoped_stations(viewer).order_by(s.township, s.name, s.id)
    if township:
        listed = listed.where(s.township == township)
    rows = [
        StationMonth(r.id, r.name, r.township, r.village, **figures.get(r.id, {}))
        for r in conn.execute(listed)
    ]
    return MonthReport(m, township, rows, _summaries(rows, township, served))


def _households(
    conn: sa.Connection, viewer: Viewer, township: str, m: Month
) -> tuple[dict[str, tuple[int, ...]], dict[str | None, int]]:
    """The households served and the income brought per station, and the households served per
    township and in the whole report (None), where one served by two stations counts once: one
    pass over the month's totals per household and station (kept at ingest, about as many as
    the households served; the month's log rows would be tens of times more)."""
    h, s = county_household_months.c, stations.c
    per_station: dict[str, list[int]] = {}
    places: dict[str | None, set[str]] = {None: set()}
    for station_id, place, household_id, income in conn.execute(
        sa.select(h.station_id, s.township, h.household_id, sa.func.sum(h.income_fen))
        .select_from(county_household_months.join(stations, s.id == h.station_id))
        .where(h.month == m.name, _kept(viewer, township, h.station_id))
        .group_by(h.station_id, s.township, h.household_id)
    ):
        figures = per_station.setdefault(station_id, [0, 0])
        figures[0] += 1
        figures[1] += int(income or 0)
        places.setdefault(place, set()).add(household_id)
        places[None].add(household_id)
    served = {place: len(households) for place, households in places.items()}
    return {sid: tuple(figures) for sid, figures in per_station.items()}, served


def _orders(conn: sa.Connection, viewer: Viewer, township: str, m: Month) -> tuple[Any, ...]:
    o = county_orders.c

    def within_month(column: sa.ColumnElement[str]) -> sa.ColumnElement[int]:
        return sa.case((sa.and_(column >= m.first, column < m.next_first), 1), else_=0)

    delivered = sa.and_(o.state == "delivered", within_month(o.updated_at) == 1)
    query = (
        sa.select(
            o.station_id,
            sa.func.sum(within_month(o.created_at)),
            sa.func.sum(sa.case((delivered, 1), else_=0)),
        )
        .where(
            sa.or_(
                sa.and_(o.created_at >= m.first, o.created_at < m.next_first),
                sa.and_(o.updated_at >= m.first, o.updated_at < m.next_first),
            ),
            _kept(viewer, township, o.station_id),
        )
        .group_by(o.station_id)
    )
    return _per_station(conn, query), "orders_created", "orders_delivered"


def _produce(conn: sa.Connection, viewer: Viewer, township: str, m: Month) -> tuple[Any, ...]:
    d = county_produce_days.c
    bought = d.kind == "bought"
    query = (
        sa.select(
            d.station_id,
            sa.func.sum(sa.case((bought, d["count"]), else_=0)),
            sa.func.sum(sa.case((bought, d.amount_fen), else_=0)),
            sa.func.sum(sa.case((d.kind == "sold", d.amount_fen), else_=0)),
        )
        .where(d.day >= m.first, d.day <= m.last, _kept(viewer, township, d.station_id))
        .group_by(d.station_id)
    )
    return _per_station(conn, query), "purchases", "bought_fen", "sold_fen"


def _summaries(
    rows: list[StationMonth], township: str, served: dict[str | None, int]
) -> list[StationMonth]:
    """A sum per township, then the county's when the report has several (or none); the
    households served are counted once however many stations served them."""
    places = sorted({row.township for row in rows})
    sums = [
        _sum([r for r in rows if r.township == place], f"{place}合计", place, served.get(place, 0))
        for place in places
    ]
    if len(sums) == 1:
        return sums
    name = "全县合计" if not township else f"{township}合计"
    return [*sums, _sum(rows, name, township, served.get(None, 0))]


def _sum(rows: list[StationMonth], name: str, township: str, households: int) -> StationMonth:
    total = StationMonth("", name, township, "")
    sums = {f: sum(getattr(r, f) for r in rows) for f in FIGURES}
    return replace(total, **(sums | {"households": households}))


# --- the household log's rows of a month, for an export ------------------------------------


@dataclass(frozen=True)
class LogRow:
    day: str
    station_name: str
    household_id: str
    person: str
    type: str
    service: str
    product: str
    grade: str
    quantity: str
    unit: str
    paid_in_fen: int
    paid_out_fen: int
    income_fen: int
    fee_waived_fen: int


def household_log_rows(
    conn: sa.Connection, viewer: Viewer, month: str, township: str, *, station_id: str = ""
) -> Iterator[LogRow]:
    """Every household log row of the scope's stations (of one station when ``station_id`` is
    given: out of scope is 404, raised before the first row) in ``month``, by day and time;
    read ``EXPORT_PAGE`` rows at a time."""
    m = Month.of(month)
    names = station_names(conn, viewer, township)
    h = county_household_log.c
    query = (
        sa.select(
            h.day,
            h.station_id,
            h.household_id,
            h.person,
            h.type,
            h.service,
            h.product,
            h.grade,
            h.quantity,
            h.unit,
            h.paid_in_fen,
            h.paid_out_fen,
            h.income_fen,
            h.fee_waived_fen,
        )
        .where(h.day >= m.first, h.day <= m.last, _kept(viewer, township, h.station_id))
        .order_by(h.day, h.occurred_at, h.station_id, h.event_id)
    )
    if station_id:
        station_or_404(conn, viewer, station_id)
        query = query.where(h.station_id == station_id)
    return _rows(conn, query, names)


def _rows(conn: sa.Connection, query: sa.Select, names: dict[str, str]) -> Iterator[LogRow]:
    result = conn.execution_options(yield_per=EXPORT_PAGE).execute(query)
    for r in result:
        yield LogRow(r[0], names.get(r[1], r[1]), *r[2:])


def station_names(conn: sa.Connection, viewer: Viewer, township: str) -> dict[str, str]:
    """{station id: name} of the scope (narrowed to ``township``)."""
    s = stations.c
    query = sa.select(s.id, s.name).where(_kept(viewer, township, s.id))
    return {row.id: row.name for row in conn.execute(query)}
