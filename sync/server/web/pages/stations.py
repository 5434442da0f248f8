"""站点: the viewer's stations at a glance — which are working, which have gone silent, whose
clock is wrong, whose chain is broken — with today's activity per line."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from stationapp.core import clock
from sync.server.web.deps import PageViewer
from sync.server.web.queries.stations import (
    SILENT_AFTER_DAYS,
    Activity,
    recent_activity,
    station_rows,
)
from sync.server.web.render import page
from sync.server.web.scope import townships
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
CHART_DAYS = 30

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
        recent = recent_activity(conn, viewer, today, CHART_DAYS)
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
        activity_chart=_activity_chart(recent),
        silent_chart=_silent_chart(recent),
    )


def _activity_chart(recent: Activity) -> dict[str, Any]:
    named = dict(LINES)
    others = [0] * len(recent.days)
    series = []
    for line, values in sorted(recent.per_line.items()):
        if line in named:
            series.append({"name": named[line], "values": values})
        else:
            others = [a + b for a, b in zip(others, values, strict=True)]
    if any(others):
        series.append({"name": "其他", "values": others})
    return {"kind": "bar", "stacked": True, "x": [d[5:] for d in recent.days], "series": series}


def _silent_chart(recent: Activity) -> dict[str, Any]:
    silent = [recent.stations - n for n in recent.active]
    return {
        "kind": "bar",
        "stacked": True,
        "x": [d[5:] for d in recent.days],
        "series": [
            {"name": "有记录", "values": recent.active},
            {"name": "没有记录", "values": silent},
        ],
    }
