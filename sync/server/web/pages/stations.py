"""站点: the viewer's stations at a glance — which are working, which have gone silent, whose
clock is wrong, whose chain is broken — with today's activity per line."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from stationapp.core import clock
from sync.server.web.deps import PageViewer
from sync.server.web.queries.stations import SILENT_AFTER_DAYS, station_rows
from sync.server.web.render import page
from sync.server.web.scope import townships
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)

LINES = (  # today's activity columns: the event types' first word, as the station names it
    ("parcel", "快递"),
    ("order", "代购"),
    ("produce", "收购销售"),
    ("household", "帮扶"),
    ("sms", "短信"),
)


@router.get(f"{WEB_PREFIX}/")
def stations_page(
    request: Request,
    viewer: PageViewer,
    township: str = Query("", max_length=200),
    silent: int = Query(SILENT_AFTER_DAYS, ge=1, le=365),
) -> Response:
    today = clock.business_day()
    storage = request.app.state.storage
    with storage.engine.connect() as conn:
        rows = station_rows(conn, viewer, today, township=township if viewer.admin else "")
        places = townships(conn, viewer)
    silent_rows = [
        r for r in rows if (r.silent_days(today) or 0) >= silent or not r.last_active_day
    ]
    return page(
        request,
        "stations.html",
        viewer,
        rows=rows,
        today=today,
        lines=LINES,
        silent=silent,
        silent_count=len(silent_rows),
        clock_count=sum(r.clock_off for r in rows),
        chain_count=sum(bool(r.chain_problem) for r in rows),
        townships=places,
        township=township,
    )
