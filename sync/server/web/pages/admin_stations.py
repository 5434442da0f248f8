"""站点管理 (county admin only): every station with its enrolment state; create a station and
hand out its one-time 加入码, as text and as a QR code on a page made to be printed and given to
the station; a new code for a station (for an enrolled one, only when the admin confirms that
its PC is lost or replaced: the PC's token stops working at once).

The code is kept only as a keyed hash, so it is shown once, in the answer to the form that made
it (no redirect, and the page is never cached); the county's address is printed with it.
"""

from __future__ import annotations

import base64
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import Response
from reportlab.graphics import renderSVG
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing

from sync.server.deps import SettingsDep
from sync.server.stations import StationRefused
from sync.server.web.auth import Viewer
from sync.server.web.deps import AdminViewer, client_address
from sync.server.web.queries.admin import known_places
from sync.server.web.queries.admin_stations import (
    AdminStation,
    add_station,
    admin_station,
    admin_stations,
    new_code,
    same_named,
)
from sync.server.web.render import page
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
STATIONS = f"{WEB_PREFIX}/admin/stations"
QR_SIZE = 200  # points of the drawing; the page sizes the image itself

WHAT = {"name": "站点名称", "township": "乡镇", "village": "村"}
REFUSALS = {
    "empty": "请填写{what}。",
    "too_long": "{what}太长了（最多200个字）。请写短一些。",
    "control": "{what}里有看不见的控制字符。请重新输入。",
}


def qr_image(text: str) -> str:
    """``text`` as a QR code: an SVG drawn by reportlab, as a data: URI for an ``<img>`` (the
    page's CSP allows no inline style, which reportlab's SVG carries; an image keeps it apart)."""
    widget = QrCodeWidget(text, barLevel="M", barWidth=QR_SIZE, barHeight=QR_SIZE)
    drawing = Drawing(QR_SIZE, QR_SIZE)
    drawing.add(widget)
    svg = renderSVG.drawToString(drawing)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _county_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _list_page(
    request: Request,
    viewer: Viewer,
    *,
    township: str = "",
    status_code: int = 200,
    problem: str = "",
    form: dict[str, str] | None = None,
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        rows = admin_stations(conn, viewer, township=township)
        townships, villages = known_places(conn, viewer)
    return page(
        request,
        "admin_stations.html",
        viewer,
        status_code=status_code,
        rows=rows,
        township=township,
        townships=townships,
        villages=villages,
        problem=problem,
        form=form or {},
    )


@router.get(STATIONS)
def stations_page(
    request: Request, viewer: AdminViewer, township: str = Query("", max_length=200)
) -> Response:
    return _list_page(request, viewer, township=township)


@router.post(STATIONS)
def create(
    request: Request,
    viewer: AdminViewer,
    settings: SettingsDep,
    name: Annotated[str, Form(max_length=400)] = "",
    township: Annotated[str, Form(max_length=400)] = "",
    village: Annotated[str, Form(max_length=400)] = "",
) -> Response:
    form = {"name": name, "township": township, "village": village}
    tidy = {key: " ".join(value.split()) for key, value in form.items()}
    with request.app.state.storage.engine.connect() as conn:
        twice = same_named(conn, viewer, tidy["name"], tidy["township"])
    if twice:
        problem = (
            f"{tidy['township']}已经有叫“{tidy['name']}”的站点，没有再建一个。"
            "要给它新的加入码，请在下面的列表里点它的“重新发码”。"
        )
        return _list_page(request, viewer, status_code=400, problem=problem, form=form)
    try:
        station_id, code = add_station(
            request.app.state.storage,
            viewer,
            settings.token_secret,
            name=name,
            township=township,
            village=village,
            address=client_address(request),
        )
    except StationRefused as refused:
        problem = REFUSALS[refused.reason].format(what=WHAT[refused.what])
        return _list_page(request, viewer, status_code=400, problem=problem, form=form)
    return _code_page(request, viewer, station_id, code, created=True)


@router.get(STATIONS + "/{station_id}/code")
def reissue_form(
    request: Request, viewer: AdminViewer, station_id: str = Path(max_length=64)
) -> Response:
    station = _station_or_404(request, viewer, station_id)
    return page(request, "admin_reissue.html", viewer, station=station, problem="")


@router.post(STATIONS + "/{station_id}/code")
def reissue(
    request: Request,
    viewer: AdminViewer,
    settings: SettingsDep,
    station_id: str = Path(max_length=64),
    confirm: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    station = _station_or_404(request, viewer, station_id)
    if station.enrolled and confirm != "yes":
        problem = (
            "这个站点的电脑正在用。只有电脑丢了、坏了或换了新电脑时才重新发码："
            "请勾选下面的确认，再点“重新发码”。"
        )
        return page(
            request, "admin_reissue.html", viewer, station=station, problem=problem, status_code=400
        )
    code = new_code(
        request.app.state.storage,
        viewer,
        settings.token_secret,
        station,
        address=client_address(request),
    )
    return _code_page(request, viewer, station.id, code, created=False)


def _station_or_404(request: Request, viewer: Viewer, station_id: str) -> AdminStation:
    with request.app.state.storage.engine.connect() as conn:
        station = admin_station(conn, viewer, station_id)
    if station is None:
        raise HTTPException(status_code=404)
    return station


def _code_page(
    request: Request, viewer: Viewer, station_id: str, code: str, *, created: bool
) -> Response:
    station = _station_or_404(request, viewer, station_id)
    return page(
        request,
        "admin_code.html",
        viewer,
        station=station,
        code=code,
        qr=qr_image(code),
        county_url=_county_url(request),
        created=created,
    )
