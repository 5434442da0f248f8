"""An order's return with its goods sent back, driven from the keyboard: R on a delivered order,
the parcels line's sending form opens over the orders page (asked for by name) with the
villager as sender and the order named as what is sent; recorded, the order shows the return
parcel's carrier and waybill; left with Esc, the order stays returned, and B sends it later.
Then the platform's refund (F) to the station's account."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_orders import placed_and_shipped
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    focused,
    press,
    sounds_played,
    type_into_focus,
)

from stationapp.core.money import Money
from stationapp.ui.kit.page import FormRequest, PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.pages.orders import OrdersPage
from stationapp.ui.pages.parcels.page import ParcelsPage
from stationapp.ui.pages.parcels.sending_dialog import SendingDialog

pytestmark = QT_LOG_IGNORE
SENDER_ID = "530926198503152018"
RETURN_WAYBILL = "YT7460000000001"


@pytest.fixture
def orders_page(qtbot, desk: PageContext) -> OrdersPage:
    """The 代购 page whose forms of other lines are the parcels page's, as the main window
    routes them."""
    parcels = ParcelsPage(desk)
    qtbot.addWidget(parcels)

    def open_form(name: str, parent, request: FormRequest | None = None):
        line, _dot, form = name.partition(".")
        assert line == "parcels"
        return parcels.open_form(form, parent, request)

    page = OrdersPage(dataclasses.replace(desk, open_form=open_form))
    page.changed.connect(page.on_changed)
    parcels.changed.connect(page.on_changed)
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    page.on_shown()
    return page


def delivered(station):
    order = placed_and_shipped(station)
    station.orders.arrive(order.id)
    station.orders.deliver(order.id, money=Money.of("cash", 15200))
    return station.orders.get(order.id)


def find_villager(qtbot, page: OrdersPage):
    qtbot.keyClick(focused(), Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    panel = page.villager
    type_into_focus(qtbot, "15912340521")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1 and panel.table.hasFocus(), timeout=3000)
    return panel


def record_return(qtbot, panel, *, send_back: bool) -> None:
    qtbot.keyClick(focused(), "r")
    type_into_focus(qtbot, "尺寸不合适")
    press(qtbot, Qt.Key.Key_Return)  # the refund offered
    press(qtbot, Qt.Key.Key_Return)  # in cash
    if not send_back:
        press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)


def sending_dialog(qtbot) -> SendingDialog:
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), SendingDialog), timeout=3000
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, SendingDialog)
    return dialog


def tab(qtbot, times: int = 1) -> None:
    for _ in range(times):
        press(qtbot, Qt.Key.Key_Tab)


def fill_the_sending(qtbot, dialog: SendingDialog) -> None:
    """As the operator does: the ID from the card, the merchant's return address, the carrier,
    the fee and the label's waybill, by keys from the ID number the form starts at."""
    form = dialog.form
    qtbot.waitUntil(form.id_number.hasFocus, timeout=3000)
    qtbot.keyClicks(focused(), SENDER_ID)
    tab(qtbot, 4)  # the item (prefilled), its category and count
    assert form.recipient_name.hasFocus()
    type_into_focus(qtbot, "拼多多退货仓", enter=False)
    tab(qtbot)
    qtbot.keyClicks(focused(), "13987654321")
    tab(qtbot)
    type_into_focus(qtbot, "浙江省金华市义乌市退货仓 1 号", enter=False)
    tab(qtbot)
    assert form.carrier.hasFocus()
    form_carrier = form.carrier.findData("YTO")
    while form.carrier.currentIndex() < form_carrier:
        press(qtbot, Qt.Key.Key_Down)
    while form.carrier.currentIndex() > form_carrier:
        press(qtbot, Qt.Key.Key_Up)
    tab(qtbot, 2)  # the weight as offered
    qtbot.keyClicks(focused(), "12")
    tab(qtbot, 2)  # paid in cash
    assert form.label_waybill.hasFocus()
    qtbot.keyClicks(focused(), RETURN_WAYBILL)
    press(qtbot, Qt.Key.Key_Return)


