"""待查记录 and 短信中继 over HTTP, on SQLite and PostgreSQL: the county admin sees the events
ingest flagged (a type the county does not know) and the stations whose chain it refused, across
every township; and the SMS relay's queue, today's sent and failed, and the latest failures with
the phone masked."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests

from stationapp.core import clock
from sync.server.tables import sms_relay, stations
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.web_helpers import ADMIN, WebCounty, web_county


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        yield county


@pytest.fixture
def admin(web: WebCounty) -> requests.Session:
    session = requests.Session()
    assert web.login(session, ADMIN).status_code == 200
    return session


def test_the_flagged_events_and_refused_chains_of_every_township_are_listed(web, admin):
    empty = admin.get(web.base_url + "/web/admin/flagged", timeout=10).text
    assert "县级中心认识站点上传的全部记录" in empty and "所有站点的记录链都正常" in empty
    far = web.of("勐永镇")[0]
    web.push(far, [("weather.noted", "w1", {"sky": "晴"}), ("weather.noted", "w2", {})])
    near = web.of("孟定镇")[0]
    with web.county.storage.engine.begin() as conn:
        conn.execute(
            stations.update()
            .where(stations.c.id == near.id)
            .values(flagged_reason="seq 3 已有别的内容")
        )
    page = admin.get(web.base_url + "/web/admin/flagged", timeout=10).text
    assert "2条记录，1个站点记录链有问题" in page
    assert "<b>2</b>weather.noted" in page
    rows = page.split('<table class="flagged-events">', 1)[1]
    assert rows.count(far.name) == 2 and "<code>weather.noted</code>" in rows
    broken = page.split('<table class="flagged-stations">', 1)[1].split("</table>", 1)[0]
    assert near.name in broken and "seq 3 已有别的内容" in broken


def _relay_row(station_id: str, n: int, status: str, **values: str) -> dict[str, object]:
    now = clock.now_iso()
    return {
        "station_id": station_id,
        "text_id": f"t{n}",
        "request_id": f"r{n}",
        "phone": f"1381234{n:04d}",
        "text": "您的快递到了",
        "purpose": "parcel_arrival",
        "status": status,
        "requested_at": now,
        "sent_at": "",
        "finished_at": "",
        "code": "",
        "reason": "",
        **values,
    }


def test_the_sms_relays_queue_and_failures_are_shown_with_phones_masked(web, admin):
    station = web.of("孟定镇")[1]
    now = clock.now_iso()
    with web.county.storage.engine.begin() as conn:
        conn.execute(
            sms_relay.insert(),
            [
                _relay_row(station.id, 1, "queued"),
                _relay_row(station.id, 2, "queued"),
                _relay_row(station.id, 3, "sent", sent_at=now, finished_at=now),
                _relay_row(
                    station.id,
                    4,
                    "failed",
                    finished_at=now,
                    code="isv.MOBILE_NUMBER_ILLEGAL",
                    reason="号码不对",
                ),
            ],
        )
    page = admin.get(web.base_url + "/web/admin/sms", timeout=10).text
    assert "短信服务：<b>只写入文件（测试用，不真发）</b>" in page
    for figure in ("<b>2</b>等待发送", "<b>1</b>已发出", "<b>1</b>发送失败", "<b>1</b>今天发出"):
        assert figure in page
    failures = page.split('<table class="sms-failures">', 1)[1]
    assert station.name in failures and "号码不对" in failures
    assert "<td>到件通知</td>" in failures and "parcel_arrival" not in failures
    assert "尾号0004" in failures
    assert "13812340004" not in page
