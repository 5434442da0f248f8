"""The county's feed at the station (DESIGN §5): reference data in local tables, county events
kept once and applied, the pull inside a sync round, and the GUI's page-by-page pull.

Pages are made by hand in the feed's exact shape, so the station's side is tested on its own;
the rounds run against the real county center on 127.0.0.1 (a fault-injecting proxy between
where a fault is wanted).

The large registry's figures (a page of 5,000 households taken, the longest time the database
thread is held, the whole registry's arrival) print as JSON lines; for the 100,000-household
registry of the issue: ``STATIONAPP_FEED_HOUSEHOLDS=100000 python -m pytest -s -k registry
tests/test_county_feed.py``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stationapp.core import Station, idcard
from stationapp.core.county.events import CountyEvent
from stationapp.core.county.feed import NO_HANDLER
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.lines import projections_of_every_line
from tests.county_server import LoopbackCounty
from tests.line_stubs import stub_line

COUNTY_TABLES = (
    "county_households",
    "county_catalog",
    "county_billers",
    "county_sms_templates",
    "county_announcements",
    "county_settings",
    "county_events",
    "county_feed",
    "county_feed_unknown",
)
SALT = "d3b07384d113edec49eaa6238ad5ff00"  # an older county's registry salt (its UTF-8 bytes key)
TAG_KEY = bytes.fromhex("00112233445566778899aabbccddeeff")  # the county's household tag key
HEAD_ID = "53092619800101001X"  # a head of household's ID number (its check digit is X)


def check_id(first17: str) -> str:
    return first17 + idcard.check_character(first17)


def household(no: str, name: str, **fields: Any) -> dict[str, Any]:
    base = {
        "household_no": no,
        "head_name": name,
        "id_tail": "001X",
        "members": 4,
        "township": "孟定镇",
        "village": "芒艾村",
        "natural_village": "芒艾上寨",
        "household_type": "脱贫户",
        "monitoring_type": "",
        "risk_cleared": False,
        "causes": ["因病"],
        "phone_masked": "尾号5678",
    }
    return base | fields


def change(kind: str, key: str, data: dict[str, Any] | None, cursor: str = "1") -> dict[str, Any]:
    op = "delete" if data is None else "upsert"
    return {"cursor": cursor, "kind": kind, "op": op, "key": key, "data": data or {}}


def county_event(event_id: str, type_: str = "test.noted", **payload: Any) -> dict[str, Any]:
    data = {
        "id": event_id,
        "type": type_,
        "entity_id": "text-1",
        "occurred_at": "2026-11-25T09:00:00.000+08:00",
        "payload": payload,
    }
    return change("event", event_id, data)


def log_types(station: Station) -> list[str]:
    return [event.type for event in station.log.iter_events()]


@pytest.fixture
def noted(monkeypatch) -> Iterator[list[CountyEvent]]:
    """A handler for the county event type ``test.noted``: it records the station's own event
    ``test.county_noted`` through the batch, as a state machine would."""
    seen: list[CountyEvent] = []

    def _noted(batch, event: CountyEvent) -> None:
        seen.append(event)
        batch.append("test.county_noted", entity_id=event.entity_id, payload={"via": "county"})

    with stub_line(monkeypatch, {"test.noted": _noted}):
        yield seen


@pytest.fixture
def refused(monkeypatch) -> Iterator[None]:
    """A handler whose state machine refuses (a bill voided meanwhile), after writing."""

    def _refused(batch, event: CountyEvent) -> None:
        batch.append("test.county_noted", entity_id=event.entity_id, payload={})
        raise StateError(
            QT_TRANSLATE_NOOP("UserError", "The bill {bill} was voided here."), bill="b-1"
        )

    with stub_line(monkeypatch, {"test.refused": _refused}):
        yield


# --- a page of reference data ------------------------------------------------------------------

KIND_CASES = [
    ("household", "5309260101001", household("5309260101001", "岩温")),
    (
        "catalog",
        "TEA-001",
        {
            "code": "TEA-001",
            "name": "勐库大叶种晒青毛茶",
            "category": "茶叶",
            "unit": "斤",
            "price_fen": 8800,
            "certified": True,
            "household_no": "5309260101001",
        },
    ),
    (
        "biller",
        "YN-POWER",
        {
            "code": "YN-POWER",
            "name": "云南电网",
            "kind": "electricity",
            "account_label": "户号",
            "min_fen": 1000,
            "max_fen": 500000,
            "fee_fen": 0,
            "active": True,
        },
    ),
    (
        "sms_template",
        "parcel_arrival",
        {"name": "parcel_arrival", "text": "您的快递已到{station}", "provider_code": "SMS_1"},
    ),
    (
        "announcement",
        "a-1",
        {
            "id": "a-1",
            "title": "春耕农资下乡",
            "body": "周六在村委会门口集中供应化肥。",
            "published_at": "2026-01-10T08:00:00+08:00",
            "expires_at": "",
            "township": "",
        },
    ),
    ("setting", "places", {"value": {"townships": [{"name": "孟定镇", "villages": ["芒艾村"]}]}}),
]


def read_back(station: Station, kind: str, key: str) -> Any:
    county = station.county
    return {
        "household": lambda: county.household(key),
        "catalog": lambda: next((i for i in county.catalog() if i.code == key), None),
        "biller": lambda: next((b for b in county.billers() if b.code == key), None),
        "sms_template": lambda: county.template(key),
        "announcement": lambda: next((a for a in county.announcements() if a.id == key), None),
        "setting": lambda: county.setting(key),
    }[kind]()


@pytest.mark.parametrize(("kind", "key", "data"), KIND_CASES, ids=[c[0] for c in KIND_CASES])
def test_an_upsert_lands_in_its_local_table_and_a_tombstone_removes_it(station, kind, key, data):
    station.county.apply_page([change(kind, key, data, "1")], "1")
    assert read_back(station, kind, key) is not None
    station.county.apply_page([change(kind, key, None, "2")], "2")
    assert read_back(station, kind, key) is None
    assert station.county.cursor() == "2"


def test_the_reference_data_reads_back_as_the_county_sent_it(station):
    station.county.apply_page([change(kind, key, data) for kind, key, data in KIND_CASES], "6")
    found = station.county.household("5309260101001")
    assert found.head_name == "岩温" and found.members == 4 and found.causes == ["因病"]
    assert found.household_type == "脱贫户" and found.phone_masked == "尾号5678"
    (tea,) = station.county.catalog("茶叶")
    assert (tea.price_fen, tea.certified, tea.household_no) == (8800, True, "5309260101001")
    (power,) = station.county.billers()
    assert (power.kind, power.account_label, power.max_fen) == ("electricity", "户号", 500000)
    assert station.county.template("parcel_arrival").provider_code == "SMS_1"
    assert station.county.setting("places")["townships"][0]["villages"] == ["芒艾村"]
    assert station.county.setting("missing", "none") == "none"


def test_an_item_changed_at_the_county_is_updated_here(station):
    station.county.apply_page([change("household", "H1", household("H1", "岩温"), "1")], "1")
    moved = household("H1", "岩温", members=5, monitoring_type="边缘易致贫户", risk_cleared=True)
    station.county.apply_page([change("household", "H1", moved, "7")], "7")
    found = station.county.household("H1")
    assert (found.members, found.monitoring_type, found.risk_cleared) == (5, "边缘易致贫户", True)
    assert station.county.households.count() == 1


def test_an_inactive_biller_is_not_offered_but_is_kept(station):
    biller = dict(KIND_CASES[2][2], active=False)
    station.county.apply_page([change("biller", "YN-POWER", biller)], "1")
    assert station.county.billers() == []
    assert [b.code for b in station.county.billers(active_only=False)] == ["YN-POWER"]


def test_a_page_and_its_cursor_are_taken_together_or_not_at_all(station, monkeypatch):
    from stationapp.core.county import kinds as county_kinds

    station.county.apply_page([change("household", "H1", household("H1", "岩温"))], "1")
    good = county_kinds.KINDS["catalog"]
    broken = county_kinds.Kind(good.table, good.key, good.columns, lambda *a: 1 / 0)
    monkeypatch.setitem(county_kinds.KINDS, "catalog", broken)
    page = [
        change("household", "H2", household("H2", "玉香"), "2"),
        change("catalog", "TEA-001", KIND_CASES[1][2], "3"),
    ]
    with pytest.raises(ZeroDivisionError):
        station.county.apply_page(page, "3")
    assert station.county.household("H2") is None
    assert station.county.cursor() == "1"


def test_a_change_of_a_kind_this_version_does_not_know_is_kept_aside(station):
    page = [
        change("voucher", "V-1", {"amount_fen": 500}, "1"),
        change("setting", "k", {"value": 1}),
    ]
    taken = station.county.apply_page(page, "2")
    assert (taken.changes, taken.kept_aside) == (2, 1)
    row = station.conn.execute("SELECT kind, key, op, data FROM county_feed_unknown").fetchone()
    assert tuple(row[:3]) == ("voucher", "V-1", "upsert")
    assert json.loads(row[3]) == {"amount_fen": 500}
    assert station.county.setting("k") == 1
    assert station.county.cursor() == "2"


def test_a_tombstone_may_come_with_no_data_at_all(station):
    station.county.apply_page([change("announcement", "a-1", KIND_CASES[4][2])], "1")
    tombstone = {"cursor": "2", "kind": "announcement", "op": "delete", "key": "a-1", "data": None}
    station.county.apply_page([tombstone], "2")
    assert station.county.announcements() == []


# --- the household registry ------------------------------------------------------------------


@pytest.fixture
def registry(station) -> Station:
    tag = idcard.id_tag(HEAD_ID, TAG_KEY)
    other = (tag + 1) % 16  # the same tail, another tag: another head
    page = [
        change("setting", "household.id_tag_key", {"value": TAG_KEY.hex()}),
        change("household", "5309260101001", household("5309260101001", "岩温", id_tag=tag)),
        change("household", "5309260101002", household("5309260101002", "张三丰", id_tag=other)),
        change("household", "5309260101003", household("5309260101003", "单小明", id_tag=other)),
        change(
            "household",
            "5309260102001",
            household(
                "5309260102001", "玉香", village="景信村", natural_village="回俄", id_tag=other
            ),
        ),
    ]
    station.county.apply_page(page, "5")
    return station


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("5309260101002", ["5309260101002"]),  # a whole 户编号
        ("53092601010", ["5309260101001", "5309260101002", "5309260101003"]),  # its start
        ("张三", ["5309260101002"]),  # the start of a head's name
        ("zsf", ["5309260101002"]),  # pinyin initials
        ("ZS", ["5309260101002"]),  # in capitals
        ("zhangsan", ["5309260101002"]),  # full pinyin
        ("sxm", ["5309260101003"]),  # 单 as a surname reads shan
        ("景信村", ["5309260102001"]),  # a village
        ("回俄", ["5309260102001"]),  # a natural village
        ("王", []),
    ],
)
def test_a_household_is_found_by_number_name_initials_or_village(registry, typed, found):
    assert [h.household_no for h in registry.county.households.find(typed)] == found


@pytest.mark.parametrize("typed", [HEAD_ID, HEAD_ID.lower(), "530926 19800101 001x"])
def test_a_household_is_found_by_its_head_s_typed_id_number_through_tail_and_tag(registry, typed):
    (found,) = registry.county.households.find(typed)
    assert found.household_no == "5309260101001"
    assert (found.id_tail, found.id_masked) == ("001X", "*" * 14 + "001X")
    stored = registry.conn.execute("SELECT * FROM county_households").fetchall()
    held = repr([tuple(row) for row in stored])
    assert HEAD_ID[6:14] not in held and HEAD_ID[:17] not in held  # only the tail is held


def test_a_typed_id_number_with_a_wrong_check_digit_is_refused_with_what_to_do(registry):
    wrong = HEAD_ID[:17] + "3"
    with pytest.raises(ValidationError, match=r"check digit .* is wrong"):
        registry.county.households.find(wrong)


def test_before_the_county_sent_tags_a_typed_id_number_finds_the_households_of_its_tail(station):
    page = [
        change("household", "H1", household("H1", "岩温")),
        change("household", "H2", household("H2", "玉香", id_tail="0027")),
    ]
    station.county.apply_page(page, "1")
    assert [h.household_no for h in station.county.households.find(HEAD_ID)] == ["H1"]


def test_an_older_county_s_salt_and_hashes_are_never_kept_only_the_tail(station):
    older = household("H1", "岩温", id_masked="530926********001X", id_hash="ab" * 32)
    del older["id_tail"]
    page = [
        change("setting", "household.id_salt", {"value": SALT}),
        change("household", "H1", older),
    ]
    station.county.apply_page(page, "1")
    assert station.county.setting("household.id_salt") is None
    (row,) = station.conn.execute("SELECT id_tail, id_tag FROM county_households").fetchall()
    assert tuple(row) == ("001X", None)
    everything = station.conn.execute("SELECT * FROM county_households").fetchall()
    assert "530926" not in repr([tuple(r) for r in everything]) and "abab" not in repr(everything)


# --- county events -----------------------------------------------------------------------------


def test_a_county_event_s_handler_records_the_station_s_own_event_in_the_same_page(station, noted):
    taken = station.county.apply_page([county_event("ce-1", text_id="text-1")], "1")
    assert taken.events == 1
    assert [e.id for e in noted] == ["ce-1"] and noted[0].payload == {"text_id": "text-1"}
    assert log_types(station)[-1] == "test.county_noted"
    assert [e.type for e in taken.recorded] == ["test.county_noted"]
    (kept,) = station.county.county_events()
    assert kept.applied and kept.note == "" and kept.entity_id == "text-1"
    assert station.events.verify().ok


def test_a_county_event_is_stored_and_applied_once_even_when_its_page_comes_twice(station, noted):
    page = [county_event("ce-1"), change("setting", "k", {"value": 2}, "2")]
    station.county.apply_page(page, "2")
    count = station.events.count()
    again = station.county.apply_page(page, "2")
    assert again.events == 0
    assert len(noted) == 1
    assert station.events.count() == count
    assert len(station.county.county_events()) == 1


def test_a_county_event_the_state_machine_refuses_is_kept_for_attention_and_the_page_goes_on(
    station, refused, noted
):
    count = station.events.count()
    page = [
        county_event("ce-1", "test.refused"),
        change("setting", "k", {"value": 3}, "2"),
        county_event("ce-2", "test.noted"),
    ]
    station.county.apply_page(page, "3")
    (attention,) = station.county.county_events(needs_attention=True)
    assert attention.id == "ce-1" and not attention.applied
    assert attention.note == "The bill b-1 was voided here."
    assert station.county.setting("k") == 3
    # what the refused handler wrote is undone; the next handler's event follows the chain
    assert station.events.count() == count + 1
    assert station.events.verify().ok


def test_a_county_event_no_handler_knows_is_kept_not_applied(station):
    count = station.events.count()
    station.county.apply_page([county_event("ce-9", "bill.paid", bill_id="b-7")], "1")
    (kept,) = station.county.county_events(needs_attention=True)
    assert (kept.type, kept.payload, kept.applied) == ("bill.paid", {"bill_id": "b-7"}, False)
    assert kept.note == NO_HANDLER
    assert station.events.count() == count


def test_the_county_s_tables_are_local_not_compared_by_verify_nor_emptied_by_a_rebuild(
    station, noted
):
    assert not set(COUNTY_TABLES) & set(projections_of_every_line().tables)
    station.county.apply_page([*[change(k, key, d) for k, key, d in KIND_CASES]], "6")
    station.county.apply_page([county_event("ce-1")], "7")
    assert station.events.verify().ok
    assert station.county.households.count() == 1 and station.county.cursor() == "7"


# --- rounds against the county center ---------------------------------------------------------


def county_households(county: LoopbackCounty, count: int) -> None:
    """``count`` households of the station's township at the county, hashed with its salt."""
    add_households(county.storage, county.settings.data_dir, count)


