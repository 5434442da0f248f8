"""The receipt check, ``/r/{station_id}/{event_id}``: a record the county holds is shown in words
(the print's document and the purchase it stands for, money by method, phones masked), a voided
one says so with its reason, a record not received yet is said plainly with the station's last
contact, and the scope holds (another township's station, or this township's station with
another station's record, is 404 like an unknown one). A page without a session goes to the
login and comes back to the record. Over HTTP on SQLite and PostgreSQL; and the whole chain in
Debian's Chromium at a phone's width: a real station prints a voucher, zbarimg reads its QR
code, the browser opens it, the supervisor logs in and reads the record."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from stationapp.core import Station
from sync.server.reference.household_registry import Household, upsert_households
from sync.server.stations import create_station
from tests.browser import DESKTOP, PHONE, chromium, shoot  # noqa: F401  (a fixture)
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.test_receipts_qr_url import buy_tea, decoded_qr, needs
from tests.test_web_browser import new_page
from tests.web_helpers import PASSWORD, WebCounty, WebStation, csrf_of, web_county

HOUSEHOLD_NO = "5309260101001"
OPERATOR_ID = "01939d2a-0000-7000-8000-00000000a001"
BOUGHT = {
    "customer_id": "",
    "seller_name": "岩香",
    "seller_phone": "13912345678",
    "household_id": HOUSEHOLD_NO,
    "product": "TEA-001",
    "product_name": "勐库大叶种晒青毛茶",
    "grade": "一级",
    "quantity": "52.3",
    "unit": "斤",
    "weighing": {"source": "typed"},
    "unit_price_fen": 3850,
    "amount_fen": 201355,
    "money": [{"method": "cash", "fen": -150000}, {"method": "wechat", "fen": -51355}],
}


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        upsert_households(county.county.storage, [household()])
        yield county


def household() -> Household:
    return Household(
        household_no=HOUSEHOLD_NO,
        head_name="岩温香",
        id_masked="533526********001X",
        id_hash="",
        members=4,
        township="孟定镇",
        village="芒艾村",
        natural_village="芒艾上寨",
        household_type="脱贫户",
        monitoring_type="边缘易致贫户",
        risk_cleared=False,
        causes=("因病",),
        phone_masked="尾号5678",
    )


def printed_purchase(web: WebCounty, station: WebStation, entity: str) -> tuple[str, str]:
    """A purchase and its voucher's print pushed: (purchase event id, print event id)."""
    web.push(
        station,
        [
            ("operator.added", OPERATOR_ID, {"name": "岩温", "role": "manager"}),
            ("produce.bought", entity, BOUGHT),
            ("receipt.printed", entity, {"kind": "purchase_voucher"}),
        ],
    )
    return station.event_ids[-2], station.event_ids[-1]


def logged_in(web: WebCounty, name: str) -> requests.Session:
    session = requests.Session()
    assert web.login(session, name).status_code == 200
    return session


def check_url(web: WebCounty, station_id: str, event_id: str) -> str:
    return f"{web.base_url}/r/{station_id}/{event_id}"


def test_a_printed_voucher_shows_the_purchase_in_words(web: WebCounty):
    station = web.of("孟定镇")[0]
    bought, printed = printed_purchase(web, station, "purchase-shown")
    answer = logged_in(web, "mengding").get(check_url(web, station.id, printed), timeout=10)
    assert answer.status_code == 200
    page = answer.text
    for words in (
        "收购凭证",
        "县级中心有这条记录",
        station.name,
        "孟定镇 · 芒艾村",
        "收购",
        "岩香",
        "建档户",
        "5309260101001 脱贫户（监测对象：边缘易致贫户）",
        "勐库大叶种晒青毛茶",
        "一级",
        "52.3 斤",
        "¥38.50/斤",
        "¥2013.55",
        "现金 付出 ¥1500.00",
        "微信 付出 ¥513.55",
        "岩温",  # the operator by name, not by id
        "尾号5678",
        "北京时间",
        printed,
        bought,
    ):
        assert words in page, words
    assert "13912345678" not in page
    assert OPERATOR_ID not in page
    assert "已作废" not in page


def test_the_purchase_event_itself_can_be_checked(web: WebCounty):
    station = web.of("孟定镇")[1]
    bought, _ = printed_purchase(web, station, "purchase-direct")
    page = logged_in(web, "mengding").get(check_url(web, station.id, bought), timeout=10).text
    assert "<h1>收购</h1>" in page
    assert "¥2013.55" in page


def test_a_voided_purchase_says_so_with_its_reason(web: WebCounty):
    station = web.of("孟定镇")[0]
    bought, printed = printed_purchase(web, station, "purchase-voided")
    web.push(
        station, [("event.voided", "purchase-voided", {"event_id": bought, "reason": "称错了"})]
    )
    page = logged_in(web, "mengding").get(check_url(web, station.id, printed), timeout=10).text
    assert "已作废" in page
    assert "原因：称错了" in page
    assert "县级中心有这条记录，但它已作废" in page


def test_a_record_not_received_yet_is_said_plainly_with_the_last_contact(web: WebCounty):
    station = web.of("孟定镇")[0]
    not_yet = "01939d2a-ffff-7fff-bfff-ffffffffffff"
    answer = logged_in(web, "mengding").get(check_url(web, station.id, not_yet), timeout=10)
    assert answer.status_code == 200
    assert "县级中心还没有收到这条记录。站点联网同步后再查。" in answer.text
    assert "站点最后联系" in answer.text
    assert "从未联系" not in answer.text  # the pushes were contacts
    assert not_yet in answer.text


