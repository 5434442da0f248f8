"""帮扶台账 across the viewer's stations: per village the households registered and helped and
the income brought each month (with a chart), the households not helped this year, a search by
户编号 or the head's name, and one household's log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from stationapp.core import clock
from sync.server.web.deps import PageViewer
from sync.server.web.queries import households as q
from sync.server.web.render import page
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
SERVICES = {"training": "培训", "advice": "咨询", "form": "代办表格", "other": "其他"}


def _year(year: int | None) -> int:
    return year or clock.business_day().year


@router.get(WEB_PREFIX + "/households")
def households_page(
    request: Request,
    viewer: PageViewer,
    year: int | None = Query(None, ge=2000, le=2100),
    find: str = Query("", max_length=64),
) -> Response:
    year = _year(year)
    with request.app.state.storage.engine.connect() as conn:
        places = q.villages(conn, viewer, year)
        found = q.find(conn, viewer, find) if find else []
    return page(
        request,
        "households.html",
        viewer,
        year=year,
        places=places,
        find=find,
        found=found,
        registered=sum(v.registered for v in places),
        helped=sum(v.helped for v in places),
        income=sum(v.income_fen for v in places),
        chart=_by_village(places),
    )


@router.get(WEB_PREFIX + "/households/not-helped")
def not_helped_page(
    request: Request, viewer: PageViewer, year: int | None = Query(None, ge=2000, le=2100)
) -> Response:
    year = _year(year)
    with request.app.state.storage.engine.connect() as conn:
        rows = q.not_helped(conn, viewer, year)
    return page(
        request, "households_not_helped.html", viewer, year=year, rows=rows, limit=q.LIST_LIMIT
    )


@router.get(WEB_PREFIX + "/households/{household_no}")
def household_page(
    request: Request, viewer: PageViewer, household_no: str = Path(max_length=64)
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        household = q.household_or_404(conn, viewer, household_no)
        rows = q.log_of(conn, viewer, household_no)
        totals = q.totals_of(conn, viewer, household_no)
    return page(
        request,
        "household.html",
        viewer,
        household=household,
        rows=rows,
        totals=totals,
        services=SERVICES,
        limit=q.LIST_LIMIT,
    )


def _by_village(places: list[q.Village]) -> dict[str, Any]:
    """Income brought per village, month by month (the villages that brought any)."""
    shown = [v for v in places if v.income_fen]
    return {
        "kind": "bar",
        "stacked": True,
        "yuan": True,
        "x": [f"{n}月" for n in range(1, 13)],
        "series": [{"name": v.village, "values": v.months} for v in shown],
    }
