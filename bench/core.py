"""Foundation benchmarks; one JSON object per line: {"bench", "value", "unit", ...}.

    python bench/core.py                      # everything, 1,000,000 events for verify
    python bench/core.py --verify-events 100000 --skip-startup

- startup: cold start (a new process) to the main window shown, offscreen, median of N runs;
  and the RSS of that process once the window is shown.
- append: an event with its projection under synchronous=FULL, against a bare one-row
  insert+commit with the same pragmas, measured in the same run (ratio must be <= 4).
- verify: the chain check and the rebuild-compare over a station of many events, with the
  growth of the peak RSS while verifying (it must stream, not load the log into memory).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from stationapp.core import Station  # noqa: E402
from stationapp.core.store import apply_pragmas, connect  # noqa: E402


def emit(bench: str, value: float, unit: str, **extra: object) -> None:
    print(
        json.dumps(
            {"bench": bench, "value": round(value, 4), "unit": unit, **extra}, ensure_ascii=False
        ),
        flush=True,
    )


def new_station(folder: Path) -> Station:
    return Station.create(
        folder,
        name="孟定镇芒艾村电商服务站",
        manager_name="岩温",
        manager_pin="123456",
        phone="0883-6123456",
    )


def bench_append(folder: Path, rounds: int) -> None:
    bare_conn = connect(folder / "bare.db")
    apply_pragmas(bare_conn)
    bare_conn.execute(
        "CREATE TABLE t (id TEXT PRIMARY KEY, seq INTEGER UNIQUE, type TEXT, payload TEXT,"
        " hash TEXT)"
    )
    station = new_station(folder / "station")
    bare: list[float] = []
    append: list[float] = []
    # interleaved, so both see the same disk and the same noise from the rest of the machine
    for i in range(rounds):
        started = time.perf_counter()
        bare_conn.execute("BEGIN IMMEDIATE")
        bare_conn.execute(
            "INSERT INTO t VALUES (?, ?, ?, ?, ?)",
            (f"id-{i}", i, "settings.changed", '{"key":"idle_lock_minutes"}', "0" * 64),
        )
        bare_conn.execute("COMMIT")
        bare.append(time.perf_counter() - started)
        started = time.perf_counter()
        station.settings.set("idle_lock_minutes", 1 + i % 200)
        append.append(time.perf_counter() - started)
    bare_conn.close()
    station.close()
    bare_ms = statistics.median(bare) * 1000
    append_ms = statistics.median(append) * 1000
    emit("append.bare_insert_commit", bare_ms, "ms", rounds=rounds, stat="median")
    emit("append.event_with_projection", append_ms, "ms", rounds=rounds, stat="median")
    emit("append.ratio", append_ms / bare_ms, "x", target="<= 4")


def fill_events(station: Station, count: int) -> None:
    """Many events quickly: 10,000 to a transaction (the same appends, fewer fsyncs)."""
    written = station.events.count()
    value = 0
    while written < count:
        with station.log.batch() as batch:
            for _ in range(min(10_000, count - written)):
                value = value % 200 + 1
                batch.append(
                    "settings.changed",
                    entity_id="setting:idle_lock_minutes",
                    payload={"key": "idle_lock_minutes", "value": value, "old": None},
                    operator=station.operator.id,
                )
                written += 1


def bench_verify(folder: Path, count: int) -> None:
    station = new_station(folder / "big")
    started = time.perf_counter()
    fill_events(station, count)
    emit("verify.fill", time.perf_counter() - started, "s", events=count)
    size = sum(p.stat().st_size for p in (folder / "big").glob("station.db*"))
    emit("verify.db_size", size / 1e6, "MB", events=count)
    started = time.perf_counter()
    chain = station.events.verify(rebuild=False)
    emit("verify.chain_only", time.perf_counter() - started, "s", events=count, ok=chain.ok)
    station.close()
    # the full verify in a fresh process, so its peak RSS is its own (it must stream)
    code = (
        "import json, resource, sys, time; from stationapp.core import Station;"
        "st = Station.open(sys.argv[1]); t = time.perf_counter(); r = st.events.verify();"
        "print(json.dumps({'s': time.perf_counter() - t, 'ok': r.ok,"
        " 'rss': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(folder / "big")],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        check=True,
    )
    full = json.loads(out.stdout)
    emit(
        "verify.full",
        full["s"],
        "s",
        events=count,
        ok=full["ok"],
        events_per_s=round(count / full["s"]),
    )
    emit("verify.peak_rss", full["rss"], "MB", events=count, note="whole process")


def bench_startup(folder: Path, runs: int) -> None:
    data = folder / "startup"
    new_station(data).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    times, rss = [], []
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "startup_child.py"), str(data)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        elapsed = time.perf_counter() - started
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        report = json.loads(out.stdout.strip().splitlines()[-1])
        times.append(elapsed if report.get("shown") else float("nan"))
        rss.append(report["rss_mb"])
    emit(
        "startup.to_main_window",
        statistics.median(times),
        "s",
        runs=runs,
        stat="median",
        target="<= 0.8",
    )
    emit("startup.rss", statistics.median(rss), "MB", runs=runs, target="<= 150")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--append-rounds", type=int, default=500)
    parser.add_argument("--verify-events", type=int, default=1_000_000)
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--skip-startup", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-core-", dir=os.environ.get("BENCH_DIR")) as d:
        folder = Path(d)
        if not args.skip_startup:
            bench_startup(folder, args.startup_runs)
        bench_append(folder, args.append_rounds)
        bench_verify(folder, args.verify_events)


if __name__ == "__main__":
    main()
