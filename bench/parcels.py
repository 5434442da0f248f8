"""Parcel benchmarks; one JSON object per line: {"bench", "value", "unit", ...}.

    python bench/parcels.py                  # a station of 1,000,000 parcels (about 70 minutes)
    python bench/parcels.py --parcels 100000
    python bench/parcels.py --growth         # the growth part: 10,000 and 100,000 parcels
    python bench/parcels.py --growth --sizes 2000 20000   # a quick look

- intake: `st.parcels.receive` through the facade, each parcel its own transaction with its
  event, its row and its queued SMS (median, p99);
- find by pickup code, phone tail, whole phone and waybill on the big station (median, p99);
- the shelf list: opening (count + first page) and scrolling pages, through the core's lazy
  query and through the GUI's model (offscreen);
- database size per parcel, events and indexes included, with the workload it was built from;
- ``--growth``: what an operator waits for, measured on two stations of different history in one
  run, each figure followed by its ratio (big ÷ small): the first search after a login (the
  chain check at login before it), a search while the full chain check runs at idle, the home
  page's figures, the shelf list's memory after scrolling through the picked-up parcels,
  finding by code, phone tail, whole phone and name, and intake. The goal is a ratio near 1.

The big station is built with `st.parcels.receive_many` (the same events and rows as one by one,
2,000 to a transaction) and `st.parcels.pick_up`, so that most parcels have left the shelves as in
a real station's history; their SMS notices are delivered through the file provider.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stationapp.core import Station  # noqa: E402
from stationapp.core import clock as station_clock  # noqa: E402

CARRIER_FORMS = [("YTO", "YT75{:011d}"), ("JT", "JT75{:011d}"), ("SF", "SF14{:011d}")]


def emit(bench: str, value: float, unit: str, **extra: object) -> None:
    print(
        json.dumps(
            {"bench": bench, "value": round(value, 4), "unit": unit, **extra}, ensure_ascii=False
        ),
        flush=True,
    )


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def new_station(folder: Path) -> Station:
    return Station.create(
        folder,
        name="孟定镇芒艾村电商服务站",
        manager_name="岩温",
        manager_pin="123456",
        phone="0883-6123456",
    )


def phone_of(customer: int) -> str:
    return f"139{customer:08d}"


def waybill_of(number: int) -> tuple[str, str]:
    carrier, form = CARRIER_FORMS[number % len(CARRIER_FORMS)]
    return carrier, form.format(number)


def bench_intake(folder: Path, rounds: int) -> None:
    station = new_station(folder / "intake")
    station.parcels.receive(
        waybill="YT7599999999999", recipient_phone="13900000001", recipient_name="张三"
    )  # warm-up: first imports (pinyin) excluded
    times = []
    for i in range(rounds):
        carrier, number = waybill_of(i)
        started = time.perf_counter()
        station.parcels.receive(
            waybill=number, recipient_phone=phone_of(i % 50), recipient_name="张三", carrier=carrier
        )
        times.append((time.perf_counter() - started) * 1000)
    station.close()
    emit("intake.median", statistics.median(times), "ms", rounds=rounds, target="<= 2")
    emit("intake.p99", percentile(times, 0.99), "ms", rounds=rounds)


def workload(station: Station, parcels: int, customers: int) -> str:
    """The words a size figure needs beside it: which station it was measured on."""
    waiting = station.parcels.shelf_list().count()
    return (
        f"{parcels:,} parcels for {min(customers, parcels):,} phones ({waiting:,} waiting), "
        "received 2,000 to a transaction every 30 simulated minutes, texts through the file "
        "provider"
    )


def build_big(
    folder: Path, parcels: int, customers: int, waiting: int, name: str = "big"
) -> Station:
    station = new_station(folder / name)
    station.settings.set("parcels.shelves", "A:8, B:8, C:8, D:8")
    fake_clock = station_clock.ManualClock("2024-01-01T08:00:00+08:00")
    station_clock.set_clock(fake_clock)
    started = time.perf_counter()
    batch_size = 2000
    shelves = [(s, layer) for s in "ABCD" for layer in range(1, 9)]
    for start in range(0, parcels, batch_size):
        items = []
        for i in range(start, min(parcels, start + batch_size)):
            carrier, number = waybill_of(i)
            shelf, layer = shelves[(i // 50) % len(shelves)]
            items.append(
                {
                    "waybill": number,
                    "recipient_phone": phone_of(i % customers),
                    "recipient_name": "张三",
                    "carrier": carrier,
                    "shelf": shelf,
                    "layer": layer,
                }
            )
        received = station.parcels.receive_many(items)
        if start + batch_size <= parcels - waiting:
            station.parcels.pick_up([p.id for p in received], "code")
        deliver_texts(station)
        fake_clock.advance(minutes=30)
        if start and start % 100_000 == 0:
            emit("build.progress", start, "parcels", elapsed_s=round(time.perf_counter() - started))
    station_clock.set_clock(None)
    emit("build.time", time.perf_counter() - started, "s", parcels=parcels)
    return station


def deliver_texts(station: Station) -> None:
    """Send what the outbox holds through the file provider, as the SMS worker would."""
    from stationapp.core.sms import facade as sms
    from stationapp.core.sms.providers import station_provider

    provider = station_provider(station.settings.all(), station.data_dir)
    while sms.deliver_due(station.sms, provider, limit=5000):
        pass


def bench_find(station: Station, samples: int) -> None:
    rng = random.Random(7)
    waiting = station.parcels.shelf_list().page(None, 100_000)
    everything = station.conn.execute("SELECT waybill, recipient_phone FROM parcels").fetchall()
    kinds = {
        "code": [p.pickup_code for p in rng.sample(waiting, min(samples, len(waiting)))],
        "phone_tail": [phone_of(rng.randrange(10**8))[-4:] for _ in range(samples)],
        "phone": [row[1] for row in rng.sample(everything, samples)],
        "waybill": [row[0] for row in rng.sample(everything, samples)],
    }
    for kind, queries in kinds.items():
        times, found = [], 0
        for query in queries:
            started = time.perf_counter()
            found += len(station.parcels.find(query))
            times.append((time.perf_counter() - started) * 1000)
        emit(
            f"find.{kind}.median",
            statistics.median(times),
            "ms",
            samples=len(queries),
            target="<= 1",
        )
        emit(
            f"find.{kind}.p99",
            percentile(times, 0.99),
            "ms",
            samples=len(queries),
            target="<= 5",
            found=found,
        )


def bench_shelf_list(station: Station) -> None:
    for status in ("waiting", "picked_up"):
        started = time.perf_counter()
        query = station.parcels.shelf_list(status=status)
        first = query.page(None, 100)
        opened = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        total = query.count()
        counted = (time.perf_counter() - started) * 1000
        emit(
            f"shelf_list.{status}.open",
            opened,
            "ms",
            rows=total,
            target="<= 300",
            note="first page shown; the count follows",
        )
        emit(f"shelf_list.{status}.count", counted, "ms", rows=total)
        started = time.perf_counter()
        page, pages = first, 0
        while page and pages < 50:
            page = query.page(page[-1], 100)
            pages += 1
        emit(
            f"shelf_list.{status}.scroll_page",
            (time.perf_counter() - started) * 1000 / pages,
            "ms",
            page_rows=100,
            pages=pages,
        )


def bench_shelf_model(station: Station) -> None:
    """The GUI's lazy model over the big station, offscreen: opening (count and first page on the
    database worker, rows in the model) and each further page as a view scrolls."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QModelIndex
    from PySide6.QtWidgets import QApplication

    from stationapp.ui.kit.worker import StationWorker
    from stationapp.ui.pages.parcels.models import ShelfModel

    app = QApplication.instance() or QApplication([])
    worker = StationWorker()
    model = ShelfModel(station, worker)

    def wait_until(condition) -> None:
        while not condition():
            QCoreApplication.processEvents()

    for status in ("waiting", "picked_up"):
        started = time.perf_counter()
        counts: list[int] = []
        model.count_changed.connect(counts.append)
        model.set_filter(status=status)
        wait_until(lambda: not model.busy)
        opened = (time.perf_counter() - started) * 1000
        wait_until(lambda counts=counts: bool(counts))
        counted = (time.perf_counter() - started) * 1000
        model.count_changed.disconnect(counts.append)
        emit(
            f"shelf_model.{status}.open",
            opened,
            "ms",
            rows_loaded=model.rowCount(),
            target="<= 300",
        )
        emit(f"shelf_model.{status}.counted", counted, "ms", total=model.total)
        started = time.perf_counter()
        pages = 0
        while pages < 20 and model.canFetchMore(QModelIndex()):
            model.fetchMore(QModelIndex())
            wait_until(lambda: not model.busy)
            pages += 1
        if pages:
            emit(
                f"shelf_model.{status}.fetch_more",
                (time.perf_counter() - started) * 1000 / pages,
                "ms",
                rows_loaded=model.rowCount(),
                total=model.total,
            )
    worker.shutdown()
    del app


