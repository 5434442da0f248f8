"""The first-run wizard's 从县级中心恢复本站 path, against a real county center on 127.0.0.1.

The pictures of each step are saved into docs/img when STATIONAPP_SCREENSHOTS names that
folder: ``STATIONAPP_SCREENSHOTS=docs/img python -m pytest tests/test_ui_restore.py -k picture``.
"""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from stationapp.core import Station
from stationapp.core.station import download_from_county
from stationapp.core.sync.restore_staging import pending_restore
from stationapp.ui.app import create_application
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow
from stationapp.ui.restore_from_county import ADDRESS, PIN, PROGRESS
from stationapp.ui.shell import Shell
from stationapp.ui.wizard import CHOICES, CREATE, RESTORE, SetupWizard
from tests.test_sync_restore import (  # noqa: F401 (fixtures)
    MANAGER,
    NEW_PIN,
    PAGE,
    LostPc,
    lost,
    new_pc,
)
from tests.ui_chinese import INCOMING, build_chinese_qm, in_chinese

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


# fixtures ---------------------------------------------------------------------------------------


@pytest.fixture
def wizard(qtbot, new_pc: Path, worker, shown_errors) -> Iterator[SetupWizard]:
    wizard = SetupWizard(new_pc, worker)
    qtbot.addWidget(wizard)
    wizard.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    wizard.show()
    wizard.activateWindow()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    yield wizard
    wizard.restore.stop_quietly()
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)


@pytest.fixture
def opened(worker) -> Iterator[list[Station]]:
    """Stations the wizard opened, closed on their thread at the end."""
    stations: list[Station] = []
    yield stations
    for station in stations:
        worker.wait_for(station.close)


