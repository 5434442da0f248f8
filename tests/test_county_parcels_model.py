"""The county's parcels read model (sync/server/lines/parcels.py) from a real station's log:
parcels taken in wait, a pickup and a return end them, a voided pickup puts the parcel back on
the shelf; a repeated push writes nothing twice and a rebuild gives the same rows. On SQLite
and PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from sync.server import lines
from sync.server.storage import Storage
from sync.server.tables import county_parcels, county_station_days
from tests.county_db import county_database_url  # noqa: F401  (a fixture)
from tests.county_server import county_settings
from tests.test_county_lines import new_station, push, rows_of

PHONES = ("13812340001", "13812340002", "13812340003")


@pytest.fixture
def storage(tmp_path, county_database_url) -> Iterator[Storage]:
    settings = county_settings(tmp_path / "county", county_database_url)
    with contextlib.closing(Storage.open(settings)) as opened:
        yield opened


def states(storage: Storage, station_id: str) -> dict[str, tuple[str, bool]]:
    """{waybill: (state, ended)} of the station's parcels at the county."""
    c = county_parcels.c
    with storage.engine.connect() as conn:
        rows = conn.execute(
            sa.select(c.waybill, c.state, c.ended_at).where(c.station_id == station_id)
        )
        return {waybill: (state, ended is not None) for waybill, state, ended in rows}


def test_parcels_wait_end_and_come_back_on_a_voided_pickup(storage, station):
    parcels = [
        station.parcels.receive(
            waybill=f"YT88800000000{n}", recipient_phone=phone, recipient_name="岩温", carrier="YTO"
        )
        for n, phone in enumerate(PHONES)
    ]
    pickup = station.parcels.pick_up([parcels[0].id])[0]
    station.parcels.return_to_courier([parcels[1].id], reason="超期无人取")
    station_id = new_station(storage)
    push(storage, station_id, station)
    assert states(storage, station_id) == {
        "YT888000000000": ("picked_up", True),
        "YT888000000001": ("returned", True),
        "YT888000000002": ("waiting", False),
    }
    after = station.events.count()
    station.events.void(pickup.id, reason="取错了")
    push(storage, station_id, station, after=after)
    assert states(storage, station_id)["YT888000000000"] == ("waiting", False)
    with storage.engine.connect() as conn:
        lines_today = dict(
            conn.execute(
                sa.select(county_station_days.c.line, county_station_days.c["count"]).where(
                    county_station_days.c.station_id == station_id
                )
            ).all()
        )
    assert lines_today["parcel"] == 5  # three intakes, a pickup, a return
    assert lines_today["event"] == 1  # the void


def test_a_repeated_push_and_a_rebuild_give_the_same_parcel_rows(storage, station):
    for n, phone in enumerate(PHONES):
        station.parcels.receive(
            waybill=f"ZT77700000000{n}", recipient_phone=phone, recipient_name="玉香", carrier="ZTO"
        )
    station_id = new_station(storage)
    push(storage, station_id, station)
    pushed = rows_of(storage, station_id)
    assert push(storage, station_id, station).accepted == 0
    assert rows_of(storage, station_id) == pushed
    with storage.engine.begin() as conn:
        lines.rebuild_read_models(conn, station_id)
    assert rows_of(storage, station_id) == pushed
