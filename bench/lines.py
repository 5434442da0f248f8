"""The new business lines' benchmarks; one JSON object per line: {"bench", "value", "unit", ...}.

    python bench/lines.py                       # 5,000 and 50,000 purchases
    python bench/lines.py --sizes 2000 20000    # a quick look

Produce (收购/代销):
- purchase: ``st.produce.buy`` through the facade to its event, each its own transaction with its
  row and the stock moved (median, p99), on a station of each size;
- the stock and today's figures read on stations of 5,000 and 50,000 earlier purchases (median,
  slowest of 50 reads): the stock is a running table and today's purchases are found by their
  index, so neither should grow with the history.

The history is written as the facade writes it (the same ``produce.bought`` payloads, projected
as they are appended), 2,000 events to a transaction, spread over the earlier days.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stationapp.core import Station, clock, ids  # noqa: E402

PRODUCTS = ("大米", "八月瓜", "甘蔗", "茶叶", "核桃", "鸡蛋", "蜂蜜", "香蕉")
GRADES = ("特级", "一级", "二级", "统货")
CHUNK = 2_000
PER_DAY = 60  # purchases a busy station makes in a day


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


def build_history(st: Station, count: int) -> None:
    """``count`` purchases over the days before today, as the facade's events."""
    _buy(st, 0)
    template = st.log.events_of(st.produce.purchases_on().purchases[0].id)[0].payload
    operator = st.session.require_operator().id
    start = clock.now() - timedelta(days=count // PER_DAY + 2)
    for first in range(0, count, CHUNK):
        with st.log.batch() as batch:
            for i in range(first, min(count, first + CHUNK)):
                payload = dict(template)
                payload["product"] = payload["product_name"] = PRODUCTS[i % len(PRODUCTS)]
                payload["grade"] = GRADES[i % len(GRADES)]
                moment = start + timedelta(days=i // PER_DAY, minutes=i % PER_DAY)
                batch.append(
                    "produce.bought",
                    entity_id=ids.uuid7(),
                    payload=payload,
                    operator=operator,
                    occurred_at=clock.format_iso(moment),
                )


def timed(action, times: int) -> list[float]:
    spent = []
    for i in range(times):
        begin = time.perf_counter()
        action(i)
        spent.append((time.perf_counter() - begin) * 1000)
    return spent


def p99(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.99) - 1)]


def measure(st: Station, size: int) -> None:
    """The figures of one station of ``size`` earlier purchases."""
    extra = {"purchases": size}
    buys = timed(lambda i: _buy(st, size + i), 200)
    emit("produce.buy", statistics.median(buys), "ms", stat="median", **extra)
    emit("produce.buy", p99(buys), "ms", stat="p99", **extra)
    for name, read in (
        ("produce.stock", lambda _: st.produce.stock()),
        ("produce.today", lambda _: st.produce.purchases_on()),
        ("produce.home", lambda _: st.produce.day_totals()),
    ):
        reads = timed(read, 50)
        emit(name, statistics.median(reads), "ms", stat="median", **extra)
        emit(name, max(reads), "ms", stat="max", **extra)


def produce(sizes: list[int]) -> None:
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            st = new_station(Path(folder) / "station")
            try:
                build_history(st, size)
                measure(st, size)
            finally:
                st.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    args = parser.parse_args()
    produce(args.sizes)


if __name__ == "__main__":
    main()
