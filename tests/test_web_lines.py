"""Each business line across the stations (快递, 代购, 收购销售, 代销) and the same data as JSON
under /api/v1/supervise/: figures from events pushed through the sync protocol, and the scope —
a supervisor of 孟定镇 never sees 勐永镇's parcels, orders, produce or lots, by page, by JSON,
or by a station id put in the URL. On SQLite and PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
import requests

from stationapp.core import clock
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.web_helpers import ADMIN, WebCounty, web_county

WAYBILL_OLD = "YT500000000001"  # 孟定镇's parcel waiting five days
WAYBILL_FAR = "ZT600000000001"  # 勐永镇's parcel waiting five days


def bought(n: int, product: str, fen: int, household: str = "") -> tuple[str, str, dict]:
    payload = {
        "product": product,
        "product_name": product,
        "grade": "一级",
        "unit": "斤",
        "quantity": "12.5",
        "unit_price_fen": fen // 12,
        "amount_fen": fen,
        "seller_name": "岩温香",
        "money": [{"method": "cash", "fen": -fen}],
    }
    if household:
        payload["household_id"] = household
    return ("produce.bought", f"b{n}", payload)


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        mine, far = county.of("孟定镇")[0], county.of("勐永镇")[0]
        five_days_ago = clock.format_iso(clock.now() - timedelta(days=5))
        county.push(
            mine,
            [("parcel.received", "old1", {"waybill": WAYBILL_OLD, "carrier": "YTO"})],
            at=five_days_ago,
        )
        county.push(
            far,
            [("parcel.received", "old2", {"waybill": WAYBILL_FAR, "carrier": "ZTO"})],
            at=five_days_ago,
        )
        county.push(
            mine, [bought(1, "普洱茶鲜叶", 48_000, "5309260101001"), bought(2, "八月瓜", 9_000)]
        )
        county.push(far, [bought(3, "甘蔗", 77_700)])
        county.push(mine, [("sms.failed", "t1", {"code": "rejected", "reason": "空号"})])
        county.push(
            mine,
            [
                (
                    "order.created",
                    "o1",
                    {"order_no": "D120701", "quoted_fen": 8900, "platform": "拼多多"},
                ),
                ("order.placed", "o1", {"paid_fen": 8500}),
            ],
        )
        county.push(
            far,
            [
                (
                    "produce.consigned",
                    "lot9",
                    {
                        "product": "蜂蜜",
                        "product_name": "蜂蜜",
                        "grade": "一级",
                        "unit": "斤",
                        "quantity": "10",
                        "consignor_name": "玉罕",
                    },
                ),
            ],
        )
        yield county


def session_of(web: WebCounty, name: str) -> requests.Session:
    session = requests.Session()
    assert web.login(session, name).status_code == 200
    return session


def test_parcels_stranded_are_listed_for_the_supervisors_stations_only(web: WebCounty):
    page = session_of(web, "mengding").get(web.base_url + "/web/parcels", timeout=10).text
    assert WAYBILL_OLD in page
    assert WAYBILL_FAR not in page
    assert web.of("勐永镇")[0].name not in page
    fresh = session_of(web, "mengding").get(web.base_url + "/web/parcels?days=30", timeout=10)
    assert WAYBILL_OLD not in fresh.text  # five days is not thirty


def test_produce_sums_a_month_per_product_within_the_scope(web: WebCounty):
    month = clock.business_day().strftime("%Y-%m")
    page = session_of(web, "mengding").get(f"{web.base_url}/web/produce?month={month}", timeout=10)
    assert "普洱茶鲜叶" in page.text and "¥480.00" in page.text and "八月瓜" in page.text
    assert "甘蔗" not in page.text
    admin = session_of(web, ADMIN).get(f"{web.base_url}/web/produce?month={month}", timeout=10)
    assert "甘蔗" in admin.text and "¥777.00" in admin.text
    assert (
        session_of(web, ADMIN)
        .get(web.base_url + "/web/produce?month=2026-13", timeout=10)
        .status_code
        == 422
    )


def test_orders_and_consignments_keep_to_the_scope(web: WebCounty):
    session = session_of(web, "mengding")
    orders = session.get(web.base_url + "/web/orders", timeout=10).text
    assert web.of("孟定镇")[0].name in orders and web.of("勐永镇")[0].name not in orders
    lots = session.get(web.base_url + "/web/consignments", timeout=10).text
    assert "玉罕" not in lots
    assert (
        "玉罕"
        in session_of(web, "mengyong").get(web.base_url + "/web/consignments", timeout=10).text
    )


def test_the_json_api_answers_the_same_within_the_scope(web: WebCounty):
    session = session_of(web, "mengding")
    stations = session.get(web.base_url + "/api/v1/supervise/stations", timeout=10).json()
    assert {s["township"] for s in stations} == {"孟定镇"}
    far = web.of("勐永镇")[0]
    answer = session.get(f"{web.base_url}/api/v1/supervise/stations/{far.id}", timeout=10)
    assert answer.status_code == 404 and far.name not in answer.text
    mine = web.of("孟定镇")[0]
    one = session.get(f"{web.base_url}/api/v1/supervise/stations/{mine.id}", timeout=10).json()
    assert one["name"] == mine.name and one["today"]["produce"] == 2
    parcels = session.get(web.base_url + "/api/v1/supervise/parcels", timeout=10).json()
    assert {p["township"] for p in parcels} == {"孟定镇"}
    assert sum(p["overdue"] for p in parcels) == 1
    month = clock.business_day().strftime("%Y-%m")
    produce = session.get(f"{web.base_url}/api/v1/supervise/produce?month={month}", timeout=10)
    assert {p["product_name"] for p in produce.json()} == {"普洱茶鲜叶", "八月瓜"}
    orders = session.get(web.base_url + "/api/v1/supervise/orders", timeout=10).json()
    assert sum(o["by_state"].get("placed", 0) for o in orders) == 1


def test_the_json_api_wants_a_session(web: WebCounty):
    for path in ("stations", "parcels", "orders", "produce?month=2026-12"):
        answer = requests.get(f"{web.base_url}/api/v1/supervise/{path}", timeout=10)
        assert answer.status_code == 401
        assert answer.json()["error"]


def test_the_api_is_in_the_openapi_schema(web: WebCounty):
    paths = web.county.app.openapi()["paths"]
    assert "/api/v1/supervise/stations" in paths
    assert "/api/v1/supervise/produce" in paths


def test_one_stations_page_lists_its_stranded_parcels_produce_and_failed_texts(web: WebCounty):
    session = session_of(web, "mengding")
    mine = web.of("孟定镇")[0]
    page = session.get(f"{web.base_url}/web/stations/{mine.id}", timeout=10).text
    assert WAYBILL_OLD in page and WAYBILL_FAR not in page
    assert "普洱茶鲜叶" in page and "¥480.00" in page
    failed = page.split("本月短信发送失败")[0].rsplit("<b>", 1)[1]
    assert failed.startswith("1<")
    other = session.get(f"{web.base_url}/web/stations/{mine.id}?days=30", timeout=10).text
    assert WAYBILL_OLD not in other


def test_the_records_still_waiting_at_a_station_come_from_the_head_it_says(web: WebCounty):
    session = session_of(web, "mengding")
    mine, other = web.of("孟定镇")
    api = web.base_url + "/api/v1/supervise/stations/"
    assert session.get(api + other.id, timeout=10).json()["waiting"] is None  # never said
    web.push(mine, [("sms.queued", "t2", {})], own_head=str(mine.head[0] + 1 + 7))
    assert session.get(api + mine.id, timeout=10).json()["waiting"] == 7
    web.push(mine, [("sms.queued", "t3", {})], own_head="not a number")  # ignored, not refused
    assert session.get(api + mine.id, timeout=10).json()["waiting"] == 6
    page = session.get(f"{web.base_url}/web/stations/{mine.id}", timeout=10).text
    assert "<b>6</b>待上传记录" in page
