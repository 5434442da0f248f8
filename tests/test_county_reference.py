"""Reference data at the county and the feed that carries it, over real HTTP (uvicorn on
127.0.0.1, one server per module and database kind: SQLite, then a real PostgreSQL).

Every test works in townships of its own and reads the feed after the cursor it started at, so
the tests sharing the server do not see each other's items.
"""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import csv
import itertools
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from stationapp.core import clock, ids
from sync import protocol
from sync.server import ingest
from sync.server.reference import billers, catalog, household_registry, id_keys
from sync.server.reference.billers import Biller
from sync.server.reference.catalog import CatalogItem
from sync.server.reference.household_registry import Household
from sync.server.storage import MIGRATIONS, Storage, create_engine
from tests.county_db import (  # noqa: F401  (fixtures)
    county_database_kind,
    county_database_url,
)
from tests.county_server import ServedCounty

_numbers = itertools.count(1)


@pytest.fixture(scope="module")
def county(tmp_path_factory, county_database_kind):
    with County.on(county_database_kind, tmp_path_factory.mktemp("county")) as server:
        yield server


class County(ServedCounty):
    """What the reference tests ask of the county: stations of their own townships, its salt."""

    def station(self, township: str) -> Station:
        created = self.cli(
            "create-station", "--name", f"{township}服务站", "--township", township,
            "--village", "中心村",
        )  # fmt: skip
        body = {"code": created["enrollment_code"], "device_name": "pc", "app_version": "0.1"}
        answer = self.http.post(self.base_url + protocol.ENROLL_PATH, json=body, timeout=10)
        assert answer.status_code == 200, answer.text
        return Station(self, answer.json()["station_id"], answer.json()["token"])

    @property
    def salt(self) -> str:
        return id_keys.registry_salt(self.data_dir)

    def last_cursor(self) -> int:
        with self.storage.engine.connect() as conn:
            return conn.execute(sa.text("SELECT last_cursor FROM feed_clock")).scalar_one()


