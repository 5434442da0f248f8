"""Parcels out: real-name sending (实名收寄) and the handover to the courier (交件)."""

from __future__ import annotations

import pytest

from stationapp.core import StateError, ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.idcard import check_character

ID_FIRST17 = "53092619900307002"
ID_NUMBER = ID_FIRST17 + check_character(ID_FIRST17)
WRONG_CHECK = ID_FIRST17 + ("0" if check_character(ID_FIRST17) != "0" else "1")


@pytest.fixture(autouse=True)
def clock():
    manual = station_clock.ManualClock("2026-11-23T10:00:00+08:00")
    station_clock.set_clock(manual)
    return manual


def send(station, **overrides):
    fields = {
        "sender_name": "岩温",
        "sender_phone": "13812340521",
        "id_type": "resident_id",
        "id_number": ID_NUMBER,
        "item_name": "普洱茶",
        "item_category": "food",
        "item_count": 2,
        "recipient_name": "李小明",
        "recipient_phone": "13987654321",
        "recipient_address": "云南省昆明市五华区青年路 100 号",
        "carrier": "ZTO",
        "weight_g": 1200,
        "fee_fen": 1200,
        "payment": "cash",
    }
    fields.update(overrides)
    return station.sending.send(**fields)


def test_sending_records_the_sender_with_the_id_only_masked_and_hashed(station):
    sent = send(station)
    assert sent.status == "sent"
    assert sent.id_masked.startswith(ID_NUMBER[:4]) and sent.id_masked.endswith(ID_NUMBER[-4:])
    assert "*" in sent.id_masked
    assert len(sent.id_hash) == 64
    dump = "\n".join(
        str(tuple(row))
        for table in ("events", "sent_parcels")
        for row in station.conn.execute(f"SELECT * FROM {table}")
    )
    assert ID_NUMBER not in dump and ID_NUMBER[6:14] not in dump


def test_the_id_hash_is_salted_per_station(station, tmp_path):
    from stationapp.core import Station

    other = Station.create(
        tmp_path / "other", name="勐撒镇服务站", manager_name="玉香", manager_pin="2468"
    )
    try:
        assert send(station).id_hash != send(other).id_hash
    finally:
        other.close()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"id_number": WRONG_CHECK}, "check"),
        ({"id_number": "123"}, None),
        ({"id_type": "passport", "id_number": "!"}, "document number"),
        ({"sender_name": ""}, "sender's name"),
        ({"sender_phone": "123"}, None),
        ({"item_name": " "}, "item's name"),
        ({"item_category": "weapons"}, "Choose one of"),
        ({"item_count": 0}, "item count"),
        ({"weight_g": 0}, "weight"),
        ({"weight_g": 80_000}, "weight"),
        ({"fee_fen": -1}, "fee"),
        ({"carrier": "UPS"}, "Unknown carrier"),
        ({"payment": "credit"}, "Choose one of"),
        ({"recipient_address": ""}, "address"),
    ],
)
def test_bad_sending_is_refused_and_writes_nothing(station, overrides, message):
    before = station.events.count()
    with pytest.raises(ValidationError, match=message):
        send(station, **overrides)
    assert station.events.count() == before


def test_a_wrong_check_digit_reads_in_chinese(station):
    from stationapp.i18n import install_core_translator

    install_core_translator("zh_CN")
    with pytest.raises(ValidationError) as refusal:
        send(station, id_number=WRONG_CHECK)
    assert "校验" in str(refusal.value)


def test_handover_batches_todays_parcels_of_one_carrier(station):
    a = send(station, waybill="73123456789012")
    b = send(station)
    send(station, carrier="YTO", waybill="YT7512345678901")
    with pytest.raises(StateError, match="no waybill yet"):
        station.sending.hand_over("ZTO")
    station.sending.attach_waybill(b.id, "73123456789013")
    batch = station.sending.hand_over("ZTO")
    assert {p.id for p in batch.parcels} == {a.id, b.id}
    assert all(p.status == "handed_over" for p in batch.parcels)
    assert station.sending.handover(batch.id).parcels == batch.parcels
    with pytest.raises(StateError, match="No parcels are waiting"):
        station.sending.hand_over("ZTO")
    assert [p.carrier for p in station.sending.waiting_for_handover()] == ["YTO"]
    summary = station.parcels.day_summary()
    assert (summary.sent, summary.handed_over) == (3, 2)
    assert summary.sent_cash_fen == 3600
    assert station.events.verify().ok


def test_a_handed_over_parcel_keeps_its_label(station):
    sent = send(station, waybill="73123456789012")
    station.sending.hand_over("ZTO")
    with pytest.raises(StateError, match="label is fixed"):
        station.sending.attach_waybill(sent.id, "73123456789099")


def test_the_cutoff_is_a_setting(station):
    assert station.sending.cutoff() == "14:00"
    station.settings.set("parcels.cutoff", "15:30")
    assert station.sending.cutoff() == "15:30"
