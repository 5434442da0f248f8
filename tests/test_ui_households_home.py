"""The home page shows the lines' figures of ``st.today().more`` (proxy purchases open and
arrived today, produce bought today: how many, paid, weight in 斤, households helped this month)
in big tiles beside the day's own figures."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest

from stationapp.core import Station, clock
from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.pages.station.home import HomePage, more_figure
from tests.households_registry import household, register
from tests.orders_helpers import new_order

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

NOW = "2026-11-23T09:00:00+08:00"
ONE = "5309260101000001"


@pytest.fixture(autouse=True)
def fixed_clock() -> None:
    clock.set_clock(clock.ManualClock(NOW))  # conftest puts the real clock back


@pytest.fixture
def home(qtbot, station: Station, worker: StationWorker, shown_errors) -> Iterator[HomePage]:
    page = HomePage(PageContext(station=station, worker=worker, operator=station.operator))
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 200, SCREEN_HEIGHT)
    page.show()
    yield page
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert shown_errors == []


def shown(qtbot, page: HomePage, worker: StationWorker) -> dict[str, str]:
    page.refresh()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    return {key: tile.value.text() for key, tile in page.more_tiles.items()}


def test_with_nothing_done_today_every_line_s_figure_is_zero(qtbot, home, worker):
    assert shown(qtbot, home, worker) == {
        "orders_open": "0",
        "orders_arrived_today": "0",
        "produce_bought": "0",
        "produce_bought_fen": "¥0.00",
        "produce_weight_g": "0.0",
        "households_helped_month": "0",
    }


def test_the_day_s_orders_produce_and_households_helped_show_on_the_home_page(
    qtbot, home, station, worker
):
    register(station, household(ONE, "岩温"))
    new_order(station)
    arrived = new_order(station)
    station.orders.place(arrived.id, platform_order_no="PDD240001", paid="189.00", account="wechat")
    station.orders.arrive(arrived.id)
    for quantity in ("12.5", "40"):
        station.produce.buy(
            seller="玉香",
            product="咖啡豆",
            grade="一级",
            quantity=quantity,
            unit="斤",
            unit_price="3.50",
            paid="cash",
            household=ONE,
        )
    more = station.today().more
    figures = shown(qtbot, home, worker)
    assert figures == {
        "orders_open": str(more["orders_open"]),
        "orders_arrived_today": "1",
        "produce_bought": "2",
        "produce_bought_fen": "¥183.75",
        "produce_weight_g": "52.5",
        "households_helped_month": "1",
    }
    assert more["orders_open"] == 2


def test_the_tiles_are_big_text_with_their_names(qtbot, home, worker):
    shown(qtbot, home, worker)
    tile = home.more_tiles["households_helped_month"]
    assert tile.value.fontInfo().pixelSize() >= 30 or tile.value.objectName() == "figureValue"


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        ("produce_bought_fen", 18375, "¥183.75"),
        ("produce_weight_g", 26250, "52.5"),
        ("produce_weight_g", 26225, "52.5"),  # 52.45 斤, half up
        ("produce_weight_g", 0, "0.0"),
        ("orders_open", 7, "7"),
    ],
)
def test_a_figure_is_money_a_weight_in_jin_or_a_count(key, value, text):
    assert more_figure(key, value) == text
