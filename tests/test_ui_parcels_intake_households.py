"""Intake offers the recipient's registered household, driven by real keys against a real station:
the phone of a registered household typed → the household offered under the name → Ctrl+H →
Enter: the parcel's event names the household, and the next parcel for that phone shows it
marked without asking. The offer at 1366×768 in Chinese is pictured (docs/img when
STATIONAPP_SCREENSHOTS names it)."""

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
    press,
    sounds_played,
    type_into_focus,
    yto,
    zto,
)
from test_ui_parcels_screens import (  # noqa: F401 (fixtures)
    ROOT,
    chinese_everything,
    demo_window,
    settle,
    stage,
)

from stationapp.core import Station
from stationapp.ui.kit.theme import SCREEN_HEIGHT
from tests.households_registry import household, register

pytestmark = QT_LOG_IGNORE

WANG = "5309260101000001"  # 王秀英, 脱贫户, phone 尾号5678
PHONE = "13912345678"
STRANGER = "13887654321"  # no registered household's phone ends in 4321
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def registered(worker, station: Station) -> Station:
    worker.wait_for(register, station, household(WANG, "王秀英", phone_masked="尾号5678"))
    return station


def payload_of(worker, station: Station, parcel_id: str) -> dict:
    [event] = worker.wait_for(station.log.events_of, parcel_id, type="parcel.received")
    return event.payload


def up_to_the_phone(qtbot, intake, waybill: str) -> None:
    type_into_focus(qtbot, waybill)  # scanned
    qtbot.waitUntil(intake.carriers.hasFocus, timeout=5000)
    press(qtbot, Qt.Key.Key_Return)  # the carrier guessed
    assert intake.phone.hasFocus()


def test_a_registered_households_phone_is_offered_accepted_and_the_next_parcel_marked(
    qtbot, parcels_page, registered, worker
):
    station = registered
    worker.wait_for(
        lambda: station.parcels.receive(
            waybill=zto(1), recipient_phone=PHONE, recipient_name="王秀英"
        )
    )  # a customer known from an earlier parcel, not linked yet
    intake = parcels_page.show_sub_page("intake")
    up_to_the_phone(qtbot, intake, zto(2))
    qtbot.keyClicks(focused(), PHONE)
    qtbot.waitUntil(intake.household.isVisible, timeout=5000)
    offer = intake.household
    assert offer.offered and "王秀英【脱贫户】" in offer.name.text()
    assert WANG in offer.hint.text() and "Ctrl+H" in offer.hint.text()
    assert intake.phone.hasFocus() and intake.phone.text() == PHONE  # typing went on
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL)
    assert offer.household_id == WANG
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    assert payload_of(worker, station, intake.recorded[0].id)["household_id"] == WANG
    assert "王秀英【脱贫户】" in intake.batch_rows()[0][3]
    assert intake.household.isHidden()  # the next parcel starts with nothing offered

    up_to_the_phone(qtbot, intake, zto(3))
    qtbot.keyClicks(focused(), PHONE)
    qtbot.waitUntil(lambda: intake.household.household_id == WANG, timeout=5000)
    assert not intake.household.offered  # marked without asking
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(intake.recorded) == 2, timeout=5000)
    assert payload_of(worker, station, intake.recorded[1].id)["household_id"] == WANG


def test_enter_without_the_key_takes_the_parcel_in_unmarked(
    qtbot, parcels_page, registered, worker
):
    intake = parcels_page.show_sub_page("intake")
    up_to_the_phone(qtbot, intake, yto(1))
    qtbot.keyClicks(focused(), PHONE)
    qtbot.waitUntil(intake.household.isVisible, timeout=5000)
    press(qtbot, Qt.Key.Key_Return)  # a new phone: the name is asked
    qtbot.waitUntil(intake.name.hasFocus, timeout=5000)
    assert intake.household.offered  # still offered while the name is typed
    type_into_focus(qtbot, "王小芳")
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    assert "household_id" not in payload_of(worker, registered, intake.recorded[0].id)


