"""The GUI shell: setup wizard, login, main window, idle lock, settings and operators."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QLineEdit

from stationapp.core import Station
from stationapp.ui.app import create_application
from stationapp.ui.kit import errors
from stationapp.ui.kit.theme import BASE_FONT_PX, SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.login import LoginDialog
from stationapp.ui.mainwindow import PAGES, MainWindow
from stationapp.ui.shell import Shell
from stationapp.ui.wizard import SetupWizard
from tests.ui_chinese import INCOMING, build_chinese_qm, in_chinese

STATION_NAME = "孟定镇芒艾村电商服务站"
MANAGER, MANAGER_PIN = "岩温", "123456"
OPERATOR, OPERATOR_PIN = "玉香", "2468"

# the offscreen platform warns that it cannot raise or size windows: not the app's warning
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


# fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chinese_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The GUI's Chinese translation, built from ui.tsv as the lead's merge will build it."""
    return build_chinese_qm(tmp_path_factory.mktemp("i18n"), [INCOMING / "ui.tsv"])


@pytest.fixture
def chinese(qapp: QApplication, chinese_qm: Path) -> Iterator[None]:
    with in_chinese(chinese_qm):
        yield


@pytest.fixture
def with_operator(station: Station) -> Station:
    station.operators.add(name=OPERATOR, pin=OPERATOR_PIN, role="operator")
    return station


@pytest.fixture
def make_window(qtbot, worker: StationWorker, shown_errors: list[str]):
    windows: list[MainWindow] = []

    def make(station: Station, *, idle_interval_ms: int = 0) -> MainWindow:
        window = MainWindow(station, worker, station.operator, idle_interval_ms=idle_interval_ms)
        qtbot.addWidget(window)
        window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: worker.idle, timeout=5000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    assert shown_errors == []


def fill_wizard(wizard: SetupWizard, **fields: str) -> None:
    values = {
        "station_name": STATION_NAME,
        "phone": "0883-6123456",
        "manager_name": MANAGER,
        "pin": MANAGER_PIN,
        "pin_again": MANAGER_PIN,
    } | fields
    for name, value in values.items():
        getattr(wizard, name).setText(value)


# the setup wizard -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "says"),
    [
        ({"phone": "12345"}, "12345 is not a phone number"),
        ({"pin": "12", "pin_again": "12"}, "A PIN is 4 to 8 digits"),
        ({"pin_again": "654321"}, "The two PINs are not the same"),
        ({"station_name": ""}, "Type the station's name"),
    ],
)
def test_wizard_refuses_bad_input_with_a_clear_message(
    qtbot, tmp_data_dir, worker, shown_errors, fields, says
):
    wizard = SetupWizard(tmp_data_dir, worker)
    qtbot.addWidget(wizard)
    fill_wizard(wizard, **fields)
    wizard.create_button.click()
    qtbot.waitUntil(lambda: not wizard.message.isHidden(), timeout=3000)
    assert says in wizard.message.text()
    assert wizard.message.kind == "refusal"
    assert not Station.exists(tmp_data_dir)


def test_wizard_creates_the_station_on_good_input(qtbot, tmp_data_dir, worker, shown_errors):
    wizard = SetupWizard(tmp_data_dir, worker)
    qtbot.addWidget(wizard)
    fill_wizard(wizard, phone="13812345678")
    with qtbot.waitSignal(wizard.station_created, timeout=5000) as created:
        wizard.create_button.click()
    station = created.args[0]
    try:
        info = worker.wait_for(lambda: station.info)
        assert (info.name, info.phone, info.manager_name) == (STATION_NAME, "13812345678", MANAGER)
        assert station.operator.name == MANAGER
    finally:
        worker.wait_for(station.close)


# login ------------------------------------------------------------------------------------------


def test_login_with_a_wrong_pin_shows_the_refusal(qtbot, station, worker, shown_errors):
    station.logout()
    login = LoginDialog(station, worker)
    qtbot.addWidget(login)
    qtbot.waitUntil(lambda: worker.idle)
    login.operator_name.setCurrentText(MANAGER)
    login.pin.setText("000000")
    with qtbot.assertNotEmitted(login.logged_in):
        login.login_button.click()
        qtbot.waitUntil(lambda: not login.message.isHidden(), timeout=3000)
    assert "Wrong PIN" in login.message.text()
    assert login.pin.text() == ""


