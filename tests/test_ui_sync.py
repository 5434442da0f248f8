"""The 同步 page, the join dialog, the status bar and the background sync runner, against a real
county center on 127.0.0.1.

The page's picture is saved into docs/img when STATIONAPP_SCREENSHOTS names that folder:
``STATIONAPP_SCREENSHOTS=docs/img python -m pytest tests/test_ui_sync.py -k picture``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from stationapp.core import Station
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow
from stationapp.ui.pages.station.settings import SettingsPage
from stationapp.ui.pages.sync.join_county import JoinCountyDialog
from stationapp.ui.pages.sync.page import SyncPage
from stationapp.ui.runners.sync_runner import SyncRunner
from stationapp.ui.shell import Shell
from sync.pacing import Backoff
from tests.county_server import LoopbackCounty
from tests.ui_chinese import in_chinese

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

ROOT = Path(__file__).resolve().parents[1]
INCOMING = ROOT / "resources" / "i18n" / "incoming"
OPERATOR, OPERATOR_PIN = "玉香", "2468"


# fixtures ---------------------------------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def backoff() -> Backoff:
    """No jitter, a clock that only moves when told: the waits are exact."""
    return Backoff(base=2.0, cap=600.0, rng=lambda: 0.0, clock=FakeClock())


@pytest.fixture
def window(qtbot, station: Station, worker, shown_errors, backoff) -> Iterator[MainWindow]:
    """The main window as the shell builds it, with its one sync runner (a fake clock's
    backoff, so a test can read the waits without waiting)."""
    shell = Shell(station.data_dir, worker=worker, maximized=False)
    shell.station = station
    shell.sync_runner = SyncRunner(station, worker, shell, backoff=backoff)
    window = shell.open_main_window(station.operator)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.shell = shell  # type: ignore[attr-defined]
    window.activateWindow()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    yield window
    shell.sync_runner.stop()
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)
    window.close()
    shiboken6.delete(shell)  # here, on the GUI thread: the runner's timer goes with it
    assert shown_errors == []


@pytest.fixture
def make_runner(qtbot, station: Station, worker) -> Iterator:
    """Runners deleted on the GUI thread at the end (a QTimer must not die elsewhere)."""
    holder = QObject()
    made: list[SyncRunner] = []

    def make(**options) -> SyncRunner:
        runner = SyncRunner(station, worker, holder, **options)
        made.append(runner)
        return runner

    yield make
    for runner in made:
        runner.stop()
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)
    shiboken6.delete(holder)


def runner_of(window: MainWindow) -> SyncRunner:
    return window.shell.sync_runner  # type: ignore[attr-defined]


def sync_page(window: MainWindow) -> SyncPage:
    page = window.show_page("sync")
    assert isinstance(page, SyncPage)
    return page


def join(qtbot, worker, station: Station, county: LoopbackCounty) -> str:
    """Joined straight through the core (the dialog has tests of its own)."""
    return worker.wait_for(county.join, station)


def record_some(worker, station: Station, n: int) -> None:
    for i in range(n):
        worker.wait_for(station.settings.set, "station.phone", f"0883-61{i:05d}")


def run_round(qtbot, window: MainWindow, press=None):
    """Start a round (by ``press``, else the runner) and wait for its report."""
    runner = runner_of(window)
    with qtbot.waitSignal(runner.round_finished, timeout=20000) as finished:
        (press or runner.sync_now)()
    qtbot.waitUntil(lambda: window.worker.idle, timeout=5000)
    return finished.args[0]


# joining ----------------------------------------------------------------------------------------


def test_joining_through_the_dialog_makes_the_page_say_joined(qtbot, window, station, county):
    page = sync_page(window)
    assert page.joined_label.text() == "Not joined to a county center"
    assert page.join_button.isVisible()
    station_id, code = county.new_station()
    dialog = page.open_join_dialog()
    assert isinstance(dialog, JoinCountyDialog)
    dialog.server_url.setText(county.base_url)
    dialog.code.setText(code)
    with qtbot.waitSignal(runner_of(window).round_finished, timeout=20000):
        dialog.join_button.click()
    qtbot.waitUntil(lambda: window.worker.idle, timeout=5000)

    assert page.joined_label.text() == "Joined to the county center"
    assert not page.join_button.isVisible()
    assert page.sync_button.isVisible()
    assert station_id in page.county_label.text()
    assert window.county_label.text() == "Joined to the county center · online"


def test_a_refused_code_shows_in_red_and_nothing_changes(qtbot, window, station, county):
    county.new_station()
    page = sync_page(window)
    dialog = page.open_join_dialog()
    dialog.server_url.setText(county.base_url)
    dialog.code.setText("AAAA-BBBB-CCCC")
    dialog.join_button.click()
    qtbot.waitUntil(lambda: dialog.message.kind == "refusal", timeout=10000)

    assert "does not know the code AAAA-BBBB-CCCC" in dialog.message.text()
    assert dialog.isVisible() and dialog.join_button.isEnabled()
    assert not worker_call(window, station.sync.is_enrolled)
    assert page.joined_label.text() == "Not joined to a county center"
    assert window.county_label.text() == "Not joined to a county center"


def test_an_address_that_is_not_a_web_address_is_refused_in_red(qtbot, window, station):
    dialog = sync_page(window).open_join_dialog()
    dialog.server_url.setText("county.example.cn")
    dialog.code.setText("AAAA-BBBB-CCCC")
    dialog.join_button.click()
    qtbot.waitUntil(lambda: dialog.message.kind == "refusal", timeout=5000)
    assert "is not a web address" in dialog.message.text()


def test_the_settings_page_opens_the_join_dialog_for_the_manager(qtbot, window, county):
    settings = window.show_page("settings")
    assert isinstance(settings, SettingsPage)
    assert settings.join_county_button.isVisible()
    settings.join_county_button.click()
    dialogs = [d for d in settings.findChildren(JoinCountyDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].reject()


def test_an_operator_sees_no_join_button_only_who_to_ask(qtbot, station, worker, shown_errors):
    operator = station.operators.add(name=OPERATOR, pin=OPERATOR_PIN)
    station.login(OPERATOR, OPERATOR_PIN)
    window = MainWindow(station, worker, operator)
    qtbot.addWidget(window)
    window.show()
    page = sync_page(window)
    settings = window.page("settings")
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)

    assert not page.join_button.isVisible()
    assert page.ask_manager.isVisible()
    assert page.open_join_dialog() is None
    assert not settings.join_county_button.isVisible()
    assert settings.open_join_county() is None
    window.close()


# syncing ----------------------------------------------------------------------------------------


def worker_call(window: MainWindow, fn, *args):
    return window.worker.wait_for(fn, *args)


def test_sync_now_sends_everything_and_the_page_shows_none_waiting(qtbot, window, station, county):
    station_id = join(qtbot, window.worker, station, county)
    record_some(window.worker, station, 30)
    page = sync_page(window)
    waiting = worker_call(window, station.sync.unpushed_count)
    assert waiting >= 30
    page.refresh()
    expected = f"waiting to be sent: {waiting}"
    qtbot.waitUntil(lambda: expected in page.details_label.text(), timeout=5000)
    progress: list[tuple[int, int]] = []
    runner_of(window).progress.connect(lambda done, total: progress.append((done, total)))

    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    report = run_round(
        qtbot,
        window,
        lambda: qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier),
    )

    assert report.ok
    assert county.head(station_id) == worker_call(window, station.log.head)
    assert "Records waiting to be sent: 0" in page.details_label.text()
    assert window.waiting_label.text() == "Waiting to send: 0"
    assert progress[-1][0] == progress[-1][1] > 0
    assert not page.progress_bar.isVisible()
    assert page.history.rowCount() >= 1
    assert page.history.item(0, 1).text() == "Done"
    assert page.message.kind == "success"


def test_ctrl_s_on_another_page_starts_no_round(qtbot, window, station, county):
    join(qtbot, window.worker, station, county)
    window.show_page("home")
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.worker.idle, timeout=5000)
    assert not runner_of(window).running
    assert worker_call(window, station.sync.history) == []


def test_after_a_good_round_the_next_comes_one_interval_later(qtbot, window, station, county):
    join(qtbot, window.worker, station, county)
    runner = runner_of(window)
    assert run_round(qtbot, window).ok
    assert runner.next_delay_s == runner.interval_ms / 1000
    assert runner.timer_active


def test_an_offline_county_shows_offline_and_the_runner_backs_off(qtbot, window, station, county):
    join(qtbot, window.worker, station, county)
    record_some(window.worker, station, 3)
    county.stop()
    page = sync_page(window)
    runner = runner_of(window)

    first = run_round(qtbot, window, page.sync_button.click)
    assert first.error == "offline"
    assert runner.next_delay_s == 2.0  # base, no jitter
    assert runner.timer_active
    second = run_round(qtbot, window)
    assert second.error == "offline"
    assert runner.next_delay_s == 4.0  # doubled

    assert page.online_label.text() == "Offline: the county center cannot be reached"
    assert window.county_label.text() == "Joined to the county center · offline"
    assert page.error_label.kind == "refusal"
    assert "cannot be reached" in page.error_label.text()
    waiting = worker_call(window, station.sync.unpushed_count)
    assert waiting >= 3
    assert f"Records waiting to be sent: {waiting}" in page.details_label.text()
    assert window.waiting_label.text() == f"Waiting to send: {waiting}"


def test_the_runner_honours_the_county_s_retry_after(station, make_runner, shown_errors):
    from stationapp.core.sync.failures import BUSY
    from stationapp.core.sync.history import SyncReport

    runner = make_runner(backoff=Backoff(rng=lambda: 0.0, clock=FakeClock()))
    busy = SyncReport(started_at="", error=BUSY, retry_after=120.0)
    runner._running = True
    runner._round_done(_outcome(busy, station))
    assert runner.next_delay_s == 120.0
    runner.stop()


def _outcome(report, station):
    from stationapp.ui.runners.sync_runner import _Outcome

    return _Outcome(report, station.sync.status())


def test_a_runner_does_nothing_while_the_station_has_not_joined(
    qtbot, station, make_runner, shown_errors
):
    runner = make_runner(interval_ms=10)
    finished: list[object] = []
    runner.round_finished.connect(finished.append)
    runner.start()
    qtbot.waitUntil(lambda: not runner.running, timeout=5000)
    assert finished == []
    assert not runner.timer_active
    assert station.sync.history() == []
    runner.stop()


# stop() during a round stuck on the link: tests/test_ui_slow_link.py (it records the round at
# once and never waits for the county's answer)


def test_a_second_sync_now_during_a_round_starts_no_second_round(
    qtbot, station, worker, county, make_runner, shown_errors
):
    join(qtbot, worker, station, county)
    runner = make_runner()
    finished: list[object] = []
    runner.round_finished.connect(finished.append)
    runner.sync_now()
    runner.sync_now()
    qtbot.waitUntil(lambda: not runner.running and worker.idle, timeout=20000)
    runner.stop()
    assert len(finished) == 1
    assert len(station.sync.history()) == 1


# Chinese and the picture ------------------------------------------------------------------------


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    """The app in Chinese, with the committed translation (complete: test_translations)."""
    with in_chinese(station_look=True):
        yield


def test_every_sync_string_has_a_chinese_line_with_its_shortcut_letter():
    lines = (INCOMING / "ui-sync.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines:
        _context, source, chinese = line.split("\t")
        if "&" in source:
            letter = source[source.index("&") + 1].upper()
            assert f"(&{letter})" in chinese, line


def test_the_page_in_chinese_after_a_sync_and_its_picture_is_saved(
    qtbot, chinese, station, worker, county, shown_errors, backoff, tmp_path
):
    shell = Shell(station.data_dir, worker=worker, maximized=False)
    shell.station = station
    shell.sync_runner = SyncRunner(station, worker, shell, backoff=backoff)
    join(qtbot, worker, station, county)
    record_some(worker, station, 12)
    window = shell.open_main_window(station.operator, page="sync")
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    page = sync_page(window)
    with qtbot.waitSignal(shell.sync_runner.round_finished, timeout=20000):
        page.sync_button.click()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    QApplication.processEvents()

    assert page.joined_label.text() == "已加入县级中心"
    assert page.sync_button.text() == "立即同步(&S)"
    assert "在线" in window.county_label.text()
    assert window.waiting_label.text() == "待上传：0 条"
    picture = window.grab()
    folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
    assert picture.save(str(folder / "ui-sync.png"))
    assert (picture.width(), picture.height()) == (SCREEN_WIDTH, SCREEN_HEIGHT)
    assert window.minimumSizeHint().height() <= SCREEN_HEIGHT
    shell.sync_runner.stop()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    window.close()
    shiboken6.delete(shell)
    assert shown_errors == []
