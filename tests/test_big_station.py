"""A big station stays quick: what an operator waits for reads what it shows, not the history.

Finding waiting parcels, the day's figures, the chain check at login, the home page while hidden
and the shelf list's memory, each measured against a station whose history grows (SQLite's own
count of the steps a statement takes, the rows a check reads, the rows a model holds).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView

from stationapp.core import Station, event_store, schema
from stationapp.core import clock as station_clock
from stationapp.core.lines import changes_of
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.mainwindow import MainWindow
from stationapp.ui.pages.parcels.models import ShelfModel

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

WAITING_PHONE = "13800001234"
_waybills = iter(range(10**9))


@pytest.fixture
def clock() -> Iterator[station_clock.ManualClock]:
    manual = station_clock.ManualClock("2026-11-23T09:00:00+08:00")
    station_clock.set_clock(manual)
    yield manual
    station_clock.set_clock(None)


def receive(station: Station, phones: list[str], name: str = "李四", **slot) -> list:
    items = [
        {
            "waybill": f"YT75{next(_waybills):011d}",
            "recipient_phone": number,
            "recipient_name": name,
            **slot,
        }
        for number in phones
    ]
    parcels = []
    for start in range(0, len(items), 500):
        parcels += station.parcels.receive_many(items[start : start + 500])
    return parcels


def add_history(station: Station, count: int, clock: station_clock.ManualClock) -> None:
    """``count`` parcels received and picked up days ago: half for the waiting recipient's
    own phone, half for other phones that end in the same four digits (each a new customer)."""
    clock.advance(days=-3)
    start = next(_waybills)
    others = [f"139{(start + i) % 10000:04d}1234" for i in range(count - count // 2)]
    parcels = receive(station, [WAITING_PHONE] * (count // 2), name="张三", shelf="B", layer=1)
    parcels += receive(station, others, shelf="B", layer=1)
    station.parcels.pick_up([p.id for p in parcels], "code")
    clock.advance(days=3)


def steps(conn: sqlite3.Connection, work: Callable[[], object]) -> int:
    """SQLite's virtual machine steps ``work`` takes (counted by hundreds)."""
    count = [0]

    def tick() -> int:
        count[0] += 1
        return 0

    conn.set_progress_handler(tick, 100)
    try:
        work()
    finally:
        conn.set_progress_handler(None, 0)
    return count[0] * 100


def statements(conn: sqlite3.Connection, work: Callable[[], object]) -> list[str]:
    seen: list[str] = []
    conn.set_trace_callback(seen.append)
    try:
        work()
    finally:
        conn.set_trace_callback(None)
    return seen


def plan(conn: sqlite3.Connection, sql: str) -> list[str]:
    return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]


# finding waiting parcels -----------------------------------------------------------------------


SEARCHES = {"code": "A-1-0001", "tail": "1234", "phone": WAITING_PHONE, "name": "张三"}


@pytest.mark.parametrize("kind", SEARCHES)
def test_finding_a_waiting_parcel_reads_an_index_of_the_waiting_ones(station, clock, kind):
    receive(station, [WAITING_PHONE], name="张三", shelf="A", layer=1)
    add_history(station, 20, clock)
    query = SEARCHES[kind]
    seen = statements(station.conn, lambda: station.parcels.find(query))
    reads = [sql for sql in seen if "FROM parcels" in sql]
    assert reads, seen
    for sql in reads:
        steps_ = plan(station.conn, sql)
        assert any("INDEX parcels_waiting" in step for step in steps_), steps_
        assert not any(step.startswith("SCAN parcels") and "parcels_waiting" not in step
                       for step in steps_), steps_  # fmt: skip
        assert not any(step.startswith("SCAN c") or "SCAN customers" in step for step in steps_)
    found = station.parcels.find(query)
    assert [p.recipient_phone for p in found] == [WAITING_PHONE]


