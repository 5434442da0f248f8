"""The supervisor web's page speed on a demo county of two sizes; one JSON object per line.

    python bench/web_pages.py                              # 40×90 and 300×90, SQLite and PostgreSQL
    python bench/web_pages.py --sizes 40x90 300x90 --db sqlite --requests 30
    python bench/web_pages.py --quick                      # 6×10 and 12×10, a smoke run

Each size is a demo county (``sync.server.demo``: 耿马's three townships, N village points, D
days of each point's work, about ``--per-day`` events a point and day, households registered).
Its events are pushed in batches of 500 through ``sync.server.ingest.push`` in this process —
the same ingest the push route calls, without HTTP and tokens, so a big county is built in
minutes (``county-center seed-demo`` and tests/test_seed_county.py push over HTTP).

Then ``county-center serve`` runs in its own process over that database and the supervisor of
孟定镇 (logged in through the form) asks for every page and JSON answer a supervisor has (the
GET routes of the web's routers under /web and /api/v1/supervise, less the admin's, the login,
the receipt check and the monthly report and exports, which bench/web.py times): warm (three
requests first), ``--requests`` timed each, p95 and median in ms. ``baseline`` is the same page
at the smaller size (``/healthz`` at the smaller size itself); ``growth.*`` lines give the ratio.

Ingest with and without the read models: at each size, after the seeding, two more points'
histories are pushed into the full county with the read models on, then off (twice each, the
best kept), so both rates are measured against a database of that size. PostgreSQL is the
throwaway cluster of tests/county_db.py (or ``COUNTY_TEST_DATABASE_URL``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]  # the project's ``sync`` package, not bench/sync.py

import requests  # noqa: E402
import sqlalchemy as sa  # noqa: E402

from sync.server import lines  # noqa: E402
from sync.server.demo.seeding import (  # noqa: E402
    SeededStation,
    SeedPlan,
    history_of,
    local_pusher,
    prepare_county,
    seed_county,
)
from sync.server.settings import ensure_secret_file, load_settings  # noqa: E402
from sync.server.storage import Storage  # noqa: E402
from sync.server.tables import county_household_months, households  # noqa: E402

TARGET_MS = 300
TOWNSHIP, SUPERVISOR = "孟定镇", "mengding"
SKIPPED = ("/web/admin", "/web/login", "/web/logout", "/web/report", "/web/exports", "/r/")
EXTRA_STATIONS = 2


def emit(bench: str, value: float, unit: str, **extra: Any) -> None:
    line = {"bench": bench, "value": round(value, 2), "unit": unit, **extra}
    print(json.dumps(line, ensure_ascii=False), flush=True)


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


# --- the county: a database, seeded; then served ------------------------------------------------


@contextlib.contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    from tests.county_db import county_database

    with county_database(kind, folder) as url:
        yield url


def seeded(folder: Path, url: str, plan: SeedPlan) -> tuple[Any, float, tuple[float, float]]:
    """The demo county in ``url``: (seed report, events/s of the seeding's ingest, ingest
    events/s into the full county with the read models on and off)."""
    ensure_secret_file(folder)
    settings = load_settings(folder, url)
    storage = Storage.open(settings)
    try:
        report = prepare_county(storage, settings, plan)
        seed_county(report, plan, local_pusher(storage, plan.batch))
        rates = ingest_rates(storage, settings, report, plan)
    finally:
        storage.close()
    return report, report.events / report.push_seconds, rates


def ingest_rates(
    storage: Storage, settings: Any, report: Any, plan: SeedPlan
) -> tuple[float, float]:
    """Two more points' histories pushed into the full county, read models on and off."""
    from sync.server.stations import create_station

    best: dict[bool, float] = {True: 0.0, False: 0.0}
    saved = lines.READ_MODELS
    model = report.stations[0]
    try:
        for attempt in range(EXTRA_STATIONS):
            for on in (True, False):
                station_id, code = create_station(
                    storage, settings.token_secret, name=f"测试点{attempt}{on}", township=TOWNSHIP,
                    village=model.plan.village,
                )  # fmt: skip
                demo = replace(model.plan, index=10_000 + 2 * attempt + on)  # its own history
                extra = SeededStation(demo, station_id, code)
                events = history_of(report, extra, plan)
                lines.READ_MODELS = saved if on else ()
                started = time.perf_counter()
                local_pusher(storage, plan.batch)(extra, events, _NO_SKEW)
                best[on] = max(best[on], len(events) / (time.perf_counter() - started))
    finally:
        lines.READ_MODELS = saved
    return best[True], best[False]