def test_another_township_s_record_is_404_like_an_unknown_station(web: WebCounty):
    other = web.of("勐永镇")[0]
    mine = web.of("孟定镇")[0]
    _, printed = printed_purchase(web, other, "purchase-mengyong")
    session = logged_in(web, "mengding")
    unknown = session.get(check_url(web, "no-such-station", printed), timeout=10)
    assert unknown.status_code == 404
    for url in (
        check_url(web, other.id, printed),  # by the QR code of the other township's receipt
        check_url(web, mine.id, printed),  # tampered: my station, their record
        check_url(web, mine.id, other.event_ids[0]),
    ):
        answer = session.get(url, timeout=10)
        assert answer.status_code == 404, url
        assert answer.text == unknown.text  # the same page: nothing tells which ids exist
        assert other.name not in answer.text
        assert "岩香" not in answer.text
    # their own supervisor and the county admin see it
    for name in ("mengyong", "county_admin"):
        page = logged_in(web, name).get(check_url(web, other.id, printed), timeout=10)
        assert page.status_code == 200
        assert "岩香" in page.text


def test_a_phone_without_a_session_logs_in_and_comes_back_to_the_record(web: WebCounty):
    station = web.of("孟定镇")[1]
    _, printed = printed_purchase(web, station, "purchase-login")
    back_to = f"/r/{station.id}/{printed}"
    session = requests.Session()
    answer = session.get(web.base_url + back_to, timeout=10)
    assert answer.url == f"{web.base_url}/web/login?next={back_to}"
    assert "岩香" not in answer.text
    assert f'name="next" value="{back_to}"' in answer.text  # the form carries the way back
    logged = session.post(
        f"{web.base_url}/web/login",
        data={
            "csrftoken": csrf_of(answer.text),
            "name": "mengding",
            "password": PASSWORD,
            "next": back_to,
        },
        timeout=10,
    )
    assert logged.url == web.base_url + back_to
    assert "收购凭证" in logged.text and "岩香" in logged.text


def test_the_page_needs_no_script_and_reads_light(web: WebCounty):
    station = web.of("孟定镇")[0]
    _, printed = printed_purchase(web, station, "purchase-light")
    answer = logged_in(web, "mengding").get(check_url(web, station.id, printed), timeout=10)
    assert "<script" not in answer.text
    assert len(answer.content) < 12_000
    assert answer.headers["cache-control"] == "no-store"


# --- the whole chain in a browser --------------------------------------------------------------


@pytest.fixture
def sqlite_web(tmp_path: Path) -> Iterator[WebCounty]:
    with web_county("sqlite", tmp_path / "web") as county:
        yield county


def joined(web: WebCounty, station: Station) -> str:
    """``station`` enrols at the web's county as a station of 孟定镇: its id."""
    storage, secret = web.county.storage, web.county.settings.token_secret
    station_id, code = create_station(
        storage, secret, name="孟定镇芒团村电商服务站", township="孟定镇", village="芒团村"
    )
    station.sync.enroll(web.base_url, code)
    return station_id


def test_a_supervisor_s_phone_checks_a_printed_voucher(
    sqlite_web: WebCounty, station: Station, chromium: Any, tmp_path: Path
):
    needs("pdftoppm", "zbarimg")
    web = sqlite_web
    station_id = joined(web, station)
    event_id, pdf = buy_tea(station, "58mm")
    assert station.sync.run().ok  # the station pushes its records
    url = decoded_qr(pdf, tmp_path)  # what the phone's camera reads off the paper
    assert url == f"{web.base_url}/r/{station_id}/{event_id}"

    page, problems = new_page(chromium, PHONE)
    page.goto(url)
    assert "/web/login" in page.url
    page.get_by_label("用户名").fill("mengding")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(url)
    assert page.get_by_role("heading", level=1).inner_text() == "收购凭证"
    assert "县级中心有这条记录" in page.get_by_role("status").inner_text()
    record = page.locator("section.record")
    assert record.get_by_role("heading", level=2).inner_text() == "收购"
    text = record.inner_text()
    for words in (
        "岩香",
        "八月瓜",
        "52.3 斤",
        "¥3.55/斤",
        "¥185.67",
        "现金 付出 ¥185.67",
        "尾号5678",
    ):
        assert words in text, words
    assert "13912345678" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "receipt-phone")
    page.set_viewport_size(DESKTOP)
    shoot(page, "receipt")
    page.set_viewport_size(PHONE)

    # a voucher printed while the station is offline: not held yet, said plainly
    later_id, later_pdf = buy_tea(station, "58mm")
    (tmp_path / "later").mkdir()
    later = decoded_qr(later_pdf, tmp_path / "later")
    page.goto(later)
    assert page.url == later
    assert page.get_by_role("heading", level=1).inner_text() == "还没有这条记录"
    assert "县级中心还没有收到这条记录。站点联网同步后再查。" in page.content()
    assert later_id in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "receipt-missing-phone")
    page.set_viewport_size(DESKTOP)
    shoot(page, "receipt-missing")
    page.set_viewport_size(PHONE)

    # the manager voids the first purchase; once pushed, its voucher says so
    bought = next(e for e in station.log.iter_events() if e.type == "produce.bought")
    station.events.void(bought.id, reason="称错了，重新过磅")
    assert station.sync.run().ok
    page.goto(url)
    assert "已作废" in page.get_by_role("status").inner_text()
    assert "原因：称错了，重新过磅" in page.get_by_role("alert").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "receipt-voided-phone")
    assert problems == []
