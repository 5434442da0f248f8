"""站点管理 over HTTP, on SQLite and PostgreSQL: the county admin creates a station and gets its
one-time 加入码 as text and as a QR image, which enrols a station; a refused form writes
nothing and says in Chinese what to do; a new code makes the old one (and an enrolled PC's
token, only when confirmed) stop working; each action leaves its audit line; a township
supervisor gets 404 for every admin page and action, which then does nothing."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import base64
import re
from collections.abc import Iterator

import pytest
import requests

from sync import protocol
from sync.server.errors import SyncError
from sync.server.reference.announcements import announce
from sync.server.stations import enroll, station_for_token
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.web_admin_helpers import admin_routes, audit_lines, post_form, snapshot
from tests.web_helpers import ADMIN, WebCounty, csrf_of, web_county

STATIONS = "/web/admin/stations"
CODE = re.compile(r'<dd class="code">([A-Z0-9-]+)</dd>')


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        yield county


@pytest.fixture
def admin(web: WebCounty) -> requests.Session:
    session = requests.Session()
    assert web.login(session, ADMIN).status_code == 200
    return session


def _enrol(web: WebCounty, code: str) -> str:
    """Enrol a PC with ``code``: its token."""
    secret = web.county.settings.token_secret
    _, token = enroll(
        web.county.storage, secret, code=code, device_name="新电脑", app_version="1.5"
    )
    return token


def _create(web: WebCounty, admin: requests.Session, **form: str) -> requests.Response:
    return post_form(web, admin, STATIONS, STATIONS, form)


def test_the_admin_sees_every_townships_stations_with_their_state(web, admin):
    page = admin.get(web.base_url + STATIONS, timeout=10)
    assert page.status_code == 200
    for station in web.stations:
        assert station.name in page.text
    assert "已加入" in page.text
    assert 'href="/web/admin/stations"' in page.text  # in the nav, for the admin


def test_creating_a_station_shows_its_code_and_qr_once_and_the_code_enrols(web, admin):
    answer = _create(web, admin, name=" 勐永镇  帮东村服务站 ", township="勐永镇", village="帮东村")
    assert answer.status_code == 200
    assert "只显示这一次" in answer.text
    code = CODE.search(answer.text).group(1)
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    qr = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', answer.text).group(1)
    assert base64.b64decode(qr).lstrip().startswith(b"<?xml")
    assert web.base_url in answer.text  # the county's address goes on the letter too
    listed = admin.get(web.base_url + STATIONS, timeout=10).text
    row = listed.split("勐永镇 帮东村服务站", 1)[1].split("</tr>", 1)[0]
    assert "未加入" in row
    line = audit_lines(web, "create_station")[-1]
    assert (line.user_name, line.address) == (ADMIN, "127.0.0.1")
    assert "勐永镇 帮东村服务站" in line.detail
    token = _enrol(web, code)
    station = station_for_token(web.county.storage, web.county.settings.token_secret, token)
    assert station is not None and station.id == line.target
    with pytest.raises(SyncError) as used:
        _enrol(web, code)
    assert used.value.code == protocol.CODE_USED


@pytest.mark.parametrize(
    ("form", "words"),
    [
        ({"name": "   ", "township": "孟定镇", "village": "芒艾村"}, "请填写站点名称"),
        ({"name": "新站", "township": "", "village": "芒艾村"}, "请填写乡镇"),
        ({"name": "新站", "township": "孟定镇", "village": "村" * 201}, "村太长了"),
        ({"name": "新\x07站", "township": "孟定镇", "village": "芒艾村"}, "控制字符"),
        (
            {"name": "孟定镇芒艾村电商服务站", "township": "孟定镇", "village": "芒艾村"},
            "已经有叫“孟定镇芒艾村电商服务站”的站点",
        ),
    ],
)
def test_a_refused_station_writes_nothing_and_says_what_to_do(web, admin, form, words):
    before = snapshot(web)
    answer = _create(web, admin, **form)
    assert answer.status_code == 400
    assert words in answer.text
    assert 'role="alert"' in answer.text
    assert snapshot(web) == before


def test_a_new_code_for_a_station_not_yet_enrolled_voids_the_old_one(web, admin):
    first = CODE.search(
        _create(web, admin, name="班老站", township="班老乡", village="班老村").text
    )
    station_id = audit_lines(web, "create_station")[-1].target
    page = f"{STATIONS}/{station_id}/code"
    assert "确认" not in admin.get(web.base_url + page, timeout=10).text.split("<form", 2)[2]
    answer = post_form(web, admin, page, page, {})
    assert answer.status_code == 200
    second = CODE.search(answer.text).group(1)
    assert second != first.group(1)
    with pytest.raises(SyncError) as old:
        _enrol(web, first.group(1))
    assert old.value.code == protocol.UNKNOWN_CODE
    _enrol(web, second)
    line = audit_lines(web, "reissue_code")[-1]
    assert (line.target, line.user_name) == (station_id, ADMIN)


def test_an_enrolled_station_gets_a_new_code_only_when_the_admin_confirms(web, admin):
    station = web.of("勐永镇")[0]
    storage, secret = web.county.storage, web.county.settings.token_secret
    page = f"{STATIONS}/{station.id}/code"
    assert "原来的电脑不再使用" in admin.get(web.base_url + page, timeout=10).text
    before = snapshot(web)
    refused = post_form(web, admin, page, page, {})
    assert refused.status_code == 400
    assert "请勾选下面的确认" in refused.text
    assert snapshot(web) == before
    assert station_for_token(storage, secret, station.token) is not None
    answer = post_form(web, admin, page, page, {"confirm": "yes"})
    assert answer.status_code == 200
    assert station_for_token(storage, secret, station.token) is None  # the old PC stops at once
    station.token = _enrol(web, CODE.search(answer.text).group(1))
    assert "原电脑停用" in audit_lines(web, "reissue_code")[-1].detail
    assert "已加入" in admin.get(web.base_url + STATIONS, timeout=10).text


def test_an_unknown_station_is_404(web, admin):
    page = f"{STATIONS}/no-such-station/code"
    assert admin.get(web.base_url + page, timeout=10).status_code == 404
    token = csrf_of(admin.get(web.base_url + STATIONS, timeout=10).text)
    answer = admin.post(
        web.base_url + page, data={"csrftoken": token, "confirm": "yes"}, timeout=10
    )
    assert answer.status_code == 404


def test_a_form_without_its_csrf_token_is_refused_and_writes_nothing(web, admin):
    before = snapshot(web)
    answer = admin.post(
        web.base_url + STATIONS, data={"name": "x", "township": "y", "village": "z"}, timeout=10
    )
    assert answer.status_code == 403
    assert snapshot(web) == before


def test_a_supervisor_gets_404_for_every_admin_page_and_action_which_does_nothing(web):
    session = requests.Session()
    home = web.login(session, "mengding")
    token = csrf_of(home.text)
    own = web.of("孟定镇")[0]
    data = {
        "csrftoken": token,
        "name": "偷建的站",
        "township": "孟定镇",
        "village": "芒艾村",
        "role": "admin",
        "password": "a long enough password",
        "confirm": "yes",
    }
    shown = announce(web.county.storage, title="停电通知", body="周六停电。")
    routes = admin_routes()
    assert ("GET", STATIONS) in routes and ("POST", f"{STATIONS}/{{station_id}}/code") in routes
    before = snapshot(web)
    for method, template in routes:
        path = template.replace("{station_id}", own.id).replace("{user_id}", "1")
        path = path.replace("{kind}", "catalog").replace("{announcement_id}", shown.id)
        answer = session.request(method, web.base_url + path, data=data, timeout=10)
        assert answer.status_code == 404, (method, path)
        assert "没有这个页面" in answer.text
        assert "县级管理" not in answer.text and "站点管理" not in answer.text
    assert snapshot(web) == before
    assert "/web/admin" not in session.get(web.base_url + "/web/", timeout=10).text