class Station:
    def __init__(self, county: County, station_id: str, token: str) -> None:
        self.county = county
        self.id = station_id
        self.token = token

    def get_feed(self, **params: Any) -> requests.Response:
        return self.county.http.get(
            self.county.base_url + protocol.FEED_PATH,
            params=params,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )

    def feed(self, after: str = "", limit: int | None = None) -> dict[str, Any]:
        params = {"after": after} | ({"limit": limit} if limit else {})
        answer = self.get_feed(**params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def pages(self, after: str = "", limit: int | None = None) -> list[dict[str, Any]]:
        pages = [self.feed(after, limit)]
        while pages[-1]["more"]:
            pages.append(self.feed(pages[-1]["next"], limit))
        return pages

    def changes(self, after: str = "", *, kind: str | None = None) -> list[dict[str, Any]]:
        found = [change for page in self.pages(after) for change in page["changes"]]
        return [change for change in found if kind is None or change["kind"] == kind]

    def now(self) -> str:
        """The cursor after everything this station can see so far."""
        return self.pages()[-1]["next"]


def new_township() -> str:
    return f"测试{next(_numbers)}乡"


def household(no: str, township: str, **changes: Any) -> Household:
    values = {
        "household_no": no,
        "head_name": "岩温",
        "id_masked": "530926********0017",
        "id_hash": "0" * 64,
        "members": 3,
        "township": township,
        "village": "中心村",
        "natural_village": "一组",
        "household_type": "脱贫户",
        "monitoring_type": "",
        "risk_cleared": False,
        "causes": ("因病",),
        "phone_masked": "尾号5678",
    }
    return Household(**{**values, **changes})


def catalog_item(code: str, price_fen: int = 2500) -> CatalogItem:
    return CatalogItem(code, "普洱茶", "茶叶", "饼", price_fen, True, "")


def keyed(changes: list[dict[str, Any]], keys: set[str]) -> list[tuple[str, str, str]]:
    return [(c["kind"], c["op"], c["key"]) for c in changes if c["key"] in keys]


# --- cursors and pages -------------------------------------------------------------------------


def test_a_fresh_station_pages_through_its_townships_households_in_cursor_order(county):
    township = new_township()
    station = county.station(township)
    numbers = [f"{township}-{n}" for n in range(7)]
    household_registry.upsert_households(
        county.storage, [household(no, township) for no in numbers], salt=county.salt
    )
    pages = station.pages(limit=3)
    assert all(len(page["changes"]) <= 3 for page in pages)
    assert [page["more"] for page in pages] == [True] * (len(pages) - 1) + [False]
    cursors = [int(c["cursor"]) for page in pages for c in page["changes"]]
    assert cursors == sorted(set(cursors))
    assert pages[-1]["next"] == str(cursors[-1])
    households = [c for page in pages for c in page["changes"] if c["kind"] == "household"]
    assert [c["key"] for c in households] == numbers
    assert households[0]["data"] == household(numbers[0], township).feed_data()


def test_asking_again_after_the_last_cursor_gives_nothing_and_the_same_cursor(county):
    station = county.station(new_township())
    last = station.now()
    assert station.feed(last) == {"changes": [], "next": last, "more": False}


def test_a_station_of_another_township_does_not_see_the_households(county):
    township, elsewhere = new_township(), new_township()
    county.station(township)
    other = county.station(elsewhere)
    household_registry.upsert_households(
        county.storage, [household(f"{township}-1", township)], salt=county.salt
    )
    seen = {c["key"] for c in other.changes(kind="household")}
    assert f"{township}-1" not in seen


def test_a_changed_item_appears_once_at_its_newest_cursor(county):
    station = county.station(new_township())
    start = station.now()
    tea, rice = f"T{next(_numbers)}", f"R{next(_numbers)}"
    catalog.upsert_catalog_items(county.storage, [catalog_item(tea, 2500)])
    catalog.upsert_catalog_items(county.storage, [catalog_item(rice, 800)])
    catalog.upsert_catalog_items(county.storage, [catalog_item(tea, 2800)])
    changes = station.changes(start, kind="catalog")
    assert keyed(changes, {tea, rice}) == [
        ("catalog", "upsert", rice),
        ("catalog", "upsert", tea),
    ]
    assert [c["data"]["price_fen"] for c in changes if c["key"] == tea] == [2800]


def test_an_unchanged_item_written_again_sends_nothing(county):
    code = f"T{next(_numbers)}"
    catalog.upsert_catalog_items(county.storage, [catalog_item(code)])
    before = county.last_cursor()
    counts = catalog.upsert_catalog_items(county.storage, [catalog_item(code)])
    assert (counts.unchanged, county.last_cursor()) == (1, before)


def test_an_item_given_twice_in_one_write_is_kept_once_with_the_last_values(county):
    station = county.station(new_township())
    start = station.now()
    code = f"T{next(_numbers)}"
    counts = catalog.upsert_catalog_items(
        county.storage, [catalog_item(code, 100), catalog_item(code, 200)]
    )
    assert counts.added == 1
    changes = station.changes(start, kind="catalog")
    assert [(c["key"], c["data"]["price_fen"]) for c in changes] == [(code, 200)]


def test_a_deleted_item_is_a_tombstone_with_empty_data(county):
    station = county.station(new_township())
    code = f"B{next(_numbers)}"
    biller = Biller(code, "耿马供电局", "electricity", "户号", 100, 500_000, 0)
    billers.upsert_billers(county.storage, [biller])
    start = station.now()
    assert billers.delete_biller(county.storage, code) is True
    changes = station.changes(start, kind="biller")
    assert [(c["op"], c["key"], c["data"]) for c in changes] == [("delete", code, {})]


def test_a_fresh_station_gets_only_the_tombstone_of_a_deleted_item(county):
    code = f"B{next(_numbers)}"
    biller = Biller(code, "耿马自来水公司", "water", "用户号", 100, 100_000, 0)
    billers.upsert_billers(county.storage, [biller])
    billers.delete_biller(county.storage, code)
    fresh = county.station(new_township())
    assert keyed(fresh.changes(kind="biller"), {code}) == [("biller", "delete", code)]


def test_a_household_moving_township_is_withdrawn_from_the_old_one(county):
    old, new = new_township(), new_township()
    leaving, arriving = county.station(old), county.station(new)
    number = f"{old}-move"
    household_registry.upsert_households(county.storage, [household(number, old)], salt=county.salt)
    start_old, start_new = leaving.now(), arriving.now()
    household_registry.upsert_households(county.storage, [household(number, new)], salt=county.salt)
    assert keyed(leaving.changes(start_old), {number}) == [("household", "delete", number)]
    assert keyed(arriving.changes(start_new), {number}) == [("household", "upsert", number)]


# --- county events in the same sequence ----------------------------------------------------------


def test_county_events_are_interleaved_with_reference_data_by_cursor(county):
    township = new_township()
    station, neighbour = county.station(township), county.station(township)
    start = station.now()
    first, second = f"T{next(_numbers)}", f"T{next(_numbers)}"
    event_id = ids.uuid7()
    catalog.upsert_catalog_items(county.storage, [catalog_item(first)])
    ingest.add_county_event(
        county.storage,
        station.id,
        event_id=event_id,
        type="sms.sent",
        entity_id="text-1",
        payload={"text_id": "text-1", "provider": "aliyun", "message_id": "m1", "parts": 1},
    )
    catalog.upsert_catalog_items(county.storage, [catalog_item(second)])
    changes = station.changes(start)
    assert keyed(changes, {first, second, event_id}) == [
        ("catalog", "upsert", first),
        ("event", "upsert", event_id),
        ("catalog", "upsert", second),
    ]
    event = next(c for c in changes if c["kind"] == "event")
    assert event["data"]["type"] == "sms.sent"
    assert event["data"]["entity_id"] == "text-1"
    assert event["data"]["payload"]["message_id"] == "m1"
    assert event_id not in {c["key"] for c in neighbour.changes(start)}


# --- announcements, templates, settings through the command line ---------------------------------


def test_an_announcement_for_a_township_reaches_only_its_stations(county):
    township, elsewhere = new_township(), new_township()
    station, other = county.station(township), county.station(elsewhere)
    start, other_start = station.now(), other.now()
    made = county.cli(
        "announce", "--title", "停电通知", "--body", "周六检修", "--township", township
    )
    changes = station.changes(start, kind="announcement")
    assert [(c["key"], c["data"]["title"], c["data"]["township"]) for c in changes] == [
        (made["id"], "停电通知", township)
    ]
    assert changes[0]["data"]["expires_at"] == ""
    assert made["id"] not in {c["key"] for c in other.changes(other_start)}


def test_withdrawing_an_announcement_sends_its_tombstone(county):
    station = county.station(new_township())
    made = county.cli("announce", "--title", "收购季", "--body", "茶叶收购开始")
    start = station.now()
    assert county.cli("withdraw-announcement", "--id", made["id"])["withdrawn"] is True
    assert keyed(station.changes(start), {made["id"]}) == [("announcement", "delete", made["id"])]


def test_an_announcement_shows_through_its_last_day(county):
    last_day = clock.business_day() + timedelta(days=3)
    made = county.cli("announce", "--title", "通知", "--body", "正文", "--expires", str(last_day))
    after = last_day + timedelta(days=1)
    assert made["expires_at"] == f"{after.isoformat()}T00:00:00.000+08:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--township", "没有这个乡"), "knows no township 没有这个乡"),
        (("--expires", "2020-01-01"), "has passed"),
        (("--expires", "next week"), "is not a date"),
    ],
)
def test_a_bad_announcement_exits_1_and_writes_nothing(county, args, message):
    before = county.last_cursor()
    code, out, err = county.run("announce", "--title", "通知", "--body", "正文", *args)
    assert (code, out) == (1, "")
    assert message in err
    assert county.last_cursor() == before


