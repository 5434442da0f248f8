"""The household log page (F6, 帮扶台账): a household found as the operator types (户编号, a
name, pinyin initials, a phone tail), shown with its type, village and masked details, its log
and the period's totals; a service without money recorded by keys, and refused in red with the
core's words."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import time
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from stationapp.core import Station, clock, idcard
from stationapp.core.changes import Changes
from stationapp.ui.kit.page import PageContext
from stationapp.ui.kit.theme import SCREEN_HEIGHT, SCREEN_WIDTH
from stationapp.ui.kit.worker import StationWorker
from stationapp.ui.pages.households import HouseholdsPage
from stationapp.ui.pages.households.household_log import HouseholdLogPanel
from stationapp.ui.pages.households.station_totals import StationTotalsPanel
from tests.households_registry import household, register

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

NOW = "2026-11-23T09:00:00+08:00"
ONE, TWO = "5309260101000001", "5309260101000002"


@pytest.fixture(autouse=True)
def fixed_clock() -> None:
    clock.set_clock(clock.ManualClock(NOW))  # conftest puts the real clock back


def households_with_work(station: Station) -> None:
    """Two registered households; the first sold coffee beans in October and November."""
    register(
        station,
        household(ONE, "岩温", members=4, phone_masked="尾号1234"),
        household(TWO, "张三", members=2, monitoring_type="边缘易致贫户", phone_masked="尾号9876"),
    )
    for when, quantity in (("2026-10-12T10:00:00+08:00", "20"), (NOW, "12.5")):
        clock.set_clock(clock.ManualClock(when))
        station.produce.buy(
            seller="玉香",
            product="咖啡豆",
            grade="一级",
            quantity=quantity,
            unit="斤",
            unit_price="3.50",
            paid="cash",
            household=ONE,
        )
    clock.set_clock(clock.ManualClock(NOW))


@pytest.fixture
def page(qtbot, station: Station, worker: StationWorker, shown_errors) -> Iterator[HouseholdsPage]:
    households_with_work(station)
    shown = HouseholdsPage(PageContext(station=station, worker=worker, operator=station.operator))
    qtbot.addWidget(shown)
    shown.resize(SCREEN_WIDTH - 200, SCREEN_HEIGHT - 60)
    shown.show()
    shown.on_shown()
    yield shown
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert shown_errors == []


def typed(qtbot, panel: HouseholdLogPanel, worker: StationWorker, text: str) -> list[str]:
    """Type ``text`` into the search field key by key (Chinese as an input method commits it,
    a character at a time); the households listed."""
    panel.search.clear()
    for character in text:
        if character.isascii():
            qtbot.keyClicks(panel.search, character)
        else:
            panel.search.insert(character)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    rows = [panel.results.item(n) for n in range(panel.results.count())]
    return [row.data(Qt.ItemDataRole.AccessibleTextRole) for row in rows]


def column(panel: HouseholdLogPanel, number: int) -> list[str]:
    table = panel.table
    return [table.item(row, number).text() for row in range(table.rowCount())]


# finding ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (ONE, "the whole 户编号"),
        ("岩温", "the head's name"),
        ("yw", "the head's pinyin initials"),
        ("1234", "the phone's tail"),
        ("玉香", "the name of a member who sold here"),
        ("yx", "that member's initials"),
    ],
)
def test_a_household_is_found_as_the_operator_types(qtbot, page, worker, text, why):
    found = typed(qtbot, page.log, worker, text)
    assert [line.split()[-1] for line in found] == [ONE], why


def test_the_one_household_found_shows_its_type_village_masked_details_and_log(qtbot, page, worker):
    panel = page.log
    typed(qtbot, panel, worker, "张三")
    qtbot.waitUntil(lambda: panel.shown_id == TWO and worker.idle, timeout=5000)
    assert panel.heading.text() == f"张三  {TWO}"
    details = panel.details.text()
    assert "边缘易致贫户" in details and "芒艾村" in details and "2 members" in details
    assert "尾号9876" in details and "**************001X" in details
    assert panel.table.rowCount() == 0


def test_a_monitored_household_whose_risk_is_cleared_says_so(qtbot, page, worker, station):
    register(
        station,
        household("5309260101000003", "李四", monitoring_type="突发严重困难户", risk_cleared=True),
    )
    panel = page.log
    typed(qtbot, panel, worker, "李四")
    qtbot.waitUntil(lambda: panel.shown_id == "5309260101000003" and worker.idle, timeout=5000)
    assert "monitored: 突发严重困难户 (risk cleared)" in panel.details.text()


def test_the_log_shows_every_entry_of_the_month_with_the_month_s_totals(qtbot, page, worker):
    panel = page.log
    typed(qtbot, panel, worker, "岩温")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert column(panel, 0) == ["2026-11-23"]
    assert column(panel, 1) == ["Produce bought"]
    assert column(panel, 2) == ["咖啡豆 一级 12.5斤"]
    assert column(panel, 3) == column(panel, 4) == ["¥43.75"]
    assert "2026-11: 1 entries, income brought ¥43.75" in panel.totals.text()
    assert "玉香" in panel.details.text()


def test_an_order_s_waived_fee_and_deposit_show_in_the_log(qtbot, page, worker, station):
    from tests.orders_helpers import PHONE, new_order

    new_order(station, customer={"name": "张小三", "phone": PHONE, "household_id": TWO})
    panel = page.log
    typed(qtbot, panel, worker, "张三")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert column(panel, 1) == ["Proxy purchase"]
    assert column(panel, 2) == ["took ¥50.00"]  # the deposit
    assert column(panel, 4) == [""]  # no income: the household paid the station
    assert column(panel, 5) == ["¥3.00"]
    assert "fees waived ¥3.00" in panel.totals.text()
    assert "张小三" in panel.details.text()


def test_a_year_chosen_by_keys_shows_the_year_s_entries_and_totals(qtbot, page, worker):
    panel = page.log
    typed(qtbot, panel, worker, ONE)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    qtbot.keyClick(panel.search, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert panel.period.hasFocus()
    panel.choose_period("2026")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=5000)
    assert column(panel, 0) == ["2026-10-12", "2026-11-23"]
    assert "2026: 2 entries, income brought ¥113.75" in panel.totals.text()
    panel.choose_period("2026-Q4")
    qtbot.waitUntil(lambda: "2026-Q4: 2 entries" in panel.totals.text(), timeout=5000)


def test_the_periods_offered_are_this_month_the_months_quarters_and_years(page):
    offered = [page.log.period.itemData(n) for n in range(page.log.period.count())]
    assert offered[:3] == ["2026-11", "2026-10", "2026-09"]
    assert {"2026-Q4", "2026-Q1", "2025-Q4", "2026", "2025"} <= set(offered)


def test_nothing_matching_says_so(qtbot, page, worker):
    assert typed(qtbot, page.log, worker, "王五") == []
    assert "No registered household matches" in page.log.hint.text()


def test_down_from_the_search_goes_to_the_results(qtbot, page, worker):
    panel = page.log
    typed(qtbot, panel, worker, "芒艾村")
    assert panel.results.count() == 2
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.results.hasFocus()
    qtbot.waitUntil(lambda: panel.shown_id == ONE and worker.idle, timeout=5000)
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: panel.heading.text().startswith("张三"), timeout=5000)


# a service without money ------------------------------------------------------------------------


def test_a_service_is_recorded_by_keys_and_lands_in_the_log(qtbot, page, worker, station):
    panel = page.log
    typed(qtbot, panel, worker, "张三")
    qtbot.waitUntil(lambda: panel.shown_id == TWO and worker.idle, timeout=5000)
    qtbot.keyClick(panel.search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    form = panel.service
    assert form.kind.hasFocus()
    qtbot.keyClicks(form.kind, "3")
    assert form.kind.currentData() == "form"
    qtbot.keyClick(form.kind, Qt.Key.Key_Tab)
    form.note.insert("帮填医保报销单")  # as the input method commits it
    qtbot.keyClick(form.note, Qt.Key.Key_Tab)
    form.person.insert("张小三")
    with qtbot.waitSignal(page.changed, timeout=5000) as told:
        qtbot.keyClick(form.person, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    changes: Changes = told.args[0]
    assert "households" in changes.lines
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    assert column(panel, 1) == ["Service (A form filled in)"]
    assert column(panel, 6) == ["帮填医保报销单"]
    assert "1 services" in panel.totals.text()
    assert panel.message.kind == "success"
    assert form.note.text() == "" and form.note.hasFocus()
    assert station.households.totals(TWO).services == 1


def test_a_note_too_short_is_refused_in_red_with_the_core_s_words(qtbot, page, worker, station):
    panel = page.log
    typed(qtbot, panel, worker, "张三")
    qtbot.waitUntil(lambda: panel.shown_id == TWO and worker.idle, timeout=5000)
    form = panel.service
    form.note.setFocus()
    form.note.insert("帮")
    qtbot.keyClick(form.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.message.isVisible(), timeout=5000)
    assert form.message.kind == "refusal"
    assert form.message.text().startswith("Write what was done for the household in 2 to 200")
    assert station.households.totals(TWO).events == 0


def test_no_service_can_be_recorded_before_a_household_is_chosen(page):
    assert not page.log.service.isEnabled()


def test_the_page_is_f6_of_the_main_window(qtbot, station, worker, shown_errors):
    from stationapp.ui.mainwindow import MainWindow

    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    qtbot.addWidget(window)
    shown: QWidget = window.show_page("households")
    assert isinstance(shown, HouseholdsPage)
    window.close()


# the station's totals and the workbook ----------------------------------------------------------


def figures(panel: StationTotalsPanel) -> dict[str, str]:
    return {key: figure.value.text() for key, figure in panel.figures.items()}


def test_the_station_s_totals_for_the_month_and_the_year(qtbot, page, worker, station):
    station.households.helped(TWO, kind="advice", note="讲解医保报销")
    panel = page.show_sub_page("station")
    assert isinstance(panel, StationTotalsPanel)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert figures(panel) == {
        "households_helped": "2",
        "people": "6",
        "bought_fen": "¥43.75",
        "income_fen": "¥43.75",
        "fees_waived_fen": "¥0.00",
        "services": "1",
    }
    qtbot.keyClick(panel, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert panel.period.hasFocus()
    panel.choose_period("2026-10")
    qtbot.waitUntil(lambda: figures(panel)["services"] == "0", timeout=5000)
    assert (figures(panel)["households_helped"], figures(panel)["bought_fen"]) == ("1", "¥70.00")


def test_the_year_s_ledger_is_saved_where_the_operator_chose_and_the_dialog_says_where(
    qtbot, page, worker, tmp_path, monkeypatch
):
    panel: StationTotalsPanel = page.show_sub_page("station")  # type: ignore[assignment]
    panel.choose_period("2026")
    asked: list[Path] = []
    chosen = tmp_path / "台账" / "2026年帮扶台账"
    chosen.parent.mkdir()
    monkeypatch.setattr(panel, "ask_path", lambda suggested: asked.append(suggested) or chosen)
    qtbot.keyClick(panel.period, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.saved_box is not None, timeout=10000)
    assert asked[0].name == "帮扶台账-2026.xlsx"
    saved = chosen.with_name("2026年帮扶台账.xlsx")
    assert panel.saved_box.text() == f"The household log is saved in {saved}"
    assert panel.message.kind == "success"
    workbook = openpyxl.load_workbook(saved)
    rows = list(workbook["帮扶台账 2026"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["2026-10-12", "2026-11-23"]
    panel.saved_box.done(0)


def test_a_folder_that_cannot_be_written_is_refused_in_red(qtbot, page, worker, monkeypatch):
    panel: StationTotalsPanel = page.show_sub_page("station")  # type: ignore[assignment]
    gone = Path("/nonexistent-folder/帮扶台账-2026-11.xlsx")
    monkeypatch.setattr(panel, "ask_path", lambda suggested: gone)
    panel.export()
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=10000)
    assert panel.message.kind == "refusal"
    assert panel.message.text().startswith("The household log could not be saved in /nonexistent")
    assert panel.saved_box is None and panel.export_button.isEnabled()


def test_a_choice_not_made_saves_nothing(qtbot, page, worker, monkeypatch):
    panel: StationTotalsPanel = page.show_sub_page("station")  # type: ignore[assignment]
    monkeypatch.setattr(panel, "ask_path", lambda suggested: None)
    panel.export()
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert panel.saved_box is None and not panel.message.isVisible()


# an ID card read on the page --------------------------------------------------------------------


def an_id_number_ending(tail: str) -> str:
    """A valid 18-character number of 孟连 whose last four characters are ``tail``."""
    for day in range(1, 29):
        first17 = f"530926198{day % 10}01{day:02d}{tail[:3]}"
        if idcard.check_character(first17) == tail[3]:
            return first17 + tail[3]
    raise AssertionError("no such number")


def test_an_id_card_read_on_the_page_finds_its_household(qtbot, page, worker):
    page.show_sub_page("station")
    number = an_id_number_ending("001X")
    assert page.on_scan(number)
    assert page.current_key() == "log"
    qtbot.waitUntil(lambda: page.log.results.count() == 2 and worker.idle, timeout=5000)
    assert page.log.search.hasFocus()


def test_a_waybill_read_on_the_page_is_left_for_the_parcels(page):
    assert not page.on_scan("YT1234567890123")
    assert page.log.search.text() == ""


def test_an_id_number_with_a_wrong_check_digit_is_refused_in_red(qtbot, page, worker):
    number = an_id_number_ending("001X")
    assert page.on_scan(number[:-2] + "99")
    qtbot.waitUntil(lambda: page.log.message.isVisible(), timeout=5000)
    assert page.log.message.kind == "refusal"


def test_an_id_card_read_by_the_reader_on_f6_finds_the_household(
    qtbot, station, worker, shown_errors
):
    from stationapp.ui.mainwindow import MainWindow
    from tests.scanner_keys import scan

    households_with_work(station)
    window = MainWindow(station, worker, station.operator, idle_interval_ms=0)
    qtbot.addWidget(window)
    window.resize(SCREEN_WIDTH, SCREEN_HEIGHT)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    page = window.show_page("households")
    assert isinstance(page, HouseholdsPage)
    page.station_totals.period.setFocus()
    page.show_sub_page("station")
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    scan(qtbot, an_id_number_ending("001X"))
    qtbot.waitUntil(lambda: page.log.results.count() == 2 and worker.idle, timeout=5000)
    assert page.current_key() == "log"
    assert window.current_page() is page
    window.close()


# the issue's scale ------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_household_s_year_opens_on_the_page_in_under_100_ms_at_the_issue_s_scale(
    qtbot, station, worker, shown_errors, tmp_path, monkeypatch
):
    """2,000 households, 50,000 purchases in one year: from the household chosen to its year's
    rows on the screen, and the year's workbook through the page, printed as JSON lines."""
    from tests.test_households_log import _fill

    clock.set_clock(clock.ManualClock("2024-12-20T09:00:00+08:00"))
    _fill(station, households=2000, purchases=50_000)
    page = HouseholdsPage(PageContext(station=station, worker=worker, operator=station.operator))
    qtbot.addWidget(page)
    page.resize(SCREEN_WIDTH - 200, SCREEN_HEIGHT - 60)
    page.show()
    panel = page.log
    panel.choose_period("2024")
    started = time.perf_counter()
    panel.open("5309260100000007")
    while panel.table.rowCount() == 0 and time.perf_counter() - started < 5:
        QApplication.processEvents()
    opened = time.perf_counter() - started
    assert panel.table.rowCount() == 25
    totals = page.station_totals
    page.show_sub_page("station")
    totals.choose_period("2024")
    target = tmp_path / "帮扶台账-2024.xlsx"
    monkeypatch.setattr(totals, "ask_path", lambda suggested: target)
    started = time.perf_counter()
    totals.export()
    qtbot.waitUntil(lambda: totals.saved_box is not None, timeout=10_000)
    exported = time.perf_counter() - started
    totals.saved_box.done(0)
    print(json.dumps({"bench": "ui_household_year_open_ms", "value": round(opened * 1000, 1)}))
    print(json.dumps({"bench": "ui_household_ledger_year_s", "value": round(exported, 2)}))
    assert opened < 0.1
    assert exported < 3.0
    assert shown_errors == []