def add_households(storage: Any, data_dir: Path, count: int) -> None:
    from sync.server.reference import household_registry, id_keys

    salt = id_keys.registry_salt(data_dir)
    with storage.engine.begin() as conn:
        key = id_keys.id_tag_key(conn)
    numbers = [check_id(f"53092619800101{n % 1000:03d}") for n in range(count)]
    items = [
        household_registry.Household(
            household_no=f"53092601{n:07d}",
            head_name=("岩温", "玉香", "张三丰", "李小明")[n % 4] + str(n),
            id_masked=numbers[n][:6] + "*" * 8 + numbers[n][-4:],
            id_hash="",
            id_tag=idcard.id_tag(numbers[n], key),
            members=1 + n % 6,
            township="孟定镇",
            village=("芒艾村", "景信村")[n % 2],
            natural_village="芒艾上寨",
            household_type="脱贫户",
            monitoring_type="",
            risk_cleared=False,
            causes=("因病",),
            phone_masked="尾号5678",
        )
        for n in range(count)
    ]
    household_registry.upsert_households(storage, items, salt=salt)


def feed_requests(proxy) -> list[str]:
    return [path for _method, path, _fault in proxy.seen if "/sync/feed" in path]


def after_of(path: str) -> str:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(path).query, keep_blank_values=True)["after"][0]


