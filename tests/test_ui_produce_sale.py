"""The sale screen (上行) takes a whole sale typed with the keyboard: buyer, channel, lines from
the station's stock and from consigned lots (Enter in the price adds one, Del removes the one
chosen), paid how, Ctrl+Enter saves one event. What is left shows per goods choice; a line
beyond it, a quantity of zero or a price with a fraction of a fen is refused before anything
is written."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.pages.produce import ProducePage
from tests.ui_chinese import in_chinese

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
ENTER = Qt.Key.Key_Return
CTRL = Qt.KeyboardModifier.ControlModifier


def sold(station) -> list:
    return [e for e in station.log.iter_events() if e.type == "produce.sold"]


def rice_and_honey(station) -> None:
    """10 斤 of rice in the station's stock, and 10 斤 of 玉罕's honey consigned."""
    station.produce.buy(
        seller="岩香",
        product="大米",
        grade="一级",
        quantity="10",
        unit="斤",
        unit_price="2.5",
        paid="cash",
    )
    station.produce.consign(
        consignor="玉罕",
        product="蜂蜜",
        grade="一级",
        quantity="10",
        unit="斤",
        asking_price="60",
        commission_percent="8",
    )


def open_sale(qtbot, station, worker):
    rice_and_honey(station)
    page = ProducePage(PageContext(station=station, worker=worker, operator=station.operator))
    page.changed.connect(page.on_changed)
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    page.activateWindow()
    panel = page.show_sub_page("sale")
    qtbot.waitUntil(lambda: panel.goods.count() == 2, timeout=5000)
    return page, panel


@pytest.fixture
def sale_page(qtbot, station, worker):
    page, panel = open_sale(qtbot, station, worker)
    yield panel
    page.purchase.stop_scale()


def type_chinese(field, text: str) -> None:
    """Chinese comes in as the input method commits it (QTest's key clicks are Latin only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


def focused():
    return QApplication.focusWidget()


def add_line(qtbot, panel, quantity: str, price: str) -> None:
    """From the goods choice: Enter, the quantity, Enter, the price, Enter."""
    qtbot.keyClick(panel.goods, ENTER)
    qtbot.keyClicks(panel.quantity, quantity)
    qtbot.keyClick(panel.quantity, ENTER)
    qtbot.keyClicks(panel.price, price)
    qtbot.keyClick(panel.price, ENTER)


def test_a_sale_of_a_stock_line_and_a_lot_line_is_typed_and_saved_as_one_event(
    qtbot, sale_page, station
):
    panel = sale_page
    panel.buyer.setFocus()
    type_chinese(panel.buyer, "李老板")
    assert panel.buyer.text() == "李老板"
    qtbot.keyClick(panel.buyer, ENTER)
    assert focused() is panel.channel
    qtbot.keyClick(panel.channel, Qt.Key.Key_Down)  # 832平台
    qtbot.keyClick(panel.channel, ENTER)
    assert focused() is panel.goods
    assert "大米" in panel.goods.currentText() and "10" in panel.goods.currentText()
    add_line(qtbot, panel, "4", "3.5")
    assert focused() is panel.goods
    assert "剩余 6斤" in panel.goods.itemText(0) or "6 斤 left" in panel.goods.itemText(0)
    qtbot.keyClick(panel.goods, Qt.Key.Key_Down)  # 玉罕's honey
    add_line(qtbot, panel, "3", "62")
    qtbot.keyClick(panel.goods, Qt.Key.Key_Up)
    add_line(qtbot, panel, "1", "3")  # a line typed by mistake
    assert panel.lines.rowCount() == 3
    assert "¥203.00" in panel.total.text()

    panel.lines.setFocus()
    panel.lines.selectRow(2)
    qtbot.keyClick(panel.lines, Qt.Key.Key_Delete)
    assert panel.lines.rowCount() == 2
    assert "¥200.00" in panel.total.text()
    assert "6 斤 left" in panel.goods.itemText(0)

    panel.paid.setFocus()
    qtbot.keyClick(panel.paid, Qt.Key.Key_Down)  # WeChat
    qtbot.keyClick(panel.paid, ENTER, CTRL)
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)
    [event] = sold(station)
    payload = event.payload
    assert (payload["buyer"], payload["channel"]) == ("李老板", "832平台")
    assert [(ln["product_name"], ln["quantity"], ln["amount_fen"]) for ln in payload["lines"]] == [
        ("大米", "4", 1400),
        ("蜂蜜", "3", 18600),
    ]
    assert "lot_id" in payload["lines"][1] and "lot_id" not in payload["lines"][0]
    assert payload["amount_fen"] == 20000
    assert payload["money"] == [{"method": "wechat", "fen": 20000}]
    assert panel.lines.rowCount() == 0 and panel.buyer.text() == ""
    qtbot.waitUntil(lambda: panel.sales.rowCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: "6 斤 left" in panel.goods.itemText(0), timeout=5000)


