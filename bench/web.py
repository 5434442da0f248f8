"""The supervisor web's monthly report and its biggest export; one JSON object per line:
{"bench", "value", "unit", "rows", "baseline", "database"}.

    python bench/web.py                        # 10,000 and 100,000 household log rows
    python bench/web.py --sizes 2000 20000     # a quick look
    python bench/web.py --database postgresql  # a throwaway PostgreSQL cluster (tests/county_db.py)

A county on SQLite (or PostgreSQL) served by the real app (uvicorn in a thread of this process,
requests over HTTP, a supervisor logged in through the form). The rows are inserted DIRECTLY
into the read model tables for the bench only (no events behind them: pushing 100,000 events
through ingest would measure ingest): a township of 40 stations with ``size`` household log
rows in last month, and 20 stations in another township with a tenth as many (which the
supervisor's export must leave out); half as many parcels, a tenth as many orders, the produce
days and the activity days of every station (three of them silent). Each figure is the best
of three runs:

- ``web.report``: /web/report for last month, the township's 40 stations, whole page received
  (issue: ≤ 2 s); ``baseline`` the issue's limit;
- ``web.export.household_log``: /web/exports/household-log.xlsx, every row of the township's
  stations in last month, received to the last byte (issue: ≤ 10 s for 100,000); ``baseline``
  the issue's limit;
- ``web.households``: /web/households for the month's year (帮扶台账: villages, income per
  month, a registry of 2,000 households), read from the monthly totals kept at ingest
  (``county_household_months``, filled here from the log rows as ingest would have kept it);
  ``baseline`` the same figure at the smallest size: equal within noise when the page does not
  grow with the township's traffic;
- ``web.export.household_log.peak_memory``: the most memory Python held (tracemalloc, over every
  thread: the server's and the client's) during one export, above what it held before it;
  ``baseline`` the same figure at the smallest size — equal within noise when the memory does
  not grow with the rows.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import requests
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stationapp.core import clock
from sync.server.lines.common import insert_rows
from sync.server.stations import create_station
from sync.server.tables import (
    county_household_log,
    county_household_months,
    county_orders,
    county_parcels,
    county_produce_days,
    county_station_days,
    households,
)
from sync.server.users import Passwords, add_user
from sync.server.web.queries.report import Month, last_month
from tests.county_server import LoopbackCounty
from tests.web_helpers import CHEAP, PASSWORD, csrf_of

TOWNSHIP, OTHER = "孟定镇", "勐永镇"
STATIONS, OTHER_STATIONS = 40, 20
REPORT_LIMIT_S, EXPORT_LIMIT_S = 2.0, 10.0
RUNS = 3
REGISTRY = 2_000  # households of the township; the log rows are spread over them


def fill(county: LoopbackCounty, size: int, month: Month) -> None:
    """Stations, and the read models' rows of ``month``, inserted as they would stand."""
    storage = county.storage
    secret = county.settings.token_secret
    ids = {
        place: [
            create_station(storage, secret, name=f"{place}第{n}村电商服务站", township=place,
                           village=f"第{n}村")[0]
            for n in range(count)
        ]
        for place, count in ((TOWNSHIP, STATIONS), (OTHER, OTHER_STATIONS))
    }  # fmt: skip
    add_user(storage, name="mengding", role="supervisor", township=TOWNSHIP, password=PASSWORD,
             passwords=Passwords(storage, hasher=CHEAP))  # fmt: skip
    every = ids[TOWNSHIP] + ids[OTHER]
    days = int(month.last[-2:])
    with storage.engine.begin() as conn:
        mine, theirs = ids[TOWNSHIP], ids[OTHER]
        for first in range(0, size, 10_000):
            insert_rows(conn, county_household_log, [_log_row(n, mine, month) for n in
                        range(first, min(size, first + 10_000))])  # fmt: skip
            parcels = range(first // 2, min(size, first + 10_000) // 2)
            insert_rows(conn, county_parcels, [_parcel(n, every, month) for n in parcels])
        insert_rows(
            conn,
            county_household_log,  # the other township's: never in the export
            [_log_row(n, theirs, month) for n in range(size, size + size // 10)],
        )
        insert_rows(conn, households, [_household(n) for n in range(REGISTRY)])
        _add_up_months(conn)
        insert_rows(conn, county_orders, [_order(n, every, month) for n in range(size // 10)])
        conn.execute(
            county_station_days.insert(),
            [
                {"station_id": s, "day": f"{month.name}-{d:02d}", "line": line, "count": 7}
                for s in every[:-3]  # three stations silent
                for d in range(1, days + 1)
                for line in ("parcel", "produce", "household")
            ],
        )
        conn.execute(
            county_produce_days.insert(),
            [
                {"station_id": s, "day": f"{month.name}-{d:02d}", "kind": kind, "product": "tea",
                 "grade": "一级", "unit": "斤", "product_name": "普洱茶鲜叶", "count": 3,
                 "quantity_milli": 37_500, "amount_fen": 144_000}
                for s in every for d in range(1, days + 1) for kind in ("bought", "sold")
            ],
        )  # fmt: skip


def _add_up_months(conn) -> None:
    """The monthly totals per household and station, as ingest keeps them beside the log."""
    m = county_household_months.c
    log = county_household_log.c
    figures = ("paid_in_fen", "paid_out_fen", "income_fen", "bought_fen", "fee_waived_fen")
    month = sa.func.substr(log.day, 1, 7)
    conn.execute(
        county_household_months.insert().from_select(
            [m.household_id, m.station_id, m.month, m["count"], *(m[f] for f in figures),
             m.services],
            sa.select(log.household_id, log.station_id, month, sa.func.count(),
                      *(sa.func.sum(log[f]) for f in figures), sa.literal(0))
            .group_by(log.household_id, log.station_id, month),
        )
    )  # fmt: skip


def _household(n: int) -> dict:
    return {
        "household_no": _household_no(n), "township": TOWNSHIP, "village": f"第{n % 20}村",
        "natural_village": "", "head_name": f"岩{n}", "id_masked": "", "id_hash": f"h{n}",
        "members": 4, "household_type": "脱贫户", "monitoring_type": "", "risk_cleared": False,
        "causes": "[]", "phone_masked": "", "updated_at": "2026-01-01T00:00:00+08:00",
        "id_tag": None,
    }  # fmt: skip


def _household_no(n: int) -> str:
    return f"5309260101{n % REGISTRY:04d}"


def _log_row(n: int, stations: list[str], month: Month) -> dict:
    day = f"{month.name}-{n % 28 + 1:02d}"
    return {
        "station_id": stations[n % len(stations)], "event_id": f"e{n:09d}",
        "household_id": _household_no(n), "type": "produce.bought", "day": day,
        "occurred_at": f"{day}T10:{n % 60:02d}:00.000+08:00", "operator": "op1",
        "person": "岩温香", "paid_in_fen": 0, "paid_out_fen": 48_000, "income_fen": 48_000,
        "bought_fen": 48_000, "fee_waived_fen": 0, "service": "", "product": "普洱茶鲜叶",
        "grade": "一级", "quantity": "12.5", "unit": "斤", "unit_price_fen": 3_840,
    }  # fmt: skip


def _parcel(n: int, stations: list[str], month: Month) -> dict:
    at = f"{month.name}-{n % 28 + 1:02d}T09:00:00.000+08:00"
    return {"station_id": stations[n % len(stations)], "parcel_id": f"p{n}", "waybill": f"YT{n}",
            "carrier": "yto", "household_id": "", "state": "picked_up" if n % 3 else "waiting",
            "received_at": at, "ended_at": at if n % 3 else None}  # fmt: skip


def _order(n: int, stations: list[str], month: Month) -> dict:
    at = f"{month.name}-{n % 28 + 1:02d}T11:00:00.000+08:00"
    return {"station_id": stations[n % len(stations)], "order_id": f"o{n}", "order_no": f"D{n}",
            "state": "delivered", "household_id": "", "platform": "拼多多", "quoted_fen": 8_900,
            "paid_fen": 8_500, "fee_fen": 300, "fee_waived_fen": 0, "created_at": at,
            "updated_at": at}  # fmt: skip


def best(runs: int, step: Callable[[], int]) -> tuple[float, int]:
    """The fastest of ``runs`` calls of ``step`` (seconds), and what the last one returned."""
    times, answer = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        answer = step()
        times.append(time.perf_counter() - started)
    return min(times), answer


def received(session: requests.Session, url: str) -> int:
    """The bytes of an answer, read to the end in pieces (none kept)."""
    with session.get(url, stream=True, timeout=120) as answer:
        answer.raise_for_status()
        return sum(len(piece) for piece in answer.iter_content(64 * 1024))


def measure(kind: str, size: int, folder: Path, smallest: dict[str, float]) -> dict[str, float]:
    """The figures at one size; ``smallest``: those of the smallest size (the baselines)."""
    month = Month.of(last_month(clock.business_day()))
    with LoopbackCounty.on(kind, folder / f"county-{size}") as county:
        fill(county, size, month)
        session = requests.Session()
        form = session.get(county.base_url + "/web/login", timeout=10)
        session.post(county.base_url + "/web/login", timeout=10, data={
            "csrftoken": csrf_of(form.text), "name": "mengding", "password": PASSWORD})  # fmt: skip
        report_url = f"{county.base_url}/web/report?month={month.name}"
        export_url = f"{county.base_url}/web/exports/household-log.xlsx?month={month.name}"
        seconds, _ = best(RUNS, lambda: received(session, report_url))
        emit("web.report", seconds, "s", size, REPORT_LIMIT_S, kind)
        households_url = f"{county.base_url}/web/households?year={month.name[:4]}"
        page_s, _ = best(RUNS, lambda: received(session, households_url))
        emit("web.households", page_s, "s", size, smallest.get("households"), kind)
        seconds, size_bytes = best(RUNS, lambda: received(session, export_url))
        emit("web.export.household_log", seconds, "s", size, EXPORT_LIMIT_S, kind)
        emit("web.export.household_log.bytes", size_bytes, "bytes", size, None, kind)
        tracemalloc.start()
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        received(session, export_url)
        peak = (tracemalloc.get_traced_memory()[1] - before) / 1e6
        tracemalloc.stop()
        emit("web.export.household_log.peak_memory", round(peak, 2), "MB", size,
             smallest.get("peak"), kind)  # fmt: skip
        return {"households": round(page_s, 3), "peak": round(peak, 2)}


def emit(
    bench: str, value: float, unit: str, rows: int, baseline: float | None, database: str
) -> None:
    value = round(value, 3) if isinstance(value, float) else value
    print(json.dumps({"bench": bench, "value": value, "unit": unit, "rows": rows,
                      "baseline": baseline, "database": database}), flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        smallest: dict[str, float] = {}
        for size in sorted(arguments.sizes):
            figures = measure(arguments.database, size, Path(folder), smallest)
            smallest = smallest or figures


if __name__ == "__main__":
    main()
