"""操作记录 over HTTP, on SQLite and PostgreSQL: logins, wrong passwords and every admin action
are listed newest first with who, when, what and from where, fifty to a page, and one user's
lines alone on request."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import requests

from sync.server.web.auth import write_audit
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.web_admin_helpers import post_form
from tests.web_helpers import ADMIN, PASSWORD, WebCounty, web_county

AUDIT = "/web/admin/audit"


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        yield county


def _rows(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in body.split("</tr>")[:-1]]


def test_logins_failures_and_admin_actions_are_listed_newest_first(web: WebCounty):
    web.login(requests.Session(), "mengding", "not the password")
    admin = requests.Session()
    web.login(admin, ADMIN)
    post_form(
        web,
        admin,
        "/web/admin/stations",
        "/web/admin/stations",
        {"name": "班老乡班老村服务站", "township": "班老乡", "village": "班老村"},
    )
    post_form(
        web,
        admin,
        "/web/admin/users",
        "/web/admin/users",
        {
            "name": "岩罕",
            "role": "supervisor",
            "township": "班老乡",
            "password": PASSWORD,
            "again": PASSWORD,
        },
    )
    page = admin.get(web.base_url + AUDIT, timeout=10)
    assert page.status_code == 200
    rows = _rows(page.text)
    assert rows[0].split()[2:] == [
        ADMIN,
        "添加用户",
        "岩罕",
        "乡镇督导",
        "·",
        "班老乡",
        "127.0.0.1",
    ]
    assert "新建站点 班老乡班老村服务站" in rows[1]  # the station's name, linked to its page
    assert re.search(r'<a href="/web/stations/[0-9a-f-]+">班老乡班老村服务站</a>', page.text)
    assert f"{ADMIN} 登录" in rows[2]
    failed = next(row for row in rows if "mengding" in row)
    assert "登录失败" in failed and "127.0.0.1" in failed
    assert 'class="bad">登录失败' in page.text


def test_the_log_is_paged_and_filtered_by_user(web: WebCounty):
    with web.county.storage.engine.begin() as conn:
        for n in range(120):
            write_audit(conn, "mengyong", "login", detail=f"第{n}次", address="10.0.0.9")
    admin = requests.Session()
    web.login(admin, ADMIN)
    first = admin.get(web.base_url + AUDIT, timeout=10).text
    assert len(_rows(first)) == 50
    assert "下一页（较早）" in first and "上一页" not in first
    mine = admin.get(web.base_url + AUDIT + "?user=mengyong", timeout=10).text
    rows = _rows(mine)
    assert len(rows) == 50 and all("mengyong" in row for row in rows)
    assert "第119次" in rows[0] and "第70次" in rows[49]
    last = admin.get(web.base_url + AUDIT + "?user=mengyong&page=3", timeout=10).text
    assert [row.split()[-2] for row in _rows(last)] == [f"第{n}次" for n in range(19, -1, -1)]
    assert "上一页（较新）" in last and "下一页" not in last
    assert "第3页，共3页" in last
    beyond = admin.get(web.base_url + AUDIT + "?user=mengyong&page=9", timeout=10).text
    assert "还没有记录" in beyond
