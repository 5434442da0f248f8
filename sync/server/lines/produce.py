"""The produce line's county read model (docs/produce.md): purchases and sales per product,
grade, unit, station and business day, and the consignment lots with what of them was sold and
settled. A void takes back what the voided event added."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from sync.server.lines.common import (
    VOID_TYPE,
    add_up,
    business_day,
    dicts,
    fen,
    fit,
    milli,
    text,
    voided_targets,
)
from sync.server.tables import county_consignments, county_produce_days

BOUGHT, CONSIGNED, SOLD, SETTLED = (
    "produce.bought",
    "produce.consigned",
    "produce.sold",
    "produce.settled",
)
TYPES = frozenset({BOUGHT, CONSIGNED, SOLD, SETTLED})
# a day's row is keyed by (station, day, kind, product, grade, unit): the texts cut to their
# columns here, so a long one from any station version adds to the row it is stored as
DAY_LENGTH, PRODUCT_LENGTH, GRADE_LENGTH, UNIT_LENGTH = (
    county_produce_days.c[name].type.length for name in ("day", "product", "grade", "unit")
)


def write(conn: sa.Connection, station_id: str, new: Sequence[Any]) -> None:
    """Apply a push's new produce events (and voids of them) to the read model."""
    days: dict[tuple[Any, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    names: dict[tuple[Any, ...], dict[str, Any]] = {}
    targets = voided_targets(conn, station_id, new)
    for event in new:
        if event.type == VOID_TYPE:
            target = targets.get(str(event.payload.get("event_id", "")))
            if target is not None and target.type in TYPES:
                _apply(conn, station_id, target, -1, days, names)
        elif event.type in TYPES:
            _apply(conn, station_id, event, +1, days, names)
    add_up(conn, county_produce_days, station_id, days, names)


def _apply(conn, station_id, event, sign, days, names) -> None:
    payload = event.payload
    day = business_day(event.occurred_at)
    if event.type == BOUGHT:
        _count(station_id, day, "bought", payload, sign, days, names)
    elif event.type == SOLD:
        for line in dicts(payload.get("lines")):
            _count(station_id, day, "sold", line, sign, days, names)
            if text(line.get("lot_id")):
                _move_lot(conn, station_id, text(line["lot_id"]), sign, line, sold=True)
    elif event.type == SETTLED:
        _move_lot(conn, station_id, event.entity_id, sign, payload, sold=False)
    else:  # a consignment; a repeated lot id (never written by a station) replaces the lot
        conn.execute(
            county_consignments.delete().where(
                county_consignments.c.station_id == station_id,
                county_consignments.c.lot_id == event.entity_id,
            )
        )
        if sign > 0:
            _consign(conn, station_id, event, day)


def _count(station_id, day, kind, fields, sign, days, names) -> None:
    product = text(fields.get("product"))
    key = (
        station_id,
        day[:DAY_LENGTH],
        kind,
        product[:PRODUCT_LENGTH],
        text(fields.get("grade"))[:GRADE_LENGTH],
        text(fields.get("unit"))[:UNIT_LENGTH],
    )
    row = days[key]
    row["count"] += sign
    row["quantity_milli"] += sign * milli(fields.get("quantity"))
    row["amount_fen"] += sign * fen(fields.get("amount_fen"))
    if key not in names:
        name = text(fields.get("product_name")) or product
        names[key] = {"product_name": name[:PRODUCT_LENGTH]}


def _consign(conn, station_id: str, event, day: str) -> None:
    payload = event.payload
    row = dict(
        station_id=station_id,
        lot_id=event.entity_id,
        day=day,
        consignor_name=text(payload.get("consignor_name")),
        household_id=text(payload.get("household_id")),
        product=text(payload.get("product")),
        product_name=text(payload.get("product_name")) or text(payload.get("product")),
        grade=text(payload.get("grade")),
        unit=text(payload.get("unit")),
        quantity_milli=milli(payload.get("quantity")),
        asking_price_fen=fen(payload.get("asking_price_fen")),
        sold_milli=0,
        proceeds_fen=0,
        settled_milli=0,
        commission_fen=0,
        paid_fen=0,
    )
    conn.execute(county_consignments.insert().values(fit(county_consignments, row)))


def _move_lot(conn, station_id: str, lot_id: str, sign: int, fields, *, sold: bool) -> None:
    c = county_consignments.c
    if sold:
        moves = {
            "sold_milli": c.sold_milli + sign * milli(fields.get("quantity")),
            "proceeds_fen": c.proceeds_fen + sign * fen(fields.get("amount_fen")),
        }
    else:
        moves = {
            "settled_milli": c.settled_milli + sign * milli(fields.get("quantity")),
            "commission_fen": c.commission_fen + sign * fen(fields.get("commission_fen")),
            "paid_fen": c.paid_fen + sign * fen(fields.get("paid_fen")),
        }
    conn.execute(
        county_consignments.update()
        .where(c.station_id == station_id, c.lot_id == lot_id)
        .values(moves)
    )


def clear(conn: sa.Connection, station_id: str) -> None:
    """Forget a station's rows (before a rebuild)."""
    for table in (county_produce_days, county_consignments):
        conn.execute(table.delete().where(table.c.station_id == station_id))


# --- reading -----------------------------------------------------------------------------------


def days_of(conn: sa.Connection, station_id: str) -> list[sa.Row]:
    """A station's purchases and sales per day, kind, product, grade and unit."""
    t = county_produce_days
    return list(
        conn.execute(
            sa.select(t).where(t.c.station_id == station_id).order_by(*t.primary_key.columns)
        )
    )


def open_consignments(conn: sa.Connection, station_id: str | None = None) -> list[sa.Row]:
    """Lots with goods not sold yet, or sold and not settled (to settle)."""
    c = county_consignments.c
    query = sa.select(county_consignments).where(
        sa.or_(c.sold_milli < c.quantity_milli, c.settled_milli < c.sold_milli)
    )
    if station_id is not None:
        query = query.where(c.station_id == station_id)
    return list(conn.execute(query.order_by(c.station_id, c.day, c.lot_id)))
