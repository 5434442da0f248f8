"""Fixtures and demo data shared by the parcel screens' tests (tests/test_ui_parcels*.py).

Imported by name from the test modules; holds no tests itself.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from stationapp.core import Station, clock
from stationapp.core.parcels.facade import Parcel
from stationapp.ui.kit import sounds
from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.pages.parcels import ParcelsPage
from stationapp.ui.pages.sms import SmsPage

# the offscreen platform warns that it cannot raise or size windows: not the app's warning
QT_LOG_IGNORE = pytest.mark.qt_log_ignore("This plugin does not support")

# 孟定镇 villagers and the waybill forms of the carriers that reach them
VILLAGERS = [
    ("13887654321", "岩温"),
    ("13988761234", "玉香"),
    ("15912340521", "李春梅"),
    ("18787651122", "杨建华"),
    ("13708831234", "段正伟"),
]
ZTO = "73100012345678"  # 中通: 14 digits starting 73-79
YTO = "YT7461234567890"  # 圆通: YT and 13 digits
YUNDA = "312345678901234"  # 韵达: 15 digits starting 3


def zto(n: int) -> str:
    return f"7310{n:010d}"


def yto(n: int) -> str:
    return f"YT746{n:010d}"


def yunda(n: int) -> str:
    return f"31{n:013d}"


# fixtures ---------------------------------------------------------------------------------------


@pytest.fixture
def sounds_played(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sounds the screens played, in order (nothing reaches the speakers in tests)."""
    played: list[str] = []
    monkeypatch.setattr(sounds, "play", played.append)
    return played


@pytest.fixture
def desk(
    station: Station,
    worker: StationWorker,
    shown_errors: list[str],
    sounds_played: list[str],
) -> PageContext:
    return PageContext(station=station, worker=worker, operator=station.operator)


@pytest.fixture
def parcels_page(qtbot, desk: PageContext) -> ParcelsPage:
    """The 快递 page alone in a window of the size it gets on a 1366×768 screen."""
    page = ParcelsPage(desk)
    page.changed.connect(page.on_changed)  # what the main window's broadcast does
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    return page


@pytest.fixture
def sms_page(qtbot, desk: PageContext) -> SmsPage:
    """The 短信 page alone in a window of the size it gets on a 1366×768 screen."""
    page = SmsPage(desk)
    page.changed.connect(page.on_changed)  # what the main window's broadcast does
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    return page


# helpers ----------------------------------------------------------------------------------------


def receive(station: Station, waybill: str, villager: int = 0, **fields) -> Parcel:
    phone, name = VILLAGERS[villager]
    return station.parcels.receive(
        waybill=waybill, recipient_phone=phone, recipient_name=name, **fields
    )


def receive_days_ago(station: Station, days: int, waybill: str, villager: int = 0) -> Parcel:
    """A parcel that came ``days`` business days ago (the clock goes back, then returns)."""
    now = clock.now()
    clock.set_clock(lambda: now - timedelta(days=days))
    try:
        return receive(station, waybill, villager)
    finally:
        clock.set_clock(lambda: now)


def freeze_clock(moment: datetime) -> None:
    clock.set_clock(lambda: moment)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_into_focus(qtbot, text: str, *, enter: bool = True) -> QWidget:
    """Type as the operator does: into whatever has the focus, then Enter. Chinese comes from
    the input method, as one committed string."""
    widget = focused()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    return widget


def press(qtbot, key: Qt.Key) -> None:
    qtbot.keyClick(focused(), key)
