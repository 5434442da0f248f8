"""The household log's table: one row per station event that names a registered household
(``household_id`` in its payload), kept by a follower of every event type, so opening a
household's log or a month's 帮扶台账 reads an index and never the event log.

What a row holds is read from the payload fields docs/households.md lists: ``money`` (DESIGN §3),
``fee_waived_fen``, who came (``customer_name``, or the produce line's ``seller_name`` /
``consignor_name``) and the purchase's ``product_name``, ``grade``, ``quantity``, ``unit``,
``unit_price_fen``, ``market_price_fen`` (or ``reference_price_fen``). The owner of the event
type decides what it means; this module only keeps it, and forgets it when the event is voided.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import sqlite_utils

from stationapp.core import clock
from stationapp.core.county.kinds import name_readings
from stationapp.core.event_record import Event
from stationapp.core.money import money_of
from stationapp.core.projections import Projector, Replay

HELPED = "household.helped"
# the events whose money paid out is income the household earned from the station
INCOME_TYPES = frozenset({"produce.bought", "produce.settled"})
BOUGHT_TYPE = "produce.bought"  # what "amount bought from households" counts
PRODUCT_FIELDS = ("grade", "quantity", "unit")
# who came for the household: the generic field first, then the produce line's own names
PERSON_FIELDS = ("customer_name", "seller_name", "consignor_name")
PERSON_FIELDS_OF_ORDERS = ("customer_name", "name")  # order.created names the villager ``name``
MARKET_PRICE_FIELDS = ("market_price_fen", "reference_price_fen")


def migrate_household_log(db: sqlite_utils.Database) -> None:
    # one row per event naming a household: what it moved, brought, waived or served
    db.execute(
        """
        CREATE TABLE household_log (
            event_id TEXT PRIMARY KEY,
            household_id TEXT NOT NULL,
            type TEXT NOT NULL,
            day TEXT NOT NULL,
            occurred_at TEXT NOT NULL,
            operator TEXT NOT NULL DEFAULT '',
            person TEXT NOT NULL DEFAULT '',
            paid_in_fen INTEGER NOT NULL DEFAULT 0,
            paid_out_fen INTEGER NOT NULL DEFAULT 0,
            pay_methods TEXT NOT NULL DEFAULT '',
            income_fen INTEGER NOT NULL DEFAULT 0,
            fee_waived_fen INTEGER NOT NULL DEFAULT 0,
            service INTEGER NOT NULL DEFAULT 0,
            service_kind TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            product TEXT NOT NULL DEFAULT '',
            grade TEXT NOT NULL DEFAULT '',
            quantity TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT '',
            unit_price_fen INTEGER,
            market_price_fen INTEGER
        )
        """
    )
    db.execute("CREATE INDEX household_log_household ON household_log (household_id, day)")
    db.execute("CREATE INDEX household_log_day ON household_log (day, household_id)")
    # the names the station has met a household's people by (a member's name finds it)
    db.execute(
        """
        CREATE TABLE household_people (
            household_id TEXT NOT NULL,
            name TEXT NOT NULL,
            initials TEXT NOT NULL,
            pinyin TEXT NOT NULL,
            events INTEGER NOT NULL,
            PRIMARY KEY (household_id, name)
        )
        """
    )
    db.execute("CREATE INDEX household_people_name ON household_people (name)")
    db.execute("CREATE INDEX household_people_initials ON household_people (initials)")
    db.execute("CREATE INDEX household_people_pinyin ON household_people (pinyin)")
    # a phone tail finds a household of the registry without reading all of it
    db.execute(
        "CREATE INDEX IF NOT EXISTS county_households_phone_tail"
        " ON county_households (substr(phone_masked, -4))"
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _fen(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _first(payload: dict[str, Any], names: tuple[str, ...]) -> Any:
    return next((payload[name] for name in names if payload.get(name) not in (None, "")), None)


def _person_fields(event_type: str) -> tuple[str, ...]:
    return PERSON_FIELDS_OF_ORDERS if event_type.startswith("order.") else PERSON_FIELDS


def _product(payload: dict[str, Any]) -> str:
    product = _first(payload, ("product_name", "product"))
    if isinstance(product, dict):
        return _text(product.get("name"))
    return _text(product)


def _row(event: Event, household_id: str) -> tuple[Any, ...]:
    payload = event.payload
    money = money_of(payload)
    paid_in = sum(e.fen for e in money.entries if e.fen > 0) if money else 0
    paid_out = -sum(e.fen for e in money.entries if e.fen < 0) if money else 0
    methods = ",".join(dict.fromkeys(e.method for e in money.entries)) if money else ""
    income = max(0, paid_out - paid_in) if event.type in INCOME_TYPES else 0
    helped = event.type == HELPED
    return (
        event.id,
        household_id,
        event.type,
        clock.business_day(event.occurred_at).isoformat(),
        event.occurred_at,
        event.operator,
        _text(_first(payload, _person_fields(event.type))),
        paid_in,
        paid_out,
        methods,
        income,
        max(0, _fen(payload.get("fee_waived_fen")) or 0),
        int(helped),
        _text(payload.get("kind")) if helped else "",
        _text(payload.get("note")),
        _product(payload),
        *(_text(str(payload.get(name) or "")) for name in PRODUCT_FIELDS),
        _fen(payload.get("unit_price_fen")),
        _fen(_first(payload, MARKET_PRICE_FIELDS)),
    )


def _household_of(event: Event) -> str:
    return _text(event.payload.get("household_id"))


def _keep(replay: Replay, event: Event) -> None:
    household_id = _household_of(event)
    if not household_id:
        return
    row = _row(event, household_id)
    replay.conn.execute(f"INSERT INTO household_log VALUES ({', '.join('?' * len(row))})", row)
    if row[6]:
        _count_person(replay.conn, household_id, row[6], +1)


def _forget(replay: Replay, event: Event) -> None:
    household_id = _household_of(event)
    if not household_id:
        return
    gone = replay.conn.execute(
        "DELETE FROM household_log WHERE event_id = ? RETURNING person", (event.id,)
    ).fetchone()
    if gone and gone[0]:
        _count_person(replay.conn, household_id, gone[0], -1)


def _count_person(conn: sqlite3.Connection, household_id: str, name: str, step: int) -> None:
    if step > 0:
        initials, full = name_readings(name)
        conn.execute(
            "INSERT INTO household_people VALUES (?, ?, ?, ?, 1)"
            " ON CONFLICT (household_id, name) DO UPDATE SET events = events + 1",
            (household_id, name, initials, full),
        )
        return
    conn.execute(
        "UPDATE household_people SET events = events - 1 WHERE household_id = ? AND name = ?",
        (household_id, name),
    )
    conn.execute(
        "DELETE FROM household_people WHERE household_id = ? AND name = ? AND events <= 0",
        (household_id, name),
    )


def _written_by_the_follower(replay: Replay, event: Event) -> None:
    """``household.helped`` names its household: the follower of every event keeps its row
    (and forgets it on a void), so its own projector has nothing more to write."""


FOLLOWER = Projector(_keep, revert=_forget)
PROJECTORS: dict[str, Projector] = {
    HELPED: Projector(_written_by_the_follower, revert=_written_by_the_follower),
}
PROJECTED_TABLES: dict[str, str] = {
    "household_log": "event_id",
    "household_people": "household_id, name",
}
