"""The new business lines' benchmarks; one JSON object per line: {"bench", "value", "unit", ...}.

    python bench/lines.py                       # 5,000 and 50,000 purchases
    python bench/lines.py --sizes 2000 20000    # a quick look
    python bench/lines.py --quick               # small sizes, a smoke test

Each size is a station of that many purchases over three years, a tenth as many orders and a
25th as many 建档户 (50,000 / 5,000 / 2,000: three years of a busy station). Every line gives the
figure, the size, issue 11's ``target`` and the ``baseline`` measured in the same run: the same
figure on an empty station (one household, one order, one purchase), or what
``baseline_of`` says.

Produce (收购/代销):
- purchase: ``st.produce.buy`` through the facade to its event, each its own transaction with its
  row and the stock moved (median, p99), on a station of each size;
- a purchase from a household to its event and on to its 收购凭证 PDF (bench/lines_station.py);
- the stock and today's figures read (median, slowest of 50 reads): the stock is a running table
  and today's purchases are found by their index, so neither should grow with the history.

The household log: the busiest household's log opened whole, and the year's 帮扶台账 XLSX.
The scale: frame to the reader's callback on a pty indicator (bench/lines_scale.py); frame to the
screen's label is tests/test_ui_produce_scale.py's figure.
The county: the station's whole log ingested on SQLite (bench/lines_county.py).

The history is written as the facades write it (the same payloads, projected as they are
appended), 2,000 events to a transaction, spread over the three years before today.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the project before bench/: bench/sync.py must not hide the county's ``sync`` package
sys.path[:0] = [str(ROOT)]
sys.path.append(str(ROOT / "bench"))

from lines_county import events_per_second, wire  # noqa: E402
from lines_scale import scale_figures  # noqa: E402
from lines_station import (  # noqa: E402
    Figure,
    household_figures,
    register_households,
    timed,
    voucher_figures,
    write_orders,
    write_purchases,
)

from stationapp.core import Station  # noqa: E402
from tests.receipts_lines_data import install_chinese  # noqa: E402

PRODUCTS = ("大米", "八月瓜", "甘蔗", "茶叶", "核桃", "鸡蛋", "蜂蜜", "香蕉")
GRADES = ("特级", "一级", "二级", "统货")
EMPTY = "an empty station in the same run"


def emit(bench: str, value: float, unit: str, **extra: object) -> None:
    print(
        json.dumps(
            {"bench": bench, "value": round(value, 4), "unit": unit, **extra}, ensure_ascii=False
        ),
        flush=True,
    )


def new_station(folder: Path) -> Station:
    return Station.create(
        folder, name="孟定镇芒艾村电商服务站", manager_name="岩温", manager_pin="123456"
    )


def _buy(st: Station, i: int) -> None:
    st.produce.buy(
        seller=f"村民{i % 300}",
        product=PRODUCTS[i % len(PRODUCTS)],
        grade=GRADES[i % len(GRADES)],
        quantity=f"{10 + i % 40}.{i % 10}",
        unit="斤",
        unit_price="3.55",
        paid="cash",
    )


def shape(size: int) -> dict[str, int]:
    """A station of ``size`` purchases: a tenth as many orders, a 25th as many households."""
    return {"purchases": size, "orders": size // 10, "households": max(1, size // 25)}


def build_station(st: Station, size: int) -> None:
    """Three years of activity: households, then orders and purchases in batches."""
    counts = shape(size)
    register_households(st, counts["households"])
    write_orders(st, counts["orders"], counts["households"])
    write_purchases(st, size, counts["households"], PRODUCTS, GRADES)


def p99(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.99) - 1)]


def measure(st: Station, size: int, *, quick: bool) -> list[Figure]:
    """The figures of one station of ``size`` earlier purchases."""
    buys = timed(lambda i: _buy(st, size + i), 20 if quick else 200)
    figures: list[Figure] = [
        ("produce.buy", statistics.median(buys), "ms", "median", 50),
        ("produce.buy", p99(buys), "ms", "p99", 50),
    ]
    for name, read in (
        ("produce.stock", lambda _: st.produce.stock()),
        ("produce.today", lambda _: st.produce.purchases_on()),
        ("produce.home", lambda _: st.produce.day_totals()),
    ):
        reads = timed(read, 10 if quick else 50)
        figures.append((name, statistics.median(reads), "ms", "median", 20))
        figures.append((name, max(reads), "ms", "max", 20))
    figures += voucher_figures(st, 5 if quick else 30)
    figures += household_figures(st, 5 if quick else 20)
    return figures


def station_figures(sizes: list[int], *, quick: bool) -> None:
    """Every size's station figures beside the empty station's, then the county's ingest of
    each station's log (baseline: the same push without the read models)."""
    results: dict[int, list[Figure]] = {}
    events: dict[int, list] = {}
    for size in [0, *sizes]:
        with tempfile.TemporaryDirectory() as folder:
            st = new_station(Path(folder) / "station")
            try:
                build_station(st, size)
                results[size] = measure(st, size, quick=quick)
                events[size] = wire(st) if size else []
            finally:
                st.close()
    baseline = {(bench, stat): value for bench, value, _, stat, _ in results[0]}
    for size in sizes:
        for bench, value, unit, stat, target in results[size]:
            emit(
                bench,
                value,
                unit,
                stat=stat,
                **shape(size),
                target=target,
                baseline=round(baseline[(bench, stat)], 4),
                baseline_of=EMPTY,
            )
    for size in sizes:
        pushed = events.pop(size)
        without = events_per_second(pushed, read_models=False)
        rate = events_per_second(pushed, read_models=True)
        emit(
            "county.ingest_sqlite",
            rate,
            "events/s",
            stat="rate",
            events=len(pushed),
            **shape(size),
            target=5_000,
            baseline=round(without, 4),
            baseline_of="the same push without the read models",
        )


def scale(frame_counts: list[int]) -> None:
    for frames in frame_counts:
        for bench, value, unit, stat, target, bare in scale_figures(frames):
            emit(
                bench,
                value,
                unit,
                stat=stat,
                frames=frames,
                target=target,
                baseline=round(bare, 4),
                baseline_of="the same frames through a bare pty",
                screen="frame to label: tests/test_ui_produce_scale.py",
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    args = parser.parse_args()
    sizes = [200, 1_000] if args.quick else args.sizes
    install_chinese()
    station_figures(sizes, quick=args.quick)
    if sys.platform != "win32":  # the pty indicator is POSIX only
        scale([3, 10] if args.quick else [20, 200])


if __name__ == "__main__":
    main()
