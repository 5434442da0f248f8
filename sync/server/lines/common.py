"""What the lines' read models share: the business day, quantities and money as the payloads
carry them, the events a push voids, and a running total moved by deltas."""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from stationapp.core.clock import SHANGHAI  # the stations' business day
from sync.server.tables import events

VOID_TYPE = "event.voided"
# a figure beyond this (none a station writes) is taken as 0 rather than overflow a BIGINT sum
LARGEST = 10**15


@dataclass(frozen=True)
class Stored:
    """An event the county holds, as the read models read it (a ``WireEvent``'s fields)."""

    id: str
    seq: int
    type: str
    entity_id: str
    occurred_at: str
    operator: str
    payload: dict[str, Any]


def business_day(occurred_at: str) -> str:
    """The station's day of an event's time: the calendar day in Asia/Shanghai (a time the
    station wrote in Beijing time, as it always does, is its own day: no parsing)."""
    if occurred_at.endswith("+08:00") and occurred_at[4:5] == "-" and occurred_at[7:8] == "-":
        return occurred_at[:10]
    try:
        at = datetime.fromisoformat(occurred_at)
    except ValueError:
        return occurred_at[:10]
    if at.tzinfo is None:
        return at.date().isoformat()
    return at.astimezone(SHANGHAI).date().isoformat()


def milli(quantity: Any) -> int:
    """A payload's quantity (a decimal string, at most three decimals) in thousandths."""
    try:
        thousandths = int((Decimal(str(quantity)) * 1000).to_integral_value())
    except (InvalidOperation, ValueError, OverflowError):
        return 0
    return thousandths if abs(thousandths) <= LARGEST else 0


def fen(value: Any) -> int:
    """An int fen of a payload, 0 for anything else."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) <= LARGEST:
        return value
    return 0


def text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def fit(table: sa.Table, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with every text cut to its column's length: a payload from any station version
    must never fail the push it came in."""
    lengths = _lengths(table)
    for name, value in row.items():
        if isinstance(value, str) and name in lengths and len(value) > lengths[name]:
            row[name] = value[: lengths[name]]
    return row


@functools.cache
def _lengths(table: sa.Table) -> dict[str, int]:
    return {c.name: c.type.length for c in table.columns if getattr(c.type, "length", None)}


def dicts(value: Any) -> list[dict[str, Any]]:
    """The objects of a payload's list (``lines``, ``money``), anything else left out."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def money_in_out(payload: Mapping[str, Any]) -> tuple[int, int]:
    """DESIGN §3's money entries as (taken in, paid out), both ≥ 0."""
    moved = [fen(e.get("fen")) for e in dicts(payload.get("money"))]
    return sum(f for f in moved if f > 0), -sum(f for f in moved if f < 0)


def select_stored() -> sa.Select:
    """The columns of the stored events that :func:`stored` reads back."""
    return sa.select(
        events.c.id,
        events.c.seq,
        events.c.type,
        events.c.entity_id,
        events.c.occurred_at,
        events.c.operator,
        events.c.payload,
    )


def stored(rows: Iterable[Any]) -> list[Stored]:
    return [
        Stored(r.id, r.seq, r.type, r.entity_id, r.occurred_at, r.operator, json.loads(r.payload))
        for r in rows
    ]


def voided_targets(conn: sa.Connection, station_id: str, new: Sequence[Any]) -> dict[str, Stored]:
    """The events the voids among ``new`` name, by id (stored already: the push stores its new
    events before the read models run)."""
    ids = {str(e.payload.get("event_id", "")) for e in new if e.type == VOID_TYPE}
    ids.discard("")
    if not ids:
        return {}
    rows = conn.execute(
        select_stored().where(events.c.station_id == station_id, events.c.id.in_(sorted(ids)))
    )
    return {e.id: e for e in stored(rows)}


