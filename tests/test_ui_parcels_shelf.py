"""The shelf screens: the lazy shelf model, age colours, filters, the overdue reminders, return
proposals and the shelf check (盘点)."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    parcels_page,
    receive,
    receive_days_ago,
    sounds_played,
    yto,
    yunda,
    zto,
)

from stationapp.core import clock
from stationapp.ui.pages.parcels import models
from stationapp.ui.pages.parcels.models import AMBER, RED, ShelfModel

pytestmark = QT_LOG_IGNORE


def wait_loaded(qtbot, model: ShelfModel) -> None:
    qtbot.waitUntil(lambda: not model.busy, timeout=5000)


def column(model: ShelfModel, key: str) -> int:
    return [k for k, _title in model.COLUMNS].index(key)


def codes(model: ShelfModel) -> list[str]:
    return [model.parcel(row).pickup_code for row in range(model.rowCount())]


# the model --------------------------------------------------------------------------------------


@pytest.mark.parametrize("force_py", [False, True], ids=["qt-tester", "python-tester"])
def test_the_shelf_model_passes_the_model_tester_while_it_loads_and_refilters(
    qtbot, qtmodeltester, station, worker, desk, force_py
):
    for days, number in ((9, 1), (4, 2), (0, 3), (0, 4), (1, 5), (2, 6), (8, 7)):
        receive_days_ago(station, days, zto(number), number % 3)
    model = ShelfModel(station, worker, page_size=3)
    qtmodeltester.check(model, force_py=force_py)
    model.set_filter()
    wait_loaded(qtbot, model)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        wait_loaded(qtbot, model)
    assert model.rowCount() == 7
    model.set_filter(overdue_only=True)
    wait_loaded(qtbot, model)
    assert model.rowCount() == 3


def test_the_shelf_list_of_5000_parcels_loads_only_its_first_page(
    qtbot, parcels_page, station, worker
):
    items = [
        {"waybill": zto(n), "recipient_phone": f"139{n:08d}", "recipient_name": "张*"}
        for n in range(5000)
    ]
    worker.wait_for(station.parcels.receive_many, items)
    shelf = parcels_page.show_sub_page("shelf")
    model = shelf.model
    qtbot.waitUntil(lambda: model.total == 5000 and not model.busy, timeout=5000)
    qtbot.waitUntil(lambda: worker.idle, timeout=5000)
    assert model.rowCount() == models.PAGE_SIZE
    assert "5000" in shelf.count.text()
    shelf.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * models.PAGE_SIZE, timeout=5000)
    assert codes(model)[:2] == ["A-1-0001", "A-1-0002"]  # oldest first


def test_ages_are_coloured_amber_from_3_days_and_red_from_7(qtbot, station, worker, desk):
    for days, number in ((2, 1), (3, 2), (7, 3)):
        receive_days_ago(station, days, zto(number))
    model = ShelfModel(station, worker)
    model.set_filter()
    wait_loaded(qtbot, model)
    age = column(model, "age")
    shown = [
        (
            model.index(row, age).data(),
            model.index(row, age).data(Qt.ItemDataRole.BackgroundRole),
        )
        for row in range(3)
    ]
    assert shown == [("7", RED), ("3", AMBER), ("2", None)]


def test_the_shelf_status_and_overdue_filters_narrow_the_list(qtbot, parcels_page, station, worker):
    old = receive_days_ago(station, 5, zto(1))
    on_b = receive(station, yto(2), 1, shelf="B", layer=2)
    gone = receive(station, yunda(3), 2)
    station.parcels.pick_up([gone.id], "code")
    shelf = parcels_page.show_sub_page("shelf")
    model = shelf.model
    qtbot.waitUntil(lambda: model.total == 2 and not model.busy, timeout=3000)
    shelf.shelf.setCurrentIndex(shelf.shelf.findData("B"))
    qtbot.waitUntil(lambda: codes(model) == [on_b.pickup_code], timeout=3000)
    shelf.shelf.setCurrentIndex(0)
    shelf.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: codes(model) == [old.pickup_code], timeout=3000)
    shelf.status.setCurrentIndex(shelf.status.findData("picked_up"))
    qtbot.waitUntil(lambda: [model.parcel(r).id for r in range(model.rowCount())] == [gone.id])
    assert not shelf.overdue_only.isEnabled()


# the overdue view -------------------------------------------------------------------------------


def select_rows(shelf, rows: list[int]) -> None:
    selection = shelf.table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(shelf.model.index(row, 0), flags)


def test_the_overdue_reminder_button_texts_only_the_selected_parcels(
    qtbot, parcels_page, station, worker
):
    overdue = [receive_days_ago(station, 4 + n, zto(n), n) for n in range(3)]
    receive(station, yto(9), 3)  # not overdue
    shelf = parcels_page.show_sub_page("shelf")
    shelf.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: shelf.model.rowCount() == 3 and not shelf.model.busy, timeout=3000)
    select_rows(shelf, [0, 2])
    assert shelf.remind_button.text().startswith("Text a reminder to 2 (R)")
    assert "at most once a day" in shelf.remind_button.text()
    shelf.table.setFocus()
    qtbot.keyClick(shelf.table, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: shelf.message.kind == "success", timeout=3000)
    chosen = {shelf_parcel.id for shelf_parcel in (overdue[2], overdue[0])}
    today = clock.business_day().isoformat()
    reminded = {
        p.id
        for p in overdue
        if worker.wait_for(station.parcels.get, p.id).last_reminder_day == today
    }
    assert reminded == chosen
    texted = {
        p.id
        for p in overdue
        if worker.wait_for(station.sms.find, "parcel_reminder", f"{p.id}:{today}") is not None
    }
    assert texted == chosen
    model = shelf.model
    qtbot.waitUntil(
        lambda: model.rowCount() == 3 and model.parcel(0).last_reminder_day == today, timeout=3000
    )
    select_rows(shelf, [0, 1, 2])
    assert shelf.remind_button.text().startswith("Text a reminder to 1 (R)")  # two had theirs
    assert "already reminded today" in shelf.step.text()


def test_reminding_with_nothing_chosen_says_what_to_do(qtbot, parcels_page, sounds_played):
    shelf = parcels_page.show_sub_page("shelf")
    shelf.remind()
    assert "Choose the parcels to remind first" in shelf.message.text()
    assert sounds_played == ["refusal"]


# returns ----------------------------------------------------------------------------------------


def test_return_proposals_return_the_ticked_parcels_and_print_the_manifest(
    qtbot, parcels_page, station, worker, monkeypatch
):
    from stationapp.receipts import parcels as documents
    from stationapp.ui.kit import printing

    manifests: list[dict] = []
    printed: list[bytes] = []
    monkeypatch.setattr(
        documents,
        "return_manifest",
        lambda **fields: manifests.append(fields) or b"%PDF-return",
    )
    monkeypatch.setattr(printing, "print_pdf", lambda pdf, **_kw: printed.append(pdf) or True)
    stale = [receive_days_ago(station, 8 + n, zto(n), n) for n in range(3)]
    other = receive_days_ago(station, 9, yto(7), 4)
    receive_days_ago(station, 4, zto(8))  # overdue, not yet due for return
    shelf = parcels_page.show_sub_page("shelf")
    dialog = shelf.open_returns()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 3, timeout=3000)
    assert dialog.chosen_carrier() == "ZTO"
    assert "4" in dialog.title.text()  # four proposals in all, one of them 圆通's
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)  # untick the first row
    kept = dialog.parcels[0]
    dialog.return_button.click()
    qtbot.waitUntil(lambda: printed == [b"%PDF-return"], timeout=3000)
    returned = {
        p.id for p in stale if worker.wait_for(station.parcels.get, p.id).status == "returned"
    }
    assert returned == {p.id for p in stale} - {kept.id}
    assert worker.wait_for(station.parcels.get, other.id).status == "waiting"
    assert manifests[0]["carrier"] == "ZTO"
    assert manifests[0]["reason"] == "Not collected in time"
    assert {p.id for p in manifests[0]["parcels"]} == returned
    qtbot.waitUntil(lambda: "go back to the courier" in shelf.message.text(), timeout=3000)


# the shelf check --------------------------------------------------------------------------------


def test_the_shelf_check_lists_the_missing_and_the_unexpected(
    qtbot, parcels_page, station, worker, sounds_played
):
    there = [receive(station, zto(n), n % 5) for n in range(3)]
    elsewhere = receive(station, yto(5), 1, shelf="B", layer=1)
    shelf = parcels_page.show_sub_page("shelf")
    qtbot.waitUntil(lambda: shelf.setup is not None, timeout=3000)
    qtbot.keyClick(shelf.table, Qt.Key.Key_K)
    check = shelf.check_panel
    assert shelf.checking and check.scan.hasFocus()
    assert check.shelf.currentText() == "A"
    check.on_scan(there[0].waybill)
    qtbot.keyClicks(check.scan, there[1].pickup_code)
    qtbot.keyClick(check.scan, Qt.Key.Key_Return)
    check.on_scan(elsewhere.waybill)
    check.on_scan(there[0].waybill)  # twice: counted once
    assert check.scanned == [there[0].waybill, there[1].pickup_code, elsewhere.waybill]
    qtbot.keyClick(check.scan, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: check.result is not None, timeout=3000)
    missing = [check.missing_list.item(i).text() for i in range(check.missing_list.count())]
    assert len(missing) == 1 and missing[0].startswith(there[2].pickup_code)
    assert [check.unexpected_list.item(i).text() for i in range(check.unexpected_list.count())] == [
        elsewhere.waybill
    ]
    assert "Missing: 1" in check.missing_title.text()
    assert check.message.kind == "refusal"
    qtbot.keyClick(check.scan, Qt.Key.Key_Escape)
    assert not shelf.checking


def test_a_complete_shelf_check_says_the_shelf_is_in_order(qtbot, parcels_page, station, worker):
    parcels = [receive(station, zto(n)) for n in range(2)]
    shelf = parcels_page.show_sub_page("shelf")
    qtbot.waitUntil(lambda: shelf.setup is not None, timeout=3000)
    shelf.open_check()
    check = shelf.check_panel
    for parcel in parcels:
        check.on_scan(parcel.pickup_code)
    check.finish()
    qtbot.waitUntil(lambda: check.result is not None, timeout=3000)
    assert check.message.kind == "success"
    assert "in order" in check.message.text()


def test_a_scan_on_the_shelf_list_goes_to_pickup(qtbot, parcels_page, station, worker):
    parcel = receive(station, zto(1), 2)
    parcels_page.show_sub_page("shelf")
    assert parcels_page.on_scan(parcel.waybill)
    assert parcels_page.current_key() == "pickup"
    qtbot.waitUntil(lambda: parcels_page.pickup.results.rowCount() == 1, timeout=3000)


def test_d_prints_todays_parcel_summary_with_todays_counts(
    qtbot, parcels_page, station, worker, monkeypatch
):
    from stationapp.ui.kit import printing

    printed: list[bytes] = []
    monkeypatch.setattr(printing, "print_pdf", lambda pdf, **_kw: printed.append(pdf) or True)
    receive(station, zto(1))
    receive(station, yto(2))
    shelf = parcels_page.show_sub_page("shelf")
    shelf.summary_button.click()
    qtbot.waitUntil(lambda: len(printed) == 1, timeout=5000)
    assert printed[0].startswith(b"%PDF")
    import subprocess

    text = subprocess.run(
        ["pdftotext", "-", "-"], input=printed[0], capture_output=True, check=True
    ).stdout.decode()
    assert "2" in text and "中通" in text and "圆通" in text