def test_a_round_takes_the_county_s_reference_data_and_its_history_says_how_much(station, county):
    from sync.server.reference import announcements

    county.join(station)
    announcements.announce(
        county.storage, title="春耕农资下乡", body="周六在村委会门口集中供应化肥。"
    )
    county_households(county, 3)
    taken: list[int] = []
    report = station.sync.run(feed_progress=taken.append)
    assert report.ok, report.detail
    assert [a.title for a in station.county.announcements()] == ["春耕农资下乡"]
    assert station.county.households.count() == 3
    assert report.taken >= 4 and taken[-1] == report.taken
    assert station.sync.history()[0].taken == report.taken
    assert station.events.verify().ok
    again = station.sync.run()
    assert again.ok and again.taken == 0


def test_the_pull_asks_again_while_the_county_says_more(station, county, proxy, monkeypatch):
    from stationapp.core.sync import facade as sync

    monkeypatch.setattr(sync, "FEED_PAGE", 2)
    county.join(station, proxy.base_url)
    county_households(county, 5)
    report = station.sync.run()
    assert report.ok, report.detail
    assert station.county.households.count() == 5
    asked = feed_requests(proxy)
    assert len(asked) == report.feed_pages >= 3
    assert all("limit=2" in path for path in asked)
    afters = [after_of(path) for path in asked]
    assert afters[0] == "" and len(set(afters)) == len(afters)  # each page after the last