class Served:
    """``county-center serve`` over the database, in its own process."""

    def __init__(self, folder: Path, url: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTY_CENTER_")}
        env["PYTHONPATH"] = str(ROOT)
        command = [sys.executable, "-m", "sync.server.cli", "--data-dir", str(folder)]
        command += ["--database-url", url, "serve", "--port", str(self.port)]
        self.log = open(folder / "serve.log", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(command, stdout=self.log, stderr=self.log, env=env)
        self.base_url = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(self.base_url + "/healthz", timeout=5).ok:
                    return
            try:  # wait on the server's process itself: it ends only if it failed to start
                self.process.wait(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                continue
        self.stop()
        raise RuntimeError((folder / "serve.log").read_text(errors="replace"))

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
        self.log.close()


def supervisor_paths(storage: Storage, report: Any, month: str) -> list[str]:
    """Every GET page and JSON answer of a supervisor, its path parameters filled with the
    township's busiest station and the household it served most."""
    from sync.server.web import ROUTERS

    mine = report.by_township[TOWNSHIP]
    busiest = max((s for s in report.stations if s.id in mine), key=lambda s: s.events).id
    with storage.engine.connect() as conn:
        household = conn.execute(
            sa.select(county_household_months.c.household_id)
            .join(households, households.c.household_no == county_household_months.c.household_id)
            .where(households.c.township == TOWNSHIP)
            .order_by(county_household_months.c.count.desc())
            .limit(1)
        ).scalar_one()
    paths = []
    for router in ROUTERS:
        for route in router.routes:
            path = getattr(route, "path", "")
            if "GET" not in getattr(route, "methods", ()) or path.startswith(SKIPPED):
                continue
            if not path.startswith(("/web", "/api/v1/supervise")):
                continue
            path = path.replace("{station_id}", busiest).replace("{household_no}", household)
            if path.endswith("/produce"):
                path += f"?month={month}"
            paths.append(path)
    return sorted(set(paths))


def timed_pages(base_url: str, password: str, paths: list[str], count: int) -> dict[str, tuple]:
    """(p95, median, status) in ms of each path, warm, for the logged-in supervisor."""
    from tests.web_helpers import csrf_of

    session = requests.Session()
    form = session.get(base_url + "/web/login", timeout=30)
    session.post(
        base_url + "/web/login",
        data={"csrftoken": csrf_of(form.text), "name": SUPERVISOR, "password": password},
        timeout=30,
    ).raise_for_status()
    found = {}
    for path in ["/healthz", *paths]:
        for _ in range(3):
            status = session.get(base_url + path, timeout=120).status_code
        times = []
        for _ in range(count):
            started = time.perf_counter()
            session.get(base_url + path, timeout=120)
            times.append((time.perf_counter() - started) * 1000)
        found[path] = (p95(times), statistics.median(times), status)
    return found


_NO_SKEW = timedelta(0)


def run_size(kind: str, stations: int, days: int, args: argparse.Namespace) -> dict[str, Any]:
    plan = SeedPlan(stations=stations, days=days, per_day=args.per_day, seed=args.seed)
    with tempfile.TemporaryDirectory(prefix="web-pages-") as name:
        folder = Path(name)
        with database(kind, folder / "db") as url:
            started = time.perf_counter()
            report, rate, (on, off) = seeded(folder, url, plan)
            built = time.perf_counter() - started
            tags = {"stations": stations, "days": days, "events": report.events, "db": kind}
            emit("seed.ingest", rate, "events/s", **tags, seconds=round(built, 1))
            emit("ingest.read_models_on", on, "events/s", **tags,
                 baseline=round(off, 1), baseline_of="read models off")  # fmt: skip
            emit("ingest.read_models_off", off, "events/s", **tags)
            settings = load_settings(folder, url)
            storage = Storage.open(settings)
            try:
                paths = supervisor_paths(storage, report, _last_month())
            finally:
                storage.close()
            served = Served(folder, url)
            try:
                timings = timed_pages(served.base_url, report.users[SUPERVISOR][1], paths,
                                      args.requests)  # fmt: skip
            finally:
                served.stop()
    return {"tags": tags, "timings": timings}


def _last_month() -> str:
    from stationapp.core import clock

    return f"{clock.business_day():%Y-%m}"


def normalized(path: str) -> str:
    """A path without its ids (the two sizes' stations and households differ)."""
    parts = path.split("?")[0].split("/")
    return "/".join("{id}" if len(p) > 12 and any(c.isdigit() for c in p) else p for p in parts)


def report_sizes(results: list[dict[str, Any]]) -> None:
    small = {normalized(p): t for p, t in results[0]["timings"].items()}
    for n, result in enumerate(results):
        tags = result["tags"]
        for path, (p95_ms, median, status) in result["timings"].items():
            key = normalized(path)
            baseline = small[key][0] if n else result["timings"]["/healthz"][0]
            of = "the smaller county" if n else "/healthz"
            emit(f"page.{key}", p95_ms, "ms", stat="p95", median=round(median, 2),
                 status=status, target=TARGET_MS, baseline=round(baseline, 2),
                 baseline_of=of, **tags)  # fmt: skip
            if n and key in small:
                emit(f"growth.{key}", p95_ms / small[key][0], "×", **tags)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["40x90", "300x90"], help="STATIONSxDAYS")
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--requests", type=int, default=25)
    parser.add_argument("--per-day", type=float, default=28.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--quick", action="store_true", help="6x10 and 12x10, 20 requests")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.requests = ["6x10", "12x10"], 20
    emit("load", os.getloadavg()[0], "load", cores=os.cpu_count())
    try:
        for kind in args.db.split(","):
            results = []
            for size in args.sizes:
                stations, days = (int(x) for x in size.split("x"))
                results.append(run_size(kind, stations, days, args))
            report_sizes(results)
    finally:
        from tests.county_db import stop_postgres

        stop_postgres()


if __name__ == "__main__":
    main()
