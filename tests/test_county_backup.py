"""``county-center backup``: a copy of the county's database, on SQLite and on PostgreSQL, that
restores with the stations and events pushed before it; dated names, retention, clear errors."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import contextlib
import io
import json
import re
import subprocess
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from stationapp.core import clock
from sync.server import backup as county_backup
from sync.server import cli, ingest
from sync.server.storage import Storage, create_engine
from sync.server.tables import events
from sync.server.tables import stations as stations_table
from tests.county_db import (  # noqa: F401  (fixtures)
    county_database_url,
    require_postgres,
)
from tests.county_server import chained, county_settings, new_station


class County:
    """A county database with stations and pushed events, and its command line."""

    def __init__(self, data_dir: Path, database_url: str) -> None:
        self.data_dir = data_dir
        self.database_url = database_url
        self.settings = county_settings(data_dir, database_url)
        self.storage = Storage.open(self.settings)

    @property
    def kind(self) -> str:
        return "sqlite" if self.database_url.startswith("sqlite") else "postgresql"

    def station_with_events(self, count: int, name: str = "芒艾村服务站") -> str:
        station_id, _code = new_station(self.storage, self.settings.token_secret, name)
        self.push(station_id, count)
        return station_id

    def push(self, station_id: str, count: int) -> None:
        head_seq, head_hash = ingest.read_head(self.storage, station_id)
        ingest.push(self.storage, station_id, chained(count, after=(head_seq, head_hash)))

    def backup(self, *args: str) -> tuple[int, dict, str]:
        out, err = io.StringIO(), io.StringIO()
        where = ["--data-dir", str(self.data_dir), "--database-url", self.database_url]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([*where, "backup", *args])
        return code, (json.loads(out.getvalue()) if code == 0 else {}), err.getvalue()


@pytest.fixture
def county(tmp_path, county_database_url) -> Iterator[County]:
    county = County(tmp_path / "county", county_database_url)
    yield county
    county.storage.close()


def snapshot(engine: sa.Engine) -> tuple[list[tuple], list[tuple]]:
    """The stations (id, name, head) and every event (station, seq, id, hash) of a database."""
    with engine.connect() as conn:
        station_rows = conn.execute(
            sa.select(
                stations_table.c.id,
                stations_table.c.name,
                stations_table.c.head_seq,
                stations_table.c.head_hash,
            ).order_by(stations_table.c.id)
        ).all()
        event_rows = conn.execute(
            sa.select(events.c.station_id, events.c.seq, events.c.id, events.c.hash).order_by(
                events.c.station_id, events.c.seq
            )
        ).all()
    return [tuple(r) for r in station_rows], [tuple(r) for r in event_rows]


@contextlib.contextmanager
def restored(county: County, backup_file: Path) -> Iterator[sa.Engine]:
    """An engine on what the backup restores to: the SQLite copy itself, or a new PostgreSQL
    database that pg_restore filled."""
    if county.kind == "sqlite":
        engine = sa.create_engine(f"sqlite:///{backup_file}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    with require_postgres().database() as url:
        dbname, password = county_backup.libpq_target(url)
        pg_restore = Path(county_backup.find_pg_dump() or "pg_dump").with_name("pg_restore")
        done = subprocess.run(
            [str(pg_restore), "--no-owner", f"--dbname={dbname}", str(backup_file)],
            env={"PGPASSWORD": password or ""},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        engine = create_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


def test_a_backup_restores_with_the_stations_and_events_pushed_before(county):
    county.station_with_events(12, "芒艾村服务站")
    county.station_with_events(5, "东村服务站")
    code, answer, err = county.backup()
    assert code == 0, err
    path = Path(answer["backup"])
    assert answer["bytes"] == path.stat().st_size > 0
    with restored(county, path) as engine:
        assert snapshot(engine) == snapshot(county.storage.engine)
        stations_there, events_there = snapshot(engine)
    assert sorted(name for _, name, _, _ in stations_there) == ["东村服务站", "芒艾村服务站"]
    assert len(events_there) == 17


def test_a_backup_gets_a_dated_name_in_the_backups_folder(county):
    code, answer, err = county.backup()
    assert code == 0, err
    path = Path(answer["backup"])
    suffix = ".db" if county.kind == "sqlite" else ".dump"
    assert path.parent == county.data_dir.resolve() / "backups"
    assert re.fullmatch(r"county-\d{8}-\d{6}" + re.escape(suffix), path.name)
    assert not list(path.parent.glob("*.partial"))


def test_a_backup_to_a_named_file_writes_that_file(county, tmp_path):
    target = tmp_path / "elsewhere" / "before-upgrade.bak"
    code, answer, _ = county.backup(str(target))
    assert code == 0
    assert Path(answer["backup"]) == target and target.stat().st_size == answer["bytes"]


def test_only_the_newest_backups_of_a_folder_are_kept(county, tmp_path):
    folder = tmp_path / "nas"
    folder.mkdir()
    (folder / "notes.txt").write_text("the operator's own file")
    start = datetime(2026, 3, 1, 2, 0, tzinfo=clock.SHANGHAI)
    made = [
        county_backup.backup(county.settings, folder, keep=3, now=start + timedelta(days=day))
        for day in range(5)
    ]
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted([*(m.path.name for m in made[2:]), "notes.txt"])
    assert [p.name for p in made[-1].removed] == [made[1].path.name]


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(county):
    moment = datetime(2026, 3, 1, 2, 0, tzinfo=clock.SHANGHAI)
    first = county_backup.backup(county.settings, now=moment)
    second = county_backup.backup(county.settings, now=moment)
    assert first.path != second.path
    assert first.path.exists() and second.path.exists()


def test_keep_zero_is_refused_and_nothing_is_deleted(county):
    assert county.backup()[0] == 0
    code, _, err = county.backup("--keep", "0")
    assert code == 1
    assert "keep at least 1" in err
    assert len(list((county.data_dir / "backups").iterdir())) == 1


def test_a_backup_taken_while_a_station_pushes_is_consistent(county):
    """Each station's head in the copy is the last event in the copy: a snapshot, not a mix."""
    station_id = county.station_with_events(1)
    started = threading.Event()
    failures: list[BaseException] = []

    def keep_pushing() -> None:
        try:
            for _ in range(40):
                county.push(station_id, 25)
                started.set()
        except BaseException as exc:  # the test reports it
            failures.append(exc)
            started.set()

    pusher = threading.Thread(target=keep_pushing)
    pusher.start()
    assert started.wait(60)
    code, answer, err = county.backup()
    pusher.join(120)
    assert code == 0, err
    assert not failures
    with restored(county, Path(answer["backup"])) as engine:
        station_rows, event_rows = snapshot(engine)
    [(_, _, head_seq, head_hash)] = station_rows
    assert head_seq == len(event_rows) > 1
    assert (event_rows[-1][1], event_rows[-1][3]) == (head_seq, head_hash)


