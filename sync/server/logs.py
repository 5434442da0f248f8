"""The county center's logs: one JSON object per line on stderr.

Every line has ``time``, ``level``, ``logger`` and ``message``; a request's line adds
``method``, ``path``, ``status``, ``duration_ms``, ``station_id`` (when the token named one) and
``request_id`` (also answered in the ``X-Request-ID`` header, and added to every other line
logged while the request runs, a 500's traceback included).

No token, enrolment code, phone number, ID number or secret reaches a line: paths are logged
without their query, and every text goes through :func:`redact` (which also drops the parameters
SQLAlchemy puts in its error messages); a phone shows as ``尾号5678``.

``county-center serve`` passes :func:`uvicorn_log_config` to uvicorn, which turns its own access
log off; :class:`RequestLogMiddleware` writes ours.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import secrets
import time
from datetime import datetime
from typing import Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stationapp.core.clock import SHANGHAI
from stationapp.core.log_masking import mask_private

REQUEST_ID_HEADER = "X-Request-ID"
ACCESS_LOGGER = "county_center.access"
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "station_id", "request_id")

# a request id a reverse proxy set is kept when it is short and plain
_GIVEN_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_current: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "county_request", default=None
)

# --- redaction -------------------------------------------------------------------------------

_URLSAFE = "A-Za-z0-9_-"
_REDACTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    # SQLAlchemy appends the statement's parameters (payloads, token hashes) to its errors
    (re.compile(r"\[parameters: [^\n]*"), "[parameters]"),
    (re.compile(r"(?i)\bbearer\s+[^\s,;\"']+"), "Bearer ***"),
    (
        re.compile(r"(?i)\b((?:token|secret|password|code)[\"']?\s*[:=]\s*[\"']?)[^\s,;\"'}&]+"),
        r"\1***",
    ),
    # tokens and secrets: long url-safe strings of mixed case (hex digests and uuids are kept)
    (
        re.compile(
            rf"(?<![{_URLSAFE}])(?=[{_URLSAFE}]*[A-Z])(?=[{_URLSAFE}]*[a-z])"
            rf"[{_URLSAFE}]{{32,}}(?![{_URLSAFE}])"
        ),
        "***",
    ),
    # enrolment codes: three groups of four from the code alphabet
    (
        re.compile(r"(?<![\w-])[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}-?[A-HJ-NP-Z2-9]{4}(?![\w-])"),
        "****-****-****",
    ),
    (
        re.compile(r"(?i)(?<![\w-])[a-hj-np-z2-9]{4}-[a-hj-np-z2-9]{4}-[a-hj-np-z2-9]{4}(?![\w-])"),
        "****-****-****",
    ),
)


def redact(text: str) -> str:
    """``text`` without tokens, codes, secrets or SQL parameters; phone numbers as ``尾号5678``
    and ID numbers showing their last four only (the station's masking, DESIGN §11)."""
    text = mask_private(text)
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


# --- the line --------------------------------------------------------------------------------


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record, on one line (a traceback goes into ``exception``)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, SHANGHAI).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value is not None and value != "":
                entry[field] = redact(value) if field == "path" else value
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestContextFilter(logging.Filter):
    """Adds the running request's id (and method and path) to a record that has none."""

    def filter(self, record: logging.LogRecord) -> bool:
        current = _current.get()
        if current:
            for field, value in current.items():
                if getattr(record, field, None) is None:
                    setattr(record, field, value)
        return True


def uvicorn_log_config(level: str = "INFO") -> dict[str, Any]:
    """The ``log_config`` for ``uvicorn.run``: everything as JSON lines on stderr, uvicorn's
    access log off (pass ``access_log=False`` too)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLineFormatter}},
        "filters": {"request": {"()": RequestContextFilter}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "json",
                "filters": ["request"],
            }
        },
        "root": {"level": level, "handlers": ["stderr"]},
        "loggers": {
            "uvicorn": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.error": {"level": level, "handlers": [], "propagate": True},
            "uvicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }


def configure_logging(level: str = "INFO") -> dict[str, Any]:
    """Send this process's logs to stderr as JSON lines now; the config, for uvicorn too."""
    import logging.config

    config = uvicorn_log_config(level)
    logging.config.dictConfig(config)
    return config


# --- the request's line ----------------------------------------------------------------------


class RequestLogMiddleware:
    """One line per request, written when the answer is sent (or the app failed)."""

    def __init__(self, app: ASGIApp, *, logger: str = ACCESS_LOGGER) -> None:
        self.app = app
        self.log = logging.getLogger(logger)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
        request_id = given if _GIVEN_REQUEST_ID.match(given) else secrets.token_hex(8)
        state = scope.setdefault("state", {})  # shared with the inner scopes: station_id
        state["request_id"] = request_id
        method, path = scope["method"], scope["path"]
        # per request task, so it is not reset: a 500's traceback is logged after this returns
        _current.set({"request_id": request_id, "method": method, "path": path})
        started = time.perf_counter()
        status = 500
        written = False

        def write_line() -> None:
            nonlocal written
            if written:
                return
            written = True
            fields = {
                "method": method,
                "path": path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "station_id": state.get("station_id"),
                "request_id": request_id,
            }
            level = logging.ERROR if status >= 500 else logging.INFO
            self.log.log(level, "%s %s %d", method, path, status, extra=fields)

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, request_id)
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                write_line()  # before the answer's end leaves: a client that has it finds it
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            write_line()  # the app failed (a 500 follows) or the client went away