def test_withdrawing_an_unknown_announcement_exits_1(county):
    code, _, err = county.run("withdraw-announcement", "--id", "nope")
    assert code == 1
    assert "No announcement nope is showing" in err


def test_an_sms_template_is_published_and_setting_it_unchanged_sends_nothing(county):
    station = county.station(new_township())
    start = station.now()
    name = f"parcel_arrival_{next(_numbers)}"
    text = "您的包裹已到{station}，取件码{pickup_code}"
    answer = county.cli(
        "set-sms-template", "--name", name, "--text", text, "--provider-code", "SMS_1"
    )
    assert answer == {"name": name, "changed": True}
    [change] = station.changes(start, kind="sms_template")
    assert change["data"] == {"name": name, "text": text, "provider_code": "SMS_1"}
    before = county.last_cursor()
    again = county.cli(
        "set-sms-template", "--name", name, "--text", text, "--provider-code", "SMS_1"
    )
    assert again["changed"] is False
    assert county.last_cursor() == before


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("Parcel Arrival", "取件码{code}", "not usable"),
        ("parcel_arrival", "取件码{code", "broken placeholder"),
        ("parcel_arrival", "长" * 501, "has 501 characters"),
    ],
)
def test_a_bad_sms_template_exits_1_and_writes_nothing(county, name, text, message):
    before = county.last_cursor()
    code, _, err = county.run("set-sms-template", "--name", name, "--text", text)
    assert code == 1
    assert message in err
    assert county.last_cursor() == before