def test_login_lists_the_active_operators(qtbot, with_operator, worker, shown_errors):
    login = LoginDialog(with_operator, worker)
    qtbot.addWidget(login)
    qtbot.waitUntil(lambda: login.operator_name.count() == 2)
    names = [login.operator_name.itemText(i) for i in range(login.operator_name.count())]
    assert names == [MANAGER, OPERATOR]


def test_login_offers_whoever_logged_in_last(qtbot, with_operator, worker, shown_errors):
    worker.wait_for(with_operator.login, OPERATOR, OPERATOR_PIN)
    login = LoginDialog(with_operator, worker)
    qtbot.addWidget(login)
    qtbot.waitUntil(lambda: login.operator_name.count() == 2)
    assert login.operator_name.currentText() == OPERATOR
    assert login.pin.hasFocus() or not login.isVisible()


@pytest.fixture
def station_folder(tmp_data_dir: Path) -> Path:
    """A station on disk, closed, with a manager and an operator: what a second start finds."""
    with Station.create(
        tmp_data_dir, name=STATION_NAME, manager_name=MANAGER, manager_pin=MANAGER_PIN
    ) as st:
        st.operators.add(name=OPERATOR, pin=OPERATOR_PIN)
    return tmp_data_dir


@pytest.fixture
def shell(qtbot, station_folder: Path, worker, shown_errors, english) -> Iterator[Shell]:
    shell = Shell(station_folder, worker=worker, maximized=False)
    yield shell
    if shell.sms_sender is not None:
        shell.sms_sender.stop()
    for widget in (shell.window, shell.dialog):
        if widget is not None:
            widget.close()
    qtbot.waitUntil(lambda: worker.idle)
    if shell.station is not None:
        worker.wait_for(shell.station.close)


def test_the_right_pin_opens_the_main_window(qtbot, shell):
    shell.start()
    qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog), timeout=5000)
    login = shell.dialog
    qtbot.waitUntil(lambda: login.operator_name.count() == 2)
    login.operator_name.setCurrentText(OPERATOR)
    login.pin.setText(OPERATOR_PIN)
    login.login_button.click()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=5000)
    assert shell.window.operator.name == OPERATOR


def test_a_new_language_rebuilds_the_main_window_in_it(qtbot, station, worker, english):
    shell = Shell(station.data_dir, worker=worker, maximized=False)
    shell.station = station
    old = shell.open_main_window(station.operator)
    qtbot.addWidget(old)
    shell.change_language("en")
    assert shell.window is not old
    qtbot.addWidget(shell.window)
    assert shell.window.navigation.item(0).text() == "F1  Home"
    assert shell.window.current_page() is shell.window.page("settings")
    shell.sms_sender.stop()


def test_after_login_a_parcels_arrival_text_goes_out_in_the_background(qtbot, shell, worker):
    shell.start()
    qtbot.waitUntil(lambda: isinstance(shell.dialog, LoginDialog), timeout=5000)
    login = shell.dialog
    qtbot.waitUntil(lambda: login.operator_name.count() == 2)
    login.operator_name.setCurrentText(MANAGER)
    login.pin.setText(MANAGER_PIN)
    login.login_button.click()
    qtbot.waitUntil(lambda: shell.window is not None and shell.window.isVisible(), timeout=5000)
    station = shell.station
    worker.wait_for(station.settings.set, "sms.group_minutes", 0)  # no waiting for more parcels
    parcel = worker.wait_for(
        station.parcels.receive,
        waybill="YT7512345678901",
        recipient_phone="13812340521",
        recipient_name="张三",
    )
    shell.sms_sender.send_now()
    qtbot.waitUntil(
        lambda: [t.status for t in worker.wait_for(station.sms.outbox)] == ["sent"], timeout=5000
    )
    written = (station.data_dir / "sms-outbox.txt").read_text(encoding="utf-8")
    assert parcel.pickup_code in written and "13812340521" in written


