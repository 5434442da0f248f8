"""月报 in a real browser (headless Chromium, SQLite): a supervisor opens it from the menu,
sees last month's stations with the sum and the silent station, downloads the XLSX by its link
and it opens with openpyxl; the page reads on a phone without scrolling sideways; no page breaks
its Content-Security-Policy."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.browser import DESKTOP, PHONE, chromium, shoot  # noqa: F401  (a fixture)
from tests.test_web_browser import log_in, new_page
from tests.test_web_report import fill_last_month
from tests.web_helpers import WebCounty, web_county


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county("sqlite", tmp_path_factory.mktemp("web")) as county:
        fill_last_month(county)
        yield county


def test_a_supervisor_opens_the_report_and_downloads_it(
    web: WebCounty, chromium: Any, tmp_path: Path
):
    page, problems = new_page(chromium, DESKTOP)
    log_in(page, web.base_url, "mengding")
    page.get_by_role("navigation").get_by_role("link", name="月报", exact=True).click()
    page.wait_for_url(f"{web.base_url}/web/report")
    assert page.get_by_role("heading", level=1).inner_text().startswith("月报")
    assert page.locator('nav a[aria-current="page"]').inner_text() == "月报"
    busy, quiet = web.of("孟定镇")
    table = page.locator("table.report")
    assert table.locator("tbody tr").count() == 2
    assert table.locator("tfoot").inner_text().startswith("孟定镇合计")
    assert quiet.name in page.locator("ul.silent-stations").inner_text()
    assert web.of("勐永镇")[0].name not in page.content()
    shoot(page, "report")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="月报 XLSX").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx") and "孟定镇" in download.suggested_filename
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    book = openpyxl.load_workbook(saved)
    names = [row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert sorted(names[:2]) == sorted([busy.name, quiet.name]) and names[2] == "孟定镇合计"
    with page.expect_download() as log_info:
        page.get_by_role("link", name="帮扶台账明细 XLSX").click()
    log_info.value.save_as(tmp_path / "log.xlsx")
    assert openpyxl.load_workbook(tmp_path / "log.xlsx").active.max_row == 3  # header + 2
    assert problems == []


def test_the_report_reads_on_a_phone(web: WebCounty, chromium: Any):
    page, problems = new_page(chromium, PHONE)
    log_in(page, web.base_url, "mengding")
    page.goto(web.base_url + "/web/report")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, "report-phone")
    assert problems == []
