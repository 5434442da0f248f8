"""月报 as JSON under ``/api/v1/supervise/report``: the same scoped query as the page and its
files (a supervisor's own township; another township is 404), for a county's own tools."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from stationapp.core import clock
from sync.protocol import API_PREFIX, ErrorBody
from sync.server.web.api import SESSION
from sync.server.web.deps import ApiViewer
from sync.server.web.queries.report import (
    MONTH_PATTERN,
    StationMonth,
    last_month,
    month_report,
    report_township,
)

router = APIRouter(
    prefix=f"{API_PREFIX}/supervise",
    tags=["supervise"],
    dependencies=[Depends(SESSION)],
    responses={401: {"model": ErrorBody, "description": "Not logged in, or the session ended"}},
)


class StationMonthOut(BaseModel):
    """One station's month ('' ``station_id`` for a sum); money in fen."""

    station_id: str
    name: str
    township: str
    village: str
    events: int
    active_days: int
    parcels_in: int
    parcels_picked_up: int
    orders_created: int
    orders_delivered: int
    purchases: int
    bought_fen: int
    sold_fen: int
    households: int
    income_fen: int
    consignments_open: int


class ReportOut(BaseModel):
    month: str
    township: str  # '' for the whole county (an admin's)
    stations: list[StationMonthOut]
    sums: list[StationMonthOut]  # per township, then the county's when there are several
    silent: list[str]  # the ids of the stations with no record all month


@router.get(
    "/report",
    response_model=ReportOut,
    responses={404: {"model": ErrorBody, "description": "A township outside the viewer's scope"}},
)
def report(
    request: Request,
    viewer: ApiViewer,
    month: str = Query("", pattern=MONTH_PATTERN),
    township: str = Query("", max_length=200),
) -> ReportOut:
    """A month of each station of the viewer's township (last month when none is given), the
    sums and the stations silent all month."""
    with request.app.state.storage.engine.connect() as conn:
        place = report_township(conn, viewer, township)
        found = month_report(conn, viewer, month or last_month(clock.business_day()), place)
    return ReportOut(
        month=found.month.name,
        township=found.township,
        stations=[_out(row) for row in found.rows],
        sums=[_out(row) for row in found.summaries],
        silent=[row.station_id for row in found.silent],
    )


def _out(row: StationMonth) -> StationMonthOut:
    return StationMonthOut(**{name: getattr(row, name) for name in StationMonthOut.model_fields})
