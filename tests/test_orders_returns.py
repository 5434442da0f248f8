"""After an order's return or cancellation: the goods sent back through the sending screen
(``order.return_sent``) and what the platform refunded to the station's account
(``order.platform_refunded``), each refusal writing nothing, and the manager's undo of each."""

from __future__ import annotations

import re

import pytest

from stationapp.core import StateError, ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.idcard import check_character
from stationapp.core.money import Money
from tests.orders_helpers import HOUSEHOLD, PHONE, new_order, register_household

ID_FIRST17 = "53092619900101001"


@pytest.fixture
def clock():
    manual = station_clock.ManualClock("2026-11-23T09:00:00+08:00")
    station_clock.set_clock(manual)
    return manual


def placed(station, **kwargs):
    order = new_order(station, **kwargs)
    station.orders.place(order.id, platform_order_no="PDD240001", paid="189.00", account="wechat")
    return order


def returned(station, **kwargs):
    order = placed(station, **kwargs)
    station.orders.arrive(order.id)
    balance = station.orders.get(order.id).balance_fen
    station.orders.deliver(order.id, money=Money.of("cash", balance) if balance else None)
    station.orders.record_return(order.id, reason="尺寸不对", refund=Money.of("cash", -5000))
    return order


def sending(station, waybill: str = "YT7512300000901"):
    return station.sending.send(
        sender_name="岩温",
        sender_phone=PHONE,
        id_type="resident_id",
        id_number=ID_FIRST17 + check_character(ID_FIRST17),
        item_name="退货 D112301",
        item_category="daily_goods",
        item_count=1,
        recipient_name="拼多多退货仓",
        recipient_phone="13987654321",
        recipient_address="浙江省金华市义乌市退货仓 1 号",
        carrier="YTO",
        weight_g=4000,
        fee_fen=1200,
        payment="cash",
        waybill=waybill,
    )


def count(station) -> int:
    return station.events.count()


def test_a_returned_order_links_the_sending_that_took_the_goods_back(station, clock):
    order = returned(station)
    sent = sending(station)
    event = station.orders.record_return_parcel(order.id, sent_id=sent.id)
    assert event.payload == {"sent_id": sent.id, "carrier": "YTO", "waybill": "YT7512300000901"}
    after = station.orders.get(order.id)
    assert after.state == "returned" and after.return_sent_id == sent.id
    assert (after.return_carrier, after.return_waybill) == ("YTO", "YT7512300000901")
    assert station.events.verify().ok


def test_a_return_parcel_is_refused_before_the_return_and_writes_nothing(station, clock):
    order = placed(station)
    sent = sending(station)
    before = count(station)
    with pytest.raises(StateError, match="placed"):
        station.orders.record_return_parcel(order.id, sent_id=sent.id)
    assert count(station) == before


def test_an_unknown_sending_or_a_second_return_parcel_is_refused(station, clock):
    order = returned(station)
    sent = sending(station)
    before = count(station)
    with pytest.raises(StateError, match="sending screen"):
        station.orders.record_return_parcel(order.id, sent_id="no-such-sending")
    assert count(station) == before
    station.orders.record_return_parcel(order.id, sent_id=sent.id)
    other = sending(station, waybill="YT7512300000902")
    before = count(station)
    with pytest.raises(StateError, match="YT7512300000901"):
        station.orders.record_return_parcel(order.id, sent_id=other.id)
    assert count(station) == before


def test_one_sending_takes_back_one_order(station, clock):
    first, second = returned(station), returned(station)
    sent = sending(station)
    station.orders.record_return_parcel(first.id, sent_id=sent.id)
    before = count(station)
    with pytest.raises(StateError, match=first.order_no):
        station.orders.record_return_parcel(second.id, sent_id=sent.id)
    assert count(station) == before


