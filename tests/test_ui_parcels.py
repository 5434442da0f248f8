"""The parcel screens, driven from the keyboard against a real station: intake in batch mode,
pickup, and a scan from anywhere landing on pickup."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    VILLAGERS,
    YTO,
    YUNDA,
    ZTO,
    desk,
    focused,
    parcels_page,
    press,
    receive,
    sounds_played,
    type_into_focus,
    yto,
    zto,
)

from stationapp.core import Station
from stationapp.ui.kit import sounds
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow

pytestmark = QT_LOG_IGNORE


def parcels_in_store(worker, station: Station) -> list:
    return worker.wait_for(lambda: station.parcels.shelf_list().page(None, 100))


def scan_waybill(qtbot, intake, waybill: str) -> None:
    type_into_focus(qtbot, waybill)
    qtbot.waitUntil(lambda: intake.worker.idle, timeout=3000)


# intake -----------------------------------------------------------------------------------------


def test_three_parcels_taken_in_by_keyboard_alone_land_on_the_shelf(
    qtbot, parcels_page, station, worker, sounds_played
):
    intake = parcels_page.show_sub_page("intake")
    assert intake.waybill.hasFocus()
    for count, (waybill, (phone, name)) in enumerate(
        zip((ZTO, YTO, YUNDA), VILLAGERS[:3], strict=True), start=1
    ):
        scan_waybill(qtbot, intake, waybill)
        assert intake.carriers.hasFocus()
        press(qtbot, Qt.Key.Key_Return)  # the first guess is right
        assert intake.phone.hasFocus()
        type_into_focus(qtbot, phone)
        qtbot.waitUntil(intake.name.hasFocus, timeout=3000)  # a new phone asks for the name
        type_into_focus(qtbot, name)
        qtbot.waitUntil(lambda count=count: len(intake.recorded) == count, timeout=3000)
        assert intake.waybill.hasFocus()
    stored = parcels_in_store(worker, station)
    assert sorted((p.waybill, p.carrier) for p in stored) == sorted(
        [(ZTO, "ZTO"), (YTO, "YTO"), (YUNDA, "YUNDA")]
    )
    assert sounds_played == [sounds.SUCCESS] * 3
    rows = intake.batch_rows()
    assert [row[0] for row in rows] == [p.pickup_code for p in reversed(intake.recorded)]
    assert rows[0][1:3] == [YUNDA[-4:], "尾号" + VILLAGERS[2][0][-4:]]
    assert "3" in intake.batch_title.text()


def test_a_known_phone_fills_the_name_and_records_on_enter(qtbot, parcels_page, station, worker):
    worker.wait_for(receive, station, zto(1), 1)
    intake = parcels_page.show_sub_page("intake")
    scan_waybill(qtbot, intake, zto(2))
    press(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, VILLAGERS[1][0])
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=3000)
    assert intake.recorded[0].recipient_name == VILLAGERS[1][1]
    assert intake.message.kind == "success"


def test_a_digit_picks_another_carrier_and_the_station_learns_it(
    qtbot, parcels_page, station, worker
):
    intake = parcels_page.show_sub_page("intake")
    scan_waybill(qtbot, intake, "77012345678901")  # 中通 first, 申通 second
    guesses = [intake.carriers.item(i).data(Qt.ItemDataRole.UserRole) for i in range(2)]
    assert guesses == ["ZTO", "STO"]
    press(qtbot, Qt.Key.Key_2)
    assert intake.phone.hasFocus()
    type_into_focus(qtbot, VILLAGERS[0][0])
    qtbot.waitUntil(intake.name.hasFocus, timeout=3000)
    type_into_focus(qtbot, "张*")
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=3000)
    assert intake.recorded[0].carrier == "STO"
    assert intake.recorded[0].recipient_name == "张*"
    scan_waybill(qtbot, intake, "77012345678902")
    assert intake.chosen_carrier() == "STO"  # learned: proposed first now


def test_shelf_layer_and_consent_are_remembered_and_used(qtbot, parcels_page, station, worker):
    intake = parcels_page.show_sub_page("intake")
    qtbot.waitUntil(lambda: intake.shelf.count() == 3, timeout=3000)
    assert intake.consent.currentData() == "sms_notice"  # the station's default
    intake.shelf.setCurrentText("B")
    intake.layer.setCurrentIndex(intake.layer.findData(3))
    intake.consent.setCurrentIndex(intake.consent.findData("phone_call"))
    intake.waybill.setFocus()
    for number in (1, 2):
        scan_waybill(qtbot, intake, zto(number))
        press(qtbot, Qt.Key.Key_Return)
        type_into_focus(qtbot, VILLAGERS[0][0])
        if number == 1:
            qtbot.waitUntil(intake.name.hasFocus, timeout=3000)
            type_into_focus(qtbot, VILLAGERS[0][1])
        qtbot.waitUntil(lambda number=number: len(intake.recorded) == number, timeout=3000)
    codes = [p.pickup_code for p in intake.recorded]
    assert codes == ["B-3-0001", "B-3-0002"]
    assert {p.consent for p in intake.recorded} == {"phone_call"}


@pytest.mark.parametrize(
    ("step", "text", "says"),
    [
        ("waybill", "12", "too short"),
        ("phone", "1381234", "not a mobile number"),
    ],
)
def test_a_refusal_shows_red_plays_the_refusal_sound_and_writes_nothing(
    qtbot, parcels_page, station, worker, sounds_played, step, text, says
):
    intake = parcels_page.show_sub_page("intake")
    before = worker.wait_for(station.events.count)
    if step == "waybill":
        type_into_focus(qtbot, text)
    else:
        scan_waybill(qtbot, intake, ZTO)
        press(qtbot, Qt.Key.Key_Return)
        type_into_focus(qtbot, text)
    qtbot.waitUntil(lambda: intake.message.kind == "refusal", timeout=3000)
    assert says in intake.message.text()
    assert sounds_played == [sounds.REFUSAL]
    assert focused() is (intake.waybill if step == "waybill" else intake.phone)
    assert worker.wait_for(station.events.count) == before


def test_the_same_waybill_still_waiting_is_refused_saying_where_it_sits(
    qtbot, parcels_page, station, worker, sounds_played
):
    parcel = worker.wait_for(receive, station, ZTO)
    intake = parcels_page.show_sub_page("intake")
    scan_waybill(qtbot, intake, ZTO)
    assert intake.message.kind == "refusal"
    assert parcel.pickup_code in intake.message.text()
    assert "already on the shelf" in intake.message.text()
    assert sounds_played == [sounds.REFUSAL]
    assert intake.waybill.hasFocus()


def test_a_waybill_picked_up_before_asks_for_confirmation_then_takes_it_in_again(
    qtbot, parcels_page, station, worker
):
    first = worker.wait_for(receive, station, YTO, 2)
    worker.wait_for(station.parcels.pick_up, [first.id], "code")
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, YTO)
    qtbot.waitUntil(lambda: intake.redelivery_box is not None, timeout=3000)
    box = intake.redelivery_box
    assert "left the station" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert intake.redelivery_confirmed
    intake.carrier_confirmed()
    intake.phone.setText(VILLAGERS[2][0])
    intake.phone_entered()
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=3000)
    again = intake.recorded[0]
    assert (again.waybill, again.status) == (YTO, "waiting")
    assert again.id != first.id


def test_escape_drops_the_parcel_being_typed(qtbot, parcels_page, station, worker):
    intake = parcels_page.show_sub_page("intake")
    scan_waybill(qtbot, intake, ZTO)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(focused(), "1388")
    press(qtbot, Qt.Key.Key_Escape)
    assert intake.waybill.hasFocus()
    assert (intake.waybill.text(), intake.phone.text(), intake.check) == ("", "", None)


# pickup -----------------------------------------------------------------------------------------


def test_pickup_by_phone_tail_lists_all_that_persons_parcels_and_hands_out_all(
    qtbot, parcels_page, station, worker, sounds_played
):
    mine = [worker.wait_for(receive, station, waybill, 0) for waybill in (zto(1), yto(2), zto(3))]
    worker.wait_for(receive, station, zto(4), 1)  # someone else's
    pickup = parcels_page.show_sub_page("pickup")
    assert pickup.search.hasFocus()
    type_into_focus(qtbot, VILLAGERS[0][0][-4:])
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 3, timeout=3000)
    assert sorted(pickup.ticked_ids()) == sorted(p.id for p in mine)
    assert pickup.chosen_verification() == "phone"
    assert pickup.results.hasFocus()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pickup.message.kind == "success", timeout=3000)
    statuses = [worker.wait_for(station.parcels.get, p.id).status for p in mine]
    assert statuses == ["picked_up"] * 3
    picked = worker.wait_for(station.parcels.get, mine[0].id)
    assert picked.verified_by == "phone"
    assert sounds_played == [sounds.SUCCESS]
    assert pickup.search.hasFocus()


def test_space_unticks_a_parcel_and_only_the_ticked_ones_go(qtbot, parcels_page, station, worker):
    first, second = (worker.wait_for(receive, station, w, 0) for w in (zto(1), zto(2)))
    pickup = parcels_page.show_sub_page("pickup")
    type_into_focus(qtbot, first.pickup_code)
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 2, timeout=3000)
    assert pickup.chosen_verification() == "code"
    press(qtbot, Qt.Key.Key_Space)  # the first row: the parcel whose code was given
    assert pickup.ticked_ids() == [second.id]
    press(qtbot, Qt.Key.Key_A)
    assert sorted(pickup.ticked_ids()) == sorted([first.id, second.id])
    press(qtbot, Qt.Key.Key_A)
    assert pickup.ticked_ids() == []
    assert not pickup.hand_out_button.isEnabled()
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pickup.message.kind == "success", timeout=3000)
    assert worker.wait_for(station.parcels.get, first.id).status == "picked_up"
    assert worker.wait_for(station.parcels.get, second.id).status == "waiting"


def test_a_proxy_pickup_records_who_collected(qtbot, parcels_page, station, worker):
    parcel = worker.wait_for(receive, station, zto(1), 0)
    pickup = parcels_page.show_sub_page("pickup")
    pickup.search.setText(parcel.pickup_code)
    pickup.run_search()
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 1, timeout=3000)
    pickup.proxy_name.setText("罕南")
    pickup.proxy_phone.setText("13577778888")
    pickup.hand_out_button.click()
    qtbot.waitUntil(lambda: pickup.message.kind == "success", timeout=3000)
    picked = worker.wait_for(station.parcels.get, parcel.id)
    assert (picked.proxy_name, picked.proxy_phone) == ("罕南", "13577778888")


def test_a_search_that_finds_nothing_says_what_to_try(qtbot, parcels_page, sounds_played):
    pickup = parcels_page.show_sub_page("pickup")
    type_into_focus(qtbot, "9999")
    qtbot.waitUntil(lambda: pickup.message.kind == "refusal", timeout=3000)
    assert "Nothing found for 9999" in pickup.message.text()
    assert sounds_played == [sounds.REFUSAL]


def test_the_slip_button_prints_the_last_pickup(qtbot, parcels_page, station, worker, monkeypatch):
    from stationapp.receipts import parcels as documents
    from stationapp.ui.kit import printing

    rendered: list[dict] = []
    printed: list[bytes] = []
    monkeypatch.setattr(
        documents, "pickup_slip", lambda **fields: rendered.append(fields) or b"%PDF-slip"
    )
    monkeypatch.setattr(printing, "print_pdf", lambda pdf, **_kw: printed.append(pdf) or True)
    parcel = worker.wait_for(receive, station, zto(1), 0)
    pickup = parcels_page.show_sub_page("pickup")
    type_into_focus(qtbot, parcel.pickup_code)
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 1, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pickup.message.kind == "success", timeout=3000)
    assert pickup.search.hasFocus()  # ready for the next villager, and Ctrl+P still prints
    qtbot.keyClick(pickup.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: printed != [], timeout=3000)
    assert printed == [b"%PDF-slip"]
    assert [p.id for p in rendered[0]["parcels"]] == [parcel.id]
    assert rendered[0]["parcels"][0].status == "picked_up"
    assert rendered[0]["verified_by"] == "code"


def test_a_manager_undoes_a_pickup_made_today_from_the_search(qtbot, parcels_page, station, worker):
    parcel = worker.wait_for(receive, station, zto(1), 0)
    worker.wait_for(station.parcels.pick_up, [parcel.id], "code")
    pickup = parcels_page.show_sub_page("pickup")
    pickup.include_gone.setChecked(True)
    assert pickup.undo_button.isVisible()
    pickup.search.setText(VILLAGERS[0][0][-4:])
    pickup.run_search()
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 1, timeout=3000)
    assert pickup.ticked_ids() == []  # a picked-up parcel cannot be handed out again
    pickup.undo(parcel.id, "交错人了")
    qtbot.waitUntil(
        lambda: worker.wait_for(station.parcels.get, parcel.id).status == "waiting", timeout=3000
    )
    qtbot.waitUntil(lambda: pickup.message.kind == "success", timeout=3000)


def test_an_operator_cannot_undo_a_pickup(qtbot, station, worker, desk, shown_errors):
    from stationapp.ui.kit.page import PageContext
    from stationapp.ui.pages.parcels import ParcelsPage

    station.operators.add(name="玉香", pin="2468", role="operator")
    station.login("玉香", "2468")
    parcel = receive(station, zto(1), 0)
    station.parcels.pick_up([parcel.id], "code")
    page = ParcelsPage(PageContext(station=station, worker=worker, operator=station.operator))
    qtbot.addWidget(page)
    pickup = page.show_sub_page("pickup")
    pickup.include_gone.setChecked(True)
    pickup.search.setText(parcel.pickup_code)
    pickup.run_search()
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 1, timeout=3000)
    pickup.results.setCurrentCell(0, 1)
    pickup.undo_pickup()
    assert "Only the station manager" in pickup.message.text()
    assert worker.wait_for(station.parcels.get, parcel.id).status == "picked_up"


# a scan anywhere --------------------------------------------------------------------------------


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


def test_a_scan_on_any_page_lands_on_pickup_with_the_parcel_found(qtbot, window, station, worker):
    parcel = worker.wait_for(receive, station, ZTO, 3)
    settings = window.show_page("settings")
    settings.station_phone.setFocus()
    scan(qtbot, window, ZTO)
    parcels = window.page("parcels")
    assert window.current_page() is parcels
    assert parcels.current_key() == "pickup"
    pickup = parcels.pickup
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 1, timeout=3000)
    assert pickup.found.parcels[0].id == parcel.id
    assert settings.station_phone.text() == "0883-6123456"


def test_a_scan_on_the_intake_page_starts_the_next_parcel(qtbot, window, station, worker):
    parcels = window.show_page("parcels")
    intake = parcels.show_sub_page("intake")
    scan(qtbot, window, ZTO)
    qtbot.waitUntil(lambda: intake.check is not None, timeout=3000)
    assert parcels.current_key() == "intake"
    assert intake.waybill.text() == ZTO
    assert intake.carriers.hasFocus()


def test_another_scan_while_a_parcel_is_half_entered_is_refused_and_nothing_is_lost(
    qtbot, parcels_page, station, worker, sounds_played
):
    intake = parcels_page.show_sub_page("intake")
    scan_waybill(qtbot, intake, ZTO)
    assert parcels_page.on_scan(ZTO)  # the same label twice: nothing new
    assert intake.message.isHidden()
    assert parcels_page.on_scan(YTO)
    assert intake.message.kind == "refusal"
    assert ZTO in intake.message.text() and "Esc" in intake.message.text()
    assert sounds_played == [sounds.REFUSAL]
    assert intake.check.number == ZTO
    assert parcels_page.on_scan(VILLAGERS[0][0])  # a scanned phone fills the phone step
    qtbot.waitUntil(intake.name.hasFocus, timeout=3000)
    assert intake.phone.text() == VILLAGERS[0][0]
