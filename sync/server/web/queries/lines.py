"""Each business line across the viewer's stations: parcels stranded, orders by state,
produce bought and sold per product, consignments open. Every function takes the viewer first
and filters to their stations before the query runs (``scope.within``); each reads a read
model by its index, never the event log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock
from sync.server.tables import (
    county_consignments,
    county_orders,
    county_parcels,
    county_produce_days,
    stations,
)
from sync.server.web.auth import Viewer
from sync.server.web.scope import within

OPEN_ORDER_STATES = ("to_place", "placed", "shipped", "arrived")
LIST_LIMIT = 200  # rows a list page shows at most (its export has them all)


def _cutoff(now: datetime, days: int) -> str:
    return clock.format_iso(now - timedelta(days=days))


def _station_names(conn: sa.Connection, viewer: Viewer) -> dict[str, tuple[str, str]]:
    """{station id: (name, township)} of the viewer's stations."""
    query = sa.select(stations.c.id, stations.c.name, stations.c.township).where(
        within(viewer, stations.c.id)
    )
    return {row.id: (row.name, row.township) for row in conn.execute(query)}


# --- parcels ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParcelsAtStation:
    station_id: str
    name: str
    township: str
    waiting: int
    overdue: int
    oldest: str  # the longest-waiting parcel's intake time ('' none)


def parcels_by_station(
    conn: sa.Connection, viewer: Viewer, now: datetime, overdue_days: int
) -> list[ParcelsAtStation]:
    """Parcels on each station's shelves, and those waiting longer than ``overdue_days``."""
    p = county_parcels.c
    cutoff = _cutoff(now, overdue_days)
    rows = conn.execute(
        sa.select(
            p.station_id,
            sa.func.count(),
            sa.func.sum(sa.case((p.received_at < cutoff, 1), else_=0)),
            sa.func.min(p.received_at),
        )
        .where(p.state == "waiting", within(viewer, p.station_id))
        .group_by(p.station_id)
    )
    counts = {r[0]: (int(r[1]), int(r[2] or 0), r[3] or "") for r in rows}
    names = _station_names(conn, viewer)
    found = [
        ParcelsAtStation(sid, name, township, *counts.get(sid, (0, 0, "")))
        for sid, (name, township) in names.items()
    ]
    return sorted(found, key=lambda r: (-r.overdue, -r.waiting, r.township, r.name))


def overdue_parcels(
    conn: sa.Connection,
    viewer: Viewer,
    now: datetime,
    overdue_days: int,
    *,
    station_id: str = "",
    limit: int | None = LIST_LIMIT,
) -> list[Any]:
    """The parcels waiting longer than ``overdue_days``, longest first (of one station when
    ``station_id`` is given: a station out of scope gives none)."""
    p, s = county_parcels.c, stations.c
    query = (
        sa.select(p.station_id, s.name, p.waybill, p.carrier, p.received_at, p.household_id)
        .join(stations, stations.c.id == p.station_id)
        .where(
            p.state == "waiting",
            p.received_at < _cutoff(now, overdue_days),
            within(viewer, p.station_id),
        )
        .order_by(p.received_at)
    )
    if station_id:
        query = query.where(p.station_id == station_id)
    if limit is not None:
        query = query.limit(limit)
    return list(conn.execute(query))


# --- orders -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrdersAtStation:
    station_id: str
    name: str
    township: str
    by_state: dict[str, int]
    overdue: int  # placed or shipped, no step for ``overdue_days``

    @property
    def open(self) -> int:
        return sum(self.by_state.get(state, 0) for state in OPEN_ORDER_STATES)


def orders_by_station(
    conn: sa.Connection, viewer: Viewer, now: datetime, overdue_days: int
) -> list[OrdersAtStation]:
    o = county_orders.c
    states: dict[str, dict[str, int]] = {}
    for station_id, state, count in conn.execute(
        sa.select(o.station_id, o.state, sa.func.count())
        .where(within(viewer, o.station_id))
        .group_by(o.station_id, o.state)
    ):
        states.setdefault(station_id, {})[state] = int(count)
    late = dict(
        conn.execute(
            sa.select(o.station_id, sa.func.count())
            .where(
                o.state.in_(("placed", "shipped")),
                o.updated_at < _cutoff(now, overdue_days),
                within(viewer, o.station_id),
            )
            .group_by(o.station_id)
        ).all()
    )
    found = [
        OrdersAtStation(sid, name, township, states.get(sid, {}), int(late.get(sid, 0)))
        for sid, (name, township) in _station_names(conn, viewer).items()
    ]
    return sorted(found, key=lambda r: (-r.overdue, -r.open, r.township, r.name))


# --- produce ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProduceLine:
    """One product, grade and unit over a month: bought and sold (quantity in thousandths)."""

    product_name: str
    grade: str
    unit: str
    bought_milli: int
    bought_fen: int
    purchases: int
    sold_milli: int
    sold_fen: int


def produce_by_product(
    conn: sa.Connection, viewer: Viewer, month: str, *, station_id: str = ""
) -> list[ProduceLine]:
    """Purchases and sales of ``month`` (``YYYY-MM``) per product, grade and unit."""
    d = county_produce_days.c
    query = (
        sa.select(
            d.product_name,
            d.grade,
            d.unit,
            d.kind,
            sa.func.sum(d.quantity_milli),
            sa.func.sum(d.amount_fen),
            sa.func.sum(d["count"]),
        )
        .where(d.day >= f"{month}-01", d.day <= f"{month}-31", within(viewer, d.station_id))
        .group_by(d.product_name, d.grade, d.unit, d.kind)
    )
    if station_id:
        query = query.where(d.station_id == station_id)
    merged: dict[tuple[str, str, str], dict[str, int]] = {}
    for name, grade, unit, kind, milli, fen, count in conn.execute(query):
        row = merged.setdefault((name, grade, unit), {})
        row[f"{kind}_milli"] = int(milli or 0)
        row[f"{kind}_fen"] = int(fen or 0)
        row[f"{kind}_count"] = int(count or 0)
    lines = [
        ProduceLine(
            name,
            grade,
            unit,
            row.get("bought_milli", 0),
            row.get("bought_fen", 0),
            row.get("bought_count", 0),
            row.get("sold_milli", 0),
            row.get("sold_fen", 0),
        )
        for (name, grade, unit), row in merged.items()
    ]
    return sorted(lines, key=lambda r: (-r.bought_fen, -r.sold_fen, r.product_name))


def open_consignments(conn: sa.Connection, viewer: Viewer, *, station_id: str = "") -> list[Any]:
    """Lots with goods not sold yet, or sold and not settled to the villager."""
    c, s = county_consignments.c, stations.c
    query = (
        sa.select(county_consignments, s.name.label("station_name"))
        .join(stations, stations.c.id == c.station_id)
        .where(
            sa.or_(c.sold_milli < c.quantity_milli, c.settled_milli < c.sold_milli),
            within(viewer, c.station_id),
        )
        .order_by(c.day, c.station_id, c.lot_id)
        .limit(LIST_LIMIT)
    )
    if station_id:
        query = query.where(c.station_id == station_id)
    return list(conn.execute(query))
