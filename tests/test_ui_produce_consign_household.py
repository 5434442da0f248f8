"""The consignment form (代销, Ctrl+2) offers a registered household for the consignor as the
operator types its phone tail or 户编号, marks it beside the name once chosen, and records the
lot for it (the household log shows it, the slip marks it); an earlier consignor is offered
unmarked, and a consignor not registered stays unmarked."""

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
from tests.produce_helpers import HOUSEHOLD_NO, with_county

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
ENTER = Qt.Key.Key_Return


def consigned(station) -> list:
    return [e for e in station.log.iter_events() if e.type == "produce.consigned"]


def type_chinese(field, text: str) -> None:
    """Chinese comes in as the input method commits it (QTest's key clicks are Latin only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(field, event)


@pytest.fixture
def panel(qtbot, station, worker):
    """The 代销 form opened by Ctrl+2 on the produce page, the county's registry synced."""
    with_county(station)
    page = ProducePage(PageContext(station=station, worker=worker, operator=station.operator))
    page.changed.connect(page.on_changed)
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 240, SCREEN_HEIGHT - 110)
    page.show()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow, timeout=3000)
    qtbot.keyClick(page, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    form = page.consign
    qtbot.waitUntil(lambda: form.grade.count() > 0, timeout=5000)
    form.consignor.setFocus()
    qtbot.waitUntil(form.consignor.hasFocus, timeout=3000)
    yield form
    page.purchase.stop_scale()


def take_offer(qtbot, form, typed: str) -> str:
    """Type into the consignor, wait for the offers, take the first with Down and Enter; the
    offer's text as it was shown."""
    qtbot.keyClicks(form.consignor, typed)
    qtbot.waitUntil(lambda: form.seller_completer.popup().isVisible(), timeout=5000)
    shown = form.seller_model.item(0).text()
    popup = form.seller_completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, ENTER)
    qtbot.waitUntil(lambda: form.chosen is not None, timeout=3000)
    return shown


def type_the_goods(qtbot, form) -> None:
    """The product, quantity, asking price and commission typed; Enter in the commission."""
    form.product.setFocus()
    type_chinese(form.product, "八月瓜")
    qtbot.keyClicks(form.quantity, "10")
    qtbot.keyClicks(form.asking, "5")
    qtbot.keyClicks(form.commission, "10")
    qtbot.keyClick(form.commission, ENTER)
    qtbot.waitUntil(lambda: form.message.kind == "success", timeout=5000)


@pytest.mark.parametrize("typed", ["5678", HOUSEHOLD_NO])
def test_a_household_typed_by_phone_tail_or_number_is_offered_marked_and_its_lot_logged(
    qtbot, panel, station, typed
):
    shown = take_offer(qtbot, panel, typed)
    assert shown == "岩温香 尾号5678 【脱贫户】"
    assert panel.consignor.text() == "岩温香"
    assert "【脱贫户】" in panel.household.text()
    assert consigned(station) == [] and panel.message.kind != "refusal"  # Enter took the offer

    type_the_goods(qtbot, panel)
    [event] = consigned(station)
    assert event.payload["household_id"] == HOUSEHOLD_NO
    assert "岩温香【脱贫户】" in panel.message.text()
    assert panel.household.text() == "" and panel.chosen is None  # ready for the next one
    log = station.households.log(HOUSEHOLD_NO)
    assert [(e.event_id, e.type) for e in log.entries] == [(event.id, "produce.consigned")]


def test_an_earlier_consignor_is_offered_by_initials_unmarked_with_the_phone_filled(
    qtbot, panel, station
):
    station.produce.consign(
        consignor="玉罕",
        consignor_phone="13900002222",
        product="蜂蜜",
        grade="一级",
        quantity="5",
        unit="斤",
        asking_price="60",
        commission_percent="8",
    )
    shown = take_offer(qtbot, panel, "yh")
    assert shown == "玉罕 尾号2222"
    assert (panel.consignor.text(), panel.phone.text()) == ("玉罕", "13900002222")
    assert "【" not in panel.household.text()

    type_the_goods(qtbot, panel)
    event = consigned(station)[-1]
    assert "household_id" not in event.payload
    assert event.payload["consignor_phone"] == "13900002222"


def test_a_consignor_not_registered_stays_unmarked(qtbot, panel, station):
    type_chinese(panel.consignor, "玉香")
    qtbot.waitUntil(lambda: not panel.seller_timer.isActive(), timeout=3000)
    qtbot.waitUntil(lambda: panel.worker.idle, timeout=5000)
    assert not panel.offer_open() and panel.household.text() == ""

    type_the_goods(qtbot, panel)
    [event] = consigned(station)
    assert "household_id" not in event.payload
    assert station.households.log(HOUSEHOLD_NO).entries == []


def test_typing_again_after_choosing_clears_the_mark(qtbot, panel, station):
    take_offer(qtbot, panel, "5678")
    assert "【脱贫户】" in panel.household.text()
    panel.consignor.setFocus()
    qtbot.keyClick(panel.consignor, Qt.Key.Key_Backspace)
    assert panel.chosen is None and panel.household.text() == ""
    qtbot.waitUntil(lambda: not panel.seller_timer.isActive(), timeout=3000)  # looked up again
    qtbot.waitUntil(lambda: panel.offer_open(), timeout=5000)


def test_ctrl_p_prints_the_slip_of_the_households_lot_with_its_marker(
    qtbot, panel, station, monkeypatch, tmp_path
):
    pytest.importorskip("stationapp.receipts.produce")
    from stationapp.ui.pages.produce import consign as consign_module
    from tests.parcel_documents import pdf_text

    printed = []
    monkeypatch.setattr(
        consign_module, "print_rendered", lambda rendered, parent: printed.append(rendered) or True
    )
    take_offer(qtbot, panel, "5678")
    type_the_goods(qtbot, panel)
    qtbot.keyClick(panel.consignor, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10000)
    text = "".join(pdf_text(printed[0].pdf, tmp_path).split())  # the marker may wrap
    assert "岩温香" in text and f"{HOUSEHOLD_NO}脱贫户" in text
