"""公告 over HTTP, on SQLite and PostgreSQL: the county admin publishes an announcement to every
station or one township's (the stations get it in their feed) and withdraws it; a refused one
writes nothing and says in Chinese what to do; each leaves its audit line."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
import requests

from stationapp.core import clock
from sync.server.reference.announcements import list_announcements
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.web_admin_helpers import audit_lines, post_form, snapshot
from tests.web_helpers import ADMIN, WebCounty, web_county

ANNOUNCEMENTS = "/web/admin/announcements"


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        yield county


@pytest.fixture
def admin(web: WebCounty) -> requests.Session:
    session = requests.Session()
    assert web.login(session, ADMIN).status_code == 200
    return session


def _publish(web: WebCounty, admin: requests.Session, **form: str) -> requests.Response:
    values = {"title": "", "body": "", "township": "", "expires": "", **form}
    return post_form(web, admin, ANNOUNCEMENTS, ANNOUNCEMENTS, values)


def test_the_admin_publishes_to_one_township_and_withdraws(web, admin):
    last = (clock.business_day() + timedelta(days=7)).isoformat()
    answer = _publish(
        web, admin, title="快递新规", body="下周起代收快递要登记。", township="勐永镇", expires=last
    )
    assert answer.status_code == 200
    assert "已发布公告“快递新规”" in answer.text
    [shown] = [a for a in list_announcements(web.county.storage) if a.title == "快递新规"]
    assert shown.township == "勐永镇" and shown.expires_at > last
    row = answer.text.split("快递新规</b>", 1)[1].split("</tr>", 1)[0]
    assert "勐永镇" in row and "显示中" in row and f"<td>{last}</td>" in row
    line = audit_lines(web, "announce")[-1]
    assert (line.user_name, line.target) == (ADMIN, "快递新规")
    assert line.detail == f"勐永镇 · 显示到 {last}"
    action = re.search(r'action="(/web/admin/announcements/[^"]+/withdraw)"', row).group(1)
    withdrawn = post_form(web, admin, ANNOUNCEMENTS, action, {})
    assert "已撤回公告“快递新规”" in withdrawn.text
    assert "已撤回" in withdrawn.text.split("快递新规</b>", 1)[1].split("</tr>", 1)[0]
    assert shown.id not in {a.id for a in list_announcements(web.county.storage)}
    assert audit_lines(web, "withdraw_announcement")[-1].target == "快递新规"
    before = snapshot(web)
    again = post_form(web, admin, ANNOUNCEMENTS, action, {})
    assert again.status_code == 400 and "这条公告已经撤回了" in again.text
    assert snapshot(web) == before


def test_an_announcement_to_every_township_shows_until_withdrawn(web, admin):
    answer = _publish(web, admin, title="春节放假", body="初一到初三县里休息。")
    row = answer.text.split("春节放假</b>", 1)[1].split("</tr>", 1)[0]
    assert "全部乡镇" in row and "撤回为止" in row
    assert audit_lines(web, "announce")[-1].detail == "全部乡镇"


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"title": "", "body": "内容"}, "公告要有标题（1到200个字）和内容"),
        ({"title": "标题", "body": "  "}, "公告要有标题（1到200个字）和内容"),
        (
            {"title": "标题", "body": "内容", "expires": "2020-01-01"},
            "显示到 2020-01-01 已经过去了",
        ),
        ({"title": "标题", "body": "内容", "expires": "下周"}, "“下周”不是日期"),
        (
            {"title": "标题", "body": "内容", "township": "没有这个镇"},
            "县里没有叫“没有这个镇”的乡镇",
        ),
    ],
)
def test_a_refused_announcement_writes_nothing_and_says_what_to_do(web, admin, form, words):
    before = snapshot(web)
    answer = _publish(web, admin, **form)
    assert answer.status_code == 400
    assert words in answer.text
    assert snapshot(web) == before


def test_an_unknown_announcement_is_404(web, admin):
    answer = post_form(web, admin, ANNOUNCEMENTS, f"{ANNOUNCEMENTS}/no-such-id/withdraw", {})
    assert answer.status_code == 404
