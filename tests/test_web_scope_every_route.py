"""Every route of the supervisor web, found from the routers themselves (a route added later is
tried too), asked by the supervisor of 孟定镇 for what belongs to 勐永镇: its station, record,
household, user by URL, and any list, export or report with tampered parameters
(``?township=勐永镇&station_id=…``). A route naming 勐永镇's things answers 404; no answer —
page, JSON, XLSX or PDF — carries 勐永镇's station, household or produce; no admin action is
done. On SQLite and PostgreSQL."""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
from __future__ import annotations

import io
import re
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from stationapp.core import clock
from sync.server import web as web_package
from sync.server.reference.household_registry import upsert_households
from sync.server.tables import stations, users, web_audit
from tests.county_db import county_database_kind  # noqa: F401  (a fixture)
from tests.test_web_households import FAR, registered
from tests.test_web_lines import bought
from tests.web_helpers import WebCounty, csrf_of, web_county

FAR_HEAD = "刀玉英"
FAR_PRODUCT = "甘蔗"  # only 勐永镇's station bought it
OPEN = {"/", "/web/login", "/web/logout"}  # the door itself


def routes() -> list[tuple[str, str]]:
    """(method, path) of every route the web mounts."""
    found: list[tuple[str, str]] = []

    def walk(router: Any) -> None:
        for route in router.routes:
            if hasattr(route, "methods") and hasattr(route, "path"):
                found.extend((method, route.path) for method in sorted(route.methods))
            else:
                walk(route.original_router)

    for router in web_package.ROUTERS:
        walk(router)
    return [(m, p) for m, p in found if p not in OPEN and m in ("GET", "POST")]


@pytest.fixture(scope="module")
def web(county_database_kind: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebCounty]:
    with web_county(county_database_kind, tmp_path_factory.mktemp("web")) as county:
        upsert_households(county.county.storage, [registered(FAR, FAR_HEAD, "勐永镇", "勐永村")])
        far = county.of("勐永镇")[0]
        county.push(far, [bought(9, FAR_PRODUCT, 77_700, FAR)])
        yield county


@pytest.fixture(scope="module")
def supervisor(web: WebCounty) -> requests.Session:
    session = requests.Session()
    assert web.login(session, "mengding").status_code == 200
    return session


def filled(path: str, web: WebCounty) -> str:
    """The path with every parameter naming something of 勐永镇's."""
    far = web.of("勐永镇")[0]
    with web.county.storage.engine.connect() as conn:
        far_user = conn.execute(sa.select(users.c.id).where(users.c.name == "mengyong")).scalar()
    values = {
        "station_id": far.id,
        "event_id": far.event_ids[-1],
        "household_no": FAR,
        "user_id": str(far_user),
        "announcement_id": "1",
        "kind": "households",
    }
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), "x"), path)


def tampering(web: WebCounty) -> dict[str, str]:
    far = web.of("勐永镇")[0]
    today = clock.business_day()
    return {
        "township": "勐永镇",
        "station_id": far.id,
        "station": far.id,
        "household": FAR,
        "month": today.strftime("%Y-%m"),
        "year": str(today.year),
    }


def readable(answer: requests.Response) -> str:
    """An answer's text, whatever it is: a page, JSON, an XLSX's cells, a PDF's text."""
    kind = answer.headers.get("content-type", "")
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(answer.content), read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if "pdf" in kind:
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "answer.pdf"
            pdf.write_bytes(answer.content)
            return subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
    return answer.text


def test_the_web_has_routes_to_try():
    tried = routes()
    assert ("GET", "/web/stations/{station_id}") in tried
    assert any(path.startswith("/api/v1/supervise/") for _, path in tried)
    assert any(method == "POST" for method, _ in tried)


@pytest.mark.parametrize(("method", "path"), [r for r in routes() if r[0] == "GET"])
def test_no_page_export_or_json_gives_a_supervisor_another_townships_data(
    web: WebCounty, supervisor: requests.Session, method: str, path: str
):
    far = web.of("勐永镇")[0]
    answer = supervisor.get(web.base_url + filled(path, web), params=tampering(web), timeout=30)
    if "{" in path:
        assert answer.status_code == 404, f"{path} answered {answer.status_code}"
    else:
        assert answer.status_code in (200, 404, 422), f"{path} answered {answer.status_code}"
    text = readable(answer)
    for secret in (far.name, FAR_HEAD, FAR_PRODUCT, far.id):
        assert secret not in text, f"{path} showed {secret}"


@pytest.mark.parametrize(("method", "path"), [r for r in routes() if r[0] == "POST"])
def test_no_form_lets_a_supervisor_do_an_admins_work(
    web: WebCounty, supervisor: requests.Session, method: str, path: str
):
    before = _state(web)
    page = supervisor.get(web.base_url + "/web/", timeout=10)
    answer = supervisor.post(
        web.base_url + filled(path, web),
        data={"csrftoken": csrf_of(page.text), "name": "x", "township": "勐永镇", "village": "x"},
        timeout=30,
    )
    assert answer.status_code == 404, f"{path} answered {answer.status_code}"
    assert _state(web) == before


def _state(web: WebCounty) -> tuple[Any, ...]:
    """What an admin action would change: stations, users, the audit's admin lines."""
    with web.county.storage.engine.connect() as conn:
        return (
            tuple(conn.execute(sa.select(stations.c.id, stations.c.code_hash)).all()),
            tuple(
                conn.execute(sa.select(users.c.name, users.c.active, users.c.password_hash)).all()
            ),
            conn.execute(
                sa.select(sa.func.count())
                .select_from(web_audit)
                .where(web_audit.c.action.notin_(("login", "login_failed", "logout")))
            ).scalar(),
        )