def test_settings_carry_the_places_and_the_stations_of_the_township_never_the_salt(county):
    township = new_township()
    county.cli("add-place", "--township", township, "--village", "芒艾村")
    station = county.station(township)
    neighbour = county.station(township)
    county.cli("add-place", "--township", township, "--village", "白马村")  # publishes stations
    household_registry.upsert_households(
        county.storage, [household(f"{township}-1", township)], salt=county.salt
    )
    settings = {c["key"]: c["data"]["value"] for c in station.changes(kind="setting")}
    assert "household.id_salt" not in settings  # DESIGN §11: the salt stays at the county
    assert county.salt not in json.dumps(station.changes(), ensure_ascii=False)
    (given,) = station.changes(kind="household")
    assert given["data"]["id_tail"] == "0017"
    assert "id_masked" not in given["data"] and "id_hash" not in given["data"]
    places = {entry["name"]: entry["villages"] for entry in settings["places"]["townships"]}
    assert places[township] == ["白马村", "芒艾村"]
    assert {entry["id"] for entry in settings["stations"]} == {station.id, neighbour.id}
    assert {entry["township"] for entry in settings["stations"]} == {township}


def test_add_place_twice_says_the_county_had_it(county):
    township = new_township()
    assert county.cli("add-place", "--township", township, "--village", "一村")["added"] is True
    assert county.cli("add-place", "--township", township, "--village", "一村")["added"] is False


# --- catalog and billers from files ------------------------------------------------------------


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)
    return path


CATALOG_HEADER = ["编码", "名称", "类别", "单位", "参考价(元)", "消费帮扶认证", "户编号"]


def test_import_catalog_publishes_items_with_prices_in_fen(county, tmp_path):
    station = county.station(new_township())
    start = station.now()
    code = f"C{next(_numbers)}"
    source = write_csv(
        tmp_path / "catalog.csv",
        CATALOG_HEADER,
        [[code, "耿马蔗糖", "食品", "袋", "12.50", "是", ""]],
    )
    assert county.cli("import-catalog", str(source)) == {
        "items": 1,
        "added": 1,
        "changed": 0,
        "unchanged": 0,
    }
    [change] = station.changes(start, kind="catalog")
    assert change["data"] == {
        "code": code,
        "name": "耿马蔗糖",
        "category": "食品",
        "unit": "袋",
        "price_fen": 1250,
        "certified": True,
        "household_no": "",
    }


def test_import_catalog_from_xlsx_links_a_household(county, tmp_path):
    import openpyxl

    township = new_township()
    number = f"{township}-tea"
    household_registry.upsert_households(
        county.storage, [household(number, township)], salt=county.salt
    )
    book = openpyxl.Workbook()
    book.active.append(CATALOG_HEADER)
    code = f"C{next(_numbers)}"
    book.active.append([code, "古树红茶", "茶叶", "斤", 88, "是", number])
    book.save(tmp_path / "catalog.xlsx")
    county.cli("import-catalog", str(tmp_path / "catalog.xlsx"))
    item = next(i for i in catalog.list_catalog(county.storage) if i.code == code)
    assert (item.price_fen, item.household_no) == (8800, number)


def test_a_catalog_with_bad_rows_exits_1_names_each_row_and_imports_nothing(county, tmp_path):
    good = f"C{next(_numbers)}"
    source = write_csv(
        tmp_path / "catalog.csv",
        CATALOG_HEADER,
        [
            [good, "红糖", "食品", "袋", "8", "否", ""],
            [good, "红糖", "食品", "袋", "8", "否", ""],
            [f"C{next(_numbers)}", "蜂蜜", "食品", "瓶", "很贵", "", ""],
            [f"C{next(_numbers)}", "核桃", "干果", "斤", "20", "", "不存在的户"],
        ],
    )
    before = county.last_cursor()
    code, out, err = county.run("import-catalog", str(source))
    assert (code, out) == (1, "")
    assert "nothing was imported" in err
    assert f"第3行  编码 {good} 与第2行重复" in err
    assert "第4行  参考价“很贵”不是金额" in err
    assert "第5行  户编号 不存在的户 不在户籍登记册里" in err
    assert county.last_cursor() == before
    assert good not in {item.code for item in catalog.list_catalog(county.storage)}


def test_import_billers_publishes_each_with_its_kind_and_limits(county, tmp_path):
    station = county.station(new_township())
    start = station.now()
    code = f"B{next(_numbers)}"
    source = write_csv(
        tmp_path / "billers.csv",
        ["编码", "名称", "类别", "户号名称", "最低金额(元)", "最高金额(元)", "手续费(元)", "启用"],
        [[code, "耿马供电局", "电费", "户号", "1", "5000", "0", "是"]],
    )
    county.cli("import-billers", str(source))
    [change] = station.changes(start, kind="biller")
    assert change["data"] == {
        "code": code,
        "name": "耿马供电局",
        "kind": "electricity",
        "account_label": "户号",
        "min_fen": 100,
        "max_fen": 500_000,
        "fee_fen": 0,
        "active": True,
    }


# --- the wire ----------------------------------------------------------------------------------


