"""The proxy purchase line's county read model (docs/orders.md): one row per order with its
state, so the county counts each station's orders by state. A void of a step puts the order
back as its remaining steps leave it, replayed from the stored events of that order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from sync.server.lines.common import (
    VOID_TYPE,
    fen,
    insert_rows,
    select_stored,
    stored,
    text,
    update_rows,
    voided_targets,
)
from sync.server.tables import county_orders, events

CREATED = "order.created"
STATE_OF = {  # the state each step leaves an order in
    "order.placed": "placed",
    "order.shipped": "shipped",
    "order.arrived": "arrived",
    "order.delivered": "delivered",
    "order.cancelled": "cancelled",
    "order.returned": "returned",
}
TYPES = frozenset({CREATED, *STATE_OF})
OPEN_STATES = ("to_place", "placed", "shipped", "arrived")


def write(conn: sa.Connection, station_id: str, new: Sequence[Any]) -> None:
    """Apply a push's new order events (and voids of them) to the read model: the orders
    created and the steps of earlier ones gathered in memory and written in two statements (one
    statement an event cost the county's ingest a third of its speed); a void writes what is
    gathered first, then replays its order from the stored events."""
    targets = voided_targets(conn, station_id, new)
    batch = _Batch(station_id)
    for event in new:
        if event.type in TYPES:
            batch.apply(event)
        elif event.type == VOID_TYPE:
            target = targets.get(str(event.payload.get("event_id", "")))
            if target is not None and target.type in TYPES:
                batch.write(conn)
                _replay(conn, station_id, target.entity_id, upto_seq=event.seq)
    batch.write(conn)


class _Batch:
    """A push's orders as its events leave them, not written yet: rows of the orders created
    in it, and the last state (with the price paid, once placed) of the orders it moves."""

    def __init__(self, station_id: str) -> None:
        self.station_id = station_id
        self.created: dict[str, dict[str, Any]] = {}
        self.moved: dict[str, dict[str, Any]] = {}

    def apply(self, event: Any) -> None:
        payload = event.payload
        if event.type == CREATED:  # a repeated order id (never written by a station) replaces it
            self.moved.pop(event.entity_id, None)
            self.created[event.entity_id] = dict(
                station_id=self.station_id,
                order_id=event.entity_id,
                order_no=text(payload.get("order_no")),
                state="to_place",
                household_id=text(payload.get("household_id")),
                platform=text(payload.get("platform")),
                quoted_fen=fen(payload.get("quoted_fen")),
                paid_fen=None,
                fee_fen=fen(payload.get("fee_fen")),
                fee_waived_fen=fen(payload.get("fee_waived_fen")),
                created_at=event.occurred_at,
                updated_at=event.occurred_at,
            )
            return
        row = self.created.get(event.entity_id)
        if row is None:
            row = self.moved.setdefault(event.entity_id, {"paid": None})
        row["state"], row["updated_at"] = STATE_OF[event.type], event.occurred_at
        if event.type == "order.placed":
            row["paid_fen" if event.entity_id in self.created else "paid"] = fen(
                payload.get("paid_fen")
            )

    def write(self, conn: sa.Connection) -> None:
        insert_rows(conn, county_orders, list(self.created.values()), replace=True)
        update_rows(
            conn,
            county_orders,
            ("station_id", "order_id"),
            [
                {
                    "station_id": self.station_id,
                    "order_id": order_id,
                    "paid_fen": moved["paid"],
                    "state": moved["state"],
                    "updated_at": moved["updated_at"],
                }
                for order_id, moved in self.moved.items()
            ],
            keep_when_null=("paid_fen",),
        )
        self.created, self.moved = {}, {}


def _replay(conn: sa.Connection, station_id: str, order_id: str, *, upto_seq: int) -> None:
    """The order as its steps up to ``upto_seq`` leave it, voided ones left out."""
    rows = conn.execute(
        select_stored()
        .where(
            events.c.station_id == station_id,
            events.c.entity_id == order_id,
            events.c.seq <= upto_seq,
            events.c.type.in_(sorted(TYPES | {VOID_TYPE})),
        )
        .order_by(events.c.seq)
    )
    steps = stored(rows)
    voided = {str(e.payload.get("event_id", "")) for e in steps if e.type == VOID_TYPE}
    c = county_orders.c
    conn.execute(county_orders.delete().where(c.station_id == station_id, c.order_id == order_id))
    kept = [e for e in steps if e.type in TYPES and e.id not in voided]
    if kept and kept[0].type == CREATED:
        batch = _Batch(station_id)
        for event in kept:
            batch.apply(event)
        batch.write(conn)


def clear(conn: sa.Connection, station_id: str) -> None:
    """Forget a station's rows (before a rebuild)."""
    conn.execute(county_orders.delete().where(county_orders.c.station_id == station_id))


# --- reading -----------------------------------------------------------------------------------


def by_state(conn: sa.Connection, station_id: str) -> dict[str, int]:
    """A station's orders counted by state."""
    c = county_orders.c
    rows = conn.execute(
        sa.select(c.state, sa.func.count()).where(c.station_id == station_id).group_by(c.state)
    )
    return {state: count for state, count in rows}


def overdue(conn: sa.Connection, station_id: str, before: str) -> list[sa.Row]:
    """Orders placed or shipped whose last step is older than ``before`` (an ISO time)."""
    c = county_orders.c
    return list(
        conn.execute(
            sa.select(county_orders)
            .where(
                c.station_id == station_id,
                c.state.in_(("placed", "shipped")),
                c.updated_at < before,
            )
            .order_by(c.updated_at)
        )
    )
