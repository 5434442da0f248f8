"""A fault-injecting HTTP proxy on 127.0.0.1 (port 0, in a thread), between a client and a
real server: each request takes the next fault from a queue (or passes through).

Faults:
- ``"pass"``: forward the request, hand back the answer as it came;
- ``"drop_answer"``: forward the request, read the server's whole answer (so the server has
  committed), then close the connection without a byte: the answer is lost;
- ``"cut_answer"``: forward, then send only the status line, headers and half the body;
- ``"html_200"``: do not forward; answer a captive portal's login page with status 200;
- ``"error_500"``: do not forward; answer 500 with a plain-text body;
- ``"refuse"``: do not forward; close the connection at once (nothing reached the server);
- ``"stall_answer"``: forward (the server commits), then hold the answer until :meth:`release`
  or :meth:`stop`, then close the connection without a byte: the client times out, or sees the
  answer lost;
- ``"stall"``: take the request and send nothing, connected but silent (a crawling link), until
  :meth:`release` or :meth:`stop`; then forward it and hand the answer back as it came.

``stalled`` counts the requests being held now, so a test waits until the link is stuck.
"""

from __future__ import annotations

import http.client
import threading
from collections import deque
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from tests.fakes.http_service import LoopbackHttpServer, QuietHandler

PORTAL_PAGE = (
    "<!DOCTYPE html><html><head><title>Wi-Fi 登录</title></head>"
    "<body><form>请输入手机号登录上网</form></body></html>"
)
FAULTS = (
    "pass",
    "drop_answer",
    "cut_answer",
    "html_200",
    "error_500",
    "refuse",
    "stall_answer",
    "stall",
)
STALL_LIMIT_S = 120  # a held request goes on by itself after this (a test forgot to release it)
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "proxy-connection", "upgrade"}


class FaultProxy(LoopbackHttpServer):
    def __init__(self, upstream: str) -> None:
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self.faults: deque[str] = deque()
        self.seen: list[tuple[str, str, str]] = []  # (method, path, fault applied)
        self._lock = threading.Lock()
        self._stall_released = threading.Event()
        self.stalled = 0
        super().__init__(self._handler_class())

    def release(self) -> None:
        """The link comes back: every held request (``stall``, ``stall_answer``) goes on."""
        self._stall_released.set()

    def stop(self) -> None:
        self._stall_released.set()
        super().stop()

    def _hold(self) -> None:
        with self._lock:
            self.stalled += 1
        try:
            self._stall_released.wait(timeout=STALL_LIMIT_S)
        finally:
            with self._lock:
                self.stalled -= 1

    def then(self, *faults: str) -> FaultProxy:
        """Queue faults for the next requests, in order; after them requests pass."""
        for fault in faults:
            if fault not in FAULTS:
                raise ValueError(f"unknown fault {fault!r}; one of {FAULTS}")
        with self._lock:
            self.faults.extend(faults)
        return self

    def schedule(self, faults: Iterable[str]) -> FaultProxy:
        return self.then(*faults)

    def _next_fault(self) -> str:
        with self._lock:
            return self.faults.popleft() if self.faults else "pass"

    def _forward(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, str, list[tuple[str, str]], bytes]:
        connection = http.client.HTTPConnection(self.upstream_host, self.upstream_port, timeout=30)
        try:
            connection.request(method, path, body=body or None, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            return response.status, response.reason, response.getheaders(), payload
        finally:
            connection.close()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(QuietHandler):
            def _serve(self) -> None:
                body = self.read_body()
                fault = proxy._next_fault()
                with proxy._lock:
                    proxy.seen.append((self.command, self.path, fault))
                if fault == "refuse":
                    self.close_connection = True
                    return
                if fault == "html_200":
                    self._answer(200, [("Content-Type", "text/html; charset=utf-8")], PORTAL_PAGE)
                    return
                if fault == "error_500":
                    self._answer(500, [("Content-Type", "text/plain")], "Internal Server Error")
                    return
                if fault == "stall":
                    proxy._hold()  # connected, nothing sent either way
                headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
                status, _reason, answer_headers, payload = proxy._forward(
                    self.command, self.path, headers, body
                )
                if fault == "stall_answer":
                    proxy._hold()
                    self.close_connection = True
                    return
                if fault == "drop_answer":
                    self.close_connection = True
                    return
                kept = [
                    (k, v)
                    for k, v in answer_headers
                    if k.lower() not in _HOP_BY_HOP and k.lower() != "content-length"
                ]
                if fault == "cut_answer":
                    self.send_response(status)
                    for k, v in kept:
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload[: len(payload) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self._answer(status, kept, payload)

            def _answer(self, status: int, headers: list[tuple[str, str]], body: Any) -> None:
                data = body.encode("utf-8") if isinstance(body, str) else body
                self.send_answer(status, headers, data)

            do_GET = do_POST = do_PUT = do_DELETE = _serve

        return Handler