def emit_size_breakdown(station: Station, parcels: int, size: int) -> None:
    """Bytes per parcel of each table and index holding at least 1% of the file (dbstat)."""
    try:
        rows = station.conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    except Exception as error:  # an SQLite built without the dbstat table
        emit("size.breakdown", 0, "bytes", skipped=str(error))
        return
    for name, pages in rows:
        if pages >= size / 100:
            emit("size.of", pages / parcels, "bytes", table=name)


# --- growth: nothing an operator waits for grows with the station's history --------------------

NAMED = ["岩罕", "玉香", "李光明", "杨秀英", "刀正华", "段志强", "王芳", "赵德才", "何丽", "陈金山"]
DAY_OF_WORK = 100  # parcels received and picked up between two logins
LOGINS = 5  # the first search after a login: the median of this many logins
GROWS_BY_DESIGN = {"chain.full_pass"}  # idle work: it reads the whole log, no one waits for it


def bench_growth(
    folder: Path, sizes: tuple[int, int], customers: int, waiting: int, samples: int
) -> None:
    figures: dict[int, dict[str, tuple[float, str]]] = {}
    for parcels in sizes:
        station = build_big(folder, parcels, customers, waiting, name=f"growth-{parcels}")
        named = receive_named(station)
        figures[parcels] = {}

        def put(name: str, value: float, unit: str, parcels: int = parcels, **extra) -> None:
            figures[parcels][name] = (value, unit)
            emit(f"growth.{name}", value, unit, parcels=parcels, **extra)

        station.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sum(p.stat().st_size for p in (folder / f"growth-{parcels}").glob("station.db*"))
        emit(
            "growth.size.per_parcel",
            size / parcels,
            "bytes",
            parcels=parcels,
            customers=min(customers, parcels),
            workload=workload(station, parcels, customers),
        )
        growth_finds(station, named, samples, put)
        growth_today(station, put)
        growth_window(station, put)
        growth_shelf_memory(station, put)
        growth_intake(station, put)
        station.close()
    small, big = sizes
    for name, (value, unit) in figures[small].items():
        if name in GROWS_BY_DESIGN:
            continue
        big_value = figures[big].get(name, (0.0, unit))[0]
        emit(
            f"growth.ratio.{name}",
            big_value / value if value else 0.0,
            "x",
            small=round(value, 4),
            big=round(big_value, 4),
            of=unit,
            sizes=list(sizes),
            goal="about 1: not growing with history",
        )


