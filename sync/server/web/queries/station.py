"""One station's page: its events per line over the last days (from ``county_station_days``),
read for a station already checked to be in the viewer's scope."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from sync.server.tables import county_station_days


def activity(
    conn: sa.Connection, station_id: str, today: date, days: int
) -> dict[str, dict[str, int]]:
    """{day: {line: events}} for the ``days`` business days up to ``today``."""
    d = county_station_days.c
    first = (today - timedelta(days=days - 1)).isoformat()
    found: dict[str, dict[str, int]] = {}
    for day, line, count in conn.execute(
        sa.select(d.day, d.line, d.count).where(
            d.station_id == station_id, d.day >= first, d.day <= today.isoformat()
        )
    ):
        found.setdefault(day, {})[line] = count
    return found