def test_a_failure_mid_pull_keeps_the_pages_taken_and_the_next_round_resumes(
    station, county, proxy, monkeypatch
):
    from stationapp.core.sync import facade as sync

    monkeypatch.setattr(sync, "FEED_PAGE", 2)
    county.join(station, proxy.base_url)
    county_households(county, 5)
    proxy.then("pass", "pass", "pass", "refuse")  # head, push, the feed's first page, cut
    failed = station.sync.run()
    assert failed.error == "offline"
    assert failed.taken == 2 and station.sync.history()[0].taken == 2  # the first page stayed
    assert station.county.households.count() < 5
    cursor = station.county.cursor()
    assert cursor

    asked_before = len(feed_requests(proxy))
    resumed = station.sync.run()
    assert resumed.ok, resumed.detail
    assert station.county.households.count() == 5
    assert after_of(feed_requests(proxy)[asked_before]) == cursor  # on from the kept cursor


def test_a_captive_portal_page_instead_of_the_feed_is_a_failure_and_nothing_is_taken(
    station, county, proxy
):
    county.join(station, proxy.base_url)
    county_households(county, 3)
    proxy.then("pass", "pass", "html_200")
    report = station.sync.run()
    assert report.error == "not_the_county"
    assert station.county.households.count() == 0 and station.county.cursor() == ""
    assert "Wi-Fi login page" in station.sync.status().last_error


