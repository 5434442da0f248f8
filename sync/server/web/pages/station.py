"""一个站点: what one station did today and this month per line, its recent days, the parcels
stranded on its shelves, its orders overdue, the month's produce, its open consignments and
texts that failed. A station outside the viewer's township is 404, exactly as one that does not
exist."""

from __future__ import annotations

from datetime import timedelta

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from stationapp.core import clock
from sync.server.web.deps import PageViewer
from sync.server.web.pages.stations import LINES
from sync.server.web.queries import lines
from sync.server.web.queries.station import activity
from sync.server.web.queries.stations import station_rows
from sync.server.web.render import page
from sync.server.web.scope import station_or_404
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
RECENT_DAYS = 30
STRANDED_AFTER_DAYS = 3
ORDERS_LATE_AFTER_DAYS = 10


@router.get(WEB_PREFIX + "/stations/{station_id}")
def station_page(
    request: Request,
    viewer: PageViewer,
    station_id: str = Path(max_length=64),
    days: int = Query(STRANDED_AFTER_DAYS, ge=1, le=60),
) -> Response:
    today, now = clock.business_day(), clock.now()
    month = today.strftime("%Y-%m")
    with request.app.state.storage.engine.connect() as conn:
        row = station_or_404(conn, viewer, station_id)
        summary = next(r for r in station_rows(conn, viewer, today) if r.id == row.id)
        recent_days = activity(conn, row.id, today, RECENT_DAYS)
        stranded = lines.overdue_parcels(conn, viewer, now, days, station_id=row.id)
        orders = [
            r
            for r in lines.orders_by_station(conn, viewer, now, ORDERS_LATE_AFTER_DAYS)
            if r.station_id == row.id
        ]
        produce = lines.produce_by_product(conn, viewer, month, station_id=row.id)
        lots = lines.open_consignments(conn, viewer, station_id=row.id)
    this_month = {
        key: sum(n.get(key, 0) for day, n in recent_days.items() if day.startswith(month))
        for key, _ in (*LINES, ("sms_failed", ""))
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
        days=recent_days,
        stranded=stranded,
        stranded_after=days,
        orders=orders[0] if orders else None,
        orders_late_after=ORDERS_LATE_AFTER_DAYS,
        produce=produce,
        lots=lots,
        month=month,
    )
