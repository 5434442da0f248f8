"""The county admin's stations: every station with its enrolment state, and the two actions
that hand out a code (a new station, a new code for one), each written with its audit line in
one transaction through the command line's own functions (``sync.server.stations``)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sync.server.stations import create_station, reissue_code, station_names
from sync.server.storage import Storage
from sync.server.tables import stations
from sync.server.web.auth import Viewer, write_audit
from sync.server.web.queries.admin import admin_only

NEW = "new"  # created, its code not used yet
ENROLLED = "enrolled"  # a PC holds its token
REENROLLING = "reenrolling"  # was enrolled; a new code is out and the old PC's token is revoked


@dataclass(frozen=True)
class AdminStation:
    id: str
    name: str
    township: str
    village: str
    created_at: str
    enrolled_at: str  # '' never enrolled
    device_name: str
    app_version: str
    state: str  # NEW, ENROLLED or REENROLLING

    @property
    def enrolled(self) -> bool:
        return self.state == ENROLLED


def admin_stations(
    conn: sa.Connection, viewer: Viewer, *, township: str = "", station_id: str = ""
) -> list[AdminStation]:
    """Every station (of one township, or the one station, when given), by township and
    name."""
    admin_only(viewer)
    s = stations.c
    query = sa.select(
        s.id,
        s.name,
        s.township,
        s.village,
        s.created_at,
        s.enrolled_at,
        s.device_name,
        s.app_version,
        s.token_hash.is_not(None).label("has_token"),
    ).order_by(s.township, s.name, s.id)
    if township:
        query = query.where(s.township == township)
    if station_id:
        query = query.where(s.id == station_id)
    return [_station(row) for row in conn.execute(query)]


def admin_station(conn: sa.Connection, viewer: Viewer, station_id: str) -> AdminStation | None:
    """One station; None for an id that does not exist."""
    admin_only(viewer)
    found = admin_stations(conn, viewer, station_id=station_id) if station_id else []
    return found[0] if found else None


def same_named(conn: sa.Connection, viewer: Viewer, name: str, township: str) -> bool:
    """Whether the township has a station of this name already (a form sent twice)."""
    admin_only(viewer)
    found = conn.execute(
        sa.select(stations.c.id).where(stations.c.township == township, stations.c.name == name)
    ).first()
    return found is not None


def add_station(
    storage: Storage,
    viewer: Viewer,
    secret: str,
    *,
    name: str,
    township: str,
    village: str,
    address: str,
) -> tuple[str, str]:
    """A new station and its code, as ``county-center create-station``; audited."""
    admin_only(viewer)
    tidy = station_names(name, township, village)  # as they are stored; refused as they are

    def audit(conn: sa.Connection, station_id: str) -> None:
        write_audit(
            conn,
            viewer.name,
            "create_station",
            target=station_id,
            detail=" · ".join(tidy),
            address=address,
        )

    return create_station(
        storage, secret, name=name, township=township, village=village, in_transaction=audit
    )


def new_code(
    storage: Storage, viewer: Viewer, secret: str, station: AdminStation, *, address: str
) -> str:
    """A new code for ``station``, as ``county-center reissue-code``: the old code, and the
    token of an enrolled PC, stop working at once; audited."""
    admin_only(viewer)

    def audit(conn: sa.Connection) -> None:
        detail = f"{station.name} · " + (
            "原电脑停用，重新加入" if station.enrolled else "换新加入码"
        )
        write_audit(
            conn, viewer.name, "reissue_code", target=station.id, detail=detail, address=address
        )

    return reissue_code(storage, secret, station.id, in_transaction=audit)


def _station(row: sa.Row) -> AdminStation:
    if row.has_token:
        state = ENROLLED
    elif row.enrolled_at:
        state = REENROLLING
    else:
        state = NEW
    return AdminStation(
        id=row.id,
        name=row.name,
        township=row.township,
        village=row.village,
        created_at=row.created_at,
        enrolled_at=row.enrolled_at or "",
        device_name=row.device_name,
        app_version=row.app_version,
        state=state,
    )
