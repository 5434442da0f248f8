"""The receipt check (DESIGN §6): what the county holds of the record a printed receipt's QR code
names, ``/r/{station_id}/{event_id}``, read for a station in the viewer's scope.

A receipt's footer names the ``receipt.printed`` event of its print; the check shows the print
and the records of the entity it was printed for (a voucher's ``produce.bought``), each with
its void if one names it. A station outside the scope, unknown, or paired with another station's
record is 404, exactly alike; a station in scope whose record has not arrived yet is answered
with the station's last contact (it may be offline).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException

from sync.server.lines.common import VOID_TYPE
from sync.server.tables import events, households, station_clocks, stations
from sync.server.web.auth import Viewer
from sync.server.web.queries.receipt_words import field_words, kind_words, money_words, print_words
from sync.server.web.scope import station_or_404

PRINTED = "receipt.printed"
OPERATOR_TYPES = ("operator.added", "operator.changed")
RECORDS_SHOWN = 10  # a print for an entity with a long history shows its latest records


@dataclass(frozen=True)
class CheckedStation:
    id: str
    name: str
    township: str
    village: str
    last_contact: str  # the county's time of the station's last call ('' never)


@dataclass(frozen=True)
class Void:
    reason: str
    occurred_at: str
    operator: str


@dataclass(frozen=True)
class Record:
    """One stored event as the page shows it."""

    id: str
    type: str
    kind: str  # in Chinese: 收购
    occurred_at: str
    received_at: str
    operator: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    money: list[str] = field(default_factory=list)
    voided: Void | None = None


@dataclass(frozen=True)
class ReceiptCheck:
    station: CheckedStation
    record: Record | None  # the event the QR names; None: the county has not received it yet
    printed: str = ""  # the document's name when the QR names a print (收购凭证)
    records: list[Record] = field(default_factory=list)  # what the print stands for


def receipt_check(
    conn: sa.Connection, viewer: Viewer, station_id: str, event_id: str
) -> ReceiptCheck:
    """The check of ``event_id`` of ``station_id``; 404 when the station is out of the viewer's
    scope or unknown, or when the record is another station's."""
    row = station_or_404(conn, viewer, station_id)
    e = events.c
    found = conn.execute(sa.select(events).where(e.station_id == row.id, e.id == event_id)).first()
    if found is None:
        if _held_elsewhere(conn, row.id, event_id):
            raise HTTPException(status_code=404)
        return ReceiptCheck(_station(conn, row), None)
    rows = [found]
    printed = ""
    if found.type == PRINTED:
        printed = print_words(_payload(found).get("kind"))
        rows += _printed_for(conn, row.id, found)
    shown = _records(conn, row.id, rows)
    return ReceiptCheck(_station(conn, row), shown[0], printed, shown[1:])


def _station(conn: sa.Connection, row: Any) -> CheckedStation:
    contact = conn.execute(
        sa.select(station_clocks.c.measured_at).where(station_clocks.c.station_id == row.id)
    ).scalar()
    return CheckedStation(row.id, row.name, row.township, row.village, contact or "")


def _held_elsewhere(conn: sa.Connection, station_id: str, event_id: str) -> bool:
    """Whether another station holds ``event_id``: looked up station by station through the
    (station_id, id) index rather than scanning every station's events."""
    others = conn.execute(sa.select(stations.c.id).where(stations.c.id != station_id)).scalars()
    return (
        conn.execute(
            sa.select(events.c.seq)
            .where(events.c.station_id.in_(list(others)), events.c.id == event_id)
            .limit(1)
        ).first()
        is not None
    )


def _printed_for(conn: sa.Connection, station_id: str, printed: Any) -> list[Any]:
    """The records of the entity a print was made for, up to the print: the latest few."""
    if not printed.entity_id:
        return []
    e = events.c
    found = conn.execute(
        sa.select(events)
        .where(
            e.station_id == station_id,
            e.entity_id == printed.entity_id,
            e.seq < printed.seq,
            e.type.not_in((PRINTED, VOID_TYPE)),
        )
        .order_by(e.seq.desc())
        .limit(RECORDS_SHOWN)
    ).all()
    if not found:  # a print for a record named by its event id (a settlement)
        found = conn.execute(
            sa.select(events).where(e.station_id == station_id, e.id == printed.entity_id)
        ).all()
    return sorted(found, key=lambda r: r.seq)


def _records(conn: sa.Connection, station_id: str, rows: list[Any]) -> list[Record]:
    payloads = [_payload(r) for r in rows]
    voids = _voids(conn, station_id, [r.id for r in rows])
    operators = _operator_names(
        conn, station_id, {r.operator for r in rows} | {v.operator for v in voids.values()}
    )
    kinds = _household_kinds(conn, {str(p.get("household_id") or "") for p in payloads})
    shown = []
    for r, payload in zip(rows, payloads, strict=True):
        void = voids.get(r.id)
        if void is not None:
            void = Void(void.reason, void.occurred_at, operators.get(void.operator, void.operator))
        shown.append(
            Record(
                id=r.id,
                type=r.type,
                kind=kind_words(r.type),
                occurred_at=r.occurred_at,
                received_at=r.received_at,
                operator=operators.get(r.operator, r.operator),
                fields=[] if r.type == PRINTED else field_words(payload, kinds),
                money=money_words(payload),
                voided=void,
            )
        )
    return shown


def _voids(conn: sa.Connection, station_id: str, ids: list[str]) -> dict[str, Void]:
    """The ``event.voided`` naming each of ``ids`` (its payload's event_id), by that id."""
    e = events.c
    found: dict[str, Void] = {}
    rows = conn.execute(
        sa.select(e.payload, e.occurred_at, e.operator).where(
            e.station_id == station_id,
            e.type == VOID_TYPE,
            sa.or_(*(e.payload.contains(f'"{event_id}"', autoescape=True) for event_id in ids)),
        )
    )
    for payload, occurred_at, operator in rows:
        data = _loads(payload)
        target = data.get("event_id")
        if isinstance(target, str) and target in ids and target not in found:
            found[target] = Void(str(data.get("reason") or ""), occurred_at, operator)
    return found


def _operator_names(conn: sa.Connection, station_id: str, ids: set[str]) -> dict[str, str]:
    """The operators' names as the station last recorded them, by operator id."""
    e = events.c
    names: dict[str, str] = {}
    rows = conn.execute(
        sa.select(e.entity_id, e.payload)
        .where(e.station_id == station_id, e.type.in_(OPERATOR_TYPES), e.entity_id.in_(ids))
        .order_by(e.seq)
    )
    for operator_id, payload in rows:
        name = _loads(payload).get("name")
        if isinstance(name, str) and name.strip():
            names[operator_id] = name.strip()
    return names


def _household_kinds(conn: sa.Connection, numbers: set[str]) -> dict[str, str]:
    """``脱贫户（监测对象：边缘易致贫户）`` for each registered household, by its number."""
    numbers.discard("")
    if not numbers:
        return {}
    h = households.c
    kinds = {}
    for number, household_type, monitoring in conn.execute(
        sa.select(h.household_no, h.household_type, h.monitoring_type).where(
            h.household_no.in_(numbers)
        )
    ):
        kinds[number] = household_type + (f"（监测对象：{monitoring}）" if monitoring else "")
    return kinds


def _payload(row: Any) -> dict[str, Any]:
    return _loads(row.payload)


def _loads(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
