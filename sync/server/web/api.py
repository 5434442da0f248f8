"""The supervisor web's data as JSON (``/api/v1/supervise/``), from the same scoped queries as
the pages: a township supervisor gets their township's stations only; a station out of scope is
404. Logged in by the web's session cookie (401 without one); read-only."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.security import APIKeyCookie
from pydantic import BaseModel

from stationapp.core import clock
from sync.protocol import API_PREFIX, ErrorBody
from sync.server.web.auth import Viewer
from sync.server.web.deps import SESSION_COOKIE, ApiViewer
from sync.server.web.queries import lines
from sync.server.web.queries.stations import station_rows
from sync.server.web.scope import station_or_404

# the session cookie of the web's login, declared so that the schema says how to call these
SESSION = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    description="The supervisor web's session (POST /web/login sets it)",
)
router = APIRouter(
    prefix=f"{API_PREFIX}/supervise",
    tags=["supervise"],
    dependencies=[Depends(SESSION)],
    responses={401: {"model": ErrorBody, "description": "Not logged in, or the session ended"}},
)
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"


class StationOut(BaseModel):
    id: str
    name: str
    township: str
    village: str
    enrolled: bool
    app_version: str
    last_contact: str
    clock_skew_seconds: int | None
    clock_off: bool
    chain_problem: str
    flagged_events: int
    last_active_day: str
    silent_days: int | None
    today: dict[str, int]
    waiting: int | None


class ParcelsOut(BaseModel):
    station_id: str
    name: str
    township: str
    waiting: int
    overdue: int
    oldest: str


class OrdersOut(BaseModel):
    station_id: str
    name: str
    township: str
    by_state: dict[str, int]
    overdue: int


class ProduceOut(BaseModel):
    product_name: str
    grade: str
    unit: str
    bought_milli: int
    bought_fen: int
    purchases: int
    sold_milli: int
    sold_fen: int


def _stations(request: Request, viewer: Viewer, station_id: str = "") -> list[StationOut]:
    today = clock.business_day()
    with request.app.state.storage.engine.connect() as conn:
        if station_id:
            station_or_404(conn, viewer, station_id)
        rows = station_rows(conn, viewer, today)
    return [
        StationOut(
            id=r.id,
            name=r.name,
            township=r.township,
            village=r.village,
            enrolled=r.enrolled,
            app_version=r.app_version,
            last_contact=r.last_contact,
            clock_skew_seconds=r.clock_skew,
            clock_off=r.clock_off,
            chain_problem=r.chain_problem,
            flagged_events=r.flagged_events,
            last_active_day=r.last_active_day,
            silent_days=r.silent_days(today),
            today=r.today,
            waiting=r.waiting,
        )
        for r in rows
        if not station_id or r.id == station_id
    ]


@router.get("/stations", response_model=list[StationOut])
def stations(request: Request, viewer: ApiViewer) -> list[StationOut]:
    """The viewer's stations: last contact, clock, chain, today's events per line."""
    return _stations(request, viewer)


@router.get(
    "/stations/{station_id}",
    response_model=StationOut,
    responses={404: {"model": ErrorBody, "description": "No such station in the viewer's scope"}},
)
def station(
    request: Request, viewer: ApiViewer, station_id: str = Path(max_length=64)
) -> StationOut:
    """One station of the viewer's (404 for one outside their township)."""
    return _stations(request, viewer, station_id)[0]


@router.get("/parcels", response_model=list[ParcelsOut])
def parcels(
    request: Request, viewer: ApiViewer, days: int = Query(3, ge=1, le=60)
) -> list[ParcelsOut]:
    """Parcels on each station's shelves and those waiting longer than ``days``."""
    with request.app.state.storage.engine.connect() as conn:
        rows = lines.parcels_by_station(conn, viewer, clock.now(), days)
    return [ParcelsOut(**vars(r)) for r in rows]


@router.get("/orders", response_model=list[OrdersOut])
def orders(
    request: Request, viewer: ApiViewer, days: int = Query(10, ge=1, le=60)
) -> list[OrdersOut]:
    """Each station's orders by state, and those placed or shipped ``days`` ago not arrived."""
    with request.app.state.storage.engine.connect() as conn:
        rows = lines.orders_by_station(conn, viewer, clock.now(), days)
    return [OrdersOut(**vars(r)) for r in rows]


@router.get("/produce", response_model=list[ProduceOut])
def produce(
    request: Request, viewer: ApiViewer, month: str = Query(..., pattern=MONTH)
) -> list[ProduceOut]:
    """A month's purchases and sales per product, grade and unit (quantities in thousandths
    of the unit, money in fen)."""
    with request.app.state.storage.engine.connect() as conn:
        rows = lines.produce_by_product(conn, viewer, month)
    return [ProduceOut(**vars(r)) for r in rows]
