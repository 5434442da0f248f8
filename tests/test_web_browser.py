"""The supervisor web in a real browser (headless Chromium): a supervisor logs in through the
form, sees their township's stations, opens one, and logs out; the same pages at a phone's
width; no page breaks its Content-Security-Policy (no inline script or style)."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sync.server.reference.household_registry import upsert_households
from tests.browser import DESKTOP, PHONE, chromium, shoot  # noqa: F401  (a fixture)
from tests.test_web_households import HELPED, NOT_HELPED, registered
from tests.test_web_lines import bought
from tests.web_helpers import ADMIN, PASSWORD, WebCounty, web_county


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county("sqlite", tmp_path_factory.mktemp("web")) as county:
        upsert_households(
            county.county.storage,
            [
                registered(HELPED, "岩温香", "孟定镇", "芒艾村"),
                registered(NOT_HELPED, "岩保", "孟定镇", "班幸村"),
            ],
        )
        mine = county.of("孟定镇")[0]
        county.push(mine, [bought(1, "普洱茶鲜叶", 48_000, HELPED), bought(2, "八月瓜", 9_000)])
        yield county


def new_page(chromium: Any, viewport: dict[str, int]) -> tuple[Any, list[str]]:
    """A page in a fresh context, and what went wrong in it: console errors (a CSP refusal is
    one) and any script, style or image the server refused (the page's own status is the
    test's to check: a refused login is answered 401 on purpose)."""
    context = chromium.new_context(viewport=viewport, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []

    def on_console(message: Any) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(message.text)

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} {response.url}")

    page.on("console", on_console)
    page.on("response", on_response)
    return page, problems


def log_in(page: Any, base_url: str, name: str) -> None:
    page.goto(base_url + "/web/")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(base_url + "/web/")


def test_a_supervisor_logs_in_sees_their_stations_opens_one_and_logs_out(
    web: WebCounty, chromium: Any, tmp_path: Path
):
    page, problems = new_page(chromium, DESKTOP)
    log_in(page, web.base_url, "mengding")
    table = page.locator("table.stations")
    for station in web.stations:
        assert (table.get_by_text(station.name).count() == 1) == (station.township == "孟定镇")
    for name in ("activity", "silent"):  # the charts drawn from the served ECharts
        assert page.locator(f'[data-chart="{name}"][data-drawn="yes"] canvas').count() == 1
    page.screenshot(path=str(tmp_path / "stations.png"), full_page=True)
    shoot(page, "stations")
    mine = web.of("孟定镇")[0]
    page.get_by_role("link", name=mine.name).click()
    page.wait_for_url(f"{web.base_url}/web/stations/{mine.id}")
    assert page.get_by_role("heading", level=1).inner_text().startswith(mine.name)
    assert page.get_by_text("最近30天").count() == 1
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(web.base_url + "/web/login**")
    page.goto(f"{web.base_url}/web/stations/{mine.id}")
    assert "/web/login" in page.url  # the session ended with the logout
    assert problems == []


def test_a_wrong_password_is_said_plainly_in_the_browser(web: WebCounty, chromium: Any):
    page, problems = new_page(chromium, DESKTOP)
    page.goto(web.base_url + "/web/login")
    page.get_by_label("用户名").fill("mengyong")
    page.get_by_label("密码").fill("guessing 12345")
    page.get_by_role("button", name="登录").click()
    assert "用户名或密码不对" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("用户名").input_value() == "mengyong"
    assert problems == []


def test_the_stations_page_reads_on_a_phone(web: WebCounty, chromium: Any, tmp_path: Path):
    page, problems = new_page(chromium, PHONE)
    log_in(page, web.base_url, ADMIN)
    # the page itself does not scroll sideways: only the table's own box does
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    assert page.locator("table.stations tbody tr").count() == len(web.stations)
    page.screenshot(path=str(tmp_path / "stations-phone.png"), full_page=True)
    shoot(page, "stations-phone")
    assert problems == []


def test_a_supervisor_walks_the_lines_pages_by_the_menu(web: WebCounty, chromium: Any):
    page, problems = new_page(chromium, DESKTOP)
    log_in(page, web.base_url, "mengding")
    for words, heading, name in (
        ("快递", "快递", "parcels"),
        ("代购", "代购", "orders"),
        ("收购销售", "收购销售", "produce"),
        ("代销", "代销", "consignments"),
        ("帮扶台账", "帮扶台账", "households"),
    ):
        page.get_by_role("navigation").get_by_role("link", name=words, exact=True).click()
        page.wait_for_url(f"{web.base_url}/web/{name}")
        assert page.get_by_role("heading", level=1).inner_text().startswith(heading)
        assert page.locator('nav a[aria-current="page"]').inner_text() == words
        shoot(page, name)
    # the month's purchases by product, drawn
    page.goto(web.base_url + "/web/produce")
    assert page.locator('[data-chart="products"][data-drawn="yes"] canvas').count() == 1
    assert "普洱茶鲜叶" in page.locator("table").inner_text()
    page.goto(web.base_url + "/web/households")
    assert page.locator('[data-chart="villages"][data-drawn="yes"] canvas').count() == 1
    page.get_by_role("link", name="1").click()  # the households not helped this year
    page.wait_for_url(web.base_url + "/web/households/not-helped**")
    shoot(page, "households-not-helped")
    page.get_by_role("link", name=NOT_HELPED).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("岩保")
    page.goto(f"{web.base_url}/web/households/{HELPED}")
    assert "普洱茶鲜叶" in page.locator("table").inner_text()
    shoot(page, "household")
    assert problems == []


@pytest.mark.parametrize(
    "name", ["parcels", "orders", "produce", "consignments", "households", "households/not-helped"]
)
def test_every_line_page_reads_on_a_phone(web: WebCounty, chromium: Any, name: str):
    page, problems = new_page(chromium, PHONE)
    log_in(page, web.base_url, "mengding")
    page.goto(f"{web.base_url}/web/{name}")
    assert page.get_by_role("heading", level=1).count() == 1
    # the page itself never scrolls sideways: a wide table scrolls inside its own box
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(page, f"{name.replace('/', '-')}-phone")
    assert problems == []
