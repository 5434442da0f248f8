"""Pages from the Jinja2 templates in ``web/templates/``, Chinese by default, with the filters
the pages share: the county's times in Beijing time, fen as yuan, a station's silence in days.

Templates never query: a page's route reads through ``web/queries/`` (scoped to the viewer) and
hands the rows to :func:`page`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from stationapp.core.clock import SHANGHAI
from stationapp.core.money import format_money
from sync.server.web.auth import Viewer
from sync.server.web.queries.receipt_words import KINDS

TEMPLATES = Path(__file__).resolve().parent / "templates"

_environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(("html",)),
    trim_blocks=True,
    lstrip_blocks=True,
)


def beijing(iso: str | None, shape: str = "%m-%d %H:%M") -> str:
    """A stored ISO time in Beijing time; '—' for none."""
    if not iso:
        return "—"
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone(SHANGHAI)
    return moment.strftime(shape)


def yuan(fen: int | None) -> str:
    return "—" if fen is None else format_money(fen)


def skew_text(seconds: int | None) -> str:
    """A station clock's offset the way a supervisor reads it: 快3分钟 / 慢2小时 / 准."""
    if seconds is None:
        return "—"
    size = abs(seconds)
    if size < 60:
        return "准"
    way = "快" if seconds > 0 else "慢"
    if size < 3600:
        return f"{way}{size // 60}分钟"
    if size < 86400:
        return f"{way}{size // 3600}小时"
    return f"{way}{size // 86400}天"


def quantity(milli: int | None) -> str:
    """A quantity kept in thousandths, as the station writes it: 52.3, 10, 0.125."""
    if milli is None:
        return "—"
    whole, part = divmod(abs(milli), 1000)
    text = f"{whole}.{part:03d}".rstrip("0").rstrip(".") if part else str(whole)
    return f"-{text}" if milli < 0 else text


def event_kind(event_type: str) -> str:
    """An event's kind in the supervisor's words (收购, 代销结算...), its type when unnamed."""
    return KINDS.get(event_type, event_type)


_environment.filters.update(
    beijing=beijing, yuan=yuan, skew=skew_text, qty=quantity, kind=event_kind
)


def page(
    request: Request,
    template: str,
    viewer: Viewer | None,
    *,
    status_code: int = 200,
    **values: Any,
) -> HTMLResponse:
    """A rendered page; every template gets the viewer, the request's path and the CSRF token
    its forms carry."""
    token = request.scope.get("csrftoken")
    html = _environment.get_template(template).render(
        viewer=viewer,
        path=request.url.path,
        csrftoken=token() if callable(token) else "",
        **values,
    )
    return HTMLResponse(html, status_code=status_code)


ERROR_WORDS = {
    403: ("不能提交", "页面已过期或来源不对。请刷新页面后再提交一次。"),
    404: ("没有这个页面", "要找的页面或记录不存在，或不在你负责的乡镇。"),
    405: ("不能这样打开", "这个地址只接受表单提交。请从页面上的按钮进入。"),
    500: ("出错了", "县级中心这次没能回答，已记下。请稍后再试。"),
}


def plain_page(status: int, viewer: Viewer | None = None, path: str = "") -> str:
    """The error page of ``status`` (no form on it, so no CSRF token needed)."""
    heading, message = ERROR_WORDS.get(status, ERROR_WORDS[500])
    return _environment.get_template("error.html").render(
        viewer=viewer, path=path, csrftoken="", heading=heading, message=message
    )
