"""Sync benchmarks (issue 4); one JSON object per line: {"bench", "value", "unit", ...}.

    python bench/sync.py                      # everything (about 6 minutes on 2 shared cores)
    python bench/sync.py --quick              # small sizes, about 1 minute (a smoke run)
    python bench/sync.py --only wire,offline  # some parts: wire, offline, ingest, registry
    python bench/sync.py --database-url postgresql://user@host/db   # ingest on that PostgreSQL

Real parts only: the county center is `county-center serve` (uvicorn) in its own process on
127.0.0.1, the stations are `stationapp.core.Station`s in temp folders, and they sync through
`StationSync` and `sync.client.CountyClient`.

- wire: bytes of the gzip'd push bodies per event, for a station with a month of parcel traffic
  (received, SMS queued, sent through the file provider, picked up), against the same events as
  plain gzip'd JSON (whole wire events with hashes and station_id, one array, gzip -6), and the
  bytes of the same events in other encodings (what each field costs);
- offline: that month (about 20,000 events) synced through `bench/throttle.py`'s proxy at
  256 kbit/s each way with 300 ms round trips; target 1.2 × bytes ÷ link rate + 1 s;
- ingest: 50 enrolled stations, each in its own process, push their events at the same moment;
  events/s, errors, push latency; on SQLite and on a throwaway PostgreSQL cluster (PostgreSQL 15
  binaries, run as the `postgres` user when we are root) or the one `--database-url` names;
- registry: a 100,000-household registry imported at the county reaching a fresh station
  (see :func:`bench_registry`).

The month of traffic runs on a simulated clock, and record ids (UUIDv7) follow that clock too, so
ids, times and their spread are what a real station's month gives (ids made in one burst of real
time would compress better than real ones).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gzip
import heapq
import itertools
import json
import multiprocessing
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # before bench/: `sync` is the project's package, not this file

from throttle import ThrottleProxy  # noqa: E402

from stationapp.core import Station  # noqa: E402
from stationapp.core import clock as station_clock  # noqa: E402
from stationapp.core import ids as station_ids  # noqa: E402
from stationapp.core.events import GENESIS_HASH, event_hash  # noqa: E402
from stationapp.core.sync.facade import StationSync  # noqa: E402
from stationapp.core.sync.push import wire_event  # noqa: E402

MANAGER, MANAGER_PIN = "岩温", "123456"
LINK_BYTES_S = 256_000 / 8  # 256 kbit/s
ONE_WAY_DELAY_S = 0.150  # 300 ms round trips
POSTGRES_BIN = Path("/usr/lib/postgresql/15/bin")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")


def emit(bench: str, value: float, unit: str, **extra: object) -> None:
    print(
        json.dumps(
            {"bench": bench, "value": round(value, 4), "unit": unit, **extra}, ensure_ascii=False
        ),
        flush=True,
    )


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def process_cpu_seconds(pid: int, *, children: bool = False) -> float:
    """User + system CPU of a process (and of its children it has waited for)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- a month of parcel traffic ------------------------------------------------------------------

SURNAMES = "岩玉依刀罕张李王杨赵陈段朱番"
GIVEN_NAMES = ["温", "香", "叫", "应", "明", "华", "芳", "强", "丽", "勇", "艳", "军", "梅", "光"]
# (carrier, share in %, waybill form): letter forms name their carrier, digit forms overlap
CARRIERS: list[tuple[str, int, Callable[[random.Random], str]]] = [
    ("ZTO", 25, lambda r: f"7{r.randint(3, 9)}{r.randrange(10**12):012d}"),
    ("YTO", 20, lambda r: f"YT{r.randrange(10**13):013d}"),
    ("YUNDA", 15, lambda r: f"{r.choice('34')}{r.randrange(10**14):014d}"),
    ("JT", 15, lambda r: f"JT{r.randrange(10**13):013d}"),
    ("STO", 10, lambda r: f"77{r.randrange(10**13):013d}"),
    ("EMS", 8, lambda r: f"9{r.randrange(10**12):012d}"),
    ("SF", 5, lambda r: f"SF{r.randrange(10**13):013d}"),
    ("JD", 2, lambda r: f"JDV{r.randrange(10)}{r.randrange(10**11):011d}"),
]
SLOTS = [(shelf, layer) for shelf in "ABCD" for layer in range(1, 7)]


@contextmanager
def simulated_time(start: datetime) -> Iterator[station_clock.ManualClock]:
    """The station's clock AND its record ids follow a manual clock (ids carry their time)."""
    fake = station_clock.ManualClock(start)
    real_unix_ms = station_ids._unix_ms
    station_clock.set_clock(fake)
    station_ids._unix_ms = lambda: int(fake.current.timestamp() * 1000)
    try:
        yield fake
    finally:
        station_clock.set_clock(None)
        station_ids._unix_ms = real_unix_ms


