"""Parcels out: the real-name sending form, the label scan, and the handover to the courier."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

from datetime import datetime

import pytest
from test_ui_parcels_helpers import (  # noqa: F401 (fixtures)
    QT_LOG_IGNORE,
    desk,
    freeze_clock,
    parcels_page,
    receive,
    sounds_played,
    yto,
    zto,
)

from stationapp.core import clock
from stationapp.ui.kit import sounds

pytestmark = QT_LOG_IGNORE

SENDER_ID = "530926198503152018"  # 耿马 (530926), check digit 8
WRONG_CHECK_DIGIT = "530926198503152017"


def fill_form(panel, **changes: str) -> None:
    values = {
        "sender_name": "岩温",
        "sender_phone": "13887654321",
        "id_number": SENDER_ID,
        "item_name": "勐撒红糖",
        "recipient_name": "李春梅",
        "recipient_phone": "15912340521",
        "recipient_address": "云南省昆明市五华区青年路 88 号",
        "fee": "12元5角",
    } | changes
    for name, value in values.items():
        getattr(panel, name).setText(value)
    panel.carrier.setCurrentIndex(panel.carrier.findData("ZTO"))
    panel.weight.setValue(2500)
    panel.item_count.setValue(2)
    panel.category.setCurrentIndex(panel.category.findData("food"))


def send(station, carrier: str, waybill: str = "", n: int = 0):
    return station.sending.send(
        sender_name="玉香",
        sender_phone="13988761234",
        id_type="resident_id",
        id_number=SENDER_ID,
        item_name="古丈毛尖",
        item_category="food",
        item_count=1,
        recipient_name=f"杨建华{n}",
        recipient_phone="18787651122",
        recipient_address="湖南省长沙市芙蓉区五一大道 1 号",
        carrier=carrier,
        weight_g=800,
        fee_fen=1000,
        payment="wechat",
        waybill=waybill,
    )


# sending ----------------------------------------------------------------------------------------


def test_the_sending_form_records_a_real_name_sending(
    qtbot, parcels_page, station, worker, sounds_played
):
    panel = parcels_page.show_sub_page("sending")
    fill_form(panel)
    panel.send_button.click()
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)
    sent = worker.wait_for(station.sending.on_day)
    assert len(sent) == 1
    parcel = sent[0]
    assert (parcel.sender_name, parcel.id_masked, parcel.fee_fen, parcel.weight_g) == (
        "岩温",
        "**************2018",
        1250,
        2500,
    )
    assert (parcel.item_count, parcel.item_category, parcel.carrier) == (2, "food", "ZTO")
    assert sounds_played == [sounds.SUCCESS]
    assert panel.sender_name.text() == "" and panel.id_number.number() == ""
    qtbot.waitUntil(lambda: panel.today_table.rowCount() == 1, timeout=3000)
    assert panel.label_target().id == parcel.id


def test_sending_refuses_a_wrong_id_check_digit_and_writes_nothing(
    qtbot, parcels_page, station, worker, sounds_played
):
    panel = parcels_page.show_sub_page("sending")
    fill_form(panel, id_number=WRONG_CHECK_DIGIT)
    before = worker.wait_for(station.events.count)
    panel.send_button.click()
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=3000)
    assert "check" in panel.message.text().lower()
    assert sounds_played == [sounds.REFUSAL]
    assert worker.wait_for(station.events.count) == before
    assert panel.sender_name.text() == "岩温"  # the form stays for the correction


@pytest.mark.parametrize(
    ("fee", "says"), [("12.555", "more than two decimals"), ("abc", "is not an amount")]
)
def test_a_fee_that_is_not_money_is_refused_in_the_form(
    qtbot, parcels_page, station, worker, fee, says
):
    panel = parcels_page.show_sub_page("sending")
    fill_form(panel, fee=fee)
    before = worker.wait_for(station.events.count)
    panel.send()
    assert panel.message.kind == "refusal"
    assert says in panel.message.text()
    assert worker.wait_for(station.events.count) == before


def test_the_id_number_is_masked_in_the_field_once_typed(qtbot, parcels_page):
    panel = parcels_page.show_sub_page("sending")
    panel.id_number.setFocus()
    qtbot.keyClicks(panel.id_number, SENDER_ID)
    panel.item_name.setFocus()  # leaving the field
    assert panel.id_number.text() == "**************2018"
    assert panel.id_number.number() == SENDER_ID
    panel.id_number.setFocus()  # back to correct it
    assert panel.id_number.text() == SENDER_ID


def test_a_scanned_label_goes_on_the_chosen_parcel(qtbot, parcels_page, station, worker):
    sent = worker.wait_for(send, station, "YTO")
    panel = parcels_page.show_sub_page("sending")
    qtbot.waitUntil(lambda: panel.label_target() is not None, timeout=3000)
    assert parcels_page.on_scan(yto(41))
    qtbot.waitUntil(lambda: panel.message.kind == "success", timeout=3000)
    assert worker.wait_for(station.sending.get, sent.id).waybill == yto(41)
    assert parcels_page.current_key() == "sending"
    qtbot.waitUntil(lambda: panel.label_target() is None, timeout=3000)
    assert "has its waybill" in panel.label_step.text()


# handover ---------------------------------------------------------------------------------------


def test_handover_lists_the_waiting_parcels_per_carrier_and_hands_them_over(
    qtbot, parcels_page, station, worker, monkeypatch
):
    from stationapp.receipts import parcels as documents
    from stationapp.ui.kit import printing

    manifests: list[dict] = []
    printed: list[bytes] = []
    monkeypatch.setattr(
        documents, "handover_manifest", lambda **f: manifests.append(f) or b"%PDF-handover"
    )
    monkeypatch.setattr(printing, "print_pdf", lambda pdf, **_kw: printed.append(pdf) or True)
    zto_parcels = [worker.wait_for(send, station, "ZTO", zto(n), n) for n in (1, 2)]
    yto_parcel = worker.wait_for(send, station, "YTO", yto(3), 3)
    panel = parcels_page.show_sub_page("handover")
    qtbot.waitUntil(lambda: panel.carriers.count() == 2, timeout=3000)
    assert panel.chosen_carrier() == "ZTO"
    assert panel.table.rowCount() == 2
    assert "2" in panel.hand_over_button.text()
    panel.a4.setChecked(True)
    panel.carriers.setFocus()
    qtbot.keyClick(panel.carriers, "\r")
    qtbot.waitUntil(lambda: printed == [b"%PDF-handover"], timeout=3000)
    batch = manifests[0]["batch"]
    assert {p.id for p in batch.parcels} == {p.id for p in zto_parcels}
    assert (manifests[0]["paper"], manifests[0]["cutoff"]) == ("A4", "14:00")
    statuses = {p.id: worker.wait_for(station.sending.get, p.id).status for p in zto_parcels}
    assert set(statuses.values()) == {"handed_over"}
    assert worker.wait_for(station.sending.get, yto_parcel.id).status == "sent"
    qtbot.waitUntil(lambda: panel.carriers.count() == 1, timeout=3000)
    assert panel.chosen_carrier() == "YTO"


def test_a_parcel_without_its_label_blocks_the_handover_with_what_to_do(
    qtbot, parcels_page, station, worker
):
    worker.wait_for(send, station, "ZTO")
    panel = parcels_page.show_sub_page("handover")
    qtbot.waitUntil(lambda: panel.carriers.count() == 1, timeout=3000)
    assert "no waybill yet" in panel.step.text()
    panel.hand_over()
    qtbot.waitUntil(lambda: panel.message.kind == "refusal", timeout=3000)
    assert "scan their labels first" in panel.message.text()


@pytest.mark.parametrize(("hour", "late"), [(13, False), (15, True)])
def test_the_cutoff_shows_big_with_a_warning_after_it(qtbot, parcels_page, hour, late):
    freeze_clock(datetime(2026, 11, 23, hour, 5, tzinfo=clock.SHANGHAI))
    panel = parcels_page.show_sub_page("handover")
    qtbot.waitUntil(lambda: panel.worker.idle, timeout=3000)
    assert panel.cutoff.text() == "14:00"
    assert panel.late.isVisible() == late
    if late:
        assert "reach the county tomorrow" in panel.late.text()


def test_a_pickup_code_scanned_on_the_sending_page_goes_to_the_pickup_search(
    qtbot, parcels_page, station, worker
):
    unlabelled = worker.wait_for(send, station, "ZTO")
    waiting = worker.wait_for(receive, station, zto(7), 2)
    panel = parcels_page.show_sub_page("sending")
    qtbot.waitUntil(lambda: panel.label_target() is not None, timeout=3000)
    assert parcels_page.on_scan(waiting.pickup_code)
    assert parcels_page.current_key() == "pickup"
    qtbot.waitUntil(lambda: parcels_page.pickup.results.rowCount() == 1, timeout=3000)
    assert worker.wait_for(station.sending.get, unlabelled.id).waybill == ""
