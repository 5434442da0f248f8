"""用户管理 over HTTP, on SQLite and PostgreSQL: the county admin adds a supervisor (who then
logs in and sees their township), disables one (whose open session goes to the login at its
next request, and who cannot log in) and enables them again, and sets a new password (the old
one and its sessions stop working); every refusal writes nothing and says in Chinese what to
do; every action leaves its audit line."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import requests

from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.web_admin_helpers import audit_lines, post_form, snapshot
from tests.web_helpers import ADMIN, PASSWORD, WebCounty, web_county

USERS = "/web/admin/users"
NEW_PASSWORD = "芒艾村 新密码 2027"


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        yield county


@pytest.fixture
def admin(web: WebCounty) -> requests.Session:
    session = requests.Session()
    assert web.login(session, ADMIN).status_code == 200
    return session


def _add(web: WebCounty, admin: requests.Session, **form: str) -> requests.Response:
    values = {"role": "supervisor", "township": "孟定镇", "password": PASSWORD, "again": PASSWORD}
    return post_form(web, admin, USERS, USERS, {**values, **form})


def _user_id(admin: requests.Session, web: WebCounty, name: str) -> int:
    page = admin.get(web.base_url + USERS, timeout=10).text
    row = page.split(f"<td>{name}", 1)[1].split("</tr>", 1)[0]
    return int(re.search(r"/web/admin/users/(\d+)/password", row).group(1))


def _logged_in(web: WebCounty, name: str, password: str = PASSWORD) -> requests.Session:
    session = requests.Session()
    assert web.login(session, name, password).status_code == 200
    return session


def _still_in(web: WebCounty, session: requests.Session) -> bool:
    return "/web/login" not in session.get(web.base_url + "/web/", timeout=10).url


def test_the_admin_adds_a_supervisor_who_logs_in_to_their_township(web, admin):
    answer = _add(web, admin, name=" 岩罕 ", township=" 勐永镇 ")
    assert answer.status_code == 200 and answer.url.startswith(web.base_url + USERS)
    assert "已添加用户“岩罕”" in answer.text
    row = answer.text.split("<td>岩罕", 1)[1].split("</tr>", 1)[0]
    assert "乡镇督导" in row and "勐永镇" in row and "在用" in row
    line = audit_lines(web, "add_user")[-1]
    assert (line.user_name, line.target, line.detail) == (ADMIN, "岩罕", "乡镇督导 · 勐永镇")
    assert line.address == "127.0.0.1"
    home = _logged_in(web, "岩罕").get(web.base_url + "/web/", timeout=10).text
    assert web.of("勐永镇")[0].name in home and web.of("孟定镇")[0].name not in home


def test_the_admin_adds_another_admin_without_a_township(web, admin):
    answer = _add(web, admin, name="county_deputy", role="admin", township="")
    assert "已添加用户“county_deputy”" in answer.text
    assert "县级管理" in _logged_in(web, "county_deputy").get(web.base_url + "/web/").text


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"name": "  "}, "请填写用户名"),
        ({"name": "岩温", "township": ""}, "请填写他负责的乡镇"),
        ({"name": "岩温", "role": "admin"}, "县级管理员看全部乡镇，不填乡镇"),
        ({"name": "岩温", "role": "root"}, "请选择角色"),
        ({"name": "岩温", "password": "short one", "again": "short one"}, "密码只有9个字符"),
        ({"name": "岩温", "password": "1234567890", "again": "1234567890"}, "密码全是数字"),
        (
            {"name": "yanwen-1234", "password": "yanwen-1234", "again": "yanwen-1234"},
            "和用户名一样",
        ),
        ({"name": "岩温", "again": PASSWORD + "x"}, "两次输入的密码不一样"),
        ({"name": "mengding"}, "已经有叫“mengding”的用户了"),
    ],
)
def test_a_refused_user_writes_nothing_and_says_what_to_do(web, admin, form, words):
    before = snapshot(web)
    answer = _add(web, admin, **form)
    assert answer.status_code == 400
    assert words in answer.text
    assert snapshot(web) == before


def test_disabling_a_user_ends_their_session_at_once_and_enabling_lets_them_back(web, admin):
    _add(web, admin, name="岩香")
    supervisor = _logged_in(web, "岩香")
    assert _still_in(web, supervisor)
    user_id = _user_id(admin, web, "岩香")
    answer = post_form(web, admin, USERS, f"{USERS}/{user_id}/disable", {})
    assert "已停用“岩香”" in answer.text
    assert not _still_in(web, supervisor)  # the next request goes to the login
    assert web.login(requests.Session(), "岩香").status_code == 401
    line = audit_lines(web, "disable_user")[-1]
    assert (line.user_name, line.target) == (ADMIN, "岩香")
    answer = post_form(web, admin, USERS, f"{USERS}/{user_id}/enable", {})
    assert "已恢复“岩香”" in answer.text
    assert _still_in(web, _logged_in(web, "岩香"))
    assert audit_lines(web, "enable_user")[-1].target == "岩香"


def test_the_admin_cannot_disable_themselves(web, admin):
    own = _user_id(admin, web, ADMIN)
    before = snapshot(web)
    answer = post_form(web, admin, USERS, f"{USERS}/{own}/disable", {})
    assert answer.status_code == 400
    assert "不能停用自己正在用的账户" in answer.text
    assert snapshot(web) == before
    assert _still_in(web, admin)


def test_a_new_password_ends_the_old_one_and_its_sessions(web, admin):
    _add(web, admin, name="玉罕")
    supervisor = _logged_in(web, "玉罕")
    user_id = _user_id(admin, web, "玉罕")
    form = f"{USERS}/{user_id}/password"
    before = snapshot(web)
    weak = post_form(web, admin, form, form, {"password": "玉罕", "again": "玉罕"})
    assert weak.status_code == 400 and "至少要10个" in weak.text
    assert snapshot(web) == before and _still_in(web, supervisor)
    answer = post_form(web, admin, form, form, {"password": NEW_PASSWORD, "again": NEW_PASSWORD})
    assert "已为“玉罕”设置新密码" in answer.text
    assert not _still_in(web, supervisor)
    assert web.login(requests.Session(), "玉罕").status_code == 401
    assert _still_in(web, _logged_in(web, "玉罕", NEW_PASSWORD))
    line = audit_lines(web, "reset_password")[-1]
    assert (line.user_name, line.target) == (ADMIN, "玉罕")
    assert NEW_PASSWORD not in line.detail


def test_an_unknown_user_is_404(web, admin):
    assert admin.get(web.base_url + f"{USERS}/999999/password", timeout=10).status_code == 404
    answer = post_form(web, admin, USERS, f"{USERS}/999999/disable", {})
    assert answer.status_code == 404


def test_an_admin_who_sets_their_own_password_logs_in_again_with_it(web, admin):
    _add(web, admin, name="county_second", role="admin", township="")
    second = _logged_in(web, "county_second")
    own = _user_id(second, web, "county_second")
    form = f"{USERS}/{own}/password"
    assert "包括你现在这一个" in second.get(web.base_url + form, timeout=10).text
    answer = post_form(web, second, form, form, {"password": NEW_PASSWORD, "again": NEW_PASSWORD})
    assert "/web/login" in answer.url
    assert not _still_in(web, second)
    assert _still_in(web, _logged_in(web, "county_second", NEW_PASSWORD))