# the printed ledger -----------------------------------------------------------------------------


@pytest.fixture
def printed(monkeypatch) -> list[bytes]:
    """What went to the printer: the PDFs handed to ``print_pdf``."""
    from stationapp.ui.kit import printing

    handed: list[bytes] = []
    monkeypatch.setattr(printing, "print_pdf", lambda pdf, **_kw: handed.append(pdf) or True)
    return handed


def prints_recorded(station: Station) -> list[tuple[str, str, str]]:
    """(id, entity, kind) of every print in the log."""
    return [
        (event.id, event.entity_id, event.payload["kind"])
        for event in station.log.iter_events()
        if event.type == "receipt.printed"
    ]


def test_ctrl_d_prints_the_household_s_ledger_for_the_period_chosen(
    qtbot, page, worker, station, printed, tmp_path
):
    from tests.parcel_documents import pdf_text

    panel = page.log
    typed(qtbot, panel, worker, "岩温")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=5000)
    panel.choose_period("2026-Q4")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=5000)
    assert "Ctrl+D" in panel.print_button.text()
    qtbot.keyClick(panel.search, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10000)
    text = pdf_text(printed[0], tmp_path)
    assert "岩温" in text and ONE in text
    assert "2026-Q4" in text and "2026-10-01" in text and "2026-12-31" in text
    assert "2026-10-12" in text and "2026-11-23" in text
    ((event_id, entity, kind),) = worker.wait_for(prints_recorded, station)
    assert (entity, kind) == (ONE, "household_ledger") and event_id in text.replace("\n", "")
    assert panel.message.kind == "success" and panel.print_button.isEnabled()


def test_nothing_prints_before_a_household_is_chosen(qtbot, page, worker, printed):
    qtbot.keyClick(page.log.search, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert printed == [] and not page.log.print_button.isEnabled()


def test_ctrl_d_prints_the_station_s_ledger_for_the_period_chosen(
    qtbot, page, worker, station, printed, tmp_path
):
    from tests.parcel_documents import pdf_text

    station.households.helped(TWO, kind="advice", note="讲解医保报销")
    panel: StationTotalsPanel = page.show_sub_page("station")  # type: ignore[assignment]
    panel.choose_period("2026-11")
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert "Ctrl+D" in panel.print_button.text()
    qtbot.keyClick(panel.period, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=10000)
    text = pdf_text(printed[0], tmp_path)
    assert "岩温" in text and "张三" in text and "讲解医保报销" in text
    assert "2026-11" in text and "2026-11-01" in text and "2026-11-30" in text
    assert "2026-10-12" not in text
    ((event_id, entity, kind),) = worker.wait_for(prints_recorded, station)
    assert (entity, kind) == ("2026-11", "household_ledger") and event_id in text.replace("\n", "")
    assert panel.message.kind == "success" and panel.print_button.isEnabled()