def new_station(folder: Path) -> Station:
    return Station.create(
        folder,
        name="孟定镇芒艾村电商服务站",
        manager_name=MANAGER,
        manager_pin=MANAGER_PIN,
        phone="0883-6123456",
    )


def deliver_texts(station: Station) -> None:
    """Send what the outbox holds through the file provider, as the SMS worker would."""
    from stationapp.core.sms import facade as sms
    from stationapp.core.sms.providers import station_provider

    provider = station_provider(station.settings.all(), station.data_dir)
    while sms.deliver_due(station.sms, provider, limit=500):
        pass


def build_month(folder: Path, *, parcels: int, days: int, seed: int = 4) -> Path:
    """A station with ``days`` of parcel traffic ending now: couriers drop parcels twice a day
    (scanned 5-20 s apart, one transaction each), arrival texts go out 10 minutes later through
    the file provider, each villager comes for all their parcels hours or days later.
    About four events per parcel. Returns the data folder (closed)."""
    rng = random.Random(seed)
    customers = [
        (
            f"13{rng.randint(0, 9)}{rng.randrange(10**8):08d}",
            rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
        )
        for _ in range(max(50, parcels // 4))
    ]
    carriers = [c for c in CARRIERS for _ in range(c[1])]
    per_day = parcels / days
    start = datetime.now(station_clock.SHANGHAI).replace(hour=8, minute=0, second=0, microsecond=0)
    start -= timedelta(days=days + 5)  # the last villagers come up to four days later
    with simulated_time(start) as fake:
        station = new_station(folder)
        station.settings.set("parcels.shelves", ", ".join(f"{s}:6" for s in "ABCD"))
        plan: list[tuple[datetime, int, str, Any]] = []  # (when, order, what, detail)
        order = 0

        def later(when: datetime, what: str, detail: Any = None) -> None:
            nonlocal order
            order += 1
            heapq.heappush(plan, (when, order, what, detail))

        for day in range(days):
            base = start + timedelta(days=day)
            today = round((day + 1) * per_day) - round(day * per_day)
            morning = today * 3 // 5
            for hour, count in ((9.5, morning), (15.0, today - morning)):
                if count > 0:
                    when = base.replace(hour=0) + timedelta(
                        hours=hour, minutes=rng.uniform(-20, 20)
                    )
                    later(when, "drop", count)
        visits: dict[str, datetime] = {}  # phone -> the visit planned for it
        slot = 0
        while plan:
            when, _, what, detail = heapq.heappop(plan)
            if when > fake.current:
                fake.current = when
            if what == "drop":
                for _ in range(detail):
                    fake.advance(seconds=rng.uniform(5, 20))
                    phone, name = rng.choice(customers)
                    carrier, _, form = rng.choice(carriers)
                    shelf, layer = SLOTS[(slot // 15) % len(SLOTS)]
                    slot += 1
                    station.parcels.receive(
                        waybill=form(rng),
                        recipient_phone=phone,
                        recipient_name=name,
                        carrier=carrier,
                        shelf=shelf,
                        layer=layer,
                    )
                    if phone not in visits:
                        visits[phone] = visit_time(fake.current, rng)
                        later(visits[phone], "visit", phone)
                later(fake.current + timedelta(minutes=11), "texts")
            elif what == "texts":
                deliver_texts(station)
            elif what == "visit":
                del visits[detail]
                waiting = [p.id for p in station.parcels.waiting_for(detail)]
                if waiting:
                    verified_by = rng.choices(["code", "phone", "id"], [70, 25, 5])[0]
                    station.parcels.pick_up(waiting, verified_by)
        data_dir = station.data_dir
        station.close()
    return data_dir


def visit_time(arrived: datetime, rng: random.Random) -> datetime:
    """When a villager comes for a parcel: half the same day, most of the rest the next."""
    roll = rng.random()
    hours = (
        rng.uniform(0.5, 6)
        if roll < 0.5
        else rng.uniform(18, 30)
        if roll < 0.85
        else rng.uniform(40, 96)
    )
    when = arrived + timedelta(hours=hours)
    if when.hour < 8 or when.hour >= 20:  # the station is closed: first thing next morning
        morning = when.replace(hour=8, minute=0) + timedelta(minutes=rng.uniform(0, 90))
        when = morning if when.hour < 8 else morning + timedelta(days=1)
    return when


def copy_station(template: Path, folder: Path) -> Station:
    shutil.copytree(template, folder, ignore=shutil.ignore_patterns("*.lock", "lock"))
    station = Station.open(folder)
    station.login(MANAGER, MANAGER_PIN)
    return station


# --- the county center, a real server in its own process -------------------------------------


class CountyServer:
    """`county-center serve` on 127.0.0.1 in a child process, and its storage opened here for
    creating stations and reading heads (the same database, as the CLI does)."""

    def __init__(self, folder: Path, database_url: str = "") -> None:
        self.folder = folder
        self.database_url = database_url
        self.port = 0
        self.process: subprocess.Popen | None = None
        self.storage: Any = None
        self.secret = ""

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> CountyServer:
        from sync.server.settings import ensure_secret_file, load_settings
        from sync.server.storage import Storage

        self.folder.mkdir(parents=True, exist_ok=True)
        ensure_secret_file(self.folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith("COUNTY_CENTER_")}
        env["PYTHONPATH"] = str(ROOT)
        self.port = free_port()
        url = ["--database-url", self.database_url] if self.database_url else []
        self._log = open(self.folder / "serve.log", "wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sync.server.cli",
                "--data-dir",
                str(self.folder),
                *url,
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
        self._listening = threading.Event()
        self._copier = threading.Thread(target=self._copy_log, daemon=True)
        self._copier.start()
        try:
            self._wait_healthy()
            settings = load_settings(self.folder, self.database_url, development=False)
            self.secret = settings.token_secret
            self.storage = Storage.open(settings)
        except BaseException:
            self.__exit__()
            raise
        return self

    def _copy_log(self) -> None:
        """The server's log lines into serve.log; its "running on" line (or its end) sets the
        event the start waits on."""
        for line in self.process.stdout:
            self._log.write(line)
            if b"Uvicorn running on" in line:
                self._listening.set()
        self._listening.set()

    def _wait_healthy(self) -> None:
        import urllib.request

        if not self._listening.wait(120) or self.process.poll() is not None:
            self._log.flush()
            raise RuntimeError((self.folder / "serve.log").read_text(errors="replace"))
        with urllib.request.urlopen(self.base_url + "/healthz", timeout=10) as answer:
            if answer.status != 200:
                raise RuntimeError(f"the county center answered /healthz with {answer.status}")

    def cpu_seconds(self) -> float:
        """User + system CPU time of the server process so far."""
        return process_cpu_seconds(self.process.pid)

    def new_station(self, name: str = "芒艾村服务站") -> tuple[str, str]:
        from sync.server.stations import create_station

        return create_station(
            self.storage, self.secret, name=name, township="孟定镇", village="芒艾村"
        )

    def head(self, station_id: str) -> tuple[int, str]:
        from sync.server.ingest import read_head

        return read_head(self.storage, station_id)

    def event_count(self) -> int:
        import sqlalchemy as sa

        from sync.server.tables import events

        with self.storage.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(events)).scalar_one()

    def __exit__(self, *exc: object) -> None:
        if self.storage is not None:
            self.storage.close()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            self._copier.join(10)  # the server's output ends with it
        self._log.close()


class PostgresCluster:
    """A throwaway PostgreSQL 15 cluster on 127.0.0.1 (trust auth), for the ingest bench.
    As root, its programs run as the ``postgres`` user (initdb refuses root)."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bench-pg-"))
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/county"

    @staticmethod
    def available() -> bool:
        return (POSTGRES_BIN / "initdb").exists()

    def _run(self, *argv: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *argv], check=True, capture_output=True)

    def __enter__(self) -> PostgresCluster:
        try:
            self._start()
        except BaseException:
            with contextlib.suppress(Exception):
                self.__exit__()  # stops what started, removes the folder
            raise
        return self

    def _start(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = self.folder / "data"
        self._run(
            str(POSTGRES_BIN / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self._run(
            str(POSTGRES_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-o",
            f"-h 127.0.0.1 -p {self.port} -k {self.folder}",
            "start",
        )
        self._run(
            str(POSTGRES_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "county",
        )

    def cpu_seconds(self) -> float:
        """CPU of the cluster: the postmaster, its live processes, and those it has reaped."""
        postmaster = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        total = process_cpu_seconds(postmaster, children=True)
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == postmaster:
                    total += process_cpu_seconds(int(stat.parent.name))
            except (OSError, ValueError, IndexError):
                continue  # a backend that ended meanwhile
        return total

    def __exit__(self, *exc: object) -> None:
        try:
            self._run(
                str(POSTGRES_BIN / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            )
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def recording_client(bodies: list[bytes]) -> Callable[[str, str | None], Any]:
    """A client factory for StationSync whose HTTP session keeps every push body as sent."""
    import requests

    from sync import protocol
    from sync.client import CountyClient

    class RecordingSession(requests.Session):
        def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
            if method == "POST" and url.endswith(protocol.PUSH_PATH):
                bodies.append(kwargs["data"])
            return super().request(method, url, *args, **kwargs)

    return lambda url, token: CountyClient(url, token, session=RecordingSession())


def sync_until_done(sync: StationSync, rounds: int = 5) -> tuple[int, int, int]:
    """Rounds until nothing waits: (accepted, batches, rounds)."""
    accepted = batches = 0
    for done in range(1, rounds + 1):
        report = sync.run()
        accepted += report.accepted
        batches += report.batches
        if report.ok and report.waiting == 0:
            return accepted, batches, done
    raise RuntimeError(f"sync did not finish: {report.error} {report.detail}")


# --- 1. bytes on the wire per event -------------------------------------------------------------


def bench_wire(folder: Path, template: Path) -> None:
    from sync.protocol import WireEvent

    station = copy_station(template, folder / "wire-station")
    bodies: list[bytes] = []
    with (
        CountyServer(folder / "wire-county") as county,
        ThrottleProxy(county.address, rate_bytes_s=None, one_way_delay_s=0) as proxy,
    ):
        station_id, code = county.new_station()
        sync = StationSync(station.context, client_factory=recording_client(bodies))
        sync.enroll(proxy.base_url, code)
        proxy.reset_counts()
        accepted, batches, _ = sync_until_done(sync)
        assert county.head(station_id) == station.log.head(), "the county's head differs"
    events = list(station.log.iter_events())
    station.close()
    sent = sum(len(body) for body in bodies)
    whole = [WireEvent.from_event(e).model_dump(mode="json") for e in events]
    plain = len(gzip.compress(json.dumps(whole, ensure_ascii=False).encode("utf-8"), 6))
    counts: dict[str, int] = {}
    for event in events:
        counts[event.type] = counts.get(event.type, 0) + 1
    emit(
        "wire.push_bytes_per_event",
        sent / accepted,
        "B",
        events=accepted,
        pushes=batches,
        body_bytes=sent,
        types=counts,
        target="<= 60",
    )
    emit(
        "wire.plain_gzip_json_per_event",
        plain / len(events),
        "B",
        events=len(events),
        note="whole wire events with hashes and station_id, one JSON array, gzip -6",
    )
    emit("wire.ratio_to_plain", sent / plain, "x")
    emit(
        "wire.http_bytes_per_event",
        proxy.bytes_total / accepted,
        "B",
        up=proxy.up.bytes,
        down=proxy.down.bytes,
        connections=proxy.connections,
        note="everything through the socket: headers, answers, /sync/head",
    )
    wire_variants([json.loads(gzip.decompress(body))["events"] for body in bodies], events)


def wire_variants(batches: list[list[dict[str, Any]]], events: list[Any]) -> None:
    """The same events, in the same batches, encoded other ways: what each choice costs.
    `libdeflate_*` lines appear when the `deflate` package (libdeflate) is installed; its output
    is ordinary gzip. `beyond_protocol.*` would need a protocol change."""
    from sync.client import encode_push

    station_id = events[0].station_id
    by_seq = {e.seq: e for e in events}
    total = sum(len(b) for b in batches)

    def size(
        transform: Callable[[dict[str, Any]], dict[str, Any]] = dict,
        compress: Callable[[bytes], bytes] = lambda raw: gzip.compress(raw, 6),
        text: Callable[[str], str] = str,
    ) -> float:
        sent = 0
        for batch in batches:
            raw = encode_push(station_id, [transform(dict(e)) for e in batch])
            sent += len(compress(text(raw.decode("utf-8")).encode("utf-8")))
        return sent / total

    def with_hashes(e: dict[str, Any]) -> dict[str, Any]:
        source = by_seq[e["seq"]]
        return {**e, "prev_hash": source.prev_hash, "hash": source.hash}

    def time_first(e: dict[str, Any]) -> dict[str, Any]:
        return {"occurred_at": e["occurred_at"], **e}

    def without_empty(e: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in e.items() if v != ""}

    def uuids_as_base64(raw: str) -> str:
        import base64
        import uuid

        def short(match: re.Match[str]) -> str:
            return base64.urlsafe_b64encode(uuid.UUID(match.group(0)).bytes).decode()[:22]

        return _UUID.sub(short, raw)

    variants: dict[str, float] = {
        "as_sent": size(),
        "gzip_9": size(compress=lambda raw: gzip.compress(raw, 9)),
        "with_hashes": size(with_hashes),
        "with_station_id": size(lambda e: {**e, "station_id": station_id}),
        "without_empty_fields": size(without_empty),
        "occurred_at_first": size(time_first),
        "uuids_blanked": size(text=lambda raw: _UUID.sub("", raw)),
    }
    one = encode_push(station_id, [e for batch in batches for e in batch])
    variants["one_push_of_everything"] = len(gzip.compress(one, 6)) / total
    try:
        import deflate
    except ImportError:
        deflate = None
    if deflate is not None:
        variants["libdeflate_9"] = size(compress=lambda raw: deflate.gzip_compress(raw, 9))
        variants["libdeflate_12"] = size(compress=lambda raw: deflate.gzip_compress(raw, 12))
        variants["libdeflate_12_occurred_at_first"] = size(
            time_first, compress=lambda raw: deflate.gzip_compress(raw, 12)
        )
    variants["beyond_protocol.uuids_as_base64"] = size(text=uuids_as_base64)
    for name, value in variants.items():
        emit(f"wire.variant.{name}", value, "B/event", events=total)


# --- 2. a month offline, over a slow link ------------------------------------------------------


def bench_offline(folder: Path, template: Path) -> None:
    station = copy_station(template, folder / "offline-station")
    with (
        CountyServer(folder / "offline-county") as county,
        ThrottleProxy(
            county.address, rate_bytes_s=LINK_BYTES_S, one_way_delay_s=ONE_WAY_DELAY_S
        ) as proxy,
    ):
        station_id, code = county.new_station()
        sync = StationSync(station.context)
        sync.enroll(proxy.base_url, code)
        proxy.reset_counts()
        waiting = sync.unpushed_count()
        started = time.perf_counter()
        accepted, batches, rounds = sync_until_done(sync)
        elapsed = time.perf_counter() - started
        assert county.head(station_id) == station.log.head(), "the county's head differs"
    station.close()
    crossed = proxy.bytes_total
    target = 1.2 * crossed / LINK_BYTES_S + 1
    emit(
        "offline.sync_time",
        elapsed,
        "s",
        events=waiting,
        accepted=accepted,
        pushes=batches,
        rounds=rounds,
        target=f"<= {target:.1f}",
        met=elapsed <= target,
        load=load(),
    )
    emit(
        "offline.bytes",
        crossed,
        "B",
        up=proxy.up.bytes,
        down=proxy.down.bytes,
        connections=proxy.connections,
    )
    emit("offline.link_time", crossed / LINK_BYTES_S, "s", note="bytes ÷ 256 kbit/s")
    emit("offline.target", target, "s", note="1.2 × bytes ÷ link rate + 1 s")


# --- 3. fifty stations pushing at once ------------------------------------------------------------


@dataclass(frozen=True)
class IngestJob:
    base_url: str
    token: str
    station_id: str
    # the station's work (JSON, gzip) done before the clock starts, as on 50 separate PCs, so the
    # figure is the county's alone on this 2-core machine; pushes of PREENCODED_BATCH events
    preencoded: bool = False


PREENCODED_BATCH = 1000


def station_copy(template: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The template station's events with new ids everywhere (each id, entity and operator, and
    the ids inside payloads, mapped one to one) and their own chain: (events, hashes)."""
    new_ids: dict[str, str] = {}

    def renamed(match: re.Match[str]) -> str:
        return new_ids.setdefault(match.group(0), station_ids.uuid7())

    events = json.loads(_UUID.sub(renamed, json.dumps(template, ensure_ascii=False)))
    hashes, prev = [], GENESIS_HASH
    for event in events:
        prev = event_hash(
            prev,
            id=event["id"],
            seq=event["seq"],
            type=event["type"],
            entity_id=event["entity_id"],
            occurred_at=event["occurred_at"],
            operator=event["operator"],
            payload=event["payload"],
        )
        hashes.append(prev)
    return events, hashes


def push_station(
    job: IngestJob, template: list[dict[str, Any]], barrier: Any, results: Any
) -> None:
    """One station's process: its copy of the events is made, then it waits for the others
    and pushes as StationSync does (head, then batches from the Batcher, each answer checked)."""
    from sync import client as wire
    from sync.pacing import Batcher

    events, hashes = station_copy(template)
    client = wire.CountyClient(job.base_url, job.token)
    if job.preencoded:
        push_preencoded(job, client, events, hashes, barrier, results)
        return
    batcher = Batcher()
    latencies: list[float] = []
    errors: list[str] = []
    client.head()  # the reachability probe before a round; loads requests, opens the connection
    barrier.wait()
    started, cpu = time.time(), time.process_time()
    position = 0
    try:
        position = client.head().head_seq
        while position < len(events) and len(errors) < 10:
            batch = batcher.cut(events[position : position + batcher.size])
            sent = time.perf_counter()
            try:
                answer = client.push(job.station_id, batch)
            except wire.SyncFailure as error:
                errors.append(repr(error))
                if isinstance(error, wire.TimedOut):
                    batcher.timed_out()
                position = client.head().head_seq
                continue
            latencies.append(time.perf_counter() - sent)
            if answer.head_hash != hashes[answer.head_seq - 1]:
                errors.append(f"head {answer.head_seq} hash differs")
            position = answer.head_seq
            batcher.went_well(latencies[-1])
    except wire.SyncFailure as error:
        errors.append(repr(error))
    results.put(
        {
            "station_id": job.station_id,
            "started": started,
            "finished": time.time(),
            "cpu": time.process_time() - cpu,
            "pushed": position,
            "latencies": latencies,
            "errors": errors,
            "head_hash": hashes[position - 1] if position else GENESIS_HASH,
        }
    )


def push_preencoded(
    job: IngestJob, client: Any, events: list, hashes: list[str], barrier: Any, results: Any
) -> None:
    """Like push_station, with every push body made (encoded, gzip'd) before the start."""
    from sync import client as wire
    from sync import protocol

    bodies = [
        wire.compress_push(wire.encode_push(job.station_id, events[i : i + PREENCODED_BATCH]))
        for i in range(0, len(events), PREENCODED_BATCH)
    ]
    latencies: list[float] = []
    errors: list[str] = []
    client.head()
    barrier.wait()
    started, cpu = time.time(), time.process_time()
    position = 0
    for body in bodies:
        sent = time.perf_counter()
        try:
            answer = client._call("POST", protocol.PUSH_PATH, raw_body=body)
        except wire.SyncFailure as error:
            errors.append(repr(error))
            break
        latencies.append(time.perf_counter() - sent)
        position = answer["head_seq"]
        if answer["head_hash"] != hashes[position - 1]:
            errors.append(f"head {position} hash differs")
    results.put(
        {
            "station_id": job.station_id,
            "started": started,
            "finished": time.time(),
            "cpu": time.process_time() - cpu,
            "pushed": position,
            "latencies": latencies,
            "errors": errors,
            "head_hash": hashes[position - 1] if position else GENESIS_HASH,
        }
    )


def bench_ingest(
    folder: Path,
    template: Path,
    *,
    stations: int,
    per_station: int,
    database_url: str,
    label: str,
    database_cpu: Callable[[], float] | None = None,
    preencoded: bool = False,
) -> None:
    """50 stations pushing at once; ``database_cpu()``: the database's own CPU so far, when
    it runs apart from the server (a PostgreSQL cluster started here)."""
    from sync.client import CountyClient

    opened = Station.open(template)
    events = [wire_event(e) for e in itertools.islice(opened.log.iter_events(), per_station)]
    opened.close()
    context = multiprocessing.get_context("spawn")
    with CountyServer(folder / f"ingest-county-{label}", database_url) as county:
        jobs = []
        for number in range(stations):
            station_id, code = county.new_station(f"服务站{number + 1:02d}")
            token = CountyClient(county.base_url).enroll(code, f"bench-{number}").token
            jobs.append(IngestJob(county.base_url, token, station_id, preencoded))
        barrier = context.Barrier(stations + 1)
        results = context.Queue()
        workers = [
            context.Process(target=push_station, args=(job, events, barrier, results))
            for job in jobs
        ]
        for worker in workers:
            worker.start()
        barrier.wait(timeout=600)  # every station has its events ready
        cpu_before = county.cpu_seconds()
        database_before = database_cpu() if database_cpu else 0.0
        answers = [results.get(timeout=1800) for _ in workers]
        cpu = county.cpu_seconds() - cpu_before
        database = database_cpu() - database_before if database_cpu else None
        for worker in workers:
            worker.join(60)
        heads_ok = sum(
            county.head(a["station_id"]) == (a["pushed"], a["head_hash"]) for a in answers
        )
        stored = county.event_count()
        now_load = load()
    started = min(a["started"] for a in answers)
    elapsed = max(a["finished"] for a in answers) - started
    pushed = sum(a["pushed"] for a in answers)
    latencies = [x * 1000 for a in answers for x in a["latencies"]]
    errors = [e for a in answers for e in a["errors"]]
    expected = stations * len(events)
    emit(
        f"ingest.{label}.events_per_s",
        pushed / elapsed,
        "events/s",
        stations=stations,
        events=pushed,
        expected=expected,
        stored=stored,
        seconds=round(elapsed, 2),
        target=">= 10000" if label.startswith("postgresql") else ">= 5000",
        load=now_load,
    )
    emit(
        f"ingest.{label}.errors",
        len(errors),
        "errors",
        heads_matching=heads_ok,
        first=errors[:3],
        target="0",
    )
    emit(
        f"ingest.{label}.push_latency_p99",
        percentile(latencies, 0.99),
        "ms",
        pushes=len(latencies),
        median=round(statistics.median(latencies), 1),
        max=round(max(latencies), 1),
    )
    emit(
        f"ingest.{label}.server_cpu_per_event",
        cpu / max(pushed, 1) * 1e6,
        "µs",
        server_cpu_s=round(cpu, 2),
        stations_cpu_s=round(sum(a["cpu"] for a in answers), 2),
        database_cpu_s=round(database, 2) if database is not None else None,
        note="CPU of the county-center serve process; the database's own apart",
    )


# --- 4. the household registry reaching a fresh station ---------------------------------------


RELATIONS = ["配偶", "之子", "之女", "之孙子", "之孙女", "之父", "之母"]
VILLAGES = ["芒艾村", "帕莱村", "南腊村", "允捧村", "景信村", "大寨村"]


def write_registry(path: Path, households: int, *, township: str, seed: int = 9) -> int:
    """A registry export of ``households`` households, one row per person as the national
    export has them (the head first); every ID valid and distinct. Returns the person rows."""
    rng = random.Random(seed)
    header = [
        "县",
        "乡镇",
        "村",
        "自然村",
        "户编号",
        "人编号",
        "姓名",
        "证件号码",
        "家庭人口数",
        "与户主关系",
        "民族",
        "致贫原因",
        "户类型",
        "监测对象类型",
        "风险是否消除",
        "联系电话",
    ]
    seen: set[str] = set()
    persons = 0
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for number in range(households):
            village = rng.choice(VILLAGES)
            group = f"{rng.randint(1, 9)}组"
            household_no = f"5309261{number:07d}"
            members = rng.choice([1, 2, 3, 3, 4, 4, 5, 6])
            poor = rng.random() < 0.4
            monitoring = rng.choice(["", "", "", "脱贫不稳定户", "边缘易致贫户"]) if poor else ""
            causes = "、".join(rng.sample(["因病", "因学", "缺技术", "缺劳力", "缺资金"], 2))
            for member in range(members):
                persons += 1
                id_number = new_id_number(rng, seen)
                phone = (
                    f"139{rng.randrange(10**8):08d}" if member == 0 and rng.random() < 0.7 else ""
                )
                writer.writerow(
                    [
                        "耿马傣族佤族自治县",
                        township,
                        village,
                        group,
                        household_no,
                        f"{household_no}{member + 1:02d}",
                        rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES),
                        id_number,
                        members,
                        "户主" if member == 0 else rng.choice(RELATIONS),
                        "傣族",
                        causes if poor else "",
                        "脱贫户" if poor else "普通农户",
                        monitoring,
                        rng.choice(["是", "否"]) if monitoring else "",
                        phone,
                    ]
                )
    return persons


def new_id_number(rng: random.Random, seen: set[str]) -> str:
    """An 18-character resident ID with a right check digit (GB 11643), not in ``seen``."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    while True:
        born = datetime(1940, 1, 1) + timedelta(days=rng.randrange(365 * 80))
        body = f"530926{born:%Y%m%d}{rng.randrange(1000):03d}"
        check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
        if body + check not in seen:
            seen.add(body + check)
            return body + check


def bench_registry(folder: Path, households: int) -> None:
    """A 100,000-household registry reaching a fresh station: ≤ 30 s over loopback, the app
    usable meanwhile.

    The county imports a registry export (`county-center import-households FILE.csv`, timed
    apart). A fresh station joins, and the GUI's own machinery syncs it, offscreen: the
    `SyncRunner` on a `StationWorker` (the one database thread), whose `FeedPull` downloads the
    feed's pages on a network thread and takes each page as one short job of the database
    thread. Timed: from "sync now" to the round's end, with every household in the station's
    table. "Usable meanwhile": every 100 ms a parcel lookup is queued on the database thread, as
    a window would; its wait (queue + run) is what the operator would feel."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    from stationapp.ui.kit.worker import StationWorker
    from stationapp.ui.runners.sync_runner import SyncRunner

    csv_path = folder / "households.csv"
    with CountyServer(folder / "registry-county") as county:
        _, code = county.new_station()  # its township is the registry's
        persons = write_registry(csv_path, households, township="孟定镇")
        started = time.perf_counter()
        imported = subprocess.run(
            [
                sys.executable,
                "-m",
                "sync.server.cli",
                "--data-dir",
                str(county.folder),
                "import-households",
                str(csv_path),
            ],
            capture_output=True,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            cwd=ROOT,
        )
        if imported.returncode != 0:
            emit("registry.import", float("nan"), "s", error=imported.stderr.strip()[-300:])
            return
        emit(
            "registry.import",
            time.perf_counter() - started,
            "s",
            households=households,
            persons=persons,
            answer=json.loads(imported.stdout.strip().splitlines()[-1]),
        )
        station = new_station(folder / "registry-station")
        station.sync.enroll(county.base_url, code)
        app = QCoreApplication.instance() or QCoreApplication([])
        worker = StationWorker()
        runner = SyncRunner(station, worker, interval_ms=0)
        finished: list[Any] = []
        waits: list[float] = []
        loop = QEventLoop()
        runner.round_finished.connect(lambda report: (finished.append(report), loop.quit()))

        ticks: list[float] = []
        shown: list[float] = []

        def look_up() -> None:
            asked = time.perf_counter()
            ticks.append(asked)

            def on_db() -> float:  # when the database thread had answered
                station.parcels.find("13900001234")
                return time.perf_counter()

            def on_gui(answered: float) -> None:
                waits.append(answered - asked)
                shown.append(time.perf_counter() - asked)

            worker.call(on_db, on_done=on_gui)

        probe = QTimer()
        probe.timeout.connect(look_up)
        probe.start(100)
        QTimer.singleShot(600_000, loop.quit)
        started = time.perf_counter()
        runner.sync_now()
        loop.exec()
        elapsed = time.perf_counter() - started
        probe.stop()
        runner.stop()
        worker.shutdown()
        app.processEvents()
        report = finished[0] if finished else None
        found = station.county.households.count()
        pull = getattr(runner, "feed", None) or getattr(runner, "_feed", None)
        longest_take = getattr(pull, "longest_take_s", float("nan"))
        station.close()
    emit(
        "registry.to_fresh_station",
        elapsed,
        "s",
        households=found,
        expected=households,
        taken=report.taken if report else 0,
        pages=report.feed_pages if report else 0,
        ok=bool(report and report.ok),
        target="<= 30",
        load=load(),
    )
    emit(
        "registry.lookup_answered_p99",
        percentile(waits, 0.99) * 1000 if waits else float("nan"),
        "ms",
        lookups=len(waits),
        max=round(max(waits, default=0) * 1000, 1),
        median=round(statistics.median(waits) * 1000, 1) if waits else None,
        note="a parcel lookup queued on the database thread every 100 ms during the pull:"
        " from asking to the database thread's answer",
    )
    emit(
        "registry.lookup_shown_p99",
        percentile(shown, 0.99) * 1000 if shown else float("nan"),
        "ms",
        max=round(max(shown, default=0) * 1000, 1),
        median=round(statistics.median(shown) * 1000, 1) if shown else None,
        note="the same lookups, until the answer reached the GUI thread",
    )
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    emit(
        "registry.gui_longest_gap",
        max(gaps, default=float("nan")) * 1000,
        "ms",
        note="the longest gap between two ticks of a 100 ms timer on the GUI thread",
    )
    emit(
        "registry.longest_page_take",
        longest_take * 1000,
        "ms",
        note="the longest time one page of the feed held the database thread",
    )


def bench_ingest_on(
    database: str, folder: Path, template: Path, args: argparse.Namespace, per_station: int
) -> None:
    """The ingest bench on SQLite, or on PostgreSQL: ``--database-url``'s, else a throwaway
    cluster (skipped, with a line saying so, when PostgreSQL 15 is not installed)."""

    def run(url: str, database_cpu: Callable[[], float] | None = None) -> None:
        for preencoded in (False, True):
            bench_ingest(
                folder,
                template,
                stations=args.stations,
                per_station=per_station,
                database_url=url,
                label=f"{database}.preencoded" if preencoded else database,
                database_cpu=database_cpu,
                preencoded=preencoded,
            )

    if database == "sqlite":
        run("")
    elif args.database_url:
        run(args.database_url)
    elif not PostgresCluster.available():
        emit("ingest.postgresql.skipped", 0, "", reason=f"no {POSTGRES_BIN / 'initdb'}")
    else:
        with PostgresCluster() as cluster:
            run(cluster.url, cluster.cpu_seconds)


# --- main ----------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes: a couple of minutes")
    parser.add_argument("--only", default="wire,offline,ingest,registry")
    parser.add_argument("--parcels", type=int, help="parcels in the month (default 5,000)")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--stations", type=int, default=50)
    parser.add_argument("--events-per-station", type=int, help="default 4,000 (quick: 400)")
    parser.add_argument("--households", type=int, help="default 100,000 (quick: 10,000)")
    parser.add_argument("--database-url", default="", help="PostgreSQL for the ingest bench")
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="for the ingest bench: sqlite,postgresql"
    )
    args = parser.parse_args(argv)
    parts = set(args.only.split(","))
    parcels = args.parcels or (500 if args.quick else 5000)
    per_station = args.events_per_station or (400 if args.quick else 4000)
    households = args.households or (10_000 if args.quick else 100_000)
    emit(
        "machine",
        os.cpu_count() or 0,
        "cores",
        load=load(),
        python=platform.python_version(),
        date=datetime.now().astimezone().isoformat(timespec="minutes"),
        quick=args.quick,
    )
    with tempfile.TemporaryDirectory(prefix="bench-sync-", dir=os.environ.get("BENCH_DIR")) as d:
        folder = Path(d)
        if parts & {"wire", "offline", "ingest"}:
            started = time.perf_counter()
            template = build_month(folder / "month", parcels=parcels, days=args.days)
            opened = Station.open(template)
            count = opened.events.count()
            opened.close()
            emit(
                "build.month",
                time.perf_counter() - started,
                "s",
                parcels=parcels,
                days=args.days,
                events=count,
            )
        if "wire" in parts:
            bench_wire(folder, template)
        if "offline" in parts:
            bench_offline(folder, template)
        if "ingest" in parts:
            for database in args.databases.split(","):
                bench_ingest_on(database, folder, template, args, per_station)
        if "registry" in parts:
            bench_registry(folder, households)


if __name__ == "__main__":
    main()