def test_a_county_event_through_the_feed_reaches_its_handler_once(station, county, noted):
    from sync.server.ingest import add_county_event

    station_id = county.join(station)
    add_county_event(
        county.storage,
        station_id,
        event_id="ce-77",
        type="test.noted",
        entity_id="text-9",
        payload={"text_id": "text-9"},
    )
    assert station.sync.run().ok
    assert station.sync.run().ok
    assert [e.id for e in noted] == ["ce-77"]
    assert log_types(station).count("test.county_noted") == 1
    assert station.events.verify().ok


def test_after_a_round_a_household_is_found_by_its_head_s_typed_id_number(station, county):
    county.join(station)
    county_households(county, 20)
    assert station.sync.run().ok
    (found,) = station.county.households.find(check_id("53092619800101007"))
    assert found.household_no == "530926010000007"


# --- the GUI's pull: page by page, the database thread free between pages ---------------------


@pytest.fixture
def runner(qtbot, station, worker):
    import shiboken6
    from PySide6.QtCore import QObject

    from stationapp.ui.runners.sync_runner import SyncRunner

    holder = QObject()
    made = SyncRunner(station, worker, holder, interval_ms=0)
    yield made
    made.stop()
    qtbot.waitUntil(lambda: worker.idle, timeout=20000)
    shiboken6.delete(holder)


