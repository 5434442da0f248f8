"""The household log's county read model (docs/households.md): one row for every event whose
payload names a registered household (``household_id``), and running totals per household,
station and month (what the 帮扶台账 page reads for a year, flat in the township's traffic).
Income is what ``produce.bought`` and ``produce.settled`` paid the household; a void takes the
voided event's row and its share of the totals away."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from sync.server.lines.common import (
    VOID_TYPE,
    add_up,
    business_day,
    fen,
    insert_rows,
    money_in_out,
    text,
    voided_targets,
)
from sync.server.tables import county_household_log, county_household_months

HELPED = "household.helped"
INCOME_TYPES = frozenset({"produce.bought", "produce.settled"})
BOUGHT = "produce.bought"
PERSON_FIELDS = ("customer_name", "seller_name", "consignor_name")
PERSON_FIELDS_OF_ORDERS = ("customer_name", "name")
# the totals' key is the row's 户编号 as its column keeps it (the log's rows are cut in the insert)
HOUSEHOLD_ID_LENGTH = county_household_months.c.household_id.type.length
TOTALS = ("paid_in_fen", "paid_out_fen", "income_fen", "bought_fen", "fee_waived_fen")


def write(conn: sa.Connection, station_id: str, new: Sequence[Any]) -> None:
    """Apply a push's new events naming a household (and voids of them) to the read model."""
    targets = voided_targets(conn, station_id, new)
    rows: list[dict[str, Any]] = []
    gone: list[str] = []
    totals: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for event in new:
        if event.type == VOID_TYPE:
            target = targets.get(str(event.payload.get("event_id", "")))
            row = _row(station_id, target) if target is not None else None
            if row is not None:
                gone.append(row["event_id"])
                _add(totals, row, -1)
            continue
        row = _row(station_id, event)
        if row is not None:
            rows.append(row)
            _add(totals, row, +1)
    insert_rows(conn, county_household_log, rows)
    if gone:
        c = county_household_log.c
        conn.execute(
            county_household_log.delete().where(c.station_id == station_id, c.event_id.in_(gone))
        )
    add_up(conn, county_household_months, station_id, totals)


def _row(station_id: str, event: Any) -> dict[str, Any] | None:
    payload = event.payload
    household_id = text(payload.get("household_id"))[:HOUSEHOLD_ID_LENGTH]
    if not household_id or event.type == VOID_TYPE:
        return None
    paid_in, paid_out = money_in_out(payload)
    income = max(0, paid_out - paid_in) if event.type in INCOME_TYPES else 0
    fields = PERSON_FIELDS_OF_ORDERS if event.type.startswith("order.") else PERSON_FIELDS
    person = next((text(payload.get(f)) for f in fields if text(payload.get(f))), "")
    product = payload.get("product_name") or payload.get("product")
    if isinstance(product, dict):
        product = product.get("name")
    price = payload.get("unit_price_fen")
    row = {
        "station_id": station_id,
        "event_id": event.id,
        "household_id": household_id,
        "type": event.type,
        "day": business_day(event.occurred_at),
        "occurred_at": event.occurred_at,
        "operator": event.operator,
        "person": person,
        "paid_in_fen": paid_in,
        "paid_out_fen": paid_out,
        "income_fen": income,
        "bought_fen": income if event.type == BOUGHT else 0,
        "fee_waived_fen": max(0, fen(payload.get("fee_waived_fen"))),
        "service": text(payload.get("kind")) if event.type == HELPED else "",
        "product": text(product),
        "grade": text(str(payload.get("grade") or "")),
        "quantity": text(str(payload.get("quantity") or "")),
        "unit": text(str(payload.get("unit") or "")),
        "unit_price_fen": fen(price) if isinstance(price, int) else None,
    }
    return row


def _add(
    totals: dict[tuple[str, str, str], dict[str, int]], row: dict[str, Any], sign: int
) -> None:
    moved = totals[(row["household_id"], row["station_id"], row["day"][:7])]
    moved["count"] += sign
    moved["services"] += sign * (row["type"] == HELPED)
    for name in TOTALS:
        moved[name] += sign * row[name]


def clear(conn: sa.Connection, station_id: str) -> None:
    """Forget a station's rows (before a rebuild)."""
    for table in (county_household_log, county_household_months):
        conn.execute(table.delete().where(table.c.station_id == station_id))


# --- reading -----------------------------------------------------------------------------------


def log_of(conn: sa.Connection, household_id: str) -> list[sa.Row]:
    """A household's log rows at every station, by day."""
    c = county_household_log.c
    return list(
        conn.execute(
            sa.select(county_household_log)
            .where(c.household_id == household_id)
            .order_by(c.day, c.occurred_at, c.station_id, c.event_id)
        )
    )


def totals_of(conn: sa.Connection, household_id: str) -> dict[str, int]:
    """A household's totals summed over the stations and months it was served."""
    c = county_household_months.c
    names = ("count", *TOTALS, "services")
    row = conn.execute(
        sa.select(*(sa.func.coalesce(sa.func.sum(c[n]), 0) for n in names)).where(
            c.household_id == household_id
        )
    ).one()
    return {name: int(value) for name, value in zip(names, row, strict=True)}
