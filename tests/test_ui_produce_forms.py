"""The produce page's simpler forms: a consignment taken in by Enter, sold (Enter adds the line,
Ctrl+Enter saves the sale) and settled by Ctrl+J; refusals in red with the core's message and the
fields kept."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.pages.produce import ProducePage

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def events(station, kind: str) -> list:
    return [e for e in station.log.iter_events() if e.type == kind]


@pytest.fixture
def produce_page(qtbot, station, worker) -> ProducePage:
    page = ProducePage(PageContext(station=station, worker=worker, operator=station.operator))
    page.changed.connect(page.on_changed)
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    yield page
    page.purchase.stop_scale()


def test_a_consignment_is_taken_in_by_enter_sold_and_settled_by_ctrl_j(
    qtbot, produce_page, station
):
    qtbot.keyClick(produce_page, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    panel = produce_page.consign
    assert produce_page.current_key() == "consign"
    qtbot.waitUntil(lambda: panel.grade.count() > 0, timeout=5000)
    panel.consignor.setText("玉罕")
    panel.product.setText("八月瓜")
    panel.quantity.setText("10")
    panel.asking.setText("5")
    panel.commission.setText("10")
    qtbot.keyClick(panel.commission, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)
    [lot_event] = events(station, "produce.consigned")
    assert lot_event.payload["commission"] == {"kind": "percent", "value": "10"}

    qtbot.keyClick(produce_page, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    sale = produce_page.sale
    qtbot.waitUntil(lambda: sale.goods.count() == 1, timeout=5000)
    assert "玉罕" in sale.goods.itemText(0)
    sale.buyer.setText("李老板")
    sale.quantity.setText("4")
    sale.price.setText("5.5")
    qtbot.keyClick(sale.price, Qt.Key.Key_Return)
    assert len(sale.lines.lines()) == 1
    qtbot.keyClick(sale.goods, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: sale.message.kind == "success", timeout=5000)
    assert events(station, "produce.sold")[-1].payload["amount_fen"] == 2200
    qtbot.waitUntil(lambda: sale.sales.rowCount() == 1, timeout=5000)

    qtbot.keyClick(produce_page, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.to_settle.rowCount() == 1, timeout=5000)
    qtbot.keyClick(panel.consignor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "¥19.80" in panel.message.text(), timeout=5000)
    assert events(station, "produce.settled")[-1].payload["paid_fen"] == 1980


def test_a_sale_beyond_the_stock_is_refused_in_red_and_the_fields_kept(
    qtbot, produce_page, station
):
    station.produce.buy(
        seller="岩香",
        product="八月瓜",
        grade="一级",
        quantity="3",
        unit="斤",
        unit_price="3",
        paid="cash",
    )
    produce_page.show_sub_page("sale")
    sale = produce_page.sale
    qtbot.waitUntil(lambda: sale.goods.count() == 1, timeout=5000)
    sale.buyer.setText("李老板")
    sale.quantity.setText("5")
    sale.price.setText("4")
    sale.save()
    qtbot.waitUntil(lambda: sale.message.kind == "refusal", timeout=5000)
    assert sale.message.text()
    assert (sale.buyer.text(), sale.quantity.text()) == ("李老板", "5")
    assert events(station, "produce.sold") == []


def test_a_consignment_without_a_commission_is_refused_with_the_core_message(
    qtbot, produce_page, station
):
    produce_page.show_sub_page("consign")
    panel = produce_page.consign
    qtbot.waitUntil(lambda: panel.grade.count() > 0, timeout=5000)
    panel.consignor.setText("玉罕")
    panel.product.setText("八月瓜")
    panel.quantity.setText("10")
    panel.asking.setText("5")
    panel.save()
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=5000)
    assert panel.consignor.text() == "玉罕"
    assert events(station, "produce.consigned") == []


def test_ctrl_p_prints_the_consignment_slip_then_the_settlement_slip(
    qtbot, produce_page, station, monkeypatch
):
    pytest.importorskip("stationapp.receipts.produce")
    from stationapp.ui.pages.produce import consign as consign_module

    printed = []
    monkeypatch.setattr(
        consign_module, "print_rendered", lambda rendered, parent: printed.append(rendered) or True
    )
    lot = station.produce.consign(
        consignor="玉罕",
        product="蜂蜜",
        grade="一级",
        quantity="10",
        unit="斤",
        asking_price="60",
        commission_percent="8",
    )
    station.produce.sell(
        buyer="李老板",
        channel="批发",
        paid="cash",
        lines=[{"lot": lot.id, "quantity": "4", "unit_price": "62"}],
    )
    produce_page.show_sub_page("consign")
    panel = produce_page.consign
    qtbot.waitUntil(lambda: panel.to_settle.rowCount() == 1, timeout=5000)
    qtbot.keyClick(panel.consignor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert panel.message.kind == "refusal"  # nothing taken in or settled here yet
    qtbot.keyClick(panel.consignor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)
    qtbot.keyClick(panel.consignor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10000)
    assert printed[0].pdf.startswith(b"%PDF")
    kinds = [e.payload["kind"] for e in station.log.iter_events() if e.type == "receipt.printed"]
    assert kinds == ["settlement_slip"]


def test_a_lot_not_sold_yet_is_listed_and_settling_it_is_refused_with_the_core_message(
    qtbot, produce_page, station
):
    station.produce.consign(
        consignor="玉罕",
        product="蜂蜜",
        grade="一级",
        quantity="10",
        unit="斤",
        asking_price="60",
        commission_per_unit="5",
    )
    produce_page.show_sub_page("consign")
    panel = produce_page.consign
    qtbot.waitUntil(lambda: panel.to_settle.rowCount() == 1, timeout=5000)
    panel.settle()
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=5000)
    assert panel.message.text()
    assert [e for e in station.log.iter_events() if e.type == "produce.settled"] == []