def test_a_line_beyond_what_earlier_lines_leave_is_refused_in_chinese_and_nothing_is_written(
    qtbot, station, worker
):
    with in_chinese():
        page, panel = open_sale(qtbot, station, worker)
        panel.buyer.setText("李老板")
        panel.goods.setFocus()
        add_line(qtbot, panel, "6", "3")
        add_line(qtbot, panel, "5", "3")
        assert panel.message.kind == "refusal"
        assert "大米 一级 只剩 4斤 可卖（上面几行已占 6斤）" in panel.message.text()
        assert (panel.quantity.text(), panel.price.text()) == ("5", "3")
        assert panel.lines.rowCount() == 1
        qtbot.keyClick(panel.price, ENTER, CTRL)  # the line still typed is refused again
        assert panel.message.kind == "refusal"
        page.purchase.stop_scale()
    assert sold(station) == []


@pytest.mark.parametrize(
    ("quantity", "price", "says"),
    [("0", "3", "more than zero"), ("2", "3.555", "two decimals"), ("1.5", "", "amount")],
)
def test_a_zero_quantity_or_a_price_with_three_decimals_is_refused_writing_nothing(
    qtbot, sale_page, station, quantity, price, says
):
    panel = sale_page
    panel.buyer.setText("李老板")
    panel.goods.setFocus()
    add_line(qtbot, panel, quantity, price)
    assert panel.message.kind == "refusal"
    assert says in panel.message.text()
    assert panel.lines.rowCount() == 0
    qtbot.keyClick(panel.quantity, ENTER, CTRL)
    assert panel.message.kind == "refusal"
    assert sold(station) == []


def test_the_core_still_refuses_a_sale_beyond_the_stock_sold_meanwhile(
    qtbot, sale_page, station, worker
):
    panel = sale_page
    panel.buyer.setText("李老板")
    panel.goods.setFocus()
    add_line(qtbot, panel, "8", "3")
    own = {"product": "大米", "grade": "一级", "unit": "斤", "unit_price": "3"}
    worker.wait_for(
        station.produce.sell,
        buyer="超市",
        channel="商超",
        paid="cash",
        lines=[own | {"quantity": "5"}],
    )
    qtbot.keyClick(panel.goods, ENTER, CTRL)
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=5000)
    assert "Only 5" in panel.message.text()
    assert panel.lines.rowCount() == 1
    assert len(sold(station)) == 1


def test_saving_with_no_line_says_to_add_one(qtbot, sale_page, station):
    panel = sale_page
    panel.buyer.setText("李老板")
    qtbot.keyClick(panel.buyer, ENTER, CTRL)
    assert panel.message.kind == "refusal"
    assert "Add a line first" in panel.message.text()
    assert sold(station) == []


def test_the_line_being_typed_shows_its_amount_rounded_half_up(qtbot, sale_page):
    panel = sale_page
    qtbot.keyClicks(panel.quantity, "2.5")
    qtbot.keyClicks(panel.price, "3.55")
    assert "¥8.88" in panel.line_amount.text()  # 2.5 × 3.55 = 8.875
    qtbot.keyClick(panel.price, Qt.Key.Key_Backspace)
    qtbot.keyClicks(panel.price, "555")
    assert panel.line_amount.text() == ""  # a fraction of a fen is no price
