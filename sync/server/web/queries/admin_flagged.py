"""待查记录: what ingest stored but flagged for the county's review — events of a type this
county center does not know (a newer station app), and stations whose chain the county refused
(a fork it could not take) — across every township, newest first."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sync.server.tables import events, stations
from sync.server.web.auth import Viewer
from sync.server.web.queries.admin import admin_only


@dataclass(frozen=True)
class FlaggedEvent:
    station_id: str
    station_name: str
    township: str
    seq: int
    type: str
    entity_id: str
    occurred_at: str
    received_at: str
    operator: str
    payload_chars: int


@dataclass(frozen=True)
class FlaggedStation:
    id: str
    name: str
    township: str
    reason: str


def flagged_events(
    conn: sa.Connection, viewer: Viewer, *, page: int, per_page: int
) -> tuple[list[FlaggedEvent], int, list[tuple[str, int]]]:
    """One page of the flagged events (newest received first), how many there are, and how
    many of each type."""
    admin_only(viewer)
    e, s = events.c, stations.c
    flagged = e.flagged == sa.true()
    total = conn.execute(sa.select(sa.func.count()).select_from(events).where(flagged)).scalar()
    kinds = conn.execute(
        sa.select(e.type, sa.func.count())
        .where(flagged)
        .group_by(e.type)
        .order_by(sa.func.count().desc(), e.type)
    ).all()
    rows = conn.execute(
        sa.select(
            e.station_id,
            s.name,
            s.township,
            e.seq,
            e.type,
            e.entity_id,
            e.occurred_at,
            e.received_at,
            e.operator,
            sa.func.length(e.payload).label("chars"),
        )
        .join(stations, s.id == e.station_id)
        .where(flagged)
        .order_by(e.received_at.desc(), e.station_id, e.seq.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    found = [
        FlaggedEvent(
            station_id=row.station_id,
            station_name=row.name,
            township=row.township,
            seq=row.seq,
            type=row.type,
            entity_id=row.entity_id,
            occurred_at=row.occurred_at,
            received_at=row.received_at,
            operator=row.operator,
            payload_chars=row.chars or 0,
        )
        for row in rows
    ]
    return found, total or 0, [(kind, count) for kind, count in kinds]


def flagged_stations(conn: sa.Connection, viewer: Viewer) -> list[FlaggedStation]:
    """Stations whose chain the county refused, by township and name."""
    admin_only(viewer)
    s = stations.c
    rows = conn.execute(
        sa.select(s.id, s.name, s.township, s.flagged_reason)
        .where(s.flagged_reason.is_not(None), s.flagged_reason != "")
        .order_by(s.township, s.name)
    )
    return [FlaggedStation(row.id, row.name, row.township, row.flagged_reason) for row in rows]
