"""What the produce line refuses: each refusal names what is wrong and writes nothing."""

from __future__ import annotations

import pytest

from stationapp.core.errors import StateError, ValidationError
from tests.produce_helpers import events

BUY = {
    "seller": "岩香",
    "product": "大米",
    "grade": "一级",
    "quantity": "10",
    "unit": "斤",
    "unit_price": "2.5",
    "paid": "cash",
}


def _refused(station, error: type[Exception], match: str, action, **kwargs) -> None:
    before = events(station)
    with pytest.raises(error, match=match):
        action(**kwargs)
    assert events(station) == before


@pytest.mark.parametrize("quantity", ["0", "-3", "0.000", "abc", "", "1e30", "52.3755", "NaN"])
def test_a_weight_of_zero_or_less_too_big_too_fine_or_not_a_number_is_refused(station, quantity):
    _refused(
        station, ValidationError, "quantity", station.produce.buy, **BUY | {"quantity": quantity}
    )


def test_a_net_that_is_not_gross_less_tare_is_refused(station):
    weighing = {"source": "scale", "gross": "12", "tare": "1", "net": "10", "frame": "x"}
    _refused(
        station,
        ValidationError,
        "not gross",
        station.produce.buy,
        **BUY | {"weighing": weighing},
    )


def test_a_net_that_is_not_the_quantity_is_refused(station):
    weighing = {"source": "typed", "gross": "12", "tare": "1", "net": "11"}
    _refused(
        station,
        ValidationError,
        "not the quantity",
        station.produce.buy,
        **BUY | {"weighing": weighing},
    )


def test_a_scale_weight_without_the_scales_reading_is_refused(station):
    _refused(
        station,
        ValidationError,
        "scale's reading",
        station.produce.buy,
        **BUY | {"weighing": {"source": "scale", "net": "10"}},
    )


def test_a_price_with_a_fraction_of_a_fen_is_refused(station):
    _refused(
        station,
        ValidationError,
        "more than two decimals",
        station.produce.buy,
        **BUY | {"unit_price": "2.555"},
    )


def test_an_unknown_unit_is_refused(station):
    _refused(station, ValidationError, "not a unit", station.produce.buy, **BUY | {"unit": "吨"})


def test_an_unknown_grade_is_refused(station):
    _refused(
        station, ValidationError, "not a grade", station.produce.buy, **BUY | {"grade": "三级"}
    )


def test_counted_goods_in_fractions_are_refused(station):
    _refused(
        station,
        ValidationError,
        "whole numbers",
        station.produce.buy,
        **BUY | {"unit": "个", "quantity": "2.5"},
    )


def test_an_unknown_money_method_is_refused(station):
    _refused(
        station, ValidationError, "not a way money", station.produce.buy, **BUY | {"paid": "ious"}
    )


def test_an_unknown_channel_is_refused(station):
    station.produce.buy(**BUY)
    line = {"product": "大米", "grade": "一级", "unit": "斤", "quantity": "1", "unit_price": "3"}
    _refused(
        station,
        ValidationError,
        "not a sales channel",
        station.produce.sell,
        buyer="李老板",
        channel="地摊",
        lines=[line],
        paid="cash",
    )


def test_a_sale_beyond_the_stock_is_refused(station):
    station.produce.buy(**BUY)
    line = {"product": "大米", "grade": "一级", "unit": "斤", "quantity": "6", "unit_price": "3"}
    _refused(
        station,
        StateError,
        "Only 10 斤",
        station.produce.sell,
        buyer="李老板",
        channel="批发",
        lines=[line, line],
        paid="cash",
    )


def test_a_sale_of_goods_never_bought_is_refused(station):
    line = {"product": "茶叶", "grade": "一级", "unit": "斤", "quantity": "1", "unit_price": "3"}
    _refused(
        station,
        StateError,
        "Only 0",
        station.produce.sell,
        buyer="李老板",
        channel="批发",
        lines=[line],
        paid="cash",
    )


def test_a_sale_beyond_what_is_left_of_a_lot_is_refused(station):
    lot = station.produce.consign(
        consignor="玉罕",
        product="大米",
        grade="一级",
        quantity="5",
        unit="斤",
        asking_price="3",
        commission_percent="5",
    )
    station.produce.buy(**BUY)  # the station's own stock does not make up for the lot
    _refused(
        station,
        StateError,
        "Only 5",
        station.produce.sell,
        buyer="李老板",
        channel="批发",
        paid="cash",
        lines=[{"lot": lot.id, "quantity": "6", "unit_price": "3"}],
    )


def test_settling_goods_not_sold_yet_is_refused(station):
    lot = station.produce.consign(
        consignor="玉罕",
        product="大米",
        grade="一级",
        quantity="5",
        unit="斤",
        asking_price="3",
        commission_percent="5",
    )
    _refused(station, StateError, "sold yet", station.produce.settle, lot_id=lot.id)


def test_settling_twice_is_refused(station):
    lot = station.produce.consign(
        consignor="玉罕",
        product="大米",
        grade="一级",
        quantity="5",
        unit="斤",
        asking_price="3",
        commission_percent="5",
    )
    station.produce.sell(
        buyer="李老板",
        channel="批发",
        paid="cash",
        lines=[{"lot": lot.id, "quantity": "5", "unit_price": "3"}],
    )
    station.produce.settle(lot.id)
    _refused(station, StateError, "settled already", station.produce.settle, lot_id=lot.id)


def test_a_commission_given_both_ways_or_neither_is_refused(station):
    consign = {
        "consignor": "玉罕",
        "product": "大米",
        "grade": "一级",
        "quantity": "5",
        "unit": "斤",
        "asking_price": "3",
    }
    _refused(station, ValidationError, "one of the two", station.produce.consign, **consign)
    _refused(
        station,
        ValidationError,
        "one of the two",
        station.produce.consign,
        **consign | {"commission_percent": "5", "commission_per_unit": 10},
    )
    _refused(
        station,
        ValidationError,
        "0 to 100",
        station.produce.consign,
        **consign | {"commission_percent": "120"},
    )


def test_money_entries_that_do_not_add_up_to_the_amount_are_refused(station):
    from stationapp.core.money import Money

    _refused(
        station,
        ValidationError,
        "comes to",
        station.produce.buy,
        **BUY | {"paid": Money.of("cash", -100)},
    )
