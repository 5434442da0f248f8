"""Ctrl+U on the produce page: the manager voids the purchase or the sale chosen in today's
list with a reason typed in a small dialog; the list and the stock follow. Another operator, and
a void a later step depends on, are refused in red with the core's words."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.pages.produce import ProducePage
from tests.produce_helpers import with_county

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

BUY = {
    "seller": "岩香",
    "product": "大米",
    "grade": "一级",
    "quantity": "10",
    "unit": "斤",
    "unit_price": "2.5",
    "paid": "cash",
}
OWN = {"product": "大米", "grade": "一级", "unit": "斤", "unit_price": "3"}


def sell(station, quantity: str = "4"):
    return station.produce.sell(
        buyer="李老板", channel="批发", lines=[OWN | {"quantity": quantity}], paid="cash"
    )


def own_stock(station) -> str:
    stock = station.produce.stock()
    return stock[0].own if stock else "0"


def open_page(qtbot, station, worker) -> ProducePage:
    page = ProducePage(PageContext(station=station, worker=worker, operator=station.operator))
    page.changed.connect(page.on_changed)
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: page.purchase.grade.count() > 0, timeout=5000)
    return page


@pytest.fixture
def produce_page(qtbot, station, worker):
    with_county(station)
    page = open_page(qtbot, station, worker)
    yield page
    page.purchase.stop_scale()
    left = QApplication.activeModalWidget()
    if isinstance(left, QInputDialog):
        left.close()


def reason_dialog(qtbot) -> QInputDialog:
    def found() -> QInputDialog | None:
        # the modal one only: wrapping every top-level widget can meet one Qt is deleting
        shown = QApplication.activeModalWidget()
        if isinstance(shown, QInputDialog) and shown.objectName() == "reasonDialog":
            return shown
        return None

    qtbot.waitUntil(lambda: found() is not None, timeout=3000)
    return found()  # type: ignore[return-value]


def void_chosen(qtbot, view, reason: str) -> None:
    """Chooses the first row, presses Ctrl+U on the list, types the reason and Enter."""
    view.setFocus()
    view.selectRow(0)
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    dialog = reason_dialog(qtbot)
    field = dialog.findChild(QLineEdit)
    qtbot.keyClicks(field, reason)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)


def test_the_manager_voids_a_purchase_and_the_list_and_stock_follow(
    qtbot, produce_page, station, worker
):
    worker.wait_for(station.produce.buy, **BUY)
    panel = produce_page.purchase
    panel.refresh()
    qtbot.waitUntil(lambda: panel.today.purchases.rowCount() == 1, timeout=5000)
    void_chosen(qtbot, panel.today.purchases, "weighed wrong")
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)
    qtbot.waitUntil(lambda: panel.today.purchases.rowCount() == 0, timeout=5000)
    assert worker.wait_for(own_stock, station) == "0"
    assert panel.today.stock.rowCount() == 0


def test_a_purchase_whose_goods_were_sold_since_is_refused_and_says_why(
    qtbot, produce_page, station, worker
):
    worker.wait_for(station.produce.buy, **BUY)
    worker.wait_for(sell, station)
    panel = produce_page.purchase
    panel.refresh()
    qtbot.waitUntil(lambda: panel.today.purchases.rowCount() == 1, timeout=5000)
    void_chosen(qtbot, panel.today.purchases, "weighed wrong")
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=5000)
    assert "void the sale first" in panel.message.text()
    assert worker.wait_for(own_stock, station) == "6"
    assert panel.today.purchases.rowCount() == 1


def test_the_manager_voids_a_sale_and_the_goods_go_back(qtbot, produce_page, station, worker):
    worker.wait_for(station.produce.buy, **BUY)
    worker.wait_for(sell, station)
    panel = produce_page.show_sub_page("sale")
    panel.on_shown()
    qtbot.waitUntil(lambda: panel.sales.rowCount() == 1, timeout=5000)
    void_chosen(qtbot, panel.sales, "called off")
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)
    qtbot.waitUntil(lambda: panel.sales.rowCount() == 0, timeout=5000)
    assert worker.wait_for(own_stock, station) == "10"


def test_ctrl_u_with_nothing_chosen_says_what_to_do(qtbot, produce_page):
    panel = produce_page.purchase
    qtbot.keyClick(panel.seller, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert panel.message.kind == "refusal"
    assert "Ctrl+U" in panel.message.text()


def test_an_operator_is_refused_with_the_cores_words(qtbot, station, worker):
    with_county(station)
    station.produce.buy(**BUY)
    station.operators.add(name="玉香", pin="2468", role="operator")
    station.login("玉香", "2468")
    page = open_page(qtbot, station, worker)
    panel = page.purchase
    qtbot.waitUntil(lambda: panel.today.purchases.rowCount() == 1, timeout=5000)
    void_chosen(qtbot, panel.today.purchases, "weighed wrong")
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=5000)
    assert "Only the station manager" in panel.message.text()
    assert worker.wait_for(own_stock, station) == "10"
    page.purchase.stop_scale()