@pytest.mark.parametrize("kind", SEARCHES)
def test_finding_takes_no_more_steps_as_the_history_grows(station, clock, kind):
    receive(station, [WAITING_PHONE], name="张三", shelf="A", layer=1)
    query = SEARCHES[kind]
    add_history(station, 100, clock)
    before = steps(station.conn, lambda: station.parcels.find(query))
    add_history(station, 400, clock)  # five times the history, the same shelves
    after = steps(station.conn, lambda: station.parcels.find(query))
    assert len(station.parcels.find(query)) == 1
    assert after <= before * 1.2 + 200, (before, after)


def test_finding_by_code_takes_no_more_steps_as_the_codes_come_round(station, clock):
    """A layer's codes are used again once they come round (9999): the code's index held each
    parcel that ever had the code."""

    def code_used(times: int, *, keep: bool = False) -> None:
        for turn in range(times):
            station.conn.execute(
                "UPDATE shelf_counters SET last_seq = 9999 WHERE shelf = 'A' AND layer = 1"
            )
            parcel = receive(station, [WAITING_PHONE], name="张三", shelf="A", layer=1)[0]
            assert parcel.pickup_code == "A-1-0001"
            if not (keep and turn == times - 1):
                station.parcels.pick_up([parcel.id], "code")

    code_used(20, keep=True)
    before = steps(station.conn, lambda: station.parcels.find("A-1-0001"))
    station.parcels.pick_up([station.parcels.find("A-1-0001")[0].id], "code")
    code_used(80, keep=True)
    after = steps(station.conn, lambda: station.parcels.find("A-1-0001"))
    assert len(station.parcels.find("A-1-0001")) == 1
    assert after <= before * 1.2 + 200, (before, after)


def test_the_days_figures_take_no_more_steps_as_the_history_grows(station, clock):
    receive(station, [WAITING_PHONE], name="张三", shelf="A", layer=1)
    today = receive(station, ["13800005678"], name="王五", shelf="A", layer=2)
    station.parcels.pick_up([today[0].id], "code")
    add_history(station, 100, clock)
    before = steps(station.conn, station.today)
    add_history(station, 400, clock)
    after = steps(station.conn, station.today)
    figures = station.parcels.day_summary()
    assert (figures.received, figures.picked_up, figures.waiting) == (2, 1, 1)
    assert after <= before * 1.2 + 200, (before, after)


