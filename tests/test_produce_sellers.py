"""The purchase form's seller offers (``st.produce.sellers``) and the scale settings on the
produce line."""

from __future__ import annotations

import pytest

from stationapp.core.errors import ValidationError
from stationapp.scales import ScaleConfig
from tests.produce_helpers import HOUSEHOLD_NO, with_county


def test_a_household_is_offered_by_phone_tail_initials_and_name_and_an_earlier_seller_too(
    station,
):
    with_county(station)
    station.produce.buy(
        seller="玉罕",
        seller_phone="13900001111",
        product="八月瓜",
        grade="一级",
        quantity="2",
        unit="斤",
        unit_price="3",
        paid="cash",
    )
    for text in ("5678", "ywx", "岩温"):
        [hint] = station.produce.sellers(text)
        assert (hint.name, hint.household_id, hint.household_type) == (
            "岩温香",
            HOUSEHOLD_NO,
            "脱贫户",
        )
        assert hint.phone == "" and hint.phone_masked == "尾号5678"
    for text in ("1111", "yh", "玉"):
        [hint] = station.produce.sellers(text)
        assert (hint.name, hint.phone, hint.household_id) == ("玉罕", "13900001111", "")
    assert station.produce.sellers("  ") == []
    assert station.produce.sellers("9999") == []


def test_the_scale_settings_are_checked_and_read_by_the_scale_config(station):
    assert ScaleConfig.from_settings(station.settings.all()) is None  # no port: typed
    station.settings.set("scale.port", "COM3")
    station.settings.set("scale.baudrate", "1200")
    station.settings.set("scale.model", "st-gs")
    config = ScaleConfig.from_settings(station.settings.all())
    assert (config.port, config.baudrate, config.model) == ("COM3", 1200, "st-gs")
    for key, value in (("scale.baudrate", "9601"), ("scale.model", "acme")):
        with pytest.raises(ValidationError):
            station.settings.set(key, value)