def test_the_runner_takes_the_feed_page_by_page_and_other_work_runs_between_pages(
    qtbot, station, worker, county, runner, monkeypatch
):
    from stationapp.core.sync import facade as sync

    monkeypatch.setattr(sync, "FEED_PAGE", 40)
    worker.wait_for(county.join, station)
    county_households(county, 400)
    order: list[str] = []
    told: list[Any] = []
    runner.changed.connect(told.append)

    def between_pages(taken: int) -> None:
        order.append(f"page {taken}")
        if len(order) == 1:  # a window asks something while the registry arrives
            worker.call(lambda: order.append("window's job"))

    runner.feed_progress.connect(between_pages)
    with qtbot.waitSignal(runner.round_finished, timeout=30000) as finished:
        runner.sync_now()
    report = finished.args[0]
    assert report.ok, report.detail
    assert worker.wait_for(station.county.households.count) == 400
    assert report.feed_pages >= 10
    assert order.index("window's job") < len(order) - 1  # served before the last page
    assert any("household" in changes.county_kinds for changes in told)
    assert worker.wait_for(station.sync.history)[0].taken == report.taken


def test_the_runner_s_pull_cut_off_keeps_its_pages_and_the_round_says_offline(
    qtbot, station, worker, county, proxy, runner, monkeypatch
):
    from stationapp.core.sync import facade as sync

    monkeypatch.setattr(sync, "FEED_PAGE", 2)
    worker.wait_for(county.join, station, proxy.base_url)
    county_households(county, 5)
    proxy.then("pass", "pass", "pass", "refuse")
    with qtbot.waitSignal(runner.round_finished, timeout=20000) as finished:
        runner.sync_now()
    assert finished.args[0].error == "offline"
    assert worker.wait_for(station.county.cursor) != ""
    history = worker.wait_for(station.sync.history)
    assert history[0].taken == 2 and not history[0].ok