def test_migration_013_gives_an_existing_station_the_waiting_indexes(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    schema.migrate(conn, stop_before="013_waiting_indexes")

    def indexes() -> set[str]:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        return {row[0] for row in rows}

    new = {
        "parcels_waiting_code",
        "parcels_waiting_tail",
        "parcels_waiting_phone",
        "parcels_picked_up",
        "parcels_returned_at",
        "handovers_day",
    }
    assert not new & indexes()
    schema.migrate(conn)
    assert new <= indexes()
    conn.close()


def test_the_status_bars_waiting_count_takes_no_more_steps_as_the_history_grows(station, clock):
    """Asked at every login and after every event; a station not joined to a county has its
    whole history waiting to be sent."""
    receive(station, ["13800000001"] * 100, shelf="A", layer=1)

    def exact() -> int:
        return station.conn.execute("SELECT count(*) FROM event_log WHERE pushed = 0").fetchone()[0]

    before = steps(station.conn, station.events.unpushed_count)
    assert station.events.unpushed_count() == exact() > 100
    receive(station, ["13800000001"] * 400, shelf="A", layer=2)
    after = steps(station.conn, station.events.unpushed_count)
    assert station.events.unpushed_count() == exact() > 500
    with station.store.transaction() as conn:  # the county acknowledged up to a point
        event_store.mark_pushed(conn, 420)
    assert station.events.unpushed_count() == exact() == station.events.head()[0] - 420
    with station.store.transaction() as conn:
        event_store.mark_pushed(conn, station.events.head()[0])
    assert station.events.unpushed_count() == exact() == 0
    assert after <= before * 1.2 + 200, (before, after)


# the chain check at login --------------------------------------------------------------------


def remember_head(station: Station) -> tuple[int, str]:
    """What a full pass that passed leaves: the head as the next login's starting point."""
    result = station.events.check_slice(0, event_store.GENESIS_HASH, 10**9)
    assert result.ok
    station.events.remember_checked(result.last_seq, result.last_hash)
    return result.last_seq, result.last_hash


def test_the_check_at_login_reads_only_the_events_since_the_last_check(station, clock):
    receive(station, ["13800000001"] * 50, shelf="A", layer=1)
    seq, _ = remember_head(station)
    receive(station, ["13800000002"] * 7, shelf="A", layer=1)
    result = station.events.check_appended()
    assert result.ok
    assert result.events_checked == 7
    assert result.last_seq == seq + 7
    assert station.events.check_appended().events_checked == 0  # remembered again


def test_a_log_rewritten_or_cut_after_the_last_check_is_found_at_login(station, clock):
    receive(station, ["13800000001"] * 5, shelf="A", layer=1)
    seq, _ = remember_head(station)
    db = station.data_dir / "station.db"
    with sqlite3.connect(db) as conn:  # the checked record given another hash
        conn.execute("UPDATE event_log SET hash = zeroblob(32) WHERE seq = ?", (seq,))
    result = station.events.check_appended()
    assert not result.ok
    assert result.first_bad_seq == seq
    with sqlite3.connect(db) as conn:  # or the last records deleted
        conn.execute("DELETE FROM event_log WHERE seq >= ?", (seq - 1,))
    assert not station.events.check_appended().ok


def test_an_old_record_edited_behind_the_check_is_found_by_the_full_pass(station, clock):
    receive(station, ["13800000001"] * 5, shelf="A", layer=1)
    remember_head(station)
    with sqlite3.connect(station.data_dir / "station.db") as conn:
        conn.execute('UPDATE event_log SET payload = \'{"name":"x"}\' WHERE seq = 2')
    assert station.events.check_appended().ok  # the login check does not read it ...
    full = station.events.check_slice(0, event_store.GENESIS_HASH, 3)
    assert not full.ok and full.first_bad_seq == 2  # ... the pass at idle does


def test_removing_events_for_a_fork_heal_moves_the_checked_point_back(station, clock):
    receive(station, ["13800000001"] * 5, shelf="A", layer=1)
    seq, _ = remember_head(station)
    with station.store.transaction() as conn:
        event_store.delete_after(conn, seq - 2)
    assert station.log.checked_point() == (seq - 2, event_store.hash_at(station.conn, seq - 2))
    station.log._head = None  # the log was cut under it, as fork healing does
    receive(station, ["13800000001"] * 3, shelf="A", layer=2)
    result = station.events.check_appended()
    assert result.ok and result.events_checked == 3


# the window: login, the full pass at idle ----------------------------------------------------


@pytest.fixture
def open_window(qtbot, worker: StationWorker, shown_errors: list[str]):
    windows: list[MainWindow] = []

    def make(station: Station, *, slice_events: int | None = None) -> MainWindow:
        window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
        if slice_events is not None:
            window.chain_check.slice_events = slice_events
        qtbot.addWidget(window)
        window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    qtbot.waitUntil(lambda: worker.idle, timeout=10000)
    assert shown_errors == []


def wait_for_pass(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.chain_check.login_result is not None and not window.chain_check.running,
        timeout=10000,
    )


def test_the_first_search_after_login_waits_for_the_new_events_only(
    qtbot, station, clock, worker, open_window
):
    receive(station, ["13800000001"] * 300, shelf="A", layer=1)
    first = open_window(station)
    wait_for_pass(qtbot, first)
    first.close()
    receive(station, ["13800000002"] * 4, shelf="A", layer=2)  # appended since
    seen: list[str] = []
    answers: list[list] = []
    station.conn.set_trace_callback(seen.append)
    try:
        window = open_window(station)  # the next login
        worker.call(station.parcels.find, "A-2-0001", on_done=answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=5000)
    finally:
        station.conn.set_trace_callback(None)
    assert [p.pickup_code for p in answers[0]] == ["A-2-0001"]
    search = next(i for i, sql in enumerate(seen) if "pickup_code = 'A-2-0001'" in sql)
    # every event record read before the answer: the statements run again, their rows counted
    read = sum(
        len(station.conn.execute(sql).fetchall())
        for sql in seen[:search]
        if "FROM event_log" in sql and sql.lstrip().upper().startswith("SELECT")
    )
    assert station.events.count() > 300
    assert read <= 4 + 5, read  # the 4 new events, the head and a hash or two
    assert window.chain_check.login_result.events_checked == 4
    wait_for_pass(qtbot, window)
    assert window.tamper_warning.isHidden()


def test_an_operators_search_waits_for_at_most_one_slice_of_the_full_pass(
    qtbot, station, clock, worker, open_window
):
    receive(station, ["13800000001"] * 600, shelf="A", layer=1)
    passed: list[int] = []
    window = open_window(station, slice_events=25)
    window.chain_check.passed.connect(passed.append)
    check = window.chain_check
    qtbot.waitUntil(lambda: check.running and check.events_checked > 0, timeout=5000)
    waited: list[int] = []
    for turn in range(3):
        at_queue = check.events_checked
        worker.call(
            station.parcels.find,
            "A-1-0002",
            on_done=lambda _found, at_queue=at_queue: waited.append(
                check.events_checked - at_queue
            ),
        )
        qtbot.waitUntil(lambda turn=turn: len(waited) > turn, timeout=5000)
    assert max(waited) <= 25, waited
    qtbot.waitUntil(lambda: bool(passed), timeout=10000)
    assert passed == [station.events.count()]
    assert station.log.checked_point() == station.events.head()


def test_an_old_record_edited_after_the_last_check_still_raises_the_warning(
    qtbot, station, clock, open_window
):
    receive(station, ["13800000001"] * 30, shelf="A", layer=1)
    first = open_window(station)
    wait_for_pass(qtbot, first)
    first.close()
    with sqlite3.connect(station.data_dir / "station.db") as conn:
        conn.execute("""UPDATE event_log SET payload = '{"name":"张三","role":"manager"}'
                        WHERE seq = 1""")
    window = open_window(station)
    qtbot.waitUntil(lambda: not window.tamper_warning.isHidden(), timeout=5000)
    assert window.chain_check.login_result.events_checked == 0  # not the login check: the pass
    assert "seq 1" in window.tamper_warning.text()


# the home page ---------------------------------------------------------------------------------


def test_the_home_figures_are_read_only_while_the_home_page_shows(
    qtbot, station, clock, worker, open_window
):
    window = open_window(station)
    home = window.page("home")
    qtbot.waitUntil(lambda: worker.idle and not window.chain_check.running, timeout=5000)
    window.show_page("parcels")
    seen: list[str] = []
    station.conn.set_trace_callback(seen.append)
    try:
        parcel = worker.wait_for(
            station.parcels.receive,
            waybill="YT7512345678901",
            recipient_phone=WAITING_PHONE,
            recipient_name="张三",
        )
        event = station.events.find(parcel.id) or station.log.events_of(parcel.id)[0]
        for _ in range(5):
            window.changed.emit(changes_of([event]))
        qtbot.waitUntil(lambda: worker.idle, timeout=5000)
        hidden = [sql for sql in seen if "picked_up_at >=" in sql]
        assert hidden == []  # five events while hidden: the day's figures not read once
        assert home.tiles["parcels_in"].value.text() == "0"
        window.show_page("home")  # shown again: read once, and current
        qtbot.waitUntil(lambda: home.tiles["parcels_in"].value.text() == "1", timeout=5000)
        qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    finally:
        station.conn.set_trace_callback(None)
    assert len([sql for sql in seen if "picked_up_at >=" in sql and "count(*)" in sql]) == 1


# the shelf list's memory ---------------------------------------------------------------------


def visible_codes(view: QTableView, model: ShelfModel) -> list[str | None]:
    top = view.rowAt(0)
    bottom = view.rowAt(view.viewport().height() - 1)
    bottom = model.rowCount() - 1 if bottom < 0 else bottom
    return [model.index(row, 0).data() for row in range(top, bottom + 1)]


def test_the_shelf_list_holds_a_bounded_number_of_rows_while_scrolling_far_and_back(
    qtbot, station, clock, worker, shown_errors
):
    parcels = receive(station, [f"1380000{i:04d}" for i in range(1000)], shelf="A", layer=1)
    expected = [p.pickup_code for p in parcels]  # oldest first, as the list shows them
    model = ShelfModel(station, worker, page_size=50, cached_pages=4)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    view.show()
    model.set_filter()
    qtbot.waitUntil(lambda: not model.busy and model.rowCount() == 50, timeout=5000)
    held = []
    while model.canFetchMore(QModelIndex()):  # scroll to the end, page by page
        view.scrollToBottom()
        model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not model.busy, timeout=5000)
        held.append(model.cached_rows)
    assert model.rowCount() == 1000
    assert max(held) <= 4 * 50, held
    view.scrollToBottom()
    qtbot.waitUntil(lambda: None not in visible_codes(view, model), timeout=5000)
    assert visible_codes(view, model)[-1] == expected[-1]
    for row in (0, 437, 120, 999, 3):  # and back, and about
        view.scrollTo(model.index(row, 0), QTableView.ScrollHint.PositionAtTop)
        qtbot.waitUntil(lambda: None not in visible_codes(view, model), timeout=5000)
        top = view.rowAt(0)
        shown = visible_codes(view, model)
        assert shown == expected[top : top + len(shown)], row
        assert model.cached_rows <= 4 * 50
    assert shown_errors == []


