"""How ``county-center serve`` runs uvicorn: limits and read timeouts, so a slow or stuck client
is dropped instead of holding a connection (and its memory) for ever.

Uvicorn closes an idle kept-alive connection (``timeout_keep_alive``) and caps the size of an
unfinished header block (``h11_max_incomplete_event_size``), but it has no read timeout: a
client that connects and sends nothing, or half a request line, or headers without their end, or
a body that stops arriving, keeps its connection open indefinitely. :func:`with_read_timeouts`
adds what nginx calls ``client_header_timeout`` and ``client_body_timeout`` to uvicorn's own
HTTP protocol class:

- the request line and headers must arrive whole within ``header_timeout`` seconds of the
  connection (or of the previous response), however slowly the bytes drip in;
- while a body is arriving, no more than ``body_timeout`` seconds may pass between two reads
  (a large push on a slow link goes on as long as it moves; time the server itself does not
  read, because the app has not taken what it has, never counts).

A client past its time is disconnected and a warning logged. Time the app takes to answer is
not bounded here (a push on a busy database may take long). The proxy in front adds its own
limits (docs/deploy.md).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("county_center.serve")

HEADERS, BODY, ANSWERING = "headers", "body", "answering"


@dataclass(frozen=True)
class ServeLimits:
    """The limits of ``county-center serve`` (its options of the same names)."""

    header_timeout: float = 30.0  # the whole request line and headers, seconds
    body_timeout: float = 30.0  # between two reads of a body, seconds
    keep_alive: int = 5  # an idle connection between requests, seconds (uvicorn's own)
    limit_concurrency: int = 1000  # connections and tasks; beyond it new requests get 503
    max_header_bytes: int = 64 * 1024  # an unfinished header block larger than this is a 400
    backlog: int = 2048


def with_read_timeouts(
    base: type[asyncio.Protocol], *, header_timeout: float, body_timeout: float
) -> type[asyncio.Protocol]:
    """``base`` (uvicorn's h11 or httptools protocol) with the read timeouts above.

    It reads only what both of uvicorn's protocols keep: ``transport``, ``flow`` (its
    ``read_paused``) and ``cycle`` (the request being served: ``more_body`` while its body is
    still due, ``response_complete`` once answered)."""

    class ReadTimeoutProtocol(base):  # type: ignore[valid-type, misc]
        _read_timer: asyncio.TimerHandle | None = None
        _phase: str = ""

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._watch()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            self._watch(read=True)

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._watch()

        def connection_lost(self, exc: Exception | None) -> None:
            self._stop_timer()
            super().connection_lost(exc)

        def _waiting_for(self) -> str:
            cycle = getattr(self, "cycle", None)
            if cycle is None or cycle.response_complete:
                return HEADERS  # a (next) request line and headers are due
            if cycle.more_body:
                return BODY
            return ANSWERING

        def _watch(self, *, read: bool = False) -> None:
            transport = getattr(self, "transport", None)
            if transport is None or transport.is_closing():
                self._stop_timer()
                return
            phase, before = self._waiting_for(), self._phase
            self._phase = phase
            if phase == ANSWERING:
                self._stop_timer()
            elif phase == HEADERS and (before != HEADERS or self._read_timer is None):
                self._start_timer(header_timeout)  # whole headers: bytes do not extend it
            elif phase == BODY and (read or before != BODY):
                self._start_timer(body_timeout)  # between two reads

        def _start_timer(self, seconds: float) -> None:
            self._stop_timer()
            self._read_timer = self.loop.call_later(seconds, self._timed_out)

        def _stop_timer(self) -> None:
            if self._read_timer is not None:
                self._read_timer.cancel()
                self._read_timer = None

        def _timed_out(self) -> None:
            self._read_timer = None
            if self.transport.is_closing() or self._waiting_for() != self._phase:
                self._watch()
                return
            if self._phase == ANSWERING:
                return
            flow = getattr(self, "flow", None)
            if self._phase == BODY and flow is not None and flow.read_paused:
                self._start_timer(body_timeout)  # the server is not reading: not the client's
                return
            seconds = header_timeout if self._phase == HEADERS else body_timeout
            client = getattr(self, "client", None)
            log.warning(
                "closed a connection from %s: no complete request %s within %s s",
                f"{client[0]}:{client[1]}" if client else "?",
                "headers" if self._phase == HEADERS else "body",
                seconds,
            )
            self.transport.close()

    ReadTimeoutProtocol.__name__ = f"ReadTimeout{base.__name__}"
    ReadTimeoutProtocol.__qualname__ = ReadTimeoutProtocol.__name__
    return ReadTimeoutProtocol


def http_protocol(limits: ServeLimits, http: str = "auto") -> type[asyncio.Protocol]:
    """Uvicorn's protocol class ``http`` ("auto", "h11", "httptools") with the read timeouts."""
    from uvicorn.config import HTTP_PROTOCOLS
    from uvicorn.importer import import_from_string

    base = import_from_string(HTTP_PROTOCOLS[http])
    return with_read_timeouts(
        base, header_timeout=limits.header_timeout, body_timeout=limits.body_timeout
    )


def uvicorn_config(app: Any, *, host: str, port: int, limits: ServeLimits, **options: Any):
    """The uvicorn.Config ``county-center serve`` runs with (tests serve with the same)."""
    import uvicorn

    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=http_protocol(limits),
        timeout_keep_alive=limits.keep_alive,
        limit_concurrency=limits.limit_concurrency,
        h11_max_incomplete_event_size=limits.max_header_bytes,
        backlog=limits.backlog,
        **options,
    )
