"""The scope of every query of the supervisor web (DESIGN §6): a township supervisor's query is
filtered to their township's stations before it runs; the county admin's is not. Pages, exports
and the JSON API read through the functions here and in ``web/queries/``, each taking the
:class:`Viewer` first, so no template or route can forget the filter.

A station, household or record outside the viewer's scope is answered exactly as one that does
not exist (404), so a supervisor cannot even learn which ids exist elsewhere.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from fastapi import HTTPException

from sync.server.tables import stations
from sync.server.web.auth import Viewer


def station_ids(viewer: Viewer) -> sa.Select:
    """The ids of the stations ``viewer`` may see, as a subquery for ``IN``."""
    query = sa.select(stations.c.id)
    if not viewer.admin:
        query = query.where(stations.c.township == viewer.township)
    return query


def within(viewer: Viewer, station_column: sa.ColumnElement[Any]) -> sa.ColumnElement[bool]:
    """The condition that keeps rows of ``station_column`` to the viewer's stations."""
    if viewer.admin:
        return sa.true()
    return station_column.in_(station_ids(viewer).scalar_subquery())


def scoped_stations(viewer: Viewer) -> sa.Select:
    """The stations table as the viewer may see it."""
    query = sa.select(stations)
    if not viewer.admin:
        query = query.where(stations.c.township == viewer.township)
    return query


def station_or_404(conn: sa.Connection, viewer: Viewer, station_id: str) -> Any:
    """The station row, or 404 when it does not exist or is outside the viewer's scope."""
    row = conn.execute(scoped_stations(viewer).where(stations.c.id == station_id)).first()
    if row is None:
        raise HTTPException(status_code=404)
    return row


def townships(conn: sa.Connection, viewer: Viewer) -> list[str]:
    """The townships the viewer sees (one for a supervisor)."""
    if not viewer.admin:
        return [viewer.township or ""]
    rows = conn.execute(sa.select(stations.c.township).distinct().order_by(stations.c.township))
    return [township for (township,) in rows]
