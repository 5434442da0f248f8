"""A slow link never delays the operator (issue 9, point 3); one JSON object per line.

    python bench/slow_link.py             # both parts, about 2 minutes
    python bench/slow_link.py --only stall

Real parts: the county center (its app under uvicorn on 127.0.0.1, as the tests run it), a
station in a temp folder with 300 parcels waiting to be sent, the GUI's StationWorker and
SyncRunner inside a real main window (offscreen), the client's default timeouts (5 s, 60 s).
An operator's action is timed as a page runs it: a job of the database thread, from the call to
its answer on the GUI thread.

- stall: the link takes the round's first push and then says nothing (connected, no bytes:
  ``tests/fakes/fault_proxy.py``'s ``stall``) until the client's 60 s read timeout; a parcel is
  saved and a pickup search made 2 s after the round began. Before the round's calls left the
  database thread both waited for the timeout.
- crawl: the county behind ``bench/throttle.py`` at 2,000 B/s each way with 300 ms round trips;
  a pickup search and a parcel saved 2 s into the round, and the round's own length.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before bench/: `sync` is the project's package, not bench/sync.py
sys.path.append(str(Path(__file__).resolve().parent))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

PARCELS = 300
PHONES = ["13887654321", "13988761234", "15912340521", "18787651122", "13708831234"]
NAMES = ["岩温", "玉香", "李春梅", "杨建华", "段正伟"]


def emit(bench: str, value: float, unit: str = "s", **extra: object) -> None:
    record = {"bench": bench, "value": round(value, 4), "unit": unit, **extra}
    print(json.dumps(record, ensure_ascii=False), flush=True)


class Desk:
    """A station with its main window, its worker and its sync runner, joined to ``url``."""

    def __init__(self, app: QApplication, folder: Path, county: Any, url: str) -> None:
        from stationapp.core import Station
        from stationapp.ui.kit.worker import StationWorker
        from stationapp.ui.runners.sync_runner import SyncRunner
        from stationapp.ui.shell import Shell

        self.app = app
        self.station = Station.create(
            folder, name="芒艾村服务站", manager_name="岩温", manager_pin="2468",
            phone="0883-6123456",
        )  # fmt: skip
        self.worker = StationWorker()
        self.shell = Shell(folder, worker=self.worker, maximized=False)
        self.shell.station = self.station
        self.runner = SyncRunner(self.station, self.worker, self.shell)
        self.shell.sync_runner = self.runner
        self.window = self.shell.open_main_window(self.station.operator)
        self.worker.wait_for(county.join, self.station, url)
        for n in range(PARCELS):
            self.worker.wait_for(self.receive, f"7310{n:010d}", n)
        self.pump_until(lambda: self.worker.idle)

    def receive(self, waybill: str, n: int) -> Any:
        return self.station.parcels.receive(
            waybill=waybill, recipient_phone=PHONES[n % 5], recipient_name=NAMES[n % 5]
        )

    def search(self) -> Any:
        return self.station.parcels.find(PHONES[0][-4:])

    def pump_until(self, done: Callable[[], bool], limit_s: float = 600) -> None:
        """Run the event loop until ``done()``: each pass waits for the next event (a worker's
        answer, a network thread's) or the 5 ms tick, never spinning and never sleeping."""
        end = time.monotonic() + limit_s
        tick = QTimer()
        tick.start(5)
        loop = QEventLoop()
        while not done():
            loop.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
            if time.monotonic() > end:
                raise TimeoutError("the condition never came")
        tick.stop()

    def timed(self, fn: Callable[..., Any], *args: Any) -> float:
        """Seconds from the call to its answer on the GUI thread, as a page sees it."""
        answered: list[float] = []
        started = time.perf_counter()
        self.worker.call(fn, *args, on_done=lambda _r: answered.append(time.perf_counter()))
        self.pump_until(lambda: bool(answered))
        return answered[0] - started

    def wait(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        self.pump_until(lambda: time.monotonic() >= end)

    def close(self) -> None:
        self.runner.stop()
        if self.shell.sms_sender is not None:
            self.shell.sms_sender.stop()
        self.worker.wait_for(self.station.close)
        self.worker.shutdown()


def bench_stall(app: QApplication, folder: Path) -> None:
    from tests.county_server import LoopbackCounty
    from tests.fakes.fault_proxy import FaultProxy

    with LoopbackCounty(folder / "county") as county, FaultProxy(county.base_url) as proxy:
        desk = Desk(app, folder / "station", county, proxy.base_url)
        emit("stall.baseline_save", desk.timed(desk.receive, "73109999990001", 1))
        proxy.then("pass", "stall")  # the head passes, the first push is held
        desk.runner.sync_now()
        desk.pump_until(lambda: proxy.stalled == 1)
        desk.wait(2.0)
        emit("stall.save_during_round", desk.timed(desk.receive, "73109999990002", 2))
        emit("stall.search_during_round", desk.timed(desk.search))
        emit("stall.round_still_running", float(desk.runner.running), "bool")
        reports: list[Any] = []
        desk.runner.round_finished.connect(reports.append)
        proxy.release()
        desk.pump_until(lambda: bool(reports))
        emit("stall.round_ok_after_release", float(reports[0].ok), "bool")
        desk.close()


def bench_crawl(app: QApplication, folder: Path) -> None:
    from throttle import ThrottleProxy

    from tests.county_server import LoopbackCounty

    with LoopbackCounty(folder / "county") as county:
        parts = urlsplit(county.base_url)
        upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        with ThrottleProxy(upstream, rate_bytes_s=2000, one_way_delay_s=0.150) as link:
            desk = Desk(app, folder / "station", county, link.base_url)
            emit("crawl.baseline_search", desk.timed(desk.search))
            started = time.perf_counter()
            desk.runner.sync_now()
            desk.wait(2.0)
            emit("crawl.search_during_round", desk.timed(desk.search))
            emit("crawl.save_during_round", desk.timed(desk.receive, "73109999990003", 3))
            desk.pump_until(lambda: not desk.runner.running)
            emit("crawl.round", time.perf_counter() - started, bytes=link.bytes_total)
            desk.close()


PARTS = {"stall": bench_stall, "crawl": bench_crawl}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(PARTS))
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([])
    for name in args.only.split(","):
        with tempfile.TemporaryDirectory() as folder:
            PARTS[name](app, Path(folder))  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
