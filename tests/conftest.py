"""Shared fixtures: every test gets its own data folder; GUI tests run offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from stationapp.core import Station
from stationapp.core import clock as station_clock
from stationapp.core import i18n as core_i18n

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
def worker():
    """The GUI's single database worker, shut down after the test."""
    from stationapp.ui.worker import StationWorker

    w = StationWorker()
    yield w
    w.shutdown()
