"""The proxy purchase page (代购), driven from the keyboard against a real station: an order
typed, placed, shipped (its waybill scanned), arrived and delivered; refusals that keep what was
typed; a registered household's marker and fee waiver."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from orders_helpers import HOUSEHOLD, new_order, register_household
from produce_helpers import with_county
from PySide6.QtCore import Qt
from scanner_keys import scan
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    focused,
    press,
    receive,
    sounds_played,
    type_into_focus,
    yto,
)

from stationapp.core import clock
from stationapp.core.money import Money
from stationapp.core.orders.store import Order
from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.pages.orders import OrdersPage

pytestmark = QT_LOG_IGNORE
WAYBILL = "YT7461234567890"


@pytest.fixture
def orders_page(qtbot, desk: PageContext) -> OrdersPage:
    """The 代购 page alone in a window of the size it gets on a 1366×768 screen."""
    page = OrdersPage(desk)
    page.changed.connect(page.on_changed)  # what the main window's broadcast does
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    page.on_shown()
    return page


def only_order(worker, station) -> Order:
    orders = worker.wait_for(lambda: station.orders.of_customer("15912340521"))
    assert len(orders) == 1
    return orders[0]


def type_item(qtbot, name: str, spec: str, quantity: str, price: str) -> None:
    type_into_focus(qtbot, name)
    type_into_focus(qtbot, spec)
    type_into_focus(qtbot, quantity)  # replaces the 1 offered
    press(qtbot, Qt.Key.Key_Return)  # the unit: 件
    type_into_focus(qtbot, price)


def step_key(qtbot, text: str) -> None:
    qtbot.keyClick(focused(), text)


def show_state(qtbot, page: OrdersPage, number: int, rows: int = 1) -> None:
    qtbot.keyClick(focused(), getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
    table = page.open_orders.table
    qtbot.waitUntil(lambda: table.rowCount() == rows and page.worker.idle, timeout=3000)
    assert table.hasFocus()


def test_a_whole_order_by_keys_from_the_villager_to_delivery(qtbot, orders_page, station, worker):
    worker.wait_for(receive, station, yto(1), 2)  # 李春梅 15912340521 is known from a parcel
    form = orders_page.new_order
    assert form.search.hasFocus()
    type_into_focus(qtbot, "0521")
    qtbot.waitUntil(form.results.hasFocus, timeout=3000)
    assert "李春梅" in form.results.item(0).text()
    press(qtbot, Qt.Key.Key_Return)
    assert form.phone.text() == "15912340521"
    assert form.item_name.hasFocus()
    type_item(qtbot, "电压力锅", "5L", "1", "199")
    assert form.item_name.hasFocus()
    type_item(qtbot, "化肥", "50kg", "2", "85.5")
    assert form.items.rowCount() == 2
    assert "¥370.00" in form.quote_label.text()  # 199 + 171, before the fee
    press(qtbot, Qt.Key.Key_Return)  # an empty item: on to the platform
    assert form.platform.hasFocus()
    press(qtbot, Qt.Key.Key_Return)  # 淘宝, ¥3.00 by default
    type_into_focus(qtbot, "100")  # the deposit; Enter saves
    qtbot.waitUntil(lambda: form.saved is not None, timeout=3000)
    order = only_order(worker, station)
    assert (order.quoted_fen, order.fee_fen, order.deposit_fen) == (37000, 300, 10000)
    assert order.balance_fen == 27300
    assert form.search.hasFocus() and form.items.rowCount() == 0

    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    panel = orders_page.open_orders
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and worker.idle, timeout=3000)
    assert panel.table.hasFocus()
    assert "¥273.00" in panel.table.item(0, 6).text()
    step_key(qtbot, "p")
    type_into_focus(qtbot, "2026120655501234")
    type_into_focus(qtbot, "365.00")  # the price actually paid, over the quote offered
    press(qtbot, Qt.Key.Key_Return)  # from WeChat
    qtbot.waitUntil(lambda: only_order(worker, station).state == "placed", timeout=3000)
    assert only_order(worker, station).balance_fen == 26800

    show_state(qtbot, orders_page, 2)
    step_key(qtbot, "s")
    assert panel.steps.fields["waybill"].hasFocus()
    scan(qtbot, WAYBILL)
    qtbot.waitUntil(lambda: only_order(worker, station).state == "shipped", timeout=3000)
    assert only_order(worker, station).waybill == WAYBILL

    show_state(qtbot, orders_page, 3)
    step_key(qtbot, "a")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: only_order(worker, station).state == "arrived", timeout=3000)

    show_state(qtbot, orders_page, 4)
    step_key(qtbot, "d")
    assert "¥268.00" in panel.steps.fields["balance"].text()
    press(qtbot, Qt.Key.Key_Return)  # cash
    qtbot.waitUntil(lambda: only_order(worker, station).state == "delivered", timeout=3000)
    assert only_order(worker, station).taken_fen == 26800
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)


def test_a_refused_order_says_why_in_red_and_keeps_what_was_typed(qtbot, orders_page, worker):
    form = orders_page.new_order
    type_into_focus(qtbot, "13812345678")
    qtbot.waitUntil(form.results.hasFocus, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)  # nobody known: the last row, a new villager
    assert form.phone.text() == "13812345678"
    assert form.name.hasFocus()
    type_into_focus(qtbot, "岩温")  # on to the phone, typed already
    press(qtbot, Qt.Key.Key_Return)
    type_item(qtbot, "手机壳", "", "1", "15")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, "500")  # more than the order
    qtbot.waitUntil(lambda: form.message.isVisible() and worker.idle, timeout=3000)
    assert form.message.kind == "refusal"
    assert "deposit" in form.message.text()
    assert form.name.text() == "岩温" and form.items.rowCount() == 1
    assert form.deposit.text() == "500"


def test_a_registered_household_shows_its_marker_and_its_waived_fee(
    qtbot, orders_page, station, worker
):
    worker.wait_for(register_household, station)
    form = orders_page.new_order
    type_into_focus(qtbot, HOUSEHOLD)
    qtbot.waitUntil(form.results.hasFocus, timeout=3000)
    assert "【脱贫户】" in form.results.item(0).text()
    press(qtbot, Qt.Key.Key_Return)
    assert form.phone.hasFocus()  # the registry knows the phone only masked
    assert "【脱贫户】" in form.household_label.text()
    type_into_focus(qtbot, "13812340521")
    type_item(qtbot, "电压力锅", "", "1", "199")
    assert "waived" in form.fee_label.text()
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, "")
    qtbot.waitUntil(lambda: form.saved is not None, timeout=3000)
    assert form.saved.household_id == HOUSEHOLD
    assert (form.saved.fee_fen, form.saved.fee_waived_fen) == (0, 300)


def placed_and_shipped(station, waybill: str = "") -> Order:
    order = new_order(station, customer={"name": "李春梅", "phone": "15912340521"})
    station.orders.place(order.id, platform_order_no="PDD12345678", paid="199.00", account="bank")
    if waybill:
        station.orders.ship(order.id, waybill_no=waybill)
    return station.orders.get(order.id)


def test_a_cancel_refused_keeps_the_reason_then_refunds_the_deposit(
    qtbot, orders_page, station, worker
):
    worker.wait_for(placed_and_shipped, station)
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    show_state(qtbot, orders_page, 2)
    panel = orders_page.open_orders
    step_key(qtbot, "c")
    type_into_focus(qtbot, "x")  # a reason too short
    press(qtbot, Qt.Key.Key_Return)  # the refund: the deposit, ¥50.00
    press(qtbot, Qt.Key.Key_Return)  # in cash
    qtbot.waitUntil(lambda: panel.message.isVisible() and worker.idle, timeout=3000)
    assert panel.message.kind == "refusal"
    assert panel.steps.text("reason") == "x"
    assert panel.steps.text("refund") == "50.00"
    panel.steps.fields["reason"].setFocus()
    type_into_focus(qtbot, "缺货")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: only_order(worker, station).state == "cancelled", timeout=3000)
    assert only_order(worker, station).refunded_fen == 5000
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0, timeout=3000)


def test_an_order_linked_to_a_parcel_on_the_shelf_hands_it_out_when_delivered(
    qtbot, orders_page, station, worker
):
    worker.wait_for(placed_and_shipped, station)
    parcel = worker.wait_for(receive, station, WAYBILL, 2)
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    show_state(qtbot, orders_page, 2)
    step_key(qtbot, "l")
    type_into_focus(qtbot, parcel.pickup_code)
    qtbot.waitUntil(lambda: only_order(worker, station).state == "arrived", timeout=3000)
    assert only_order(worker, station).parcel_id == parcel.id
    show_state(qtbot, orders_page, 4)
    step_key(qtbot, "d")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: only_order(worker, station).state == "delivered", timeout=3000)
    assert worker.wait_for(station.parcels.get, parcel.id).status == "picked_up"


def test_a_villagers_orders_found_by_phone_tail_and_todays_totals(
    qtbot, orders_page, station, worker
):
    worker.wait_for(receive, station, yto(1), 2)
    worker.wait_for(placed_and_shipped, station)
    qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = orders_page.villager
    qtbot.waitUntil(lambda: worker.idle and "¥50.00" in panel.totals.text(), timeout=3000)
    assert panel.search.hasFocus()
    type_into_focus(qtbot, "0521")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=3000)
    assert "李春梅 尾号0521" in panel.table.item(0, 1).text()


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "slip.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_ctrl_p_prints_the_slip_of_the_order_saved_and_of_the_one_chosen(
    qtbot, orders_page, station, worker, monkeypatch, tmp_path
):
    from stationapp.ui.kit import printing

    printed: list[bytes] = []
    monkeypatch.setattr(printing, "print_pdf", lambda pdf, **_kw: printed.append(pdf) or True)
    form = orders_page.new_order
    type_into_focus(qtbot, "13812345678")
    qtbot.waitUntil(form.results.hasFocus, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, "岩温")
    press(qtbot, Qt.Key.Key_Return)
    type_item(qtbot, "电压力锅", "5L", "1", "199")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.saved is not None, timeout=3000)
    qtbot.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=5000)
    assert form.saved.order_no in pdf_text(printed[0], tmp_path)

    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    panel = orders_page.open_orders
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and worker.idle, timeout=3000)
    qtbot.keyClick(focused(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 2, timeout=5000)
    assert "¥202.00" in pdf_text(printed[1], tmp_path)  # 199 and the fee, nothing taken yet


def test_the_county_catalog_is_offered_as_the_item_is_typed(qtbot, orders_page, station, worker):
    worker.wait_for(with_county, station)
    form = orders_page.new_order
    form.on_shown()
    qtbot.waitUntil(lambda: bool(form.rules.catalog) and worker.idle, timeout=3000)
    form.item_name.setFocus()
    type_into_focus(qtbot, "毛茶", enter=False)
    popup = form.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert popup.model().data(popup.model().index(0, 0)) == "勐库大叶种晒青毛茶"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(form.item_spec.hasFocus, timeout=3000)
    assert form.item_name.text() == "勐库大叶种晒青毛茶"
    assert (form.item_unit.text(), form.item_price.text()) == ("斤", "40.00")


def test_a_return_is_recorded_from_the_villagers_orders(qtbot, orders_page, station, worker):
    def delivered(station):
        order = placed_and_shipped(station)
        station.orders.arrive(order.id)
        station.orders.deliver(order.id, money=Money.of("cash", 15200))
        return order

    order = worker.wait_for(delivered, station)
    qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = orders_page.villager
    type_into_focus(qtbot, "15912340521")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and panel.table.hasFocus(), timeout=3000)
    step_key(qtbot, "r")
    type_into_focus(qtbot, "尺寸不合适")
    assert panel.steps.text("refund") == "202.00"  # the deposit and the balance taken
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)  # in cash
    press(qtbot, Qt.Key.Key_Down)  # the goods are not sent back now
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)
    returned = worker.wait_for(station.orders.get, order.id)
    assert (returned.state, returned.refunded_fen) == ("returned", 20200)
    assert returned.return_sent_id == ""
    qtbot.waitUntil(lambda: "returned" in panel.table.item(0, 4).text(), timeout=3000)
    assert "B sends them" in panel.detail.text()


def test_a_villager_of_an_open_order_is_found_by_initials_for_the_next_order(
    qtbot, orders_page, station, worker
):
    worker.wait_for(new_order, station)  # 岩温, no parcel ever
    form = orders_page.new_order
    type_into_focus(qtbot, "yw")
    qtbot.waitUntil(form.results.hasFocus, timeout=3000)
    assert form.results.item(0).text().startswith("岩温  尾号0521")
    press(qtbot, Qt.Key.Key_Return)
    assert form.phone.text() == "13812340521"


def test_esc_leaves_the_villagers_found_for_another_search(qtbot, orders_page, station, worker):
    worker.wait_for(new_order, station)
    form = orders_page.new_order
    type_into_focus(qtbot, "yw")
    qtbot.waitUntil(form.results.hasFocus, timeout=3000)
    press(qtbot, Qt.Key.Key_Escape)
    assert form.search.hasFocus() and not form.results.isVisible()
    assert form.name.text() == ""


def test_an_order_shipped_long_ago_and_not_arrived_is_listed_as_overdue(
    qtbot, orders_page, station, worker
):
    now = clock.now()

    def long_ago(station):
        clock.set_clock(lambda: now - timedelta(days=12))
        try:
            return placed_and_shipped(station, WAYBILL)
        finally:
            clock.set_clock(lambda: now)

    worker.wait_for(long_ago, station)
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    show_state(qtbot, orders_page, 5)
    table = orders_page.open_orders.table
    assert (table.item(0, 4).text(), table.item(0, 7).text()) == ("shipped", "12")
