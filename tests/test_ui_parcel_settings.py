"""快递设置: the manager sets shelves, days, consent, fee and cut-off; bad values are refused."""

from __future__ import annotations

import pytest

from stationapp.ui.pages.parcel_settings import ParcelSettingsDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


@pytest.fixture
def dialog(qtbot, station, worker):
    d = ParcelSettingsDialog(station, worker)
    qtbot.addWidget(d)
    qtbot.waitUntil(lambda: d.shelves.text() == "A:4, B:4, C:4", timeout=3000)
    return d


def test_the_manager_saves_new_shelves_and_days_and_intake_uses_them(
    qtbot, dialog, station, worker
):
    dialog.shelves.setText("A:4, B:4, 3:6")
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
    [("shelves", "A:40"), ("shelves", ""), ("pickup_fee", "-1"), ("cutoff", "25:00")],
)
def test_a_bad_value_is_refused_and_nothing_is_saved(qtbot, dialog, station, worker, field, text):
    before = worker.wait_for(station.events.count)
    getattr(dialog, field).setText(text)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.message.kind == "refusal", timeout=3000)
    assert worker.wait_for(station.events.count) == before
