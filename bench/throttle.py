"""A TCP proxy on loopback that behaves like a slow link: a one-way delay and a byte rate in each
direction, and a count of the bytes that crossed. Used by ``bench/sync.py``.

    with ThrottleProxy(("127.0.0.1", 8000), rate_bytes_s=32_000, one_way_delay_s=0.150) as proxy:
        client = CountyClient(proxy.base_url, token)   # 256 kbit/s each way, 300 ms round trips

The link is modelled as one bottleneck per direction, shared by every connection through the
proxy (as a village's uplink is): a chunk starts crossing when it arrives or when the chunk
before it has finished, takes ``len / rate`` to cross, and comes out ``one_way_delay_s`` later.
With ``rate_bytes_s=None`` and no delay it only counts bytes (a recording pass-through).

The proxy runs an asyncio loop in its own thread; the caller stays synchronous.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from dataclasses import dataclass

CHUNK = 1024  # bytes read at once: at 32 kB/s a chunk is 32 ms of link time


@dataclass
class Link:
    """One direction of the link: when it is next free, and what crossed."""

    rate_bytes_s: float | None
    one_way_delay_s: float
    free_at: float = 0.0
    bytes: int = 0

    def schedule(self, size: int, now: float) -> float:
        """When a chunk of ``size`` bytes arriving ``now`` comes out of the other end."""
        self.bytes += size
        start = max(now, self.free_at)
        self.free_at = start + (size / self.rate_bytes_s if self.rate_bytes_s else 0.0)
        return self.free_at + self.one_way_delay_s


class ThrottleProxy:
    """``127.0.0.1:<port>`` forwarding to ``upstream`` through a throttled link."""

    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        rate_bytes_s: float | None = 32_000,
        one_way_delay_s: float = 0.150,
    ) -> None:
        self.upstream = upstream
        self.up = Link(rate_bytes_s, one_way_delay_s)  # client -> server
        self.down = Link(rate_bytes_s, one_way_delay_s)  # server -> client
        self.connections = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.base_events.Server | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._port = 0

    # the caller's side -------------------------------------------------------------------------

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def bytes_total(self) -> int:
        return self.up.bytes + self.down.bytes

    def reset_counts(self) -> None:
        self.up.bytes = self.down.bytes = 0
        self.connections = 0

    def __enter__(self) -> ThrottleProxy:
        self._thread = threading.Thread(target=self._run, name="throttle-proxy", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the throttling proxy did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(10)

    # the loop's side ---------------------------------------------------------------------------

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        self._server = loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", 0))
        self._port = self._server.sockets[0].getsockname()[1]
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            self._server.close()
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.close()

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        with contextlib.suppress(asyncio.CancelledError):  # the proxy stopping: not an error
            await self._forward(client_r, client_w)

    async def _forward(
        self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter
    ) -> None:
        self.connections += 1
        try:
            server_r, server_w = await asyncio.open_connection(*self.upstream)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(
            self._pipe(client_r, server_w, self.up),
            self._pipe(server_r, client_w, self.down),
            return_exceptions=True,
        )
        for writer in (client_w, server_w):
            with contextlib.suppress(Exception):
                writer.close()

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, link: Link
    ) -> None:
        """Read as it comes, deliver each chunk when the link would: a reader task schedules,
        a writer task waits and writes, so a slow link never stops the reading side."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def deliver() -> None:
            while True:
                due, data = await queue.get()
                wait = due - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                if not data:
                    with contextlib.suppress(Exception):
                        writer.write_eof()
                    return
                writer.write(data)
                await writer.drain()

        delivering = asyncio.create_task(deliver())
        try:
            while True:
                data = await reader.read(CHUNK)
                now = loop.time()
                if not data:
                    queue.put_nowait((max(now, link.free_at) + link.one_way_delay_s, b""))
                    break
                queue.put_nowait((link.schedule(len(data), now), data))
        except (ConnectionError, OSError):
            queue.put_nowait((0.0, b""))
        with contextlib.suppress(Exception):
            await delivering


def _self_check() -> None:  # pragma: no cover - a manual check: python bench/throttle.py
    """Echo 64 kB through the proxy: about 2 s at 32 kB/s plus 0.3 s of round trip."""
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)

    def echo() -> None:
        conn, _ = listener.accept()
        while data := conn.recv(65536):
            conn.sendall(data)
        conn.close()

    threading.Thread(target=echo, daemon=True).start()
    with ThrottleProxy(listener.getsockname()) as proxy:
        started = time.perf_counter()
        sock = socket.create_connection(("127.0.0.1", proxy.port))
        payload = b"x" * 65536
        sock.sendall(payload)
        sock.shutdown(socket.SHUT_WR)
        got = 0
        while data := sock.recv(65536):
            got += len(data)
        elapsed = time.perf_counter() - started
        print(f"{got} B echoed in {elapsed:.2f} s (up {proxy.up.bytes}, down {proxy.down.bytes})")


if __name__ == "__main__":
    _self_check()
