"""Shared fixtures: every test gets its own data folder; GUI tests run offscreen; a real county
center on 127.0.0.1 for the tests that sync (tests/county_server.py)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from stationapp.core import Station
from stationapp.core import clock as station_clock
from stationapp.core import i18n as core_i18n

if TYPE_CHECKING:
    from stationapp.ui.kit.worker import StationWorker
    from tests.county_server import LoopbackCounty
    from tests.fakes.fault_proxy import FaultProxy

STATION_NAME = "孟定镇芒艾村电商服务站"
MANAGER = "岩温"
MANAGER_PIN = "123456"


@pytest.fixture(autouse=True)
def _english_core_messages() -> Iterator[None]:
    """Core messages in their English source unless a test installs a translator."""
    core_i18n.install_translator(None)
    yield
    core_i18n.install_translator(None)
    station_clock.set_clock(None)


@pytest.fixture
def tmp_data_dir(tmp_path: Path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def station(tmp_data_dir: Path) -> Iterator[Station]:
    """A new station, logged in as its manager."""
    st = Station.create(
        tmp_data_dir,
        name=STATION_NAME,
        manager_name=MANAGER,
        manager_pin=MANAGER_PIN,
        phone="0883-6123456",
    )
    yield st
    st.close()


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` read-only for this process, even as root (a read-only bind mount)."""
    if os.geteuid() != 0:
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)
        return
    bind = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if bind.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"cannot make a read-only mount in CI: {bind.stderr!r}")
        pytest.skip("this machine cannot make a read-only bind mount as root")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def worker(qtbot) -> Iterator[StationWorker]:
    """The GUI's single database worker; at the end its results are handed back to the GUI
    thread (the screens' callbacks run), then it is shut down."""
    from stationapp.ui.kit.worker import StationWorker

    w = StationWorker()
    yield w
    qtbot.waitUntil(lambda: w.idle, timeout=20000)
    w.shutdown()


@pytest.fixture
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The error dialogs the code under test would have shown, recorded instead of shown: one
    left at the end (a test clears those it expects) fails the test."""
    from stationapp.ui.kit import errors

    shown: list[str] = []
    monkeypatch.setattr(
        errors, "show_error_dialog", lambda details, parent=None: shown.append(details)
    )
    yield shown
    assert shown == []


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """For tests whose code installs the station's language: back to English afterwards."""
    from stationapp.ui.app import install_translators

    yield
    install_translators("en")


@pytest.fixture
def county(tmp_path: Path) -> Iterator[LoopbackCounty]:
    """A real county center on 127.0.0.1, on SQLite in the test's folder."""
    from tests.county_server import LoopbackCounty

    with LoopbackCounty(tmp_path / "county") as server:
        yield server


@pytest.fixture
def proxy(county: LoopbackCounty) -> Iterator[FaultProxy]:
    """A fault-injecting proxy between the station and the test's county."""
    from tests.fakes.fault_proxy import FaultProxy

    with FaultProxy(county.base_url) as fault_proxy:
        yield fault_proxy