def test_a_reminder_for_a_selection_longer_than_the_cache_reaches_every_parcel(
    qtbot, station, clock, worker, shown_errors
):
    from stationapp.ui.kit.page import PageContext
    from stationapp.ui.pages.parcels.shelf import ShelfPanel

    receive(station, [f"1380000{i:04d}" for i in range(120)], shelf="A", layer=1)
    clock.advance(days=5)  # overdue: each may be reminded
    panel = ShelfPanel(PageContext(station=station, worker=worker, operator=station.operator))
    panel.model.page_size, panel.model.cached_pages = 10, 3
    qtbot.addWidget(panel)
    panel.resize(SCREEN_WIDTH - 200, SCREEN_HEIGHT)
    panel.show()
    panel.on_shown()
    qtbot.waitUntil(lambda: panel.model.total == 120 and not panel.model.busy, timeout=5000)
    while panel.model.canFetchMore(QModelIndex()):
        panel.model.fetchMore(QModelIndex())
        qtbot.waitUntil(lambda: not panel.model.busy, timeout=5000)
    assert panel.model.cached_rows <= 30
    panel.table.selectAll()
    assert len(panel.selected_rows()) == 120
    recorded: list = []
    panel.changed.connect(lambda changes: recorded.extend(changes.events))
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: len(recorded) == 120, timeout=10000)
    assert {e.entity_id for e in recorded} == {p.id for p in station.parcels.overdue(0)}
    assert shown_errors == []


