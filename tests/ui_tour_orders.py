"""The proxy purchase page (代购) in states worth a picture: a few orders in each state and a new
order half typed, for tests/ui_tour.py and scripts/screenshots.py. Holds no tests."""

from __future__ import annotations

from typing import Any

from stationapp.core import Station
from stationapp.core.money import Money

# 芒艾村's villagers who order through the station
BUYERS = (
    ("岩温", "13887654321", [("电压力锅", "5L", "1", "199.00")], "拼多多", 5000),
    ("玉香", "13988761234", [("复合肥", "50kg", "2", "85.50")], "淘宝", 10000),
    ("李春梅", "15912340521", [("手机壳", "", "1", "15.00")], "抖音", 0),
    ("杨建华", "18787651122", [("太阳能灯", "100W", "2", "45.00")], "京东", 2000),
)


def make_orders(station: Station) -> None:
    """(On the database thread.) One order waiting to be placed, one placed, one shipped and
    one arrived: the open list has a row in each state."""
    made = []
    for name, phone, items, platform, deposit in BUYERS:
        typed = [{"name": n, "spec": s, "quantity": q, "unit_price": p} for n, s, q, p in items]
        made.append(
            station.orders.create(
                customer={"name": name, "phone": phone},
                items=typed,
                platform=platform,
                deposit=Money.of("cash", deposit) if deposit else None,
            )
        )
    for order, number in zip(made[1:], ("6020341188", "3301992245", "2611873305"), strict=True):
        station.orders.place(
            order.id, platform_order_no=number, paid=str(order.quoted_fen / 100), account="wechat"
        )
    station.orders.ship(made[2].id, waybill_no="YT7469876543210")
    station.orders.ship(made[3].id, waybill_no="73100098765432")
    station.orders.arrive(made[3].id)


def stage_orders(window: Any, settle: Any, worker: Any, key: str) -> None:
    """The order sub-page ``key`` in a state worth showing."""
    page = window.show_page("orders")
    if key == "new":
        worker.wait_for(make_orders, window.station)
        form = page.new_order
        form.on_shown()
        settle(worker)
        form.search.setText("0521")
        form.find()
        settle(worker)
        form.choose(0)
        for text, widget in (
            ("电压力锅", form.item_name),
            ("5L", form.item_spec),
            ("199", form.item_price),
        ):
            widget.setText(text)
        form.add_item()
        for text, widget in (("化肥", form.item_name), ("2", form.item_quantity)):
            widget.setText(text)
        form.item_unit.setText("袋")
        form.item_price.setText("85.5")
        form.add_item()
        form.deposit.setText("100")
        form.deposit.setFocus()
    elif key == "open":
        page.open_orders.show_state("arrived")
        settle(worker)
        page.open_orders.open_step("deliver")
    elif key == "villager":
        page.villager.search.setText("0521")
        page.villager.find()
    settle(worker)