def test_the_first_start_shows_the_setup_wizard(qtbot, tmp_data_dir, worker, english):
    shell = Shell(tmp_data_dir, worker=worker, maximized=False)
    shell.start()
    assert isinstance(shell.dialog, SetupWizard)
    shell.dialog.close()


# the main window --------------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(1, len(PAGES) + 1))
def test_function_keys_switch_pages(qtbot, station, make_window, number):
    window = make_window(station)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_F{number}"))
    assert window.pages.currentIndex() == number - 1
    assert window.navigation.currentRow() == number - 1


def test_later_pages_say_what_will_be_there(station, make_window):
    window = make_window(station)
    page = window.show_page("bills")
    assert "electricity" in page.sentence.text()


def test_status_bar_shows_operator_county_and_waiting_records(qtbot, station, make_window, chinese):
    waiting = station.events.unpushed_count()
    window = make_window(station)
    assert window.operator_label.text() == "操作员：岩温（站长）"
    assert window.county_label.text() == "未加入县级中心"
    qtbot.waitUntil(lambda: window.waiting_label.text() == f"待上传：{waiting} 条")


def test_home_page_shows_the_station_and_todays_figures(qtbot, station, make_window, chinese):
    window = make_window(station)
    home = window.page("home")
    qtbot.waitUntil(lambda: home.station_name.text() == STATION_NAME)
    assert home.tiles["parcels_in"].value.text() == "0"
    assert home.tiles["cash_fen"].value.text() == "¥0.00"


def test_a_scan_leaves_the_focused_field_alone_and_lands_on_pickup(
    qtbot, station, make_window, chinese
):
    window = make_window(station)
    settings = window.show_page("settings")
    field: QLineEdit = settings.station_phone
    qtbot.waitUntil(lambda: field.text() == "0883-6123456")
    field.setFocus()
    with qtbot.waitSignal(window.scanner.scanned, timeout=1000):
        qtbot.keyClicks(field, "73100012345678")
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "0883-6123456"
    assert window.current_page() is window.page("parcels")


def test_the_tamper_warning_shows_when_an_event_was_edited_with_sql(qtbot, station, make_window):
    with sqlite3.connect(station.data_dir / "station.db") as conn:
        conn.execute("""UPDATE event_log SET payload = '{"name":"张三","role":"manager"}'
                        WHERE seq = 1""")
    window = make_window(station)
    qtbot.waitUntil(lambda: not window.tamper_warning.isHidden(), timeout=3000)
    assert "fail their check" in window.tamper_warning.text()


def test_no_tamper_warning_on_an_untouched_station(station, make_window):
    window = make_window(station)
    assert window.tamper_warning.isHidden()


@pytest.mark.parametrize("role", ["manager", "operator"])
def test_the_main_window_fits_a_1366_by_768_screen(with_operator, make_window, role):
    if role == "operator":
        with_operator.login(OPERATOR, OPERATOR_PIN)
    window = make_window(with_operator)
    hint = window.minimumSizeHint()
    assert hint.width() <= SCREEN_WIDTH
    assert hint.height() <= SCREEN_HEIGHT - 40  # the taskbar takes the rest


def test_text_is_large_and_chinese_can_be_shown(qapp):
    create_application()
    assert qapp.font().pixelSize() == BASE_FONT_PX >= 14
    assert "WenQuanYi Micro Hei" in QFontDatabase.families()
    assert qapp.font().family() == "WenQuanYi Micro Hei"


def test_qt_own_chinese_is_loaded_too(chinese):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


# the idle lock ----------------------------------------------------------------------------------


def test_the_screen_locks_when_idle_and_the_right_pin_unlocks_it(qtbot, station, make_window):
    window = make_window(station, idle_interval_ms=50)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert window.screens.currentWidget() is window.lock_screen
    window.lock_screen.pin.setText(MANAGER_PIN)
    with qtbot.waitSignal(window.lock_screen.unlocked, timeout=3000):
        window.lock_screen.unlock_button.click()
    assert window.screens.currentWidget() is window.workspace


