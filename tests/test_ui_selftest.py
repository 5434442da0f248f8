"""`stationapp selftest`: a screenshot, a test receipt, a verified log, an honest exit code."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from stationapp.core import Station
from stationapp.ui.app import install_translators
from stationapp.ui.selftest import DEMO_MANAGER, DEMO_PIN, DEMO_STATION, run_selftest

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture(autouse=True)
def english_afterwards(qapp) -> Iterator[None]:
    yield
    install_translators("en")


def test_selftest_creates_a_demo_station_and_writes_its_files(tmp_data_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert run_selftest(tmp_data_dir, out) == 0
    screenshot = QImage(str(out / "main-window.png"))
    assert (screenshot.width(), screenshot.height()) == (1366, 768)
    assert (out / "test-receipt.pdf").read_bytes().startswith(b"%PDF")
    summary = json.loads(capsys.readouterr().out)
    assert summary["ok"] is True
    assert summary["station"] == DEMO_STATION


def test_selftest_fails_when_the_event_log_was_edited(tmp_data_dir, tmp_path, capsys):
    with Station.create(
        tmp_data_dir, name=DEMO_STATION, manager_name=DEMO_MANAGER, manager_pin=DEMO_PIN
    ):
        pass
    with sqlite3.connect(tmp_data_dir / "station.db") as conn:
        conn.execute("UPDATE event_log SET occurred_at = '2020-01-01T00:00:00+08:00' WHERE seq = 2")
    assert run_selftest(tmp_data_dir, tmp_path / "out") != 0
    assert "selftest FAILED" in capsys.readouterr().err


def test_selftest_on_a_real_station_verifies_it_and_writes_nothing_into_it(
    tmp_data_dir: Path, tmp_path
):
    with Station.create(tmp_data_dir, name="勐撒镇服务站", manager_name="玉香", manager_pin="2468"):
        pass
    before = (tmp_data_dir / "station.db").read_bytes()
    out = tmp_path / "out"
    assert run_selftest(tmp_data_dir, out) == 0
    assert (out / "main-window.png").exists() and (out / "test-receipt.pdf").exists()
    with Station.open(tmp_data_dir) as station:
        assert station.events.count() == 3
        assert station.info.name == "勐撒镇服务站"
    assert before  # the real station was only read


def test_selftest_without_a_folder_uses_a_scratch_station(tmp_path, capsys):
    assert run_selftest(None, tmp_path / "out") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["ok"] is True and summary["station"] == DEMO_STATION
