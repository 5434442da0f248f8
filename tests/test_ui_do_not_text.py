"""The do-not-text list from the SMS page: a listed number gets no texts; the manager unlists."""

from __future__ import annotations

import pytest

from stationapp.ui.pages.sms.do_not_text import DoNotTextDialog

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_a_listed_number_gets_no_arrival_text_and_shows_masked(qtbot, station, worker):
    dialog = DoNotTextDialog(station, worker)
    qtbot.addWidget(dialog)
    dialog.phone.setText("13812340521")
    dialog.reason.setText("本人在柜台要求")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=3000)
    assert dialog.table.item(0, 0).text() == "尾号0521"
    worker.wait_for(
        station.parcels.receive,
        waybill="YT7512345678901",
        recipient_phone="13812340521",
        recipient_name="张三",
    )
    assert worker.wait_for(station.sms.outbox) == []


def test_a_bad_number_is_refused_in_the_dialog(qtbot, station, worker):
    dialog = DoNotTextDialog(station, worker)
    qtbot.addWidget(dialog)
    dialog.phone.setText("12345")
    dialog.reason.setText("x")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: not dialog.message.isHidden(), timeout=3000)
    assert dialog.message.kind == "refusal"
    assert dialog.table.rowCount() == 0


def test_the_manager_takes_a_number_off_the_list(qtbot, station, worker):
    worker.wait_for(station.sms.do_not_text.add, "13812340521", "本人要求")
    dialog = DoNotTextDialog(station, worker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=3000)
    dialog.table.selectRow(0)
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=3000)
