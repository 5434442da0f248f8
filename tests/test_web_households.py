"""帮扶台账 on the supervisor web: villages with households registered and helped and the income
brought per month, the households not helped this year, a search, one household's log — and
the scope: a supervisor sees the households registered in their township and only their own
stations' rows of them; a household of another township is 404. On SQLite and PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from stationapp.core import clock
from sync.server.reference.household_registry import Household, upsert_households
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.test_web_lines import bought
from tests.web_helpers import WebCounty, web_county

HELPED = "5309260101001"  # 孟定镇 芒艾村, sold tea to its own township's station
SERVED_ELSEWHERE = "5309260101002"  # 孟定镇 芒艾村, served only by 勐永镇's station
NOT_HELPED = "5309260102001"  # 孟定镇 班幸村
FAR = "5309270101001"  # 勐永镇


def registered(no: str, name: str, township: str, village: str) -> Household:
    return Household(
        household_no=no,
        head_name=name,
        id_masked="530926********001X",
        id_hash=f"hash-{no}",
        members=4,
        township=township,
        village=village,
        natural_village=f"{village}上寨",
        household_type="脱贫户",
        monitoring_type="",
        risk_cleared=False,
        causes=("因病",),
        phone_masked="尾号5678",
    )


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        upsert_households(
            county.county.storage,
            [
                registered(HELPED, "岩温香", "孟定镇", "芒艾村"),
                registered(SERVED_ELSEWHERE, "玉罕", "孟定镇", "芒艾村"),
                registered(NOT_HELPED, "岩保", "孟定镇", "班幸村"),
                registered(FAR, "刀玉英", "勐永镇", "勐永村"),
            ],
        )
        mine, far = county.of("孟定镇")[0], county.of("勐永镇")[0]
        county.push(mine, [bought(1, "普洱茶鲜叶", 48_000, HELPED)])
        county.push(
            far, [bought(2, "甘蔗", 77_700, SERVED_ELSEWHERE), bought(3, "甘蔗", 5_000, FAR)]
        )
        yield county


def session_of(web: WebCounty, name: str) -> requests.Session:
    session = requests.Session()
    assert web.login(session, name).status_code == 200
    return session


def test_villages_show_households_helped_and_income_of_the_supervisors_stations(web: WebCounty):
    page = session_of(web, "mengding").get(web.base_url + "/web/households", timeout=10).text
    assert "芒艾村" in page and "班幸村" in page
    assert "勐永村" not in page
    assert "¥480.00" in page  # 勐永镇's station's ¥777.00 for a 孟定镇 household is not theirs
    assert "¥777.00" not in page
    month = clock.business_day().month
    assert f'<th class="num">{month}月</th>' in page


def test_the_households_not_helped_this_year_are_listed(web: WebCounty):
    page = (
        session_of(web, "mengding")
        .get(web.base_url + "/web/households/not-helped", timeout=10)
        .text
    )
    assert NOT_HELPED in page
    assert SERVED_ELSEWHERE in page  # served, but not by a station of 孟定镇
    assert HELPED not in page
    assert FAR not in page


def test_a_household_shows_its_rows_at_the_supervisors_stations_only(web: WebCounty):
    session = session_of(web, "mengding")
    page = session.get(f"{web.base_url}/web/households/{HELPED}", timeout=10).text
    assert "岩温香" in page and "收购" in page and "普洱茶鲜叶" in page and "¥480.00" in page
    assert "**************001X" in page and "530926****" not in page  # the last four only
    elsewhere = session.get(f"{web.base_url}/web/households/{SERVED_ELSEWHERE}", timeout=10)
    assert elsewhere.status_code == 200 and "甘蔗" not in elsewhere.text


def test_a_household_of_another_township_is_404_by_url_and_by_search(web: WebCounty):
    session = session_of(web, "mengding")
    answer = session.get(f"{web.base_url}/web/households/{FAR}", timeout=10)
    assert answer.status_code == 404 and "刀玉英" not in answer.text
    search = session.get(f"{web.base_url}/web/households?find={FAR}", timeout=10).text
    assert "刀玉英" not in search
    found = session.get(f"{web.base_url}/web/households?find=岩温香", timeout=10).text
    assert HELPED in found
    admin = session_of(web, "county_admin").get(f"{web.base_url}/web/households/{FAR}", timeout=10)
    assert admin.status_code == 200 and "刀玉英" in admin.text
