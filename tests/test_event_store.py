"""The event log's compact storage (migration 009): the record of DESIGN §3 read back whole,
the read-only ``events`` view, the lookups by index, and the upgrade of an existing station."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest

from stationapp.core import Station, StoreError, clock, ids, schema
from stationapp.core.compact_event_log import time_sql
from stationapp.core.event_store import (
    GENESIS_HASH,
    hash_text,
    key_text,
    stored_hash,
    stored_key,
    stored_time,
    time_text,
)
from stationapp.core.events import (
    EVENT_COLUMNS,
    VOID_TYPE,
    Event,
    EventLog,
    canonical_json,
    event_hash,
)
from stationapp.core.lines import projections_of_every_line
from stationapp.core.operators import add_operator
from stationapp.core.restore import check_backup
from stationapp.core.settings import change_setting
from stationapp.core.store import apply_pragmas, connect
from tests.conftest import MANAGER, MANAGER_PIN, STATION_NAME
from tests.county_db import missing_part

STATION_ID = "0190a6e4-3c2b-7a01-9f3e-5d2c1b0a9e8f"
BEFORE_COMPACT = "009_compact_event_log"


# --- the stored form -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "0190a6e4-3c2b-7a01-9f3e-5d2c1b0a9e8f",
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        ids.uuid7(),
    ],
)
def test_a_canonical_uuid_is_stored_as_its_16_bytes_and_reads_back_the_same(text):
    stored = stored_key(text)
    assert isinstance(stored, bytes) and len(stored) == 16
    assert key_text(stored) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "setting:paper",
        "0190A6E4-3C2B-7A01-9F3E-5D2C1B0A9E8F",  # upper case: not the canonical text
        "0190a6e43c2b7a019f3e5d2c1b0a9e8f",  # no dashes
        "{0190a6e4-3c2b-7a01-9f3e-5d2c1b0a9e8f}",
        "0190a6e4-3c2b-7a01-9f3e-5d2c1b0a9e8g",
        "0190a6e4-3c2b-7a01-9f3e-5d2c-b0a9e8f",  # a dash where a digit belongs
        "0190a6e4-3c2b-7a01-9f3e-5d2c 1b0a9e8",  # a space that bytes.fromhex would skip
        "芒艾村-3c2b-7a01-9f3e-5d2c1b0a9e8f0000000",
    ],
)
def test_any_other_id_is_stored_as_its_text_unchanged(text):
    assert stored_key(text) == text
    assert key_text(stored_key(text)) == text


def test_a_hash_is_stored_as_32_bytes_and_anything_else_as_it_is():
    digest = event_hash(
        GENESIS_HASH,
        id="x",
        seq=1,
        type="t",
        entity_id="",
        occurred_at="",
        operator="",
        payload={},
    )
    assert len(stored_hash(digest)) == 32 and hash_text(stored_hash(digest)) == digest
    for odd in ("", digest.upper(), digest[:-1], "not a hash"):
        assert stored_hash(odd) == odd and hash_text(stored_hash(odd)) == odd


@pytest.mark.parametrize(
    "text",
    [
        "2024-01-01T08:00:00.000+08:00",
        "2026-11-22T23:59:59.999+08:00",
        "2024-02-29T00:00:00.001+08:00",
        "1970-01-01T08:00:00.000+08:00",
    ],
)
def test_a_time_of_the_station_clock_is_stored_as_milliseconds_and_reads_back_the_same(text):
    stored = stored_time(text)
    assert type(stored) is int and time_text(stored) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2024-01-01T08:00:00+08:00",  # no milliseconds
        "2024-01-01T08:00:00.000+09:00",  # another offset
        "2024-01-01T00:00:00.000Z",
        "2024-13-01T08:00:00.000+08:00",  # no such month
        "2024-01-01 08:00:00.000+08:00",
        "1969-12-31T23:59:59.999+08:00",  # before 1970
    ],
)
def test_any_other_time_is_stored_as_its_text_unchanged(text):
    assert stored_time(text) == text and time_text(text) == text


def test_the_view_writes_a_stored_time_exactly_as_the_app_reads_it():
    conn = sqlite3.connect(":memory:")
    step = 86_400_000 * 97 + 3_600_000 * 5 + 61_001  # walks days, hours, seconds and ms
    for ms in range(0, 4_102_444_800_000, step):  # 1970 .. 2100
        in_sql = conn.execute(f"SELECT {time_sql('?1')}", (ms,)).fetchone()[0]
        assert in_sql == time_text(ms) and stored_time(in_sql) == ms


# --- a new station ---------------------------------------------------------------------------


def _view_rows(conn: sqlite3.Connection) -> list[tuple]:
    return [tuple(r) for r in conn.execute("SELECT * FROM events ORDER BY seq")]


def _as_record(event: Event, pushed: int = 0) -> tuple:
    return (
        event.id,
        event.station_id,
        event.seq,
        event.type,
        event.entity_id,
        event.occurred_at,
        event.operator,
        canonical_json(event.payload),
        event.prev_hash,
        event.hash,
        pushed,
    )


def test_the_events_view_shows_each_record_with_the_columns_of_the_design(station):
    station.settings.set("paper", "58mm")
    cursor = station.conn.execute("SELECT * FROM events ORDER BY seq")
    assert [d[0] for d in cursor.description] == [
        *EVENT_COLUMNS.split(", "),
        "pushed",
    ]
    assert [tuple(r) for r in cursor] == [_as_record(e) for e in station.log.iter_events()]


def test_ids_and_hashes_take_their_bytes_and_a_setting_key_stays_text(station):
    event = station.settings.set("paper", "58mm")
    row = station.conn.execute(
        "SELECT typeof(id), length(id), typeof(entity_id), typeof(operator), length(hash),"
        " typeof(occurred_at) FROM event_log WHERE seq = ?",
        (event.seq,),
    ).fetchone()
    assert tuple(row) == ("blob", 16, "text", "blob", 32, "integer")
    assert event.entity_id == "setting:paper"


def test_the_events_view_cannot_be_written(station):
    with pytest.raises(sqlite3.OperationalError, match="view"):
        station.conn.execute("UPDATE events SET payload = '{}' WHERE seq = 1")
    with pytest.raises(sqlite3.OperationalError, match="view"):
        station.conn.execute("DELETE FROM events")
    assert station.events.verify().ok


def test_the_plain_sqlite3_shell_reads_the_events_view(station):
    shell = shutil.which("sqlite3")
    if shell is None:
        missing_part("no sqlite3 shell on this machine: apt-get install sqlite3")
    station.settings.set("paper", "58mm")
    expected = _view_rows(station.conn)
    station.close()
    out = subprocess.run(
        [shell, "-readonly", "-separator", "\t", str(station.data_dir / "station.db")],
        input="SELECT * FROM events ORDER BY seq;\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines() == ["\t".join(str(v) for v in row) for row in expected]


def test_the_view_and_the_events_name_the_station_once_it_joins(station):
    station.settings.set("paper", "58mm")
    with station.store.transaction() as conn:
        conn.execute("UPDATE station_meta SET value = ? WHERE key = 'station_id'", (STATION_ID,))
    assert {r[0] for r in station.conn.execute("SELECT station_id FROM events")} == {STATION_ID}
    again = EventLog(
        station.conn, station.store.transaction, projections=projections_of_every_line()
    )
    assert {e.station_id for e in again.iter_events()} == {STATION_ID}


def test_events_of_gives_an_entity_s_events_in_seq_order_and_of_one_type(station):
    first = station.settings.set("paper", "58mm")
    station.settings.set("idle_lock_minutes", 5)
    second = station.settings.set("paper", "A4")
    assert station.log.events_of("setting:paper") == [first, second]
    assert station.log.events_of("setting:paper", type="operator.added") == []
    manager = station.operator
    assert manager is not None
    assert [e.type for e in station.log.events_of(manager.id, type="operator.added")] == [
        "operator.added"
    ]


def _plans(conn: sqlite3.Connection, run) -> list[str]:
    """The query plans of the event_log lookups ``run`` makes."""
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        run()
    finally:
        conn.set_trace_callback(None)
    plans = []
    for sql in statements:
        if "FROM event_log WHERE" in sql and "seq =" not in sql:
            plans += [r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    return plans


def test_finding_an_event_by_id_or_by_entity_uses_the_indexes(station):
    event = station.settings.set("paper", "58mm")
    manager = station.operator
    assert manager is not None
    plans = _plans(station.conn, lambda: station.log.find_event(event.id))
    assert plans and all("INDEX event_log_id" in p for p in plans), plans
    plans = _plans(station.conn, lambda: station.log.events_of(manager.id))
    assert plans and all("INDEX event_log_entity" in p for p in plans), plans


def test_an_event_found_by_id_carries_the_hash_before_it(station):
    first = station.settings.set("paper", "58mm")
    second = station.settings.set("paper", "A4")
    found = station.events.find(second.id)
    assert found == second and found.prev_hash == first.hash


# --- the upgrade of a station made before migration 009 --------------------------------------


class _OldLog:
    """Appends as the app did before migration 009, into the events table of migration 001;
    quacks like a ``Batch`` so the app's own commands write the projections."""

    def __init__(self, conn: sqlite3.Connection, station_id: str) -> None:
        self.conn = conn
        self.station_id = station_id

    def head(self) -> tuple[int, str]:
        row = self.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS_HASH)

    def find(self, event_id: str) -> Event | None:
        row = self.conn.execute(
            f"SELECT {EVENT_COLUMNS} FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        return Event.from_row(row) if row else None

    def append(
        self,
        type: str,
        *,
        entity_id: str = "",
        payload: dict[str, Any] | None = None,
        operator: str = "",
        occurred_at: str | None = None,
        event_id: str | None = None,
        pushed: int = 0,
    ) -> Event:
        payload = dict(payload or {})
        seq, prev = self.head()
        seq += 1
        ident = event_id or ids.uuid7()
        occurred = occurred_at or clock.now_iso()
        fields = dict(
            id=ident,
            seq=seq,
            type=type,
            entity_id=entity_id,
            occurred_at=occurred,
            operator=operator,
            payload=payload,
        )
        digest = event_hash(prev, **fields)
        event = Event(**fields, prev_hash=prev, hash=digest, station_id=self.station_id)
        self.conn.execute(
            f"INSERT INTO events ({EVENT_COLUMNS}, pushed) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (*_as_record(event)[:-1], pushed),
        )
        projections = projections_of_every_line()
        projections.project(projections.replay(self.conn, self.find), event)
        return event


def _old_station(folder: Path, *, station_id: str = STATION_ID) -> sqlite3.Connection:
    """A joined station's database as the app left it before migration 009, with records of
    several kinds: operators, settings (a setting key for entity), a receipt printed (no
    entity), an upper-case id that is not canonical, a void; the first ones pushed."""
    folder.mkdir(parents=True)
    conn = connect(folder / "station.db")
    apply_pragmas(conn)
    schema.migrate(conn, stop_before=BEFORE_COMPACT)
    conn.executemany(
        "INSERT INTO station_meta VALUES (?, ?)",
        [("id_salt", "00"), ("created_at", clock.now_iso()), ("station_id", station_id)],
    )
    log = _OldLog(conn, station_id)
    manager = add_operator(log, name=MANAGER, pin=MANAGER_PIN, role="manager", actor_id="")
    change_setting(log, "station.name", STATION_NAME, operator=manager.id)
    conn.execute("UPDATE events SET pushed = 1")
    add_operator(log, name="玉香", pin="2468", role="operator", actor_id=manager.id)
    paper = change_setting(log, "paper", "58mm", operator=manager.id)
    log.append("receipt.printed", payload={"kind": "test_page"}, operator=manager.id)
    log.append(
        "receipt.printed",  # record-only: an odd id and payload, stored as they came
        entity_id=STATION_ID.upper(),
        payload={"text": "岩温 记下", "n": 3, "list": [1, "二"]},
        operator=manager.id,
        event_id="not-a-uuid:7",
    )
    log.append(
        VOID_TYPE,
        entity_id=paper.entity_id,
        payload={"event_id": paper.id, "reason": "选错了纸", "type": paper.type},
        operator=manager.id,
    )
    return conn


def _old_events(conn: sqlite3.Connection) -> list[Event]:
    rows = conn.execute(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY seq")
    return [Event.from_row(row) for row in rows]


def test_upgrading_a_station_keeps_every_event_the_same(tmp_data_dir):
    conn = _old_station(tmp_data_dir)
    before, rows_before = _old_events(conn), _view_rows(conn)
    conn.close()
    with Station.open(tmp_data_dir) as st:
        assert "events" in {
            r[0] for r in st.conn.execute("SELECT name FROM sqlite_master WHERE type = 'view'")
        }
        assert list(st.log.iter_events()) == before
        assert _view_rows(st.conn) == rows_before
        assert st.log.head() == (before[-1].seq, before[-1].hash)
        result = st.events.verify()
        assert result.ok, result.problems
        assert result.events_checked == len(before)


def test_upgrading_keeps_what_was_pushed_and_what_waits(tmp_data_dir):
    conn = _old_station(tmp_data_dir)
    waiting = conn.execute("SELECT count(*) FROM events WHERE pushed = 0").fetchone()[0]
    conn.close()
    with Station.open(tmp_data_dir) as st:
        assert st.events.unpushed_count() == waiting
        pushed = [r[0] for r in st.conn.execute("SELECT pushed FROM events ORDER BY seq")]
        assert pushed[:2] == [1, 1] and set(pushed[2:]) == {0}


def test_an_upgraded_station_appends_on_its_chain(tmp_data_dir):
    _old_station(tmp_data_dir).close()
    with Station.open(tmp_data_dir) as st:
        st.login(MANAGER, MANAGER_PIN)
        before = st.log.head()
        event = st.settings.set("paper", "A4")
        assert (event.seq, event.prev_hash, event.station_id) == (
            before[0] + 1,
            before[1],
            STATION_ID,
        )
        assert st.events.verify().ok


def test_upgrading_a_log_broken_before_keeps_it_as_it_was(tmp_data_dir):
    conn = _old_station(tmp_data_dir)
    conn.execute("DELETE FROM events WHERE seq = 3")  # an edit by hand, long ago
    conn.execute("UPDATE events SET prev_hash = ? WHERE seq = 5", ("ab" * 32,))
    rows_before = _view_rows(conn)
    problems_before = EventLog(conn, None).verify_chain().problems
    conn.close()
    assert problems_before
    with Station.open(tmp_data_dir) as st:
        assert _view_rows(st.conn) == rows_before
        assert st.log.verify_chain().problems == problems_before


def test_upgrading_refuses_records_of_another_station_and_changes_nothing(tmp_data_dir):
    conn = _old_station(tmp_data_dir)
    conn.execute("UPDATE events SET station_id = 'another-station' WHERE seq = 2")
    rows_before = _view_rows(conn)
    conn.close()
    with pytest.raises(StoreError, match="name the station another-station"):
        Station.open(tmp_data_dir)
    conn = sqlite3.connect(tmp_data_dir / "station.db")
    try:
        kind = conn.execute("SELECT type FROM sqlite_master WHERE name = 'events'").fetchone()
        assert kind == ("table",)
        assert _view_rows(conn) == rows_before
    finally:
        conn.close()


def test_a_backup_from_before_the_upgrade_is_checked_by_its_chain(tmp_data_dir, tmp_path):
    conn = _old_station(tmp_data_dir)
    count = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    conn.close()
    assert check_backup(tmp_data_dir / "station.db") == count
