"""The county admin's pages in a real browser (headless Chromium, SQLite): creating a station
and reading its 加入码 back from the QR code on the page (decoded with zbarimg), the printable
letter; adding a supervisor and disabling them, whose open page then goes to the login. No page
breaks its Content-Security-Policy. With WEB_SCREENSHOTS naming a folder, the pages are saved
there as web-admin-*.png."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import DESKTOP, PHONE, chromium  # noqa: F401  (a fixture)
from tests.county_db import missing_part
from tests.test_web_browser import log_in, new_page
from tests.web_helpers import ADMIN, PASSWORD, WebCounty, web_county


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county("sqlite", tmp_path_factory.mktemp("web")) as county:
        yield county


def open_admin(page: Any, base_url: str, words: str, path: str) -> None:
    """From any page: the menu's 县级管理, then the admin page ``words`` in its own menu."""
    page.get_by_role("link", name="县级管理").click()
    page.wait_for_url(base_url + "/web/admin/stations")
    page.get_by_role("navigation", name="县级管理").get_by_role("link", name=words).click()
    page.wait_for_url(base_url + path)


def shot(page: Any, name: str, *, full_page: bool = True) -> None:
    """The page as docs/img/web-admin-<name>.png, when WEB_SCREENSHOTS names a folder."""
    folder = os.environ.get("WEB_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"web-admin-{name}.png"), full_page=full_page)


def decode_qr(png: Path) -> str:
    """The text of the one QR code in ``png``, read by zbarimg (zbar-tools)."""
    if shutil.which("zbarimg") is None:
        missing_part("zbarimg is not installed: apt-get install zbar-tools")
    found = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True, check=True
    )
    return found.stdout.strip()


def test_the_admin_creates_a_station_and_its_qr_code_reads_as_its_code(
    web: WebCounty, chromium: Any, tmp_path: Path
):
    page, problems = new_page(chromium, DESKTOP)
    log_in(page, web.base_url, ADMIN)
    open_admin(page, web.base_url, "站点管理", "/web/admin/stations")
    shot(page, "stations")
    form = page.locator("form", has=page.get_by_role("button", name="建站点，给加入码"))
    form.get_by_label("站点名称").fill("勐永镇帮东村电商服务站")
    form.get_by_label("乡镇").fill("勐永镇")
    form.get_by_label("村", exact=True).fill("帮东村")
    page.get_by_role("button", name="建站点，给加入码").click()
    page.wait_for_load_state()
    assert "只显示这一次" in page.get_by_role("status").inner_text()
    code = page.locator("dd.code").inner_text().strip()
    image = page.get_by_role("img", name="加入码二维码")
    image.screenshot(path=str(tmp_path / "qr.png"))
    assert decode_qr(tmp_path / "qr.png") == code
    shot(page, "code")
    page.emulate_media(media="print")
    assert page.locator("header.top").is_hidden()
    assert page.get_by_role("button", name="打印这一页").is_hidden()
    shot(page, "code-print")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="返回站点管理").click()
    row = page.locator("tr", has_text="勐永镇帮东村电商服务站")
    assert "未加入" in row.inner_text()
    assert problems == []


def test_an_enrolled_station_needs_the_admins_confirmation_for_a_new_code(
    web: WebCounty, chromium: Any
):
    page, problems = new_page(chromium, DESKTOP)
    log_in(page, web.base_url, ADMIN)
    station = web.of("孟定镇")[1]
    page.goto(web.base_url + "/web/admin/stations")
    page.locator("tr", has_text=station.name).get_by_role("link", name="重新发码").click()
    confirm = page.get_by_label("确认：原来的电脑不再使用")
    assert confirm.is_visible()
    shot(page, "reissue")
    confirm.check()
    page.get_by_role("button", name="重新发码").click()
    page.wait_for_load_state()
    assert "之前的加入码已作废" in page.get_by_role("status").inner_text()
    assert problems == []


def test_the_stations_admin_page_reads_on_a_phone(web: WebCounty, chromium: Any):
    page, problems = new_page(chromium, PHONE)
    log_in(page, web.base_url, ADMIN)
    page.goto(web.base_url + "/web/admin/stations")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "stations-phone")
    assert problems == []


def test_the_admin_adds_a_supervisor_and_disabling_them_sends_their_page_to_the_login(
    web: WebCounty, chromium: Any
):
    admin, problems = new_page(chromium, DESKTOP)
    log_in(admin, web.base_url, ADMIN)
    open_admin(admin, web.base_url, "用户管理", "/web/admin/users")
    form = admin.locator("form", has=admin.get_by_role("button", name="添加用户"))
    form.get_by_label("用户名").fill("岩罕")
    form.get_by_label("角色").select_option(label="乡镇督导")
    form.get_by_label("乡镇（督导填）").fill("勐永镇")
    form.get_by_label("初始密码").fill(PASSWORD)
    form.get_by_label("再输一次").fill(PASSWORD)
    form.get_by_role("button", name="添加用户").click()
    admin.wait_for_url(web.base_url + "/web/admin/users?**")
    assert "已添加用户“岩罕”" in admin.get_by_role("status").inner_text()
    shot(admin, "users")

    supervisor, seen = new_page(chromium, DESKTOP)
    log_in(supervisor, web.base_url, "岩罕")
    assert supervisor.get_by_role("link", name=web.of("勐永镇")[0].name).is_visible()
    assert supervisor.get_by_role("link", name="县级管理").count() == 0

    admin.get_by_role("button", name="停用 岩罕").click()
    admin.wait_for_url(web.base_url + "/web/admin/users?**")
    assert "已停用“岩罕”" in admin.get_by_role("status").inner_text()
    assert "已停用" in admin.locator("tr", has_text="岩罕").inner_text()
    supervisor.reload()
    assert "/web/login" in supervisor.url
    assert supervisor.get_by_role("button", name="登录").is_visible()
    shot(admin, "users-disabled")
    assert problems == [] and seen == []