def test_the_tamper_warning_found_at_idle_and_its_picture_is_saved(
    qtbot, qapp, station, clock, open_window, tmp_path
):
    """docs/img/ui-tamper.png: ``STATIONAPP_SCREENSHOTS=docs/img python -m pytest
    tests/test_big_station.py -k picture``."""
    from PySide6.QtWidgets import QApplication

    from tests.ui_chinese import in_chinese

    station.settings.set("idle_lock_minutes", 10)
    first = open_window(station)
    wait_for_pass(qtbot, first)
    first.close()
    with sqlite3.connect(station.data_dir / "station.db") as conn:  # an old record, by hand
        conn.execute("""UPDATE event_log SET payload = '{"key":"idle_lock_minutes","value":0}'
                        WHERE seq = 2""")
    with in_chinese(station_look=True):
        window = open_window(station)
        qtbot.waitUntil(lambda: not window.tamper_warning.isHidden(), timeout=5000)
        home = window.page("home")
        qtbot.waitUntil(lambda: home.station_name.text() != "", timeout=5000)
        QApplication.processEvents()
        assert "seq 2" in window.tamper_warning.text()
        assert window.tamper_warning.text().startswith("警告")
        picture = window.grab()
        folder = Path(os.environ.get("STATIONAPP_SCREENSHOTS") or tmp_path)
        assert picture.save(str(folder / "ui-tamper.png"))
        window.close()
