"""公告 (county admin only): publish an announcement to every station or one township's, shown
on the stations' home page until its last day or until it is withdrawn; withdraw one."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from stationapp.core import clock
from stationapp.core.errors import ValidationError
from sync.server.web.auth import Viewer
from sync.server.web.deps import AdminViewer, client_address
from sync.server.web.queries.admin import known_places
from sync.server.web.queries.admin_announcements import (
    admin_announcement,
    admin_announcements,
    publish,
    withdraw,
)
from sync.server.web.render import page
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
ANNOUNCEMENTS = f"{WEB_PREFIX}/admin/announcements"

REFUSALS = {  # the announcements' refusals (their English source) → what the admin reads
    "An announcement needs a title of 1 to 200 characters and a body.": (
        "公告要有标题（1到200个字）和内容。请填好再发布。"
    ),
    "The expiry date {date} has passed; give today or a later day (YYYY-MM-DD).": (
        "显示到 {date} 已经过去了。请选今天或以后的日期，或者不填（一直显示到撤回）。"
    ),
    "The county knows no township {township}; add it with county-center add-place or check "
    "the spelling.": "县里没有叫“{township}”的乡镇。请从列表里选乡镇。",
    "No announcement {id} is showing; use the id that announce printed.": (
        "这条公告已经撤回了，不用再撤。"
    ),
}
SAVED = {"published": "已发布公告“{title}”。站点下次同步时就能在首页看到。",
         "withdrawn": "已撤回公告“{title}”。站点下次同步时就不再显示。"}  # fmt: skip


def _words(refusal: ValidationError) -> str:
    words = REFUSALS.get(refusal.text)
    return words.format(**refusal.params) if words else str(refusal)


def _list_page(
    request: Request,
    viewer: Viewer,
    *,
    status_code: int = 200,
    problem: str = "",
    saved: str = "",
    form: dict[str, str] | None = None,
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        rows = admin_announcements(conn, viewer)
        townships, _ = known_places(conn, viewer)
    return page(
        request,
        "admin_announcements.html",
        viewer,
        status_code=status_code,
        rows=rows,
        townships=townships,
        today=clock.business_day().isoformat(),
        now=clock.now_iso(),
        problem=problem,
        saved=saved,
        form=form or {},
    )


@router.get(ANNOUNCEMENTS)
def announcements_page(
    request: Request,
    viewer: AdminViewer,
    saved: str = Query("", max_length=20),
    title: str = Query("", max_length=200),
) -> Response:
    done = SAVED[saved].format(title=title) if saved in SAVED else ""
    return _list_page(request, viewer, saved=done)


@router.post(ANNOUNCEMENTS)
def publish_form(
    request: Request,
    viewer: AdminViewer,
    title: Annotated[str, Form(max_length=400)] = "",
    body: Annotated[str, Form(max_length=5000)] = "",
    township: Annotated[str, Form(max_length=400)] = "",
    expires: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    form = {"title": title, "body": body, "township": township, "expires": expires}
    try:
        expires_on = date.fromisoformat(expires.strip()) if expires.strip() else None
    except ValueError:
        problem = f"“{expires}”不是日期。请用日期框选一天，或者不填。"
        return _list_page(request, viewer, status_code=400, problem=problem, form=form)
    try:
        item = publish(
            request.app.state.storage,
            viewer,
            title=title,
            body=body,
            township=township,
            expires_on=expires_on,
            address=client_address(request),
        )
    except ValidationError as refusal:
        return _list_page(request, viewer, status_code=400, problem=_words(refusal), form=form)
    return _done("published", item.title)


@router.post(ANNOUNCEMENTS + "/{announcement_id}/withdraw")
def withdraw_form(
    request: Request, viewer: AdminViewer, announcement_id: str = Path(max_length=64)
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        announcement = admin_announcement(conn, viewer, announcement_id)
    if announcement is None:
        raise HTTPException(status_code=404)
    try:
        withdraw(request.app.state.storage, viewer, announcement, address=client_address(request))
    except ValidationError as refusal:
        return _list_page(request, viewer, status_code=400, problem=_words(refusal))
    return _done("withdrawn", announcement.title)


def _done(what: str, title: str) -> RedirectResponse:
    query = urlencode({"saved": what, "title": title})
    return RedirectResponse(f"{ANNOUNCEMENTS}?{query}", status_code=303)
