"""The demo county (``county-center seed-demo``): a small one (6 village points × 30 days)
seeded into a running county through the real protocol, on SQLite and PostgreSQL. The county
holds every event (each station's head is the one it pushed), the read models are filled, and
a township's supervisor opens every page of their township, and gets 404 for another's."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import collections
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import requests
import sqlalchemy as sa

from stationapp.core import clock
from sync.server.demo.county import plan_county
from sync.server.demo.seeding import (
    SeedPlan,
    SeedRefused,
    SeedReport,
    history_of,
    http_pusher,
    prepare_county,
    seed_county,
)
from sync.server.ingest import read_head
from sync.server.tables import (
    county_household_log,
    county_orders,
    county_parcels,
    county_produce_days,
    county_station_days,
    station_clocks,
)
from sync.server.users import Passwords
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.county_server import LoopbackCounty
from tests.web_helpers import CHEAP, csrf_of

PLAN = SeedPlan(stations=6, days=30, seed=7, households_per_township=60)


@pytest.fixture(scope="module")
def seeded(
    county_database_kind: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[LoopbackCounty, SeedReport]]:
    with LoopbackCounty.on(county_database_kind, tmp_path_factory.mktemp("demo")) as county:
        cheap = Passwords(county.storage, hasher=CHEAP)
        report = prepare_county(county.storage, county.settings, PLAN, passwords=cheap)
        seed_county(report, PLAN, http_pusher(county.base_url, PLAN.batch))
        yield county, report


def login(county: LoopbackCounty, report: SeedReport, name: str) -> requests.Session:
    session = requests.Session()
    form = session.get(county.base_url + "/web/login", timeout=10)
    password = report.users[name][1]
    answer = session.post(
        county.base_url + "/web/login",
        data={"csrftoken": csrf_of(form.text), "name": name, "password": password},
        timeout=10,
    )
    assert answer.ok and "/web/login" not in answer.url
    return session


def test_the_county_holds_every_event_each_station_pushed(seeded):
    county, report = seeded
    assert report.events > 6 * 30 * 15
    for station in report.stations:
        assert read_head(county.storage, station.id) == station.head
        assert county.event_count(station.id) == station.events


def test_the_read_models_are_filled(seeded):
    county, _report = seeded
    with county.storage.engine.connect() as conn:
        parcels = dict(
            conn.execute(
                sa.select(county_parcels.c.state, sa.func.count()).group_by(county_parcels.c.state)
            ).all()
        )
        orders = dict(
            conn.execute(
                sa.select(county_orders.c.state, sa.func.count()).group_by(county_orders.c.state)
            ).all()
        )
        produce_days = conn.execute(
            sa.select(sa.func.count()).select_from(county_produce_days)
        ).scalar_one()
        household_rows = conn.execute(
            sa.select(sa.func.count()).select_from(county_household_log)
        ).scalar_one()
        skews = list(conn.execute(sa.select(station_clocks.c.skew_seconds)).scalars())
    assert parcels["waiting"] > 0 and parcels["picked_up"] > 10 * parcels["waiting"]
    assert {"delivered", "placed", "shipped"} <= set(orders)
    assert produce_days > 0 and household_rows > 0
    assert any(abs(skew) > 3600 for skew in skews)  # the station with its clock off


def test_a_point_falls_silent_twelve_days_before_today(seeded):
    county, report = seeded
    d = county_station_days.c
    with county.storage.engine.connect() as conn:
        query = sa.select(d.station_id, sa.func.max(d.day)).group_by(d.station_id)
        last = dict(conn.execute(query).all())
    today = clock.business_day()
    silent = report.stations[5]  # 孟定镇班幸村
    assert date.fromisoformat(last[silent.id]) == today - timedelta(days=12)
    assert all(
        date.fromisoformat(day) >= today - timedelta(days=1)
        for station_id, day in last.items()
        if station_id != silent.id
    )


def test_a_supervisor_opens_every_page_of_their_township_and_no_other(seeded):
    county, report = seeded
    mine = report.by_township["孟定镇"]
    others = report.by_township["勐永镇"] + report.by_township["勐撒镇"]
    mine_households = [h for h in report.households_of.values() if h.township == "孟定镇"]
    far = next(h for h in report.households_of.values() if h.township == "勐永镇")
    session = login(county, report, "mengding")
    pages = [
        "/web/",
        f"/web/stations/{mine[0]}",
        "/web/parcels",
        "/web/orders",
        "/web/produce",
        "/web/consignments",
        "/web/households",
        "/web/households/not-helped",
        f"/web/households/{mine_households[0].household_no}",
        "/api/v1/supervise/stations",
        "/api/v1/supervise/parcels",
        "/api/v1/supervise/orders",
        f"/api/v1/supervise/produce?month={date.today():%Y-%m}",
    ]
    for path in pages:
        answer = session.get(county.base_url + path, timeout=30)
        assert answer.status_code == 200, path
    listed = session.get(county.base_url + "/api/v1/supervise/stations", timeout=30).json()
    assert {s["id"] for s in listed} == set(mine)
    for path in (f"/web/stations/{others[0]}", f"/web/households/{far.household_no}"):
        assert session.get(county.base_url + path, timeout=30).status_code == 404, path


def test_the_same_seed_gives_the_same_history_and_a_county_with_stations_is_refused(seeded):
    county, report = seeded
    station = report.stations[1]
    again = history_of(report, station, PLAN)  # written anew: the same events, the same chain
    assert again[station.events - 1]["hash"] == station.head[1]
    stations, households = plan_county(PLAN.seed, PLAN.stations, PLAN.households_per_township)
    assert [s.name for s in stations] == [s.plan.name for s in report.stations]
    assert collections.Counter(h.township for h in households) == {
        "孟定镇": 60,
        "勐永镇": 60,
        "勐撒镇": 60,
    }
    with pytest.raises(SeedRefused):
        prepare_county(county.storage, county.settings, PLAN)
