"""月报 on the supervisor web: last month's figures of each station from events pushed through
the sync protocol, the township's sum, the station that recorded nothing; the same report as
XLSX (read back with openpyxl) and PDF (read back with pdftotext), and the household log's rows
as a streamed XLSX — and the scope: a supervisor of 孟定镇 never sees 勐永镇's stations in the
page or any file, and asking for 勐永镇 (by the township or a station id) is 404. On SQLite and
PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
import requests

from stationapp.core import clock
from sync.server.web.auth import Viewer
from sync.server.web.queries.report import last_month, month_report
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.test_web_lines import bought
from tests.web_helpers import ADMIN, WebCounty, web_county

HELPED, ALSO_HELPED, FAR = "5309260101001", "5309260101002", "5309270101009"
FAR_PERSON = "刀玉英"  # sells to 勐永镇's station only


def last_month_at(day: int, hour: int = 10) -> str:
    first = clock.business_day().replace(day=1)
    month = first - timedelta(days=1)
    return f"{month.strftime('%Y-%m')}-{day:02d}T{hour:02d}:15:00.000+08:00"


def sold(n: int, fen: int) -> tuple[str, str, dict]:
    line = {"product": "八月瓜", "grade": "一级", "unit": "斤", "quantity": "5", "amount_fen": fen}
    return ("produce.sold", f"s{n}", {"lines": [line], "buyer": "昆明客商"})


def fill_last_month(county: WebCounty) -> None:
    """Last month's work: 孟定镇's first station busy on two days, its second silent, 勐永镇's
    station buying from a household of its own."""
    mine, far = county.of("孟定镇")[0], county.of("勐永镇")[0]
    county.push(
        mine,
        [
            ("parcel.received", f"lm{n}", {"waybill": f"YT70000000000{n}", "carrier": "yto"})
            for n in range(3)
        ]
        + [
            ("parcel.picked_up", "lm0", {}),
            ("order.created", "o1", {"order_no": "D1101", "quoted_fen": 8900}),
            ("order.placed", "o1", {"paid_fen": 8500}),
            ("order.delivered", "o1", {}),
            bought(1, "普洱茶鲜叶", 48_000, HELPED),
            bought(2, "八月瓜", 9_000),
        ],
        at=last_month_at(3),
    )
    county.push(
        mine,
        [
            sold(1, 20_000),
            (
                "household.helped",
                "h1",
                {"household_id": ALSO_HELPED, "kind": "training", "note": "茶叶修剪培训"},
            ),
            (
                "produce.consigned",
                "lot1",
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
        at=last_month_at(20, 16),
    )
    far_payload = bought(3, "甘蔗", 77_700, FAR)
    far_payload[2]["seller_name"] = FAR_PERSON
    # 孟定镇's household sells to the neighbouring township's station too
    county.push(far, [far_payload, bought(4, "甘蔗", 5_000, HELPED)], at=last_month_at(8))


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        fill_last_month(county)
        yield county


def session_of(web: WebCounty, name: str) -> requests.Session:
    session = requests.Session()
    assert web.login(session, name).status_code == 200
    return session


def supervisor() -> Viewer:
    return Viewer(user_id=0, name="mengding", role="supervisor", township="孟定镇")


def test_last_months_figures_of_each_station_and_the_townships_sum(web: WebCounty):
    month = last_month(clock.business_day())
    with web.county.storage.engine.connect() as conn:
        report = month_report(conn, supervisor(), month, "孟定镇")
    busy, quiet = web.of("孟定镇")
    [row] = [r for r in report.rows if r.station_id == busy.id]
    assert (row.events, row.active_days) == (12, 2)
    assert (row.parcels_in, row.parcels_picked_up) == (3, 1)
    assert (row.orders_created, row.orders_delivered) == (1, 1)
    assert (row.purchases, row.bought_fen, row.sold_fen) == (2, 57_000, 20_000)
    assert (row.households, row.income_fen) == (2, 48_000)
    assert row.consignments_open == 1
    assert [r.station_id for r in report.silent] == [quiet.id]
    assert {r.township for r in report.rows} == {"孟定镇"} and len(report.rows) == 2
    [total] = report.summaries
    assert total.name == "孟定镇合计" and total.events == 12 and total.bought_fen == 57_000


def test_a_household_served_in_two_townships_counts_once_in_the_countys_sum(web: WebCounty):
    admin = Viewer(user_id=0, name=ADMIN, role="admin", township=None)
    with web.county.storage.engine.connect() as conn:
        report = month_report(conn, admin, last_month(clock.business_day()), "")
    sums = {s.name: s for s in report.summaries}
    assert list(sums) == ["勐永镇合计", "孟定镇合计", "全县合计"]
    assert (sums["勐永镇合计"].households, sums["孟定镇合计"].households) == (2, 2)
    assert sums["全县合计"].households == 3  # HELPED sold to both townships' stations
    assert sums["全县合计"].bought_fen == 57_000 + 82_700


def test_the_page_shows_the_month_the_sum_and_the_silent_station(web: WebCounty):
    page = session_of(web, "mengding").get(web.base_url + "/web/report", timeout=10)
    assert page.status_code == 200
    month = last_month(clock.business_day())
    year, number = month.split("-")
    assert f"{year}年{int(number)}月" in page.text  # last month by default
    busy, quiet = web.of("孟定镇")
    assert busy.name in page.text and "孟定镇合计" in page.text and "¥570.00" in page.text
    silent_part = page.text.split("本月没有任何记录的站点", 1)[1]
    assert quiet.name in silent_part and busy.name not in silent_part
    assert web.of("勐永镇")[0].name not in page.text and "¥777.00" not in page.text


def test_the_admin_sees_every_township_or_picks_one(web: WebCounty):
    session = session_of(web, ADMIN)
    month = last_month(clock.business_day())
    every = session.get(f"{web.base_url}/web/report?month={month}", timeout=10).text
    assert all(s.name in every for s in web.stations)
    assert "全县合计" in every and "¥1397.00" in every  # 570 + 777 + 50
    one = session.get(f"{web.base_url}/web/report?month={month}&township=勐永镇", timeout=10)
    assert web.of("勐永镇")[0].name in one.text and web.of("孟定镇")[0].name not in one.text
    nowhere = session.get(f"{web.base_url}/web/report?township=没有这个镇", timeout=10)
    assert nowhere.status_code == 404


ROUTES = ("/web/report", "/web/report.xlsx", "/web/report.pdf", "/web/exports/household-log.xlsx")


@pytest.mark.parametrize("route", ROUTES)
def test_another_township_is_404_by_every_route_and_parameter(web: WebCounty, route: str):
    session = session_of(web, "mengding")
    far = web.of("勐永镇")[0]
    for query in (
        "township=勐永镇",
        "township=孟定镇&township=勐永镇",  # the last one counts
        "township=勐永镇%20",
        "month=2026-13",
        "month=0000-01",
    ):
        answer = session.get(f"{web.base_url}{route}?{query}", timeout=10)
        assert answer.status_code in (404, 422), query
        assert far.name.encode() not in answer.content and FAR_PERSON not in answer.text
    if route.startswith("/web/exports/"):
        answer = session.get(f"{web.base_url}{route}?station={far.id}", timeout=10)
        assert answer.status_code == 404 and far.name not in answer.text
    logged_out = requests.get(web.base_url + route, timeout=10, allow_redirects=False)
    assert logged_out.status_code == 303 and "/web/login" in logged_out.headers["location"]


def workbook_of(answer: requests.Response) -> openpyxl.Workbook:
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in answer.headers["content-disposition"]
    return openpyxl.load_workbook(io.BytesIO(answer.content))


def test_the_report_as_xlsx_has_the_stations_the_sum_and_the_silent(web: WebCounty):
    session = session_of(web, "mengding")
    # a supervisor naming their own township is answered; naming none is the same
    for query in ("", "?township=孟定镇"):
        book = workbook_of(session.get(f"{web.base_url}/web/report.xlsx{query}", timeout=10))
        report, silent = book.worksheets
        rows = list(report.iter_rows(values_only=True))
        assert rows[0][:3] == ("乡镇", "站点", "记录条数")
        busy, quiet = web.of("孟定镇")
        [mine] = [r for r in rows if r[1] == busy.name]
        assert mine[2:4] == (12, 2) and mine[9] == 570 and mine[12] == 480
        assert rows[-1][1] == "孟定镇合计" and report.cell(len(rows), 2).font.b
        assert [r[1] for r in silent.iter_rows(min_row=2, values_only=True)] == [quiet.name]
        everything = repr(rows) + repr(list(silent.iter_rows(values_only=True)))
        assert web.of("勐永镇")[0].name not in everything and "勐永镇" not in everything


def test_the_household_log_export_lists_the_months_rows_of_the_scope(web: WebCounty):
    session = session_of(web, "mengding")
    month = last_month(clock.business_day())
    book = workbook_of(
        session.get(f"{web.base_url}/web/exports/household-log.xlsx?month={month}", timeout=30)
    )
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:5] == ("日期", "站点", "户编号", "姓名", "事项")
    busy = web.of("孟定镇")[0]
    bought_row = (f"{month}-03", busy.name, HELPED, "岩温香", "收购", "普洱茶鲜叶", "一级")
    helped_row = (f"{month}-20", busy.name, ALSO_HELPED, None, "帮扶服务(培训)", None, None)
    assert rows[1:] == [
        (*bought_row, 12.5, "斤", 0, 480, 480, 0),
        (*helped_row, None, None, 0, 0, 0, 0),
    ]
    one = session.get(
        f"{web.base_url}/web/exports/household-log.xlsx?month={month}&station={busy.id}",
        timeout=30,
    )
    assert len(list(workbook_of(one).active.iter_rows())) == 3
    admin = workbook_of(
        session_of(web, ADMIN).get(
            f"{web.base_url}/web/exports/household-log.xlsx?month={month}", timeout=30
        )
    )
    assert FAR_PERSON in repr(list(admin.active.iter_rows(values_only=True)))


def pdf_text(data: bytes, folder: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils' pdftotext is not installed")
    (folder / "report.pdf").write_bytes(data)
    subprocess.run(["pdftotext", "-layout", "report.pdf", "report.txt"], cwd=folder, check=True)
    return (folder / "report.txt").read_text(encoding="utf-8")


def test_the_report_as_pdf_reads_back_with_the_township_and_its_stations(
    web: WebCounty, tmp_path: Path
):
    answer = session_of(web, "mengding").get(web.base_url + "/web/report.pdf", timeout=30)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    text = pdf_text(answer.content, tmp_path)
    month = date.fromisoformat(last_month(clock.business_day()) + "-01")
    assert f"孟定镇 {month.year}年{month.month}月 月报" in text
    busy, quiet = web.of("孟定镇")
    assert busy.name in text and "孟定镇合计" in text and "¥570.00" in text
    assert "本月没有任何记录的站点（1 个）" in text and quiet.name in text.split("没有任何记录")[1]
    assert "勐永镇" not in text and "¥777.00" not in text


def test_the_json_report_answers_the_same_within_the_scope(web: WebCounty):
    session = session_of(web, "mengding")
    answer = session.get(web.base_url + "/api/v1/supervise/report", timeout=10).json()
    busy, quiet = web.of("孟定镇")
    assert answer["month"] == last_month(clock.business_day()) and answer["township"] == "孟定镇"
    assert {s["station_id"] for s in answer["stations"]} == {busy.id, quiet.id}
    assert answer["silent"] == [quiet.id]
    [total] = answer["sums"]
    assert (total["name"], total["bought_fen"], total["households"]) == ("孟定镇合计", 57_000, 2)
    far = session.get(web.base_url + "/api/v1/supervise/report?township=勐永镇", timeout=10)
    assert far.status_code == 404 and web.of("勐永镇")[0].name not in far.text
    assert requests.get(web.base_url + "/api/v1/supervise/report", timeout=10).status_code == 401
    assert "/api/v1/supervise/report" in web.county.app.openapi()["paths"]
