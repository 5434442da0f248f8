"""What a new operator tripped on (issue 9, point 9), each driven with real key events: Enter on
the wizard's last field, the "delivered again?" question after a double scan, a refusal left
on screen after Esc."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    VILLAGERS,
    YTO,
    desk,
    focused,
    parcels_page,
    press,
    receive,
    sounds_played,
    type_into_focus,
)

from stationapp.core import Station
from stationapp.ui.wizard import SetupWizard

pytestmark = QT_LOG_IGNORE


# the first-run wizard ---------------------------------------------------------------------------


def test_the_wizard_goes_field_to_field_on_enter_and_creates_the_station_from_the_last(
    qtbot, tmp_data_dir, worker, shown_errors
):
    wizard = SetupWizard(tmp_data_dir, worker)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    assert wizard.new_button.hasFocus()
    press(qtbot, Qt.Key.Key_Space)  # 新建服务站, as an operator chooses it
    assert wizard.station_name.hasFocus()
    typed = ("孟定镇芒艾村电商服务站", "0883-6123456", "岩温", "123456")
    for field, text in zip(
        (wizard.station_name, wizard.phone, wizard.manager_name, wizard.pin), typed, strict=True
    ):
        assert field.hasFocus()
        type_into_focus(qtbot, text)  # ends with Enter: the next field
    assert wizard.pin_again.hasFocus()
    assert not Station.exists(tmp_data_dir)  # nothing was created before the last field
    with qtbot.waitSignal(wizard.station_created, timeout=5000) as created:
        type_into_focus(qtbot, "123456")  # 再输一次, then Enter: done
    station = created.args[0]
    try:
        assert worker.wait_for(lambda: station.info.name) == typed[0]
    finally:
        worker.wait_for(station.close)


# the "delivered again?" question ----------------------------------------------------------------


@pytest.fixture
def picked_up(station: Station, worker) -> str:
    """A waybill whose parcel was taken in and picked up: scanning it again asks."""
    parcel = worker.wait_for(receive, station, YTO, 2)
    worker.wait_for(station.parcels.pick_up, [parcel.id], "code")
    return YTO


def test_a_double_scan_ending_in_enter_does_not_take_the_parcel_in_again(
    qtbot, parcels_page, station, worker, picked_up
):
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, picked_up)
    qtbot.waitUntil(lambda: intake.redelivery_box is not None, timeout=3000)
    box = intake.redelivery_box
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.waitUntil(box.isVisible)
    type_into_focus(qtbot, picked_up)  # the scanner's second read, Enter at its end
    qtbot.waitUntil(lambda: intake.redelivery_box is None, timeout=3000)
    assert not intake.redelivery_confirmed
    assert intake.check is None and intake.waybill.text() == ""
    count = worker.wait_for(lambda: station.parcels.shelf_list().count())
    assert count == 0  # nothing was taken in


def test_y_takes_the_parcel_in_again(qtbot, parcels_page, station, worker, picked_up):
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, picked_up)
    qtbot.waitUntil(lambda: intake.redelivery_box is not None, timeout=3000)
    qtbot.waitUntil(intake.redelivery_box.isVisible)
    press(qtbot, Qt.Key.Key_Y)  # the Yes button's letter (it clicks after a short flash)
    qtbot.waitUntil(lambda: intake.redelivery_confirmed, timeout=3000)


# a refusal and Esc ------------------------------------------------------------------------------


def test_esc_after_a_refused_phone_clears_the_red_line_with_the_parcel(
    qtbot, parcels_page, station, worker
):
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, "73100012345678")
    qtbot.waitUntil(lambda: worker.idle, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)  # the carrier
    assert intake.phone.hasFocus()
    type_into_focus(qtbot, "99912345678")
    qtbot.waitUntil(lambda: intake.message.kind == "refusal", timeout=3000)
    assert intake.message.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    assert intake.waybill.hasFocus()
    assert intake.message.isHidden()  # no red line about a parcel no longer on screen
    assert "next parcel" in intake.step.text()


def test_a_success_line_stays_when_the_next_parcel_starts(
    qtbot, parcels_page, station, worker
):
    intake = parcels_page.show_sub_page("intake")
    type_into_focus(qtbot, "73100012345678")
    qtbot.waitUntil(lambda: worker.idle, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)
    type_into_focus(qtbot, VILLAGERS[0][0])
    qtbot.waitUntil(lambda: intake.name.hasFocus(), timeout=3000)  # a new phone: its name
    type_into_focus(qtbot, VILLAGERS[0][1])
    qtbot.waitUntil(lambda: intake.message.kind == "success", timeout=3000)
    assert intake.message.isVisible()  # "Taken in: ..." stays while the next waybill comes
