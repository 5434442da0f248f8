"""The SMS outbox page: texts newest first with length, parts, status, tries and reason; retry a
failed text, cancel a queued one."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    VILLAGERS,
    desk,
    parcels_page,
    receive,
    sms_page,
    sounds_played,
    yto,
    zto,
)

from stationapp.sms_providers.provider import SendResult

pytestmark = QT_LOG_IGNORE

STATUS, TRIES, REASON = 4, 5, 6


def cells(panel, row: int) -> list[str]:
    return [panel.table.item(row, column).text() for column in range(panel.COLUMNS)]


def test_the_outbox_lists_the_texts_newest_first_with_length_parts_and_status(
    qtbot, sms_page, station, worker
):
    receive(station, zto(1), 0)
    for n in range(2, 5):  # three parcels for one phone: one text, long enough for two parts
        receive(station, yto(n), 1)
    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=3000)
    newest, oldest = cells(panel, 0), cells(panel, 1)
    assert newest[1] == "尾号" + VILLAGERS[1][0][-4:]
    assert yto(4)[-4:] in newest[2]
    assert "2 part(s)" in newest[3]
    assert oldest[1] == "尾号" + VILLAGERS[0][0][-4:]
    assert "1 part(s)" in oldest[3]
    assert newest[STATUS] == "Waiting"
    assert "Held until" in newest[REASON]
    assert "Waiting: 2 (costing 3 messages)" in panel.summary.text()


def test_a_failed_text_shows_its_reason_and_retry_queues_it_again(qtbot, sms_page, station, worker):
    receive(station, zto(1), 2)
    text = station.sms.outbox()[0]
    station.sms.record_result(
        text.id,
        SendResult.failed(
            "aliyun", "The number is not a valid mobile number.", code="isv.MOBILE_NUMBER_ILLEGAL"
        ),
    )
    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=3000)
    row = cells(panel, 0)
    assert (row[STATUS], row[TRIES]) == ("Failed", "1")
    assert "not a valid mobile number" in row[REASON]
    assert panel.retry_button.isEnabled() and not panel.cancel_button.isEnabled()
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: cells(panel, 0)[STATUS] == "Waiting", timeout=3000)
    assert worker.wait_for(station.sms.get, text.id).status == "queued"
    assert panel.message.kind == "success"


def test_cancelling_a_queued_text_keeps_it_as_failed_with_the_reason(
    qtbot, sms_page, station, worker
):
    receive(station, zto(1), 3)
    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=3000)
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: cells(panel, 0)[STATUS] == "Failed", timeout=3000)
    assert "Cancelled by an operator" in cells(panel, 0)[REASON]


def test_retrying_a_text_that_did_not_fail_says_which_can_be(
    qtbot, sms_page, station, worker, sounds_played
):
    receive(station, zto(1), 4)
    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=3000)
    panel.retry()
    assert "only those can be retried" in panel.message.text()
    assert sounds_played == ["refusal"]


def test_the_status_filter_shows_only_those_texts(qtbot, sms_page, station, worker):
    receive(station, zto(1), 0)
    receive(station, zto(2), 1)
    station.sms.cancel(station.sms.outbox()[0].id)
    panel = sms_page.show_sub_page("outbox")
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2, timeout=3000)
    panel.status.setCurrentIndex(panel.status.findData("failed"))
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1, timeout=3000)
    assert cells(panel, 0)[STATUS] == "Failed"
