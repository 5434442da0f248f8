"""Faults: a second opener, kill -9 mid-burst, a read-only folder, an older schema."""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stationapp.core import Station, StoreError, schema
from stationapp.core.events import EventLog
from stationapp.core.lines import projections_of_every_line
from stationapp.core.operators import add_operator
from stationapp.core.settings import change_setting
from stationapp.core.store import apply_pragmas, connect
from tests.conftest import MANAGER, MANAGER_PIN, STATION_NAME, read_only

ROOT = Path(__file__).resolve().parents[1]


def _python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def test_a_second_opener_in_another_process_is_refused_with_a_clear_message(station, tmp_data_dir):
    proc = _python(
        """
        import sys
        from stationapp.core import Station, StoreError
        try:
            Station.open(sys.argv[1])
        except StoreError as e:
            print("REFUSED", e)
            sys.exit(3)
        print("OPENED")
        """,
        str(tmp_data_dir),
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3, (out, err)
    assert "already open in another window" in out
    # the first opener is unharmed
    station.settings.set("paper", "58mm")
    assert station.events.verify().ok


BURST = """
import sys
from stationapp.core import Station
st = Station.open(sys.argv[1])
st.login(sys.argv[2], sys.argv[3])
i = 0
while True:
    i += 1
    event = st.settings.set("idle_lock_minutes", 1 + i % 200)
    print(event.seq, event.id, flush=True)
"""


@pytest.mark.slow
def test_kill_9_mid_burst_loses_no_returned_append_and_leaves_nothing_half_written(
    station, tmp_data_dir
):
    station.close()
    rng = random.Random(20261122)
    trials = 25
    for _trial in range(trials):
        proc = _python(BURST, str(tmp_data_dir), MANAGER, MANAGER_PIN)
        assert proc.stdout is not None
        wanted = rng.randint(1, 120)
        returned: list[tuple[int, str]] = []
        for line in proc.stdout:
            seq, event_id = line.split()
            returned.append((int(seq), event_id))
            if len(returned) >= wanted:
                break
        proc.kill()  # SIGKILL: no cleanup, no atexit, mid-transaction as likely as not
        proc.wait(timeout=30)
        assert returned, proc.stderr.read() if proc.stderr else ""
        with Station.open(tmp_data_dir) as st:
            result = st.events.verify()
            assert result.ok, result.problems
            for seq, event_id in returned:
                found = st.events.find(event_id)
                assert found is not None and found.seq == seq
            last = next(iter(st.log.iter_events(after_seq=st.events.count() - 1)))
            assert st.settings.get("idle_lock_minutes") == last.payload["value"]


def test_a_read_only_data_folder_gives_a_clear_error_and_no_corruption(station, tmp_data_dir):
    station.settings.set("paper", "58mm")
    count = station.events.count()
    station.close()
    before = (tmp_data_dir / "station.db").read_bytes()
    with read_only(tmp_data_dir), pytest.raises(StoreError, match="cannot be written"):
        Station.open(tmp_data_dir)
    assert (tmp_data_dir / "station.db").read_bytes() == before
    with Station.open(tmp_data_dir) as again:
        assert again.events.count() == count
        assert again.events.verify().ok


def test_creating_a_station_in_a_read_only_folder_is_refused(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only(folder), pytest.raises(StoreError, match="cannot be written"):
        Station.create(folder, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN)
    assert not (folder / "station.db").exists()


def _old_station(folder: Path, last_migration_missing: str) -> list[str]:
    """A station database as an older version left it: migrations up to a point, with records."""
    folder.mkdir(parents=True)
    conn = connect(folder / "station.db")
    apply_pragmas(conn)
    schema.migrate(conn, stop_before=last_migration_missing)

    from contextlib import contextmanager

    @contextmanager
    def transaction():
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    conn.execute("INSERT INTO station_meta VALUES ('id_salt', '00'), ('station_id', '')")
    log = EventLog(conn, transaction, projections=projections_of_every_line())
    with log.batch() as batch:
        manager = add_operator(batch, name=MANAGER, pin=MANAGER_PIN, role="manager", actor_id="")
        change_setting(batch, "station.name", STATION_NAME, operator=manager.id)
        change_setting(batch, "paper", "58mm", operator=manager.id)
    ids = [e.id for e in log.iter_events()]
    conn.close()
    return ids


def test_an_older_schema_is_backed_up_migrated_and_keeps_every_record(tmp_data_dir):
    newest = schema.migrations._migrations[-1].name
    old_ids = _old_station(tmp_data_dir, newest)
    with Station.open(tmp_data_dir) as st:
        assert schema.pending(st.conn) == []
        assert [e.id for e in st.log.iter_events()] == old_ids
        assert st.settings.get("paper") == "58mm"
        assert st.login(MANAGER, MANAGER_PIN).name == MANAGER
        assert st.events.verify().ok
    backups = list((tmp_data_dir / "backups").glob("before-migration-*.db"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    applied = {r[0] for r in copy.execute("SELECT name FROM _sqlite_migrations")}
    assert newest not in applied
    assert copy.execute("SELECT count(*) FROM events").fetchone()[0] == len(old_ids)
    copy.close()


def test_a_migration_that_fails_leaves_the_database_as_it_was(tmp_data_dir, monkeypatch):
    newest = schema.migrations._migrations[-1]
    _old_station(tmp_data_dir, newest.name)

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(newest, "fn", broken)
    with pytest.raises(StoreError, match="disk failed"):
        Station.open(tmp_data_dir)
    conn = sqlite3.connect(tmp_data_dir / "station.db")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert "half_done" not in tables
    monkeypatch.undo()
    with Station.open(tmp_data_dir) as st:
        assert st.events.verify().ok


INTAKE_BURST = """
import sys
from stationapp.core import Station
st = Station.open(sys.argv[1])
st.login(sys.argv[2], sys.argv[3])
i = 0
while True:
    i += 1
    number = f"YT75{int(sys.argv[4]):04d}{i:07d}"
    parcel = st.parcels.receive(waybill=number, recipient_phone=f"139{i % 7:08d}",
                                recipient_name="张三", carrier="YTO")
    print(parcel.id, flush=True)
"""


@pytest.mark.slow
def test_kill_9_mid_intake_keeps_every_parcel_that_was_confirmed_with_its_notice(
    station, tmp_data_dir
):
    station.close()
    rng = random.Random(23)
    for trial in range(10):
        proc = _python(INTAKE_BURST, str(tmp_data_dir), MANAGER, MANAGER_PIN, str(trial))
        assert proc.stdout is not None
        wanted = rng.randint(1, 40)
        confirmed: list[str] = []
        for line in proc.stdout:
            confirmed.append(line.strip())
            if len(confirmed) >= wanted:
                break
        proc.kill()
        proc.wait(timeout=30)
        assert confirmed, proc.stderr.read() if proc.stderr else ""
        with Station.open(tmp_data_dir) as st:
            result = st.events.verify()
            assert result.ok, result.problems
            for parcel_id in confirmed:
                assert st.parcels.get(parcel_id).status == "waiting"
                notices = st.conn.execute(
                    "SELECT count(*) FROM sms_outbox WHERE purpose = 'parcel_arrival'"
                    " AND entity_key = ?"
                    " UNION ALL SELECT count(*) FROM sms_subjects WHERE purpose = 'parcel_arrival'"
                    " AND entity_key = ?",
                    (parcel_id, parcel_id),
                ).fetchall()
                assert sum(n for (n,) in notices) == 1  # its notice, exactly once