def test_a_missing_sqlite_database_is_a_clear_error(tmp_path):
    folder = tmp_path / "empty"
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(folder), "--database-url", "", "backup"])
    assert code == 1
    assert "There is no county database" in err.getvalue()


# --- PostgreSQL: pg_dump ------------------------------------------------------------------------


@pytest.mark.parametrize("county_database_url", ["postgresql"], indirect=True)
def test_missing_pg_dump_is_a_clear_error_exit_1(county, monkeypatch):
    monkeypatch.setattr(county_backup, "find_pg_dump", lambda: None)
    code, _, err = county.backup()
    assert code == 1
    assert "pg_dump is not installed" in err and "postgresql-client" in err
    assert not list(county.data_dir.glob("backups/*"))


@pytest.mark.parametrize("county_database_url", ["postgresql"], indirect=True)
def test_a_failing_pg_dump_is_exit_1_with_its_reason_and_no_password(county):
    url = sa.engine.make_url(county.database_url)
    wrong = url.set(database="no_such_county").render_as_string(hide_password=False)
    county.database_url = wrong
    code, _, err = county.backup()
    assert code == 1
    assert "pg_dump failed" in err and "no_such_county" in err
    if url.password:
        assert url.password not in err


@pytest.mark.parametrize("county_database_url", ["postgresql"], indirect=True)
def test_the_password_reaches_pg_dump_through_its_environment_only(county, monkeypatch):
    calls: list[tuple[list[str], dict[str, str]]] = []
    real_run = subprocess.run

    def recording_run(command, **kwargs):
        calls.append((list(command), dict(kwargs.get("env") or {})))
        return real_run(command, **kwargs)

    monkeypatch.setattr(county_backup.subprocess, "run", recording_run)
    county.station_with_events(3)
    code, answer, err = county.backup()
    assert code == 0, err
    [(command, environment)] = calls
    password = sa.engine.make_url(county.database_url).password
    assert password, "the test server asks for a password"
    assert not any(password in part for part in command)
    assert environment["PGPASSWORD"] == password
    assert password not in json.dumps(answer)