def receive_named(station: Station) -> list:
    """A few waiting parcels for customers of their own names (the built station's recipients
    are all 张三), for finding by name."""
    items = [
        {
            "waybill": f"JT76{i:011d}",
            "recipient_phone": f"1370000{i:04d}",
            "recipient_name": name,
            "carrier": "JT",
            "shelf": "D",
            "layer": 8,
        }
        for i, name in enumerate(NAMED)
    ]
    return station.parcels.receive_many(items)


def timed(samples: list, fn, *args) -> None:
    started = time.perf_counter()
    fn(*args)
    samples.append((time.perf_counter() - started) * 1000)


def growth_finds(station: Station, named: list, samples: int, put) -> None:
    rng = random.Random(11)
    waiting = station.parcels.shelf_list().page(None, 100_000)
    picks = [rng.choice(waiting) for _ in range(samples)]
    kinds = {
        "code": [p.pickup_code for p in picks],
        "phone_tail": [p.recipient_phone[-4:] for p in picks],
        "phone": [p.recipient_phone for p in picks],
        "name": [named[i % len(named)].recipient_name for i in range(samples)],
    }
    for kind, queries in kinds.items():
        times: list[float] = []
        for query in queries:
            timed(times, station.parcels.find, query)
        put(f"find.{kind}.median", statistics.median(times), "ms", samples=len(queries))


