"""U on the open orders: the manager undoes the chosen order's last step with a reason typed in
a small dialog (Enter gives it, Esc cancels); another operator and an undo a delivery depends on
are refused in red with the core's words."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import pytest
from orders_helpers import new_order
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit
from test_ui_orders import orders_page, show_state  # noqa: F401 (fixtures)
from test_ui_parcels_helpers import QT_LOG_IGNORE, desk, focused, sounds_played  # noqa: F401

from stationapp.core.money import Money
from stationapp.ui.kit.page import PageContext
from stationapp.ui.pages.orders import OrdersPage

pytestmark = QT_LOG_IGNORE


def placed(station):
    order = new_order(station)
    station.orders.place(order.id, platform_order_no="PDD001", paid="199", account="wechat")
    return order


def reason_dialog(qtbot) -> QInputDialog:
    def found() -> QInputDialog | None:
        # the modal one only: wrapping every top-level widget can meet one Qt is deleting
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QInputDialog) and shown.objectName() == "reasonDialog":
            return shown
        return None

    qtbot.waitUntil(lambda: found() is not None, timeout=3000)
    return found()  # type: ignore[return-value]


def answer(qtbot, reason: str) -> None:
    """Types ``reason`` in the dialog U opened and presses Enter."""
    dialog = reason_dialog(qtbot)
    field = dialog.findChild(QLineEdit)
    qtbot.keyClicks(field, reason)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def open_placed(qtbot, page: OrdersPage) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    show_state(qtbot, page, 2)
    page.open_orders.table.selectRow(0)


def test_the_manager_undoes_a_placed_step_with_a_reason(qtbot, orders_page, station, worker):
    order = worker.wait_for(placed, station)
    open_placed(qtbot, orders_page)
    panel = orders_page.open_orders
    assert "U undoes its last step" in panel.step.text()
    qtbot.keyClick(panel.table, "u")
    answer(qtbot, "entered twice")
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)
    assert worker.wait_for(station.orders.get, order.id).state == "to_place"
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0 and worker.idle, timeout=3000)


def test_esc_cancels_the_undo(qtbot, orders_page, station, worker):
    order = worker.wait_for(placed, station)
    open_placed(qtbot, orders_page)
    panel = orders_page.open_orders
    qtbot.keyClick(panel.table, "u")
    dialog = reason_dialog(qtbot)
    qtbot.keyClick(dialog.findChild(QLineEdit), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    assert worker.wait_for(station.orders.get, order.id).state == "placed"


def test_a_delivered_order_is_not_undone_and_says_why(qtbot, orders_page, station, worker):
    def delivered():
        order = placed(station)
        station.orders.arrive(order.id)
        balance = station.orders.get(order.id).balance_fen
        station.orders.deliver(order.id, money=Money.of("cash", balance))
        return order

    order = worker.wait_for(delivered)
    panel = orders_page.villager
    orders = worker.wait_for(station.orders.of_customer, "13812340521")
    panel.table.show_orders(orders)
    panel.table.selectRow(0)
    panel.undo_step(order.id, "交付错了")
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=3000)
    assert "A delivery or a return is not undone" in panel.message.text()
    assert worker.wait_for(station.orders.get, order.id).state == "delivered"


def test_an_operator_is_refused_with_the_cores_words(qtbot, station, worker, desk):
    order = placed(station)
    station.operators.add(name="玉香", pin="2468", role="operator")
    station.login("玉香", "2468")
    page = OrdersPage(PageContext(station=station, worker=worker, operator=station.operator))
    qtbot.addWidget(page)
    page.resize(1100, 650)
    page.show()
    panel = page.show_sub_page("open")
    panel.show_state("placed")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and worker.idle, timeout=3000)
    panel.table.selectRow(0)
    qtbot.keyClick(panel.table, "u")
    answer(qtbot, "wrong order")
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=3000)
    assert "Only the station manager" in panel.message.text()
    assert worker.wait_for(station.orders.get, order.id).state == "placed"


@pytest.fixture(autouse=True)
def _no_dialog_left(qtbot):
    yield
    left = QApplication.activeModalWidget()
    if isinstance(left, QInputDialog):
        left.close()
