"""Gzip for the web's pages and static files only (a township's slow line: the chart script is
0.7 MB, 0.24 MB gzipped). The stations' protocol keeps its own encoding rules untouched."""

from __future__ import annotations

from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from sync.server.web.security import STATIC_PREFIX, is_page


class WebGzipMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.gzipped = GZipMiddleware(app, minimum_size=1000)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        # an XLSX is a ZIP already: gzipping it again costs both ends CPU and saves nothing
        web = (path.startswith(STATIC_PREFIX) or is_page(path)) and not path.endswith(".xlsx")
        await (self.gzipped if web else self.app)(scope, receive, send)