def test_a_return_opens_the_sending_form_prefilled_and_the_order_keeps_its_parcel(
    qtbot, orders_page, station, worker
):
    order = worker.wait_for(delivered, station)
    panel = find_villager(qtbot, orders_page)
    record_return(qtbot, panel, send_back=True)
    dialog = sending_dialog(qtbot)
    form = dialog.form
    assert (form.sender_name.text(), form.sender_phone.text()) == ("李春梅", "15912340521")
    assert form.item_name.text() == f"Return {order.order_no}"
    assert worker.wait_for(station.orders.get, order.id).state == "returned"
    fill_the_sending(qtbot, dialog)
    qtbot.waitUntil(
        lambda: worker.wait_for(station.orders.get, order.id).return_sent_id != "", timeout=5000
    )
    returned = worker.wait_for(station.orders.get, order.id)
    sent = worker.wait_for(station.sending.get, returned.return_sent_id)
    assert (sent.sender_name, sent.recipient_name, sent.fee_fen) == ("李春梅", "拼多多退货仓", 1200)
    assert (returned.return_carrier, returned.return_waybill) == ("YTO", RETURN_WAYBILL)
    qtbot.waitUntil(lambda: RETURN_WAYBILL in panel.detail.text(), timeout=3000)
    assert "圆通" in panel.detail.text()
    assert "圆通" in panel.message.text()


def test_esc_leaves_the_order_returned_and_b_sends_the_goods_later(
    qtbot, orders_page, station, worker
):
    order = worker.wait_for(delivered, station)
    panel = find_villager(qtbot, orders_page)
    record_return(qtbot, panel, send_back=True)
    dialog = sending_dialog(qtbot)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    assert worker.wait_for(station.orders.get, order.id).return_sent_id == ""
    assert worker.wait_for(station.sending.on_day) == []
    qtbot.waitUntil(lambda: "B on the order" in panel.message.text(), timeout=3000)
    assert panel.window().focusWidget() is panel.table  # the keys go back to the list
    qtbot.keyClick(panel.table, "b")
    fill_the_sending(qtbot, sending_dialog(qtbot))
    qtbot.waitUntil(
        lambda: worker.wait_for(station.orders.get, order.id).return_waybill == RETURN_WAYBILL,
        timeout=5000,
    )


def test_a_return_without_sending_opens_no_form(qtbot, orders_page, station, worker):
    order = worker.wait_for(delivered, station)
    panel = find_villager(qtbot, orders_page)
    record_return(qtbot, panel, send_back=False)
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)
    assert QApplication.activeModalWidget() is None
    assert worker.wait_for(station.orders.get, order.id).state == "returned"


def test_the_platforms_refund_is_recorded_into_the_account_paid_from(
    qtbot, orders_page, station, worker
):
    order = worker.wait_for(delivered, station)
    worker.wait_for(station.orders.record_return, order.id, reason="尺寸不合适")
    panel = find_villager(qtbot, orders_page)
    qtbot.keyClick(focused(), "f")
    qtbot.waitUntil(lambda: panel.steps.step is not None, timeout=2000)
    assert panel.steps.text("amount") == "199.00"
    assert panel.steps.choice("account") == "bank"  # as it was paid
    qtbot.keyClicks(focused(), "300")  # more than was paid: refused, the fields kept
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=3000)
    assert "199.00" in panel.message.text()
    panel.steps.fields["amount"].setFocus()
    panel.steps.fields["amount"].selectAll()
    qtbot.keyClicks(focused(), "199")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)
    assert worker.wait_for(station.orders.get, order.id).platform_refunded_fen == 19900
    qtbot.waitUntil(lambda: "refunded ¥199.00" in panel.detail.text(), timeout=3000)
    qtbot.waitUntil(lambda: "¥199.00 to the station's accounts" in panel.totals.text())


def test_the_sending_form_asks_for_the_labels_waybill_and_records_nothing_without_it(
    qtbot, orders_page, station, worker
):
    order = worker.wait_for(delivered, station)
    panel = find_villager(qtbot, orders_page)
    record_return(qtbot, panel, send_back=True)
    dialog = sending_dialog(qtbot)
    qtbot.waitUntil(dialog.form.id_number.hasFocus, timeout=3000)
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.form.message.kind == "refusal", timeout=3000)
    assert "waybill" in dialog.form.message.text()
    assert dialog.form.label_waybill.hasFocus() and dialog.isVisible()
    assert worker.wait_for(station.sending.on_day) == []
    assert worker.wait_for(station.orders.get, order.id).return_sent_id == ""
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