def test_a_wrong_pin_keeps_the_screen_locked(qtbot, station, make_window):
    window = make_window(station)
    window.lock()
    window.lock_screen.pin.setText("999999")
    window.lock_screen.unlock_button.click()
    qtbot.waitUntil(lambda: not window.lock_screen.message.isHidden(), timeout=3000)
    assert "Wrong PIN" in window.lock_screen.message.text()
    assert window.locked


def test_locking_closes_a_form_left_open(qtbot, station, make_window):
    window = make_window(station)
    form = window.show_page("settings").open_add_operator()
    form.pin.setText("1234")
    with qtbot.waitSignal(form.rejected, timeout=1000):
        window.lock()


def test_function_keys_do_nothing_while_locked(qtbot, station, make_window):
    window = make_window(station)
    window.lock()
    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert window.pages.currentIndex() == 0
    assert window.screens.currentWidget() is window.lock_screen


# operators and settings -------------------------------------------------------------------------


def test_the_manager_adds_an_operator_who_can_then_log_in(qtbot, station, worker, make_window):
    window = make_window(station)
    settings = window.show_page("settings")
    form = settings.open_add_operator()
    form.name.setText("玉香")
    form.pin.setText("8642")
    form.pin_again.setText("8642")
    with qtbot.waitSignal(form.accepted, timeout=3000):
        form.ok_button.click()
    panel = settings.operators_panel
    qtbot.waitUntil(lambda: "玉香" in [op.name for op in panel.operators], timeout=3000)

    login = LoginDialog(station, worker)
    qtbot.addWidget(login)
    qtbot.waitUntil(lambda: login.operator_name.count() == 2)
    login.operator_name.setCurrentText("玉香")
    login.pin.setText("8642")
    with qtbot.waitSignal(login.logged_in, timeout=3000) as logged_in:
        login.login_button.click()
    assert logged_in.args[0].name == "玉香"
    assert logged_in.args[0].role == "operator"


def test_adding_an_operator_with_a_short_pin_is_refused_in_the_form(qtbot, station, make_window):
    window = make_window(station)
    form = window.show_page("settings").open_add_operator()
    form.name.setText("玉香")
    form.pin.setText("12")
    form.pin_again.setText("12")
    form.ok_button.click()
    qtbot.waitUntil(lambda: not form.message.isHidden(), timeout=3000)
    assert "A PIN is 4 to 8 digits" in form.message.text()
    assert form.isVisible()


def test_the_manager_resets_an_operators_pin(qtbot, with_operator, make_window):
    window = make_window(with_operator)
    settings = window.show_page("settings")
    panel = settings.operators_panel
    qtbot.waitUntil(lambda: len(panel.operators) == 2)
    panel.select_operator(OPERATOR)
    form = settings.open_reset_pin()
    form.pin.setText("1357")
    form.pin_again.setText("1357")
    form.ok_button.click()
    qtbot.waitUntil(lambda: panel.message.text() == "Saved.", timeout=3000)
    window.worker.wait_for(with_operator.logout)
    assert window.worker.wait_for(with_operator.login, OPERATOR, "1357").name == OPERATOR


def test_an_operator_cannot_open_the_settings_editing(qtbot, with_operator, make_window):
    with_operator.login(OPERATOR, OPERATOR_PIN)
    window = make_window(with_operator)
    settings = window.show_page("settings")
    assert settings.manager_only.isVisible()
    assert not settings.station_box.isVisible()
    assert not settings.operators_panel.isVisible()
    assert settings.open_add_operator() is None
    assert "Only the station manager" in settings.message.text()
    settings.save()
    assert settings.message.kind == "refusal"


def test_the_manager_saves_the_settings(qtbot, station, make_window):
    window = make_window(station)
    settings = window.show_page("settings")
    qtbot.waitUntil(lambda: settings.loaded != {})
    settings.idle_lock.setValue(5)
    settings.paper.setCurrentIndex(settings.paper.findData("58mm"))
    settings.save_button.click()
    qtbot.waitUntil(lambda: settings.message.text() == "Settings saved.", timeout=3000)
    values = window.worker.wait_for(station.settings.all)
    assert (values["idle_lock_minutes"], values["paper"]) == (5, "58mm")
    assert window.idle.interval_ms == 0  # the test's own idle time stays in force


