"""一个站点: what one station did today and this month per line, and its recent days. A
station outside the viewer's township is 404, exactly as one that does not exist."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from stationapp.core import clock
from sync.server.web.deps import PageViewer
from sync.server.web.pages.stations import LINES
from sync.server.web.queries.station import activity
from sync.server.web.queries.stations import station_rows
from sync.server.web.render import page
from sync.server.web.scope import station_or_404
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
RECENT_DAYS = 30


@router.get(WEB_PREFIX + "/stations/{station_id}")
def station_page(
    request: Request, viewer: PageViewer, station_id: str = Path(max_length=64)
) -> Response:
    today = clock.business_day()
    with request.app.state.storage.engine.connect() as conn:
        row = station_or_404(conn, viewer, station_id)
        summary = next(r for r in station_rows(conn, viewer, today) if r.id == row.id)
        days = activity(conn, row.id, today, RECENT_DAYS)
    month = today.strftime("%Y-%m")
    this_month = {
        key: sum(n.get(key, 0) for day, n in days.items() if day.startswith(month))
        for key, _ in LINES
    }
    recent = [(today - timedelta(days=n)).isoformat() for n in range(RECENT_DAYS)]
    return page(
        request,
        "station.html",
        viewer,
        station=summary,
        today=today,
        lines=LINES,
        this_month=this_month,
        recent=recent,
        days=days,
    )
