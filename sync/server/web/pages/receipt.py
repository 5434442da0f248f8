"""凭证核验: a printed receipt's QR code opens ``/r/{station_id}/{event_id}``; after the login,
the record as the county holds it, or plainly that the county has not received it yet. A
station outside the viewer's township, an unknown one, or one paired with another station's
record is 404, exactly alike. A light page for a phone on a weak line: no script."""

from __future__ import annotations

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response

from sync.server.web.deps import PageViewer
from sync.server.web.queries.receipt import receipt_check
from sync.server.web.render import page
from sync.server.web.security import RECEIPT_PREFIX

router = APIRouter(include_in_schema=False)


@router.get(RECEIPT_PREFIX + "{station_id}/{event_id}")
def receipt_page(
    request: Request,
    viewer: PageViewer,
    station_id: str = Path(max_length=64),
    event_id: str = Path(max_length=64),
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        check = receipt_check(conn, viewer, station_id, event_id)
    if check.record is None:
        return page(request, "receipt-missing.html", viewer, check=check, event_id=event_id)
    return page(request, "receipt.html", viewer, check=check)
