"""LINES: the one list a business line joins (DESIGN §2).

With ``schema.py`` and ``station.py`` this is the only module that names every line. What the
station is made of is read from here, never gathered by the side effect of an import: the
projectors (for the log, ``verify``, a fork heal and a restore), the projected tables, the
migrations (ordered by ``schema.py``), the settings, the county-event handlers, and the hooks for
the home page, the day close and the month report. A name taken twice is refused here, at start.

The shared lines come first: ``county`` and ``sms`` are built before the others and handed to
them in ``LineContext.shared``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import TypeVar

from stationapp.core import (
    county,
    households,
    operators,
    orders,
    parcels,
    produce,
    projections,
    settings,
    sms,
    sync,
)
from stationapp.core.changes import Changes, settings_keys
from stationapp.core.event_record import Event
from stationapp.core.line import CountyHandler, Line, ParcelArrival, ParcelHandout
from stationapp.core.projections import Projections, Projector
from stationapp.core.settings import Setting

SHARED = ("county", "sms")  # lines every other line may use

LINES: tuple[Line, ...] = (
    county.LINE,
    sms.LINE,
    parcels.LINE,
    orders.LINE,
    produce.LINE,
    households.LINE,
    sync.LINE,
)

# the kernel's own part: voids, printed receipts, operators and settings
STATION = Line(
    name="station",
    projectors={**projections.PROJECTORS, **operators.PROJECTORS, **settings.PROJECTORS},
    projected_tables={
        **projections.PROJECTED_TABLES,
        **operators.PROJECTED_TABLES,
        **settings.PROJECTED_TABLES,
    },
    settings=settings.STATION_SETTINGS,
)

T = TypeVar("T")


def _merged(what: str, parts: Iterable[tuple[str, Mapping[str, T]]]) -> dict[str, T]:
    merged: dict[str, T] = {}
    owner: dict[str, str] = {}
    for line_name, mapping in parts:
        for key, value in mapping.items():
            if key in merged:
                raise RuntimeError(f"{what} {key!r} is listed by both {owner[key]} and {line_name}")
            merged[key] = value
            owner[key] = line_name
    return merged


def _every_line() -> tuple[Line, ...]:
    return (STATION, *LINES)


@cache
def projections_of_every_line() -> Projections:
    """Every line's projectors and projected tables: what the log projects with and what a
    rebuild (``verify``, a fork heal, a restore) replays with."""
    projectors: dict[str, Projector] = _merged(
        "the event type", ((line.name, line.projectors) for line in _every_line())
    )
    tables = _merged(
        "the projected table", ((line.name, line.projected_tables) for line in _every_line())
    )
    followers: dict[str, list[Projector]] = {}
    for line in _every_line():
        for event_type, follower in line.follows.items():
            followers.setdefault(event_type, []).append(follower)
    return Projections(projectors, tables, followers)


@cache
def settings_of_every_line() -> dict[str, Setting]:
    return _merged("the setting", ((line.name, line.settings) for line in _every_line()))


@cache
def county_handlers() -> dict[str, CountyHandler]:
    return _merged(
        "the county event type", ((line.name, line.county_handlers) for line in _every_line())
    )


def parcel_arrivals() -> tuple[ParcelArrival, ...]:
    """Each line's word on a parcel taken in, in the order of ``LINES``."""
    return tuple(line.parcel_arrival for line in LINES if line.parcel_arrival is not None)


def parcel_handout() -> ParcelHandout | None:
    """The parcels line's pickup inside another line's batch (one line offers it)."""
    offered = [line.parcel_handout for line in LINES if line.parcel_handout is not None]
    if len(offered) > 1:
        raise RuntimeError("more than one line offers the parcel handout")
    return offered[0] if offered else None


def facade_names() -> list[str]:
    """The ``st.<name>`` attributes the lines give the station, in the order they are built."""
    return [name for line in LINES for name in line.facades]


@cache
def _line_of_event_type() -> dict[str, str]:
    return {event_type: line.name for line in _every_line() for event_type in line.projectors} | {
        event_type: line.name for line in _every_line() for event_type in line.county_handlers
    }


def changes_of(
    events: Iterable[Event] = (),
    *,
    lines: Iterable[str] = (),
    county_kinds: Iterable[str] = (),
) -> Changes:
    """The record of what changed: ``events`` recorded (their lines found from their types; a
    setting changed also touches the line whose key it is, ``parcels.shelves`` → parcels),
    ``lines`` touched without an event (``sync``: joined), ``county_kinds`` taken."""
    events = tuple(events)
    owner = _line_of_event_type()
    touched = set(lines)
    touched.update(owner.get(event.type, "station") for event in events)
    keys = settings_keys(events)
    touched.update(key.partition(".")[0] for key in keys if key.partition(".")[0] in _NAMES)
    kinds = frozenset(county_kinds)
    if kinds:
        touched.add("county")
    return Changes(lines=frozenset(touched), events=events, county_kinds=kinds, settings=keys)


_NAMES = frozenset(line.name for line in LINES)
