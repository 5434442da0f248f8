"""Bad input at the parcel desk, driven from the keyboard: a number outside the numbering plan is
asked about (Enter keeps nothing), a data-card number and a name with hidden characters are
refused in red and nothing is written. The refusals are photographed at 1366×768 (into
docs/img when STATIONAPP_SCREENSHOTS names that folder)."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QPainter
from PySide6.QtWidgets import QApplication, QMessageBox
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    ZTO,
    desk,
    focused,
    parcels_page,
    press,
    sounds_played,
    type_into_focus,
)
from test_ui_parcels_sending import fill_form
from test_ui_shell import fill_wizard, make_window  # noqa: F401 (fixture)

from stationapp.ui.app import create_application, install_translators
from stationapp.ui.kit import sounds
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow

pytestmark = QT_LOG_IGNORE
ROOT = Path(__file__).resolve().parents[1]


def event_count(worker, station) -> int:
    return worker.wait_for(station.events.count)


def start_parcel(qtbot, intake) -> None:
    type_into_focus(qtbot, ZTO)
    qtbot.waitUntil(intake.carriers.hasFocus, timeout=3000)
    press(qtbot, Qt.Key.Key_Return)  # the first guess is right
    assert intake.phone.hasFocus()


def test_an_unlisted_number_is_asked_about_and_enter_keeps_nothing(
    qtbot, parcels_page, station, worker, sounds_played
):
    intake = parcels_page.show_sub_page("intake")
    before = event_count(worker, station)
    start_parcel(qtbot, intake)
    type_into_focus(qtbot, "154 1234 5678")
    qtbot.waitUntil(lambda: intake.phone_box is not None, timeout=3000)
    box = intake.phone_box
    assert "154" in box.text() and "Y: yes, keep it" in box.text()
    assert intake.message.kind == "refusal" and "not assigned" in intake.message.text()
    assert sounds_played == [sounds.REFUSAL]
    qtbot.keyClick(box, Qt.Key.Key_Return)  # a habit's Enter: the default is no
    qtbot.waitUntil(lambda: intake.phone_box is None, timeout=3000)
    assert parcels_page.focusWidget() is intake.phone  # where the keys go once it is active
    parcels_page.activateWindow()  # what the window manager does when the question closes
    qtbot.waitUntil(intake.phone.hasFocus, timeout=3000)
    assert event_count(worker, station) == before
    press(qtbot, Qt.Key.Key_Return)  # asked again
    qtbot.waitUntil(lambda: intake.phone_box is not None, timeout=3000)
    qtbot.keyClick(intake.phone_box, Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: intake.phone_box is None, timeout=3000)
    parcels_page.activateWindow()
    qtbot.waitUntil(intake.name.hasFocus, timeout=3000)  # a new phone asks for the name
    type_into_focus(qtbot, "张三")
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=3000)
    assert intake.recorded[0].recipient_phone == "15412345678"
    assert intake.waybill.hasFocus()


def test_a_data_card_number_is_refused_in_red(
    qtbot, parcels_page, station, worker, sounds_played
):
    intake = parcels_page.show_sub_page("intake")
    before = event_count(worker, station)
    start_parcel(qtbot, intake)
    type_into_focus(qtbot, "14012345678")
    qtbot.waitUntil(lambda: intake.message.kind == "refusal", timeout=3000)
    assert "data-card number" in intake.message.text()
    assert intake.phone_box is None
    assert focused() is intake.phone
    assert event_count(worker, station) == before


def test_a_pasted_name_with_a_direction_override_is_refused_and_nothing_is_written(
    qtbot, parcels_page, station, worker, sounds_played
):
    intake = parcels_page.show_sub_page("intake")
    before = event_count(worker, station)
    start_parcel(qtbot, intake)
    type_into_focus(qtbot, "13812345678")
    qtbot.waitUntil(intake.name.hasFocus, timeout=3000)
    type_into_focus(qtbot, "\u202e三张")  # pasted from a chat: it would show reversed
    qtbot.waitUntil(lambda: intake.message.kind == "refusal", timeout=3000)
    assert "text-direction mark (U+202E)" in intake.message.text()
    assert focused() is intake.name
    assert event_count(worker, station) == before


def test_the_sending_form_asks_about_an_unlisted_sender_number_then_records(
    qtbot, parcels_page, station, worker, sounds_played
):
    panel = parcels_page.show_sub_page("sending")
    fill_form(panel, sender_phone="164 1234 5678")
    before = event_count(worker, station)
    panel.send_button.click()
    qtbot.waitUntil(lambda: panel.phone_box is not None, timeout=3000)
    assert "164" in panel.phone_box.text()
    assert panel.message.kind == "refusal"
    panel.phone_box.button(QMessageBox.StandardButton.No).click()
    qtbot.waitUntil(lambda: panel.phone_box is None, timeout=3000)
    assert event_count(worker, station) == before
    assert panel.sender_name.text() == "岩温"  # the form stays for the correction
    panel.send_button.click()
    qtbot.waitUntil(lambda: panel.phone_box is not None, timeout=3000)
    panel.phone_box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)
    sent = worker.wait_for(station.sending.on_day)
    assert [p.sender_phone for p in sent] == ["16412345678"]


@pytest.mark.parametrize("fee", ["٥٠", "1٢.50"])
def test_a_fee_in_other_digits_is_refused_in_the_sending_form(
    qtbot, parcels_page, station, worker, fee
):
    panel = parcels_page.show_sub_page("sending")
    fill_form(panel, fee=fee)
    before = event_count(worker, station)
    panel.send()
    assert panel.message.kind == "refusal"
    assert "digits other than 0–9" in panel.message.text()
    assert event_count(worker, station) == before


# the pictures -----------------------------------------------------------------------------------


@pytest.fixture
def chinese_window(qtbot, qapp, station, worker, desk) -> Iterator[MainWindow]:
    create_application()
    assert install_translators("zh_CN")
    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    yield window
    window.close()
    install_translators("en")


def picture_path(name: str, tmp_path: Path) -> Path:
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    if not folder.is_absolute():
        folder = ROOT / folder
    return folder / name


def test_the_refusals_read_in_chinese_at_1366x768(qtbot, chinese_window, worker, tmp_path):
    page = chinese_window.show_page("parcels")
    intake = page.show_sub_page("intake")
    qtbot.waitUntil(intake.waybill.hasFocus, timeout=3000)
    start_parcel(qtbot, intake)
    type_into_focus(qtbot, "13812345678")
    qtbot.waitUntil(intake.name.hasFocus, timeout=3000)
    type_into_focus(qtbot, "张\x1b[31m三")
    qtbot.waitUntil(lambda: intake.message.kind == "refusal", timeout=3000)
    text = intake.message.text()
    assert "收件人姓名" in text and "U+001B" in text, text
    QApplication.processEvents()
    assert intake.message.height() >= intake.message.heightForWidth(intake.message.width())
    assert chinese_window.grab().save(str(picture_path("ui-parcels-intake-bad-name.png", tmp_path)))

    intake.start_over()
    start_parcel(qtbot, intake)
    type_into_focus(qtbot, "16912345678")
    qtbot.waitUntil(lambda: intake.phone_box is not None, timeout=3000)
    box = intake.phone_box
    assert "169" in box.text() and "Y" in box.text(), box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    QApplication.processEvents()
    # the question is a window of its own: drawn where it opens, over the main window
    screen = chinese_window.grab()
    painter = QPainter(screen)
    question = box.grab()
    painter.drawPixmap(
        (screen.width() - question.width()) // 2,
        (screen.height() - question.height()) // 2,
        question,
    )
    painter.end()
    path = picture_path("ui-parcels-intake-unlisted-phone.png", tmp_path)
    assert screen.save(str(path))
    box.button(QMessageBox.StandardButton.No).click()
    assert chinese_window.width() == SCREEN_WIDTH and chinese_window.height() <= SCREEN_HEIGHT


def test_removing_a_shelf_parcels_wait_on_is_refused_in_the_settings_dialog(
    qtbot, station, worker, tmp_path
):
    from stationapp.ui.pages.parcels.settings import ParcelSettingsDialog

    for n in range(2):
        worker.wait_for(
            station.parcels.receive,
            waybill=f"7310{n:010d}",
            recipient_phone="13887654321",
            recipient_name="岩温",
            shelf="C",
            layer=1,
        )
    create_application()
    assert install_translators("zh_CN")
    try:
        dialog = ParcelSettingsDialog(station, worker)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: len(dialog.shelves.rows) == 3, timeout=3000)
        before = event_count(worker, station)
        dialog.shelves.rows[2][2].click()  # remove shelf C
        dialog.save_button.click()
        qtbot.waitUntil(lambda: dialog.message.kind == "refusal", timeout=3000)
        assert "货架 C 上还有 2 件待取包裹" in dialog.message.text()
        assert event_count(worker, station) == before
        QApplication.processEvents()
        path = picture_path("ui-parcel-settings-shelf-in-use.png", tmp_path)
        assert dialog.grab().save(str(path))
    finally:
        install_translators("en")
    shelves = worker.wait_for(station.parcels.shelves)
    assert [s.name for s in shelves] == ["A", "B", "C"]


# the wizard and the operators' form -------------------------------------------------------------


def test_the_wizard_refuses_a_station_name_with_an_escape_and_a_landline_of_wrong_length(
    qtbot, tmp_data_dir, worker, shown_errors
):
    from stationapp.core import Station
    from stationapp.ui.wizard import SetupWizard

    wizard = SetupWizard(tmp_data_dir, worker)
    qtbot.addWidget(wizard)
    for fields, says in (
        ({"station_name": "芒艾村\x1b[2J服务站"}, "station's name contains a control character"),
        ({"phone": "0883-61234567"}, "has 8 digits after the area code 0883"),
        ({"manager_name": "\u202e温岩"}, "operator's name contains a hidden text-direction"),
    ):
        fill_wizard(wizard, **fields)
        wizard.create_button.click()
        qtbot.waitUntil(lambda: wizard.message.kind == "refusal", timeout=3000)
        assert says in wizard.message.text()
        wizard.message.clear_message()
        wizard.message.setObjectName("")
    assert not Station.exists(tmp_data_dir)


def test_the_operators_form_refuses_a_pin_in_arabic_indic_digits(qtbot, station, make_window):
    window = make_window(station)
    form = window.show_page("settings").open_add_operator()
    form.name.setText("玉香")
    for field in (form.pin, form.pin_again):  # as an input method commits them
        typed = QInputMethodEvent()
        typed.setCommitString("١٢٣٤")
        QApplication.sendEvent(field, typed)
    assert form.pin.text() == ""  # the field takes 0-9 only
    form.ok_button.click()
    qtbot.waitUntil(lambda: not form.message.isHidden(), timeout=3000)
    assert "A PIN is 4 to 8 digits" in form.message.text()
    assert form.isVisible()
    assert [op.name for op in station.operators.list()] == ["岩温"]


def test_a_pin_typed_in_full_width_digits_adds_an_operator_who_logs_in_with_0_to_9(
    qtbot, station, worker, make_window
):
    window = make_window(station)
    form = window.show_page("settings").open_add_operator()
    form.name.setText("玉香")
    for field in (form.pin, form.pin_again):  # a Chinese input method in full-width mode
        typed = QInputMethodEvent()
        typed.setCommitString("８６４２")
        QApplication.sendEvent(field, typed)
    assert form.pin.text() == "８６４２"
    with qtbot.waitSignal(form.accepted, timeout=3000):
        form.ok_button.click()
    assert worker.wait_for(station.login, "玉香", "8642").name == "玉香"


def test_the_sending_question_reads_in_chinese_at_1366x768(qtbot, chinese_window, tmp_path):
    page = chinese_window.show_page("parcels")
    panel = page.show_sub_page("sending")
    fill_form(panel, sender_phone="174 1234 5678", fee="٥٠")
    panel.send_button.click()
    assert panel.message.kind == "refusal" and "0–9" in panel.message.text()
    panel.fee.setText("12.50")
    panel.send_button.click()
    qtbot.waitUntil(lambda: panel.phone_box is not None, timeout=3000)
    box = panel.phone_box
    assert "174" in box.text() and "保留并登记寄件" in box.text(), box.text()
    QApplication.processEvents()
    screen = chinese_window.grab()
    painter = QPainter(screen)
    question = box.grab()
    painter.drawPixmap(
        (screen.width() - question.width()) // 2,
        (screen.height() - question.height()) // 2,
        question,
    )
    painter.end()
    assert screen.save(str(picture_path("ui-parcels-sending-unlisted-phone.png", tmp_path)))
    box.button(QMessageBox.StandardButton.No).click()
