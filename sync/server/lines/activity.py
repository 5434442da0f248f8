"""Each station's activity for the supervisor web: its events counted per business day and
line (the event type's first word: ``parcel``, ``order``, ``produce``...). A void counts as
the ``event`` line's own activity: the operator did something that day. A few types are also
counted on their own (``sms_failed``: the texts that could not be sent)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock
from sync.server.lines.common import add_up, business_day
from sync.server.tables import county_station_days

LINE_LENGTH = county_station_days.c.line.type.length
# event types a supervisor watches by themselves, under a "line" of their own beside their line's
WATCHED = {"sms.failed": "sms_failed"}


def write(conn: sa.Connection, station_id: str, new: Sequence[Any]) -> None:
    """Count a push's new events per day and line (an event whose time is no date counts on
    the day the county received it)."""
    counts: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: {"count": 0})
    days: dict[str, str] = {}  # a push spans a few days: each is checked once
    for event in new:
        line = event.type.split(".", 1)[0][:LINE_LENGTH]
        day = business_day(event.occurred_at)[:10]
        if day not in days:
            days[day] = _day(day)
        day = days[day]
        counts[(station_id, day, line)]["count"] += 1
        if event.type in WATCHED:  # also counted on its own, for the station's page
            counts[(station_id, day, WATCHED[event.type])]["count"] += 1
    add_up(conn, county_station_days, station_id, counts)


def clear(conn: sa.Connection, station_id: str) -> None:
    """Forget a station's rows (before a rebuild)."""
    conn.execute(county_station_days.delete().where(county_station_days.c.station_id == station_id))


def _day(day: str) -> str:
    """``day``, or today's for a time that is no date."""
    try:
        date.fromisoformat(day)
    except ValueError:
        return clock.business_day().isoformat()
    return day
