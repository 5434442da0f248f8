"""The supervisor web's door: login and logout, sessions refused at once when ended, idle or
too old, or when the user is disabled; the lockout after wrong passwords; CSRF on every form;
the security headers; and the scope of the stations page (a supervisor sees only their
township's stations; a station of another township is 404, as one that does not exist).
On SQLite and on PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
import requests
import sqlalchemy as sa

from stationapp.core import clock
from sync.server.tables import users, web_audit
from sync.server.web.auth import FAILURES_BEFORE_LOCK, IDLE, LONGEST, WebAuth
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.web_helpers import ADMIN, PASSWORD, WebCounty, csrf_of, web_county


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        yield county


@pytest.fixture
def moved_clock() -> Iterator[list[timedelta]]:
    """The county's clock, moved forward by what the test appends."""
    shift: list[timedelta] = [timedelta(0)]
    clock.set_clock(lambda: datetime.now(clock.SHANGHAI) + shift[0])
    yield shift
    clock.set_clock(None)


def test_a_page_without_a_session_sends_to_the_login_and_back(web: WebCounty):
    session = requests.Session()
    answer = session.get(web.base_url + "/web/?township=x", timeout=10)
    assert answer.url.startswith(web.base_url + "/web/login?next=/web/%3Ftownship%3Dx")
    logged = web.login(session, "mengding")
    assert logged.status_code == 200
    assert "孟定镇芒艾村电商服务站" in logged.text


def test_a_wrong_password_gets_one_answer_and_writes_an_audit_line(web: WebCounty):
    session = requests.Session()
    for name in ("mengding", "nobody-at-all"):
        answer = web.login(session, name, "not the password")
        assert answer.status_code == 401
        assert "用户名或密码不对" in answer.text
    with web.county.storage.engine.connect() as conn:
        actions = (
            conn.execute(
                sa.select(web_audit.c.action).where(web_audit.c.user_name == "nobody-at-all")
            )
            .scalars()
            .all()
        )
    assert "login_failed" in actions


def test_the_stations_page_is_scoped_to_the_supervisors_township(web: WebCounty):
    session = requests.Session()
    page = web.login(session, "mengding").text
    for station in web.stations:
        assert (station.name in page) == (station.township == "孟定镇")
    other = web.of("勐永镇")[0]
    answer = session.get(f"{web.base_url}/web/stations/{other.id}", timeout=10)
    assert answer.status_code == 404
    assert other.name not in answer.text
    # the admin's filter is not a supervisor's way out of their township
    tampered = session.get(web.base_url + "/web/?township=勐永镇", timeout=10).text
    assert other.name not in tampered


def test_the_admin_sees_every_township_and_can_filter(web: WebCounty):
    session = requests.Session()
    page = web.login(session, ADMIN).text
    assert all(station.name in page for station in web.stations)
    one = session.get(web.base_url + "/web/?township=勐永镇", timeout=10).text
    assert web.of("勐永镇")[0].name in one
    assert web.of("孟定镇")[0].name not in one


def test_todays_activity_comes_from_the_pushed_events(web: WebCounty):
    session = requests.Session()
    web.login(session, ADMIN)
    before = session.get(web.base_url + "/web/", timeout=10).text
    station = web.of("勐永镇")[0]
    web.push(station, [("order.created", "o1", {"order_no": "D120601"})])
    after = session.get(web.base_url + "/web/", timeout=10).text
    assert before != after
    row = after.split(station.name, 1)[1].split("</tr>", 1)[0]
    assert "今天" in row


def test_logout_ends_the_session_at_once(web: WebCounty):
    session = requests.Session()
    page = web.login(session, "mengyong")
    cookie = session.cookies.get("county_session")
    session.post(web.base_url + "/web/logout", data={"csrftoken": csrf_of(page.text)}, timeout=10)
    replay = requests.get(web.base_url + "/web/", cookies={"county_session": cookie}, timeout=10)
    assert "/web/login" in replay.url


def test_a_disabled_users_session_is_refused_at_once(web: WebCounty):
    from sync.server.users import add_user

    add_user(
        web.county.storage, name="leaving", role="supervisor", township="孟定镇", password=PASSWORD
    )
    session = requests.Session()
    assert web.login(session, "leaving").status_code == 200
    with web.county.storage.engine.begin() as conn:
        conn.execute(users.update().where(users.c.name == "leaving").values(active=False))
    assert "/web/login" in session.get(web.base_url + "/web/", timeout=10).url