def growth_today(station: Station, put) -> None:
    """The home page's figures (the day's received, picked up, fees...)."""
    times: list[float] = []
    for _ in range(50):
        timed(times, station.today)
    put("home.today.median", statistics.median(times), "ms", samples=50)


def growth_intake(station: Station, put) -> None:
    times: list[float] = []
    for i in range(200):
        started = time.perf_counter()
        station.parcels.receive(
            waybill=f"JT77{i:011d}",
            recipient_phone=phone_of(i),
            recipient_name="张三",
            carrier="JT",
        )
        times.append((time.perf_counter() - started) * 1000)
    put("intake.median", statistics.median(times), "ms", rounds=200)


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _wait_until(condition, timeout_s: float = 600) -> None:
    from PySide6.QtCore import QCoreApplication

    deadline = time.perf_counter() + timeout_s
    while not condition():
        QCoreApplication.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the bench waited too long")


def growth_window(station: Station, put) -> None:
    """Logins with the real main window (offscreen): the first login gives the full chain check
    at idle its first pass; after a day of work, the next login's first pickup search, the
    events its chain check read, and searches while the full pass runs again."""
    _app()
    from stationapp.ui.kit.worker import StationWorker
    from stationapp.ui.mainwindow import MainWindow

    worker = StationWorker()
    passed: list[int] = []
    started = time.perf_counter()
    first = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    first.chain_check.passed.connect(passed.append)
    first.show()
    _wait_until(lambda: bool(passed))
    put(
        "chain.full_pass",
        time.perf_counter() - started,
        "s",
        events=passed[0],
        note="at idle, in slices; no operator waits for it",
    )
    first.close()
    _wait_until(lambda: worker.idle)
    searches: list[float] = []
    windows_ms: list[float] = []
    checked: list[int] = []
    for login in range(LOGINS):
        window, _code, window_ms, search_ms = _login_after_a_day(station, worker, login)
        windows_ms.append(window_ms)
        searches.append(search_ms)
        _wait_until(lambda window=window: window.chain_check.login_result is not None)
        checked.append(window.chain_check.login_result.events_checked)
        window.close()  # its full pass stops; the next login's check starts where this one's ended
        _wait_until(lambda: worker.idle)
    put("login.window", statistics.median(windows_ms), "ms", logins=LOGINS)
    put(
        "login.first_search",
        statistics.median(searches),
        "ms",
        logins=LOGINS,
        max_ms=round(max(searches), 3),
        note="queued as the window shows: behind the home page, the status and the login check",
    )
    put(
        "login.events_checked",
        statistics.median(checked),
        "events",
        day_of_work=DAY_OF_WORK,
        note="read by the check at login after a day's work",
    )
    # one more login, left open: searches while its full pass runs at idle
    window, day_code, _, _ = _login_after_a_day(station, worker, LOGINS)
    latencies: list[float] = []
    while window.chain_check.running and len(latencies) < 200:
        queued = time.perf_counter()
        done: list[float] = []
        worker.call(
            station.parcels.find,
            day_code,
            on_done=lambda _found, done=done: done.append(time.perf_counter()),
        )
        _wait_until(lambda done=done: bool(done))
        latencies.append((done[0] - queued) * 1000)
        pause = time.perf_counter() + 0.02
        _wait_until(lambda pause=pause: time.perf_counter() > pause)
    if latencies:  # the median is compared; the tail follows the machine's load
        put(
            "search_during_full_pass.median",
            statistics.median(latencies),
            "ms",
            searches=len(latencies),
            p95_ms=round(percentile(latencies, 0.95), 3),
            max_ms=round(max(latencies), 3),
        )
    _wait_until(lambda: not window.chain_check.running)
    window.close()
    _wait_until(lambda: worker.idle)
    worker.shutdown()


