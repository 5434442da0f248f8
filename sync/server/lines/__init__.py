"""The county's read models, one module per business line (DESIGN §6): ``lines/<line>.py``.

Each business line will add here its county read model: the tables its supervisor pages and
reports read, written from a push's new events in the push's transaction, and rebuilt from the
stored events when asked. No line has one yet, so ``READ_MODELS`` is empty; ingest hands every
push's new events to :func:`write_read_models` all the same, so a line only has to join the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import sqlalchemy as sa

from sync.protocol import WireEvent

ReadModel = Callable[[sa.Connection, str, Sequence[WireEvent]], None]
"""``write(conn, station_id, new_events)``: update one line's tables from a push's new events."""

READ_MODELS: tuple[ReadModel, ...] = ()


def write_read_models(conn: sa.Connection, station_id: str, new: Sequence[WireEvent]) -> None:
    """Hand a push's new events, in seq order, to every line's read model."""
    for write in READ_MODELS:
        write(conn, station_id, new)