def add_up(
    conn: sa.Connection,
    table: sa.Table,
    station_id: str,
    deltas: Mapping[tuple[Any, ...], Mapping[str, int]],
    fixed: Mapping[tuple[Any, ...], Mapping[str, Any]] | None = None,
) -> None:
    """Move running totals keyed by ``table``'s primary key (in its column order) by
    ``deltas``, in one upsert; a new key's row takes ``fixed`` beside. A station's rows whose
    ``count`` falls to 0 go, so totals moved by pushes and voids equal totals rebuilt."""
    if not deltas:
        return
    keys = [c.name for c in table.primary_key.columns]
    moved = sorted({name for delta in deltas.values() for name in delta})
    rows = [
        dict(zip(keys, key, strict=True))
        | {name: delta.get(name, 0) for name in moved}
        | dict((fixed or {}).get(key, {}))
        for key, delta in deltas.items()
    ]
    if conn.dialect.name == "postgresql" and set(rows[0]) == {c.name for c in table.columns}:
        # one statement: psycopg2 sends an executemany as a round trip a row
        statement = _json_adding(table, tuple(moved))
        conn.execute(statement, {"rows": json.dumps(rows, ensure_ascii=False)})
    else:
        insert = _dialect_insert(conn)(table)
        conn.execute(
            insert.on_conflict_do_update(
                index_elements=keys,
                set_={name: table.c[name] + insert.excluded[name] for name in moved},
            ),
            rows,
        )
    if any(delta.get("count", 0) < 0 for delta in deltas.values()):
        conn.execute(table.delete().where(table.c.station_id == station_id, table.c["count"] <= 0))


@functools.cache
def _json_adding(table: sa.Table, moved: tuple[str, ...]) -> sa.TextClause:
    """PostgreSQL: :func:`_json_insert` whose rows add ``moved`` to a key's row already there."""
    keys = ", ".join(c.name for c in table.primary_key.columns)
    added = ", ".join(f"{name} = {table.name}.{name} + excluded.{name}" for name in moved)
    insert = _json_insert(table).text
    return sa.text(f"{insert} ON CONFLICT ({keys}) DO UPDATE SET {added}")


def _dialect_insert(conn: sa.Connection) -> Any:
    """INSERT ... ON CONFLICT DO UPDATE, which SQLite and PostgreSQL both speak."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert
    return sqlite.insert


def insert_rows(
    conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]], *, replace: bool = False
) -> None:
    """Insert many rows at the least cost: on PostgreSQL one JSON document the server takes
    apart (``json_to_recordset``; an executemany sends pages of rows, and SQLAlchemy binding
    each of thousands of rows' columns costs the county's CPU more than the insert itself), on
    SQLite an executemany of plain tuples (a JSON document is slower there: each column's
    ``json_extract`` parses its row again). Texts longer than their column are cut in the
    statement, so the rows need no :func:`fit`. ``replace``: a row whose key is there already
    takes the new values (a repeated id, which no station writes, replaces its row)."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        names = [c.name for c in table.columns]
        take = operator.itemgetter(*names)
        try:
            values = [take(row) for row in rows]
        except KeyError:  # a row without some column: NULL there, as in the JSON document
            values = [tuple(map(row.get, names)) for row in rows]
        conn.exec_driver_sql(_sqlite_insert(table, replace), values)
        return
    document = json.dumps(rows, ensure_ascii=False)
    statement = _json_insert(table)
    if replace:
        statement = _replacing(table, statement)
    conn.execute(statement, {"rows": document})


@functools.cache
def _sqlite_insert(table: sa.Table, replace: bool) -> str:
    """SQLite: the insert of plain rows, each text cut to its column's length there."""
    names = [c.name for c in table.columns]
    lengths = _lengths(table)
    values = ", ".join(f"substr(?, 1, {lengths[n]})" if n in lengths else "?" for n in names)
    insert = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({values})"
    if not replace:
        return insert
    keys = [c.name for c in table.primary_key.columns]
    set_ = ", ".join(f"{n} = excluded.{n}" for n in names if n not in keys)
    return f"{insert} ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {set_}"


