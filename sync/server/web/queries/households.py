"""The household log across the viewer's stations (消费帮扶 evidence): per village the
households registered and helped and the income brought each month, the households not helped
this year, and one household's rows.

Scope: the registry's households are the county's reference data; a supervisor sees those
registered in their township, and of the log only the rows of their own stations (a household
served by another township's station shows here without that station's rows). A household
registered elsewhere is 404, as one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException

from sync.server.tables import county_household_log, county_household_months, households, stations
from sync.server.web.auth import Viewer
from sync.server.web.scope import within

LIST_LIMIT = 300


def _registered(viewer: Viewer) -> sa.ColumnElement[bool]:
    return sa.true() if viewer.admin else households.c.township == viewer.township


def _year(year: int) -> tuple[sa.ColumnElement[bool], ...]:
    m = county_household_months.c.month
    return m >= f"{year}-01", m <= f"{year}-12"


@dataclass
class Village:
    township: str
    village: str
    registered: int = 0
    people: int = 0
    helped: int = 0
    income_fen: int = 0
    months: list[int] = field(default_factory=lambda: [0] * 12)  # income brought per month


def villages(conn: sa.Connection, viewer: Viewer, year: int) -> list[Village]:
    """Each village of the scope: its registered households and people, the households the
    viewer's stations served in ``year``, and the income brought per month.

    The year's monthly totals (at most twelve rows a household and station, kept at ingest:
    the page does not grow with the township's traffic) are summed per household and month and
    folded into villages here: joined to the registry row by row it took four times as long
    (docs/county-web.md, page speed)."""
    h, g = households.c, county_household_months.c
    found: dict[tuple[str, str], Village] = {}
    for township, village, count, people in conn.execute(
        sa.select(h.township, h.village, sa.func.count(), sa.func.sum(h.members))
        .where(_registered(viewer))
        .group_by(h.township, h.village)
    ):
        found[(township, village)] = Village(township, village, int(count), int(people or 0))
    place_of = {
        household_no: (township, village)
        for household_no, township, village in conn.execute(
            sa.select(h.household_no, h.township, h.village).where(_registered(viewer))
        )
    }
    month = sa.func.substr(g.month, 6, 2)
    served: dict[tuple[str, str], set[str]] = {}
    for household_id, month_of, income in conn.execute(
        sa.select(g.household_id, month, sa.func.sum(g.income_fen))
        .where(*_year(year), within(viewer, g.station_id))
        .group_by(g.household_id, month)
    ):
        place = place_of.get(household_id)
        if place is None:  # registered in another township, or no longer registered
            continue
        found[place].months[int(month_of) - 1] += int(income or 0)
        found[place].income_fen += int(income or 0)
        served.setdefault(place, set()).add(household_id)
    for place, helped in served.items():
        found[place].helped = len(helped)
    return sorted(found.values(), key=lambda v: (v.township, v.village))


def not_helped(conn: sa.Connection, viewer: Viewer, year: int) -> list[Any]:
    """Registered households of the scope that no station of the viewer's served in ``year``."""
    h, g = households.c, county_household_months.c
    served = (
        sa.select(g.household_id)
        .where(*_year(year), within(viewer, g.station_id))
        .distinct()
        .subquery()
    )
    query = (
        sa.select(
            h.household_no,
            h.township,
            h.village,
            h.head_name,
            h.members,
            h.household_type,
            h.monitoring_type,
            h.phone_masked,
        )
        .outerjoin(served, served.c.household_id == h.household_no)
        .where(_registered(viewer), served.c.household_id.is_(None))
        .order_by(h.township, h.village, h.household_no)
        .limit(LIST_LIMIT)
    )
    return list(conn.execute(query))


def find(conn: sa.Connection, viewer: Viewer, text: str) -> list[Any]:
    """Registered households of the scope by 户编号 (or its start) or the head's name."""
    h = households.c
    text = text.strip()
    if not text:
        return []
    matches = h.household_no.startswith(text) if text.isdigit() else h.head_name == text
    query = (
        sa.select(
            h.household_no, h.township, h.village, h.head_name, h.household_type, h.monitoring_type
        )
        .where(matches, _registered(viewer))
        .order_by(h.household_no)
        .limit(50)
    )
    return list(conn.execute(query))


def household_or_404(conn: sa.Connection, viewer: Viewer, household_no: str) -> Any:
    row = conn.execute(
        sa.select(households).where(households.c.household_no == household_no, _registered(viewer))
    ).first()
    if row is None:
        raise HTTPException(status_code=404)
    return row


def log_of(conn: sa.Connection, viewer: Viewer, household_no: str) -> list[Any]:
    """The household's rows at the viewer's stations, newest first."""
    g = county_household_log.c
    return list(
        conn.execute(
            sa.select(county_household_log, stations.c.name.label("station_name"))
            .join(stations, stations.c.id == g.station_id)
            .where(g.household_id == household_no, within(viewer, g.station_id))
            .order_by(g.day.desc(), g.occurred_at.desc())
            .limit(LIST_LIMIT)
        )
    )


def totals_of(conn: sa.Connection, viewer: Viewer, household_no: str) -> dict[str, int]:
    """The household's totals at the viewer's stations, over all its rows."""
    g = county_household_months.c
    names = ("count", "income", "bought", "fee_waived", "services")
    columns = (g["count"], g.income_fen, g.bought_fen, g.fee_waived_fen, g.services)
    row = conn.execute(
        sa.select(*(sa.func.coalesce(sa.func.sum(c), 0) for c in columns)).where(
            g.household_id == household_no, within(viewer, g.station_id)
        )
    ).one()
    return {name: int(value) for name, value in zip(names, row, strict=True)}
