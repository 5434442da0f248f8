"""Seeding a demo county: its users, stations and household registry written at the county as
its admin writes them (``add_user``, ``create_station``, the registry's upsert), then every
station enrolled with its one-time code over HTTP and its history pushed in batches with its
token, as a station's sync pushes it. ``push_locally`` hands the same batches to the county's
ingest in this process (``ingest.push``, what the push route calls), for benchmarks."""

from __future__ import annotations

import contextlib
import secrets
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock
from sync import protocol
from sync.server.demo.county import (
    ADMIN_LOGIN,
    TOWNSHIPS,
    DemoHousehold,
    DemoStation,
    plan_county,
    registry_rows,
)
from sync.server.demo.schedule import midnight
from sync.server.demo.year import special_of, station_events
from sync.server.settings import Settings
from sync.server.storage import Storage
from sync.server.tables import stations as stations_table

DEVICE, APP_VERSION = "站点电脑", "1.4.0"


class SeedRefused(Exception):
    """The county cannot take the demo (it holds stations already)."""


@dataclass(frozen=True)
class SeedPlan:
    """The demo county's size: stations, days of history, events a station-day, households
    registered per township; ``seed`` makes it the same every run."""

    stations: int = 40
    days: int = 365
    per_day: float = 28.0
    households_per_township: int = 300
    seed: int = 2026
    batch: int = 500
    last_day: date | None = None  # default: today (Beijing)


@dataclass
class SeededStation:
    plan: DemoStation
    id: str
    code: str
    token: str = ""
    head: tuple[int, str] = (0, "")
    events: int = 0


@dataclass
class SeedReport:
    stations: list[SeededStation]
    users: dict[str, tuple[str, str]]  # login: (township or "", password)
    households: int
    events: int = 0
    push_seconds: float = 0.0
    generate_seconds: float = 0.0
    by_township: dict[str, list[str]] = field(default_factory=dict)
    households_of: dict[str, DemoHousehold] = field(default_factory=dict)


def prepare_county(
    storage: Storage,
    settings: Settings,
    plan: SeedPlan,
    *,
    passwords: Any = None,
) -> SeedReport:
    """The county's users (an admin, a supervisor per township: new random passwords), its
    stations (with their one-time codes) and its registered households."""
    from sync.server.reference.household_registry import upsert_households
    from sync.server.reference.id_keys import id_tag_key, registry_salt
    from sync.server.stations import create_station
    from sync.server.users import add_user

    with storage.engine.connect() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(stations_table)).scalar_one():
            raise SeedRefused(
                "This county holds stations already; seed the demo into a new data folder "
                "or database."
            )
    demo_stations, households = plan_county(plan.seed, plan.stations, plan.households_per_township)
    users: dict[str, tuple[str, str]] = {}
    for login, township in [(ADMIN_LOGIN, "")] + [(t[0], n) for n, t in TOWNSHIPS.items()]:
        if township and not any(s.township == township for s in demo_stations):
            continue
        password = "演示-" + secrets.token_urlsafe(12)
        role = "supervisor" if township else "admin"
        add_user(
            storage,
            name=login,
            role=role,
            township=township or None,
            password=password,
            passwords=passwords,
        )
        users[login] = (township, password)
    seeded = []
    for demo in demo_stations:
        station_id, code = create_station(
            storage,
            settings.token_secret,
            name=demo.name,
            township=demo.township,
            village=demo.village,
        )
        seeded.append(SeededStation(demo, station_id, code))
    with storage.engine.begin() as conn:
        tag_key = id_tag_key(conn)
    salt = registry_salt(settings.data_dir)
    upsert_households(storage, registry_rows(households, salt, tag_key))
    report = SeedReport(seeded, users, len(households))
    report.households_of = {h.household_no: h for h in households}
    for station in seeded:
        report.by_township.setdefault(station.plan.township, []).append(station.id)
    return report


def history_of(report: SeedReport, station: SeededStation, plan: SeedPlan) -> list[dict]:
    """The station's wire events for the plan's days."""
    households = report.households_of
    now = clock.now()
    last_day = plan.last_day or clock.business_day(now)
    if plan.last_day is not None:
        now = min(now, midnight(plan.last_day + timedelta(days=1)))
    return station_events(
        station.plan,
        [households[n] for n in station.plan.households],
        seed=plan.seed,
        last_day=last_day,
        days=plan.days,
        per_day=plan.per_day,
        now=now,
    )


Pusher = Callable[[SeededStation, list[dict], timedelta], None]


def seed_county(
    report: SeedReport,
    plan: SeedPlan,
    push: Pusher,
    *,
    progress: Callable[[SeededStation], None] | None = None,
) -> SeedReport:
    """Write each station's history and push it with ``push`` (over HTTP or locally)."""
    for station in report.stations:
        started = time.perf_counter()
        events = history_of(report, station, plan)
        pushed = time.perf_counter()
        report.generate_seconds += pushed - started
        push(station, events, special_of(station.plan.index, plan.days).clock_ahead)
        report.push_seconds += time.perf_counter() - pushed
        station.events = len(events)
        station.head = (events[-1]["seq"], events[-1]["hash"]) if events else (0, "")
        report.events += len(events)
        if progress is not None:
            progress(station)
    return report


def http_pusher(base_url: str, batch: int) -> Pusher:
    """Enrol each station with its code, then push its events in batches with its token, as
    the station's sync does (``sync.client.CountyClient``: gzip'd, its clock in a header)."""
    from sync.client import CountyClient

    def push(station: SeededStation, events: list[dict], clock_ahead: timedelta) -> None:
        client = CountyClient(base_url, session=station_session(clock_ahead))
        try:
            station.token = client.enroll(station.code, DEVICE, APP_VERSION).token
            client.token = station.token
            for first in range(0, len(events), batch):
                client.push(station.id, events[first : first + batch])
        finally:
            client.close()

    return push


def local_pusher(storage: Storage, batch: int) -> Pusher:
    """The same batches into the county's ingest in this process (``ingest.push``, what the
    push route calls after reading the body): no HTTP, no token, for benchmarks."""
    from sync.protocol import WireEvent
    from sync.server import ingest

    def push(station: SeededStation, events: list[dict], clock_ahead: timedelta) -> None:
        for first in range(0, len(events), batch):
            wire = [WireEvent(**e) for e in events[first : first + batch]]
            ingest.push(storage, station.id, wire)

    return push


def station_session(ahead: timedelta) -> Any:
    """A requests session whose station clock header runs ``ahead`` (the station with its
    clock off); otherwise an ordinary session."""
    import requests

    class Session(requests.Session):
        def request(self, method: str, url: str, **kwargs: Any) -> Any:
            headers = kwargs.get("headers") or {}
            if ahead and protocol.STATION_TIME_HEADER in headers:
                headers[protocol.STATION_TIME_HEADER] = clock.format_iso(clock.now() + ahead)
            return super().request(method, url, **kwargs)

    return Session()


@contextlib.contextmanager
def serving(storage: Storage, settings: Settings) -> Iterator[str]:
    """The county's app served on 127.0.0.1 (a free port) in a thread: its base URL."""
    import uvicorn

    from sync.server.app import create_app

    app = create_app(settings, storage=storage)
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listening.bind(("127.0.0.1", 0))
    listening.listen(64)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    host, port = listening.getsockname()[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        listening.close()
