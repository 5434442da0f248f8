"""Parcel benchmarks; one JSON object per line: {"bench", "value", "unit", ...}.

    python bench/parcels.py                  # a station of 1,000,000 parcels (several minutes)
    python bench/parcels.py --parcels 100000

- intake: `st.parcels.receive` through the facade, each parcel its own transaction with its
  event, its row and its queued SMS (median, p99);
- find by pickup code, phone tail, whole phone and waybill on the big station (median, p99);
- the shelf list: opening (count + first page) and scrolling pages, through the core's lazy
  query and through the GUI's model (offscreen);
- database size per parcel, events and indexes included.

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


def build_big(folder: Path, parcels: int, customers: int, waiting: int) -> Station:
    station = new_station(folder / "big")
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
    from stationapp.core import sms
    from stationapp.sms.station import station_provider

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

    from stationapp.ui.models import ShelfModel
    from stationapp.ui.worker import StationWorker

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parcels", type=int, default=1_000_000)
    parser.add_argument("--customers", type=int, default=200_000)
    parser.add_argument("--waiting", type=int, default=2_000)
    parser.add_argument("--intake-rounds", type=int, default=500)
    parser.add_argument("--samples", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-parcels-", dir=os.environ.get("BENCH_DIR")) as d:
        folder = Path(d)
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
        )
        emit_size_breakdown(station, args.parcels, size)
        bench_find(station, args.samples)
        bench_shelf_list(station)
        bench_shelf_model(station)
        station.close()


if __name__ == "__main__":
    main()
