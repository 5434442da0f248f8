"""A real HTTP server on 127.0.0.1, port 0, in a thread: the base of the SMS service fakes.

A subclass answers :meth:`FakeHttpService.answer` with a status and a JSON object; tests can also
make the next request get a canned answer (a 503, a captive portal's HTML page) or hang until the
client gives up.
"""

from __future__ import annotations

import json
import threading
import time
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # with the raw query string
    headers: dict[str, str]  # names lowercased
    body: bytes


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 without log lines: reads a request's body, sends an answer in one go."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once

    def read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def send_answer(self, status: int, headers: list[tuple[str, str]], payload: bytes) -> None:
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LoopbackHttpServer:
    """A threading HTTP server on 127.0.0.1 (port 0) answering with ``handler``, in a thread of
    its own from :meth:`start` to :meth:`stop`; an answer held back waits for ``_released``,
    set when it stops."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._released = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Self:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class FakeHttpService(LoopbackHttpServer, ABC):
    def __init__(self) -> None:
        self.clock: Callable[[], float] = time.time
        self.requests: list[Request] = []
        self._canned: deque[tuple[int, str, bytes]] = deque()
        self._stall_next = False
        self._lock = threading.Lock()
        super().__init__(self._handler_class())

    def answer_next_with(self, status: int, body: str, content_type: str = "text/html") -> None:
        """The next request gets this answer, whatever it holds (a 503, a login page...)."""
        self._canned.append((status, content_type, body.encode("utf-8")))

    def stall_next(self) -> None:
        """The next request gets no answer until the fake stops: the client must time out."""
        self._stall_next = True

    @abstractmethod
    def answer(self, request: Request) -> tuple[int, dict[str, Any]]:
        """The service's own answer to a request: status and JSON body."""

    def _respond(self, request: Request) -> tuple[int, str, bytes]:
        with self._lock:
            self.requests.append(request)
            stall, self._stall_next = self._stall_next, False
            canned = self._canned.popleft() if self._canned else None
            if canned is None and not stall:
                status, body = self.answer(request)
                return (
                    status,
                    "application/json;charset=utf-8",
                    json.dumps(body, ensure_ascii=False).encode("utf-8"),
                )
        if stall:
            self._released.wait(timeout=30)
            return 504, "text/plain", b"stalled"
        assert canned is not None
        return canned

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(QuietHandler):
            def _serve(self) -> None:
                request = Request(
                    method=self.command,
                    path=self.path,
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.read_body(),
                )
                status, content_type, payload = service._respond(request)
                self.send_answer(status, [("Content-Type", content_type)], payload)

            do_GET = do_POST = _serve

        return Handler
