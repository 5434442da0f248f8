"""What differs between the county's two databases, shown on both: 64-bit seqs, booleans,
pushes at once, the UNIQUE constraints as the last word; and the test databases themselves."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from sync import protocol
from sync.protocol import PushResponse
from sync.server import ingest
from sync.server.errors import SyncError
from sync.server.settings import Settings
from sync.server.storage import Storage, driver_url
from sync.server.tables import events
from sync.server.tables import stations as stations_table
from tests import county_db, county_server
from tests.county_db import (  # noqa: F401  (fixtures)
    county_database,
    county_database_url,
    county_postgres,
)
from tests.county_server import STATION_NAME, TOKEN_SECRET, chained, county_settings


@pytest.fixture
def storage(tmp_path, county_database_url) -> Iterator[Storage]:
    with contextlib.closing(Storage.open(county_settings(tmp_path, county_database_url))) as opened:
        yield opened


def new_station(storage: Storage, name: str = STATION_NAME) -> str:
    return county_server.new_station(storage, TOKEN_SECRET, name)[0]


def stored_seqs(storage: Storage, station_id: str) -> list[int]:
    with storage.engine.connect() as conn:
        return list(
            conn.execute(
                sa.select(events.c.seq)
                .where(events.c.station_id == station_id)
                .order_by(events.c.seq)
            ).scalars()
        )


def set_head(storage: Storage, station_id: str, head_seq: int, head_hash: str) -> None:
    with storage.engine.begin() as conn:
        conn.execute(
            stations_table.update()
            .where(stations_table.c.id == station_id)
            .values(head_seq=head_seq, head_hash=head_hash)
        )


# --- types -------------------------------------------------------------------------------------


def test_a_seq_near_the_largest_the_protocol_allows_is_stored_and_read_back(storage):
    station_id = new_station(storage)
    start = protocol.MAX_SEQ - 3
    set_head(storage, station_id, start, "a" * 64)
    answer = ingest.push(storage, station_id, chained(3, after=(start, "a" * 64)))
    assert answer.accepted == 3
    assert ingest.read_head(storage, station_id)[0] == protocol.MAX_SEQ
    assert stored_seqs(storage, station_id) == [start + 1, start + 2, protocol.MAX_SEQ]
    found, more = ingest.station_events(storage, station_id, after_seq=start, limit=10)
    assert [e.seq for e in found] == [start + 1, start + 2, protocol.MAX_SEQ] and not more


def test_flags_read_back_as_booleans(storage):
    station_id = new_station(storage)
    batch = chained(2)
    unknown = batch[1].model_copy(update={"type": "drone.delivered", "hash": None})
    ingest.push(storage, station_id, [batch[0], unknown])
    with storage.engine.connect() as conn:
        flags = conn.execute(
            sa.select(events.c.flagged)
            .where(events.c.station_id == station_id)
            .order_by(events.c.seq)
        ).scalars()
        code_used = conn.execute(
            sa.select(stations_table.c.code_used).where(stations_table.c.id == station_id)
        ).scalar_one()
    assert list(flags) == [False, True]
    assert code_used is False


def test_postgresql_keeps_seqs_and_cursors_in_64_bit_columns(tmp_path, county_postgres):
    with county_postgres.database() as url:
        settings = Settings(data_dir=tmp_path, token_secret=TOKEN_SECRET, database_url=url)
        opened = Storage.open(settings)
        try:
            columns = {
                (table, column["name"]): type(column["type"]).__name__
                for table in ("stations", "events", "county_events")
                for column in sa.inspect(opened.engine).get_columns(table)
            }
        finally:
            opened.close()
    assert columns[("events", "seq")] == "BIGINT"
    assert columns[("stations", "head_seq")] == "BIGINT"
    assert columns[("county_events", "cursor")] == "BIGINT"
    assert columns[("events", "flagged")] == "BOOLEAN"
    assert columns[("stations", "code_used")] == "BOOLEAN"


# --- pushes at once ----------------------------------------------------------------------------


def test_overlapping_pushes_at_once_store_one_chain_and_none_is_refused(storage):
    """Eight pushes of prefixes of one history, all at once: each waits for the one before it
    (SQLite's write lock, PostgreSQL's lock on the station's row), so none is a conflict."""
    station_id = new_station(storage)
    history = chained(80)
    lengths = [10, 80, 30, 50, 20, 70, 40, 60]
    with ThreadPoolExecutor(len(lengths)) as pool:
        answers = list(pool.map(lambda n: ingest.push(storage, station_id, history[:n]), lengths))
    assert all(isinstance(answer, PushResponse) for answer in answers)
    assert sum(answer.accepted for answer in answers) == 80
    assert stored_seqs(storage, station_id) == list(range(1, 81))
    assert ingest.read_head(storage, station_id) == (80, history[-1].hash)


def test_stations_pushing_at_once_each_keep_their_own_chain(storage):
    station_ids = [new_station(storage, f"服务站{n}") for n in range(6)]
    histories = {station_id: chained(40) for station_id in station_ids}

    def push_in_batches(station_id: str) -> None:
        history = histories[station_id]
        for start in range(0, 40, 8):
            ingest.push(storage, station_id, history[start : start + 8])

    with ThreadPoolExecutor(len(station_ids)) as pool:
        list(pool.map(push_in_batches, station_ids))
    for station_id, history in histories.items():
        assert ingest.read_head(storage, station_id) == (40, history[-1].hash)
        assert stored_seqs(storage, station_id) == list(range(1, 41))


def test_a_unique_constraint_hit_is_a_409_and_the_next_push_still_works(storage):
    """The constraints are the last word (no query of a push's ids before its insert): the
    UNIQUE constraint on (station, event id) refuses a station's id used again at another seq
    (PostgreSQL ends the transaction at once), the answer names the id and carries the
    station's head, and the next push goes through on the same pool."""
    station = new_station(storage, "东村")
    taken = chained(1)
    ingest.push(storage, station, taken)
    [again] = chained(1, after=(1, taken[0].hash))
    reused = [again.model_copy(update={"id": taken[0].id, "hash": None, "prev_hash": None})]
    with pytest.raises(SyncError) as refused:
        ingest.push(storage, station, reused)
    assert refused.value.code == protocol.CHAIN_CONFLICT
    assert f"Event id {taken[0].id} is already stored at seq 1" in refused.value.detail
    assert refused.value.extra["head_seq"] == 1
    assert stored_seqs(storage, station) == [1]
    answer = ingest.push(storage, station, chained(3, after=(1, taken[0].hash)))
    assert answer.accepted == 3
    assert stored_seqs(storage, station) == [1, 2, 3, 4]


def test_another_station_s_event_id_is_stored_beside_it(storage):
    """Event ids are unique per station (DESIGN §5): a station pushing an id another station
    holds is stored, and each keeps its own."""
    first, second = new_station(storage, "东村"), new_station(storage, "西村")
    taken = chained(1)
    ingest.push(storage, first, taken)
    same_id = [taken[0].model_copy(update={"hash": None, "prev_hash": None})]
    assert ingest.push(storage, second, same_id).accepted == 1
    assert stored_seqs(storage, first) == [1] and stored_seqs(storage, second) == [1]


# --- the test databases ------------------------------------------------------------------------


def test_each_test_database_starts_empty_and_is_dropped_after(tmp_path, county_postgres):
    with (
        county_database("postgresql", tmp_path) as one,
        county_database("postgresql", tmp_path) as two,
    ):
        first = Storage.open(county_settings(tmp_path, one))
        second = Storage.open(county_settings(tmp_path, two))
        try:
            new_station(first)
            with second.engine.connect() as conn:
                count = sa.select(sa.func.count()).select_from(stations_table)
                assert conn.execute(count).scalar_one() == 0
        finally:
            first.close()
            second.close()
    admin = sa.create_engine(driver_url(county_postgres.admin_url))
    try:
        with admin.connect() as conn:
            names = set(conn.exec_driver_sql("SELECT datname FROM pg_database").scalars())
    finally:
        admin.dispose()
    assert {sa.engine.make_url(url).database for url in (one, two)}.isdisjoint(names)


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_without_postgresql_its_tests_fail_in_ci_and_skip_elsewhere(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    monkeypatch.delenv(county_db.ENV_TEST_DATABASE_URL, raising=False)
    monkeypatch.setattr(county_db, "find_postgres_bindir", lambda: None)
    for cached in ("_server", "_cluster", "_refusal"):  # as if this session had not asked yet
        monkeypatch.setattr(county_db, cached, None)
    with pytest.raises(outcome, match="PostgreSQL is not installed"):
        county_db.require_postgres()
