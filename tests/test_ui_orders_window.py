"""The proxy purchase page in the main window: F3 opens it, and the main window's scanner filter
hands a waybill scanned in the shipped step, or a parcel's label in the parcel step, to the step
(not to the parcel pickup a stray scan lands on); a return asks the parcels line's sending form
through the window, filled in."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import pytest
from orders_helpers import new_order
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    focused,
    receive,
    sounds_played,
)

from stationapp.core.money import Money
from stationapp.ui.kit.page import FormRequest
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow
from stationapp.ui.pages.parcels.sending_dialog import SendingDialog

pytestmark = QT_LOG_IGNORE
WAYBILL = "YT7461234567890"


@pytest.fixture
def window(qtbot, station, worker, desk, shown_errors):
    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    yield window
    window.close()


def scan(qtbot, window: MainWindow, code: str) -> None:
    with qtbot.waitSignal(window.scanner.scanned, timeout=2000):
        qtbot.keyClicks(focused(), code)
        qtbot.keyClick(focused(), Qt.Key.Key_Return)


def placed(station):
    order = new_order(station, customer={"name": "李春梅", "phone": "15912340521"})
    station.orders.place(order.id, platform_order_no="PDD12345678", paid="199.00", account="bank")
    return order


def open_step(qtbot, window: MainWindow, worker, letter: str):
    qtbot.keyClick(window, Qt.Key.Key_F3)
    page = window.page("orders")
    assert window.current_page() is page
    page.show_sub_page("open")
    panel = page.open_orders
    panel.show_state("placed")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and worker.idle, timeout=3000)
    qtbot.keyClick(panel.table, letter)
    qtbot.waitUntil(lambda: panel.steps.step is not None, timeout=2000)  # keys come a bit late
    return page, panel


def test_a_waybill_scanned_in_the_shipped_step_ships_the_order(qtbot, window, station, worker):
    order = worker.wait_for(placed, station)
    page, panel = open_step(qtbot, window, worker, "s")
    scan(qtbot, window, WAYBILL)
    qtbot.waitUntil(lambda: bool(worker.wait_for(station.orders.get, order.id).waybill))
    assert window.current_page() is page
    assert worker.wait_for(station.orders.get, order.id).state == "shipped"
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)


def test_a_parcel_scanned_in_the_parcel_step_is_linked(qtbot, window, station, worker):
    order = worker.wait_for(placed, station)
    parcel = worker.wait_for(receive, station, WAYBILL, 2)
    page, _panel = open_step(qtbot, window, worker, "l")
    scan(qtbot, window, WAYBILL)
    qtbot.waitUntil(
        lambda: worker.wait_for(station.orders.get, order.id).state == "arrived", timeout=3000
    )
    assert worker.wait_for(station.orders.get, order.id).parcel_id == parcel.id
    assert window.current_page() is page


def test_a_return_asks_the_parcels_lines_sending_form_through_the_window(
    qtbot, window, station, worker
):
    def delivered(station):
        order = placed(station)
        station.orders.arrive(order.id)
        station.orders.deliver(order.id, money=Money.of("cash", 15200))
        return order

    order = worker.wait_for(delivered, station)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    page = window.page("orders")
    page.show_sub_page("villager")
    panel = page.villager
    panel.search.setText("15912340521")
    panel.find()
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and worker.idle, timeout=3000)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, "r")
    qtbot.waitUntil(lambda: panel.steps.step is not None, timeout=2000)
    panel.steps.set_text("reason", "尺寸不合适")
    panel.record()  # sending the goods back, as offered
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), SendingDialog), timeout=3000
    )
    dialog = QApplication.activeModalWidget()
    assert dialog.parent() is panel and window.current_page() is page
    assert dialog.form.sender_phone.text() == "15912340521"
    assert dialog.form.item_name.text() == f"Return {order.order_no}"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    assert worker.wait_for(station.orders.get, order.id).state == "returned"


def test_a_form_asked_without_a_request_opens_as_before(qtbot, window, station):
    dialog = window.open_form("parcels.settings", window, None)
    assert dialog is not None
    dialog.reject()
    offered = window.open_form(
        "parcels.sending", window, FormRequest(prefill={"sender_name": "岩温"})
    )
    assert isinstance(offered, SendingDialog) and offered.form.sender_name.text() == "岩温"
    offered.reject()
