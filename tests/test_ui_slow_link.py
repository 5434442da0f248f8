"""A slow link never delays the operator (DESIGN §2): the real main window, the real county on
127.0.0.1 behind a proxy that takes a request and then stays silent (connected, no bytes), a
sync round stuck on it, and the operator taking a parcel in and searching for pickup meanwhile.

Each test prints its figures as JSON lines (``-s`` shows them):
``python -m pytest -s tests/test_ui_slow_link.py``.
"""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from test_ui_parcels_helpers import VILLAGERS, focused, receive, sounds_played, zto  # noqa: F401

from stationapp.core import Station
from stationapp.core.sync.restore_staging import pending_restore
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.mainwindow import MainWindow
from stationapp.ui.restore_from_county import PIN
from stationapp.ui.runners.sync_runner import SyncRunner
from stationapp.ui.shell import Shell
from stationapp.ui.wizard import SetupWizard
from sync.client import CountyClient
from sync.pacing import Backoff
from tests.county_server import LoopbackCounty
from tests.fakes.fault_proxy import FaultProxy
from tests.test_sync_restore import PAGE, LostPc, lost, new_pc  # noqa: F401 (fixtures)

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

QUICK_S = 1.0  # "well under a second" on the shared 2-core machine; alone it is ~0.05 s
STEP_MS = 5000  # the page's own steps before the save: generous, a stuck thread never comes
WAITING = 40  # parcels taken in before the round, so its pushes have something to carry


def figure(name: str, value: float, unit: str = "s") -> None:
    print(json.dumps({"bench": name, "value": round(value, 4), "unit": unit}))


@pytest.fixture
def window(qtbot, station: Station, worker, shown_errors, sounds_played) -> Iterator[MainWindow]:
    """The main window as the shell builds it, with its sync runner (rounds only on demand)."""
    shell = Shell(station.data_dir, worker=worker, maximized=False)
    shell.station = station
    shell.sync_runner = SyncRunner(station, worker, shell, backoff=Backoff(rng=lambda: 0.0))
    window = shell.open_main_window(station.operator)
    # no texts go out here: the only records made are the test's own, so "the county holds
    # exactly the station's records" is not raced by an arrival text's sms.sent
    shell.sms_sender.stop()  # type: ignore[union-attr]
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.shell = shell  # type: ignore[attr-defined]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    yield window
    shell.sync_runner.stop()
    qtbot.waitUntil(lambda: worker.idle, timeout=20000)
    if shiboken6.isValid(window):
        window.close()
    shiboken6.delete(shell)


def runner_of(window: MainWindow) -> SyncRunner:
    return window.shell.sync_runner  # type: ignore[attr-defined]


def joined_through(worker, station: Station, county: LoopbackCounty, proxy: FaultProxy) -> str:
    """The station joins the county through the proxy, with parcels waiting to be sent."""
    station_id = worker.wait_for(county.join, station, proxy.base_url)
    for n in range(WAITING):
        worker.wait_for(receive, station, zto(n), n % 3)
    return station_id


def stick_a_round(qtbot, window: MainWindow, proxy: FaultProxy, stall: str = "stall") -> None:
    """A round starts (the 同步 page's button); its head passes, its first push is taken by the
    link and then nothing."""
    runner = runner_of(window)
    proxy.then("pass", stall)
    window.show_page("sync").sync_button.click()
    qtbot.waitUntil(lambda: proxy.stalled == 1, timeout=10000)
    assert runner.running


