"""``county-center serve`` drops a slow or stuck client (sync.server.serving): real sockets on
127.0.0.1 against the real app under uvicorn, configured as the command line configures it."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests
import uvicorn

from sync import protocol
from sync.server import cli
from sync.server.app import create_app
from sync.server.serving import ServeLimits, uvicorn_config
from tests.county_server import county_settings

TIMEOUT_S = 1.0  # the read timeouts these tests serve with
MARGIN_S = 3.0  # the loop's timer and a busy machine: the drop comes within TIMEOUT_S + this
STALLED = 300  # the count of half-sent requests


@dataclass
class Served:
    host: str
    port: int
    release: threading.Event  # lets /test/slow answer

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def connect(self, first_bytes: bytes = b"") -> socket.socket:
        client = socket.create_connection((self.host, self.port), timeout=30)
        if first_bytes:
            client.sendall(first_bytes)
        return client


@contextlib.contextmanager
def serve(tmp_path, limits: ServeLimits) -> Iterator[Served]:
    app = create_app(county_settings(tmp_path / "county"))
    release = threading.Event()

    @app.get("/test/slow")
    async def slow() -> dict[str, bool]:
        """An answer that takes as long as the test wants (a push on a busy database)."""
        return {"released": await asyncio.to_thread(release.wait, 30)}

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    config = uvicorn_config(
        app, host="127.0.0.1", port=0, limits=limits, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        yield Served(*listener.getsockname()[:2], release)
    finally:
        release.set()
        server.should_exit = True
        thread.join(timeout=30)
        listener.close()
        app.state.storage.close()


@pytest.fixture
def served(tmp_path) -> Iterator[Served]:
    with serve(tmp_path, ServeLimits(header_timeout=TIMEOUT_S, body_timeout=TIMEOUT_S)) as county:
        yield county


def seconds_until_dropped(client: socket.socket, started: float) -> float:
    """Read until the server closes the connection (bounded by the socket's timeout); the
    seconds from ``started``. Whatever the server answered before closing is read past."""
    with contextlib.suppress(ConnectionResetError):
        while client.recv(65536):
            pass
    return time.monotonic() - started


PUSH_HEAD = (
    f"POST {protocol.PUSH_PATH} HTTP/1.1\r\nHost: county\r\nContent-Type: application/json\r\n"
    "Content-Length: 4000\r\n\r\n"
).encode("ascii")
HALF_SENT = {
    "nothing at all": b"",
    "half a request line": b"GET /healthz HT",
    "headers without their end": b"GET /healthz HTTP/1.1\r\nHost: county\r\nUser-Agent: x",
    "a body that stops": PUSH_HEAD + b'{"station_id": "s1", "events": [',
}


@pytest.mark.parametrize("first_bytes", HALF_SENT.values(), ids=HALF_SENT.keys())
def test_a_client_that_sends_half_a_request_and_stalls_is_disconnected(served, first_bytes):
    started = time.monotonic()
    client = served.connect(first_bytes)
    with client:
        waited = seconds_until_dropped(client, started)
    assert TIMEOUT_S * 0.9 <= waited < TIMEOUT_S + MARGIN_S


def test_headers_dripped_byte_by_byte_do_not_extend_their_time(served):
    """A slow-loris client sends a byte now and then: the headers' time is for them whole."""
    started = time.monotonic()
    client = served.connect(b"GET /healthz HTTP/1.1\r\n")
    with client:
        client.settimeout(TIMEOUT_S / 4)
        dropped_at = None
        for n in range(200):  # bounded: 200 bytes, each after the server stayed silent a while
            try:
                if client.recv(65536) == b"":
                    dropped_at = time.monotonic() - started
                    break
            except TimeoutError:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    client.sendall(b"X-Drip-%d: y\r\n" % n)
            except ConnectionResetError:
                dropped_at = time.monotonic() - started
                break
    assert dropped_at is not None and dropped_at < TIMEOUT_S + MARGIN_S


def test_a_body_that_keeps_moving_on_a_slow_link_is_read_to_its_end(served):
    """The body's time is between two reads: a slow push that keeps coming is answered."""
    body = b'{"station_id": "s1", "events": []}'
    head = (
        f"POST {protocol.PUSH_PATH} HTTP/1.1\r\nHost: county\r\nContent-Type: application/json"
        f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode("ascii")
    client = served.connect(head)
    with client:
        client.settimeout(TIMEOUT_S / 3)
        started = time.monotonic()
        pieces = [body[n : n + 5] for n in range(0, len(body), 5)]  # 7 pieces
        for piece in pieces:  # each after the server stayed silent a third of the limit
            with contextlib.suppress(TimeoutError):
                assert client.recv(65536) != b"", "dropped while the body was still moving"
            client.sendall(piece)
        took = time.monotonic() - started
        client.settimeout(30)
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    assert took > 2 * TIMEOUT_S  # the whole body took longer than one timeout
    assert answer.startswith(b"HTTP/1.1 401 ")  # read whole, then refused for want of a token


def test_many_stalled_clients_do_not_stop_a_normal_request_and_all_are_dropped(tmp_path):
    limits = ServeLimits(header_timeout=5.0, body_timeout=5.0)
    with serve(tmp_path, limits) as county:
        started = time.monotonic()
        stalled = [
            county.connect(b"GET /healthz HTTP/1.1\r\nHost: county\r\n") for _ in range(STALLED)
        ]
        try:
            asked = time.monotonic()
            answer = requests.get(county.url + protocol.HEALTH_PATH, timeout=10)
            answered_in = time.monotonic() - asked
            assert answer.status_code == 200
            assert answered_in < 2.0
            still_open = 0
            for client in stalled:  # they were all still held when the request was served
                client.setblocking(False)
                with contextlib.suppress(BlockingIOError):
                    client.recv(1)
                    continue
                still_open += 1
            assert still_open == STALLED
            for client in stalled:
                client.settimeout(30)
            waited = max(seconds_until_dropped(client, started) for client in stalled)
        finally:
            for client in stalled:
                client.close()
    assert waited < limits.header_timeout + MARGIN_S + 2.0


def test_an_answer_that_takes_long_is_not_cut_by_the_read_timeouts(served):
    """Only the client's sending is timed, not the county's answering."""
    answer: dict[str, requests.Response] = {}
    asking = threading.Thread(
        target=lambda: answer.update(slow=requests.get(served.url + "/test/slow", timeout=60))
    )
    asking.start()
    other = served.connect(b"GET /healthz HTTP/1.1\r\n")  # dropped after the header timeout
    with other:
        seconds_until_dropped(other, time.monotonic())
    served.release.set()  # the slow answer has been pending longer than the timeout by now
    asking.join(timeout=60)
    assert answer["slow"].status_code == 200
    assert answer["slow"].json() == {"released": True}


def test_serve_s_options_reach_uvicorn(monkeypatch, tmp_path):
    seen: dict[str, uvicorn.Config] = {}
    monkeypatch.setattr(uvicorn.Server, "run", lambda server, *a, **k: seen.update(c=server.config))
    code = cli.main(
        [
            "--data-dir",
            str(tmp_path),
            "serve",
            "--header-timeout",
            "7",
            "--body-timeout",
            "9",
            "--keep-alive",
            "3",
            "--limit-concurrency",
            "50",
        ]
    )
    assert code == 0
    config = seen["c"]
    config.app.state.storage.close()
    assert (config.timeout_keep_alive, config.limit_concurrency) == (3, 50)
    assert config.h11_max_incomplete_event_size == ServeLimits().max_header_bytes
    assert config.http.__name__.startswith("ReadTimeout")
