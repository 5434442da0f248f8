"""The parcels line's county read model: one row per parcel a station took in, with where it
is (waiting on the shelf, picked up, returned to the courier), so the supervisor web lists the
parcels stranded at each station by an index, never by the event log. A void of a pickup or a
return puts the parcel back on the shelf; a void of an intake takes the parcel away."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from sync.server.lines.common import VOID_TYPE, insert_rows, text, update_rows, voided_targets
from sync.server.tables import county_parcels

RECEIVED = "parcel.received"
ENDED = {"parcel.picked_up": "picked_up", "parcel.returned": "returned"}
TYPES = frozenset({RECEIVED, *ENDED})
WAITING = "waiting"


def write(conn: sa.Connection, station_id: str, new: Sequence[Any]) -> None:
    """Apply a push's parcel events (and voids of them): the parcels taken in as one insert,
    the moves of earlier ones as one executemany."""
    targets = voided_targets(conn, station_id, new)
    taken_in: dict[str, dict[str, Any]] = {}
    moved: dict[str, dict[str, Any]] = {}
    gone: set[str] = set()
    for event in new:
        if event.type == VOID_TYPE:
            target = targets.get(str(event.payload.get("event_id", "")))
            if target is None or target.type not in TYPES:
                continue
            parcel = target.entity_id
            if target.type == RECEIVED:
                taken_in.pop(parcel, None)
                moved.pop(parcel, None)
                gone.add(parcel)
            else:
                _move(taken_in, moved, parcel, WAITING, None)
        elif event.type == RECEIVED:
            gone.discard(event.entity_id)
            moved.pop(event.entity_id, None)
            taken_in[event.entity_id] = {
                "station_id": station_id,
                "parcel_id": event.entity_id,
                "waybill": text(event.payload.get("waybill")),
                "carrier": text(event.payload.get("carrier")),
                "household_id": text(event.payload.get("household_id")),
                "state": WAITING,
                "received_at": event.occurred_at,
                "ended_at": None,
            }
        elif event.type in ENDED:
            _move(taken_in, moved, event.entity_id, ENDED[event.type], event.occurred_at)
    _write(conn, station_id, taken_in, moved, gone)


def _move(taken_in, moved, parcel: str, state: str, ended_at: str | None) -> None:
    row = taken_in.get(parcel)
    if row is None:
        row = moved.setdefault(parcel, {})
    row["state"], row["ended_at"] = state, ended_at


def _write(conn, station_id: str, taken_in, moved, gone: set[str]) -> None:
    c = county_parcels.c
    if gone:
        conn.execute(
            county_parcels.delete().where(c.station_id == station_id, c.parcel_id.in_(sorted(gone)))
        )
    insert_rows(conn, county_parcels, list(taken_in.values()), replace=True)
    update_rows(
        conn,
        county_parcels,
        ("station_id", "parcel_id"),
        [{"station_id": station_id, "parcel_id": parcel, **row} for parcel, row in moved.items()],
    )


def clear(conn: sa.Connection, station_id: str) -> None:
    """Forget a station's rows (before a rebuild)."""
    conn.execute(county_parcels.delete().where(county_parcels.c.station_id == station_id))
