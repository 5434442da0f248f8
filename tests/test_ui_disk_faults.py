"""What the operator sees when the disk fails: a full disk at intake, a damaged database found
when the station opens or when a screen reads it. Never the "unexpected error" dialog: the
message says what happened and what to do (restore which backup, call the county center)."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from test_disk_faults import corrupt_a_parcels_page, fill, small_disk
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    VILLAGERS,
    ZTO,
    desk,
    parcels_page,
    press,
    sounds_played,
    type_into_focus,
)

from stationapp.core import Station, clock
from stationapp.ui.kit import errors
from stationapp.ui.login import LoginDialog
from stationapp.ui.shell import Shell
from tests.conftest import MANAGER, MANAGER_PIN, STATION_NAME

pytestmark = QT_LOG_IGNORE


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "3m") as folder:
        yield folder


@pytest.fixture
def station(disk: Path) -> Iterator[Station]:
    """The parcel screens' station, on a small disk of its own (overrides conftest's)."""
    st = Station.create(
        disk / "station", name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
    )
    yield st
    st.close()


def test_intake_on_a_full_disk_says_the_disk_is_full_and_keeps_the_parcel_typed(
    qtbot, parcels_page, station, worker, disk, shown_errors
):
    intake = parcels_page.show_sub_page("intake")
    before = worker.wait_for(station.events.count)
    filler = fill(disk)
    type_into_focus(qtbot, ZTO)
    qtbot.waitUntil(intake.carriers.hasFocus, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)
    phone, name = VILLAGERS[0]
    type_into_focus(qtbot, phone)
    qtbot.waitUntil(intake.name.hasFocus, timeout=3000)
    type_into_focus(qtbot, name)
    qtbot.waitUntil(lambda: intake.message.kind == "refusal", timeout=5000)
    assert "is full" in intake.message.text() and "Nothing was saved" in intake.message.text()
    assert worker.wait_for(station.events.count) == before
    assert shown_errors == []  # not the "unexpected error" dialog
    filler.unlink()


@pytest.fixture
def damaged_folder(tmp_data_dir: Path) -> Path:
    """A station whose good daily backup is yesterday's and whose file then took garbage."""
    day = clock.ManualClock("2027-03-01T09:00:00+08:00")
    clock.set_clock(day)
    station = Station.create(
        tmp_data_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
    )
    for i in range(60):
        station.parcels.receive(
            waybill=f"YT75{i:011d}", recipient_name="张三", recipient_phone=f"139{i:08d}"
        )
    station.close()
    corrupt_a_parcels_page(tmp_data_dir / "station.db")
    day.advance(days=1)  # the next morning: the daily backup's check finds the damage
    return tmp_data_dir


def test_opening_a_damaged_station_says_which_backup_to_restore(
    qtbot, damaged_folder, worker, shown_errors, english
):
    seen: list[tuple[str, str, QMessageBox.Icon]] = []

    def answer_the_box() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append((box.windowTitle(), box.text(), box.icon()))
            box.accept()
        else:
            QTimer.singleShot(20, answer_the_box)

    shell = Shell(damaged_folder, worker=worker, maximized=False)
    QTimer.singleShot(20, answer_the_box)
    with qtbot.waitSignal(shell.finished, timeout=20000) as finished:
        shell.start()
    assert finished.args == [1]
    ((_title, text, icon),) = seen
    assert icon == QMessageBox.Icon.Critical
    # found by the check before the daily backup, once the station's language is in place
    assert "已损坏" in text
    good = damaged_folder / "backups" / "daily-2027-03-01.db"
    assert f"stationapp restore {good}" in text
    assert "县级中心" in text
    shell.shutdown()  # the check ran beside the open station, which closes with the program


def test_a_screen_that_reads_a_damaged_page_shows_what_to_do_not_a_bug(
    qtbot, tmp_data_dir, worker, shown_errors, monkeypatch
):
    station = Station.create(
        tmp_data_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
    )
    for i in range(60):
        station.parcels.receive(
            waybill=f"YT75{i:011d}", recipient_name="张三", recipient_phone=f"139{i:08d}"
        )
    station.close()
    corrupt_a_parcels_page(tmp_data_dir / "station.db")
    station = Station.open(tmp_data_dir)  # today's backup exists: the file opens
    errors.setup_logging(tmp_data_dir)
    shown: list = []
    monkeypatch.setattr(errors, "show_refusal", lambda error, parent=None: shown.append(error))
    try:
        # what the pickup search does on the worker: the villager's parcel meets the garbage
        worker.call(station.parcels.find, "0005", on_done=lambda found: None)
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    finally:
        errors.stop_logging()
        worker.wait_for(station.close)
    (problem,) = shown
    assert "is damaged" in str(problem) and "Could not decode" in str(problem)
    assert shown_errors == []


def test_the_daily_backup_is_kept_beside_the_database_thread_while_the_login_waits(
    qtbot, tmp_data_dir, worker, shown_errors, english, monkeypatch
):
    """Its check and copy grow with the file: the login is up before they end, and the
    database thread answers meanwhile."""
    Station.create(
        tmp_data_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
    ).close()
    for daily in (tmp_data_dir / "backups").glob("daily-*.db"):
        daily.unlink()  # a new business day: today's backup is still to be made
    started, release = threading.Event(), threading.Event()
    database_thread: list[str] = []
    real = Station.keep_daily_backup

    def slow_backup(station):
        started.set()
        database_thread.append(threading.current_thread().name)
        assert release.wait(20)
        return real(station)

    monkeypatch.setattr(Station, "keep_daily_backup", slow_backup)
    shell = Shell(tmp_data_dir, worker=worker, maximized=False)
    shell.start()
    qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog), timeout=10_000)
    assert started.wait(10)
    # the database thread is free while the backup is out
    assert worker.wait_for(lambda: shell.station.operators.list()) is not None
    assert not list((tmp_data_dir / "backups").glob("daily-*.db"))
    release.set()
    qtbot.waitUntil(
        lambda: len(list((tmp_data_dir / "backups").glob("daily-*.db"))) == 1, timeout=10_000
    )
    assert database_thread and not database_thread[0].startswith("station-db")
    shell.shutdown()
