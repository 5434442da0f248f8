"""A station's events to come, kept in time order, and the times a village point works at.

Record ids are UUIDv7 made from the event's own time and the seeded random source, so a seed
gives the same ids every run and ids spread over the year as a real station's do."""

from __future__ import annotations

import heapq
import math
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

BEIJING = timezone(timedelta(hours=8))
OPENS, CLOSES = time(8, 30), time(19, 30)


@dataclass(frozen=True, order=True)
class Planned:
    """One event of the station, at its time (the station's business time, Beijing)."""

    at: datetime
    order: int
    id: str
    type: str
    entity_id: str
    operator: str
    payload: dict


def uuid7_at(rng: random.Random, at: datetime) -> str:
    """A UUIDv7 of the moment ``at`` whose random bits come from ``rng``."""
    value = (int(at.timestamp() * 1000) & 0xFFFF_FFFF_FFFF) << 80
    value |= 0x7 << 76
    value |= rng.getrandbits(12) << 64
    value |= 0b10 << 62
    value |= rng.getrandbits(62)
    return str(uuid.UUID(int=value))


class Schedule:
    """The station's planned events; :meth:`add` gives the new event's id (a void names it)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._heap: list[Planned] = []
        self._count = 0

    def add(self, at: datetime, type_: str, entity_id: str, payload: dict, operator: str) -> str:
        self._count += 1
        event_id = uuid7_at(self.rng, at)
        heapq.heappush(
            self._heap, Planned(at, self._count, event_id, type_, entity_id, operator, payload)
        )
        return event_id

    def until(self, end: datetime) -> Iterator[Planned]:
        """The planned events before ``end``, in time order (later ones are dropped: the
        station has not done them yet)."""
        while self._heap and self._heap[0].at < end:
            yield heapq.heappop(self._heap)


def midnight(day: date) -> datetime:
    """The start of ``day`` in Beijing."""
    return datetime.combine(day, time(0), BEIJING)


def at_hours(day: date, rng: random.Random, first: float = 8.5, last: float = 19.0) -> datetime:
    """A moment of ``day`` between the hours ``first`` and ``last`` (fractions of hours)."""
    seconds = rng.uniform(first * 3600, last * 3600)
    return datetime.combine(day, time(0), BEIJING) + timedelta(seconds=seconds)


def later(at: datetime, rng: random.Random, low_h: float, high_h: float) -> datetime:
    """``at`` plus a few hours, moved into the point's opening hours (a villager comes back the
    next morning, not at midnight)."""
    moment = at + timedelta(hours=rng.uniform(low_h, high_h))
    local = moment.astimezone(BEIJING)
    if local.time() >= CLOSES:
        return at_hours(local.date() + timedelta(days=1), rng, 8.5, 12.0)
    if local.time() < OPENS:
        return at_hours(local.date(), rng, 8.5, 12.0)
    return moment


def count(rng: random.Random, mean: float) -> int:
    """A Poisson count of mean ``mean`` (a normal draw for large means)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, product, n = math.exp(-mean), rng.random(), 0
    while product > limit:
        n += 1
        product *= rng.random()
    return n


def day_factor(day: date) -> float:
    """How busy a day is: 街天 (market day, every fifth day) busier, the shopping festivals'
    parcels in November, the Spring Festival quiet."""
    factor = 1.4 if day.toordinal() % 5 == 0 else 0.9
    if day.month == 11 and 11 <= day.day <= 25:
        factor *= 1.8
    if day.month == 2 and day.day <= 12:
        factor *= 0.5
    return factor
