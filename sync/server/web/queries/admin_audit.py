"""操作记录: the audit log as the county admin reads it, newest first, a page at a time; a line
whose target is a station names it."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sync.server.tables import stations, web_audit
from sync.server.web.auth import Viewer
from sync.server.web.queries.admin import admin_only


@dataclass(frozen=True)
class AuditLine:
    at: str
    user_name: str
    action: str
    target: str
    station_name: str  # '' unless the target is a station
    detail: str
    address: str


def audit_lines(
    conn: sa.Connection, viewer: Viewer, *, page: int, per_page: int, user: str = ""
) -> tuple[list[AuditLine], int]:
    """One page of the log (``page`` from 1), newest first, of one user's lines when ``user``
    is given; and how many lines there are in all."""
    admin_only(viewer)
    a = web_audit.c
    where = a.user_name == user if user else sa.true()
    total = conn.execute(sa.select(sa.func.count()).select_from(web_audit).where(where)).scalar()
    rows = conn.execute(
        sa.select(a.at, a.user_name, a.action, a.target, a.detail, a.address, stations.c.name)
        .outerjoin(stations, stations.c.id == a.target)
        .where(where)
        .order_by(a.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    return [
        AuditLine(
            at=row.at,
            user_name=row.user_name,
            action=row.action,
            target=row.target,
            station_name=row.name or "",
            detail=row.detail,
            address=row.address,
        )
        for row in rows
    ], total or 0


def audit_user_names(conn: sa.Connection, viewer: Viewer) -> list[str]:
    """The names that have lines in the log (for the filter), by name."""
    admin_only(viewer)
    rows = conn.execute(sa.select(web_audit.c.user_name).distinct().order_by(web_audit.c.user_name))
    return [name for (name,) in rows]