def take_in_through_the_intake_page(qtbot, window: MainWindow, waybill: str, villager: int):
    """Scan, Enter (the first carrier), the phone, the name (a new phone asks for it): as the
    operator does. Returns (seconds from the scan to the parcel shown, from the last Enter)."""
    intake = window.show_page("parcels").show_sub_page("intake")
    qtbot.waitUntil(intake.waybill.hasFocus, timeout=3000)
    before = len(intake.recorded)
    phone, name = VILLAGERS[villager]
    started = time.perf_counter()
    qtbot.keyClicks(focused(), waybill)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(intake.carriers.hasFocus, timeout=STEP_MS)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(intake.phone.hasFocus, timeout=STEP_MS)
    qtbot.keyClicks(focused(), phone)
    saved_at = time.perf_counter()
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: len(intake.recorded) > before or intake.name.hasFocus(), timeout=STEP_MS
    )
    if len(intake.recorded) == before:  # a new phone: its name, then Enter saves
        from PySide6.QtGui import QInputMethodEvent
        from PySide6.QtWidgets import QApplication

        event = QInputMethodEvent()
        event.setCommitString(name)
        QApplication.sendEvent(focused(), event)
        saved_at = time.perf_counter()
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(intake.recorded) > before, timeout=STEP_MS)
    done = time.perf_counter()
    assert intake.recorded[-1].waybill == waybill
    return done - started, done - saved_at


def search_for_pickup(qtbot, window: MainWindow, tail: str) -> float:
    pickup = window.show_page("parcels").show_sub_page("pickup")
    pickup.clear()
    qtbot.waitUntil(pickup.search.hasFocus, timeout=3000)
    started = time.perf_counter()
    qtbot.keyClicks(focused(), tail)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: pickup.results.rowCount() > 0, timeout=STEP_MS)
    return time.perf_counter() - started


def on_the_worker(qtbot, worker, fn, *args) -> tuple[object, float]:
    """``fn(*args)`` as a page runs it (a job of the database thread, its answer on the GUI
    thread): (the answer, seconds until it came). Fails after :data:`QUICK_S`."""
    answers: list[object] = []
    started = time.perf_counter()
    worker.call(fn, *args, on_done=answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=int(QUICK_S * 1000))
    return answers[0], time.perf_counter() - started


def county_holds_exactly_the_station(worker, station: Station, county, station_id: str) -> None:
    assert county.head(station_id) == worker.wait_for(station.log.head)
    assert county.event_count(station_id) == worker.wait_for(station.events.count)  # no doubles
    assert worker.wait_for(station.sync.unpushed_count) == 0


# -------------------------------------------------------------------------------------------------


def test_a_parcel_and_a_pickup_search_answer_at_once_while_a_round_is_stuck_on_a_stalled_link(
    qtbot, window, station, worker, county, proxy
):
    station_id = joined_through(worker, station, county, proxy)
    take_in_through_the_intake_page(qtbot, window, zto(900), 0)  # the page warmed up
    told: list[tuple[int, int]] = []
    runner_of(window).progress.connect(lambda done, total: told.append((done, total)))
    stick_a_round(qtbot, window, proxy)

    whole, save = take_in_through_the_intake_page(qtbot, window, zto(901), 4)
    search = search_for_pickup(qtbot, window, VILLAGERS[0][0][-4:])
    figure("slow_link.parcel_scan_to_shown", whole)
    figure("slow_link.parcel_save", save)
    figure("slow_link.pickup_search", search)
    assert save < QUICK_S and search < QUICK_S
    # all of it while the round was still stuck on the link
    assert proxy.stalled == 1 and runner_of(window).running

    runner = runner_of(window)
    with qtbot.waitSignal(runner.round_finished, timeout=30000) as finished:
        proxy.release()
    report = finished.args[0]
    assert report.ok, report.detail
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)
    # the parcel taken in during the stall went in the same round, after the held push
    county_holds_exactly_the_station(worker, station, county, station_id)
    assert report.duplicates == 0
    # the page's progress counts what was recorded during the round too: it ends full
    assert told[-1][0] == told[-1][1] > WAITING
    assert all(done <= total for done, total in told)


def test_when_the_stalled_push_times_out_the_round_goes_on_and_nothing_is_lost_or_doubled(
    qtbot, window, station, worker, county, proxy
):
    """The county took the push but its answer never came: the client times out, asks the
    county's head, marks what it holds and sends the rest, including the parcel taken in
    meanwhile."""
    station.sync._client_factory = lambda url, token: CountyClient(url, token, timeout=(2, 3.0))
    station_id = joined_through(worker, station, county, proxy)
    stick_a_round(qtbot, window, proxy, stall="stall_answer")
    runner = runner_of(window)
    with qtbot.waitSignal(runner.round_finished, timeout=30000) as finished:
        during, took = on_the_worker(qtbot, worker, receive, station, zto(950), 1)
        figure("slow_link.receive_on_the_worker", took)
        assert proxy.stalled == 1  # taken while the answer was still held
    report = finished.args[0]
    assert report.ok, report.detail
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)
    county_holds_exactly_the_station(worker, station, county, station_id)
    assert worker.wait_for(station.parcels.get, during.id).waybill == zto(950)  # type: ignore[attr-defined]
    proxy.release()