def test_the_manager_undoes_a_wrong_return_parcel(station, clock):
    order = returned(station)
    station.orders.record_return_parcel(order.id, sent_id=sending(station).id)
    station.orders.undo_last_step(order.id, reason="寄错了")
    after = station.orders.get(order.id)
    assert after.return_sent_id == "" and after.return_waybill == ""
    assert station.events.verify().ok


def test_the_platform_refunds_a_cancelled_order_into_the_account_in_parts(station, clock):
    order = placed(station)
    station.orders.cancel(order.id, reason="缺货", refund=Money.of("cash", -5000))
    station.orders.record_platform_refund(order.id, money=Money.of("wechat", 10000))
    event = station.orders.record_platform_refund(order.id, money=Money.of("wechat", 8900))
    assert event.payload == {"money": [{"method": "wechat", "fen": 8900}]}
    assert station.orders.get(order.id).platform_refunded_fen == 18900
    day = station.orders.day_totals()
    assert day.platform_refunds == 2 and day.platform_refunded_fen == 18900
    assert day.refunded_fen == 5000  # the villager's deposit, apart from the platform's money
    assert station.events.verify().ok


def test_the_platform_refund_of_a_household_order_carries_no_household(station, clock):
    register_household(station)
    customer = {"name": "岩温", "phone": PHONE, "household_id": HOUSEHOLD}
    order = returned(station, customer=customer)
    event = station.orders.record_platform_refund(order.id, money=Money.of("alipay", 18900))
    assert "household_id" not in event.payload


@pytest.mark.parametrize(
    ("money", "words"),
    [
        (Money.of("wechat", 18901), "at most ¥189.00"),
        (Money.of("cash", 1000), "wechat, alipay or bank"),
        (Money.of("wechat", -1000), "above"),
        (Money((*Money.of("wechat", 100).entries, *Money.of("bank", 100).entries)), "one amount"),
    ],
)
def test_a_platform_refund_beyond_the_price_or_not_into_an_account_is_refused(
    station, clock, money, words
):
    order = returned(station)
    before = count(station)
    with pytest.raises(ValidationError, match=re.escape(words)):
        station.orders.record_platform_refund(order.id, money=money)
    assert count(station) == before


def test_a_platform_refund_counts_the_earlier_ones(station, clock):
    order = returned(station)
    station.orders.record_platform_refund(order.id, money=Money.of("wechat", 18000))
    before = count(station)
    with pytest.raises(ValidationError, match=re.escape("at most ¥9.00")):
        station.orders.record_platform_refund(order.id, money=Money.of("wechat", 1000))
    assert count(station) == before


def test_an_order_never_placed_or_still_open_has_no_platform_refund(station, clock):
    never = new_order(station)
    station.orders.cancel(never.id, reason="不要了", refund=Money.of("cash", -5000))
    still_open = placed(station)
    before = count(station)
    with pytest.raises(StateError, match="never placed"):
        station.orders.record_platform_refund(never.id, money=Money.of("wechat", 100))
    with pytest.raises(StateError, match="placed"):
        station.orders.record_platform_refund(still_open.id, money=Money.of("wechat", 100))
    assert count(station) == before


def test_the_manager_undoes_a_platform_refund_as_the_last_step(station, clock):
    order = placed(station)
    station.orders.cancel(order.id, reason="缺货")
    station.orders.record_platform_refund(order.id, money=Money.of("bank", 18900))
    station.orders.undo_last_step(order.id, reason="输错金额")
    assert station.orders.get(order.id).platform_refunded_fen == 0
    assert station.orders.day_totals().platform_refunds == 0
    station.orders.record_platform_refund(order.id, money=Money.of("bank", 18900))
    assert station.events.verify().ok


def test_a_cancellation_is_not_voided_under_its_platform_refund(station, clock):
    order = placed(station)
    cancel = station.orders.cancel(order.id, reason="缺货")
    station.orders.record_platform_refund(order.id, money=Money.of("bank", 100))
    before = count(station)
    with pytest.raises(StateError, match="later step"):
        station.events.void(cancel.id, reason="取消错了")
    assert count(station) == before
