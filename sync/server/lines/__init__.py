"""The county's read models, one module per business line (DESIGN §6): ``lines/<line>.py``.

Each business line keeps here its county read model: the tables its supervisor pages and
reports read, written from a push's new events in the push's transaction
(:func:`write_read_models`, called by ingest), and rebuilt from a station's stored events when
asked (:func:`rebuild_read_models`). A line joins ``READ_MODELS`` with its ``write`` and its
``clear`` (forget a station's rows before a rebuild).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import sqlalchemy as sa

from sync.protocol import WireEvent
from sync.server.lines import activity, households, orders, parcels, produce
from sync.server.lines.common import select_stored, stored
from sync.server.tables import events

ReadModel = Callable[[sa.Connection, str, Sequence[Any]], None]
"""``write(conn, station_id, new_events)``: update one line's tables from a push's new events."""

REBUILD_PAGE = 5_000  # stored events read and applied at a time by a rebuild


class LineReadModel(NamedTuple):
    write: ReadModel
    clear: Callable[[sa.Connection, str], None]


READ_MODELS: tuple[LineReadModel, ...] = (
    LineReadModel(activity.write, activity.clear),
    LineReadModel(parcels.write, parcels.clear),
    LineReadModel(orders.write, orders.clear),
    LineReadModel(produce.write, produce.clear),
    LineReadModel(households.write, households.clear),
)


def write_read_models(conn: sa.Connection, station_id: str, new: Sequence[WireEvent]) -> None:
    """Hand a push's new events, in seq order, to every line's read model."""
    for model in READ_MODELS:
        model.write(conn, station_id, new)


def rebuild_read_models(conn: sa.Connection, station_id: str) -> int:
    """Build a station's read models again from the events the county holds, in seq order, as
    the pushes built them; returns the number of events read."""
    for model in READ_MODELS:
        model.clear(conn, station_id)
    after, count = 0, 0
    while True:
        page = stored(
            conn.execute(
                select_stored()
                .where(events.c.station_id == station_id, events.c.seq > after)
                .order_by(events.c.seq)
                .limit(REBUILD_PAGE)
            )
        )
        if not page:
            return count
        for model in READ_MODELS:
            model.write(conn, station_id, page)
        after, count = page[-1].seq, count + len(page)