def test_quitting_during_a_stuck_round_does_not_wait_for_the_link_and_the_next_round_sends_all(
    qtbot, window, station, worker, county, proxy
):
    station.sync._client_factory = lambda url, token: CountyClient(url, token, timeout=(2, 20.0))
    station_id = joined_through(worker, station, county, proxy)
    stick_a_round(qtbot, window, proxy)
    runner = runner_of(window)
    started = time.perf_counter()
    runner.stop()
    stopped_in = time.perf_counter() - started
    figure("slow_link.stop_during_a_stuck_round", stopped_in)
    assert stopped_in < QUICK_S
    last = worker.wait_for(station.sync.history)[0]
    assert not last.ok  # the round is recorded, as not gone through
    assert worker.wait_for(station.sync.unpushed_count) > 0  # nothing marked without an answer

    proxy.release()  # the held push now reaches the county; its answer goes nowhere
    qtbot.waitUntil(lambda: proxy.stalled == 0, timeout=10000)
    again = SyncRunner(station, worker, window.shell)  # type: ignore[attr-defined]
    with qtbot.waitSignal(again.round_finished, timeout=30000) as finished:
        again.sync_now()
    assert finished.args[0].ok, finished.args[0].detail
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)
    county_holds_exactly_the_station(worker, station, county, station_id)
    again.stop()


def test_joining_waits_for_the_county_off_the_database_thread(
    qtbot, window, station, worker, county, proxy
):
    """The join dialog's call to the county is stuck: the station still answers at once, and
    once the link wakes the station is joined and its first round sends everything."""
    station_id, code = county.new_station()
    dialog = window.show_page("sync").open_join_dialog()
    dialog.server_url.setText(proxy.base_url)
    dialog.code.setText(code)
    proxy.then("stall")
    dialog.join_button.click()
    qtbot.waitUntil(lambda: proxy.stalled == 1, timeout=10000)
    _parcel, took = on_the_worker(qtbot, worker, receive, station, zto(1), 0)
    figure("slow_link.receive_while_joining", took)
    assert dialog.busy and not worker.wait_for(station.sync.is_enrolled)

    with qtbot.waitSignal(runner_of(window).round_finished, timeout=30000) as finished:
        proxy.release()  # joining starts a round at once
    assert finished.args[0].ok, finished.args[0].detail
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)
    assert worker.wait_for(lambda: station.sync.station_id) == station_id
    county_holds_exactly_the_station(worker, station, county, station_id)


def test_a_restore_waits_for_the_county_off_the_database_thread(
    qtbot, new_pc, lost: LostPc, county, proxy, worker, shown_errors
):
    """Restoring onto a new PC: a page of the station's records is stuck on the link, and the
    database thread is free meanwhile; once the link wakes, every record comes, checked."""
    wizard = SetupWizard(new_pc, worker)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    restore = wizard.restore
    restore.download_page_size = PAGE
    wizard.show_restore()
    restore.server_url.setText(proxy.base_url)
    restore.code.setText(lost.code)
    proxy.then("pass", "pass", "stall")  # the code traded, the head, then the first page held
    restore.restore_button.click()
    qtbot.waitUntil(lambda: proxy.stalled == 1, timeout=10000)
    _free, took = on_the_worker(qtbot, worker, lambda: "free")
    figure("slow_link.database_job_during_restore", took)
    assert restore.busy

    proxy.release()
    qtbot.waitUntil(lambda: restore.steps.currentIndex() == PIN, timeout=30000)
    pending = worker.wait_for(pending_restore, new_pc)
    assert pending is not None and pending.complete
    assert pending.events == lost.head[0]
    restore.stop_quietly()
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)
