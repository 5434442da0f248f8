"""The household log page staged for the pictures (scripts/screenshots.py): a month's work for
three registered households of 芒艾村 (coffee beans and tea bought, a consignment settled, a
form filled in, advice given), one household found by its head's name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from stationapp.core import Station, clock
from stationapp.ui.kit.worker import StationWorker
from tests.households_registry import household, register

YANWEN, YUXIANG, ZHANGSAN = "5309260101000101", "5309260101000102", "5309260101000103"


def households_month(station: Station) -> None:
    """(On the database thread.) The registry's three households and what the station did for
    them in the last weeks; the station clock is left as it was."""
    if station.households.household(YANWEN) is not None:
        return
    register(
        station,
        household(YANWEN, "岩温", members=5, phone_masked="尾号1234"),
        household(
            YUXIANG, "玉香", members=3, id_tail="0428", phone_masked="尾号7731",
            natural_village="芒艾下寨",
        ),
        household(
            ZHANGSAN, "张三", members=2, household_type="脱贫户",
            monitoring_type="脱贫不稳定户", phone_masked="尾号9876", causes=["因残"],
        ),
    )  # fmt: skip
    now = clock.now()
    bought = [
        (9, YANWEN, "岩温", "咖啡豆", "一级", "36.5", "3.60"),
        (6, YUXIANG, "玉香", "茶叶", "特级", "8.2", "42.00"),
        (4, YANWEN, "依香", "咖啡豆", "二级", "20", "3.10"),
        (1, ZHANGSAN, "张三", "八月瓜", "统货", "52.3", "3.55"),
        (0, YANWEN, "岩温", "甘蔗", "统货", "120", "0.45"),
    ]
    for days, number, seller, product, grade, quantity, price in bought:
        clock.set_clock(lambda days=days: now - timedelta(days=days, hours=2))
        station.produce.buy(
            seller=seller, product=product, grade=grade, quantity=quantity, unit="斤",
            unit_price=price, paid="cash" if days % 2 else "wechat", household=number,
        )  # fmt: skip
    services = [
        (5, YANWEN, "form", "帮填医保报销单", "岩温"),
        (3, ZHANGSAN, "advice", "讲解防返贫监测申报流程", "张三"),
        (2, YANWEN, "training", "参加电商直播培训", "依香"),
    ]
    for days, number, kind, note, person in services:
        clock.set_clock(lambda days=days: now - timedelta(days=days, hours=1))
        station.households.helped(number, kind=kind, note=note, customer_name=person)
    clock.set_clock(lambda: now)


def stage_households(
    window: Any, settle: Callable[[StationWorker], None], worker: StationWorker, key: str
) -> None:
    """The sub-page ``key`` in a state worth showing."""
    page = window.page("households")
    worker.wait_for(households_month, window.station)
    if key == "log":
        page.log.search.setText("岩温")
        settle(worker)
        page.log.service.note.setText("帮忙在手机上查询")
    else:
        page.station_totals.refresh()
    settle(worker)