# --- a large registry: the figures -------------------------------------------------------------


def figure(name: str, value: float, unit: str, **extra: Any) -> None:
    print(json.dumps({"bench": name, "value": value, "unit": unit, **extra}))


class CountyProcess:
    """``county-center serve`` in a process of its own on 127.0.0.1, as a station meets it:
    the county's work does not share this process (and its interpreter lock) with the app."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.process: subprocess.Popen | None = None
        self.base_url = ""

    def command(self, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", CLI, "--data-dir", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            check=True,
            env=os.environ | {"PYTHONPATH": str(ROOT)},
        )
        return done.stdout

    def new_station(self) -> str:
        made = json.loads(self.command("create-station", "--name", "芒艾村服务站",
                                       "--township", "孟定镇", "--village", "芒艾村"))  # fmt: skip
        return made["enrollment_code"]

    def storage(self):
        from sync.server.settings import Settings
        from sync.server.storage import Storage

        return Storage.open(Settings(data_dir=self.data_dir, token_secret="t" * 48))

    def serve(self) -> None:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-c", CLI, "--data-dir", str(self.data_dir), "serve", "--port",
             str(port)],
            env=os.environ | {"PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def answers(self) -> bool:
        import urllib.request

        assert self.process is not None and self.process.poll() is None, "the county stopped"
        try:
            with urllib.request.urlopen(self.base_url + "/healthz", timeout=2):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)


ROOT = Path(__file__).resolve().parents[1]
CLI = "import sys; from sync.server.cli import main; sys.exit(main())"


@pytest.fixture
def county_process(tmp_path: Path) -> Iterator[CountyProcess]:
    county = CountyProcess(tmp_path / "county-process")
    yield county
    county.stop()


def test_a_large_registry_reaches_a_fresh_station_in_time_with_the_database_thread_free(
    qtbot, station, worker, county_process, runner
):
    households = int(os.environ.get("STATIONAPP_FEED_HOUSEHOLDS", "10000"))
    code = county_process.new_station()
    storage = county_process.storage()
    try:
        add_households(storage, county_process.data_dir, households)
    finally:
        storage.close()
    county_process.serve()
    qtbot.waitUntil(county_process.answers, timeout=60000)
    worker.wait_for(station.sync.enroll, county_process.base_url, code)
    longest_wait = [0.0]
    probing = [True]

    def probe() -> None:  # what a window feels: how long its job waits for the thread
        asked = time.perf_counter()
        worker.call(lambda: None, on_done=lambda _: answered(asked))

    def answered(asked: float) -> None:
        longest_wait[0] = max(longest_wait[0], time.perf_counter() - asked)
        if probing[0]:
            probe()

    started = time.perf_counter()
    with qtbot.waitSignal(runner.round_finished, timeout=120000) as finished:
        runner.sync_now()
        probe()
    elapsed = time.perf_counter() - started
    probing[0] = False
    report = finished.args[0]
    assert report.ok, report.detail
    assert worker.wait_for(station.county.households.count) == households

    page = [
        change("household", f"P{n:07d}", household(f"P{n:07d}", f"李小明{n}"), str(n))
        for n in range(5000)
    ]
    t0 = time.perf_counter()
    worker.wait_for(station.county.apply_page, page, "5000")
    page_ms = (time.perf_counter() - t0) * 1000
    figure("feed_registry", round(elapsed, 2), "s", households=households)
    figure("feed_page_5000_households", round(page_ms), "ms")
    figure("feed_longest_db_hold", round(runner.feed.longest_take_s * 1000), "ms")
    figure("feed_longest_window_wait", round(longest_wait[0] * 1000), "ms")
    assert elapsed <= 30 * max(households, 20000) / 100000 + 5
    assert runner.feed.longest_take_s < 2.0
    assert longest_wait[0] < 2.5
