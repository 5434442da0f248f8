"""One demo station's history: its days of work as hash-chained wire events, the way its sync
pushes them. A couple of stations fall silent before the last day and one has its clock off."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from stationapp.core import clock
from stationapp.core.event_record import event_hash
from stationapp.core.event_store import GENESIS_HASH
from sync.server.demo import trade
from sync.server.demo.county import DemoHousehold, DemoStation, person_name
from sync.server.demo.schedule import Schedule, at_hours, count, day_factor, midnight, uuid7_at
from sync.server.demo.work import StationWork

BASE_PER_DAY = 28.0  # events a station-day at the rates below
PARCELS, SENDINGS, ORDERS, PURCHASES, CONSIGNMENTS, SERVICES = 6.0, 1.0, 0.8, 2.0, 0.15, 0.25
SILENT_DAYS = {5: 12, 24: 40}  # station index (mod 40): days without a record at the end
CLOCK_OFF = {2: timedelta(hours=2, minutes=17)}  # station index (mod 40): its clock runs ahead
CLOCK_OFF_DAYS = 30  # the clock went wrong this many days before the end


@dataclass(frozen=True)
class Special:
    """What is odd about a station: days silent at the end, its clock's error."""

    silent_days: int = 0
    clock_ahead: timedelta = timedelta(0)


def special_of(index: int, days: int) -> Special:
    silent = SILENT_DAYS.get(index % 40, 0)
    return Special(min(silent, max(days - 1, 0)), CLOCK_OFF.get(index % 40, timedelta(0)))


def station_events(
    station: DemoStation,
    households: list[DemoHousehold],
    *,
    seed: int,
    last_day: date,
    days: int,
    per_day: float,
    now: datetime,
) -> list[dict[str, Any]]:
    """The station's wire events (seq, id, hashes...) for ``days`` days ending ``last_day``,
    about ``per_day`` events a day; nothing after ``now``."""
    rng = random.Random(f"station:{seed}:{station.index}")
    schedule = Schedule(rng)
    first = last_day - timedelta(days=days - 1)
    opened = at_hours(first, rng, 8.0, 8.4)
    manager, clerk = uuid7_at(rng, opened), uuid7_at(rng, opened)
    names = (person_name(rng), person_name(rng))
    schedule.add(opened, "operator.added", manager, {"name": names[0], "role": "manager"}, manager)
    named = {"key": "station.name", "old": None, "value": station.name}
    schedule.add(opened, "settings.changed", "setting:station.name", named, manager)
    schedule.add(opened, "operator.added", clerk, {"name": names[1], "role": "operator"}, manager)
    work = StationWork(station, households, rng, schedule, (manager, manager, clerk))
    scale = per_day / BASE_PER_DAY
    for n in range(days):
        day = first + timedelta(days=n)
        busy = day_factor(day) * scale
        work.parcels(day, count(rng, PARCELS * busy))
        work.sendings(day, count(rng, SENDINGS * busy))
        work.services(day, count(rng, SERVICES * scale))
        trade.orders(work, day, count(rng, ORDERS * busy))
        if trade.in_season(day):
            trade.purchases(work, day, count(rng, PURCHASES * scale))
        trade.consignments(work, day, count(rng, CONSIGNMENTS * scale))
        trade.sales(work, day)
    special = special_of(station.index, days)
    end = _record_ends(last_day, now, special.silent_days)
    wrong_from = end - timedelta(days=CLOCK_OFF_DAYS)
    return chained(
        (
            planned,
            planned.at + special.clock_ahead if planned.at >= wrong_from else planned.at,
        )
        for planned in schedule.until(end)
    )


def _record_ends(last_day: date, now: datetime, silent_days: int) -> datetime:
    """When the station's record stops: at ``now`` or the end of the last day, or for a silent
    station at the start of its first day without a record."""
    end = min(now, midnight(last_day + timedelta(days=1)))
    if silent_days:
        end = min(end, midnight(last_day - timedelta(days=silent_days - 1)))
    return end


def chained(planned: Any) -> list[dict[str, Any]]:
    """Wire events in seq order, each hashed over the one before (DESIGN §3)."""
    out: list[dict[str, Any]] = []
    prev = GENESIS_HASH
    for seq, (event, moment) in enumerate(planned, start=1):
        fields = {
            "id": event.id,
            "seq": seq,
            "type": event.type,
            "entity_id": event.entity_id,
            "occurred_at": clock.format_iso(moment),
            "operator": event.operator,
            "payload": event.payload,
        }
        digest = event_hash(prev, **fields)
        out.append({**fields, "prev_hash": prev, "hash": digest})
        prev = digest
    return out
