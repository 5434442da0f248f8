"""A real barcode scanner on the real main window: key events as a USB scanner sends them
(press and release per character, Shift around every capital, 2-10 ms apart, Enter or Tab at
the end, sometimes ``]C1`` in front), on every page, in a dialog, on the lock screen and while
the previous save is still on the worker thread (tests/scanner_keys.py types them)."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import logging
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from scanner_keys import (
    HUMAN_GAP_MS,
    WAYBILLS,
    KeyFeeder,
    feed,
    key_press,
    scan,
    scanner_keys,
    type_by_hand,
)
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    VILLAGERS,
    desk,
    receive,
    receive_days_ago,
    sounds_played,
)

from stationapp.core import Station, waybill
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import PAGES, MainWindow
from stationapp.ui.pages.parcels import ParcelsPage
from stationapp.ui.pages.parcels.intake import IntakePanel
from tests.conftest import MANAGER_PIN

pytestmark = QT_LOG_IGNORE


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


def parcels_of(window: MainWindow) -> ParcelsPage:
    page = window.page("parcels")
    assert isinstance(page, ParcelsPage)
    return page


def open_intake(qtbot, window: MainWindow) -> IntakePanel:
    window.show_page("parcels")
    intake = parcels_of(window).show_sub_page("intake")
    assert isinstance(intake, IntakePanel)
    qtbot.waitUntil(lambda: intake.setup_loaded and intake.worker.idle, timeout=3000)
    qtbot.waitUntil(intake.waybill.hasFocus, timeout=3000)
    return intake


def texts(window: MainWindow) -> dict[QLineEdit, str]:
    return {field: field.text() for field in window.findChildren(QLineEdit)}


def stored(worker, station: Station) -> list:
    return worker.wait_for(lambda: station.parcels.shelf_list().page(None, 1000))


def known_villagers(worker, station: Station) -> None:
    """The villagers have had parcels before: their phones are known, no name is asked."""
    for index in range(len(VILLAGERS)):
        worker.wait_for(receive, station, f"7310{index:010d}", index)


# the scanner on its own ------------------------------------------------------------------------


@pytest.mark.parametrize("code", [code for code in WAYBILLS if not code.isdigit()])
def test_a_waybill_with_capitals_is_one_scan_whole_and_first(qtbot, window, code):
    """Shift around each capital is part of the scan: the filter used to take a Shift for the
    end of typing and let the first letters go as typing (YT... became T...)."""
    intake = open_intake(qtbot, window)
    with qtbot.waitSignal(window.scanner.scanned, timeout=3000) as scanned:
        scan(qtbot, code)
    assert scanned.args == [code]
    qtbot.waitUntil(lambda: intake.check is not None, timeout=3000)
    assert intake.waybill.text() == code
    assert intake.check.number == code
    assert intake.chosen_carrier() == waybill.carrier_candidates(code)[0].carrier
    assert intake.carriers.hasFocus()
    assert intake.phone.text() == "" and intake.name.text() == ""


def test_a_scan_ended_by_tab_with_an_aim_prefix_is_the_waybill_alone(qtbot, window):
    intake = open_intake(qtbot, window)
    with qtbot.waitSignal(window.scanner.scanned, timeout=3000) as scanned:
        feed(qtbot, scanner_keys("JT1234567890123", end="tab", prefix="]C1"))
    assert scanned.args == ["JT1234567890123"]
    qtbot.waitUntil(lambda: intake.check is not None, timeout=3000)
    assert intake.waybill.text() == "JT1234567890123"
    assert intake.chosen_carrier() == "JT"


# every page ------------------------------------------------------------------------------------

SUB_PAGES = ("pickup", "shelf", "sending", "handover")


@pytest.mark.parametrize(
    ("page", "sub_page"),
    [(key, None) for key, _title in PAGES if key != "parcels"]
    + [("parcels", sub) for sub in SUB_PAGES],
)
def test_a_scan_on_any_page_lands_whole_on_pickup_and_nowhere_else(
    qtbot, window, station, worker, page, sub_page
):
    code = "SF1234567890123"
    parcel = worker.wait_for(receive, station, code, 2)
    shown = window.show_page(page)
    if sub_page is not None:
        parcels_of(window).show_sub_page(sub_page)
    qtbot.waitUntil(lambda: worker.idle, timeout=3000)
    if page == "settings":
        shown.station_phone.setFocus()  # a field on the page has the focus
    before = texts(window)
    scan(qtbot, code)
    pickup = parcels_of(window).pickup
    qtbot.waitUntil(lambda: pickup.found is not None, timeout=3000)
    assert window.current_page() is parcels_of(window)
    assert parcels_of(window).current_key() == "pickup"
    assert pickup.search.text() == code
    assert [p.id for p in pickup.found.parcels] == [parcel.id]
    after = texts(window)
    changed = {field for field in before if after.get(field) != before[field]}
    assert changed <= {pickup.search}


def test_a_scan_at_intake_takes_the_next_parcel_in(qtbot, window, station, worker):
    known_villagers(worker, station)
    intake = open_intake(qtbot, window)
    steps = (
        scanner_keys("YT1234567890123")
        + key_press(Qt.Key.Key_Return, "\r")  # the first guess is right
        + scanner_keys(VILLAGERS[1][0])
    )
    feed(qtbot, steps, pauses={len(scanner_keys("YT1234567890123")): 120})
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    parcel = intake.recorded[0]
    assert (parcel.waybill, parcel.carrier, parcel.recipient_phone) == (
        "YT1234567890123",
        "YTO",
        VILLAGERS[1][0],
    )


# a dialog --------------------------------------------------------------------------------------


def test_a_scan_in_a_dialog_is_typed_into_its_field_as_it_came(qtbot, window, worker):
    sync = window.show_page("sync")
    dialog = sync.open_join_dialog()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    dialog.code.setFocus()
    before = texts(window)
    with qtbot.waitSignal(window.scanner.scanned, timeout=3000):
        feed(qtbot, scanner_keys("7KQ2-MX4P-9TNA", end="tab"))
    assert dialog.code.text() == "7KQ2-MX4P-9TNA"
    assert not dialog.code.hasFocus()  # the Tab went on to the next field, as it came
    assert dialog.isVisible()
    assert window.current_page() is sync  # nothing landed on pickup behind the dialog
    after = texts(window)
    assert {f for f in before if after.get(f) != before[f]} == {dialog.code}
    dialog.reject()


def test_a_scan_during_a_question_waits_for_the_answer(qtbot, window, station, worker):
    """The question has buttons only: a scan typed into it would answer it (Y is Yes). It waits
    and then starts the next parcel."""
    known_villagers(worker, station)
    gone = worker.wait_for(receive, station, "78123456789012", 0)
    worker.wait_for(station.parcels.pick_up, [gone.id], "code")
    intake = open_intake(qtbot, window)
    scan(qtbot, "78123456789012")
    qtbot.waitUntil(lambda: intake.redelivery_box is not None, timeout=3000)
    box = intake.redelivery_box
    qtbot.waitUntil(box.isVisible, timeout=3000)
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow, timeout=3000)
    with qtbot.waitSignal(window.scanner.scanned, timeout=3000):
        scan(qtbot, "773012345678901")
    assert box.isVisible()  # not answered by the scan's Enter
    assert intake.check.number == "78123456789012"
    assert intake.message.isHidden()  # nor refused behind the question
    box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(
        lambda: intake.check is not None and intake.check.number != "78123456789012",
        timeout=3000,
    )
    assert intake.waybill.text() == "773012345678901"
    assert intake.chosen_carrier() == "STO"


# the lock screen -------------------------------------------------------------------------------


def lock(qtbot, window: MainWindow) -> None:
    window.lock()
    qtbot.waitUntil(window.lock_screen.pin.hasFocus, timeout=3000)


def test_a_right_pin_typed_fast_with_enter_unlocks(qtbot, window):
    lock(qtbot, window)
    with qtbot.waitSignal(window.lock_screen.unlocked, timeout=3000):
        scan(qtbot, MANAGER_PIN)
    assert not window.locked
    assert window.screens.currentWidget() is window.workspace


def test_a_wrong_pin_typed_fast_is_refused_in_words_and_in_the_log(qtbot, window, caplog):
    lock(qtbot, window)
    with caplog.at_level(logging.INFO):
        scan(qtbot, "654321")
        qtbot.waitUntil(lambda: not window.lock_screen.message.isHidden(), timeout=3000)
    assert "Wrong PIN" in window.lock_screen.message.text()
    assert window.locked
    assert window.lock_screen.pin.text() == ""
    assert any("lock screen refused" in record.getMessage() for record in caplog.records)


def test_a_waybill_scanned_on_the_lock_screen_waits_for_the_unlock(
    qtbot, window, station, worker
):
    """Not typed into the PIN field (a wrong PIN, counted towards the lockout), not lost: it
    lands on pickup once the operator is back."""
    parcel = worker.wait_for(receive, station, "JDVA16786843353", 1)
    lock(qtbot, window)
    before = texts(window)
    with qtbot.waitSignal(window.scanner.scanned, timeout=3000):
        scan(qtbot, "JDVA16786843353")
    assert window.locked
    assert window.lock_screen.message.isHidden()
    assert texts(window) == before
    with qtbot.waitSignal(window.lock_screen.unlocked, timeout=3000):
        scan(qtbot, MANAGER_PIN)
    pickup = parcels_of(window).pickup
    qtbot.waitUntil(lambda: pickup.found is not None, timeout=3000)
    assert pickup.search.text() == "JDVA16786843353"
    assert [p.id for p in pickup.found.parcels] == [parcel.id]


# while a save is on the worker thread ----------------------------------------------------------


def stall(worker) -> threading.Event:
    """Keep the database thread busy until the returned event is set: what is queued behind
    stays in flight."""
    go_on = threading.Event()
    worker.call(go_on.wait, 20)
    return go_on


def start_parcel(qtbot, intake: IntakePanel, code: str) -> None:
    scan(qtbot, code)
    qtbot.waitUntil(intake.carriers.hasFocus, timeout=3000)
    feed(qtbot, key_press(Qt.Key.Key_Return, "\r"))
    qtbot.waitUntil(intake.phone.hasFocus, timeout=3000)


def test_the_next_scan_while_the_save_is_in_flight_keeps_every_letter(
    qtbot, window, station, worker
):
    known_villagers(worker, station)
    intake = open_intake(qtbot, window)
    start_parcel(qtbot, intake, "SF1234567890123")
    go_on = stall(worker)
    type_by_hand(qtbot, VILLAGERS[0][0], enter=True)
    assert intake.saving  # the save waits behind the stalled thread
    scan(qtbot, "YT1234567890123")
    go_on.set()
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    qtbot.waitUntil(lambda: intake.check is not None, timeout=5000)
    assert intake.recorded[0].waybill == "SF1234567890123"
    assert intake.recorded[0].recipient_phone == VILLAGERS[0][0]
    assert intake.waybill.text() == "YT1234567890123"
    assert intake.chosen_carrier() == "YTO"
    assert intake.carriers.hasFocus()


def test_keys_typed_by_hand_while_the_save_is_in_flight_reach_the_next_waybill(
    qtbot, window, station, worker
):
    known_villagers(worker, station)
    intake = open_intake(qtbot, window)
    start_parcel(qtbot, intake, "JT1234567890123")
    go_on = stall(worker)
    type_by_hand(qtbot, VILLAGERS[2][0], enter=True)
    assert intake.saving
    type_by_hand(qtbot, "7730")
    go_on.set()
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    qtbot.waitUntil(lambda: intake.worker.idle, timeout=5000)
    assert intake.recorded[0].recipient_phone == VILLAGERS[2][0]
    assert intake.waybill.text() == "7730"
    assert intake.waybill.hasFocus()


def test_two_hundred_scans_in_a_row_give_two_hundred_parcels(qtbot, window, station, worker):
    """Each parcel: the waybill scanned, Enter for the carrier, the phone typed fast with
    Enter; the next waybill comes whether or not the last save is back."""
    known_villagers(worker, station)
    intake = open_intake(qtbot, window)
    forms = ("SF{:013d}", "YT{:013d}", "JT{:013d}", "JDVA{:011d}", "DPK{:010d}", "77{:013d}",
             "78{:012d}")
    expected = []
    steps = []
    pauses: dict[int, int] = {}
    for number in range(200):
        code = forms[number % len(forms)].format(number + 1)
        phone = VILLAGERS[number % len(VILLAGERS)][0]
        expected.append((code, waybill.carrier_candidates(code)[0].carrier, phone))
        steps += scanner_keys(code)
        pauses[len(steps)] = 30  # the operator sees the carrier, presses Enter
        steps += key_press(Qt.Key.Key_Return, "\r")
        pauses[len(steps)] = 30
        steps += scanner_keys(phone)
    feeder = KeyFeeder(steps, pauses=pauses).start()
    qtbot.waitUntil(lambda: feeder.done, timeout=240_000)
    qtbot.waitUntil(lambda: len(intake.recorded) == 200 and worker.idle, timeout=30_000)
    assert intake.message.kind == "success"
    taken = [(p.waybill, p.carrier, p.recipient_phone) for p in intake.recorded]
    assert taken == expected
    on_shelf = {p.waybill for p in stored(worker, station)}
    assert {code for code, _carrier, _phone in expected} <= on_shelf
    assert len(on_shelf) == 200 + len(VILLAGERS)
    assert QApplication.focusWidget() is intake.waybill


def test_the_key_that_takes_a_tails_offer_waits_for_the_offers(qtbot, window, station, worker):
    """A label shows only the phone's tail: the tail, Enter, and Enter again for the first known
    customer, typed before the lookup came back."""
    known_villagers(worker, station)
    intake = open_intake(qtbot, window)
    start_parcel(qtbot, intake, "JDVA16786843353")
    go_on = stall(worker)
    type_by_hand(qtbot, VILLAGERS[0][0][-4:], enter=True)
    feed(qtbot, key_press(Qt.Key.Key_Return, "\r"), gap_ms=HUMAN_GAP_MS)
    go_on.set()
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=5000)
    parcel = intake.recorded[0]
    assert (parcel.waybill, parcel.recipient_phone) == ("JDVA16786843353", VILLAGERS[0][0])
    qtbot.waitUntil(intake.waybill.hasFocus, timeout=3000)


def test_a_parcel_scanned_while_the_shelf_check_is_out_belongs_to_the_next_check(
    qtbot, window, station, worker
):
    on_shelf = ["SF1234567890123", "YT1234567890123", "JT1234567890123"]
    for index, code in enumerate(on_shelf):
        worker.wait_for(receive, station, code, index)
    window.show_page("parcels")
    shelf = parcels_of(window).show_sub_page("shelf")
    qtbot.waitUntil(lambda: shelf.setup is not None, timeout=3000)
    shelf.open_check()
    check = shelf.check_panel
    qtbot.waitUntil(check.scan.hasFocus, timeout=3000)
    for code in on_shelf:
        scan(qtbot, code)
    assert check.scanned == on_shelf
    go_on = stall(worker)
    check.finish()  # Ctrl+Enter
    scan(qtbot, "78123456789012")  # the first parcel of the next shelf, scanned at once
    go_on.set()
    qtbot.waitUntil(lambda: check.scanned == ["78123456789012"], timeout=5000)
    assert check.result is None  # a new check, with that parcel in it


def test_in_the_returns_dialog_a_scan_ticks_its_parcel_and_never_returns_them(
    qtbot, window, station, worker
):
    """The reason field has the focus: a scan typed into it with its Enter would press 'Return
    and print'. A listed parcel scanned is ticked and chosen; another scan waits for the close."""
    stale = [
        worker.wait_for(receive_days_ago, station, 12, code, index)
        for index, code in enumerate(["SF1234567890123", "YT1234567890123"])
    ]
    window.show_page("parcels")
    shelf = parcels_of(window).show_sub_page("shelf")
    qtbot.waitUntil(lambda: shelf.setup is not None, timeout=3000)
    dialog = shelf.open_returns()
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=3000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    first = dialog.parcels[0]
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # not this one, at first
    dialog.reason.setFocus()
    reason = dialog.reason.text()
    with qtbot.assertNotEmitted(dialog.returned, wait=200):
        scan(qtbot, first.waybill)
    assert first.id in dialog.ticked_ids()
    assert dialog.table.currentRow() == 0 and dialog.table.hasFocus()
    assert dialog.reason.text() == reason
    assert {worker.wait_for(station.parcels.get, p.id).status for p in stale} == {"waiting"}
    with qtbot.assertNotEmitted(dialog.returned, wait=200):
        scan(qtbot, "78123456789012")  # not in the list
    assert dialog.isVisible() and dialog.reason.text() == reason
    dialog.reject()
    pickup = parcels_of(window).pickup
    qtbot.waitUntil(lambda: pickup.search.text() == "78123456789012", timeout=3000)
