"""Sending (寄件) and the county's registered households: a parcel sent by a household's member
the operator accepted carries ``household_id`` on ``parcel.sent`` and the household log keeps a
代寄快递 row; a 户编号 the registry does not hold is refused in Chinese writing nothing; the
sender is offered the households intake would offer a recipient with the same phone and name;
an older ``parcel.sent`` without the field replays as before."""

from __future__ import annotations

from io import BytesIO

import openpyxl
import pytest

from stationapp.core import ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.idcard import check_character
from tests.households_registry import household, register

WANG = "5309260101000001"  # 王秀英, 脱贫户, phone 尾号5678
YAN = "5309260101000002"  # 岩温, 边缘易致贫户, phone 尾号5678 too
PHONE = "13912345678"  # ends in 5678, as both registered phones do
STRANGER = "13887654321"  # no registered phone ends in 4321
ID_FIRST17 = "53092619900307002"
ID_NUMBER = ID_FIRST17 + check_character(ID_FIRST17)


@pytest.fixture
def registry(station):
    station_clock.set_clock(station_clock.ManualClock("2026-11-23T10:00:00+08:00"))
    register(
        station,
        household(WANG, "王秀英"),
        household(YAN, "岩温", household_type="普通农户", monitoring_type="边缘易致贫户"),
    )
    return station


def send(station, **overrides):
    fields = {
        "sender_name": "王秀英",
        "sender_phone": PHONE,
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
    } | overrides
    return station.sending.send(**fields)


def sent_payload(station, sent_id: str) -> dict:
    [event] = station.log.events_of(sent_id, type="parcel.sent")
    return event.payload


def numbers(found) -> list[str]:
    return [h.household_no for h in found.candidates]


def test_a_sending_the_operator_marks_carries_the_household_and_its_sender(registry):
    sent = send(registry, household_id=f" {WANG} ")
    payload = sent_payload(registry, sent.id)
    assert payload["household_id"] == WANG
    assert payload["customer_name"] == "王秀英"  # who came for the household


def test_the_household_log_keeps_a_row_named_in_the_ledger(registry):
    sent = send(registry, sender_name="王小芳", household_id=WANG)
    [entry] = registry.households.log(WANG).entries
    [event] = registry.log.events_of(sent.id, type="parcel.sent")
    assert (entry.event_id, entry.type, entry.person) == (event.id, "parcel.sent", "王小芳")
    assert (entry.paid_in_fen, entry.income_fen) == (1200, 0)  # the fee, no income
    book = openpyxl.load_workbook(BytesIO(registry.households.export_ledger("2026-11")))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert (row["户编号"], row["姓名"], row["事项"]) == (WANG, "王小芳", "代寄快递")
    # the member met is found by name next time
    assert numbers(registry.sending.sender_households(STRANGER, "王小芳")) == [WANG]


def test_an_unknown_household_number_is_refused_in_chinese_and_nothing_is_written(registry):
    from stationapp.i18n import install_core_translator

    before = registry.events.count()
    with pytest.raises(ValidationError, match="No registered household has the number 53"):
        send(registry, household_id="5309269999999999")
    install_core_translator("zh_CN")
    try:
        with pytest.raises(ValidationError) as refusal:
            send(registry, household_id="5309269999999999")
        said = str(refusal.value)  # translated as it is read
    finally:
        install_core_translator("en")
    assert "没有户编号为 5309269999999999 的建档户" in said
    assert registry.events.count() == before
    assert registry.sending.on_day() == []


@pytest.mark.parametrize("household_id", [None, ""])
def test_a_sender_left_unmarked_writes_no_household_fields(registry, household_id):
    sent = send(registry, household_id=household_id)
    payload = sent_payload(registry, sent.id)
    assert "household_id" not in payload and "customer_name" not in payload
    assert registry.households.log(WANG).entries == []


def test_a_sender_is_offered_the_households_intake_would_offer(registry):
    assert numbers(registry.sending.sender_households(PHONE)) == [WANG, YAN]
    assert numbers(registry.sending.sender_households(PHONE, "岩温")) == [YAN, WANG]
    assert numbers(registry.sending.sender_households(STRANGER, "王秀英")) == [WANG]
    assert numbers(registry.sending.sender_households(STRANGER, "张三")) == []
    assert numbers(registry.sending.sender_households("1391234", "")) == []  # still typing
    for phone, name in ((PHONE, ""), (PHONE, "岩温"), (STRANGER, "王秀英")):
        assert numbers(registry.sending.sender_households(phone, name)) == numbers(
            registry.parcels.recipient_households(phone, name)
        )


def test_a_sender_whose_phone_intake_linked_is_given_its_household(registry):
    registry.parcels.receive(
        waybill="YT7512345678901", recipient_phone=PHONE, recipient_name="岩温", household_id=YAN
    )
    found = registry.sending.sender_households(PHONE, "王秀英")
    assert found.linked is not None and found.linked.household_no == YAN
    assert found.candidates == []


def test_sending_marked_or_not_replays_and_an_old_sending_without_the_field_too(registry):
    send(registry, household_id=WANG)
    send(registry, sender_phone=STRANGER, sender_name="张三")
    result = registry.events.verify()
    assert result.ok, result.problems
    assert len(registry.households.log(WANG).entries) == 1
