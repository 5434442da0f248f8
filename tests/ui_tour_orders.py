"""The proxy purchase page (代购) in states worth a picture: a few orders in each state and a new
order half typed, for tests/ui_tour.py and scripts/screenshots.py; a return with its goods sent
back through the sending form (:func:`return_pictures`). Holds no tests."""

from __future__ import annotations

from collections.abc import Iterator
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


RETURN_BUYER = ("岩香", "13812340777")


def delivered_order(station: Station) -> Any:
    """(On the database thread.) 岩香's pressure cooker, placed, arrived and handed over."""
    name, phone = RETURN_BUYER
    order = station.orders.create(
        customer={"name": name, "phone": phone},
        items=[{"name": "电压力锅", "spec": "5L", "quantity": "1", "unit_price": "199.00"}],
        platform="拼多多",
        deposit=Money.of("cash", 5000),
    )
    station.orders.place(order.id, platform_order_no="PDD240777", paid="189.00", account="wechat")
    station.orders.arrive(order.id)
    station.orders.deliver(order.id, money=Money.of("cash", 14200))
    return order


def return_pictures(window: Any, settle: Any, worker: Any) -> Iterator[tuple[str, Any]]:
    """``orders-return``: the return step typed on a villager's order; ``orders-return-sending``:
    the sending form it opens, filled in; ``orders-returned``: the order with its return parcel
    and the platform's refund."""
    station = window.station
    order = worker.wait_for(delivered_order, station)
    page = window.show_page("orders")
    page.show_sub_page("villager")
    panel = page.villager
    panel.search.setText(RETURN_BUYER[1])
    panel.find()
    settle(worker)
    panel.open_step("return")
    panel.steps.set_text("reason", "尺寸不合适，买家要退")
    panel.steps.fields["send"].setFocus()
    settle(worker)
    yield "orders-return", window
    panel.record()
    settle(worker)
    dialog = panel.sending_form
    form = dialog.form
    for field, text in (
        ("id_number", "530926198503152018"),
        ("recipient_name", "拼多多退货仓"),
        ("recipient_phone", "13987650777"),
        ("recipient_address", "浙江省金华市义乌市北苑街道退货仓 1 号"),
        ("fee", "12"),
    ):
        getattr(form, field).setText(text)
    form.id_number.mask()
    form.carrier.setCurrentIndex(form.carrier.findData("YTO"))
    form.category.setCurrentIndex(form.category.findData("daily_goods"))
    form.weight.setValue(4000)
    form.label_waybill.setText("YT7512300000778")
    form.label_waybill.setFocus()
    settle(worker)
    yield "orders-return-sending", dialog
    form.send()
    settle(worker)
    settle(worker)
    worker.wait_for(
        station.orders.record_platform_refund, order.id, money=Money.of("wechat", 18900)
    )
    panel.refresh()
    panel.on_changed(None)
    settle(worker)
    panel.table.setFocus()
    yield "orders-returned", window


def open_return_sending(window: Any) -> Any:
    """The parcels line's sending form as an order's return asks for it (the tour's dialog)."""
    from stationapp.ui.kit.page import FormRequest

    name, phone = RETURN_BUYER
    prefill = {"sender_name": name, "sender_phone": phone, "item_name": "退货 D120701"}
    return window.open_form("parcels.sending", window.page("orders"), FormRequest(prefill))