@pytest.fixture(scope="module")
def chinese_qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The GUI's Chinese, built from the incoming translations as the lead's merge builds it."""
    return build_chinese_qm(tmp_path_factory.mktemp("i18n"), sorted(INCOMING.glob("*.tsv")))


@pytest.fixture
def chinese(qapp: QApplication, chinese_qm: Path) -> Iterator[None]:
    with in_chinese(chinese_qm):
        yield


def _fill(wizard: SetupWizard, url: str, code: str) -> None:
    wizard.show_restore()
    wizard.restore.server_url.setText(url)
    wizard.restore.code.setText(code)


def _restore_to_pin_step(qtbot, wizard: SetupWizard, url: str, code: str) -> None:
    _fill(wizard, url, code)
    wizard.restore.restore_button.click()
    qtbot.waitUntil(lambda: wizard.restore.steps.currentIndex() == PIN, timeout=15000)


# the two choices --------------------------------------------------------------------------------


def test_the_wizard_opens_on_two_big_choices_new_station_first(wizard):
    assert wizard.pages.currentIndex() == CHOICES
    assert wizard.new_button.text() == "&New station"
    assert wizard.restore_choice.text() == "&Restore this station from the county center"
    assert wizard.new_button.height() >= 60 and wizard.restore_choice.height() >= 60
    assert wizard.focusWidget() is wizard.new_button


def test_the_choices_read_in_chinese(qtbot, new_pc, worker, chinese, shown_errors):
    wizard = SetupWizard(new_pc, worker)
    qtbot.addWidget(wizard)
    assert wizard.new_button.text() == "新建服务站(&N)"
    assert wizard.restore_choice.text() == "从县级中心恢复本站(&R)"
    assert wizard.restore.restore_button.text() == "开始恢复(&R)"


def test_new_station_shows_the_form_and_esc_goes_back_to_the_choices(qtbot, wizard):
    wizard.new_button.click()
    assert wizard.pages.currentIndex() == CREATE
    qtbot.keyClick(wizard.station_name, Qt.Key.Key_Escape)
    assert wizard.pages.currentIndex() == CHOICES
    assert wizard.isVisible()


def test_esc_on_the_restore_form_goes_back_to_the_choices(qtbot, wizard):
    wizard.restore_choice.click()
    assert wizard.pages.currentIndex() == RESTORE
    qtbot.keyClick(wizard.restore.server_url, Qt.Key.Key_Escape)
    assert wizard.pages.currentIndex() == CHOICES
    assert wizard.isVisible()


# the restore path -------------------------------------------------------------------------------


def test_the_restore_path_opens_the_station_logged_in_as_the_manager(
    qtbot, wizard, county, lost: LostPc, new_pc, worker, opened
):
    _restore_to_pin_step(qtbot, wizard, county.base_url, lost.code)
    assert "{" not in wizard.restore.restored_label.text()
    assert MANAGER in wizard.restore.restored_label.text()
    assert str(lost.head[0]) in wizard.restore.restored_label.text()
    wizard.restore.pin.setText(NEW_PIN)
    wizard.restore.pin_again.setText(NEW_PIN)
    with qtbot.waitSignal(wizard.station_created, timeout=10000) as created:
        wizard.restore.open_button.click()
    station = created.args[0]
    opened.append(station)
    assert station.operator.name == MANAGER
    assert worker.wait_for(lambda: station.events.verify().ok)
    assert worker.wait_for(station.sync.status).station_id == lost.station_id
    assert not wizard.isVisible()


def test_the_progress_bar_moves_page_by_page_while_the_window_stays_live(
    qtbot, wizard, county, lost: LostPc
):
    values: list[int] = []
    wizard.restore.progress_bar.valueChanged.connect(values.append)
    wizard.restore.download_page_size = PAGE
    _restore_to_pin_step(qtbot, wizard, county.base_url, lost.code)
    bar = wizard.restore.progress_bar
    assert (bar.maximum(), bar.value()) == (lost.head[0], lost.head[0])
    # the values reached the GUI thread one by one while the download ran on the worker
    assert len(set(values)) >= 3
    assert values == sorted(values)


def test_keyboard_alone_restores_the_station(qtbot, wizard, county, lost: LostPc, worker, opened):
    qtbot.waitUntil(wizard.isActiveWindow)
    qtbot.keyClick(wizard.new_button, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is wizard.restore_choice
    qtbot.keyClick(wizard.restore_choice, Qt.Key.Key_Space)
    assert wizard.pages.currentIndex() == RESTORE
    assert wizard.focusWidget() is wizard.restore.server_url
    qtbot.keyClicks(wizard.restore.server_url, county.base_url)
    qtbot.keyClick(wizard.restore.server_url, Qt.Key.Key_Return)
    assert wizard.focusWidget() is wizard.restore.code
    qtbot.keyClicks(wizard.restore.code, lost.code)
    qtbot.keyClick(wizard.restore.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.restore.steps.currentIndex() == PIN, timeout=15000)
    assert wizard.focusWidget() is wizard.restore.pin
    qtbot.keyClicks(wizard.restore.pin, NEW_PIN)
    qtbot.keyClick(wizard.restore.pin, Qt.Key.Key_Return)
    assert wizard.focusWidget() is wizard.restore.pin_again
    qtbot.keyClicks(wizard.restore.pin_again, NEW_PIN)
    with qtbot.waitSignal(wizard.station_created, timeout=10000) as created:
        qtbot.keyClick(wizard.restore.pin_again, Qt.Key.Key_Return)
    opened.append(created.args[0])
    assert created.args[0].operator.name == MANAGER


def test_a_wrong_code_says_what_to_do_in_red_and_opens_nothing(qtbot, wizard, county, lost, new_pc):
    _fill(wizard, county.base_url, "AAAA-BBBB-CCCC")
    wizard.restore.restore_button.click()
    qtbot.waitUntil(lambda: not wizard.restore.message.isHidden(), timeout=10000)
    assert wizard.restore.steps.currentIndex() == ADDRESS
    assert "does not know the code AAAA-BBBB-CCCC" in wizard.restore.message.text()
    assert wizard.restore.message.kind == "refusal"
    assert wizard.restore.restore_button.isEnabled()
    assert not Station.exists(new_pc)


def test_a_wrong_code_is_explained_in_chinese(
    qtbot, new_pc, worker, county, lost, chinese, shown_errors
):
    wizard = SetupWizard(new_pc, worker)
    qtbot.addWidget(wizard)
    _fill(wizard, county.base_url, "AAAA-BBBB-CCCC")
    wizard.restore.restore_button.click()
    qtbot.waitUntil(lambda: not wizard.restore.message.isHidden(), timeout=10000)
    assert "县级中心不认识加入码 AAAA-BBBB-CCCC" in wizard.restore.message.text()


def test_two_different_pins_are_refused_before_anything_is_written(
    qtbot, wizard, county, lost, new_pc
):
    _restore_to_pin_step(qtbot, wizard, county.base_url, lost.code)
    wizard.restore.pin.setText(NEW_PIN)
    wizard.restore.pin_again.setText("9999")
    wizard.restore.open_button.click()
    assert "not the same" in wizard.restore.pin_message.text()
    assert not Station.exists(new_pc)


def test_a_cut_connection_says_what_came_is_kept_and_the_next_try_goes_on(
    qtbot, wizard, county, lost: LostPc, new_pc, worker, opened
):
    from tests.fakes.fault_proxy import FaultProxy

    with FaultProxy(county.base_url) as proxy:
        wizard.restore.download_page_size = PAGE
        proxy.then("pass", "pass", "pass", "cut_answer")
        _fill(wizard, proxy.base_url, lost.code)
        wizard.restore.restore_button.click()
        qtbot.waitUntil(lambda: not wizard.restore.message.isHidden(), timeout=15000)
        assert f"lost after {PAGE} of {lost.head[0]} records" in wizard.restore.message.text()
        assert "same address and code" in wizard.restore.message.text()
        qtbot.waitUntil(lambda: not wizard.restore.notice.isHidden(), timeout=5000)
        assert f"stopped after {PAGE} records" in wizard.restore.notice.text()
        assert not Station.exists(new_pc)
        wizard.restore.restore_button.click()
        qtbot.waitUntil(lambda: wizard.restore.steps.currentIndex() == PIN, timeout=15000)
    wizard.restore.pin.setText(NEW_PIN)
    wizard.restore.pin_again.setText(NEW_PIN)
    with qtbot.waitSignal(wizard.station_created, timeout=10000) as created:
        wizard.restore.open_button.click()
    opened.append(created.args[0])


def test_a_restore_stopped_earlier_is_offered_again_with_its_address(
    qtbot, new_pc, worker, county, lost: LostPc, shown_errors
):
    from tests.fakes.fault_proxy import FaultProxy

    with FaultProxy(county.base_url) as proxy:
        proxy.then("pass", "pass", "pass", "cut_answer")
        with pytest.raises(Exception, match="lost after"):
            download_from_county(new_pc, proxy.base_url, lost.code, page_size=PAGE)
        stopped_at = proxy.base_url
    wizard = SetupWizard(new_pc, worker)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    wizard.show_restore()
    assert wizard.restore.server_url.text() == stopped_at
    assert not wizard.restore.notice.isHidden()
    assert pending_restore(new_pc).events == PAGE


def test_a_finished_download_waiting_for_the_pin_opens_on_the_pin_step(
    qtbot, new_pc, worker, county, lost: LostPc, shown_errors
):
    download_from_county(new_pc, county.base_url, lost.code, page_size=PAGE)
    wizard = SetupWizard(new_pc, worker)
    qtbot.addWidget(wizard)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    wizard.show_restore()
    assert wizard.restore.steps.currentIndex() == PIN
    assert wizard.focusWidget() in (None, wizard.restore.pin)


def test_the_shell_opens_the_main_window_after_a_restore(
    qtbot, new_pc, worker, county, lost: LostPc, shown_errors, english
):
    shell = Shell(new_pc, worker=worker, maximized=False)
    shell.start()
    wizard = shell.dialog
    assert isinstance(wizard, SetupWizard)
    _restore_to_pin_step(qtbot, wizard, county.base_url, lost.code)
    wizard.restore.pin.setText(NEW_PIN)
    wizard.restore.pin_again.setText(NEW_PIN)
    wizard.restore.open_button.click()
    qtbot.waitUntil(lambda: isinstance(shell.window, MainWindow), timeout=10000)
    try:
        assert shell.window.operator.name == MANAGER
    finally:
        shell.sync_runner.stop()
        shell.sms_sender.stop()
        shell.window.close()
        qtbot.waitUntil(lambda: worker.idle, timeout=10000)
        worker.wait_for(shell.station.close)


# pictures ---------------------------------------------------------------------------------------


def test_pictures_of_each_step(
    qtbot, new_pc, worker, county, lost, chinese, shown_errors, tmp_path
):
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    create_application()  # the station's font, sizes and style sheet
    wizard = SetupWizard(new_pc, worker)
    qtbot.addWidget(wizard)
    wizard.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    wizard.show()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)

    def save(name: str) -> None:
        QApplication.processEvents()
        assert wizard.grab().save(str(folder / f"restore-{name}.png"))

    save("choices")
    _fill(wizard, "https://county.example.cn", "7KQ2-MX4P-9TNA")
    save("address")
    _fill(wizard, county.base_url, "AAAA-BBBB-CCCC")
    wizard.restore.restore_button.click()
    qtbot.waitUntil(lambda: not wizard.restore.message.isHidden(), timeout=10000)
    save("error")
    # the progress step as it looks midway (the real download is too quick to catch)
    wizard.restore.steps.setCurrentIndex(PROGRESS)
    wizard.restore.show_progress(2100, 5200)
    save("progress")
    wizard.restore.steps.setCurrentIndex(ADDRESS)
    wizard.restore.code.setText(lost.code)
    wizard.restore.restore_button.click()
    qtbot.waitUntil(lambda: wizard.restore.steps.currentIndex() == PIN, timeout=15000)
    wizard.restore.pin.setText(NEW_PIN)
    save("pin")
    for name in ("choices", "address", "error", "progress", "pin"):
        assert (folder / f"restore-{name}.png").stat().st_size > 10_000
