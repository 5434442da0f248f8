"""The household log's finding and its services without money: a registered household found by
户编号, name, pinyin initials, a phone tail or a member's name; ``household.helped`` and its
refusals; the home page's figure."""

from __future__ import annotations

import pytest

from stationapp.core import ValidationError
from stationapp.core import clock as station_clock
from stationapp.core.lines import projections_of_every_line
from tests.households_registry import STUB_TYPES, bought, household, register
from tests.line_stubs import stub_line


@pytest.fixture
def clock():
    manual = station_clock.ManualClock("2026-11-23T09:00:00+08:00")
    station_clock.set_clock(manual)
    yield manual
    station_clock.set_clock(None)


@pytest.fixture
def registry(station):
    register(
        station,
        household("5309260101000001", "岩温", phone_masked="尾号1234"),
        household(
            "5309260101000002",
            "张三",
            members=2,
            village="芒杏村",
            household_type="普通农户",
            monitoring_type="边缘易致贫户",
        ),
        household("5309260101000003", "李小明", phone_masked=""),
    )
    return station


def numbers(found) -> list[str]:
    return [f.household_no for f in found]


def test_a_household_is_found_by_its_number(registry):
    [found] = registry.households.find("5309260101000002")
    assert found.household.head_name == "张三"
    assert found.household.monitoring_type == "边缘易致贫户" and found.monitored
    assert (found.household.village, found.household.members) == ("芒杏村", 2)


def test_a_household_is_found_by_the_heads_name_and_its_pinyin_initials(registry):
    assert numbers(registry.households.find("李小明")) == ["5309260101000003"]
    assert numbers(registry.households.find("lxm")) == ["5309260101000003"]
    assert numbers(registry.households.find("zs")) == ["5309260101000002"]


def test_a_household_is_found_by_its_phone_tail(registry):
    assert numbers(registry.households.find("1234")) == ["5309260101000001"]
    assert numbers(registry.households.find("5678")) == ["5309260101000002"]


def test_a_household_is_found_by_the_name_of_a_member_the_station_has_met(
    registry, monkeypatch, clock
):
    with stub_line(monkeypatch, event_types=STUB_TYPES):
        bought(registry, "5309260101000001", 4375, customer_name="玉香")
    assert numbers(registry.households.find("玉香")) == ["5309260101000001"]
    assert numbers(registry.households.find("yx")) == ["5309260101000001"]
    [found] = registry.households.find("5309260101000001")
    assert found.people == ("玉香",)


def test_nothing_typed_finds_nothing(registry):
    assert registry.households.find("  ") == []


def test_a_service_without_money_lands_in_the_households_log(registry, clock):
    event = registry.households.helped(
        "5309260101000001", kind="training", note="咖啡修剪培训", customer_name="玉香"
    )
    assert event.type == "household.helped"
    assert "money" not in event.payload
    page = registry.households.log("5309260101000001", "2026-11")
    [entry] = page.entries
    assert (entry.service, entry.service_kind, entry.note) == (True, "training", "咖啡修剪培训")
    assert page.totals.services == 1 and page.totals.income_fen == 0
    assert registry.events.verify().ok


@pytest.mark.parametrize(
    ("household_no", "kind", "note", "name"),
    [
        ("5309269999999999", "advice", "咨询小额信贷", ""),
        ("5309260101000001", "dancing", "咨询小额信贷", ""),
        ("5309260101000001", "advice", "x", ""),
        ("5309260101000001", "advice", "长" * 201, ""),
        ("5309260101000001", "advice", "咨询小额信贷", "名" * 31),
    ],
    ids=["unregistered", "unknown kind", "note too short", "note too long", "name too long"],
)
def test_a_service_is_refused_and_nothing_is_written(registry, household_no, kind, note, name):
    before = registry.events.count()
    with pytest.raises(ValidationError):
        registry.households.helped(household_no, kind=kind, note=note, customer_name=name)
    assert registry.events.count() == before


def test_a_manager_voids_a_service_and_it_leaves_the_log(registry, clock):
    event = registry.households.helped("5309260101000001", kind="advice", note="咨询小额信贷")
    registry.events.void(event.id, reason="记错户了")
    assert registry.households.log("5309260101000001").entries == []
    assert registry.events.verify().ok


def test_the_home_page_counts_the_households_helped_this_month(registry, clock):
    registry.households.helped("5309260101000001", kind="advice", note="咨询小额信贷")
    registry.households.helped("5309260101000001", kind="form", note="帮填表格")
    registry.households.helped("5309260101000002", kind="form", note="帮填表格")
    clock.advance(days=10)  # December: a new month
    registry.households.helped("5309260101000003", kind="form", note="帮填表格")
    assert registry.today().more["households_helped_month"] == 1
    assert registry.households.station_totals("2026-11").households_helped == 2


def test_a_period_in_another_shape_is_refused(registry):
    with pytest.raises(ValidationError):
        registry.households.log("5309260101000001", "November")


def test_the_follower_keeps_every_event_type(station):
    followers = projections_of_every_line().followers_of("any.type")
    assert any(f.revert is not None for f in followers)
