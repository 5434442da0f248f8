"""The produce page's purchase form (收购): typed and offered sellers, the catalog's reference
price, the live amount, a price far from the reference confirmed, refusals that keep what was
typed, today's purchases and the stock."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.pages.produce import ProducePage
from tests.produce_helpers import HOUSEHOLD_NO, TEA, with_county

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def bought(station) -> list:
    return [e for e in station.log.iter_events() if e.type == "produce.bought"]


@pytest.fixture
def produce_page(qtbot, station, worker) -> ProducePage:
    """The 收购 page alone in a window of the size it gets on a 1366×768 screen."""
    with_county(station)
    page = ProducePage(PageContext(station=station, worker=worker, operator=station.operator))
    page.changed.connect(page.on_changed)
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    page.on_shown()
    qtbot.waitUntil(lambda: page.purchase.grade.count() > 0, timeout=5000)
    yield page
    page.purchase.stop_scale()


def fill(panel, **values: str) -> None:
    for name, text in values.items():
        getattr(panel, name).setText(text)


def test_a_typed_purchase_is_saved_by_enter_and_listed_with_the_day_totals(
    qtbot, produce_page, station
):
    panel = produce_page.purchase
    fill(panel, seller="玉罕", product="八月瓜", quantity="52.3", price="3.55")
    assert panel.amount.text() == "¥185.67"  # 52.3 × 3.55 = 185.665, half-up
    panel.price.setFocus()
    qtbot.keyClick(panel.price, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)
    [event] = bought(station)
    assert event.payload["weighing"] == {"source": "typed"}
    assert event.payload["amount_fen"] == 18567
    assert panel.seller.text() == "" and panel.quantity.text() == ""
    qtbot.waitUntil(lambda: panel.today.purchases.rowCount() == 1, timeout=5000)
    assert "¥185.67" in panel.today.totals.text()
    assert panel.today.stock.rowCount() == 1


def test_a_household_found_by_its_phone_tail_is_offered_marked_and_recorded(
    qtbot, produce_page, station
):
    panel = produce_page.purchase
    panel.seller.setText("5678")
    panel.look_up_sellers()
    qtbot.waitUntil(lambda: panel.seller_model.rowCount() == 1, timeout=5000)
    assert "【脱贫户】" in panel.seller_model.item(0).text()
    panel.choose_seller(panel.offered[0])
    assert panel.seller.text() == "岩温香" and "脱贫户" in panel.household.text()
    fill(panel, product="勐库大叶种晒青毛茶", quantity="10", price="41")
    assert "¥40.00" in panel.reference.text()
    panel.save()
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)
    assert bought(station)[-1].payload["household_id"] == HOUSEHOLD_NO


def test_a_price_far_from_the_reference_asks_and_y_buys_at_it(qtbot, produce_page, station):
    panel = produce_page.purchase
    fill(panel, seller="岩香", product=TEA, quantity="10", price="80")
    panel.save()
    qtbot.waitUntil(lambda: panel.findChild(QMessageBox, "confirmPrice") is not None, timeout=5000)
    assert panel.message.kind == "refusal" and "¥40.00" in panel.message.text()
    assert bought(station) == []
    box = panel.findChild(QMessageBox, "confirmPrice")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)
    assert bought(station)[-1].payload["unit_price_fen"] == 8000


def test_a_refusal_shows_the_core_message_and_keeps_what_was_typed(qtbot, produce_page, station):
    panel = produce_page.purchase
    fill(panel, seller="岩香", product="八月瓜", quantity="1.2345", price="3")
    panel.save()
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=5000)
    assert "decimal" in panel.message.text()
    assert (panel.seller.text(), panel.quantity.text()) == ("岩香", "1.2345")
    assert bought(station) == []
    QApplication.processEvents()


def test_ctrl_p_prints_the_voucher_of_the_purchase_just_saved(
    qtbot, produce_page, station, monkeypatch
):
    pytest.importorskip("stationapp.receipts.produce")
    from stationapp.ui.pages.produce import purchase as purchase_module

    printed = []
    monkeypatch.setattr(
        purchase_module, "print_rendered", lambda rendered, parent: printed.append(rendered) or True
    )
    panel = produce_page.purchase
    panel.seller.setFocus()
    qtbot.keyClick(panel.seller, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert panel.message.kind == "refusal"  # nothing saved yet
    fill(panel, seller="玉罕", product="八月瓜", quantity="5", price="3")
    panel.save()
    qtbot.waitUntil(lambda: panel.voucher_button.isEnabled(), timeout=5000)
    qtbot.keyClick(panel.seller, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: printed != [], timeout=10000)
    assert printed[0].pdf.startswith(b"%PDF")
    kinds = [
        e.payload.get("kind") for e in station.log.iter_events() if e.type == "receipt.printed"
    ]
    assert kinds == ["purchase_voucher"]


def test_a_seller_typed_by_initials_is_chosen_with_the_keys_and_enter_does_not_save_yet(
    qtbot, produce_page, station
):
    panel = produce_page.purchase
    panel.activateWindow()
    panel.seller.setFocus()
    qtbot.waitUntil(panel.seller.hasFocus, timeout=3000)
    qtbot.keyClicks(panel.seller, "ywx")
    qtbot.waitUntil(lambda: panel.seller_completer.popup().isVisible(), timeout=5000)
    popup = panel.seller_completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.chosen is not None, timeout=3000)
    assert panel.seller.text() == "岩温香"
    assert "【脱贫户】" in panel.household.text()
    assert panel.message.kind != "refusal" and bought(station) == []