def test_a_new_phone_accepted_while_the_name_is_typed_links_the_new_customer(
    qtbot, parcels_page, registered, worker
):
    intake = parcels_page.show_sub_page("intake")
    up_to_the_phone(qtbot, intake, yto(2))
    type_into_focus(qtbot, PHONE)
    qtbot.waitUntil(intake.name.hasFocus, timeout=5000)
    qtbot.waitUntil(intake.household.isVisible, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL)
    type_into_focus(qtbot, "王秀英")
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    payload = payload_of(worker, registered, intake.recorded[0].id)
    assert (payload["household_id"], payload["customer_household"]) == (WANG, WANG)


def test_the_heads_name_offers_the_household_for_a_phone_the_registry_does_not_show(
    qtbot, parcels_page, registered, worker
):
    intake = parcels_page.show_sub_page("intake")
    up_to_the_phone(qtbot, intake, yto(3))
    type_into_focus(qtbot, STRANGER)
    qtbot.waitUntil(intake.name.hasFocus, timeout=5000)
    assert intake.household.isHidden()
    type_into_focus(qtbot, "王秀英", enter=False)
    qtbot.waitUntil(intake.household.isVisible, timeout=5000)
    assert intake.household.shown.household_no == WANG


def test_ctrl_shift_h_on_a_wrong_link_clears_it_with_the_save(
    qtbot, parcels_page, registered, worker
):
    station = registered
    worker.wait_for(
        lambda: station.parcels.receive(
            waybill=zto(4), recipient_phone=PHONE, recipient_name="王秀英", household_id=WANG
        )
    )
    intake = parcels_page.show_sub_page("intake")
    up_to_the_phone(qtbot, intake, zto(5))
    qtbot.keyClicks(focused(), PHONE)
    qtbot.waitUntil(lambda: intake.household.household_id == WANG, timeout=5000)
    qtbot.keyClick(focused(), Qt.Key.Key_H, CTRL | SHIFT)
    assert intake.household.isHidden()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    payload = payload_of(worker, station, intake.recorded[0].id)
    assert "household_id" not in payload and payload["customer_household"] == ""
    row = worker.wait_for(
        lambda: station.conn.execute(
            "SELECT household_id FROM customers WHERE phone = ?", (PHONE,)
        ).fetchone()
    )
    assert row[0] == ""


def test_a_scanned_phone_of_a_linked_customer_is_taken_in_marked(
    qtbot, parcels_page, registered, worker
):
    station = registered
    worker.wait_for(
        lambda: station.parcels.receive(
            waybill=zto(6), recipient_phone=PHONE, recipient_name="王秀英", household_id=WANG
        )
    )
    intake = parcels_page.show_sub_page("intake")
    up_to_the_phone(qtbot, intake, zto(7))
    assert parcels_page.on_scan(PHONE)  # the scanner reads the phone off a slip
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    assert payload_of(worker, station, intake.recorded[0].id)["household_id"] == WANG


def test_the_offer_under_the_name_fits_the_screen_and_is_pictured(
    qtbot, demo_window, worker, station, tmp_path
):
    window = demo_window
    worker.wait_for(
        register,
        station,
        household("5309260103000017", "王秀英", village="芒艾村", phone_masked="尾号5678"),
        household("5309260103000052", "王建国", village="芒艾村", phone_masked="尾号5678"),
    )
    stage(qtbot, window, "intake")  # three parcels in the batch, a waybill scanned
    panel = window.page("parcels").intake
    panel.carrier_confirmed()
    qtbot.keyClicks(panel.phone, "13912345678")
    qtbot.waitUntil(panel.household.isVisible, timeout=5000)
    settle(qtbot, window)
    assert panel.household.name.text().startswith("登记户：王秀英【脱贫户】")
    assert window.minimumSizeHint().height() <= SCREEN_HEIGHT - 40
    offer = panel.household
    assert offer.geometry().bottom() <= panel.rect().bottom()
    assert offer.hint.height() >= offer.hint.heightForWidth(offer.hint.width())  # not cut
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    if not folder.is_absolute():
        folder = ROOT / folder
    path = folder / "ui-parcels-intake-household.png"
    assert window.grab().save(str(path))