def test_the_users_page_reads_on_a_phone(web: WebCounty, chromium: Any):
    page, problems = new_page(chromium, PHONE)
    log_in(page, web.base_url, ADMIN)
    page.goto(web.base_url + "/web/admin/users")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "users-phone")
    assert problems == []


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "audit"), (PHONE, "audit-phone")])
def test_the_audit_log_shows_who_did_what(
    web: WebCounty, chromium: Any, viewport: dict[str, int], name: str
):
    page, problems = new_page(chromium, viewport)
    log_in(page, web.base_url, ADMIN)
    page.goto(web.base_url + "/web/admin/audit")
    first = page.locator("table.admin-audit tbody tr").first
    assert ADMIN in first.inner_text() and "登录" in first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    shot(page, name)
    assert problems == []


def test_a_catalog_with_a_wrong_row_shows_it_and_downloads_it(
    web: WebCounty, chromium: Any, tmp_path: Path
):
    import openpyxl

    source = tmp_path / "商品目录.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["编码", "名称", "类别", "单位", "参考价(元)", "消费帮扶认证", "户编号"])
    book.active.append(["BC1", "古树红茶", "茶叶", "斤", 88, "是", ""])
    book.active.append(["BC2", "蜂蜜", "食品", "瓶", "很贵", "", ""])
    book.active.append(["BC3", "核桃", "干果", "斤", 20, "", "不存在的户"])
    book.save(source)
    page, problems = new_page(chromium, DESKTOP)
    log_in(page, web.base_url, ADMIN)
    open_admin(page, web.base_url, "数据导入", "/web/admin/imports")
    page.get_by_label("商品目录文件（XLSX 或 CSV）").set_input_files(str(source))
    page.get_by_role("button", name="导入商品目录").click()
    alert = page.get_by_role("alert")
    assert "有2行不对，整份都没有导入" in alert.inner_text()
    rows = page.locator("table.refused tbody tr")
    assert rows.count() == 2 and "很贵" in rows.first.inner_text()
    with page.expect_download() as waiting:
        page.get_by_role("link", name="下载未导入的行（XLSX）").click()
    saved = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(saved)
    assert saved.name == "商品目录-未导入的行.xlsx"
    table = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    assert [row[0] for row in table] == ["行号", 3, 4]
    shot(page, "imports")
    huge = tmp_path / "登记册.xlsx"
    huge.write_bytes(b"x" * (9 * 1024 * 1024))  # over the county's 8 MB for a request
    page.get_by_label("户籍登记册文件（XLSX 或 CSV）").set_input_files(str(huge))
    page.get_by_role("button", name="导入户籍登记册").click()
    too_big = page.get_by_role("alert").filter(has_text="文件太大")
    too_big.wait_for()
    assert "什么也没有导入" in too_big.inner_text()
    # the page's own script asked for these imports, refused (400, 413) on purpose
    assert problems == [
        f"400 {web.base_url}/web/admin/imports/catalog",
        f"413 {web.base_url}/web/admin/imports/households",
    ]


def test_the_admin_publishes_an_announcement_to_one_township(web: WebCounty, chromium: Any):
    page, problems = new_page(chromium, DESKTOP)
    log_in(page, web.base_url, ADMIN)
    open_admin(page, web.base_url, "公告", "/web/admin/announcements")
    page.get_by_label("标题").fill("收购季通知")
    page.get_by_label("内容").fill("普洱茶鲜叶收购从下周一开始，请各站准备好电子秤。")
    page.get_by_label("发给").select_option("孟定镇")
    page.get_by_role("button", name="发布公告").click()
    page.wait_for_url(web.base_url + "/web/admin/announcements?**")
    assert "已发布公告“收购季通知”" in page.get_by_role("status").inner_text()
    assert "孟定镇" in page.locator("tr", has_text="收购季通知").inner_text()
    shot(page, "announcements")
    assert problems == []


def test_the_flagged_records_and_the_sms_relay_pages(web: WebCounty, chromium: Any):
    from stationapp.core import clock
    from sync.server.tables import sms_relay

    station = web.of("孟定镇")[0]
    web.push(station, [("weather.noted", "w1", {"sky": "晴"})])
    now = clock.now_iso()
    with web.county.storage.engine.begin() as conn:
        conn.execute(
            sms_relay.insert().values(
                station_id=station.id,
                text_id="t1",
                request_id="r1",
                phone="13812345678",
                purpose="parcel_arrival",
                status="failed",
                code="isv.BUSINESS_LIMIT_CONTROL",
                reason="这个号码今天收到的短信太多，服务商不让再发",
                tries=3,
                requested_at=now,
                finished_at=now,
            )
        )
    page, problems = new_page(chromium, DESKTOP)
    log_in(page, web.base_url, ADMIN)
    open_admin(page, web.base_url, "待查记录", "/web/admin/flagged")
    assert "weather.noted" in page.locator("table.flagged-events").inner_text()
    shot(page, "flagged")
    page.get_by_role("navigation", name="县级管理").get_by_role("link", name="短信中继").click()
    page.wait_for_url(web.base_url + "/web/admin/sms")
    failures = page.locator("table.sms-failures").inner_text()
    assert "尾号5678" in failures and "13812345678" not in page.content()
    shot(page, "sms")
    assert problems == []