def _login_after_a_day(station: Station, worker, login: int):
    """A day of work (:data:`DAY_OF_WORK` parcels in, all but one picked up), then a login: the
    window, the waiting parcel's code, the window's making (ms) and the first search (ms)."""
    from stationapp.ui.mainwindow import MainWindow

    day = worker.wait_for(
        station.parcels.receive_many,
        [
            {
                "waybill": f"JT78{login:03d}{i:08d}",
                "recipient_phone": phone_of(i),
                "recipient_name": "张三",
                "carrier": "JT",
                "shelf": "C",
                "layer": 1 + login % 8,
            }
            for i in range(DAY_OF_WORK)
        ],
    )
    worker.wait_for(station.parcels.pick_up, [p.id for p in day[1:]], "code")
    answered: list[float] = []
    started = time.perf_counter()
    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    window.show()
    shown = time.perf_counter()
    worker.call(
        station.parcels.find,
        day[0].pickup_code,
        on_done=lambda _found: answered.append(time.perf_counter()),
    )
    _wait_until(lambda: bool(answered))
    return window, day[0].pickup_code, (shown - started) * 1000, (answered[0] - shown) * 1000


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def growth_shelf_memory(station: Station, put) -> None:
    """The shelf list of the picked-up parcels, scrolled to the end in a real table view: the
    rows the model holds and the process's resident memory it added."""
    _app()
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QTableView

    from stationapp.ui.kit.worker import StationWorker
    from stationapp.ui.pages.parcels.models import ShelfModel

    worker = StationWorker()
    model = ShelfModel(station, worker)
    view = QTableView()
    view.setModel(model)
    view.resize(1366, 768)
    view.show()
    before = _rss_mb()
    model.set_filter(status="picked_up")
    _wait_until(lambda: not model.busy)
    held = 0
    while True:  # the view may ask for the next page itself as it reaches the bottom
        _wait_until(lambda: not model.busy)
        if not model.canFetchMore(QModelIndex()):
            break
        model.fetchMore(QModelIndex())
        _wait_until(lambda: not model.busy)
        view.scrollToBottom()
        held = max(held, model.cached_rows)
    view.scrollToTop()  # and back
    _wait_until(lambda: not model.busy and model.index(0, 0).data() is not None)
    put(
        "shelf_model.rows_held",
        max(held, model.cached_rows),
        "rows",
        rows_scrolled=model.rowCount(),
    )
    put(
        "shelf_model.rss_added",
        _rss_mb() - before,
        "MB",
        rows_scrolled=model.rowCount(),
        note="resident memory, so only roughly",
    )
    view.close()
    worker.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parcels", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--waiting", type=int, default=2_000)
    parser.add_argument("--intake-rounds", type=int, default=500)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument(
        "--growth", action="store_true", help="the growth part only (two station sizes)"
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs=2,
        default=(10_000, 100_000),
        metavar=("SMALL", "BIG"),
        help="the growth part's two stations, in parcels (default 10000 100000)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-parcels-", dir=os.environ.get("BENCH_DIR")) as d:
        folder = Path(d)
        if args.growth:
            bench_growth(folder, args.sizes, args.customers, args.waiting, args.samples)
            return
        bench_intake(folder, args.intake_rounds)
        station = build_big(folder, args.parcels, args.customers, args.waiting)
        station.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = sum(p.stat().st_size for p in (folder / "big").glob("station.db*"))
        events = station.events.count()
        emit(
            "size.per_parcel",
            size / args.parcels,
            "bytes",
            parcels=args.parcels,
            events=events,
            db_mb=round(size / 1e6, 1),
            target="<= 2048",
            customers=min(args.customers, args.parcels),
            workload=workload(station, args.parcels, args.customers),
        )
        emit_size_breakdown(station, args.parcels, size)
        bench_find(station, args.samples)
        bench_shelf_list(station)
        bench_shelf_model(station)
        station.close()


if __name__ == "__main__":
    main()