@functools.cache
def _replacing(table: sa.Table, insert: sa.TextClause) -> sa.TextClause:
    """PostgreSQL: :func:`_json_insert` whose rows replace a key's row already there."""
    keys = [c.name for c in table.primary_key.columns]
    set_ = ", ".join(f"{c.name} = excluded.{c.name}" for c in table.columns if c.name not in keys)
    return sa.text(f"{insert.text} WHERE true ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {set_}")


@functools.cache
def _json_insert(table: sa.Table) -> sa.TextClause:
    """PostgreSQL: the insert of a JSON list of rows, each text cut to its column's length
    there (as :func:`fit` does, without a pass over every row in Python)."""
    names = [c.name for c in table.columns]
    lengths = _lengths(table)
    kinds = ", ".join(f"{name} {_pg_kind(table.c[name])}" for name in names)
    taken = ", ".join(
        f"left({name}, {lengths[name]})" if name in lengths else name for name in names
    )
    source = f"json_to_recordset(CAST(:rows AS json)) AS r({kinds})"
    return sa.text(f"INSERT INTO {table.name} ({', '.join(names)}) SELECT {taken} FROM {source}")


def _pg_kind(column: sa.Column) -> str:
    """The type ``json_to_recordset`` reads a column's values as."""
    if isinstance(column.type, sa.Integer):
        return "bigint"
    return "boolean" if isinstance(column.type, sa.Boolean) else "text"


def update_rows(
    conn: sa.Connection,
    table: sa.Table,
    keys: tuple[str, ...],
    rows: list[dict[str, Any]],
    *,
    keep_when_null: tuple[str, ...] = (),
) -> None:
    """Update many rows, each found by its ``keys`` columns, as :func:`insert_rows` writes:
    on PostgreSQL one ``UPDATE ... FROM`` a JSON document (an executemany costs a round trip a
    row there), on SQLite an executemany of plain tuples. Every row names the same columns; a
    column in ``keep_when_null`` keeps its value where the row's is null."""
    if not rows:
        return
    names = tuple(rows[0])
    if conn.dialect.name == "sqlite":
        order = tuple(name for name in names if name not in keys) + keys
        take = operator.itemgetter(*order)
        statement = _sqlite_update(table.name, keys, order, keep_when_null)
        conn.exec_driver_sql(statement, [take(row) for row in rows])
        return
    statement = _json_update(table, keys, names, keep_when_null)
    conn.execute(statement, {"rows": json.dumps(rows, ensure_ascii=False)})


def _assignments(
    names: tuple[str, ...],
    keys: tuple[str, ...],
    keep_when_null: tuple[str, ...],
    value: str,
    old: str = "{}",
) -> str:
    """The ``SET`` of the columns not in ``keys``; ``value`` and ``old`` make each one's new
    and present value from its name (``{}``)."""
    return ", ".join(
        f"{name} = coalesce({value.format(name)}, {old.format(name)})"
        if name in keep_when_null
        else f"{name} = {value.format(name)}"
        for name in names
        if name not in keys
    )


@functools.cache
def _sqlite_update(
    table: str, keys: tuple[str, ...], order: tuple[str, ...], keep_when_null: tuple[str, ...]
) -> str:
    """SQLite: the update of one row; its new values, then its keys, as parameters."""
    match = " AND ".join(f"{key} = ?" for key in keys)
    return f"UPDATE {table} SET {_assignments(order, keys, keep_when_null, '?')} WHERE {match}"


@functools.cache
def _json_update(
    table: sa.Table, keys: tuple[str, ...], names: tuple[str, ...], keep_when_null: tuple[str, ...]
) -> sa.TextClause:
    """PostgreSQL: the update of the rows of a JSON document, each found by its keys."""
    set_ = _assignments(names, keys, keep_when_null, "r.{}", f"{table.name}.{{}}")
    match = " AND ".join(f"{table.name}.{key} = r.{key}" for key in keys)
    kinds = ", ".join(f"{name} {_pg_kind(table.c[name])}" for name in names)
    source = f"json_to_recordset(CAST(:rows AS json)) AS r({kinds})"
    return sa.text(f"UPDATE {table.name} SET {set_} FROM {source} WHERE {match}")
