"""快递设置: the manager sets shelves, days, consent, fee and cut-off; bad values are refused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from stationapp.core.errors import UserError
from stationapp.ui.pages.parcels.settings import ParcelSettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")
THREE_SHELVES = [{"name": n, "layers": 4} for n in "ABC"]


@pytest.fixture
def dialog(qtbot, station, worker):
    d = ParcelSettingsDialog(station, worker)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.shelves.shelves() == THREE_SHELVES, timeout=3000)
    return d


def test_the_manager_saves_new_shelves_and_days_and_intake_uses_them(
    qtbot, dialog, station, worker
):
    dialog.shelves.rows[2][0].setText("3")  # C is now shelf 3, with 6 layers
    dialog.shelves.rows[2][1].setValue(6)
    dialog.overdue_days.setValue(5)
    dialog.cutoff.setText("15：30")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.kind == "success", timeout=3000)
    values = worker.wait_for(station.settings.all)
    assert values["parcels.shelves"][-1] == {"name": "3", "layers": 6}
    assert (values["parcels.overdue_days"], values["parcels.cutoff"]) == (5, "15:30")
    parcel = worker.wait_for(
        station.parcels.receive,
        waybill="YT7512345678901",
        recipient_phone="13812340521",
        recipient_name="张三",
        shelf="3",
        layer=6,
    )
    assert parcel.pickup_code == "3-6-0001"


@pytest.mark.parametrize(
    ("field", "text"),
    [("shelf", ""), ("shelf", "b"), ("pickup_fee", "-1"), ("cutoff", "25:00")],
)
def test_a_bad_value_is_refused_and_nothing_is_saved(qtbot, dialog, station, worker, field, text):
    before = worker.wait_for(station.events.count)
    if field == "shelf":  # no name, or the name of another shelf
        dialog.shelves.rows[0][0].setText(text)
    else:
        getattr(dialog, field).setText(text)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.kind == "refusal", timeout=3000)
    assert worker.wait_for(station.events.count) == before


# --- the shelves' form ---------------------------------------------------------------------------


def test_shelves_are_added_and_removed_with_the_keyboard_and_saved(qtbot, dialog, station, worker):
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.shelves.add_button, Qt.MouseButton.LeftButton)
    name, layers, _remove = dialog.shelves.rows[-1]
    assert (name.text(), layers.value(), name.hasFocus()) == ("D", 4, True)  # the next letter
    qtbot.keyClicks(name, "e")  # the proposed letter is selected: typing replaces it
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    layers.selectAll()
    qtbot.keyClicks(layers, "6")
    qtbot.mouseClick(dialog.shelves.rows[1][2], Qt.MouseButton.LeftButton)  # B goes
    qtbot.keyClick(dialog.cutoff, Qt.Key.Key_Return)  # Enter saves (the default button)
    qtbot.waitUntil(lambda: dialog.message.kind == "success", timeout=3000)
    shelves = worker.wait_for(station.settings.get, "parcels.shelves")
    assert shelves == [
        {"name": "A", "layers": 4},
        {"name": "C", "layers": 4},
        {"name": "E", "layers": 6},
    ]


def test_the_last_shelf_cannot_be_removed(qtbot, dialog):
    while len(dialog.shelves.rows) > 1:
        dialog.shelves.rows[-1][2].click()
    assert not dialog.shelves.rows[0][2].isEnabled()


def test_removing_a_shelf_the_store_refuses_shows_the_stores_own_words(
    qtbot, dialog, station, worker
):
    """Whatever the store says when it refuses the shelves (here: C named twice) is the line
    the manager reads, not a message of the form's own."""
    wanted = [{"name": "A", "layers": 4}, {"name": "C", "layers": 4}, {"name": "C", "layers": 5}]
    try:
        worker.wait_for(station.settings.set_many, {"parcels.shelves": wanted})
    except UserError as error:
        refusal = str(error)
    dialog.shelves.rows[1][0].setText("C")
    dialog.shelves.rows[2][1].setValue(5)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.kind == "refusal", timeout=3000)
    assert dialog.message.text() == refusal


def test_removing_a_shelf_with_parcels_waiting_on_it_shows_the_stores_refusal(
    qtbot, dialog, station, worker
):
    worker.wait_for(
        station.parcels.receive,
        waybill="YT7512345678901",
        recipient_phone="13812340521",
        recipient_name="张三",
        shelf="B",
        layer=2,
    )
    without_b = [{"name": "A", "layers": 4}, {"name": "C", "layers": 4}]
    with pytest.raises(UserError) as refused:
        worker.wait_for(station.settings.set_many, {"parcels.shelves": without_b})
    dialog.show()
    qtbot.mouseClick(dialog.shelves.rows[1][2], Qt.MouseButton.LeftButton)  # B's 删除
    assert dialog.shelves.shelves() == without_b
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.kind == "refusal", timeout=3000)
    assert dialog.message.text() == str(refused.value)
    assert "B" in dialog.message.text()
    assert worker.wait_for(station.settings.get, "parcels.shelves")[1]["name"] == "B"