def test_an_idle_or_too_old_session_is_refused(web: WebCounty, moved_clock: list[timedelta]):
    session = requests.Session()
    web.login(session, "mengding")
    moved_clock[0] = IDLE - timedelta(minutes=1)
    assert session.get(web.base_url + "/web/", timeout=10).url.endswith("/web/")
    moved_clock[0] += IDLE + timedelta(minutes=1)  # idle since the last request
    assert "/web/login" in session.get(web.base_url + "/web/", timeout=10).url
    session = requests.Session()
    web.login(session, "mengding")
    for _ in range(int(LONGEST / IDLE) + 1):  # busy all along, but past the longest
        moved_clock[0] += IDLE - timedelta(minutes=1)
        final = session.get(web.base_url + "/web/", timeout=10)
    assert "/web/login" in final.url


def test_five_wrong_passwords_lock_the_name_even_for_the_right_one(
    web: WebCounty, moved_clock: list[timedelta]
):
    from sync.server.users import add_user

    add_user(
        web.county.storage,
        name="forgetful",
        role="supervisor",
        township="勐永镇",
        password=PASSWORD,
    )
    session = requests.Session()
    for _ in range(FAILURES_BEFORE_LOCK):
        web.login(session, "forgetful", "wrong password!")
    locked = web.login(session, "forgetful")
    assert locked.status_code == 401
    assert "已锁定到" in locked.text
    moved_clock[0] = timedelta(minutes=16)
    assert web.login(session, "forgetful").status_code == 200


def test_a_form_without_its_csrf_token_is_refused(web: WebCounty):
    session = requests.Session()
    session.get(web.base_url + "/web/login", timeout=10)  # has the cookie, not the field
    answer = session.post(
        web.base_url + "/web/login", data={"name": ADMIN, "password": PASSWORD}, timeout=10
    )
    assert answer.status_code == 403
    assert "请刷新页面后再提交" in answer.text
    bare = requests.post(
        web.base_url + "/web/login", data={"name": ADMIN, "password": PASSWORD}, timeout=10
    )
    assert bare.status_code == 403
    assert "county_session" not in bare.cookies


def test_the_login_goes_back_only_to_a_path_of_this_site(web: WebCounty):
    session = requests.Session()
    form = session.get(web.base_url + "/web/login?next=//evil.example/", timeout=10)
    answer = session.post(
        web.base_url + "/web/login",
        data={
            "csrftoken": csrf_of(form.text),
            "name": ADMIN,
            "password": PASSWORD,
            "next": "//evil.example/",
        },
        allow_redirects=False,
        timeout=10,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/web/"


def test_every_page_carries_the_security_headers(web: WebCounty):
    session = requests.Session()
    for answer in (session.get(web.base_url + "/web/login", timeout=10), web.login(session, ADMIN)):
        policy = answer.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        assert answer.headers["cache-control"] == "no-store"
    cookie = next(c for c in session.cookies if c.name == "county_session")
    assert cookie.has_nonstandard_attr("HttpOnly")


def test_the_session_cookie_is_kept_only_as_a_hash(web: WebCounty):
    session = requests.Session()
    web.login(session, ADMIN)
    token = session.cookies.get("county_session")
    with web.county.storage.engine.connect() as conn:
        dump = "\n".join(str(row) for row in conn.execute(sa.text("SELECT * FROM web_sessions")))
    assert token not in dump
    assert WebAuth(web.county.storage).viewer(token) is not None


def test_the_stations_own_protocol_needs_no_csrf_token(web: WebCounty):
    station = web.stations[0]
    web.push(station, [("sms.queued", "t1", {})])  # a POST with a bearer token, no cookie


def test_a_page_refused_is_answered_in_html_and_the_api_in_json(web: WebCounty):
    session = requests.Session()
    web.login(session, "mengding")
    page = session.get(web.base_url + "/web/no-such-page", timeout=10)
    assert page.status_code == 404 and "没有这个页面" in page.text
    api = session.get(web.base_url + "/api/v1/no-such-thing", timeout=10)
    assert api.status_code == 404 and api.json()["error"]


def test_a_file_upload_without_its_token_in_the_header_is_refused_not_failed(web: WebCounty):
    session = requests.Session()
    web.login(session, ADMIN)
    for headers in ({}, {"X-CSRFToken": "forged"}):
        answer = session.post(
            web.base_url + "/web/admin/imports/households",
            files={"file": ("registry.xlsx", b"PK not really", "application/octet-stream")},
            headers=headers,
            timeout=10,
        )
        assert answer.status_code == 403, answer.text[:200]
        assert "请刷新页面后再提交" in answer.text
