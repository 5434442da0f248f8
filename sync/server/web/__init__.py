"""The supervisor and admin web of the county center (DESIGN §6): server-rendered pages for
township supervisors and the county admin, the receipt check and the supervision JSON API.

``add_web(app, storage, settings)`` mounts it on the county's app: the pages' routers, the
static files (every script and style served by the app itself: a township office may have no
internet), and the guards (security headers, CSRF). Scope is kept in the query layer
(``web/scope.py``, ``web/queries/``), sessions and lockout in ``web/auth.py``.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.server.settings import Settings
from sync.server.storage import Storage
from sync.server.web import api
from sync.server.web.auth import WebAuth
from sync.server.web.compress import WebGzipMiddleware
from sync.server.web.deps import LoginNeeded, viewer_of
from sync.server.web.pages import (
    admin,
    exports,
    households,
    lines,
    login,
    receipt,
    report,
    report_api,
    station,
    stations,
)
from sync.server.web.render import ERROR_WORDS, page
from sync.server.web.security import CsrfMiddleware, SecurityHeadersMiddleware, is_page

STATIC = Path(__file__).resolve().parent / "static"
ROUTERS = (
    login.router,
    stations.router,
    station.router,
    lines.router,
    report.router,
    exports.router,
    households.router,
    api.router,
    report_api.router,
    admin.router,
    receipt.router,
)


def add_web(app: FastAPI, storage: Storage, settings: Settings) -> None:
    """Mount the web on ``app``; the guards are added last so that they run outermost."""
    app.state.web_auth = WebAuth(storage)
    app.state.web_secure_cookies = settings.https
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.exception_handler(LoginNeeded)
    async def login_needed(_request: Request, exc: LoginNeeded) -> Response:
        return RedirectResponse(exc.location, status_code=303)

    app.add_middleware(CsrfMiddleware, secret=settings.token_secret, secure=settings.https)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(WebGzipMiddleware)


def error_page(request: Request, exc: StarletteHTTPException) -> Response | None:
    """The HTML answer to a refused page request; None for the JSON API's paths."""
    if not is_page(request.url.path):
        return None
    heading, message = ERROR_WORDS.get(exc.status_code, ERROR_WORDS[500])
    viewer = viewer_of(request) if exc.status_code != 401 else None
    return page(
        request, "error.html", viewer, status_code=exc.status_code, heading=heading, message=message
    )
