"""待查记录 (county admin only): the records ingest stored but flagged — a type this county
center does not know yet (the station runs a newer app: upgrade the county center), and the
stations whose record chain the county refused. Nothing here blocks a station."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sync.server.web.deps import AdminViewer
from sync.server.web.queries.admin_flagged import flagged_events, flagged_stations
from sync.server.web.render import page
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
FLAGGED = f"{WEB_PREFIX}/admin/flagged"
PER_PAGE = 50


@router.get(FLAGGED)
def flagged_page(
    request: Request, viewer: AdminViewer, page_no: int = Query(1, alias="page", ge=1, le=100_000)
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        rows, total, kinds = flagged_events(conn, viewer, page=page_no, per_page=PER_PAGE)
        broken = flagged_stations(conn, viewer)
    return page(
        request,
        "admin_flagged.html",
        viewer,
        rows=rows,
        total=total,
        kinds=kinds,
        broken=broken,
        page_no=page_no,
        pages=max(1, -(-total // PER_PAGE)),
    )
