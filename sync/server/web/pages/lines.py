"""Each business line across the viewer's stations: 快递 (parcels stranded), 代购 (orders by
state), 收购销售 (bought and sold per product, with a chart), 代销 (consignments open)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from stationapp.core import clock
from sync.server.web.deps import PageViewer
from sync.server.web.queries import lines
from sync.server.web.render import page
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
MONTH = r"^\d{4}-(0[1-9]|1[0-2])$"
ORDER_STATES = (  # (state, words) in the order an order goes
    ("to_place", "待下单"),
    ("placed", "已下单"),
    ("shipped", "已发货"),
    ("arrived", "已到货"),
    ("delivered", "已交付"),
    ("cancelled", "已取消"),
    ("returned", "已退货"),
)


def this_month() -> str:
    return clock.business_day().strftime("%Y-%m")


@router.get(WEB_PREFIX + "/parcels")
def parcels_page(
    request: Request, viewer: PageViewer, days: int = Query(3, ge=1, le=60)
) -> Response:
    now = clock.now()
    with request.app.state.storage.engine.connect() as conn:
        rows = lines.parcels_by_station(conn, viewer, now, days)
        stranded = lines.overdue_parcels(conn, viewer, now, days)
    return page(
        request,
        "parcels.html",
        viewer,
        rows=rows,
        stranded=stranded,
        days=days,
        limit=lines.LIST_LIMIT,
    )


@router.get(WEB_PREFIX + "/orders")
def orders_page(
    request: Request, viewer: PageViewer, days: int = Query(10, ge=1, le=60)
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        rows = lines.orders_by_station(conn, viewer, clock.now(), days)
    totals = {state: sum(r.by_state.get(state, 0) for r in rows) for state, _ in ORDER_STATES}
    return page(
        request,
        "orders.html",
        viewer,
        rows=rows,
        days=days,
        states=ORDER_STATES,
        totals=totals,
        overdue=sum(r.overdue for r in rows),
    )


@router.get(WEB_PREFIX + "/produce")
def produce_page(
    request: Request, viewer: PageViewer, month: str = Query("", pattern=f"({MONTH})|^$")
) -> Response:
    month = month or this_month()
    with request.app.state.storage.engine.connect() as conn:
        rows = lines.produce_by_product(conn, viewer, month)
    return page(
        request,
        "produce.html",
        viewer,
        rows=rows,
        month=month,
        bought=sum(r.bought_fen for r in rows),
        sold=sum(r.sold_fen for r in rows),
        purchases=sum(r.purchases for r in rows),
        chart=_by_product(rows),
    )


@router.get(WEB_PREFIX + "/consignments")
def consignments_page(request: Request, viewer: PageViewer) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        rows = lines.open_consignments(conn, viewer)
    return page(request, "consignments.html", viewer, rows=rows, limit=lines.LIST_LIMIT)


def _by_product(rows: list[lines.ProduceLine]) -> dict[str, Any]:
    """The month's purchases by product as a pie (amount paid), the smallest folded in 其他."""
    amounts: dict[str, int] = {}
    for row in rows:
        amounts[row.product_name] = amounts.get(row.product_name, 0) + row.bought_fen
    ranked = sorted(((fen, name) for name, fen in amounts.items() if fen > 0), reverse=True)
    slices = [{"name": name, "value": fen} for fen, name in ranked[:7]]
    rest = sum(fen for fen, _ in ranked[7:])
    if rest:
        slices.append({"name": "其他", "value": rest})
    return {"kind": "pie", "yuan": True, "slices": slices}
