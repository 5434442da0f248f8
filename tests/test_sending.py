"""Parcels out: real-name sending (实名收寄) and the handover to the courier (交件)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stationapp.core import StateError, ValidationError, ids
from stationapp.core import clock as station_clock
from stationapp.core.idcard import check_character, new_key_pair, open_sealed_id
from stationapp.core.money import money_of

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


def give_sealing_key(station) -> str:
    """The county's public key arrives as a feed setting; returns the private key."""
    private, public = new_key_pair()
    station.county.apply_page(
        [
            {
                "cursor": "1",
                "kind": "setting",
                "op": "upsert",
                "key": "privacy.id_public_key",
                "data": {"value": public},
            }
        ],
        "1",
    )
    return private


def station_dump(station) -> str:
    return "\n".join(
        str(tuple(row))
        for table in ("events", "sent_parcels")
        for row in station.conn.execute(f"SELECT * FROM {table}")
    )


def test_sending_keeps_only_the_tail_and_seals_the_number_to_the_county_key(station):
    private = give_sealing_key(station)
    sent = send(station)
    assert sent.status == "sent"
    assert sent.id_tail == ID_NUMBER[-4:]
    assert sent.id_masked == "*" * 14 + ID_NUMBER[-4:]
    payload = station.log.events_of(sent.id)[0].payload
    assert "id_masked" not in payload and "id_hash" not in payload
    # the county opens it with its private key; the station has no way to
    assert open_sealed_id(payload["id_sealed"], private) == ID_NUMBER
    dump = station_dump(station)
    assert ID_NUMBER not in dump and ID_NUMBER[6:14] not in dump and ID_NUMBER[:6] not in dump


def test_without_a_county_key_the_station_keeps_the_tail_alone(station):
    sent = send(station)
    payload = station.log.events_of(sent.id)[0].payload
    assert payload["id_tail"] == ID_NUMBER[-4:]
    assert "id_sealed" not in payload
    assert ID_NUMBER[:14] not in station_dump(station)


def test_each_sending_seals_anew_so_two_records_of_one_sender_do_not_match(station):
    give_sealing_key(station)
    first, second = send(station), send(station)
    sealed = [station.log.events_of(p.id)[0].payload["id_sealed"] for p in (first, second)]
    assert sealed[0] != sealed[1]


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


# --- the sending fee as money entries (DESIGN §3) --------------------------------------------


@pytest.mark.parametrize("method", ["cash", "wechat", "alipay", "bank"])
def test_a_sending_fee_paid_at_the_counter_carries_its_money_entry(station, method):
    sent = send(station, fee_fen=1250, payment=method)
    payload = station.log.events_of(sent.id)[0].payload
    assert payload["money"] == [{"method": method, "fen": 1250}]
    assert (payload["fee_fen"], payload["payment"]) == (1250, method)  # older readers'
    assert money_of(payload).total == sent.fee_fen


@pytest.mark.parametrize(
    "overrides",
    [{"payment": "monthly"}, {"payment": "other"}, {"fee_fen": 0, "payment": "cash"}],
)
def test_a_sending_with_no_money_at_the_counter_carries_no_money_key(station, overrides):
    sent = send(station, **overrides)
    assert "money" not in station.log.events_of(sent.id)[0].payload


def test_a_parcel_sent_the_old_way_without_money_replays_as_before(station):
    new = send(station, fee_fen=1500, payment="wechat")
    old_payload = dict(station.log.events_of(new.id)[0].payload)
    del old_payload["money"]
    old_id = ids.uuid7()
    with station.log.batch() as batch:  # as the station wrote it before money entries
        batch.append("parcel.sent", entity_id=old_id, payload=old_payload, operator=new.sent_by)
    old = station.sending.get(old_id)
    assert replace(old, id=new.id, sent_at=new.sent_at) == new
    result = station.events.verify()
    assert result.ok, result.problems
