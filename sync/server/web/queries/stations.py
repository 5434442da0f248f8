"""The stations page's rows: each station the viewer may see, with its last contact, app
version, clock, chain, today's activity per line and the days since it last recorded anything.

One query for the stations (the last active day and the flagged events as subqueries that use
their indexes: a station's cost does not grow with its history) and one for today's counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from sync.protocol import MAX_CLOCK_SKEW_S
from sync.server.tables import (
    county_station_days,
    events,
    station_clocks,
    station_heads,
    stations,
)
from sync.server.web.auth import Viewer
from sync.server.web.scope import scoped_stations, within

SILENT_AFTER_DAYS = 3  # a station with nothing recorded for this many days is "silent"


@dataclass(frozen=True)
class StationRow:
    id: str
    name: str
    township: str
    village: str
    enrolled: bool
    app_version: str
    last_contact: str  # the county's time of the station's last call ('' never)
    clock_skew: int | None  # seconds, station minus county; None: never measured
    chain_problem: str  # '' when the chain is whole
    flagged_events: int
    last_active_day: str  # the last business day with an event ('' none yet)
    today: dict[str, int] = field(default_factory=dict)  # events today per line
    waiting: int | None = None  # records at the station not pushed yet, when it said its head

    @property
    def clock_off(self) -> bool:
        return self.clock_skew is not None and abs(self.clock_skew) > MAX_CLOCK_SKEW_S

    def silent_days(self, today: date) -> int | None:
        """Days since the last recorded event; None when it never recorded one."""
        try:
            return (today - date.fromisoformat(self.last_active_day)).days
        except ValueError:  # none yet
            return None

    @property
    def today_total(self) -> int:
        return sum(self.today.values())


def station_rows(
    conn: sa.Connection, viewer: Viewer, today: date, *, township: str = ""
) -> list[StationRow]:
    """The viewer's stations (of one township when ``township`` is given), by township and
    name."""
    s, d = stations.c, county_station_days.c
    last_day = (
        sa.select(sa.func.max(d.day)).where(d.station_id == s.id).scalar_subquery().label("last")
    )
    flagged = (
        sa.select(sa.func.count())
        .select_from(events)
        .where(events.c.flagged == sa.true(), events.c.station_id == s.id)
        .scalar_subquery()
        .label("flagged")
    )
    query = (
        scoped_stations(viewer)
        .add_columns(
            station_clocks.c.skew_seconds,
            station_clocks.c.measured_at,
            last_day,
            flagged,
            station_heads.c.head_seq.label("own_head"),
        )
        .outerjoin(station_clocks, station_clocks.c.station_id == s.id)
        .outerjoin(station_heads, station_heads.c.station_id == s.id)
        .order_by(s.township, s.name)
    )
    if township:
        query = query.where(s.township == township)
    counts: dict[str, dict[str, int]] = {}
    for station_id, line, count in conn.execute(
        sa.select(d.station_id, d.line, d.count).where(
            d.day == today.isoformat(), within(viewer, d.station_id)
        )
    ):
        counts.setdefault(station_id, {})[line] = count
    return [
        StationRow(
            id=row.id,
            name=row.name,
            township=row.township,
            village=row.village,
            enrolled=row.enrolled_at is not None,
            app_version=row.app_version,
            last_contact=row.measured_at or "",
            clock_skew=row.skew_seconds,
            chain_problem=row.flagged_reason or "",
            flagged_events=row.flagged or 0,
            last_active_day=row.last or "",
            today=counts.get(row.id, {}),
            waiting=None if row.own_head is None else max(0, row.own_head - row.head_seq),
        )
        for row in conn.execute(query)
    ]


@dataclass(frozen=True)
class Activity:
    """The viewer's stations over the last days: events per day and line, and how many
    stations recorded anything each day (the others were silent)."""

    days: list[str]
    per_line: dict[str, list[int]]
    active: list[int]
    stations: int


def recent_activity(conn: sa.Connection, viewer: Viewer, today: date, days: int) -> Activity:
    d = county_station_days.c
    listed = [(today - timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1)]
    where = (d.day >= listed[0], d.day <= listed[-1], within(viewer, d.station_id))
    per_line: dict[str, list[int]] = {}
    index = {day: n for n, day in enumerate(listed)}
    for day, line, count in conn.execute(
        sa.select(d.day, d.line, sa.func.sum(d.count)).where(*where).group_by(d.day, d.line)
    ):
        per_line.setdefault(line, [0] * days)[index[day]] = int(count)
    active = [0] * days
    for day, count in conn.execute(
        sa.select(d.day, sa.func.count(sa.distinct(d.station_id))).where(*where).group_by(d.day)
    ):
        active[index[day]] = int(count)
    total = conn.execute(
        sa.select(sa.func.count()).select_from(scoped_stations(viewer).subquery())
    ).scalar_one()
    return Activity(listed, per_line, active, total)
