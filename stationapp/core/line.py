"""What a business line is to the station (DESIGN §2): the shape every line fills in once, in its
package's ``__init__`` (``LINE = Line(...)``), and the small context its objects are built with.

``lines.py`` lists the lines; ``schema.py`` orders their migrations; ``station.py`` builds
``st.<name>`` for each facade from a :class:`LineContext`, never handing a line the whole
station. A line reaches another only through the event log, a hook named here, or the shared
lines (``county``, ``sms``) in ``LineContext.shared``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

    from stationapp.core.events import Batch, EventLog
    from stationapp.core.operators import Session
    from stationapp.core.projections import Projections, Projector
    from stationapp.core.settings import Setting, Settings
    from stationapp.core.store import Store


@dataclass(frozen=True)
class Migration:
    """A named schema step (``"004_parcels"``): the number orders it among every line's."""

    name: str
    apply: Callable[[sqlite_utils.Database], None]


CountyHandler = Callable[["Batch", Any], None]  # (batch, county.events.CountyEvent)

ParcelArrival = Callable[["Batch", Mapping[str, Any]], bool]
"""A line's word on a parcel being taken in (the parcels line calls each, in its batch, before
the parcel's ``parcel.received``; the mapping: ``id``, ``waybill``, ``carrier``, ``phone``,
``customer_id``, ``code``, ``operator``). A line whose parcel it is (an order's waybill)
appends its own events and queues its own text, and returns True: the parcel then carries no
arrival notice."""

ParcelHandout = Callable[["Batch", str, Mapping[str, Any]], Any]
"""The parcels line's pickup inside another line's batch (an order delivered with its parcel):
``(batch, parcel id, {"operator": id, "verified_by": ...})``; refuses a parcel not on the shelf."""


@dataclass(frozen=True)
class LineContext:
    """What a line's objects are built with: the station's shared parts, not the station."""

    store: Store
    log: EventLog
    session: Session
    settings: Settings
    projections: Projections
    county_handlers: Mapping[str, CountyHandler]
    shared: Mapping[str, Any]  # the shared lines built before this one: "county", "sms"
    parcel_arrivals: tuple[ParcelArrival, ...] = ()  # every line's, for parcel intake
    parcel_handout: ParcelHandout | None = None  # the parcels line's, for the others

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    @property
    def data_dir(self) -> Path:
        return self.store.data_dir


Facade = Callable[[LineContext], Any]


@dataclass(frozen=True)
class Line:
    """Everything a line adds to the station, listed once.

    ``facades``: the ``st.<name>`` objects it offers; ``projectors`` and ``projected_tables``:
    the tables it keeps from its events; ``follows``: projectors of its own on other lines'
    event types (``"*"``: every event), applied after the owner's; ``migrations``: its schema
    steps; ``settings``: its keys; ``county_handlers``: what it does with the county's events
    about its entities; ``parcel_arrival``: its word on a parcel taken in; ``parcel_handout``:
    the parcels line's pickup, offered to the others.
    ``home``, ``day_close`` and ``month_report``: what it adds to the home page's figures, the
    day close and the month report (None where it adds nothing)."""

    name: str
    facades: Mapping[str, Facade] = field(default_factory=dict)
    projectors: Mapping[str, Projector] = field(default_factory=dict)
    projected_tables: Mapping[str, str] = field(default_factory=dict)
    follows: Mapping[str, Projector] = field(default_factory=dict)
    migrations: tuple[Migration, ...] = ()
    settings: Mapping[str, Setting] = field(default_factory=dict)
    county_handlers: Mapping[str, CountyHandler] = field(default_factory=dict)
    parcel_arrival: ParcelArrival | None = None
    parcel_handout: ParcelHandout | None = None
    home: Callable[[Any], Mapping[str, int]] | None = None
    day_close: Callable[[Any], Any] | None = None
    month_report: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class StationShape:
    """What building a whole station database takes (a restore onto a new PC builds one): the
    schema of every line and their projections. ``station.py`` makes it; a line is handed it
    and never imports ``schema`` or ``lines`` itself."""

    pending: Callable[[sqlite3.Connection], list[str]]  # migrations not yet applied
    migrate: Callable[[sqlite3.Connection], list[str]]
    create_empty: Callable[[sqlite3.Connection], None]  # the whole schema in an empty file
    projections: Projections
    open_station: Callable[[Path], Any]  # Station.open
