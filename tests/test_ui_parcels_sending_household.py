"""The sending form (寄件) offers the sender's registered household, driven by real keys against a
real station: the sender's name (through the input method) and mobile typed → the household
offered under the sender → Ctrl+H → Ctrl+Enter: ``parcel.sent`` names the household and its log
keeps the row; a sender not registered stays unmarked; Ctrl+Shift+H turns an offer down. The
offer at 1366×768 in Chinese is pictured as docs/img/ui-parcels-sending.png (when
STATIONAPP_SCREENSHOTS names the folder)."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    focused,
    parcels_page,
    sounds_played,
    type_into_focus,
)
from test_ui_parcels_screens import (  # noqa: F401 (fixtures)
    ROOT,
    chinese_everything,
    demo_window,
    settle,
    stage,
)

from stationapp.core import Station
from stationapp.ui.kit.page import FormRequest
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from tests.households_registry import household, register

pytestmark = QT_LOG_IGNORE

WANG = "5309260101000001"  # 王秀英, 脱贫户, phone 尾号5678
PHONE = "13912345678"
STRANGER = "13887654321"  # no registered household's phone ends in 4321
SENDER_ID = "530926198503152018"
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def registered(worker, station: Station) -> Station:
    worker.wait_for(register, station, household(WANG, "王秀英", phone_masked="尾号5678"))
    return station


def type_sender(qtbot, panel, name: str, mobile: str) -> None:
    """The name through the input method, then the mobile key by key, as the operator types."""
    assert panel.sender_name.hasFocus()
    type_into_focus(qtbot, name, enter=False)
    panel.sender_phone.setFocus()
    qtbot.keyClicks(focused(), mobile)


def fill_the_rest(panel) -> None:
    """The parts of the form that have nothing to do with the household."""
    for field, text in (
        ("id_number", SENDER_ID),
        ("item_name", "勐撒红糖"),
        ("recipient_name", "李春梅"),
        ("recipient_phone", "15912340521"),
        ("recipient_address", "云南省昆明市五华区青年路 88 号"),
        ("fee", "12"),
    ):
        getattr(panel, field).setText(text)
    panel.carrier.setCurrentIndex(panel.carrier.findData("ZTO"))


def sent_payloads(worker, station: Station) -> list[dict]:
    sent = worker.wait_for(station.sending.on_day)
    return [
        worker.wait_for(station.log.events_of, p.id, type="parcel.sent")[0].payload for p in sent
    ]


def record(qtbot, panel) -> None:
    panel.sender_phone.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=5000)


def test_a_registered_senders_household_is_offered_accepted_and_kept_in_its_log(
    qtbot, parcels_page, registered, worker
):
    station = registered
    panel = parcels_page.show_sub_page("sending")
    type_sender(qtbot, panel, "王秀英", PHONE)
    qtbot.waitUntil(panel.household.isVisible, timeout=5000)
    offer = panel.household
    assert offer.offered and "王秀英【脱贫户】" in offer.name.text()
    assert WANG in offer.hint.text() and "Ctrl+H" in offer.hint.text()
    assert panel.sender_phone.hasFocus() and panel.sender_phone.text() == PHONE  # typing went on
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL)
    assert offer.household_id == WANG
    fill_the_rest(panel)
    record(qtbot, panel)
    [payload] = sent_payloads(worker, station)
    assert (payload["household_id"], payload["customer_name"]) == (WANG, "王秀英")
    assert "王秀英【脱贫户】" in panel.message.text()
    [entry] = worker.wait_for(station.households.log, WANG).entries
    assert (entry.type, entry.person, entry.paid_in_fen) == ("parcel.sent", "王秀英", 1200)
    assert panel.household.isHidden()  # the next sender starts with nothing offered


def test_a_sender_not_registered_stays_unmarked(qtbot, parcels_page, registered, worker):
    panel = parcels_page.show_sub_page("sending")
    type_sender(qtbot, panel, "张三", STRANGER)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL)  # nothing offered: the key does nothing
    assert panel.household.isHidden() and panel.household.household_id == ""
    fill_the_rest(panel)
    record(qtbot, panel)
    [payload] = sent_payloads(worker, registered)
    assert "household_id" not in payload
    assert worker.wait_for(registered.households.log, WANG).entries == []


def test_an_offer_turned_down_sends_the_parcel_unmarked(qtbot, parcels_page, registered, worker):
    panel = parcels_page.show_sub_page("sending")
    type_sender(qtbot, panel, "王小芳", PHONE)  # a phone tail the registry shows, another name
    qtbot.waitUntil(panel.household.isVisible, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL | SHIFT)
    assert panel.household.isHidden()
    fill_the_rest(panel)
    record(qtbot, panel)
    [payload] = sent_payloads(worker, registered)
    assert "household_id" not in payload


def test_a_mark_made_on_the_name_stays_while_the_mobile_is_typed(
    qtbot, parcels_page, registered, worker
):
    panel = parcels_page.show_sub_page("sending")
    type_into_focus(qtbot, "王秀英", enter=False)
    qtbot.waitUntil(panel.household.isVisible, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL)
    panel.sender_phone.setFocus()
    qtbot.keyClicks(focused(), STRANGER)  # a phone the registry does not show
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert panel.household.household_id == WANG
    fill_the_rest(panel)
    record(qtbot, panel)
    assert sent_payloads(worker, registered)[0]["household_id"] == WANG


def test_a_sender_whose_phone_intake_linked_is_shown_marked_without_asking(
    qtbot, parcels_page, registered, worker
):
    station = registered
    worker.wait_for(
        lambda: station.parcels.receive(
            waybill="YT7461234567890", recipient_phone=PHONE, recipient_name="王秀英",
            household_id=WANG,
        )
    )  # fmt: skip
    panel = parcels_page.show_sub_page("sending")
    type_sender(qtbot, panel, "王秀英", PHONE)
    qtbot.waitUntil(lambda: panel.household.household_id == WANG, timeout=5000)
    assert not panel.household.offered
    fill_the_rest(panel)
    record(qtbot, panel)
    assert sent_payloads(worker, station)[0]["household_id"] == WANG


def test_the_form_another_page_opens_offers_its_prefilled_sender_s_household(
    qtbot, parcels_page, registered, worker
):
    saved = []
    request = FormRequest(
        prefill={"sender_name": "王秀英", "sender_phone": PHONE}, on_saved=saved.append
    )
    dialog = parcels_page.open_form("sending", parcels_page, request)
    form = dialog.form
    qtbot.waitUntil(form.id_number.hasFocus, timeout=3000)
    qtbot.waitUntil(form.household.isVisible, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL)
    fill_the_rest(form)
    form.label_waybill.setFocus()
    qtbot.keyClicks(focused(), "YT7460000000001")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(saved) == 1, timeout=5000)
    [payload] = sent_payloads(worker, registered)
    assert payload["household_id"] == WANG


def test_the_offer_under_the_sender_fits_the_screen_and_is_pictured(
    qtbot, demo_window, worker, station, tmp_path
):
    window = demo_window
    worker.wait_for(
        register,
        station,
        household("5309260103000017", "罕南", village="芒艾村", phone_masked="尾号8806"),
        household("5309260103000052", "罕温", village="芒艾村", phone_masked="尾号8806"),
    )
    stage(qtbot, window, "sending")  # the demo's sender 罕南, 13577428806, and the rest
    panel = window.page("parcels").sending
    qtbot.waitUntil(panel.household.isVisible, timeout=5000)
    settle(qtbot, window)
    assert panel.household.name.text().startswith("登记户：罕南【脱贫户】")
    # the form closes up around the offer: the window still fits above a taskbar
    qtbot.waitUntil(lambda: window.minimumSizeHint().height() <= SCREEN_HEIGHT - 40, timeout=3000)
    assert window.minimumSizeHint().width() <= SCREEN_WIDTH
    offer = panel.household
    assert offer.geometry().bottom() <= offer.parentWidget().rect().bottom()
    assert offer.hint.height() >= offer.hint.heightForWidth(offer.hint.width())  # not cut
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    if not folder.is_absolute():
        folder = ROOT / folder
    path = folder / "ui-parcels-sending.png"
    assert window.grab().save(str(path))