def test_a_bad_station_phone_is_refused_on_save(qtbot, station, make_window):
    window = make_window(station)
    settings = window.show_page("settings")
    qtbot.waitUntil(lambda: settings.loaded != {})
    settings.station_phone.setText("110")
    settings.save_button.click()
    qtbot.waitUntil(lambda: settings.message.kind == "refusal", timeout=3000)
    assert "110 is not a phone number" in settings.message.text()


def test_a_language_change_asks_for_the_window_in_that_language(qtbot, station, make_window):
    window = make_window(station)
    settings = window.show_page("settings")
    qtbot.waitUntil(lambda: settings.loaded != {})
    settings.language.setCurrentIndex(settings.language.findData("en"))
    with qtbot.waitSignal(window.language_changed, timeout=3000) as changed:
        settings.save_button.click()
    assert changed.args == ["en"]


def test_print_test_page_records_the_print_and_hands_the_pdf_to_the_printer(
    qtbot, station, make_window, monkeypatch
):
    from stationapp.ui.kit import printing

    printed: list[tuple[bytes, str, bool]] = []

    def fake_print(pdf: bytes, *, printer_name: str = "", parent=None, ask: bool = True) -> bool:
        printed.append((pdf, printer_name, ask))
        return True

    monkeypatch.setattr(printing, "print_pdf", fake_print)
    window = make_window(station)
    before = station.events.count()
    settings = window.show_page("settings")
    settings.test_page_button.click()
    qtbot.waitUntil(lambda: printed != [], timeout=10_000)
    pdf, printer_name, ask = printed[0]
    assert pdf.startswith(b"%PDF")
    assert (printer_name, ask) == ("", True)
    assert window.worker.wait_for(station.events.count) == before + 1
    assert "printed or saved" in settings.message.text()


# errors -----------------------------------------------------------------------------------------


def test_an_unexpected_error_is_logged_and_shown(qtbot, tmp_path, worker, shown_errors):
    path = errors.setup_logging(tmp_path)
    try:
        worker.call(lambda: 1 / 0)
        qtbot.waitUntil(lambda: shown_errors != [], timeout=3000)
        assert "ZeroDivisionError" in shown_errors[0]
        assert "ZeroDivisionError" in path.read_text(encoding="utf-8")
        assert path.parent == tmp_path / "logs"
    finally:
        errors.stop_logging()
        shown_errors.clear()


def test_the_exception_hook_logs_a_bug_and_shows_the_error_dialog(qtbot, tmp_path, shown_errors):
    path = errors.setup_logging(tmp_path)
    reporter = errors.ErrorReporter()
    try:
        try:
            raise ValueError("a bug in a slot")
        except ValueError as error:
            reporter.excepthook(ValueError, error, error.__traceback__)
        qtbot.waitUntil(lambda: shown_errors != [], timeout=3000)
        assert "a bug in a slot" in shown_errors[0]
        assert "a bug in a slot" in path.read_text(encoding="utf-8")
    finally:
        errors.stop_logging()
        shown_errors.clear()


def test_the_error_dialog_says_what_to_do_and_where_the_log_is(qtbot, tmp_path):
    path = errors.setup_logging(tmp_path)
    try:
        dialog = errors.ErrorDialog("Traceback ...")
        qtbot.addWidget(dialog)
        assert "close the program and start it again" in dialog.text()
        assert str(path) in dialog.text()
    finally:
        errors.stop_logging()


def test_a_refusal_without_its_own_handler_is_shown_in_a_message_box(qtbot, station, worker):
    station.logout()
    worker.call(station.settings.set, "paper", "58mm")
    # the boxes the kit keeps open, not every top-level widget (one may be mid-deletion)
    qtbot.waitUntil(lambda: len(errors._open_boxes) == 1, timeout=3000)
    (box,) = errors._open_boxes
    assert "Log in first" in box.text()
    box.close()