def test_a_large_feed_page_is_gzipped_for_a_station_that_accepts_it(county):
    township = new_township()
    station = county.station(township)
    household_registry.upsert_households(
        county.storage,
        [household(f"{township}-{n}", township) for n in range(50)],
        salt=county.salt,
    )
    zipped = station.get_feed(limit=100)
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert int(zipped.headers["Content-Length"]) < len(zipped.content) / 3
    plain = station.county.http.get(
        county.base_url + protocol.FEED_PATH,
        params={"limit": 100},
        headers={"Authorization": f"Bearer {station.token}", "Accept-Encoding": "identity"},
        timeout=30,
    )
    assert "Content-Encoding" not in plain.headers
    assert plain.json() == zipped.json()


def test_a_limit_over_the_largest_page_is_a_json_422(county):
    station = county.station(new_township())
    answer = station.get_feed(limit=protocol.MAX_PAGE + 1)
    assert answer.status_code == 422
    assert answer.json()["error"] == "bad_request"


# --- the migration ----------------------------------------------------------------------------


def test_county_events_stored_before_the_feed_log_keep_their_cursors(county_database_url):
    engine = create_engine(county_database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
            conn.execute(
                sa.text(
                    "INSERT INTO stations (id, name, township, village, created_at) "
                    "VALUES ('s1', '东村服务站', '城关镇', '东村', '2026-01-01T00:00:00+08:00')"
                )
            )
            conn.execute(
                sa.text(
                    "INSERT INTO county_events (cursor, id, station_id, type, entity_id, "
                    "occurred_at, payload) VALUES (7, 'e7', 's1', 'sms.sent', 't1', "
                    "'2026-01-01T00:00:00+08:00', :payload)"
                ),
                {"payload": '{"parts":1}'},
            )
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        storage = Storage(engine)
        ingest.add_county_event(
            storage, "s1", event_id="e8", type="sms.failed", entity_id="t2", payload={}
        )
        changes, _, _ = ingest.feed(storage, "s1", after="", limit=10)
    finally:
        engine.dispose()
    assert (changes[0].cursor, changes[0].key) == ("7", "e7")
    assert changes[1].key == "e8" and int(changes[1].cursor) > 7
    assert changes[0].data["payload"] == {"parts": 1}


def test_after_an_older_backup_is_restored_new_cursors_still_follow_every_cursor_given(tmp_path):
    """Stations keep the last cursor they applied; a county database restored from an older
    backup must not hand out those cursors again (the stations would skip the new changes)."""
    from sync.server import feed, stations
    from sync.server.settings import Settings
    from sync.server.tables import feed_clock

    settings = Settings(data_dir=tmp_path, token_secret="t" * 48, development=True)
    storage = Storage.open(settings)
    try:
        station_id, _ = stations.create_station(
            storage, settings.token_secret, name="芒艾村服务站", township="孟定镇", village="芒艾村"
        )
        given = ingest.add_county_event(
            storage, station_id, event_id="e1", type="sms.sent", entity_id="t1", payload={}
        )
        with storage.engine.begin() as conn:  # the backup: the counter as it was long before
            conn.execute(feed_clock.update().values(last_cursor=0))
        ingest.add_county_event(
            storage, station_id, event_id="e2", type="sms.sent", entity_id="t2", payload={}
        )
        with storage.engine.connect() as conn:
            page = feed.read_page(
                conn, feed.scopes_of(station_id, "孟定镇"), after=str(given), limit=10
            )
    finally:
        storage.close()
    assert [c.key for c in page.changes()] == ["e2"]


def test_a_new_station_is_announced_to_its_township_at_once(tmp_path):
    """create-station alone puts the station in its township's `stations` setting."""
    from sync.server import feed, stations
    from sync.server.settings import Settings
    from sync.server.storage import Storage

    settings = Settings(data_dir=tmp_path, token_secret="t" * 48, development=True)
    storage = Storage.open(settings)
    try:
        stations.create_station(
            storage, settings.token_secret, name="芒艾村服务站", township="孟定镇", village="芒艾村"
        )
        station_id, _ = stations.create_station(
            storage, settings.token_secret, name="芒抗村服务站", township="孟定镇", village="芒抗村"
        )
        with storage.engine.connect() as conn:
            page = feed.read_page(conn, feed.scopes_of(station_id, "孟定镇"), after="", limit=100)
        lists = [c for c in page.changes() if c.kind == "setting" and c.key == "stations"]
        names = [s["name"] for s in lists[-1].data["value"]]
        assert names == sorted(["芒艾村服务站", "芒抗村服务站"])
    finally:
        storage.close()
