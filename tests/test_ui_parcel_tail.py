"""Intake when the label hides the phone (GB/T 41833-2022): typed from the keyboard against a real
station, counting the keys an operator presses after the scan."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    VILLAGERS,
    desk,
    focused,
    freeze_clock,
    parcels_page,
    receive,
    sounds_played,
    type_into_focus,
    yto,
)

from stationapp.core import Station, clock

pytestmark = QT_LOG_IGNORE

# 玉香 13988761234 and 段正伟 13708831234: two villagers whose numbers end in 1234
YUXIANG, DUAN = 1, 4


class Keys:
    """The operator's keys after the scan, each a real key press into whatever has the focus."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def type(self, text: str) -> None:
        for ch in text:
            self.qtbot.keyClick(focused(), ch)
            self.count += 1

    def press(self, key: Qt.Key) -> None:
        self.qtbot.keyClick(focused(), key)
        self.count += 1


def scanned(qtbot, intake, waybill: str) -> None:
    type_into_focus(qtbot, waybill)
    qtbot.waitUntil(lambda: intake.carriers.hasFocus(), timeout=10_000)


def outbox_size(worker, station: Station) -> int:
    return worker.wait_for(lambda: len(station.sms.outbox()))


def test_a_repeat_recipient_from_the_labels_tail_takes_seven_keys_after_the_scan(
    qtbot, parcels_page, station, worker
):
    receive(station, yto(1), DUAN)
    freeze_clock(clock.now() + timedelta(minutes=10))
    receive(station, yto(2), YUXIANG)  # 玉香 had the latest parcel: offered first
    intake = parcels_page.show_sub_page("intake")
    scanned(qtbot, intake, yto(3))

    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_Return)  # the carrier
    assert intake.phone.hasFocus()
    keys.type("1234")  # what the label shows: 139****1234
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(intake.offers.isVisible, timeout=10_000)
    assert intake.offers.hasFocus()
    offered = [intake.offers.item(i).text() for i in range(intake.offers.count())]
    assert offered[0].startswith("1  玉香") and "尾号1234" in offered[0]
    assert offered[1].startswith("2  段正伟")
    assert "13988761234" not in " ".join(offered)  # the screen faces the counter
    keys.press(Qt.Key.Key_Return)  # one key takes the first
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=10_000)

    parcel = intake.recorded[0]
    assert (parcel.recipient_phone, parcel.recipient_name) == VILLAGERS[YUXIANG]
    assert keys.count == 7
    assert intake.waybill.hasFocus()  # ready for the next scan
    assert not intake.offers.isVisible()
    texts = worker.wait_for(lambda: [t.text for t in station.sms.outbox()])
    assert any(parcel.pickup_code in text for text in texts)  # a known number: texted


def test_a_rows_digit_takes_another_known_customer(qtbot, parcels_page, station, worker):
    receive(station, yto(1), DUAN)
    freeze_clock(clock.now() + timedelta(minutes=10))
    receive(station, yto(2), YUXIANG)
    intake = parcels_page.show_sub_page("intake")
    scanned(qtbot, intake, yto(3))
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_Return)
    keys.type("1234")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(intake.offers.isVisible, timeout=10_000)
    keys.type("2")
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=10_000)
    assert intake.recorded[0].recipient_phone == VILLAGERS[DUAN][0]


def test_an_unknown_tail_is_taken_in_with_the_name_and_waits_untexted(
    qtbot, parcels_page, station, worker
):
    texts_before = outbox_size(worker, station)
    intake = parcels_page.show_sub_page("intake")
    scanned(qtbot, intake, yto(5))
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_Return)
    keys.type("138****4321")  # typed as the label prints it
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(intake.name.hasFocus, timeout=10_000)
    assert "4321" in intake.step.text() and "text" in intake.step.text()  # the operator sees why
    type_into_focus(qtbot, "赵*")
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=10_000)

    parcel = intake.recorded[0]
    assert (parcel.recipient_phone, parcel.phone_tail, parcel.recipient_name) == ("", "4321", "赵*")
    assert intake.batch_rows()[0][2] == "尾号4321"
    assert outbox_size(worker, station) == texts_before  # no number, no text
    found = worker.wait_for(lambda: station.parcels.find("4321"))
    assert [p.id for p in found] == [parcel.id]  # pickup by tail finds it


def test_zero_says_none_of_the_known_ones_and_asks_for_the_name(
    qtbot, parcels_page, station, worker
):
    receive(station, yto(1), YUXIANG)
    intake = parcels_page.show_sub_page("intake")
    scanned(qtbot, intake, yto(3))
    keys = Keys(qtbot)
    keys.press(Qt.Key.Key_Return)
    keys.type("1234")
    keys.press(Qt.Key.Key_Return)
    qtbot.waitUntil(intake.offers.isVisible, timeout=10_000)
    keys.type("0")
    assert intake.name.hasFocus()
    assert not intake.offers.isVisible()
    type_into_focus(qtbot, "王*")
    qtbot.waitUntil(lambda: len(intake.recorded) == 1, timeout=10_000)
    assert (intake.recorded[0].recipient_phone, intake.recorded[0].recipient_name) == ("", "王*")


def test_at_pickup_the_tail_finds_the_parcel_and_n_adds_the_villagers_number(
    qtbot, parcels_page, station, worker, monkeypatch
):
    untexted = station.parcels.receive(
        waybill=yto(7), recipient_phone="4321", recipient_name="赵*"
    )
    pickup = parcels_page.show_sub_page("pickup")
    type_into_focus(qtbot, "4321")
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 1, timeout=10_000)
    assert pickup.results.item(0, 5).text() == "尾号4321"
    assert "N" in pickup.step.text()

    asked: list[str] = []

    def villager_says(_parent, _title, label, *args, **kwargs):
        asked.append(label)
        return "13900004321", True

    monkeypatch.setattr(
        "stationapp.ui.pages.parcels.pickup_number.QInputDialog.getText", villager_says
    )
    qtbot.keyClick(focused(), Qt.Key.Key_N)
    qtbot.waitUntil(lambda: pickup.message.kind == "success", timeout=10_000)
    assert "4321" in asked[0]
    known = worker.wait_for(lambda: station.parcels.get(untexted.id))
    assert known.recipient_phone == "13900004321"
    # and the next parcel of theirs is offered by its tail at intake
    offers = worker.wait_for(lambda: station.parcels.known_by_tail("4321"))
    assert [o.name for o in offers] == ["赵*"]


def test_n_on_a_parcel_whose_number_is_known_says_what_it_is_for(
    qtbot, parcels_page, station, worker
):
    receive(station, yto(8), YUXIANG)
    pickup = parcels_page.show_sub_page("pickup")
    type_into_focus(qtbot, "1234")
    qtbot.waitUntil(lambda: pickup.results.rowCount() == 1, timeout=10_000)
    qtbot.keyClick(focused(), Qt.Key.Key_N)
    assert pickup.message.kind == "refusal"
    assert "尾号" in pickup.message.text()
