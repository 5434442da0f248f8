"""A broken disk is named, not hidden: garbage in a data page, a full disk, a read-only or
impossible backup target, a deleted lock file, a stale head; and the data folder is the user's
alone (DESIGN §3, §11).

Everything here is real: a real station.db whose bytes are overwritten on disk, the real
``stationapp`` command in a subprocess, a real full file system (a small tmpfs; as root, as CI
runs), a read-only bind mount, two real processes on one folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from stationapp.core import Station, StoreError, clock
from stationapp.core.errors import DamagedDatabase, StorageError
from stationapp.core.store import Store, connect
from tests.conftest import MANAGER, MANAGER_PIN, STATION_NAME, read_only

ROOT = Path(__file__).resolve().parents[1]
GARBAGE = b"\xff\xfe\x80\x81"


def run_cli(*args: str, lang: str = "en") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), STATIONAPP_LANG=lang)
    return subprocess.run(
        [sys.executable, "-m", "stationapp.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _python(code: str, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def receive(station: Station, count: int, start: int = 0) -> None:
    for i in range(start, start + count):
        station.parcels.receive(
            waybill=f"YT75{i:011d}",
            recipient_name="张三",
            recipient_phone=f"139{i:08d}",
            carrier="YTO",
        )


def corrupt_a_parcels_page(db: Path) -> int:
    """Overwrite a few bytes of a ``received_at`` text in a leaf page of the parcels table, in
    the file on disk (the station is closed, so its WAL is checkpointed); returns the page."""
    conn = sqlite3.connect(db)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            row[0]
            for row in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'parcels' AND pagetype = 'leaf'"
            )
        ]
        some_time = conn.execute("SELECT received_at FROM parcels LIMIT 1 OFFSET 5").fetchone()[0]
    finally:
        conn.close()
    assert leaves and not Path(str(db) + "-wal").exists()
    raw = bytearray(db.read_bytes())
    for page in leaves:
        start = (page - 1) * page_size
        at = raw.find(some_time.encode(), start, start + page_size)
        if at >= 0:
            raw[at : at + len(GARBAGE)] = GARBAGE
            db.write_bytes(bytes(raw))
            return page
    raise AssertionError("no parcels page holds the parcel's time")


@pytest.fixture
def damaged_station(tmp_data_dir: Path) -> Path:
    """A station whose daily backup is good and whose parcels table then took garbage."""
    station = Station.create(
        tmp_data_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
    )
    receive(station, 60)
    station.close()
    corrupt_a_parcels_page(tmp_data_dir / "station.db")
    return tmp_data_dir


# --- garbage in a data page -------------------------------------------------------------------


def test_verify_names_a_damaged_page_in_words_and_exits_1(damaged_station):
    result = run_cli("--data-dir", str(damaged_station), "verify")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "database file is damaged" in result.stderr
    assert "missing from index parcels_received" in result.stderr  # SQLite's own words
    good = damaged_station / "backups" / f"daily-{clock.business_day().isoformat()}.db"
    assert f"stationapp restore {good}" in result.stderr  # which backup, and how


def test_verify_names_a_page_whose_structure_took_garbage(station, tmp_data_dir):
    receive(station, 60)
    station.close()
    db = tmp_data_dir / "station.db"
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    (page,) = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = 'parcels' AND pagetype = 'leaf' LIMIT 1"
    ).fetchone()
    conn.close()
    raw = bytearray(db.read_bytes())
    start = (page - 1) * page_size
    raw[start + 8 : start + 16] = GARBAGE * 2  # the page's cell pointers
    db.write_bytes(bytes(raw))
    result = run_cli("--data-dir", str(tmp_data_dir), "verify")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "database file is damaged" in result.stderr and f"page {page}" in result.stderr


def test_a_file_whose_first_page_took_garbage_is_refused_naming_the_backup(station, tmp_data_dir):
    station.close()
    db = tmp_data_dir / "station.db"
    raw = bytearray(db.read_bytes())
    raw[0:16] = GARBAGE * 4  # "SQLite format 3" is gone
    db.write_bytes(bytes(raw))
    with pytest.raises(DamagedDatabase) as refused:
        Station.open(tmp_data_dir)
    daily = tmp_data_dir / "backups" / f"daily-{clock.business_day().isoformat()}.db"
    assert f"stationapp restore {daily}" in str(refused.value)


def test_verify_says_it_in_chinese_by_default(damaged_station):
    result = run_cli("--data-dir", str(damaged_station), "verify", lang="zh_CN")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "已损坏" in result.stderr and "县级中心" in result.stderr


def test_backup_refuses_a_damaged_station_and_writes_nothing(damaged_station, tmp_path):
    target = tmp_path / "usb" / "copy.db"
    result = run_cli("--data-dir", str(damaged_station), "backup", str(target))
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert "is damaged" in result.stderr
    assert not target.exists()
    assert not list(tmp_path.glob("usb/*"))


def test_a_damaged_station_makes_no_daily_backup_and_keeps_the_last_good_one(tmp_data_dir):
    day = clock.ManualClock("2027-01-01T09:00:00+08:00")
    clock.set_clock(day)
    station = Station.create(
        tmp_data_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
    )
    station.close()
    for n in range(15):  # fifteen working days: fourteen dailies kept
        day.advance(days=1)
        station = Station.open(tmp_data_dir)
        station.login(MANAGER, MANAGER_PIN)
        receive(station, 5, start=n * 5)
        station.close()
    backups = tmp_data_dir / "backups"
    before = sorted(p.name for p in backups.glob("daily-*.db"))
    assert len(before) == 14 and before[-1] == "daily-2027-01-16.db"
    corrupt_a_parcels_page(tmp_data_dir / "station.db")

    for _ in range(20):  # the damage is not noticed by the operator for weeks
        day.advance(days=1)
        with pytest.raises(DamagedDatabase) as refused:
            Station.open(tmp_data_dir)
        assert str(backups / "daily-2027-01-16.db") in str(refused.value)
    assert sorted(p.name for p in backups.glob("daily-*.db")) == before
    conn = sqlite3.connect(backups / "daily-2027-01-16.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_the_named_backup_restores_a_sound_station(damaged_station):
    refused = run_cli("--data-dir", str(damaged_station), "verify")
    named = refused.stderr.split("stationapp restore ", 1)[1].split(")", 1)[0]
    restored = run_cli("--data-dir", str(damaged_station), "restore", named)
    assert restored.returncode == 0, restored.stderr
    again = run_cli("--data-dir", str(damaged_station), "verify")
    assert again.returncode == 0, again.stderr
    # the damaged file was kept for the county's support, byte for byte or through SQLite
    assert list((damaged_station / "backups").glob("before-restore-*.db"))


def test_restore_refuses_a_damaged_backup(damaged_station, tmp_path):
    damaged_copy = tmp_path / "damaged.db"
    damaged_copy.write_bytes((damaged_station / "station.db").read_bytes())
    result = run_cli("--data-dir", str(damaged_station), "restore", str(damaged_copy))
    assert result.returncode == 2
    assert "is damaged" in result.stderr and "Traceback" not in result.stderr


# --- a full disk ------------------------------------------------------------------------------


@contextlib.contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """A real file system of ``size`` at ``folder`` (tmpfs); needs root, as CI runs."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot mount a small tmpfs in CI: {mounted.stderr!r}")
        pytest.skip("this machine cannot mount a small tmpfs (not root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path) -> Path:
    """Write a file until the disk says it is full."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 65536)
    except OSError as exc:
        assert exc.errno == 28  # ENOSPC
    try:
        while True:
            os.write(fd, b"\0" * 512)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


@pytest.fixture
def full_disk_station(tmp_path: Path) -> Iterator[tuple[Station, Path]]:
    with small_disk(tmp_path / "disk", "3m") as disk:
        station = Station.create(
            disk / "station", name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
        )
        try:
            yield station, disk
        finally:
            station.close()


def test_intake_on_a_full_disk_is_refused_in_words_and_writes_nothing(full_disk_station):
    station, disk = full_disk_station
    events = station.events.count()
    filler = fill(disk)
    with pytest.raises(StorageError, match=r"is full\. Nothing was saved"):
        receive(station, 1)
    assert station.events.count() == events
    assert station.parcels.find("YT7500000000000") == []
    filler.unlink()
    receive(station, 1)  # space again: the same parcel goes in, the log holds
    assert len(station.parcels.find("YT7500000000000")) == 1
    assert station.events.verify().ok


def test_a_database_at_its_size_limit_is_refused_as_full(station):
    """The same refusal without a small disk: SQLite's own page limit makes the file full."""
    pages = station.conn.execute("PRAGMA page_count").fetchone()[0]
    station.conn.execute(f"PRAGMA max_page_count = {pages}")
    events = station.events.count()
    with pytest.raises(StorageError, match="is full"):
        receive(station, 30)
    assert station.events.count() <= events + 30  # what fitted before the limit, whole
    assert station.events.verify().ok


def test_opening_on_a_full_disk_says_the_disk_is_full_not_read_only(full_disk_station):
    station, disk = full_disk_station
    folder = station.data_dir
    station.close()
    fill(disk)
    with pytest.raises(StorageError) as refused:
        Station.open(folder)
    assert "is full" in str(refused.value)
    assert "read-only" not in str(refused.value)


def test_a_daily_backup_that_does_not_fit_says_the_stations_disk_is_full(full_disk_station):
    station, disk = full_disk_station
    folder = station.data_dir
    station.close()
    filler = fill(disk)
    os.truncate(filler, filler.stat().st_size - 64 * 1024)  # room to open, not for a copy
    day = clock.ManualClock("2027-01-01T09:00:00+08:00")
    clock.set_clock(day)
    with pytest.raises(StorageError) as refused:
        Station.open(folder)
    assert "The disk that holds the station's data" in str(refused.value)
    assert "Free some space" in str(refused.value)
    assert not list((folder / "backups").glob("*.partial*"))
    filler.unlink()
    Station.open(folder).close()
    assert (folder / "backups" / "daily-2027-01-01.db").exists()


def test_cli_backup_to_a_full_disk_says_so_without_a_traceback(station, tmp_data_dir, tmp_path):
    station.close()
    with small_disk(tmp_path / "usb", "64k") as usb:
        result = run_cli("--data-dir", str(tmp_data_dir), "backup", str(usb / "copy.db"))
        assert result.returncode == 2, result.stdout
        assert "Traceback" not in result.stderr
        assert "the disk there is full" in result.stderr
        assert list(usb.iterdir()) == []  # no half-written copy left behind


def test_cli_backup_to_a_read_only_place_says_so_without_a_traceback(
    station, tmp_data_dir, tmp_path
):
    station.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    with read_only(usb):
        result = run_cli("--data-dir", str(tmp_data_dir), "backup", str(usb / "copy.db"))
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert "read-only" in result.stderr
    assert list(usb.iterdir()) == []


def test_cli_backup_to_an_impossible_place_says_so_without_a_traceback(
    station, tmp_data_dir, tmp_path
):
    station.close()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    result = run_cli("--data-dir", str(tmp_data_dir), "backup", str(a_file / "copy.db"))
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert "no such folder" in result.stderr


def test_cli_backup_into_a_folder_writes_a_named_copy(station, tmp_data_dir, tmp_path):
    station.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    result = run_cli("--data-dir", str(tmp_data_dir), "backup", str(usb))
    assert result.returncode == 0, result.stderr
    (copy,) = usb.glob("station-*.db")
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


# --- one writer, whatever happens to station.lock ---------------------------------------------

HOLDER = """
import sys
from stationapp.core import Station
st = Station.open(sys.argv[1])
st.login(sys.argv[2], sys.argv[3])
print("OPEN", flush=True)
for line in sys.stdin:
    event = st.settings.set("idle_lock_minutes", int(line))
    print("SEQ", event.seq, flush=True)
st.close()
"""

SECOND = """
import sys
from stationapp.core import Station, StoreError
try:
    st = Station.open(sys.argv[1])
except StoreError as e:
    print("REFUSED", e)
    sys.exit(3)
st.login(sys.argv[2], sys.argv[3])
st.settings.set("idle_lock_minutes", 7)
print("WROTE")
"""


def test_deleting_station_lock_lets_no_second_writer_in(station, tmp_data_dir):
    station.close()
    holder = _python(HOLDER, str(tmp_data_dir), MANAGER, MANAGER_PIN)
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "OPEN"
        (tmp_data_dir / "station.lock").unlink()
        second = _python(SECOND, str(tmp_data_dir), MANAGER, MANAGER_PIN)
        out, err = second.communicate(timeout=60)
        assert second.returncode == 3, (out, err)
        assert "already open in another window" in out
        holder.stdin.write("9\n")
        holder.stdin.flush()
        assert holder.stdout.readline().startswith("SEQ")  # the first writer is unharmed
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert holder.returncode == 0, holder.stderr.read() if holder.stderr else ""
    with Station.open(tmp_data_dir) as again:
        assert again.events.verify().ok


OLD_PROGRAM = """
import sys
from pathlib import Path
from stationapp.core import Station
from stationapp.core.store import Store, apply_pragmas, connect

class NoLock:  # a program that does not honour the folder's lock (an older version, a tool)
    def release(self): pass

folder = Path(sys.argv[1])
conn = connect(folder / "station.db")
apply_pragmas(conn)
st = Station(Store(folder, conn, NoLock()))
st.login(sys.argv[2], sys.argv[3])
for n in range(3):
    st.settings.set("idle_lock_minutes", 20 + n)
conn.close()
print("WROTE")
"""


def test_a_write_after_another_program_appended_takes_the_next_seq(station, tmp_data_dir):
    station.settings.set("idle_lock_minutes", 5)  # this station's head is now known (cached)
    before = station.events.count()
    other = _python(OLD_PROGRAM, str(tmp_data_dir), MANAGER, MANAGER_PIN)
    out, err = other.communicate(timeout=60)
    assert other.returncode == 0 and "WROTE" in out, err
    event = station.settings.set("idle_lock_minutes", 6)  # no UNIQUE constraint failed
    assert event.seq == before + 4
    assert station.events.verify().ok


# --- the user's alone -------------------------------------------------------------------------

posix_only = pytest.mark.skipif(os.name != "posix", reason="Windows: the user's profile")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_a_new_station_folder_and_its_files_are_the_users_alone(station, tmp_data_dir):
    from stationapp.sms_providers.filelog import FileProvider
    from stationapp.sms_providers.provider import OutgoingText

    station.backup()
    FileProvider(tmp_data_dir).send(
        OutgoingText(
            text_id="t1",
            phone="13912345678",
            text="【芒艾村服务站】您的包裹已到",
            template="parcel_arrival",
            params={},
            signature="芒艾村服务站",
        )
    )
    assert mode(tmp_data_dir) == 0o700
    assert mode(tmp_data_dir / "backups") == 0o700
    files = [
        tmp_data_dir / name
        for name in ("station.db", "station.db-wal", "station.db-shm", "sms-outbox.txt")
    ]
    files += list((tmp_data_dir / "backups").iterdir())
    assert len(files) >= 6
    for path in files:
        assert mode(path) == 0o600, path


@posix_only
def test_an_older_station_folder_is_tightened_at_open(station, tmp_data_dir):
    station.backup()
    station.close()
    (tmp_data_dir / "sms-outbox.txt").write_text("old line\n")
    loose = [p for p in tmp_data_dir.rglob("*") if p.is_file()]
    for path in [tmp_data_dir, tmp_data_dir / "backups", *loose]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    Station.open(tmp_data_dir).close()
    assert mode(tmp_data_dir) == 0o700 and mode(tmp_data_dir / "backups") == 0o700
    for path in loose:
        assert mode(path) == 0o600, path


@posix_only
def test_the_log_file_is_the_users_alone(tmp_data_dir, qapp):
    import logging

    from stationapp.ui.kit import errors

    path = errors.setup_logging(tmp_data_dir)
    try:
        logging.getLogger("stationapp.test").warning("a line")
        assert path is not None and mode(path) == 0o600
        assert mode(tmp_data_dir / "logs") == 0o700
    finally:
        errors.stop_logging()


def test_the_store_refuses_a_second_store_on_the_same_folder_in_the_same_process(station):
    with pytest.raises(StoreError, match="already open"):
        Store.open(station.data_dir)
    assert connect(station.data_dir / "station.db").execute("SELECT 1").fetchone()[0] == 1
