"""The county center's FastAPI app, made by a factory: ``create_app(settings)``."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync import protocol
from sync.server.api_doc import declare_refusals
from sync.server.bodies import RequestBodyMiddleware
from sync.server.clocks import StationClockMiddleware
from sync.server.errors import SyncError
from sync.server.logs import RequestLogMiddleware
from sync.server.routers import enroll, health
from sync.server.routers import sync as sync_routes
from sync.server.settings import Settings, get_settings
from sync.server.storage import Storage
from sync.server.web import add_web, error_page

log = logging.getLogger("county_center")

_HTTP_CODES = {
    401: protocol.UNAUTHORIZED,
    403: protocol.FORBIDDEN,
    404: protocol.NOT_FOUND,
    405: protocol.METHOD_NOT_ALLOWED,
    413: protocol.TOO_LARGE,
}


def create_app(settings: Settings | None = None, *, storage: Storage | None = None) -> FastAPI:
    """The app over ``settings`` (default: ``get_settings()``); the database is migrated now."""
    settings = settings or get_settings()
    storage = storage or Storage.open(settings)

    from sync.server.relays.sms_worker import RelayWorker  # also registers the relay's ingest hook

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        relay = RelayWorker(storage, settings).start()  # the SMS relay's worker thread
        yield
        relay.stop()
        storage.close()

    app = FastAPI(
        title="County center",
        version=str(protocol.PROTOCOL_VERSION),
        lifespan=lifespan,
        docs_url="/docs" if settings.development else None,
        redoc_url=None,
    )
    app.state.storage = storage
    app.dependency_overrides[get_settings] = lambda: settings
    app.add_middleware(RequestBodyMiddleware, max_body_bytes=settings.max_body_bytes)
    _add_error_handlers(app)
    app.include_router(health.router)
    app.include_router(enroll.router)
    app.include_router(sync_routes.router)
    declare_refusals(app)  # the OpenAPI names every refusal (sync.server.api_doc)
    add_web(app, storage, settings)  # the supervisor web: pages, receipt check, its guards
    app.add_middleware(StationClockMiddleware, storage=storage, secret=settings.token_secret)
    app.add_middleware(RequestLogMiddleware)  # outermost: one JSON line per request
    return app


def _error(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(
        {"error": code, "detail": detail, **extra}, status_code=status, headers=headers
    )


def _describe_validation(request: Request, exc: RequestValidationError) -> tuple[int, str, str]:
    problems = exc.errors()
    first = problems[0] if problems else {}
    loc = [str(part) for part in first.get("loc", ())]
    message = first.get("msg", "invalid request")
    if first.get("type") == "json_invalid":
        return 400, protocol.BAD_REQUEST, "The body is not valid JSON."
    where = ".".join(loc[1:] if loc and loc[0] in ("body", "query", "header") else loc)
    if request.url.path == protocol.PUSH_PATH:
        if len(loc) >= 3 and loc[:2] == ["body", "events"] and loc[2].isdigit():
            index = int(loc[2])
            field = ".".join(loc[3:]) or "event"
            detail = f"Event {index + 1} of the batch{_event_label(exc.body, index)}: {field}: "
            return 422, protocol.INVALID_EVENT, detail + message
        return 422, protocol.INVALID_EVENT, f"The push is not well-formed: {where}: {message}"
    return 422, protocol.BAD_REQUEST, f"{where}: {message}" if where else message


def _event_label(body: Any, index: int) -> str:
    try:
        event = body["events"][index]
        return f" (seq {event.get('seq')!r}, id {event.get('id')!r})"
    except (TypeError, KeyError, IndexError, AttributeError):
        return ""


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SyncError)
    async def sync_error(_request: Request, exc: SyncError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.detail, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        status, code, detail = _describe_validation(request, exc)
        return _error(status, code, detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        html = await run_in_threadpool(error_page, request, exc)  # the web's pages: in HTML
        if html is not None:
            return html
        code = _HTTP_CODES.get(exc.status_code, protocol.BAD_REQUEST)
        detail = exc.detail if isinstance(exc.detail, str) else "The request was refused."
        return _error(exc.status_code, code, detail, headers=exc.headers)  # 405: Allow

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return _error(
            500,
            protocol.INTERNAL_ERROR,
            "The county center failed to answer; it was logged. Try again later.",
        )
